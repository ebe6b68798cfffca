"""What a header field prints as, for any template: the field's kind decides, never its name.

Kept free of ReportLab so that it can be tested (and reused) as plain text.
"""

from __future__ import annotations

from datetime import date

from desktop.core.dates import fmt_date
from desktop.core.figures import derived_figure, figure_text
from desktop.core.model import Card, Contact, Figure, Item
from desktop.core.templates import COMMON_FIELDS, FieldDef, Template

CHECKED = "■"
UNCHECKED = "□"


def base_date_line(d: date) -> str:
    return f"({fmt_date(d)} 現在)"


def raw(card: Card, key: str) -> object:
    if key in COMMON_FIELDS and hasattr(card, key):
        return getattr(card, key)
    return card.extra.get(key)


def placed_fields(template: Template) -> set[str]:
    keys = {k for row in template.header_rows for k in row} | set(template.footer)
    keys |= {b.field for b in template.blocks if b.field}
    return keys


def figure_of(card: Card, template: Template, f: FieldDef) -> Figure | None:
    """The stated figure, else the one derived from the table the field must equal."""
    stated = card.figures.get(f.key)
    if stated is not None and (stated.total is not None or stated.parts or stated.text):
        return stated
    return derived_figure(card, template, f)


def years_text(card: Card, template: Template) -> str:
    if card.start_year is None and card.end_year is None:
        text = ""
    elif card.start_year == card.end_year or card.end_year is None:
        text = str(card.start_year)
    elif card.start_year is None:
        text = f"~ {card.end_year}"
    else:
        text = f"{card.start_year} ~ {card.end_year}"
    # 이행시기 rides with 사업기간 ("2024 ~ 2026 [임기 내 완료]") unless the template places it itself.
    if card.timing and "timing" not in placed_fields(template):
        text = f"{text} [{card.timing}]".strip()
    return text


def checks_text(f: FieldDef, selected: list[str]) -> str:
    chosen = set(selected)

    def box(c: str) -> str:
        return f"{CHECKED if c in chosen else UNCHECKED} {c}"

    known = set(f.choices) | {c for cs in f.groups.values() for c in cs}
    strays = [c for c in selected if c not in known]
    if f.groups:
        parts = [f"{g}: " + "  ".join(box(c) for c in cs) for g, cs in f.groups.items()]
        rest = [c for c in f.choices if all(c not in cs for cs in f.groups.values())]
        if rest or strays:
            parts.append("  ".join(box(c) for c in [*rest, *strays]))
        return "  /  ".join(parts)
    return "  ".join(box(c) for c in [*f.choices, *strays])


def as_list(v: object) -> list[str]:
    if v is None:
        return []
    if isinstance(v, list):
        return [str(x) for x in v if str(x).strip()]
    return [str(v)] if str(v).strip() else []


def field_text(card: Card, template: Template, f: FieldDef) -> str:
    """Every scalar kind as one printable string ("" when empty; "-" for an empty 진도 or 관련부서 list,
    as the form shows them: a dash says "none", a blank looks forgotten)."""
    v = raw(card, f.key)
    if f.kind == "figure":
        return figure_text(figure_of(card, template, f), f.unit)
    if f.kind == "years":
        return years_text(card, template)
    if f.kind == "percent":
        if v is None or v == "":
            return "-"  # no 진도 stated: a dash, as the form shows it, never a blank that looks forgotten
        return f"{v}{f.unit or '%'}"
    if f.kind == "checks":
        return checks_text(f, as_list(v))
    if f.kind == "status" and f.display == "checks":  # the vocabulary as grouped boxes, as the form shows it
        boxes = FieldDef(f.key, f.label, "checks", choices=list(template.statuses), groups=dict(template.status_groups))
        return checks_text(boxes, as_list(v))
    if f.kind == "list":
        return ", ".join(as_list(v)) or "-"
    if f.kind == "date":
        return fmt_date(v) if isinstance(v, date) else str(v or "")
    if f.kind == "contacts":
        return "\n".join(contact_line(c) for c in contacts_of(card, f))
    if f.kind == "outline":
        return "\n".join(i.text for i in items_of(card, f))
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return "" if v is None else str(v)


def items_of(card: Card, f: FieldDef) -> list[Item]:
    v = raw(card, f.key)
    if isinstance(v, list):
        return [i if isinstance(i, Item) else Item(text=str(i)) for i in v]
    if isinstance(v, str) and v.strip():
        return [Item(text=line) for line in v.splitlines() if line.strip()]
    return []


def contacts_of(card: Card, f: FieldDef) -> list[Contact]:
    v = raw(card, f.key)
    if isinstance(v, list):
        return [c for c in v if isinstance(c, Contact)]
    return []


def contact_line(c: Contact) -> str:
    """행정6급 신정미(☎4803)"""
    who = " ".join(x for x in (c.rank, c.name) if x)
    return who + (f"({c.phone})" if c.phone else "")


def role_label(role: str, f: FieldDef) -> str:
    """A stored role in the template's own spelling ("팀장" → "팀  장")."""
    plainrole = role.replace(" ", "")
    return next((r for r in f.roles if r.replace(" ", "") == plainrole), role)


def first_figure(card: Card, template: Template) -> str:
    """The card's budget summary for lists (총괄표): the template's first figure field, placed first."""
    fig, unit = _first(card, template)
    return figure_text(fig, unit)


def figure_value(card: Card, template: Template) -> Figure | None:
    """The figure first_figure prints, with its unit filled in (for totals per unit)."""
    fig, unit = _first(card, template)
    if fig is None:
        return None
    return Figure(total=fig.total, unit=fig.unit or unit, parts=fig.parts)


def _first(card: Card, template: Template) -> tuple[Figure | None, str]:
    placed = placed_fields(template)
    figs = [f for f in template.fields if f.kind == "figure"]
    figs.sort(key=lambda f: f.key not in placed)
    for f in figs:
        fig = figure_of(card, template, f)
        if figure_text(fig, f.unit):
            return fig, f.unit
    return None, ""
