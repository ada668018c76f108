"""Indexes for the deck tree and the card browser's deck:, tag: and tag:none searches."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A deck's cards by (roadmap, topic), and the deck tree's list of decks, one seek a deck.
    op.create_index(
        "ix_card_roadmap_topic", "card", ["roadmap_id", "topic_id", "deck", "suspended"]
    )
    # tag: scans this narrow index rather than the cards; tag:none is a range of it.
    op.create_index("ix_card_tags", "card", ["tags"])
    # New cards only: the deck tree's new counts and a review's new cards without a scan.
    op.create_index(
        "ix_card_new",
        "card",
        ["roadmap_id", "topic_id", "deck", "suspended"],
        sqlite_where=sa.text("last_review IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_card_new", "card")
    op.drop_index("ix_card_tags", "card")
    op.drop_index("ix_card_roadmap_topic", "card")
