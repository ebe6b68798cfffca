"""Live updates and connection loss in the window on a shared PostgreSQL database (issue 14).

Two program instances: this test's window and another process that saves through the Store
(tests/db/live_writer.py). The other's save appears in the window's list and, for the open card, in
the bar; the server is stopped and started while the officer types, and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from db.outbox import Outbox, folder_for
from db.store import Store
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import Settings
from tests.db.conftest import _reset, pg_url  # noqa: F401 - the suite's server fixture
from tests.db.pgserver import PgServer
from tests.db.test_notify import run_writer
from tests.ui.shell_driver import real_editor_available
from tests.ui.test_shell import add_cards, click_row, make_editor, on_next_dialog, type_title

pytestmark = pytest.mark.skipif(not real_editor_available(), reason="the card form")


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def opener(qtbot: Any, registry: TemplateRegistry) -> Callable[[Store], MainWindow]:
    def make(store: Store) -> MainWindow:
        w = MainWindow(store, registry, Settings(officer_asked=True, samples_offered=True),
                       editor=make_editor(registry))
        qtbot.addWidget(w)
        w.start()
        w.show()
        assert w.live is not None
        qtbot.waitUntil(lambda: w.live is not None and w.live.bridge.up, timeout=20000)
        return w
    return make


@pytest.fixture
def server() -> Iterator[PgServer]:
    srv = PgServer()
    yield srv
    srv.destroy()


def title_in_list(w: MainWindow, card_id: str) -> str:
    s = w.list.model.summary(card_id)
    return s.title if s is not None else ""


def test_another_programs_save_shows_in_the_list_and_the_open_cards_bar(
        qtbot: Any, pg_url: str,  # noqa: F811 - the fixture imported above
        registry: TemplateRegistry, opener: Callable[[Store], MainWindow]) -> None:
    _reset(pg_url)
    with Store.open(pg_url, registry=registry) as store:
        cards = add_cards(store, registry)
        w = opener(store)
        a, b = cards["1-2-2"], cards["2-2-1"]
        click_row(qtbot, w, a.id)
        assert w.current_id == a.id

        run_writer(pg_url, b.id, "다른 과에서 고친 제목")  # a card not open here: the list only
        qtbot.waitUntil(lambda: title_in_list(w, b.id) == "다른 과에서 고친 제목", timeout=10000)
        assert w.live is not None and not w.live.bar.isVisible()

        type_title(qtbot, w, " 내 수정")  # my own save: no bar
        qtbot.waitUntil(lambda: title_in_list(w, a.id).endswith("내 수정"), timeout=10000)
        qtbot.wait(700)
        assert not w.live.bar.isVisible()

        version = run_writer(pg_url, a.id, "옆 자리에서 고친 제목")  # the open card
        qtbot.waitUntil(w.live.bar.isVisible, timeout=10000)
        assert "다른 사용자(pledge)가 변경함" in w.live.bar.text.text()
        qtbot.waitUntil(lambda: title_in_list(w, a.id) == "옆 자리에서 고친 제목", timeout=10000)
        assert w.editor.card().title.endswith("내 수정")  # the form is not changed under the officer

        w.live.bar.reload.click()  # 다시 불러오기
        assert w.editor.card().title == "옆 자리에서 고친 제목" and w.editor.card().version == version
        assert not w.live.bar.isVisible()
        w.close()


def test_the_listener_starts_once_the_window_is_up_and_misses_no_save_made_before(
        qtbot: Any, pg_url: str,  # noqa: F811 - the fixture imported above
        registry: TemplateRegistry) -> None:
    """At start the window shows its list before the listener connects (its connection would hold up
    the first paint); a save made after the list was read and before the listener listens still shows."""
    _reset(pg_url)
    with Store.open(pg_url, registry=registry) as store:
        a = add_cards(store, registry)["1-2-2"]
        w = MainWindow(store, registry, Settings(officer_asked=True, samples_offered=True),
                       editor=make_editor(registry))
        qtbot.addWidget(w)
        w.start()
        w.show()
        assert w.live is not None and w.live.bridge.listener is None  # not before the event loop runs
        run_writer(pg_url, a.id, "창이 뜨는 사이에 고친 제목")  # the list was read; nobody listens yet
        qtbot.waitUntil(lambda: w.live is not None and w.live.bridge.up, timeout=20000)
        qtbot.waitUntil(lambda: title_in_list(w, a.id) == "창이 뜨는 사이에 고친 제목", timeout=10000)
        w.close()


def test_compare_merges_my_open_edit_with_the_stored_card(
        qtbot: Any, pg_url: str,  # noqa: F811 - the fixture imported above
        registry: TemplateRegistry, opener: Callable[[Store], MainWindow]) -> None:
    _reset(pg_url)
    with Store.open(pg_url, registry=registry) as store:
        cards = add_cards(store, registry)
        a = cards["1-2-2"]
        w = opener(store)
        click_row(qtbot, w, a.id)
        run_writer(pg_url, a.id, "저장된 제목")
        assert w.live is not None
        qtbot.waitUntil(w.live.bar.isVisible, timeout=10000)

        w.saver.read_only = True  # the officer's edit is still unsaved when 비교 is pressed
        type_title(qtbot, w, " (내 편집)")
        w.saver.read_only = False
        w.saver.mark_changed()
        seen: dict[str, Any] = {}

        def review(d: QWidget) -> None:
            live = w.live
            assert live is not None and live.review is d
            conflicts = d.conflicts(a.id)  # type: ignore[attr-defined]
            seen["places"] = [(c.here, c.theirs) for c in conflicts]
            d.choose(a.id, conflicts[0].key, "theirs")  # type: ignore[attr-defined]
            d.accept()  # type: ignore[attr-defined]

        on_next_dialog(qtbot, review)
        w.live.bar.compare.click()
        assert seen["places"] == [("저장된 제목", a.title + " (내 편집)")]
        assert store.get(a.id).title == a.title + " (내 편집)"  # merged and saved, over the stored version
        assert w.editor.card().title == a.title + " (내 편집)" and not w.live.bar.isVisible()
        w.close()


def test_typing_while_the_server_is_down_is_saved_when_it_is_back(
        qtbot: Any, server: PgServer, registry: TemplateRegistry, opener: Callable[[Store], MainWindow]) -> None:
    with Store.open(server.url, registry=registry) as store:
        cards = add_cards(store, registry)
        a = cards["1-2-2"]
        w = opener(store)
        click_row(qtbot, w, a.id)
        server.stop()
        assert w.live is not None and w.connection is not None
        qtbot.waitUntil(lambda: not w.live.bridge.up, timeout=10000)
        type_title(qtbot, w, " 끊긴 동안")
        qtbot.waitUntil(lambda: w.connection.label.text() == "연결 끊김 — 1건 저장 대기", timeout=10000)
        assert w.save_label.text() == "이 PC에 보관함 — 연결되면 저장"
        assert w.connection.label.isVisible()
        kept = Outbox(folder_for(store.url)).cards(registry)
        assert [c.title for c in kept] == [a.title + " 끊긴 동안"]

        from desktop.ui.connection import memory_cards

        assert [c.title for c in memory_cards(w, [a.id])] == [a.title + " 끊긴 동안"]  # 내보내기 from memory

        type_title(qtbot, w, "!")  # still usable, still waiting
        qtbot.waitUntil(lambda: Outbox(folder_for(store.url)).cards(registry)[0].title.endswith("끊긴 동안!"),
                        timeout=10000)
        server.start()
        qtbot.waitUntil(lambda: store.get(a.id).title == a.title + " 끊긴 동안!", timeout=20000)
        qtbot.waitUntil(lambda: not w.connection.label.isVisible(), timeout=10000)
        assert len(Outbox(folder_for(store.url))) == 0
        w.close()


def test_closing_while_disconnected_keeps_the_edit_for_the_next_start(
        qtbot: Any, server: PgServer, registry: TemplateRegistry, opener: Callable[[Store], MainWindow]) -> None:
    with Store.open(server.url, registry=registry) as store:
        a = add_cards(store, registry)["1-2-2"]
        w = opener(store)
        click_row(qtbot, w, a.id)
        server.stop()
        assert w.live is not None
        qtbot.waitUntil(lambda: not w.live.bridge.up, timeout=10000)
        type_title(qtbot, w, " 닫기 전에")
        assert w.close()  # no question: the edit waits on this PC
        assert not w.isVisible()
    server.start()
    with Store.open(server.url, registry=registry) as store:
        assert store.get(a.id).title == a.title
        w2 = opener(store)
        qtbot.waitUntil(lambda: store.get(a.id).title == a.title + " 닫기 전에", timeout=20000)
        assert len(Outbox(folder_for(store.url))) == 0
        w2.close()


def test_a_card_saved_elsewhere_while_it_waited_meets_the_version_check(
        qtbot: Any, server: PgServer, registry: TemplateRegistry, opener: Callable[[Store], MainWindow]) -> None:
    with Store.open(server.url, registry=registry) as store:
        a = add_cards(store, registry)["1-2-2"]
        w = opener(store)
        click_row(qtbot, w, a.id)
        asked: list[tuple[Card, Card]] = []

        def ask(_parent: Any, mine: Card, theirs: Card) -> str:
            asked.append((mine, theirs))
            return "copy"

        w.saver.ask = ask  # type: ignore[assignment]
        server.stop()
        assert w.live is not None
        qtbot.waitUntil(lambda: not w.live.bridge.up, timeout=10000)
        type_title(qtbot, w, " 내 편집")
        assert w.connection is not None
        qtbot.waitUntil(lambda: len(w.connection.outbox) == 1, timeout=10000)
        w.live.stop()  # this window does not notice the server's return until the other officer has saved
        server.start()
        run_writer(server.url, a.id, "다른 사람이 먼저")
        w.live.start()
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        mine, theirs = asked[0]
        assert mine.title == a.title + " 내 편집" and theirs.title == "다른 사람이 먼저"
        qtbot.waitUntil(lambda: len(w.connection.outbox) == 0, timeout=10000)
        titles = sorted(s.title for s in store.summaries())
        assert a.title + " 내 편집 (내 사본)" in titles and "다른 사람이 먼저" in titles
        w.close()


def test_sqlite_has_no_live_updates(qtbot: Any, tmp_path: Path, registry: TemplateRegistry) -> None:
    with Store.open(tmp_path / "cards.sqlite3", registry=registry) as store:
        add_cards(store, registry)
        w = MainWindow(store, registry, Settings(officer_asked=True, samples_offered=True),
                       editor=make_editor(registry))
        qtbot.addWidget(w)
        assert w.live is None and w.connection is None and not store.shared
        assert not (tmp_path / "pending").exists()
        w.close()
