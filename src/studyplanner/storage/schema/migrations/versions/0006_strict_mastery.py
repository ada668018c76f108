"""Plans can hold each stage back until the one before it is mastered (strict mode)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: no table rebuild, so nothing that points at plans is touched.
    op.add_column(
        "plan",
        sa.Column("strict_mastery", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch_op:
        batch_op.drop_column("strict_mastery")
