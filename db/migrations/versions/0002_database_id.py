"""The database's identity: a `meta` table holding a `database_id` (uuid), so that backups are matched
to the database they were taken of (two databases may share a file name).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    # db/migrate.py passes the id it chose (the backup taken before this upgrade is named by it).
    chosen = context.config.attributes.get("database_id") if context.config is not None else None
    op.bulk_insert(meta, [{"key": "database_id", "value": chosen or uuid.uuid4().hex}])


def downgrade() -> None:
    op.drop_table("meta")
