"""Fixtures for the card form: the registry, the sample cards, a shown CardEditor, typing helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.core.cardfile import read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.ui.editor import CardEditor
from tests.conftest import ROOT, SAMPLES

SAMPLE_221 = "geumjeong-2025-09-30-card-2-2-1"
SAMPLE_122 = "geumjeong-2024-06-30-card-1-2-2"
SAMPLE_GURO = "guro-plan-III-2-1"


@pytest.fixture(scope="session", autouse=True)
def _korean_font(qapp: QApplication) -> None:
    """Hangul renders (screenshots) with the bundled font, as the app registers it."""
    for f in sorted((ROOT / "resources" / "fonts").glob("NanumGothic*.ttf")):
        QFontDatabase.addApplicationFont(str(f))
    qapp.setFont(QFont("NanumGothic", 10))


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def sample(registry: TemplateRegistry, stem: str) -> Card:
    return read_cards(SAMPLES / f"{stem}.json", registry)[0]


@pytest.fixture
def editor(qtbot: object, registry: TemplateRegistry) -> Iterator[CardEditor]:
    ed = CardEditor(registry)
    qtbot.addWidget(ed)  # type: ignore[attr-defined]
    ed.resize(900, 760)
    ed.show()
    qtbot.waitExposed(ed)  # type: ignore[attr-defined]
    yield ed


def open_card(editor: CardEditor, card: Card) -> None:
    editor.set_card(card)
    for _ in range(3):  # let the layouts settle (wrapped outline rows are measured once shown)
        QCoreApplication.processEvents()


def commit_text(widget: QWidget, text: str) -> None:
    """Type Hangul as an IME commits it (QTest.keyClicks aborts on non-ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def line_edit_showing(root: QWidget, text: str) -> QLineEdit:
    for w in root.findChildren(QLineEdit):
        if w.text() == text and w.isVisibleTo(root):
            return w
    raise LookupError(f"no line edit shows {text!r}")


def cell_editor(view: QWidget) -> QLineEdit:
    """The open cell editor of an item view (the delegate's line edit on its viewport)."""
    eds = [w for w in view.findChildren(QLineEdit) if w.isVisible()]
    assert eds, "no cell editor is open"
    return eds[-1]


def shot(widget: QWidget, name: str) -> Path:
    path = Path("/tmp") / f"editor-{name}.png"
    widget.grab().save(str(path))
    return path


KEY_ENTER = Qt.Key.Key_Return
