"""Relations a template declares beyond one table (docs/templates.md "Relations across tables and cards").

- Card relations (`"relations"` at the top of a template): across the tables and figure fields of one
  card — 집행액 ≤ 확보액 per year when the two live in two tables; a 예산현황 total equal to a header
  figure. `eq`: target = Σ ± terms (오류); `le`: Σ terms ≤ target (경고). `each: "years"` repeats the
  relation for each year of the card's 사업기간, `{year}` in a key standing for it.
- Document relations (`"document": {"relations": […]}`): across the cards of one document. A document is
  the cards of one 기관명, one 기준일 and one 분야 (by default the first segment of 관리번호: `환경과`,
  `환경과-1`, `환경과-2` are one department's report). Each row of a table of this card names another
  card of the document (by its title or its 관리번호) and must equal a figure that card states.

The relations within one table (model.Relation, copied onto each card) are parsed here too.
Plain data, parsed here with Korean errors that name the place; checked by desktop/core/checks/cross.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from desktop.core.limits import amount_text_error
from desktop.core.model import Relation

Fail = Callable[[str, str], Exception]
RELATION_KINDS = {"sum", "le", "ratio", "no_future", "linear"}


class TemplateError(ValueError):
    """A template file that cannot be used. str(err) is Korean and names the file and place."""


def template_error(where: str, msg: str) -> TemplateError:
    """A TemplateError naming the file and place: "템플릿 'x.json' blocks[3] table: …"."""
    return TemplateError(f"템플릿 {where}: {msg}")


_err = template_error


# ---------------------------------------------------------------- relations within one table

def relation_from_json(d: Any, where: str) -> Relation:
    if not isinstance(d, dict):
        raise _err(where, "관계(relation)는 객체여야 합니다")
    kind = d.get("kind")
    if kind not in RELATION_KINDS:
        raise _err(where, f"알 수 없는 관계 종류 '{kind}' (sum, linear, le, ratio, no_future 중 하나)")
    axis = d.get("axis", "row")
    if axis not in ("row", "col"):
        raise _err(where, f"axis는 'row' 또는 'col'이어야 합니다: '{axis}'")
    of = d.get("of", "rest")
    scope = d.get("scope", "all")
    for name, sel in (("of", of), ("scope", scope)):
        if not (isinstance(sel, str) or (isinstance(sel, list) and all(isinstance(x, str) for x in sel))):
            raise _err(where, f"'{name}'는 선택자 문자열이나 키 목록이어야 합니다")
    scale = d.get("scale", "100")
    if amount_text_error(str(scale)):  # no exponent, no 5,000 digits: a ratio × 1e999999999 never ends
        raise _err(where, f"scale이 숫자가 아닙니다 (예: \"100\"): '{str(scale)[:40]}'")
    try:
        scale_d = Decimal(str(scale))
    except Exception as exc:
        raise _err(where, f"scale이 숫자가 아닙니다: '{scale}'") from exc
    target = d.get("target", "")
    targets: list[str] = []
    if isinstance(target, list) and kind == "le" and all(isinstance(x, str) for x in target):
        targets, target = list(target), ""  # le compares with a selector: a list of keys is one
    elif not isinstance(target, str):
        raise _err(where, "'target'는 키 문자열이어야 합니다 (le만 키 목록을 받습니다)")
    terms = d.get("terms", [])
    if kind == "linear":
        if not target:
            raise _err(where, "linear 관계에는 'target'(맞아야 할 칸의 키)이 있어야 합니다")
        if not isinstance(terms, list) or not terms or not all(isinstance(x, str) and x.lstrip("+-") for x in terms):
            raise _err(where, "linear 관계의 'terms'는 키 목록이어야 합니다 "
                              "(빼는 키는 앞에 '-': [\"budget\", \"-spent\"])")
    elif "terms" in d:
        raise _err(where, "'terms'는 linear 관계에만 씁니다")
    return Relation(
        kind=kind, axis=axis, target=target, of=of, scope=scope,
        num=str(d.get("num", "")), den=str(d.get("den", "")), scale=scale_d,
        terms=list(terms) if kind == "linear" else [], targets=targets,
    )


def relation_to_json(r: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": r.kind, "axis": r.axis}
    if r.targets:
        out["target"] = list(r.targets)
    elif r.target:
        out["target"] = r.target
    if r.terms:
        out["terms"] = list(r.terms)
    if r.of != "rest":
        out["of"] = r.of
    if r.scope != "all":
        out["scope"] = r.scope
    if r.kind == "ratio":
        out.update(num=r.num, den=r.den, scale=format(r.scale, "f"))
    return out


# ---------------------------------------------------------------- relations across tables and cards


@dataclass(frozen=True)
class CellRef:
    """A cell of a card's table (block, item index or None for the block's own table, row, col), or a
    figure field's total (field). Keys may hold "{year}"."""

    block: str = ""
    item: int | None = None
    row: str = ""
    col: str = ""
    field: str = ""
    sign: int = 1

    def at(self, year: str) -> CellRef:
        if "{year}" not in self.row + self.col:
            return self
        return CellRef(self.block, self.item, self.row.replace("{year}", year), self.col.replace("{year}", year),
                       self.field, self.sign)


