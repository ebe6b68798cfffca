"""Header values as written → card values: figures ("750백만원(국700 구50)"), years ("2022 ~ 2026"),
contacts ("행정6급 신정미(☎4803)"), dates ("(2024. 6. 30. 現在)"), percents ("50%"). Numbers go through
the entry conventions of SPEC §3 (desktop/core/numbers.py)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from desktop.core.importmap.elements import squash
from desktop.core.model import Contact, Figure
from desktop.core.numbers import NumberError, parse_amount

_BASE_DATE = re.compile(r"\(?\s*(\d{4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*(?:現在|현재)\s*\)?")
_YEARS = re.compile(r"(\d{4})\s*\.?\s*[~∼〜\-–]\s*(\d{4})")
_BRACKET = re.compile(r"[\[【〔(]\s*([^\]】〕)]+?)\s*[\]】〕)]")
_FIGURE = re.compile(r"^(?P<total>[△-]?[\d,]+(?:\.\d+)?)\s*(?P<unit>[가-힣%]*)\s*(?:\((?P<parts>[^)]*)\))?$")
_PART = re.compile(r"^(?P<label>[^\d△-]+?)\s*(?P<amount>[△-]?[\d,]+(?:\.\d+)?)?$")
_CONTACT = re.compile(
    r"^(?:(?P<rank>\S*\d급|\S*[가-힣]급)\s+)?(?P<name>[^\s(☎]+)\s*(?:\(?\s*(?P<phone>☎?\s*[\d][\d\s-]*)\s*\)?)?$")


def base_date(text: str) -> date | None:
    m = _BASE_DATE.search(text)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def years(text: str) -> tuple[int, int] | None:
    m = _YEARS.search(text)
    if m is None:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    return (a, b) if a <= b else None


def bracketed(text: str) -> list[str]:
    return [m.group(1).strip() for m in _BRACKET.finditer(text)]


def amount(text: str, unit: str = "") -> Decimal | None:
    """Raises NumberError when the text is no amount."""
    return parse_amount(text, unit=unit)


STATEMENTS = ("비예산", "-", "–", "없음")
_PART_CUT = re.compile(r",\s+|\s+(?=[^\d\s,.△-])")


def figure(text: str, unit: str = "") -> Figure | None:
    """Figure of "750백만원(국700 구50)" / "9.6백만원(구비)" / "26,670백만원" / "34,962 (국 1,080, 시 22,377,
    구비 11,505)"; a statement instead of an amount ("비예산", "-") as its text; None when it is none."""
    if text.strip() in STATEMENTS:
        return Figure(text=text.strip())
    m = _FIGURE.match(text.strip())
    if m is None:
        return None
    try:
        total = parse_amount(m.group("total"))
    except NumberError:
        return None
    parts: list[tuple[str, Decimal | None]] = []
    for raw in _PART_CUT.split((m.group("parts") or "").strip()):
        if not raw:
            continue
        pm = _PART.match(raw.strip())
        if pm is None:
            return None
        try:
            value = parse_amount(pm.group("amount")) if pm.group("amount") else None
        except NumberError:
            return None
        parts.append((pm.group("label").strip(), value))
    return Figure(total=total, unit=m.group("unit") or unit, parts=parts)


_DATE = re.compile(r"^\s*(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?\s*$")


def plain_date(text: str) -> date | None:
    """A date field's value: "2024. 6. 30." / "2024-06-30" / "2024년 6월 30일"."""
    m = _DATE.match(text)
    if m is None:
        return base_date(text)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def percent(text: str) -> int | None:
    t = text.strip().rstrip("%％").strip()
    try:
        v = parse_amount(t)
    except NumberError:
        return None
    if v is None or v != v.to_integral_value() or not 0 <= v <= 100:
        return None
    return int(v)


def contact(text: str, role: str) -> Contact | None:
    m = _CONTACT.match(" ".join(text.split()))
    if m is None:
        return None
    phone = re.sub(r"\s+", "", m.group("phone") or "")
    return Contact(role=role, rank=m.group("rank") or "", name=m.group("name"), phone=phone)


def choice(text: str, choices: list[str]) -> str | None:
    """The choice `text` names, compared without spaces; None when it names none."""
    key = squash(text)
    return next((c for c in choices if squash(c) == key), None)


CHECKED = "■☑☒▣✔✓"
UNCHECKED = "□☐"
_BOX = re.compile(f"[{CHECKED}{UNCHECKED}]")


def has_boxes(text: str) -> bool:
    return bool(_BOX.search(text))


def checked(text: str, choices: list[str]) -> tuple[list[str], list[str]]:
    """The choices ticked in check boxes as Hangul shows them ("■ 자체  ■ 서울시(정부)  □ 민간/기타"):
    (ticked choices in the template's spelling, ticked texts that name no choice). The text after a
    mark names the longest choice it begins with; words between boxes that are no choice (a group's
    label, "추진중") are not ticks."""
    got: list[str] = []
    unknown: list[str] = []
    marks = list(_BOX.finditer(text))
    for n, m in enumerate(marks):
        if m.group() not in CHECKED:
            continue
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        after = squash(text[m.end():end])
        hit = max((c for c in choices if squash(c) and after.startswith(squash(c))), key=len, default=None)
        if hit is not None:
            if hit not in got:
                got.append(hit)
        elif after:
            unknown.append(text[m.end():end].strip().split()[0])
    return got, unknown


def related(text: str) -> list[str]:
    t = text.strip()
    if t in ("", "-", "–", "없음"):
        return []
    return [p.strip() for p in re.split(r"[,，、/]", t) if p.strip() and p.strip() != "-"]
