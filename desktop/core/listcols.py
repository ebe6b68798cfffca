"""The words and columns of lists and summaries, from the templates (SPEC §2.1).

What a card is ("공약", "사업", "업무") decides the book's "공약 19건" / "사업 14건"; a template's
`list_columns` (header field keys) decide which columns the book's 총괄표 shows, headed by the fields'
own labels. A template without `list_columns` keeps the pledge columns — 관리번호, 공약제목, 주관부서,
추진상황, 진도, 소요예산 — exactly as version 1 printed them. Plain data for the PDF, the workbook and
the window; no Qt, no ReportLab.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from desktop.core.checks.labels import clean
from desktop.core.dates import fmt_date
from desktop.core.figures import derived_figure, figure_text
from desktop.core.model import Card
from desktop.core.templates import COMMON_FIELDS, Template

DASH = "-"
FIGURE = "@figure"  # the default list's 소요예산: the template's first figure field
PLEDGE = [("number", "관리번호"), ("title", "공약제목"), ("dept", "주관부서"), ("status", "추진상황"),
          ("progress", "진도"), (FIGURE, "소요예산")]
FALLBACK = {"number": "관리번호", "title": "제목", "base_date": "기준일"}


@dataclass(frozen=True)
class ListColumn:
    key: str
    label: str
    align: str  # "left", "center", "right"


def _align(template: Template, key: str) -> str:
    if key == "title":
        return "left"
    f = template.field_def(key)
    kind = f.kind if f is not None else ""
    if key in (FIGURE, "progress") or kind in ("figure", "percent"):
        return "right"
    return "left" if kind in ("longtext", "list", "checks", "outline") else "center"


def list_columns(template: Template) -> list[ListColumn]:
    if not template.list_columns:
        return [ListColumn(k, label, _align(template, k)) for k, label in PLEDGE]
    out = []
    for k in template.list_columns:
        f = template.field_def(k)
        label = clean(f.label) if f is not None else FALLBACK.get(k, k)
        out.append(ListColumn(k, label, _align(template, k)))
    return out


def _figure(card: Card, template: Template, key: str) -> str:
    f = template.field_def(key)
    if f is None:
        return ""
    stated = card.figures.get(key)
    fig = stated if stated is not None and (stated.total is not None or stated.parts or stated.text) else None
    return figure_text(fig or derived_figure(card, template, f), f.unit)


def column_text(card: Card, template: Template, key: str) -> str:
    """The text of one list column for one card; "-" when empty."""
    if key == FIGURE:
        placed = {k for row in template.header_rows for k in row} | set(template.footer)
        placed |= {b.field for b in template.blocks if b.field}
        figs = [f.key for f in template.fields if f.kind == "figure"]
        figs.sort(key=lambda k: k not in placed)  # the placed figure first, as the card prints it
        text = next((t for t in (_figure(card, template, k) for k in figs) if t), "")
        return text or DASH
    f = template.field_def(key)
    if f is not None and f.kind == "figure":
        return _figure(card, template, key) or DASH
    if key == "progress" or (f is not None and f.kind == "percent"):
        p = card.progress if key == "progress" else card.extra.get(key)
        return f"{p}%" if p not in (None, "") else DASH
    if key == "period":
        years = [y for y in (card.start_year, card.end_year) if y is not None]
        return " ~ ".join(str(y) for y in dict.fromkeys(years)) or DASH
    v: object = getattr(card, key) if key in COMMON_FIELDS and hasattr(card, key) else card.extra.get(key)
    if isinstance(v, date):
        return fmt_date(v)
    if isinstance(v, list):
        return ", ".join(str(x) for x in v if str(x).strip()) or DASH
    return " ".join(str(v).split()) if v not in (None, "") else DASH


def main_template(cards: Iterable[Card], templates: Mapping[str, Template]) -> Template | None:
    """The template most of the cards use (the one whose words a mixed book speaks)."""
    names = Counter(c.template for c in cards if c.template in templates)
    return templates[names.most_common(1)[0][0]] if names else None


def card_word(cards: Iterable[Card], templates: Mapping[str, Template]) -> str:
    t = main_template(cards, templates)
    return t.card_word if t is not None else "공약"


def count_text(cards: list[Card], templates: Mapping[str, Template]) -> str:
    """ "공약 19건", "사업 14건"."""
    return f"{card_word(cards, templates)} {len(cards)}건"


def summary_title(word: str) -> str:
    """The 총괄표's title: "공약사항 총괄표" for pledge cards (as version 1), else "사업 총괄표"."""
    return "공약사항 총괄표" if word == "공약" else f"{word} 총괄표"
