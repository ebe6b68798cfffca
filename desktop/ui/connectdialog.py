"""데이터베이스 서버에 연결 (issue 14): server address, port, database, login and password.

Everything but the password is remembered in the settings (`server`, and `database` as the address
without the password, so `pledgecard gui` and a settings file work as before); the password is asked
each time the program connects. A refused connection is said in Korean inside the dialog (wrong
password, no such database, server unreachable, no permission: db/errors.py), never the driver's text.
Asked at start when the remembered server wants a password, and from 파일 → 데이터베이스 서버에 연결….
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError

if TYPE_CHECKING:
    from db.store import Store
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.settings import Settings
    from desktop.ui.shell import Shell

DEFAULT_PORT = 5432
FIELDS = ("host", "port", "database", "login")  # what the settings remember (never the password)


def server_url(host: str, port: int, database: str, login: str, password: str = "") -> URL:
    """A PostgreSQL address; a host that is a folder (starts with /) is the server's Unix socket there."""
    query = {}
    if host.startswith("/"):
        query = {"unix_sock": f"{host.rstrip('/')}/.s.PGSQL.{port}"}
        host_part: str | None = None
    else:
        host_part = host or "localhost"
    return URL.create("postgresql", username=login or None, password=password or None, host=host_part,
                      port=None if query else port, database=database or None, query=query)


def fields_of(address: str) -> dict[str, Any] | None:
    """The dialog's fields read back from a PostgreSQL address (None for a file or another kind)."""
    if "://" not in address:
        return None
    try:
        u = make_url(address)
    except ArgumentError:
        return None
    if u.get_backend_name() != "postgresql":
        return None
    sock = u.query.get("unix_sock")
    host, port = u.host or "localhost", u.port or DEFAULT_PORT
    if isinstance(sock, str) and "/.s.PGSQL." in sock:
        folder, _, num = sock.rpartition("/.s.PGSQL.")
        host, port = folder, int(num) if num.isdigit() else DEFAULT_PORT
    return {"host": host, "port": port, "database": u.database or "", "login": u.username or ""}


def remembered(settings: Settings) -> dict[str, Any]:
    """The fields last used: the settings' `server` entry, else what the database address says."""
    found = settings.other.get("server")
    if isinstance(found, dict) and found.get("host"):
        return {k: found.get(k) for k in FIELDS}
    return fields_of(settings.database) or {}


class ConnectDialog(QDialog):
    """Connects when 연결 is pressed; `store` is the opened store once accepted."""

    def __init__(self, registry: TemplateRegistry, known: dict[str, Any] | None = None,
                 parent: QWidget | None = None, *, reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("데이터베이스 서버에 연결")
        self.setMinimumWidth(460)
        self.registry = registry
        self.store: Store | None = None
        known = known or {}
        self.host = QLineEdit(str(known.get("host") or ""))
        self.host.setPlaceholderText("예: 192.168.0.10 또는 db.gumjeong.local")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        port = known.get("port")
        self.port.setValue(port if isinstance(port, int) and 0 < port < 65536 else DEFAULT_PORT)
        self.database = QLineEdit(str(known.get("database") or ""))
        self.database.setPlaceholderText("예: pledgecard")
        self.login = QLineEdit(str(known.get("login") or ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("저장하지 않습니다")
        form = QFormLayout()
        form.addRow("서버 주소", self.host)
        form.addRow("포트", self.port)
        form.addRow("데이터베이스", self.database)
        form.addRow("로그인", self.login)
        form.addRow("비밀번호", self.password)
        self.error = QLabel(reason)
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setVisible(bool(reason))
        note = QLabel("비밀번호 말고는 설정에 기억해 두고 다음에 다시 채웁니다.")
        note.setObjectName("mutedLabel")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("연결")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("취소")
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(note)
        lay.addWidget(buttons)
        first_empty = next((w for w in (self.host, self.database, self.login) if not w.text()), self.password)
        first_empty.setFocus()

    def fields(self) -> dict[str, Any]:
        return {"host": self.host.text().strip(), "port": self.port.value(),
                "database": self.database.text().strip(), "login": self.login.text().strip()}

    def url(self, *, with_password: bool = True) -> URL:
        f = self.fields()
        return server_url(f["host"], f["port"], f["database"], f["login"],
                          self.password.text() if with_password else "")

    def try_connect(self) -> None:
        from db.store import Store, StoreError

        f = self.fields()
        missing = [name for key, name in (("host", "서버 주소"), ("database", "데이터베이스"), ("login", "로그인"))
                   if not f[key]]
        if missing:
            self.say(f"{', '.join(missing)}을(를) 넣으세요.")
            return
        self.setEnabled(False)
        try:
            self.store = Store.open(self.url().render_as_string(hide_password=False), registry=self.registry)
        except StoreError as exc:
            self.say(str(exc).replace(self.password.text(), "***") if self.password.text() else str(exc))
            return
        finally:
            self.setEnabled(True)
        self.accept()

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.password.setFocus()

    def remember(self, settings: Settings) -> None:
        """The fields (never the password) into the settings; the caller saves them."""
        settings.other["server"] = self.fields()
        settings.database = self.url(with_password=False).render_as_string(hide_password=False)


def ask_server(registry: TemplateRegistry, settings: Settings, parent: QWidget | None = None, *,
               reason: str = "", known: dict[str, Any] | None = None) -> Store | None:
    """The dialog filled as remembered (or as `known`); the store it opened (settings updated and
    saved), or None."""
    from desktop.ui.settings import save_settings

    dlg = ConnectDialog(registry, known or remembered(settings), parent, reason=reason)
    if dlg.exec() != QDialog.DialogCode.Accepted or dlg.store is None:
        return None
    dlg.remember(settings)
    with contextlib.suppress(OSError):  # connected all the same; the fields are asked again next time
        save_settings(settings)
    return dlg.store


def connect_window(win: Shell) -> None:
    """파일 → 데이터베이스 서버에 연결…: the window continues on the server's database."""
    if not win.commit_pending():
        return
    store = ask_server(win.registry, win.settings, win)
    if store is not None:
        switch_store(win, store)


def switch_store(win: Shell, store: Store) -> None:
    """The window shows `store` from now on (the list read again, no card open)."""
    from desktop.ui import connection, live

    old = win.store
    if win.live is not None:
        win.live.stop()
        win.live.bar.deleteLater()
    if win.connection is not None:
        win.connection.label.deleteLater()
    win.store = store
    win.saver.set_store(store)
    win.current_id = ""
    win._show_nothing()
    win.live = live.attach(win)
    win.connection = connection.attach(win, win.live)
    win.reload_list()
    win.statusBar().showMessage(f"연결했습니다: {store.describe}", 8000)
    old.close()