@dataclass
class CardRelation:
    kind: Literal["eq", "le"]
    target: CellRef
    terms: list[CellRef]
    each: str | list[str] = ""  # "years", a list of values for {year}, or "" for once


@dataclass
class DocRelation:
    """Each row of `rows` in table (block, item) of this card names a card of the document by `card_by`
    (its row label against that card's title or 관리번호); cell[row, col] must equal `value` there."""

    block: str
    col: str
    value: CellRef
    item: int | None = None
    rows: str | list[str] = "rest"
    card_by: Literal["title", "number"] = "title"


@dataclass
class DocumentDef:
    relations: list[DocRelation] = field(default_factory=list)


def _ref(v: Any, where: str, fail: Fail, signed: bool = False) -> CellRef:
    if not isinstance(v, dict):
        raise fail(where, "칸 참조는 {\"block\", \"row\", \"col\"} 또는 {\"field\"} 객체여야 합니다")
    for k in ("block", "row", "col", "field", "sign"):
        if k in v and not isinstance(v[k], str):
            raise fail(where, f"'{k}'는 문자열이어야 합니다")
    item = v.get("item")
    if item is not None and (not isinstance(item, int) or isinstance(item, bool) or item < 0):
        raise fail(where, "'item'은 0 이상의 정수(개요 항목의 순번)입니다")
    sign = v.get("sign", "+")
    if sign not in ("+", "-") or (sign == "-" and not signed):
        raise fail(where, "'sign'은 terms 안에서만 \"+\" 또는 \"-\"입니다")
    ref = CellRef(block=v.get("block", ""), item=item, row=v.get("row", ""), col=v.get("col", ""),
                  field=v.get("field", ""), sign=-1 if sign == "-" else 1)
    if ref.field and (ref.block or ref.row or ref.col):
        raise fail(where, "'field'와 'block'/'row'/'col'을 함께 쓸 수 없습니다")
    if not ref.field and not (ref.block and ref.row and ref.col):
        raise fail(where, "칸 참조에는 'block', 'row', 'col'이 모두 있어야 합니다 (또는 'field')")
    return ref


def card_relations(raw: Any, where: str, fail: Fail) -> list[CardRelation]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise fail(where, "'relations'는 관계 목록이어야 합니다")
    out = []
    for i, d in enumerate(raw):
        w = f"{where}[{i}]"
        if not isinstance(d, dict):
            raise fail(w, "관계는 객체여야 합니다")
        kind = d.get("kind")
        if kind not in ("eq", "le"):
            raise fail(w, f"알 수 없는 카드 관계 종류 '{kind}' (eq, le 중 하나)")
        terms = d.get("terms")
        if not isinstance(terms, list) or not terms:
            raise fail(w, "'terms'는 칸 참조 목록이어야 합니다")
        each = d.get("each", "")
        if not (each in ("", "years") or (isinstance(each, list) and all(isinstance(x, str) for x in each))):
            raise fail(w, "'each'는 \"years\"나 값 목록입니다")
        out.append(CardRelation(kind=kind, target=_ref(d.get("target"), f"{w}.target", fail),
                                terms=[_ref(t, f"{w}.terms[{j}]", fail, True) for j, t in enumerate(terms)],
                                each=each))
    return out


def document_def(raw: Any, where: str, fail: Fail) -> DocumentDef:
    if raw is None:
        return DocumentDef()
    if not isinstance(raw, dict):
        raise fail(where, "'document'는 객체여야 합니다")
    rels = raw.get("relations", [])
    if not isinstance(rels, list):
        raise fail(f"{where}.relations", "관계 목록이어야 합니다")
    out = DocumentDef()
    for i, d in enumerate(rels):
        w = f"{where}.relations[{i}]"
        if not isinstance(d, dict):
            raise fail(w, "관계는 객체여야 합니다")
        if d.get("kind", "eq") != "eq":
            raise fail(w, f"알 수 없는 문서 관계 종류 '{d.get('kind')}' (eq)")
        block, col = d.get("block"), d.get("col")
        if not isinstance(block, str) or not block or not isinstance(col, str) or not col:
            raise fail(w, "'block'(표가 있는 블록)과 'col'(맞춰 볼 열)이 있어야 합니다")
        rows = d.get("rows", "rest")
        if not (isinstance(rows, str) or (isinstance(rows, list) and all(isinstance(x, str) for x in rows))):
            raise fail(w, "'rows'는 선택자 문자열이나 행 키 목록입니다")
        card_by = d.get("card_by", "title")
        if card_by not in ("title", "number"):
            raise fail(w, "'card_by'는 \"title\"(사업명) 또는 \"number\"(관리번호)입니다")
        item = d.get("item")
        if item is not None and (not isinstance(item, int) or isinstance(item, bool) or item < 0):
            raise fail(w, "'item'은 0 이상의 정수입니다")
        out.relations.append(DocRelation(block=block, col=col, value=_ref(d.get("value"), f"{w}.value", fail),
                                         item=item, rows=rows, card_by=card_by))
    return out


def ref_to_json(r: CellRef) -> dict[str, Any]:
    out: dict[str, Any] = {"field": r.field} if r.field else {"block": r.block, "row": r.row, "col": r.col}
    if r.item is not None:
        out["item"] = r.item
    if r.sign < 0:
        out["sign"] = "-"
    return out
