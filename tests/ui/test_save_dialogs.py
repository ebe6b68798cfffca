"""Issue 11 item 21 (part): the save dialog always opened in the program's folder with an undated name.
It proposes a dated name in the folder used last (kept across restarts), else the documents folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from db.store import Store
from desktop.core.templates import TemplateRegistry
from desktop.ui import transfer
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import load_settings
from tests.ui.test_shell import add_cards, make_editor, registry, store  # noqa: F401 - fixtures

TODAY = date.today().isoformat()


class Dialogs:
    """QFileDialog.getSaveFileName as the user answers it: records what it proposed, answers a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.proposed: list[Path] = []
        self.answers: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save)
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)

    def save(self, parent: Any, title: str, proposed: str, file_filter: str, *a: Any, **k: Any) -> tuple[str, str]:
        self.proposed.append(Path(proposed))
        return (self.answers.pop(0) if self.answers else "", "")


def window(qtbot: Any, store: Store, registry: TemplateRegistry) -> MainWindow:  # noqa: F811
    w = MainWindow(store, registry, load_settings(), editor=make_editor(registry))
    qtbot.addWidget(w)
    w.start()
    return w


def test_save_dialogs_propose_a_dated_name_in_the_last_folder(qtbot: Any, store: Store,  # noqa: F811
                                                              registry: TemplateRegistry, tmp_path: Path,  # noqa: F811
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    add_cards(store, registry)
    w = window(qtbot, store, registry)
    d = Dialogs(monkeypatch)
    monkeypatch.setattr(transfer, "choose_ids", lambda win, what, default_all=False: win.list.visible_ids())
    monkeypatch.setattr(transfer, "_write_in_worker", lambda *a: None)  # the writing is tested elsewhere
    program_folder = Path.cwd()

    transfer.export_cardfile(w)  # cancelled
    first = d.proposed[-1]
    assert first.name == f"공약카드_{TODAY}.json"
    assert first.parent != program_folder and first.parent.is_dir()  # the documents folder (or home)

    out = tmp_path / "제출" / "2026"
    out.mkdir(parents=True)
    d.answers.append(str(out / "내 카드.json"))
    transfer.export_cardfile(w)
    assert (out / "내 카드.json").exists()

    transfer.export_excel(w)  # another kind: the last folder used, a dated name
    assert d.proposed[-1] == out / f"공약카드_{TODAY}.xlsx"
    transfer.export_book(w)
    assert d.proposed[-1] == out / f"공약카드 책자_{TODAY}.pdf"

    w.close()
    again = window(qtbot, store, registry)  # a restart: the settings file brings the folder back
    transfer.export_cardfile(again)
    assert d.proposed[-1] == out / f"공약카드_{TODAY}.json"


def test_print_preview_save_proposes_the_card_and_date(qtbot: Any, store: Store,  # noqa: F811
                                                       registry: TemplateRegistry, tmp_path: Path,  # noqa: F811
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.print_preview import PrintPreviewDialog

    cards = add_cards(store, registry)
    w = window(qtbot, store, registry)
    card = cards["2-2-1"]
    name = transfer.file_name(card, ".pdf")
    assert name == f"2-2-1 {card.title}_{TODAY}.pdf"
    d = Dialogs(monkeypatch)
    dlg = PrintPreviewDialog(b"%PDF-1.4\n%%EOF\n", "2-2-1", w, name)
    d.answers.append(str(tmp_path / name))
    dlg.save_pdf()
    assert d.proposed[-1].name == name and (tmp_path / name).exists()
    dlg.save_pdf()  # cancelled: proposed where the last one went
    assert d.proposed[-1] == tmp_path / name
    dlg.dispose()
