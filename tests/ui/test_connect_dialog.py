"""The connection dialog and the Korean connection errors (issue 14), against a real PostgreSQL server
that wants passwords, over TCP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from db.store import Store, StoreError
from desktop.core.paths import settings_path
from desktop.core.templates import TemplateRegistry
from desktop.ui.connectdialog import ConnectDialog, fields_of, remembered, server_url
from desktop.ui.settings import Settings, load_settings, save_settings
from tests.db.pgserver import PgServer, free_port

PASSWORD = "비밀-pw1"


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    srv = PgServer(password=PASSWORD, tcp=True)
    try:
        eng = create_engine(f"postgresql+pg8000://pledge:{PASSWORD}@127.0.0.1:{srv.port}/postgres",
                            isolation_level="AUTOCOMMIT")  # CREATE DATABASE runs outside a transaction
        with eng.connect() as c:
            c.execute(text("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'"))
            c.execute(text("CREATE DATABASE closed"))
            c.execute(text("REVOKE CONNECT ON DATABASE closed FROM PUBLIC"))
        eng.dispose()
        yield srv
    finally:
        srv.destroy()


def url(srv: PgServer, login: str = "pledge", password: str = PASSWORD, database: str = "postgres") -> str:
    return server_url("127.0.0.1", srv.port, database, login, password).render_as_string(hide_password=False)


def refused(address: str) -> str:
    with pytest.raises(StoreError) as err:
        Store.open(address, registry=TemplateRegistry.load())
    message = str(err.value)
    assert "{'S'" not in message and "'C':" not in message  # never pg8000's raw dict
    assert "Can't create" not in message and "password" not in message.lower()
    return message


def test_connection_errors_are_korean(server: PgServer) -> None:
    assert "로그인 이름이나 비밀번호가 틀렸습니다" in refused(url(server, password="틀린것"))
    assert "서버가 비밀번호를 요구합니다" in refused(url(server, password=""))
    assert "그런 이름의 데이터베이스가 서버에 없습니다" in refused(url(server, database="없는곳"))
    assert "권한이 없습니다" in refused(url(server, login="clerk", password="clerk-pw", database="closed"))
    port = free_port()
    gone = refused(server_url("127.0.0.1", port, "postgres", "pledge", "x").render_as_string(hide_password=False))
    assert f"서버에 연결할 수 없습니다 (127.0.0.1:{port})" in gone
    with Store.open(url(server), registry=TemplateRegistry.load()) as s:
        assert s.summaries() == [] and s.shared


def test_the_dialog_connects_and_remembers_all_but_the_password(qtbot: Any, server: PgServer) -> None:
    reg = TemplateRegistry.load()
    dlg = ConnectDialog(reg, {"host": "127.0.0.1", "port": server.port, "database": "postgres", "login": "pledge"})
    qtbot.addWidget(dlg)
    dlg.password.setText("틀린것")
    dlg.try_connect()
    assert dlg.store is None and dlg.result() != ConnectDialog.DialogCode.Accepted
    assert "로그인 이름이나 비밀번호가 틀렸습니다" in dlg.error.text() and "틀린것" not in dlg.error.text()
    dlg.password.setText(PASSWORD)
    dlg.try_connect()
    assert dlg.result() == ConnectDialog.DialogCode.Accepted and dlg.store is not None
    dlg.store.close()

    settings = Settings()
    dlg.remember(settings)
    save_settings(settings)
    raw = settings_path().read_text(encoding="utf-8")
    assert PASSWORD not in raw and "비밀" not in raw
    back = load_settings()
    assert remembered(back) == {"host": "127.0.0.1", "port": server.port, "database": "postgres", "login": "pledge"}
    assert json.loads(raw)["database"] == f"postgresql://pledge@127.0.0.1:{server.port}/postgres"

    again = ConnectDialog(reg, remembered(back))  # the next time: filled in, the password asked
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.login.text(), again.password.text()) == \
        ("127.0.0.1", server.port, "pledge", "")


def test_a_unix_socket_address_reads_back_into_the_fields() -> None:
    u = server_url("/run/postgresql", 5433, "cards", "kim").render_as_string(hide_password=False)
    assert fields_of(u) == {"host": "/run/postgresql", "port": 5433, "database": "cards", "login": "kim"}
    assert fields_of("/home/kim/cards.sqlite3") is None and fields_of("sqlite:///x.db") is None


def test_the_window_switches_to_the_server(qtbot: Any, server: PgServer, tmp_path: Any) -> None:
    from desktop.ui.connectdialog import switch_store
    from desktop.ui.mainwindow import MainWindow
    from tests.ui.test_shell import add_cards

    reg = TemplateRegistry.load()
    local = Store.open(tmp_path / "cards.sqlite3", registry=reg)
    win = MainWindow(local, reg, Settings(officer_asked=True, samples_offered=True))
    qtbot.addWidget(win)
    win.start()
    assert win.live is None and win.list.model.rowCount() == 0
    shared = Store.open(url(server), registry=reg)
    add_cards(shared, reg)
    switch_store(win, shared)
    assert win.store is shared and win.saver._store is shared
    assert win.list.model.rowCount() == 5
    assert win.live is not None and win.connection is not None
    qtbot.waitUntil(lambda: win.live is not None and win.live.bridge.up, timeout=20000)
    win.close()
    for s in win.list.model.rows:
        shared.delete(s.id)
    shared.close()
