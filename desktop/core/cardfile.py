"""Card files: versioned JSON for one card or many (docs/card-format.md, card-file.schema.json).

Amounts are exact decimal strings, dates ISO 8601, photos base64. Reading validates every value and
refuses with a Korean message naming the file and the JSON path of the problem; nothing is guessed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core import adjustments
from desktop.core.jsonread import MAX_TEXT, JsonFloat, JsonReader, json_int
from desktop.core.limits import MAX_RUN, run_too_long
from desktop.core.model import (
    Block,
    Card,
    CellValue,
    Column,
    Contact,
    Figure,
    Item,
    Photo,
    Row,
    Table,
)
from desktop.core.numbers import plain
from desktop.core.revisions import MAX_REVISIONS, is_revision_id
from desktop.core.templates import TemplateError, TemplateRegistry, relation_from_json, relation_to_json

CARD_FORMAT = "pledgecard-cards"
CARD_VERSION = 1
MAX_IMAGE = 8 * 1024 * 1024  # bytes of one photo after decoding
MAX_FILE = 256 * 1024 * 1024


class CardFileError(ValueError):
    """A card file that cannot be read. str(err) is Korean: file, place, what is wrong."""


# ---------------------------------------------------------------- writing

def _table_json(t: Table) -> dict[str, Any]:
    def cell(v: CellValue) -> Any:
        return plain(v) if isinstance(v, Decimal) else v

    out: dict[str, Any] = {"key": t.key}
    if t.corner:
        out["corner"] = t.corner
    if t.unit:
        out["unit"] = t.unit
    if t.label_columns != 1:
        out["label_columns"] = t.label_columns
    if t.year_columns:
        out["year_columns"] = True
    cols = []
    for c in t.columns:
        cj: dict[str, Any] = {"key": c.key, "label": c.label}
        if c.kind != "number":
            cj["kind"] = c.kind
        if c.group:
            cj["group"] = c.group
        if c.unit:
            cj["unit"] = c.unit
        if c.negative:
            cj["negative"] = True
        cols.append(cj)
    out["columns"] = cols
    rows = []
    for r in t.rows:
        rj: dict[str, Any] = {"key": r.key, "label": r.label}
        if r.group:
            rj["group"] = r.group
        if r.unit:
            rj["unit"] = r.unit
        if r.negative:
            rj["negative"] = True
        elif r.negative_cols:
            rj["negative"] = list(r.negative_cols)
        rj["cells"] = {k: cell(v) for k, v in r.cells.items()}
        rows.append(rj)
    out["rows"] = rows
    if t.relations:
        out["relations"] = [relation_to_json(x) for x in t.relations]
    return out


def _item_json(it: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"text": it.text, "level": it.level}
    if it.note:
        out["note"] = True
    if it.date:
        out["date"] = it.date
    if it.unit:
        out["unit"] = it.unit
    if it.table is not None:
        out["table"] = _table_json(it.table)
    return out


def card_to_json(card: Card) -> dict[str, Any]:
    blocks = []
    for b in card.blocks:
        bj: dict[str, Any] = {"key": b.key, "heading": b.heading, "kind": b.kind}
        if b.period:
            bj["period"] = b.period
        if b.text:
            bj["text"] = b.text
        if b.items:
            bj["items"] = [_item_json(i) for i in b.items]
        if b.table is not None:
            bj["table"] = _table_json(b.table)
        if b.photos:
            bj["photos"] = [
                {"caption": p.caption, "mime": p.mime,
                 "image": base64.b64encode(p.image).decode("ascii") if p.image is not None else None}
                for p in b.photos
            ]
        blocks.append(bj)
    return {
        "id": card.id,
        "pledge_id": card.pledge_id,
        "template": card.template,
        "version": card.version,
        "updated_at": card.updated_at.isoformat(),
        "org": card.org,
        "doc_title": card.doc_title,
        "area": card.area,
        "base_date": card.base_date.isoformat() if card.base_date else None,
        "title": card.title,
        "number": card.number,
        "dept": card.dept,
        "related": list(card.related),
        "contacts": [vars(c).copy() for c in card.contacts],
        "start_year": card.start_year,
        "end_year": card.end_year,
        "timing": card.timing,
        "status": card.status,
        "progress": card.progress,
        "goals": [_item_json(i) for i in card.goals],
        "tasks": [_item_json(i) for i in card.tasks],
        "figures": {
            k: {"total": plain(f.total) if f.total is not None else None, "unit": f.unit,
                "parts": [[lbl, plain(v) if v is not None else None] for lbl, v in f.parts],
                **({"text": f.text} if f.text else {})}
            for k, f in card.figures.items()
        },
        "extra": {k: (list(v) if isinstance(v, list) else v) for k, v in card.extra.items()},
        "blocks": blocks,
        **({"adjustments": adjustments.to_json(card.adjustments)} if card.adjustments else {}),
        **({"revisions": list(card.revisions)} if card.revisions else {}),
        **({"database_id": card.origin} if card.origin else {}),
    }


def cards_to_json(cards: Iterable[Card]) -> dict[str, Any]:
    return {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "cards": [card_to_json(c) for c in cards],
    }


def dumps(cards: Iterable[Card]) -> str:
    return json.dumps(cards_to_json(cards), ensure_ascii=False, indent=1)


def write_cards(path: Path, cards: Iterable[Card]) -> None:
    """Write atomically: a half-written file never replaces a good one."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(cards), encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------- reading

