"""Initial schema: pledges, cards (list columns), card_bodies (card-file JSON), photos.

Revision ID: 0001
Revises:
Create Date: 2025-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pledges",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pledges"),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("pledge_id", sa.String(36), nullable=False),
        sa.Column("template", sa.String(100), nullable=False),
        sa.Column("number", sa.String(200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("dept", sa.String(200), nullable=False),
        sa.Column("status", sa.String(100), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("base_date", sa.Date(), nullable=True),
        sa.Column("org", sa.String(200), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["pledge_id"], ["pledges.id"], name="fk_cards_pledge_id_pledges"),
        sa.PrimaryKeyConstraint("id", name="pk_cards"),
    )
    op.create_index("ix_cards_pledge_id", "cards", ["pledge_id"])
    op.create_index("ix_cards_number", "cards", ["number"])
    op.create_table(
        "card_bodies",
        sa.Column("card_id", sa.String(36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name="fk_card_bodies_card_id_cards", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("card_id", name="pk_card_bodies"),
    )
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("card_id", sa.String(36), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name="fk_photos_card_id_cards", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_photos"),
        sa.UniqueConstraint("card_id", "block", "position", name="uq_photos_card_id"),
    )


def downgrade() -> None:
    op.drop_table("photos")
    op.drop_table("card_bodies")
    op.drop_index("ix_cards_number", table_name="cards")
    op.drop_index("ix_cards_pledge_id", table_name="cards")
    op.drop_table("cards")
    op.drop_table("pledges")
