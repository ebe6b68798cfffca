"""공약 조정 (SPEC §6.2): an official change of the pledge itself, applied to its card and recorded.

`adjust` changes the card as decided — its 공약제목, 공약목표, 추진과제 (사업 내용), or drops the pledge
(폐기: 추진상황 becomes the template's 폐기 status) — and appends an Adjustment (종전, 변경, 사유, 결정 기관,
결정 일자) to the card. `rows` gives the 공약 변경 현황 of a set of cards, as offices publish it. Card files
carry adjustments under "adjustments" (docs/card-format.md); this module reads and writes that part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from desktop.core.dates import fmt_date
from desktop.core.model import Adjustment, Card, Item
from desktop.core.natural import sort_cards
from desktop.core.templates import Template

Kind = Literal["title", "goals", "tasks", "drop"]
KINDS: dict[str, str] = {"title": "공약제목", "goals": "공약목표", "tasks": "사업내용", "drop": "폐기"}
DROPPED = "폐기"
MAX_TEXT = 4000


class AdjustmentError(ValueError):
    """A 공약 조정 that cannot be recorded (Korean, says why)."""


def _lines(items: list[Item]) -> str:
    return "\n".join(it.text.strip() for it in items if it.text.strip())


def dropped_status(template: Template) -> str:
    """The template's status that means 폐기 ("폐기", "공약 폐기"), else "폐기"."""
    return next((s for s in template.statuses if DROPPED in s), DROPPED)


def adjust(card: Card, template: Template, kind: Kind, new_text: str, *, reason: str, body: str,
           decided: date | None) -> Adjustment:
    """Apply the decided change to `card` and record it on the card; returns the record."""
    if kind not in KINDS:
        raise AdjustmentError(f"조정할 수 있는 것은 {', '.join(KINDS.values())}입니다")
    if not reason.strip():
        raise AdjustmentError("공약 조정에는 사유가 있어야 합니다")
    if not body.strip():
        raise AdjustmentError("공약 조정에는 결정 기관이 있어야 합니다 (예: 주민배심원단, 구청장 결재)")
    for what, text in (("사유", reason), ("결정 기관", body), ("변경 내용", new_text)):
        if len(text) > MAX_TEXT:
            raise AdjustmentError(f"{what}이(가) 너무 깁니다 ({len(text)}자, 최대 {MAX_TEXT}자)")
    text = new_text.strip()
    if kind == "title":
        if not text:
            raise AdjustmentError("새 공약제목을 주세요")
        before, card.title = card.title, text
    elif kind in ("goals", "tasks"):
        if not text:
            raise AdjustmentError(f"새 {KINDS[kind]}을(를) 주세요 (한 줄에 한 항목)")
        old: list[Item] = getattr(card, kind)
        level = old[0].level if old else 1
        before = _lines(old)
        setattr(card, kind, [Item(text=line.strip(), level=level) for line in text.splitlines() if line.strip()])
    else:
        before = card.status
        card.status = dropped_status(template)
        text = f"{card.status}: {text}" if text else card.status
    record = Adjustment(what=KINDS[kind], before=before, after=text, reason=reason.strip(), body=body.strip(),
                        decided=decided)
    card.adjustments.append(record)
    return record


@dataclass(frozen=True)
class Row:
    """One line of the 공약 변경 현황."""

    number: str
    title: str
    what: str
    before: str
    after: str
    reason: str
    body: str
    decided: date | None


def rows(cards: Iterable[Card]) -> list[Row]:
    """Every adjustment of the cards, in 관리번호 order, oldest decision first within a card. A pledge
    present in several periods is listed once (its latest card holds every adjustment)."""
    latest: dict[str, Card] = {}
    for c in cards:
        have = latest.get(c.pledge_id)
        if have is None or (c.base_date or date.min) >= (have.base_date or date.min):
            latest[c.pledge_id] = c
    out: list[Row] = []
    for c in sort_cards(latest.values()):
        for a in sorted(c.adjustments, key=lambda a: a.decided or date.min):
            out.append(Row(c.number, c.title, a.what, a.before, a.after, a.reason, a.body, a.decided))
    return out


@dataclass(frozen=True)
class Report:
    """The 공약 변경 현황 of a period's cards: its rows, the office and "기준일 … 현재" (the latest 기준일)."""

    rows: list[Row]
    org: str
    period: str

    @property
    def book_title(self) -> str:
        return " ".join(p for p in (self.org, "공약 변경 현황", self.period and f"({self.period})") if p)


def report(cards: list[Card]) -> Report:
    dates = sorted({c.base_date for c in cards if c.base_date is not None})
    return Report(rows(cards), next((c.org for c in cards if c.org), ""),
                  f"기준일 {fmt_date(dates[-1])} 현재" if dates else "")


# --- card files ----------------------------------------------------------------------------------------


def to_json(items: list[Adjustment]) -> list[dict[str, Any]]:
    return [{"what": a.what, "before": a.before, "after": a.after, "reason": a.reason, "body": a.body,
             "decided": a.decided.isoformat() if a.decided else None} for a in items]


def from_json(value: Any, where: str, fail: Callable[[str, str], Exception]) -> list[Adjustment]:
    """The "adjustments" of a card file; `fail(place, Korean message)` makes the reader's error."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(where, "목록이어야 합니다")
    out: list[Adjustment] = []
    for i, v in enumerate(value):
        w = f"{where}[{i}]"
        if not isinstance(v, dict):
            raise fail(w, "객체여야 합니다")
        texts: dict[str, str] = {}
        for key in ("what", "before", "after", "reason", "body"):
            t = v.get(key, "")
            if not isinstance(t, str) or len(t) > MAX_TEXT:
                raise fail(f"{w}.{key}", f"{MAX_TEXT}자 이하의 문자열이어야 합니다")
            texts[key] = t
        decided: date | None = None
        d = v.get("decided")
        if d is not None:
            try:
                decided = date.fromisoformat(d) if isinstance(d, str) else None
            except ValueError:
                decided = None
            if decided is None:
                raise fail(f"{w}.decided", "날짜 문자열(YYYY-MM-DD)이어야 합니다")
        out.append(Adjustment(decided=decided, **texts))
    return out