class _Reader(JsonReader):
    """The card parts of a card file; the plain values are JsonReader's."""

    error = CardFileError

    def table(self, v: Any, where: str) -> Table:
        d = self.obj(v, where)
        t = Table(key=self.text(d, "key", where), corner=self.text(d, "corner", where),
                  unit=self.text(d, "unit", where))
        lc = d.get("label_columns", 1)
        if lc not in (0, 1, 2):
            raise self.fail(f"{where}.label_columns", "0, 1 또는 2여야 합니다")
        t.label_columns = lc
        t.year_columns = bool(d.get("year_columns", False))
        kinds: dict[str, str] = {}
        for i, c in enumerate(self.lst(d.get("columns"), f"{where}.columns")):
            w = f"{where}.columns[{i}]"
            cd = self.obj(c, w)
            kind = cd.get("kind", "number")
            if kind not in ("number", "text"):
                raise self.fail(f"{w}.kind", f"'number' 또는 'text'여야 합니다: '{kind}'")
            col = Column(key=self.text(cd, "key", w), label=self.text(cd, "label", w), kind=kind,
                         group=self.text(cd, "group", w), unit=self.text(cd, "unit", w),
                         negative=bool(cd.get("negative", False)))
            if not col.key or col.key in kinds:
                raise self.fail(f"{w}.key", f"열 키가 비었거나 중복입니다 '{col.key}'")
            kinds[col.key] = kind
            t.columns.append(col)
        seen: set[str] = set()
        for i, r in enumerate(self.lst(d.get("rows"), f"{where}.rows")):
            w = f"{where}.rows[{i}]"
            rd = self.obj(r, w)
            row = Row(key=self.text(rd, "key", w), label=self.text(rd, "label", w),
                      group=self.text(rd, "group", w), unit=self.text(rd, "unit", w))
            neg = rd.get("negative", False)
            if isinstance(neg, list):
                row.negative_cols = self.strlist(rd, "negative", w)
            elif isinstance(neg, bool):
                row.negative = neg
            else:
                raise self.fail(f"{w}.negative", "true/false나 열 키 목록이어야 합니다")
            if not row.key or row.key in seen:
                raise self.fail(f"{w}.key", f"행 키가 비었거나 중복입니다 '{row.key}'")
            seen.add(row.key)
            for ck, cv in self.obj(rd.get("cells", {}), f"{w}.cells").items():
                cw = f"{w}.cells.{ck}"
                if ck not in kinds:
                    raise self.fail(cw, f"표에 없는 열 '{ck}'")
                if kinds[ck] == "text":
                    if cv is not None and not isinstance(cv, str):
                        raise self.fail(cw, "글 칸은 문자열이어야 합니다")
                    if isinstance(cv, str) and len(cv) > MAX_TEXT:
                        raise self.fail(cw, "글이 너무 깁니다")
                    row.cells[ck] = cv
                else:
                    row.cells[ck] = self.dec(cv, cw)
            t.rows.append(row)
        for i, rel in enumerate(self.lst(d.get("relations"), f"{where}.relations")):
            try:
                t.relations.append(relation_from_json(rel, f"{where}.relations[{i}]"))
            except TemplateError as exc:
                raise self.fail(f"{where}.relations[{i}]", str(exc).split(": ", 1)[-1]) from None
        return t

    def item(self, v: Any, where: str) -> Item:
        d = self.obj(v, where)
        level = self.int_or_none(d, "level", where, 0, 4)
        it = Item(text=self.text(d, "text", where), level=1 if level is None else level,
                  note=bool(d.get("note", False)), date=self.text(d, "date", where),
                  unit=self.text(d, "unit", where))
        if d.get("table") is not None:
            it.table = self.table(d["table"], f"{where}.table")
        return it

    def items(self, d: dict[str, Any], key: str, where: str) -> list[Item]:
        return [self.item(x, f"{where}.{key}[{i}]") for i, x in enumerate(self.lst(d.get(key), f"{where}.{key}"))]

    def card(self, v: Any, where: str) -> Card:
        d = self.obj(v, where)
        c = Card()
        c.id = self.text(d, "id", where) or c.id
        c.pledge_id = self.text(d, "pledge_id", where) or c.pledge_id
        c.template = self.text(d, "template", where)
        if not c.template:
            raise self.fail(f"{where}.template", "템플릿 이름이 없습니다")
        c.version = self.int_or_none(d, "version", where, 1, 2**31 - 1) or 1  # a database INTEGER
        ts = self.text(d, "updated_at", where)
        if ts:
            try:
                c.updated_at = datetime.fromisoformat(ts)
            except ValueError:
                raise self.fail(f"{where}.updated_at", f"ISO 8601 시각이 아닙니다 '{ts[:40]}'") from None
            if c.updated_at.tzinfo is None:
                c.updated_at = c.updated_at.replace(tzinfo=UTC)
        for key in ("org", "doc_title", "area", "title", "number", "dept", "timing", "status"):
            setattr(c, key, self.text(d, key, where))
        c.revisions = self.strlist(d, "revisions", where)[:MAX_REVISIONS]
        if any(not is_revision_id(r) for r in c.revisions):
            raise self.fail(f"{where}.revisions", "판 식별자는 16진수 20자여야 합니다")
        c.origin = self.text(d, "database_id", where)[:64]
        bd = d.get("base_date")
        if bd is not None:
            if not isinstance(bd, str):
                raise self.fail(f"{where}.base_date", "날짜 문자열(YYYY-MM-DD)이어야 합니다")
            try:
                c.base_date = date.fromisoformat(bd)
            except ValueError:
                raise self.fail(f"{where}.base_date", f"날짜(YYYY-MM-DD)가 아닙니다 '{bd[:40]}'") from None
        c.related = self.strlist(d, "related", where)
        for i, x in enumerate(self.lst(d.get("contacts"), f"{where}.contacts")):
            w = f"{where}.contacts[{i}]"
            xd = self.obj(x, w)
            c.contacts.append(Contact(**{k: self.text(xd, k, w) for k in ("role", "rank", "name", "phone", "dept")}))
        c.start_year = self.int_or_none(d, "start_year", where, 1900, 2200)
        c.end_year = self.int_or_none(d, "end_year", where, 1900, 2200)
        c.progress = self.int_or_none(d, "progress", where, -10**9, 10**9)
        c.goals = self.items(d, "goals", where)
        c.tasks = self.items(d, "tasks", where)
        for k, fv in self.obj(d.get("figures", {}), f"{where}.figures").items():
            w = f"{where}.figures.{k}"
            fd = self.obj(fv, w)
            parts: list[tuple[str, Decimal | None]] = []
            for i, p in enumerate(self.lst(fd.get("parts"), f"{w}.parts")):
                if not (isinstance(p, list) and len(p) == 2 and isinstance(p[0], str)):
                    raise self.fail(f"{w}.parts[{i}]", "[\"재원\", \"금액\"|null] 형식이어야 합니다")
                parts.append((p[0], self.dec(p[1], f"{w}.parts[{i}]")))
            c.figures[k] = Figure(total=self.dec(fd.get("total"), f"{w}.total"),
                                  unit=self.text(fd, "unit", w), parts=parts, text=self.text(fd, "text", w))
        for k, ev in self.obj(d.get("extra", {}), f"{where}.extra").items():
            if isinstance(ev, list):
                c.extra[k] = self.strlist({"v": ev}, "v", f"{where}.extra.{k}")
            else:
                c.extra[k] = self.text({"v": ev}, "v", f"{where}.extra.{k}")
        for i, b in enumerate(self.lst(d.get("blocks"), f"{where}.blocks")):
            w = f"{where}.blocks[{i}]"
            bdct = self.obj(b, w)
            kind = bdct.get("kind", "outline")
            if kind not in ("outline", "figure", "photos", "text", "field"):
                raise self.fail(f"{w}.kind", f"알 수 없는 블록 종류 '{kind}'")
            block = Block(key=self.text(bdct, "key", w), heading=self.text(bdct, "heading", w), kind=kind,
                          period=self.text(bdct, "period", w), text=self.text(bdct, "text", w))
            if why := run_too_long(block.period, MAX_RUN):  # a period is dates: the checks read its numbers
                raise self.fail(f"{w}.period", why)
            block.items = self.items(bdct, "items", w)
            if bdct.get("table") is not None:
                block.table = self.table(bdct["table"], f"{w}.table")
            for j, p in enumerate(self.lst(bdct.get("photos"), f"{w}.photos")):
                pw = f"{w}.photos[{j}]"
                pd = self.obj(p, pw)
                img = pd.get("image")
                data: bytes | None = None
                if img is not None:
                    if not isinstance(img, str) or len(img) > MAX_IMAGE * 4 // 3 + 8:
                        raise self.fail(f"{pw}.image", "사진이 너무 크거나 base64 문자열이 아닙니다")
                    try:
                        data = base64.b64decode(img, validate=True)
                    except (binascii.Error, ValueError):
                        raise self.fail(f"{pw}.image", "base64로 읽을 수 없습니다") from None
                block.photos.append(Photo(caption=self.text(pd, "caption", pw), image=data,
                                          mime=self.text(pd, "mime", pw)))
            c.blocks.append(block)
        c.adjustments = adjustments.from_json(d.get("adjustments"), f"{where}.adjustments", self.fail)
        return c


