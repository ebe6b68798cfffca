"""The application: Qt set-up (bundled Korean fonts, high-DPI, the style sheet), the safety net for
unexpected errors, and `pledgecard gui` (the editor window, or a screenshot of it)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.resources import resource_path
from desktop.ui import palette

if TYPE_CHECKING:
    from desktop.commands.context import Context
    from desktop.ui.mainwindow import MainWindow

log = logging.getLogger("pledgecard")
FONTS = ("NanumGothic.ttf", "NanumGothicBold.ttf", "DejaVuSans.ttf")  # the UI's; the PDF embeds its own
# Nanum Gothic lacks some symbols the cards use (❍ × ‧ ☐ ➜): DejaVu Sans, shipped beside it, is the
# explicit fallback, so they never show as boxes on a PC without other fonts (Windows or offscreen).
SYMBOL_FALLBACK = "DejaVu Sans"


def register_fonts() -> str:
    """Register the bundled Nanum fonts (Hangul renders on any PC); returns the UI font family."""
    family = ""
    for name in FONTS:
        fid = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if fid < 0:
            log.warning("font %s could not be registered", name)
            continue
        if name == "NanumGothic.ttf":
            families = QFontDatabase.applicationFontFamilies(fid)
            family = families[0] if families else ""
    return family or palette.FONT_FAMILY


def style_sheet() -> str:
    """style.qss with the palette filled in; "" (Qt's plain look) if the file is missing."""
    here = Path(__file__).with_name("style.qss")
    frozen = Path(getattr(sys, "_MEIPASS", here.parent)) / "desktop" / "ui" / "style.qss"
    try:
        text = (here if here.exists() else frozen).read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet %s not found; the plain Qt look is used", here)
        return ""
    # longest names first so that @ACCENT does not eat the start of @ACCENT_SOFT
    for name in sorted(palette.NAMES, key=len, reverse=True):
        text = text.replace("@" + name, palette.NAMES[name])
    # url(@ICONS/…): Qt style sheets want a path; forward slashes work on Windows too
    from desktop.core.resources import resource_path

    return text.replace("@ICONS", resource_path("icons").as_posix())


def _qt_palette() -> QPalette:
    c = palette.color
    p = QPalette()
    R = QPalette.ColorRole
    for role, value in ((R.Window, palette.WINDOW), (R.Base, palette.SURFACE), (R.AlternateBase, palette.SURFACE_ALT),
                        (R.Text, palette.TEXT), (R.WindowText, palette.TEXT), (R.ButtonText, palette.TEXT),
                        (R.Button, palette.SURFACE), (R.Highlight, palette.ACCENT),
                        (R.HighlightedText, palette.ACCENT_TEXT), (R.ToolTipBase, palette.SURFACE),
                        (R.ToolTipText, palette.TEXT), (R.PlaceholderText, palette.TEXT_DISABLED),
                        (R.Mid, palette.BORDER), (R.Link, palette.ACCENT)):
        p.setColor(role, c(value))
    p.setColor(QPalette.ColorGroup.Disabled, R.Text, c(palette.TEXT_DISABLED))
    p.setColor(QPalette.ColorGroup.Disabled, R.WindowText, c(palette.TEXT_DISABLED))
    p.setColor(QPalette.ColorGroup.Disabled, R.ButtonText, c(palette.TEXT_DISABLED))
    return p


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with fonts, palette and style (reuses an existing one, e.g. in tests)."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    from desktop.ui.translations import install_korean

    install_korean(app)  # Qt's own buttons and dialogs in Korean
    app.setApplicationName("pledgecard")
    app.setApplicationDisplayName("공약카드")
    icon = resource_path("icons", "pledgecard.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    family = register_fonts()
    app.setStyle("Fusion")
    app.setPalette(_qt_palette())
    font = QFont(family, palette.FONT_SIZE_PT)
    font.setFamilies([family, SYMBOL_FALLBACK])
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    return app


# ---------------------------------------------------------------- safety net

def log_file() -> Path:
    from desktop.core.paths import data_dir

    return data_dir() / "pledgecard.log"


def setup_logging() -> Path:
    path = log_file()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(window: Any = None) -> None:
    """No traceback reaches the user: log it, say so in Korean, keep running (saved data is safe).

    Installed only by the real program: tests keep pytest-qt's own hook, which fails the test.
    """
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        from db.errors import StoreError

        store_failure = isinstance(exc, StoreError)  # a database failure: its Korean message says it all
        log.error("%s\n%s", "database failure" if store_failure else "unexpected error",
                  "".join(traceback.format_exception(kind, exc, tb)))
        if showing or QApplication.instance() is None:
            return
        showing = True
        parent = window if window is not None and shiboken6.isValid(window) else None
        try:
            if store_failure:
                QMessageBox.critical(window, "공약카드 — 데이터베이스",
                                     f"데이터베이스 작업을 하지 못했습니다.\n\n{exc}\n\n"
                                     "이미 저장된 카드는 그대로입니다. 문제를 해결한 뒤 다시 하세요.")
                return
            QMessageBox.critical(
                parent, "공약카드 — 예상하지 못한 오류",
                "예상하지 못한 오류가 생겼습니다. 저장된 카드는 안전합니다.\n"
                "방금 하던 작업을 다시 해 보시고, 되풀이되면 아래 기록 파일을 담당자에게 보내 주세요.\n\n"
                f"{type(exc).__name__}: {str(exc)[:300]}\n\n기록 파일: {log_file()}")
        finally:
            showing = False

    sys.excepthook = hook


# ---------------------------------------------------------------- the gui command

_OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")


def route_qt_messages() -> None:
    """Qt's own messages go to the log file, not to the console (the offscreen plugin's two notes
    about window hints are dropped). Only the real program does this: tests keep pytest-qt's handler."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if message in _OFFSCREEN_NOISE:
            return
        level = logging.DEBUG if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) else logging.WARNING
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handler)


def open_window(ctx: Context, db: str | None, *, screenshot: bool = False) -> MainWindow:
    """The store (the --db option, else the settings' database, else the default file) and the window."""
    from db.store import Store
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import load_settings

    settings = load_settings()
    store = Store.open(db or settings.database or None, registry=ctx.registry)
    win = MainWindow(store, ctx.registry, settings)
    if screenshot:
        win.settings.window = {}  # the documented 1280×800 layout, not the developer's last one
        win.settings.samples_offered = True
    return win


def _server_window(ctx: Context, exc: Exception) -> MainWindow | bool | None:
    """The window on the server the address names, after the connection dialog (filled as the address
    says, the reason shown); None when the address is not a server's, False when cancelled."""
    from desktop.ui.connectdialog import ask_server, fields_of
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import load_settings

    settings = load_settings()
    known = fields_of(ctx.db or settings.database)
    if known is None:
        return None
    store = ask_server(ctx.registry, settings, reason=str(exc), known=known)
    if store is None:
        return False
    return MainWindow(store, ctx.registry, settings)


def run_gui(args: Any, ctx: Context) -> int:
    shot: str | None = getattr(args, "screenshot", None)
    if shot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app()
    route_qt_messages()
    if not shot:
        setup_logging()
    from db.store import StoreError
    from desktop.commands.context import UserError

    try:
        win = open_window(ctx, ctx.db, screenshot=bool(shot))
    except StoreError as exc:
        if shot:
            raise UserError(str(exc)) from None
        server = _server_window(ctx, exc)  # a server address: its login asked (the password is never kept)
        if server is None:
            QMessageBox.critical(None, "공약카드", f"데이터베이스를 열 수 없습니다.\n\n{exc}\n\n"
                                 "설정 파일(settings.json)의 데이터베이스 위치나 --db 옵션을 확인하세요.")
            return 2
        if server is False:
            return 2  # the officer cancelled the login
        win = server
    try:
        if shot:
            return _screenshot(app, win, Path(shot), getattr(args, "open", None))
        install_excepthook(win)
        try:
            win.start(select=_card_id(win, getattr(args, "open", None)), defer_open=True)
        except StoreError as exc:  # the database opened but cannot be read: said on screen, not on stderr
            QMessageBox.critical(None, "공약카드", f"데이터베이스를 읽을 수 없습니다.\n\n{exc}")
            return 2
        win.show()
        QTimer.singleShot(0, win.ask_officer_once)  # first start: 이름·부서 for the history (skippable)
        QTimer.singleShot(2500, win.dashboard.prefetch)  # the dashboard ready before it is first asked for
        app.commitDataRequest.connect(lambda _m: win.commit_pending())
        return int(app.exec())
    finally:
        win.store.close()
        close_window(win)


def close_window(win: MainWindow) -> None:
    """Destroy the window and every dialog it still owns now, while the QApplication exists.

    The error hook and the session-end handler keep references to the window, so Python would
    otherwise free it at interpreter exit, in no fixed order with the QApplication, and widgets
    destroyed after the application crash the exit (issue 11, item 8)."""
    if shiboken6.isValid(win):
        shiboken6.delete(win)


def _card_id(win: MainWindow, number: str | None) -> str:
    """The id of the card --open names (the one with the latest 기준일), "" without --open."""
    from desktop.commands.exporting import id_for_number

    if not number:
        return ""
    return id_for_number(win.store.summaries(), number)  # UserError: none, or several at one 기준일


def _screenshot(app: QApplication, win: MainWindow, out: Path, number: str | None) -> int:
    from PySide6.QtCore import QEventLoop

    win.start(select=_card_id(win, number))
    win.resize(1280, 800)
    win.show()
    for _ in range(5):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not win.grab().save(str(out)):
        from desktop.commands.context import UserError

        raise UserError(f"스크린숏을 저장하지 못했습니다: '{out}'")
    print(out)
    return 0
