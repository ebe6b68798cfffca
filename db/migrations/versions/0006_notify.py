"""Live updates (issue 14, SPEC §6.4): on PostgreSQL every insert, update or delete of a card row tells
the programs listening on the channel `pledgecard_cards` which card changed, to which version, by
whom (the server's login) and from which program (its application_name), so an open window refreshes
its list and warns about an open card changed elsewhere (db/notify.py). The notice is sent when the
writing transaction commits, never for one rolled back. SQLite has one writer per file: nothing to do.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHANNEL = "pledgecard_cards"  # db/notify.py listens here

FUNCTION = f"""
CREATE OR REPLACE FUNCTION pledgecard_notify_card() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r cards%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'id', r.id,
        'version', r.version,
        'login', current_user,
        'op', lower(TG_OP),
        'deleted', r.deleted_at IS NOT NULL,
        'app', current_setting('application_name', true)
    )::text);
    RETURN NULL;
END
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    op.execute("DROP TRIGGER IF EXISTS cards_notify ON cards")
    op.execute("CREATE TRIGGER cards_notify AFTER INSERT OR UPDATE OR DELETE ON cards "
               "FOR EACH ROW EXECUTE FUNCTION pledgecard_notify_card()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS cards_notify ON cards")
    op.execute("DROP FUNCTION IF EXISTS pledgecard_notify_card()")
