"""read_workbook: the cards of a submission workbook, from its card sheets' visible cells.

The file is checked before it is parsed (not a zip, damaged, too big, a zip bomb), parsed by
openpyxl with defusedxml, and every card sheet is read with every bad cell collected; any problem
refuses the whole workbook with the list of places, so an import is all or nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx.card_reader import is_card_sheet, read_card_sheet
from desktop.xlsx.errors import Cancelled, Problem, WorkbookError
from desktop.xlsx.layout import DEFINED_NAME
from desktop.xlsx.package import Package
from desktop.xlsx.safety import MAX_SHEETS, check_package
from desktop.xlsx.unread import UnreadPhoto

Progress = Callable[[int, int], bool | None]


def read_workbook(path: Path, registry: TemplateRegistry, progress: Progress | None = None,
                  unread: list[UnreadPhoto] | None = None) -> list[Card]:
    """The cards of the workbook, or WorkbookError listing every problem. A photo whose picture cannot
    be read is added to `unread` (caption kept, no picture: see keep_stored_photos) when a list is
    given; without one it is a problem like any other, so no caller loses a photo unawares."""
    path = Path(path)
    name = path.name
    check_package(path)
    pkg = Package(path)
    try:
        with warnings.catch_warnings(), no_gc():
            warnings.simplefilter("ignore")  # openpyxl/Pillow warn about pictures they drop; we report ours
            return _read(pkg, name, registry, progress, unread)
    except (WorkbookError, Cancelled):
        raise
    except Exception as exc:  # a damaged part can fail anywhere in the parsers
        raise WorkbookError(f"'{name}': 손상되었거나 읽을 수 없는 통합문서입니다 ({type(exc).__name__}: "
                            f"{str(exc)[:120]})") from None
    finally:
        pkg.close()


def _read(pkg: Package, name: str, registry: TemplateRegistry, progress: Progress | None,
          unread: list[UnreadPhoto] | None) -> list[Card]:
    sheets, defined = pkg.workbook()
    if len(sheets) > MAX_SHEETS:
        raise WorkbookError(f"'{name}': 시트가 너무 많습니다 ({len(sheets):,}개)")
    problems: list[Problem] = []
    cards: list[Card] = []
    where: dict[str, str] = {}
    found = 0
    for i, (title, part) in enumerate(sheets):
        raw = pkg.sheet(title, part)
        if is_card_sheet(raw):
            found += 1
            try:
                card = read_card_sheet(raw, registry, problems, unread)
            except (WorkbookError, Cancelled):
                raise
            except Exception as exc:  # a layout damaged in a way no check foresaw: name the sheet at least
                problems.append(Problem(title, "", f"이 시트를 카드로 읽을 수 없습니다 ({type(exc).__name__}: "
                                                   f"{str(exc)[:80]}) — 행이나 열을 지웠거나 넣었습니까?"))
                card = None
            if card is not None:
                if card.id in where:
                    why = (f"카드 ID {card.id}가 '{where[card.id]}' 시트에도 있습니다 — 시트를 복사해 새 카드를 "
                           "만들었다면 복사한 시트 아래쪽의 카드 ID 칸을 비우십시오")
                    problems.append(Problem(title, "", why))
                else:
                    where[card.id] = title
                    cards.append(card)
        if progress is not None and progress(i + 1, len(sheets)) is False:
            raise Cancelled()
    if not found and DEFINED_NAME not in defined:
        raise WorkbookError(f"'{name}': 공약카드에서 내보낸 통합문서가 아닙니다 (카드 시트를 찾지 못했습니다)")
    if problems:
        raise WorkbookError(f"'{name}'을(를) 가져오지 않았습니다 — 고칠 곳 {len(problems)}건:", problems)
    return cards
