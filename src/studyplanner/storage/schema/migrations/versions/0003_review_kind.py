"""Each review records what kind of card was answered; reviews are found by time."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review") as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(), nullable=False, server_default="review"))
        batch_op.create_index(batch_op.f("ix_review_reviewed_at"), ["reviewed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review") as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_reviewed_at"))
        batch_op.drop_column("kind")
