"""History (the audit trail, with its hash chain head in `meta`), the photos it alone still refers
to, and reporting periods with their open/close/reopen events (SPEC §6.2).

Nothing existing is changed: the cards, bodies, photos and meta of 0002 stay as they are. History
starts at the upgrade (an empty chain, head 0). Every 기준일 the cards hold is a period; `periods`
holds only those an officer opened, closed or reopened, so every 기준일 already in the database stays
open until someone opens a newer one (`period new`): no card becomes read-only behind anyone's back.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "history",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("card_id", sa.String(36), nullable=False),
        sa.Column("pledge_id", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("dept", sa.String(200), nullable=False),
        sa.Column("os_user", sa.String(200), nullable=False),
        sa.Column("host", sa.String(200), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_history"),
    )
    op.create_index("ix_history_card_id", "history", ["card_id"])
    op.create_index("ix_history_pledge_id", "history", ["pledge_id"])
    op.create_table(
        "history_photos",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_history_photos"),
    )
    op.create_table(
        "periods",
        sa.Column("base_date", sa.Date(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("base_date", name="pk_periods"),
    )
    op.create_table(
        "period_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("base_date", sa.Date(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_period_events"),
    )
    op.create_index("ix_period_events_base_date", "period_events", ["base_date"])
    meta = sa.table("meta", sa.column("key", sa.String()), sa.column("value", sa.Text()))
    op.bulk_insert(meta, [{"key": "history_head", "value": f"0:{GENESIS}"}])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM meta WHERE key = 'history_head'"))
    op.drop_index("ix_period_events_base_date", table_name="period_events")
    op.drop_table("period_events")
    op.drop_table("periods")
    op.drop_table("history_photos")
    op.drop_index("ix_history_pledge_id", table_name="history")
    op.drop_index("ix_history_card_id", table_name="history")
    op.drop_table("history")