def cards_from_json(data: Any, source: str = "(입력)", registry: TemplateRegistry | None = None) -> list[Card]:
    r = _Reader(source)
    d = r.obj(data, "최상위")
    if d.get("format") != CARD_FORMAT:
        raise r.fail("format", f"공약카드 파일이 아닙니다 (format이 '{CARD_FORMAT}'여야 합니다)")
    ver = d.get("version")
    if ver != CARD_VERSION:
        raise r.fail("version", f"지원하지 않는 카드 파일 버전 {ver!r} (이 프로그램: {CARD_VERSION})")
    cards = [r.card(c, f"cards[{i}]") for i, c in enumerate(r.lst(d.get("cards"), "cards"))]
    if registry is not None:
        for i, c in enumerate(cards):
            if c.template not in registry.templates:
                why = f" (있는 템플릿: {', '.join(registry.names()) or '없음'})"
                broken = [e for e in registry.errors if f"{c.template}.json" in e]
                if broken:
                    why = f" — 템플릿 파일에 오류가 있습니다: {broken[0]}"
                elif registry.errors:  # the broken file may hold it under another file name
                    why += f" — 읽지 못한 템플릿 파일: {'; '.join(registry.errors)}"
                raise r.fail(f"cards[{i}].template", f"알 수 없는 템플릿 '{c.template}'{why}")
    ids = [c.id for c in cards]
    if len(set(ids)) != len(ids):
        raise r.fail("cards", "같은 id의 카드가 두 번 들어 있습니다")
    return cards


