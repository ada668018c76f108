"""Mastery criteria chosen by the learner, for a whole roadmap or for one milestone."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mastery_rule",
        sa.Column("roadmap_id", sa.String(), nullable=False),
        sa.Column("milestone_key", sa.String(), nullable=False),
        sa.Column("reviewed_share", sa.Float(), nullable=False),
        sa.Column("retrievability", sa.Float(), nullable=False),
        sa.Column("quiz_score", sa.Float(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["roadmap_id"], ["roadmap.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("roadmap_id", "milestone_key"),
    )


def downgrade() -> None:
    op.drop_table("mastery_rule")
