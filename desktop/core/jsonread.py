"""Reading validated values out of parsed JSON (card files): objects, lists, texts, integers and exact
amounts, each refused in Korean with the file and the JSON path of the problem. Bare JSON numbers are
parsed by `json_int` / `JsonFloat` (json.loads hooks) so that a float never becomes an amount and a
5,000-digit integer is refused, not turned into a traceback."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.limits import MAX_INT_DIGITS, amount_text_error

MAX_TEXT = 100_000  # characters in one text field; a whole seed card is under 10,000


class JsonFloat:
    """A bare JSON number with a fraction: refused as an amount (binary floats lose cents) and as text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class JsonHugeInt:
    """A bare JSON integer of more digits than any field takes: refused with its place (int() of
    4,300+ digits raises a ValueError that would reach the user as a traceback)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text[:20] + "…" if len(self.text) > 20 else self.text


def json_int(text: str) -> int | JsonHugeInt:
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else JsonHugeInt(text)


class JsonReader:
    """Reads validated values out of parsed JSON, refusing in Korean with the source and the JSON path
    (`error` is the exception the subclass raises for its format)."""

    error: type[ValueError] = ValueError

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, msg: str) -> ValueError:
        return self.error(f"'{self.source}' {where}: {msg}")

    def obj(self, v: Any, where: str) -> dict[str, Any]:
        if not isinstance(v, dict):
            raise self.fail(where, "객체({…})여야 합니다")
        return v

    def lst(self, v: Any, where: str) -> list[Any]:
        if v is None:
            return []
        if not isinstance(v, list):
            raise self.fail(where, "목록([…])이어야 합니다")
        return v

    def text(self, d: dict[str, Any], key: str, where: str, default: str = "") -> str:
        v = d.get(key, default)
        if v is None:
            return default
        if not isinstance(v, str):
            got = json.dumps(v, ensure_ascii=False, default=repr)[:40]
            raise self.fail(f"{where}.{key}", f"문자열이어야 합니다 (받은 값: {got})")
        if len(v) > MAX_TEXT:
            raise self.fail(f"{where}.{key}", f"글이 너무 깁니다 ({len(v):,}자, 최대 {MAX_TEXT:,}자)")
        return v

    def strlist(self, d: dict[str, Any], key: str, where: str) -> list[str]:
        out = []
        for i, v in enumerate(self.lst(d.get(key), f"{where}.{key}")):
            if not isinstance(v, str):
                raise self.fail(f"{where}.{key}[{i}]", "문자열이어야 합니다")
            if len(v) > MAX_TEXT:
                raise self.fail(f"{where}.{key}[{i}]", "글이 너무 깁니다")
            out.append(v)
        return out

    def int_or_none(self, d: dict[str, Any], key: str, where: str, lo: int, hi: int) -> int | None:
        v = d.get(key)
        if v is None:
            return None
        if isinstance(v, JsonHugeInt):
            n = len(v.text.lstrip("-"))
            raise self.fail(f"{where}.{key}", f"숫자가 너무 깁니다 ({n:,}자리, 최대 {MAX_INT_DIGITS}자리)")
        if isinstance(v, bool) or not isinstance(v, int):
            got = json.dumps(v, ensure_ascii=False, default=repr)[:40]
            raise self.fail(f"{where}.{key}", f"정수여야 합니다 (받은 값: {got})")
        if not lo <= v <= hi:
            raise self.fail(f"{where}.{key}", f"{lo}~{hi} 범위를 벗어났습니다: {v}")
        return v

    def dec(self, v: Any, where: str) -> Decimal | None:
        if v is None:
            return None
        if not isinstance(v, str):
            raise self.fail(where, "금액은 따옴표로 감싼 십진수 문자열이어야 합니다 (예: \"9.6\")")
        why = amount_text_error(v)  # docs/card-format.md: "-12", "9.6"; no exponent, ≤ 40 chars
        if why or len(v) > 40:
            raise self.fail(where, why or f"숫자가 아닙니다 '{v[:40]}'")
        try:
            return Decimal(v)
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
            raise self.fail(where, f"숫자가 아닙니다 '{v[:40]}'") from None
