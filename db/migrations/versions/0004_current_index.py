"""An index that finds each pledge's latest card without reading the card rows: the current period's
list (db/periodstore.py) reads it instead of every card of every period, so the list does not grow
slower as periods pile up. Nothing else changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cards_current", "cards", ["pledge_id", "deleted_at", "base_date"])


def downgrade() -> None:
    op.drop_index("ix_cards_current", table_name="cards")
