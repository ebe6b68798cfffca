"""The stable document of `pledgecard summary --json` (docs/summary.md): the Overview as JSON.

Amounts and rates are strings of exact decimals ("26670", "9.6", "69.0"), never binary floats;
every number carries the ids of the cards behind it ("cards").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.core.finance import KIND_NAMES
from desktop.core.overview import SCOPE_NAMES, SCOPES, Amount, Cross, Overview

SUMMARY_FORMAT = "pledgecard-summary"
SUMMARY_VERSION = 1


def dec(value: Decimal | None) -> str | None:
    """26670.000 → "26670", 9.60 → "9.6", 1E+2 → "100"; None stays None."""
    if value is None:
        return None
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def count(ids: list[str]) -> dict[str, Any]:
    return {"count": len(ids), "cards": list(ids)}


def amount(a: Amount) -> dict[str, Any]:
    return {"amount": dec(a.value), "cards": list(a.cards)}


def cross(c: Cross) -> dict[str, Any]:
    return {
        "what": c.what,
        "statuses": list(c.statuses),
        "rows": [
            {"key": k, "total": count(c.rows[k]),
             "statuses": {s: count(c.cells.get((k, s), [])) for s in c.statuses}}
            for k in c.keys
        ],
        "total": {"total": count([i for k in c.keys for i in c.rows[k]]),
                  "statuses": {s: count(c.columns[s]) for s in c.statuses}},
    }


def overview_json(ov: Overview) -> dict[str, Any]:
    from desktop.core.overview_text import overview_title

    fin = ov.finance
    return {
        "format": SUMMARY_FORMAT,
        "version": SUMMARY_VERSION,
        "base_date": ov.base_date.isoformat() if ov.base_date else None,
        "orgs": list(ov.orgs),
        "term_end": ov.term_end,
        "filter": ov.filter.to_json(),
        "cards": count(ov.cards),
        "title": overview_title(ov),
        "kinds": [{"word": w, **count(ids)} for w, ids in ov.words],
        "left_out": [{"word": w, **count(ids)} for w, ids in ov.left_out],
        "statuses": [
            {"name": s.name, "group": s.group, "definition": s.definition, "color": s.color, **count(s.cards)}
            for s in ov.statuses
        ],
        "groups": [{"name": g.name, "statuses": list(g.statuses), **count(g.cards)} for g in ov.groups],
        "by_area": cross(ov.by_area),
        "by_dept": cross(ov.by_dept),
        "progress": [{"band": b, **count(ids)} for b, ids in ov.progress],
        "finance": {
            "unit": fin.unit,
            "scopes": {s: SCOPE_NAMES[s] for s in SCOPES},
            "sources": [{"meaning": r.meaning, **{s: amount(r.amounts[s]) for s in SCOPES}} for r in fin.sources],
            "total": {s: amount(fin.total[s]) for s in SCOPES},
            "records": {k: {"name": KIND_NAMES[k], **count(v)} for k, v in fin.records.items()},
            "no_budget": count(fin.no_budget),
            "unknown_unit": [{"card": c, "unit": u} for c, u in fin.unknown_unit],
            "covered": [{"card": c, **count(pages)} for c, pages in fin.covered.items()],
        },
        "rates": [
            {
                "key": r.key, "name": r.name, "definition": r.definition,
                "percent": None if r.percent is None else format(r.percent, "f"),
                "numerator": {"label": r.numerator_label, "value": dec(r.numerator), "cards": list(r.numerator_cards)},
                "denominator": {"label": r.denominator_label, "value": dec(r.denominator), "cards": list(r.cards)},
                "excluded": count(r.excluded),
                "note": r.note,
            }
            for r in ov.rates
        ],
        "changes": None if ov.changes is None else {
            "previous": ov.changes.previous.isoformat() if ov.changes.previous else None,
            "added": count(ov.changes.added),
            "removed": count(ov.changes.removed),
            "statuses": [{"from": t.before, "to": t.after, **count(t.cards)} for t in ov.changes.statuses],
            "progress": [{"from": t.before, "to": t.after, **count(t.cards)} for t in ov.changes.progress],
        },
        "issues": {"errors": count(ov.errors), "warnings": count(ov.warnings)},
        "card_list": [
            {"id": f.id, "number": f.number, "title": f.title, "dept": f.dept, "area": f.area,
             "status": f.status, "progress": f.progress, "template": f.template, "kind": f.word,
             "base_date": f.base_date.isoformat() if f.base_date else None,
             "errors": f.errors, "warnings": f.warnings}
            for f in (ov.facts[i] for i in ov.cards)
        ],
    }
