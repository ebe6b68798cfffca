"""What the File and Help menus do to cards: new, duplicate, delete, 휴지통, print, the first-start
samples, the daily backup, settings and about. A mixin of MainWindow (mainwindow.py), which owns the
widgets, the store and the autosaver these methods use (desktop.ui.shell.Shell names them, so that
this module does not import mainwindow back)."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.readers import HANCOM_NOTICE
from desktop.ui.autosave import copy_of
from desktop.ui.cardlist import ID_ROLE, summary_of
from desktop.ui.settings import save_settings

if TYPE_CHECKING:
    from desktop.ui.shell import Shell

    _Base = Shell
else:
    _Base = object

log = logging.getLogger(__name__)
APP_TITLE = "공약카드"


def most_common(values: list[str]) -> str:
    """The value most cards have (ties: the one seen first); "" when none has one."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


class CardActions(_Base):
    # ------------------------------------------------------------ cards
    def new_card(self, ask: bool = False) -> None:
        names = self.registry.names()
        if not names:
            QMessageBox.critical(self, APP_TITLE, "쓸 수 있는 템플릿이 없습니다.")
            return
        name = self.settings.default_template
        if ask or name not in self.registry.templates:
            if len(names) == 1:
                name = names[0]
            else:
                labels = [self.registry.templates[n].label for n in names]
                usual = most_common([s.template for s in self.list.model.rows])
                first = names.index(usual) if usual in names else 0  # the template this database uses
                label, ok = QInputDialog.getItem(self, "새 카드", "템플릿:", labels, first, False)
                if not ok:
                    return
                name = names[labels.index(label)]
        t = self.registry.get(name)
        card = new_card(t)
        # 기관명: as set, else as the other cards of this database say, else the template's
        org = self.settings.new_org or self.settings.org or most_common([s.org for s in self.list.model.rows])
        card.org = org or self.settings.new_card_org(t.org)
        card.doc_title = self.settings.new_card_doc_title(t.doc_title)
        card.dept = self.store.permissions.new_card_dept  # a department's login adds its own cards only
        self._add_and_open(card)
        if self.current_id == card.id:  # added and open (not refused by the store)
            self.editor.focus_first_field()

    def duplicate_card(self) -> None:
        if not self.current_id or not self.commit_pending():
            return
        self._add_and_open(copy_of(self.store.get(self.current_id)))

    def _add_and_open(self, card: Card) -> None:
        from db.store import StoreError

        if not self.commit_pending():
            return
        try:
            self.store.add(card)
        except StoreError as exc:
            QMessageBox.critical(self, APP_TITLE, str(exc))
            return
        self.list.upsert(summary_of(card, 0, 0))
        self.list.select_id(card.id)

    def delete_cards(self) -> None:
        ids = self.list.selected_ids() or ([self.current_id] if self.current_id else [])
        if not ids or not self.commit_pending():
            return
        from db.store import StoreError

        model = self.list.model
        row = self.list.view.currentIndex().row()
        names = []
        try:
            for cid in ids:
                s = model.summary(cid)
                self.store.delete(cid)
                names.append(" ".join(x for x in ((s.number, s.title) if s else ()) if x) or "(제목 없음)")
                self.list.remove(cid)
                if cid == self.current_id:
                    self.saver.forget()
                    self.current_id = ""
        except StoreError as exc:
            QMessageBox.critical(self, APP_TITLE, str(exc))
        what = names[0] if len(names) == 1 else f"카드 {len(names)}장"
        self.statusBar().showMessage(f"휴지통으로 옮겼습니다: {what} (파일 → 휴지통에서 복원할 수 있습니다)", 8000)
        if not self.current_id:
            n = self.list.proxy.rowCount()
            if n:
                idx = self.list.proxy.index(min(max(row, 0), n - 1), 0)
                self.list.select_id(str(idx.data(ID_ROLE)))
            else:
                self._show_nothing()

    def show_trash(self) -> None:
        from desktop.ui.trash import TrashDialog

        dlg = TrashDialog(self.store, self)
        restored: list[str] = []
        dlg.restored.connect(restored.extend)
        dlg.exec()
        if restored:
            self.reload_list(select=restored[0])
            self.statusBar().showMessage(f"카드 {len(restored)}장을 복원했습니다.", 5000)

    def print_card(self) -> None:
        if not self.current_id or not self.commit_pending():
            return
        from desktop.ui.print_preview import confirm_errors, preview

        card = self.editor.card()
        errors = self.counts[0]
        if errors and not confirm_errors(self, "인쇄", [f"{card.number} {card.title}: 오류 {errors}건"]):
            return
        from desktop.ui.transfer import file_name

        preview(self, [card], self.registry, f"{card.number} {card.title}", file_name(card, ".pdf"))

    # ------------------------------------------------------------ first start, settings, about
    def offer_samples(self) -> None:
        """First start: an empty database and samples on disk → offer them in a banner (no modal)."""
        if self.settings.samples_offered or self.list.model.rowCount() or self.store.summaries(deleted=True):
            return
        from desktop.ui.transfer import sample_files

        n = len(sample_files())
        if n:
            self.banner_text.setText(f"처음 시작하셨습니다. 예시 카드 {n}장을 불러와 둘러보시겠어요? "
                                     "(언제든 지울 수 있습니다)")
            self.banner.show()

    def _dismiss_banner(self) -> None:
        self.banner.hide()
        self.settings.samples_offered = True
        save_settings(self.settings)

    def load_samples(self) -> None:
        self._dismiss_banner()
        from desktop.ui.transfer import import_samples

        import_samples(self)

    def daily_backup(self) -> None:
        from desktop.ui.backup import daily_backup

        daily_backup(self)

    def show_settings(self) -> None:
        from desktop.ui.settings import SettingsDialog

        before = self.settings.database
        dlg = SettingsDialog(self.settings, self.registry, self)
        if dlg.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.settings = dlg.result_settings()
        save_settings(self.settings)
        if self.settings.database != before:
            QMessageBox.information(self, "설정", "데이터베이스 위치는 프로그램을 다시 시작하면 적용됩니다.")

    def show_about(self) -> None:
        from desktop.core.paths import data_dir

        try:
            from importlib.metadata import version

            ver = version("pledgecard")
        except Exception:
            ver = "?"
        QMessageBox.about(self, "공약카드 정보", (
            f"<b>공약카드</b> {ver}<br>공약사항 관리카드 편집·검사·인쇄·엑셀<br><br>"
            f"데이터베이스: {getattr(self.store, 'describe', '')}<br>데이터 폴더: {data_dir()}<br><br>"
            "글꼴: 나눔고딕·나눔명조 (SIL Open Font License 1.1, © NAVER)<br><br>"
            f"{HANCOM_NOTICE}"))

