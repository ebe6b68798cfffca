"""The history on PostgreSQL is written by the server (revision 0005, SPEC §6.4).

The program does not insert into `history` there: it describes each change it makes — through what
(편집기, 가져오기, …), the summary, the changes and the stored state after it — in `history_pending`, in
the write's own transaction. At commit the trigger function `pc_write_history()` (a SECURITY DEFINER
function of the database's owner) turns each into a history entry with the login (session_user), the
server's time, the login's 부서 from `logins` and the hash chain; a card changed without a description
(plain SQL, outside the program) gets an entry all the same. Officers' logins may only read `history`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Integer, LargeBinary, MetaData, String, Table, Text, insert
from sqlalchemy.engine import Connection

from db.actor import Actor
from db.history import Pending, _keys, changes_text, stored_body

_meta = MetaData()
# Not a model: it exists on PostgreSQL only (db/migrations/versions/0005_server_history.py).
PENDING = Table(
    "history_pending", _meta,
    Column("card_id", String(36)),
    Column("pledge_id", String(36)),
    Column("revision", Integer),
    Column("source", String(20)),
    Column("summary", Text),
    Column("changes", Text),
    Column("body", LargeBinary),
    Column("who", String(200)),
    Column("dept", String(200)),
    # No key here: the server numbers the rows (no sequence fetched first) and an officer's insert
    # asks nothing back (it may not read this table).
    implicit_returning=False,
)
_INSERT = insert(PENDING)


def server_writes_history(conn: Connection) -> bool:
    """Whether the database's server writes the history (PostgreSQL at revision 0005 and later)."""
    return conn.dialect.name == "postgresql"


def stage(conn: Connection, pending: Sequence[Pending], actor: Actor) -> None:
    """Describe the transaction's changes for the server's trigger (module docstring)."""
    if not pending:
        return
    keys = _keys(conn, [p.card_id for p in pending if p.state is not None])
    rows: list[dict[str, Any]] = []
    for p in pending:
        rows.append({"card_id": p.card_id, "pledge_id": p.pledge_id, "revision": p.revision,
                     "source": p.source[:20], "summary": p.summary, "changes": changes_text(p.changes),
                     "body": stored_body(p, keys, None), "who": actor.name[:200], "dept": actor.dept[:200]})
    for i in range(0, len(rows), 500):
        conn.execute(_INSERT, rows[i:i + 500])
