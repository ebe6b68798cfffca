"""Engines: where the database is (default file, a path, or a URL) and the SQLite connection set-up."""

from __future__ import annotations

import contextlib
import os
import uuid
import weakref
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from db.errors import StoreError

# This program's sessions name themselves so that a change notice of its own saves is told apart
# (db/notify.py): one name per running program, in the server's application_name.
SESSION = f"pledgecard-{os.getpid()}-{uuid.uuid4().hex[:8]}"
IMMEDIATE = "pledgecard_immediate"  # execution option: open SQLite write transactions with BEGIN IMMEDIATE


def resolve(url: str | Path | None) -> tuple[URL, Path | None]:
    """The SQLAlchemy URL and, for an SQLite file, its path (backups need it)."""
    if url is None:
        from desktop.core.paths import default_db_path

        url = default_db_path()
    if isinstance(url, Path) or "://" not in url:
        path = Path(url).expanduser().absolute()
        return URL.create("sqlite+pysqlite", database=str(path)), path
    try:
        u = make_url(url)
    except ArgumentError:
        raise StoreError(f"데이터베이스 주소를 읽을 수 없습니다: '{url}'") from None
    if u.drivername == "postgresql":
        # pg8000 is pure Python (no libpq, no OpenSSL build to ship): the bundle stays within its size.
        u = u.set(drivername="postgresql+pg8000")
    if u.get_backend_name() == "sqlite":
        db = u.database or ""
        if not db or db == ":memory:" or db.startswith("file:"):
            return u, None
        path = Path(db).expanduser().absolute()
        return u.set(database=str(path)), path
    return u, None


def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _sqlite_begin):
    # DDL then runs inside the transaction and a read-then-write is one consistent unit.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a save that returned survives a power cut too (SPEC §6), at one fsync per debounced save.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=5000")
    finally:
        cur.close()


def _pg_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # pg8000 reads dates and times with strptime: a third of the time of listing 1,000 cards. The C
    # fromisoformat reads the server's text as well (what it cannot read goes to pg8000's own).
    if hasattr(dbapi_connection, "register_in_adapter"):
        dbapi_connection.register_in_adapter(1114, _timestamp_in)  # timestamp without time zone
        dbapi_connection.register_in_adapter(1082, _date_in)


def _timestamp_in(data: str) -> Any:
    try:
        return datetime.fromisoformat(data)
    except ValueError:
        from pg8000.converters import timestamp_in  # type: ignore[import-untyped]

        return timestamp_in(data)


def _date_in(data: str) -> Any:
    try:
        return date.fromisoformat(data)
    except ValueError:
        from pg8000.converters import date_in

        return date_in(data)


def _sqlite_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock up front: two writers never deadlock upgrading a read lock.
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def close_fully(dbapi_connection: Any, close: Callable[[Any], None]) -> None:
    """close(dbapi_connection), then its socket for good. pg8000's close sends a goodbye through the
    buffered file over the socket; on a connection the server dropped that fails, and pg8000 closes the
    socket but forgets the file, which keeps the descriptor open (a ResourceWarning, a leaked fd)."""
    parts = [getattr(dbapi_connection, name, None) for name in ("_sock", "_usock")]  # file, socket
    try:
        close(dbapi_connection)
    finally:
        for obj in parts:
            if obj is not None:
                with contextlib.suppress(Exception):
                    obj.close()