def _surrogate_path(v: Any, where: str = "최상위") -> str:
    if isinstance(v, str):
        return where if any(0xD800 <= ord(c) <= 0xDFFF for c in v) else ""
    items = v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else []
    for k, x in items:
        if isinstance(k, str) and _surrogate_path(k):
            return where
        found = _surrogate_path(x, f"{where}[{k}]" if isinstance(k, int) else f"{where}.{k}")
        if found:
            return found
    return ""


def loads(text: str, source: str = "(입력)", registry: TemplateRegistry | None = None) -> list[Card]:
    try:
        data = json.loads(text, parse_float=JsonFloat, parse_int=json_int)
    except json.JSONDecodeError as exc:
        raise CardFileError(f"'{source}' {exc.lineno}행 {exc.colno}열: JSON 문법 오류 ({exc.msg})") from None
    except RecursionError:
        raise CardFileError(f"'{source}': JSON이 너무 깊게 중첩되어 있습니다") from None
    try:  # one C-speed pass; a lone surrogate ("\ud800") cannot be stored, printed or exported
        json.dumps(data, ensure_ascii=False, default=repr).encode("utf-8")
    except UnicodeEncodeError:
        where = _surrogate_path(data)
        raise CardFileError(f"'{source}' {where}: 잘못된 유니코드 문자(짝 없는 서로게이트)가 있습니다") from None
    return cards_from_json(data, source, registry)


def read_cards(path: Path, registry: TemplateRegistry | None = None) -> list[Card]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise CardFileError(f"'{path}': 파일이 너무 큽니다 ({size // 2**20} MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise CardFileError(f"'{path}': 읽을 수 없습니다 ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CardFileError(f"'{path}' {exc.start}바이트: UTF-8 글자가 아닙니다") from None
    return loads(text, str(path), registry)
