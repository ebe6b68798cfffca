"""What a template calls things, for finding them in a document: header field labels (and the contact
roles), block headings without their numbers, and the choice of template by the labels a document
shows (SPEC §9: "fills a card of the matching template, chosen automatically from the labels")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.importmap.elements import El, Grid, Line, spaced_pattern, squash
from desktop.core.templates import BlockDef, Template, TemplateRegistry

# Other spellings offices use for the same field (labels as written on older cards).
ALIASES: dict[str, list[str]] = {
    "related": ["관련부서", "협조부서", "협조부서(기관)"],
    "title": ["공약명"],
    "period": ["추진기간"],
}


# Fields every card has (desktop/core/model.Card) though a template may not show them: read by these
# labels even then, so a card keeps what its document says (성동구's card names its 협조부서).
CORE_LABELS: dict[str, list[str]] = {
    "related": ["관련부서", "협조부서", "협조부서(기관)"],
    "timing": ["이행시기"],
}


@dataclass(frozen=True)
class Label:
    key: str  # field key, or "role:<role>" for a contact role
    written: str
    pattern: re.Pattern[str]


def field_labels(template: Template) -> list[Label]:
    """Every label of the template's header, longest first so "협조부서(기관)" wins over "협조부서"."""
    found: dict[str, str] = {}
    for f in template.fields:
        if f.kind == "contacts":
            for role in f.roles:
                found.setdefault(squash(role), f"role:{role}")
            found.setdefault(squash(f.label), f"role:{f.roles[0]}" if f.roles else f.key)
            continue
        found.setdefault(squash(f.label), f.key)
        for alias in ALIASES.get(f.key, []):
            found.setdefault(squash(alias), f.key)
    for key, words in CORE_LABELS.items():
        if template.field_def(key) is None:
            for w in words:
                found.setdefault(squash(w), key)
    labels = [Label(key, written, re.compile(r"(?<!\S)" + spaced_pattern(written) + r"(?=\s|:|：|$)"))
              for written, key in found.items() if written]
    return sorted(labels, key=lambda lb: -len(lb.written))


def heading_core(heading: str) -> str:
    """"2. 투자계획(예산/비예산)" → "투자계획"; "6. 기타 참고사항(관련 사진 등)" → "기타참고사항"."""
    core = re.sub(r"^\s*#*\s*(?:\d+|[IVX]+|[가-하])\s*[.)]\s*", "", heading)
    core = re.sub(r"\(.*$", "", core)
    return squash(core)


def heading_match(text: str, bd: BlockDef) -> bool:
    core = heading_core(bd.heading)
    if not core:
        return False
    body = squash(re.sub(r"^\s*#*\s*(?:\d+|[IVX]+)\s*[.)]\s*", "", text))
    return body.startswith(core) and len(body) <= len(core) + 60


def _texts(els: list[El]) -> str:
    parts: list[str] = []
    for el in els:
        if isinstance(el, Line):
            parts.append(el.text)
        elif isinstance(el, Grid):
            parts.extend(c for r in el.rows for c in r)
    return squash("\n".join(parts))


def template_labels(template: Template) -> set[str]:
    words = {squash(f.label) for f in template.fields}
    words |= {heading_core(b.heading) for b in template.blocks}
    for f in template.fields:
        words |= {squash(r) for r in f.roles}
    return {w for w in words if len(w) >= 2}


def choose_template(els: list[El], registry: TemplateRegistry) -> tuple[Template | None, float]:
    """The template whose labels the document shows most (as a share of its labels), and that share."""
    text = _texts(els)
    best: tuple[Template | None, float, int] = (None, 0.0, 0)
    for name in registry.names():
        t = registry.get(name)
        words = template_labels(t)
        if not words:
            continue
        hits = sum(1 for w in words if w in text)
        share = hits / len(words)
        if (share, hits) > (best[1], best[2]):
            best = (t, share, hits)
    return best[0], best[1]
