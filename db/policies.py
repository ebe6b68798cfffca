"""Roles, grants and row-level security on PostgreSQL (`pledgecard admin init`, SPEC §6.4).

Two group roles per database (no login of their own): `<database>_officer`, which every officer's
login is a member of, and `<database>_planning` (the planning office), itself a member of the first.
- everyone reads every table;
- `cards`, `card_bodies`, `photos`: an officer inserts, changes and deletes only rows of cards whose
  주관부서 is the login's department (`logins`), the planning office all (policies calling
  `pc_can_write`, revision 0005);
- `pledges`: insert, and delete (a pledge left without cards, as purging does);
- `history_photos`, `history_pending`: insert only (the program's description of its change, for the
  trigger that writes the history: db/serverhistory.py); `history`, `meta`, `logins`: read only;
- `periods`, `period_events`: opening, closing and reopening periods is the planning office's.
No TRUNCATE for anyone but the owner (it would pass by row-level security). Everything is idempotent:
run again, it comes out the same (policies are dropped and made again in one transaction).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

WRITABLE = ("cards", "card_bodies", "photos")  # row-level security by the card's 주관부서
RLS_TABLES = (*WRITABLE, "history_pending")
READ_ONLY = ("history", "meta", "logins", "alembic_version", "history_tx")


def quote(conn: Connection, name: str) -> str:
    """`name` as an SQL identifier (quoted by the server's own rules)."""
    return str(conn.exec_driver_sql("SELECT quote_ident(%s)", (name,)).scalar())


def role_names(conn: Connection) -> tuple[str, str]:
    """(officer group, planning group) of this database: named after it, at most 63 bytes each."""
    db = str(conn.exec_driver_sql("SELECT current_database()").scalar())
    return _cut(f"{db}_officer"), _cut(f"{db}_planning")


def _cut(name: str) -> str:
    raw = name.encode("utf-8")
    if len(raw) <= 63:
        return name
    return raw[:54].decode("utf-8", "ignore") + "_" + name.rsplit("_", 1)[-1][:8]


def _ensure_role(conn: Connection, name: str) -> None:
    if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first() is None:
        conn.exec_driver_sql(f"CREATE ROLE {quote(conn, name)} NOLOGIN")


def _policy(conn: Connection, table: str, name: str, body: str) -> None:
    conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
    conn.exec_driver_sql(f"CREATE POLICY {name} ON {table} {body}")


def apply(conn: Connection) -> tuple[str, str]:
    """Roles, grants and policies, as the database's owner (in the caller's transaction). Returns the
    group roles (officer, planning)."""
    officer, planning = role_names(conn)
    _ensure_role(conn, officer)
    _ensure_role(conn, planning)
    o, p = quote(conn, officer), quote(conn, planning)
    db = quote(conn, str(conn.exec_driver_sql("SELECT current_database()").scalar()))
    schema = quote(conn, str(conn.exec_driver_sql("SELECT current_schema()").scalar()))
    run = conn.exec_driver_sql
    run(f"GRANT {o} TO {p}")
    run(f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {o}")
    run(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")  # before PostgreSQL 15 everyone could create tables
    run(f"GRANT USAGE ON SCHEMA {schema} TO {o}")
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {o}")
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {p}")
    run(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {o}")
    run(f"GRANT INSERT, UPDATE, DELETE ON cards, card_bodies, photos TO {o}")
    run(f"GRANT INSERT, DELETE ON pledges TO {o}")
    run(f"GRANT INSERT ON history_photos, history_pending TO {o}")
    run(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {o}")
    run(f"GRANT INSERT, UPDATE ON periods TO {p}")
    run(f"GRANT INSERT ON period_events TO {p}")
    for table in RLS_TABLES:
        run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    _policy(conn, "cards", "pc_read", "FOR SELECT USING (true)")
    _policy(conn, "cards", "pc_insert", "FOR INSERT WITH CHECK (pc_can_write(dept))")
    _policy(conn, "cards", "pc_update", "FOR UPDATE USING (pc_can_write(dept)) WITH CHECK (pc_can_write(dept))")
    _policy(conn, "cards", "pc_delete", "FOR DELETE USING (pc_can_write(dept))")
    for table in ("card_bodies", "photos"):
        _policy(conn, table, "pc_read", "FOR SELECT USING (true)")
        _policy(conn, table, "pc_insert", "FOR INSERT WITH CHECK (pc_can_write_card(card_id))")
        _policy(conn, table, "pc_update",
                "FOR UPDATE USING (pc_can_write_card(card_id)) WITH CHECK (pc_can_write_card(card_id))")
        _policy(conn, table, "pc_delete", "FOR DELETE USING (pc_can_write_card(card_id))")
    # A description of the transaction's own change of a card this login may change (or of a card no
    # longer there: a purge describes the card after deleting it).
    _policy(conn, "history_pending", "pc_insert",
            "FOR INSERT WITH CHECK (txid = txid_current() AND (pc_can_write_card(card_id) "
            "OR NOT EXISTS (SELECT 1 FROM cards c WHERE c.id = card_id)))")
    return officer, planning
