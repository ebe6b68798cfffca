"""How the program connects to a PostgreSQL server (db/engine.py pg_connect): SSL when the server
offers it over TCP, plain text when it does not, never asked on a Unix socket (PostgreSQL has no SSL
there) — and without ssl.create_default_context, which loads every certificate authority of the
system for a context that checks none (25–45 ms of CPU per connection, at every start)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from db.engine import pg_connect
from db.notify import Listener, connect_args
from db.store import Store
from tests.db.conftest import _reset
from tests.db.pgserver import PgServer


def no_certificate_authorities(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, the program must not call ssl.create_default_context."""
    def refuse(*_a: Any, **_k: Any) -> ssl.SSLContext:
        raise AssertionError("ssl.create_default_context loads the system's certificate authorities")

    monkeypatch.setattr(ssl, "create_default_context", refuse)


@pytest.fixture
def tcp_ssl() -> Iterator[PgServer]:
    srv = PgServer(tcp=True, ssl=True)
    yield srv
    srv.destroy()


@pytest.fixture
def tcp_plain() -> Iterator[PgServer]:
    srv = PgServer(tcp=True)
    yield srv
    srv.destroy()


def encrypted(store: Store) -> bool:
    with store._read() as conn:
        return bool(conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar())


def listener_encrypted(url: Any) -> bool:
    import pg8000.native  # type: ignore[import-untyped]

    conn = pg_connect(pg8000.native.Connection, connect_args(url))
    try:
        return bool(conn.run("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0][0])
    finally:
        conn.close()


def test_a_tcp_server_that_offers_ssl_is_spoken_to_over_ssl(tcp_ssl: PgServer, monkeypatch: pytest.MonkeyPatch) -> None:
    no_certificate_authorities(monkeypatch)
    with Store.open(tcp_ssl.url) as store:
        assert encrypted(store)
        assert store.period_summaries() == []
        assert listener_encrypted(store.url)


def test_a_tcp_server_without_ssl_is_spoken_to_in_plain_text(tcp_plain: PgServer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    no_certificate_authorities(monkeypatch)
    with Store.open(tcp_plain.url) as store:
        assert not encrypted(store)
        assert store.period_summaries() == []
        assert not listener_encrypted(store.url)


def test_a_unix_socket_connects_without_asking_for_ssl(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _reset(pg_url)
    no_certificate_authorities(monkeypatch)
    with Store.open(pg_url) as store:
        assert not encrypted(store)
        seen: list[bool] = []
        listener = Listener(store.url, lambda _c: None, seen.append).start()
        try:
            assert listener.connected.wait(20)
        finally:
            listener.stop()
        assert seen[0] is True


def test_an_ssl_context_of_the_callers_own_is_still_used(tcp_ssl: PgServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """connect_args' ssl_context (e.g. a verifying one an office sets up) goes to pg8000 unchanged."""
    import pg8000.native

    no_certificate_authorities(monkeypatch)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with Store.open(tcp_ssl.url) as store:
        conn = pg_connect(pg8000.native.Connection, {**connect_args(store.url), "ssl_context": ctx})
    try:
        assert conn.run("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0][0] is True
    finally:
        conn.close()
