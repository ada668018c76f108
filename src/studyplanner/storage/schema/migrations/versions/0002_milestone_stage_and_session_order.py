"""Milestones name their stage; sessions keep their order within a day."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestone") as batch_op:
        batch_op.add_column(sa.Column("stage_id", sa.String(), nullable=False, server_default=""))
    # Stage-end milestones name their own stage.
    op.execute("UPDATE milestone SET stage_id = ref_id WHERE kind = 'stage_end'")
    with op.batch_alter_table("study_session") as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE study_session SET seq = id")


def downgrade() -> None:
    with op.batch_alter_table("study_session") as batch_op:
        batch_op.drop_column("seq")
    with op.batch_alter_table("milestone") as batch_op:
        batch_op.drop_column("stage_id")
