"""The 비교 views (issue 12): one card against its card at another 기준일, side by side with the
changes marked; the office between two 기준일 with the status and 진도 transitions, and the 신·구
대조표 saved as a PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db.store import Store
from desktop.core.templates import TemplateRegistry
from desktop.ui.compare import CardCompareDialog
from desktop.ui.officecompare import OfficeCompareDialog
from tests.ui.test_periods_window import JUNE, SEPT, two_periods


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def store(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = Store.open(tmp_path / "cards.sqlite3", registry=registry)
    yield s
    s.close()


@pytest.fixture
def changed(store: Store, registry: TemplateRegistry) -> str:
    """June → September: 2-2-1 completed (정상추진 → 완료, 75% → 100%), a line edited, a budget cell set."""
    sept = two_periods(store, registry)
    c = sept["2-2-1"]
    c.status, c.progress = "완료", 100
    c.blocks[0].items[0].text = "중소기업 애로해소 추진 완료"
    store.save(c)
    return c.id


def rows(table: Any) -> list[list[str]]:
    return [[table.item(r, col).text() if table.item(r, col) else "" for col in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_a_card_against_its_earlier_period_side_by_side(qtbot: Any, store: Store, registry: TemplateRegistry,
                                                        changed: str) -> None:
    dlg = CardCompareDialog(store, registry, changed)
    qtbot.addWidget(dlg)
    assert dlg.other_box.currentText().startswith("2025. 6. 30. 카드")
    assert dlg.sides.text() == "종전: 2025. 6. 30. 카드   |   변경: 2025. 9. 30. 카드"
    assert [dlg.table.horizontalHeaderItem(i).text() for i in range(4)] == [
        "구분", "위치", "종전 (2025. 6. 30.)", "변경 (2025. 9. 30.)"]
    found = rows(dlg.table)
    assert ["변경", "추진상황", "정상추진", "완료"] in found
    assert ["변경", "진도", "75%", "100%"] in found
    assert any(r[0] == "변경" and r[2] == "중소기업 애로해소 추진" and r[3] == "중소기업 애로해소 추진 완료"
               for r in found), found
    assert not any(r[1] == "기준일" for r in found)  # the 기준일 is what is compared, not a change
    assert dlg.count.text() == f"바뀐 곳 {len(found)}곳"
    assert dlg.table.item(0, 3).background().color().name() == "#e8f5e9"  # the new side is marked


def test_a_card_without_another_period_says_so(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:
    from desktop.core.layout import new_card

    c = store.add(new_card(registry.get("standard"), number="9-9-9", title="하나뿐인 카드", base_date=SEPT))
    dlg = CardCompareDialog(store, registry, c.id)
    qtbot.addWidget(dlg)
    assert not dlg.other_box.isEnabled()
    assert "다른 기준일의 카드가 없습니다" in dlg.sides.text()


def test_the_office_between_two_periods_and_the_comparison_pdf(qtbot: Any, store: Store,
                                                               registry: TemplateRegistry, changed: str,
                                                               tmp_path: Path) -> None:
    dlg = OfficeCompareDialog(store, registry)
    qtbot.addWidget(dlg)
    assert dlg.chosen() == (JUNE, SEPT)
    dlg.run_button.click()
    qtbot.waitUntil(lambda: dlg.diff is not None, timeout=30_000)
    assert dlg.summary.text() == "2025. 6. 30. → 2025. 9. 30.: 변경 1장 · 새 카드 0장 · 없어진 카드 0장 · 변경 없음 2장"
    assert rows(dlg.transitions) == [["추진상황", "정상추진 → 완료 1건"], ["진도", "60~79% → 100% 1건"]]
    assert rows(dlg.cards) == [["2-2-1", "중소기업 애로해소", "변경", f"{len(dlg.diff.cards[1].changes)}곳"]]
    assert ["변경", "진도", "75%", "100%"] in rows(dlg.changes)
    assert dlg.pdf_button.isEnabled()
    out = tmp_path / "대조표.pdf"
    dlg.write_pdf(out)
    qtbot.waitUntil(lambda: not dlg.tasks, timeout=60_000)
    assert out.read_bytes().startswith(b"%PDF") and not out.with_name(out.name + ".part").exists()
    assert "신·구 대조표 1쪽을 저장했습니다" in dlg.summary.text()


def test_the_office_view_needs_two_periods(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:
    from desktop.core.layout import new_card

    store.add(new_card(registry.get("standard"), number="1", title="한 기간", base_date=date(2025, 9, 30)))
    dlg = OfficeCompareDialog(store, registry)
    qtbot.addWidget(dlg)
    assert not dlg.run_button.isEnabled() and "둘 이상" in dlg.summary.text()
