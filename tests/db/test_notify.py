"""Change notices from PostgreSQL (migration 0006, db/notify.py): another program's save reaches a
listener with the card, its version and the login; this program's own saves are told apart; a
listener that lost its server says so and listens again when the server is back. Connection errors
read in Korean."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.errors import ConnectionLostError
from db.notify import Change, Listener
from db.store import Store, StoreError
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import _reset, full_card
from tests.db.pgserver import PgServer

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("live_writer.py")


def run_writer(url: str, card_id: str, title: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(WRITER), url, card_id, title], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    return int(out.split()[1])


@pytest.fixture
def server() -> Iterator[PgServer]:
    srv = PgServer()
    yield srv
    srv.destroy()


def _next(q: queue.Queue[object], timeout: float = 20) -> object:
    return q.get(timeout=timeout)


def test_another_programs_save_reaches_the_listener(pg_url: str) -> None:
    _reset(pg_url)
    reg = TemplateRegistry.load()
    got: queue.Queue[object] = queue.Queue()
    with Store.open(pg_url, registry=reg) as s:
        card = s.add(full_card(reg))
        listener = Listener(s.url, got.put).start()
        try:
            assert listener.connected.wait(20)
            version = run_writer(pg_url, card.id, "다른 담당자가 고친 제목")
            change = _next(got)
            assert isinstance(change, Change)
            assert (change.card_id, change.version, change.login, change.op) == (card.id, version, "pledge", "update")
            assert not change.own  # another program's session
            mine = s.get(card.id)
            mine.title = "내가 고친 제목"
            s.save(mine)
            own = _next(got)
            assert isinstance(own, Change) and own.own and own.version == mine.version
            s.delete(card.id)
            gone = _next(got)
            assert isinstance(gone, Change) and gone.deleted
        finally:
            listener.stop()


def test_a_rolled_back_write_sends_nothing(pg_url: str) -> None:
    _reset(pg_url)
    reg = TemplateRegistry.load()
    got: queue.Queue[object] = queue.Queue()
    with Store.open(pg_url, registry=reg) as s:
        first = s.add(full_card(reg, number="1-1-1"))
        listener = Listener(s.url, got.put).start()
        try:
            assert listener.connected.wait(20)
            bad = full_card(reg, number="1-9-1")
            bad.title = "x\ud800"  # cannot be stored: the import rolls back whole
            with pytest.raises(StoreError):
                s.import_cards([full_card(reg, number="1-2-1"), bad])
            run_writer(pg_url, first.id, "뒤의 저장")
            change = _next(got)
            assert isinstance(change, Change) and change.card_id == first.id  # nothing of the rolled-back import
        finally:
            listener.stop()


def test_the_listener_comes_back_with_the_server(server: PgServer) -> None:
    reg = TemplateRegistry.load()
    got: queue.Queue[object] = queue.Queue()
    with Store.open(server.url, registry=reg) as s:
        card = s.add(full_card(reg))
        listener = Listener(s.url, got.put, got.put, retry=0.2).start()
        try:
            assert _next(got) is True
            server.stop()
            assert _next(got) is False
            with pytest.raises(ConnectionLostError, match="서버"):
                s.get(card.id)
            server.start()
            assert _next(got) is True
            run_writer(server.url, card.id, "다시 켜진 뒤")
            change = _next(got)
            assert isinstance(change, Change) and change.card_id == card.id
            assert s.get(card.id).title == "다시 켜진 뒤"  # the store's pool reconnects by itself
        finally:
            listener.stop()
