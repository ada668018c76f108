"""Cards of the learner's own decks, card creation times, quiz scores, a review-queue index."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("card") as batch_op:
        batch_op.alter_column("roadmap_id", existing_type=sa.String(), nullable=True)
        batch_op.add_column(sa.Column("deck", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_card_deck"), ["deck"], unique=False)
        # Review queues and day loads read only this index, not the cards' text.
        batch_op.create_index(
            "ix_card_state_suspended_due", ["state", "suspended", "due"], unique=False
        )
    op.create_table(
        "quiz_result",
        sa.Column("roadmap_id", sa.String(), nullable=True),
        sa.Column("topic_id", sa.String(), nullable=False),
        sa.Column("deck", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("quiz_result") as batch_op:
        batch_op.create_index(batch_op.f("ix_quiz_result_topic_id"), ["topic_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quiz_result") as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_result_topic_id"))
    op.drop_table("quiz_result")
    with op.batch_alter_table("card") as batch_op:
        batch_op.drop_index("ix_card_state_suspended_due")
        batch_op.drop_index(batch_op.f("ix_card_deck"))
        batch_op.drop_column("created_at")
        batch_op.drop_column("deck")
        batch_op.alter_column("roadmap_id", existing_type=sa.String(), nullable=False)
