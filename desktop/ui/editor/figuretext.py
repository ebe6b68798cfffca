"""A figure field as officers write it — "750백만원(국700 구50)", "9.6백만원(구비)" — and back."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core.model import Figure
from desktop.core.numbers import NumberError, format_amount, parse_amount

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_HEAD = re.compile(rf"^\s*(?P<sign>[△\-]?)\s*(?P<total>{_NUM})\s*(?P<unit>[^\d(（]*?)\s*(?P<rest>[(（].*)?$")
_UNIT = re.compile(r"^[가-힣%㎡ ]*$")
_PART = re.compile(rf"(?P<label>[^\d\s,，△\-]+)\s*(?P<amount>[△\-]?\s*(?:{_NUM}))?")


def format_figure(fig: Figure | None) -> str:
    if fig is not None and fig.text:
        return fig.text  # as the officer wrote it: "93,705 (시 39,570, 구비 54,130)", "비예산"
    if fig is None or (fig.total is None and not fig.parts):
        return ""
    text = format_amount(fig.total, none="") + fig.unit
    if fig.parts:
        text += "(" + " ".join(lbl + (format_amount(v) if v is not None else "") for lbl, v in fig.parts) + ")"
    return text


def parse_figure(text: str, default_unit: str = "", label: str = "") -> Figure | None:
    """Parse a stated figure; None for an empty field. Raises NumberError with a Korean message."""
    s = text.strip()
    if not s:
        return None
    if not any(ch.isdigit() for ch in s):
        return Figure(text=s)  # a statement instead of an amount: "비예산", "-", "해당 없음"
    where = f"{label}: " if label else ""
    m = _HEAD.match(s)
    if m is None:
        raise NumberError(f"{where}금액으로 읽을 수 없습니다 '{s}' (예: 750백만원(국700 구50))")
    total = parse_amount(m.group("total"))
    if total is not None and m.group("sign"):
        total = -total
    unit = m.group("unit").strip() or default_unit
    if not _UNIT.match(unit):
        raise NumberError(f"{where}금액으로 읽을 수 없습니다 '{s}' (단위 '{unit}')")
    parts: list[tuple[str, Decimal | None]] = []
    rest = (m.group("rest") or "").strip()
    if rest:
        if rest[-1] not in ")）":
            raise NumberError(f"{where}괄호가 닫히지 않았습니다 '{s}'")
        inner = rest[1:-1].strip()
        pos = 0
        for pm in _PART.finditer(inner):
            gap = inner[pos:pm.start()].strip(" ,，")
            if gap:
                raise NumberError(f"{where}재원 구분을 읽을 수 없습니다 '{gap}'")
            amount = pm.group("amount")
            parts.append((pm.group("label"), parse_amount(amount.replace(" ", "")) if amount else None))
            pos = pm.end()
        tail = inner[pos:].strip(" ,，")
        if tail:
            raise NumberError(f"{where}재원 구분을 읽을 수 없습니다 '{tail}'")
        if not parts:
            raise NumberError(f"{where}괄호 안에 재원이 없습니다 '{s}'")
    # Kept as written when it carries a split written otherwise than the program writes it, so that it
    # prints once, exactly so ("93,705 (시 39,570, 구비 54,130)").
    fig = Figure(total=total, unit=unit, parts=parts)
    if parts and format_figure(fig) != s:
        fig.text = s
    return fig
