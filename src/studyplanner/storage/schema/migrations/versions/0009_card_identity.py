"""A card keeps the id of the note it came from (an Anki GUID) and when its text last changed."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: no table rebuild. Cards made before have no note id (they are exported
    # under their own) and have not changed since they were made.
    op.add_column("card", sa.Column("guid", sa.String(), nullable=True))
    op.add_column("card", sa.Column("modified_at", sa.DateTime(), nullable=True))
    op.create_index("ix_card_guid", "card", ["guid"])


def downgrade() -> None:
    op.drop_index("ix_card_guid", "card")
    with op.batch_alter_table("card") as batch_op:
        batch_op.drop_column("modified_at")
        batch_op.drop_column("guid")
