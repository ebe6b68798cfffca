"""Live updates from a shared PostgreSQL database (SPEC §6.4): which card another program changed.

The server's trigger (migration 0006) sends a notice on the channel `pledgecard_cards` when a write to
a card row commits: {"id", "version", "login", "op", "deleted", "app"}. A Listener keeps its own pg8000
connection in a background thread, LISTENs there and hands each notice to a callback (from that
thread: the window's bridge, desktop/ui/live.py, passes it on to the GUI thread). When the server
goes away it says so (on_state(False)), tries again every `retry` seconds and says when it is back
(on_state(True)): notices sent meanwhile are lost, so the listener of a window re-reads its list then.
No Qt here: plain Python, usable by the command line, a bench or a test.
"""

from __future__ import annotations

import contextlib
import json
import logging
import select
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import URL

from db.engine import SESSION, close_fully, pg_connect

log = logging.getLogger(__name__)

CHANNEL = "pledgecard_cards"
POLL_S = 0.5  # the longest a notice can wait in the driver's buffer before it is read


@dataclass(frozen=True, slots=True)
class Change:
    """One committed write to a card row."""

    card_id: str
    version: int
    login: str  # the server login that wrote it
    op: str  # insert | update | delete
    deleted: bool  # the card is in the 휴지통 (or purged, op delete)
    app: str  # the writing program's session (db.engine.SESSION)

    @property
    def own(self) -> bool:
        """Written by this running program (its own save): nothing to tell the officer."""
        return self.app == SESSION

    @classmethod
    def parse(cls, payload: str) -> Change | None:
        try:
            d = json.loads(payload)
            return cls(str(d["id"]), int(d["version"]), str(d.get("login") or ""), str(d.get("op") or ""),
                       bool(d.get("deleted")), str(d.get("app") or ""))
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable change notice %r", payload[:200])
            return None


def connect_args(url: URL) -> dict[str, Any]:
    """pg8000.connect's arguments for a SQLAlchemy URL (host, port, unix_sock, user, password, …)."""
    from sqlalchemy.dialects.postgresql.pg8000 import PGDialect_pg8000

    _args, kwargs = PGDialect_pg8000().create_connect_args(url)  # type: ignore[no-untyped-call]
    kwargs = dict(kwargs)
    kwargs["application_name"] = f"{SESSION}-listen"
    kwargs.setdefault("timeout", 10)  # a server that vanished without a word is noticed in seconds
    return kwargs


class Listener:
    """LISTEN on `url` in a daemon thread until stop(). Callbacks run on that thread."""

    def __init__(self, url: URL, on_change: Callable[[Change], None],
                 on_state: Callable[[bool], None] | None = None, *, retry: float = 1.0) -> None:
        self._kwargs = connect_args(url)
        self._on_change = on_change
        self._on_state = on_state or (lambda _up: None)
        self._retry = retry
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pledgecard-listen", daemon=True)
        self._conn: Any = None
        self.connected = threading.Event()  # set while listening (tests and the bench wait on it)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        up: bool | None = None
        while not self._stop.is_set():
            try:
                self._listen_once(lambda: self._say(up_now=True))
                up = True
            except Exception as exc:  # any failure of the connection: say so once, try again
                log.info("listener: %s", exc)
            finally:
                self._close()
            if self._stop.is_set():
                break
            if up is not False:
                up = False
                self._say(up_now=False)
            self._stop.wait(self._retry)

    def _say(self, *, up_now: bool) -> None:
        if up_now:
            self.connected.set()
        else:
            self.connected.clear()
        try:
            self._on_state(up_now)
        except Exception:
            log.exception("listener state callback failed")

    def _listen_once(self, on_up: Callable[[], None]) -> None:
        import pg8000.native  # type: ignore[import-untyped]

        conn = pg_connect(pg8000.native.Connection, self._kwargs)
        self._conn = conn
        conn.run(f"LISTEN {CHANNEL}")
        on_up()
        sock = conn._usock  # the driver's socket: readable when the server sends something
        while not self._stop.is_set():
            select.select([sock], [], [], POLL_S)
            # A round trip reads what has arrived (notices come with it) and tells a dead server from an
            # idle one; it also drains a notice that came in the same packet as the last answer.
            conn.run("SELECT 1")
            while conn.notifications:
                _pid, _channel, payload = conn.notifications.popleft()
                change = Change.parse(payload)
                if change is not None:
                    try:
                        self._on_change(change)
                    except Exception:
                        log.exception("change callback failed")

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                close_fully(conn, lambda c: c.close())