def pg_connect(factory: Callable[..., Any], params: dict[str, Any]) -> Any:
    """factory(**params) — pg8000's connect — on a socket opened here, and closed here when the server
    refuses the start-up: pg8000 then says goodbye on a connection the server already closed, fails,
    and leaves its own socket open (a ResourceWarning and a leaked descriptor per attempt while a
    server stops or starts)."""
    from pg8000.core import _make_socket  # type: ignore[import-untyped]

    p = dict(params)
    unix_sock, ssl_context = p.pop("unix_sock", None), p.pop("ssl_context", None)
    # An SSL context given by the caller is negotiated by pg8000 as it always is; without one, SSL is
    # negotiated below as pg8000 would (used when the server offers it, unverified), only cheaper.
    sock = _make_socket(unix_sock, p.pop("sock", None), p.get("host", "localhost"), p.get("port", 5432),
                        p.get("timeout"), p.get("source_address"), p.get("tcp_keepalive", True),
                        False if ssl_context is None else ssl_context)
    try:
        if ssl_context is None and unix_sock is None:
            sock = _prefer_ssl(sock, p.get("host", "localhost"))
    except BaseException:
        with contextlib.suppress(Exception):
            sock.close()
        raise
    for key in ("host", "port", "source_address", "tcp_keepalive"):
        p.pop(key, None)
    try:
        conn = factory(sock=sock, ssl_context=False, **p)
    except BaseException:
        with contextlib.suppress(Exception):
            sock.close()
        raise
    # Whatever drops the connection without closing it (a pool discarded by the collector, a connection
    # a failed reset left behind), its socket is closed with it, never left to the garbage collector.
    weakref.finalize(conn, _close_quietly, sock)
    return conn


def _prefer_ssl(sock: Any, host: str) -> Any:
    """pg8000's own SSL negotiation without a context of its own (ssl_context None): ask the server for
    SSL, wrap the socket when it agrees, go on in plain text when it declines — with no certificate
    check. pg8000 builds that unverifying context with ssl.create_default_context(), which loads the
    system's certificate authorities it then never uses: 25–45 ms of CPU per connection, at every
    start and every reconnect. Not asked on a Unix socket: PostgreSQL always declines SSL there
    (as libpq, which never asks there either)."""
    import ssl
    import struct

    sock.sendall(struct.pack("!ii", 8, 80877103))  # SSLRequest: length 8, the SSL request code
    if sock.recv(1) != b"S":  # declined (or anything else: the start-up that follows says what is wrong)
        return sock
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # what create_default_context makes, minus the CAs
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(sock, server_hostname=host)


def _close_quietly(sock: Any) -> None:
    with contextlib.suppress(Exception):
        sock.close()


def _pg_quirks(engine: Engine) -> None:
    """pg8000 on a server that went away, or that wants a password none was given for."""
    dialect = engine.dialect
    plain_close = dialect.do_close

    def do_close(dbapi_connection: Any) -> None:
        # Closing is discarding: a connection the server already dropped cannot say goodbye, and that
        # is no error worth a traceback in the log.
        with contextlib.suppress(Exception):
            close_fully(dbapi_connection, plain_close)

    setattr(dialect, "do_close", do_close)  # noqa: B010 - this engine's dialect only (terminate calls it too)

    def connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        dbapi = dialect.loaded_dbapi
        try:
            return pg_connect(dbapi.Connection, cparams)  # the class: pg8000.connect() takes no sock
        except AttributeError:  # pg8000 1.31 meets a password request without a password this way
            if cparams.get("password") is None:
                raise dbapi.InterfaceError("The server requested password-based authentication, "
                                           "but no password was provided.") from None
            raise

    event.listen(engine, "do_connect", connect)


def make_engine(url: URL, *, single: bool = False) -> Engine:
    """An engine; `single` gives one connection per use and nothing pooled (migrations, checks)."""
    kwargs: dict[str, Any] = {}
    if single:
        kwargs["poolclass"] = NullPool
    if url.get_backend_name() == "postgresql":
        # A server restarted meanwhile leaves dead pooled connections: checked (a round trip) before use,
        # so the first save after a restart goes through instead of failing once.
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"application_name": SESSION}
    try:
        engine = create_engine(url, **kwargs)
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"데이터베이스 드라이버 '{exc.name}'이(가) 설치되어 있지 않습니다 ({url.get_backend_name()})"
        ) from None
    except ArgumentError as exc:
        raise StoreError(f"데이터베이스 주소를 쓸 수 없습니다: '{url.render_as_string()}' ({exc})") from None
    if engine.dialect.name == "postgresql":
        _pg_quirks(engine)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.driver == "pg8000":
        event.listen(engine, "connect", _pg_connect)
    return engine
