"""Milestones the learner adds carry what counts as done."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: no table rebuild.
    op.add_column(
        "milestone", sa.Column("criteria", sa.String(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("milestone") as batch_op:
        batch_op.drop_column("criteria")
