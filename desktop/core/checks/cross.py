"""Relations across the tables of one card and across the cards of one document (templaterels.py).

A referenced cell the card does not have (a year outside its 사업기간, a table it dropped) leaves that
relation unsaid: nothing can contradict it. Every side is taken as stated (a derived cell left out is
its computed value), and compared at the coarsest stated precision (precision.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from desktop.core.checks import codes
from desktop.core.checks.labels import cell_label, clean, field_name, fmt, table_name
from desktop.core.checks.precision import agree, agree_total
from desktop.core.checks.relations import signed_text
from desktop.core.findings import Finding, Place
from desktop.core.layout import period_years
from desktop.core.model import Card, Table
from desktop.core.tables import TableValues, select_rows
from desktop.core.templaterels import CardRelation, CellRef, DocRelation
from desktop.core.templates import Template

ZERO = Decimal(0)


class _Values:
    """Cells and figure fields of one card by reference, each table read once."""

    def __init__(self, card: Card, template: Template) -> None:
        self.card = card
        self.template = template
        self._tv: dict[tuple[str, int | None], TableValues | None] = {}

    def table(self, block: str, item: int | None) -> TableValues | None:
        key = (block, item)
        if key not in self._tv:
            b = self.card.block(block)
            t: Table | None = None
            if b is not None:
                if item is None:
                    t = b.table
                elif 0 <= item < len(b.items):
                    t = b.items[item].table
            self._tv[key] = TableValues(t) if t is not None else None
        return self._tv[key]

    def exists(self, ref: CellRef) -> bool:
        if ref.field:
            return self.template.field_def(ref.field) is not None
        tv = self.table(ref.block, ref.item)
        return tv is not None and tv.table.row(ref.row) is not None and tv.table.column(ref.col) is not None

    def value(self, ref: CellRef) -> Decimal | None:
        if ref.field:
            fig = self.card.figures.get(ref.field)
            return fig.total if fig is not None else None
        tv = self.table(ref.block, ref.item)
        return tv.value(ref.row, ref.col) if tv is not None else None

    def stated(self, ref: CellRef) -> bool:
        """Whether the referenced figure is there to be compared (stated, or derived from stated parts)."""
        return self.value(ref) is not None

    def label(self, ref: CellRef) -> str:
        if ref.field:
            return field_name(self.template, ref.field)
        tv = self.table(ref.block, ref.item)
        b = self.card.block(ref.block)
        if tv is None or b is None:
            return ref.block
        where = table_name(b, (ref.item,) if ref.item is not None else (), self.template)
        return f"{where} {cell_label(tv.table, ref.row, ref.col)}"

    def place(self, ref: CellRef) -> Place:
        if ref.field:
            return Place(field=ref.field)
        return Place(block=ref.block, item=(ref.item,) if ref.item is not None else (), row=ref.row, col=ref.col)


def _instances(card: Card, rel: CardRelation) -> list[tuple[CellRef, list[CellRef]]]:
    if not rel.each:
        return [(rel.target, rel.terms)]
    values = [str(y) for y in period_years(card)] if rel.each == "years" else list(rel.each)
    return [(rel.target.at(v), [t.at(v) for t in rel.terms]) for v in values]


def card_findings(card: Card, template: Template) -> list[Finding]:
    """The template's relations across this card's tables and figure fields."""
    if not template.relations:
        return []
    vals = _Values(card, template)
    out: list[Finding] = []
    for rel in template.relations:
        for target, terms in _instances(card, rel):
            if not vals.exists(target) or not all(vals.exists(t) for t in terms):
                continue
            try:
                _one(vals, rel, target, terms, out)
            except ArithmeticError:
                continue
    return out


def _one(vals: _Values, rel: CardRelation, target: CellRef, terms: list[CellRef], out: list[Finding]) -> None:
    values = [(t.sign, vals.value(t)) for t in terms]
    if all(v is None for _, v in values):
        return
    total = sum((s * v for s, v in values if v is not None), ZERO)
    rhs = vals.value(target)
    names = " ".join(("" if i == 0 and t.sign > 0 else ("− " if t.sign < 0 else "+ ")) + vals.label(t)
                     for i, t in enumerate(terms))
    if rel.kind == "eq":
        if rhs is None and not vals.stated(target):
            return  # nothing stated to disagree
        if agree_total(rhs or ZERO, total, rhs, [v for _, v in values]):
            return
        shown = fmt(total) if len(terms) == 1 else f"{signed_text(values)} = {fmt(total)}"
        out.append(Finding(codes.CROSS_EQ, codes.severity(codes.CROSS_EQ),
                           f"{vals.label(target)} {fmt(rhs)} ≠ {shown} ({clean(names)})",
                           vals.place(target), fmt(rhs), fmt(total)))
        return
    if total <= (rhs or ZERO) or total <= ZERO:
        return
    lhs_text = fmt(total) if len(terms) == 1 else f"{signed_text(values)} = {fmt(total)}"
    out.append(Finding(codes.CROSS_LE, codes.severity(codes.CROSS_LE),
                       f"{clean(names)} {lhs_text} > {vals.label(target)} {fmt(rhs)}",
                       vals.place(terms[0]), fmt(total)))


# ---------------------------------------------------------------- documents

def document_key(card: Card) -> tuple[str, date | None, str]:
    """The document a card belongs to: one 기관명, one 기준일, one 분야 (by default the first segment of
    관리번호, so `환경과`, `환경과-1` and `환경과-2` are one department's report)."""
    return (" ".join(card.org.split()), card.base_date, " ".join(card.area_or_default.split()))


def documents(cards: Iterable[Card]) -> dict[tuple[str, date | None, str], list[Card]]:
    out: dict[tuple[str, date | None, str], list[Card]] = {}
    for c in cards:
        out.setdefault(document_key(c), []).append(c)
    return out


def _norm(text: str) -> str:
    return "".join(text.split())


def document_findings(cards: list[Card], template_of: Callable[[Card], Template | None]) -> dict[str, list[Finding]]:
    """Findings by card id: each document relation of a card's template against the other cards of its
    document. Cards of one document are compared only with each other."""
    out: dict[str, list[Finding]] = {}
    for group in documents(cards).values():
        if len(group) < 2:
            continue
        for card in group:
            template = template_of(card)
            if template is None or not template.document.relations:
                continue
            others = [c for c in group if c.id != card.id]
            found: list[Finding] = []
            for rel in template.document.relations:
                try:
                    _doc_relation(card, template, rel, others, template_of, found)
                except ArithmeticError:
                    continue
            if found:
                out[card.id] = found
    return out


def _doc_relation(card: Card, template: Template, rel: DocRelation, others: list[Card],
                  template_of: Callable[[Card], Template | None], out: list[Finding]) -> None:
    vals = _Values(card, template)
    tv = vals.table(rel.block, rel.item)
    if tv is None or tv.table.column(rel.col) is None:
        return
    by_name: dict[str, Card] = {}
    for o in others:
        key = _norm(o.title if rel.card_by == "title" else o.number)
        if key:
            by_name.setdefault(key, o)
    targets = {s.target for s in tv.specs}
    for rk in select_rows(tv.table, rel.rows):
        row = tv.table.row(rk)
        if row is None or ((rk, rel.col) in targets and rel.rows == "rest"):
            continue
        other = by_name.get(_norm(row.label))
        if other is None:
            continue
        otemplate = template_of(other)
        if otemplate is None:
            continue
        ovals = _Values(other, otemplate)
        if not ovals.exists(rel.value):
            continue
        mine = tv.value(rk, rel.col)
        theirs = ovals.value(rel.value)
        if mine is None or theirs is None or agree(mine, theirs, [mine, theirs]):
            continue
        ref = CellRef(block=rel.block, item=rel.item, row=rk, col=rel.col)
        name = " ".join(other.number.split()) or clean(other.title)
        out.append(Finding(codes.DOCUMENT_EQ, codes.severity(codes.DOCUMENT_EQ),
                           f"{vals.label(ref)} {fmt(mine)} ≠ 카드 {name}의 {ovals.label(rel.value)} {fmt(theirs)}",
                           vals.place(ref), fmt(mine), fmt(theirs)))
