"""Field-by-field comparison of a card with its answer key (a shipped sample), as card-file JSON.

Every difference is reported with its path ("blocks[2].items[5].date: '2025. 2. 26.' ≠ ''").
Identity and bookkeeping (id, pledge_id, version, updated_at) and the importer's own notes
(extra._import_unsure / _import_note) are not content. Keys a person chose for an inline table
("loan_terms", "fund") or a line-item row ("ind1") are names, not content: such tables are compared
by position — column labels, groups, kinds and units; row labels, groups and cells in column order;
relations with their keys read as positions. Keys the template defines (plan_total, y2024, total)
are compared as keys.
"""

from __future__ import annotations

from typing import Any

from desktop.core.importmap import META_KEYS
from desktop.core.layout import instantiate_table
from desktop.core.templates import Template

SKIP = {"id", "pledge_id", "version", "updated_at", "revisions", "database_id"}


def card_diff(got: dict[str, Any], want: dict[str, Any], template: Template) -> list[str]:
    out: list[str] = []
    for k in sorted(set(got) | set(want)):
        if k in SKIP:
            continue
        g, w = got.get(k), want.get(k)
        if k == "extra":
            g = {a: b for a, b in (g or {}).items() if a not in META_KEYS}
            w = w or {}
        if k == "blocks":
            _blocks(g or [], w or [], template, out)
        else:
            _value(g, w, k, out)
    return out


def _value(g: Any, w: Any, path: str, out: list[str]) -> None:
    if isinstance(g, dict) and isinstance(w, dict):
        for k in sorted(set(g) | set(w)):
            if k not in g or k not in w:
                mine, theirs = ("없음" if k not in d else repr(d[k]) for d in (g, w))
                out.append(f"{path}.{k}: {mine} ≠ {theirs}")
            else:
                _value(g[k], w[k], f"{path}.{k}", out)
    elif isinstance(g, list) and isinstance(w, list):
        if len(g) != len(w):
            out.append(f"{path}: {len(g)}개 ≠ {len(w)}개")
        for i, (a, b) in enumerate(zip(g, w, strict=False)):
            _value(a, b, f"{path}[{i}]", out)
    elif g != w:
        out.append(f"{path}: {g!r} ≠ {w!r}")


def _blocks(g: list[Any], w: list[Any], template: Template, out: list[str]) -> None:
    if len(g) != len(w):
        out.append(f"blocks: {len(g)}개 ≠ {len(w)}개")
    for i, (a, b) in enumerate(zip(g, w, strict=False)):
        p = f"blocks[{i}]({b.get('key')})"
        for k in sorted(set(a) | set(b)):
            if k == "table":
                _table(a.get(k), b.get(k), f"{p}.table", template, out, b.get("key", ""))
            elif k == "items":
                ia, ib = a.get(k, []), b.get(k, [])
                if len(ia) != len(ib):
                    out.append(f"{p}.items: {len(ia)}개 ≠ {len(ib)}개")
                for j, (x, y) in enumerate(zip(ia, ib, strict=False)):
                    q = f"{p}.items[{j}]"
                    for kk in sorted(set(x) | set(y)):
                        if kk == "table":
                            _table(x.get(kk), y.get(kk), f"{q}.table", template, out, "")
                        else:
                            _value(x.get(kk), y.get(kk), f"{q}.{kk}", out)
            else:
                _value(a.get(k), b.get(k), f"{p}.{k}", out)


def _proto(template: Template, block: str, years: list[int]) -> tuple[set[str], set[str]]:
    bd = template.block_def(block)
    if bd is None or bd.table is None:
        return set(), set()
    t = instantiate_table(block, bd.table, template, years)
    rows = set() if bd.table.addable_rows and not t.rows else {r.key for r in t.rows}
    return {c.key for c in t.columns}, rows


def _table(g: Any, w: Any, path: str, template: Template, out: list[str], block: str) -> None:
    if g is None or w is None:
        if g != w:
            out.append(f"{path}: {'없음' if g is None else '표'} ≠ {'없음' if w is None else '표'}")
        return
    years = [int(c["key"][1:]) for c in w.get("columns", []) if c.get("key", "")[:1] == "y" and c["key"][1:].isdigit()]
    pcols, prows = _proto(template, block, years) if block else (set(), set())
    for k in ("corner", "unit", "label_columns", "year_columns"):
        _value(g.get(k), w.get(k), f"{path}.{k}", out)
    if block:
        _value(g.get("key"), w.get("key"), f"{path}.key", out)
    gc, wc = g.get("columns", []), w.get("columns", [])
    if len(gc) != len(wc):
        labels = [[c.get("label") for c in cols] for cols in (gc, wc)]
        out.append(f"{path}.columns: {len(gc)}개 ≠ {len(wc)}개 ({labels[0]} ≠ {labels[1]})")
    for i, (a, b) in enumerate(zip(gc, wc, strict=False)):
        for k in sorted((set(a) | set(b)) - ({"key"} if b.get("key") not in pcols else set())):
            _value(a.get(k), b.get(k), f"{path}.columns[{i}].{k}", out)
    gpos = {c["key"]: i for i, c in enumerate(gc)}
    wpos = {c["key"]: i for i, c in enumerate(wc)}
    gr, wr = g.get("rows", []), w.get("rows", [])
    if len(gr) != len(wr):
        out.append(f"{path}.rows: {len(gr)}개 ≠ {len(wr)}개")
    for i, (a, b) in enumerate(zip(gr, wr, strict=False)):
        q = f"{path}.rows[{i}]({b.get('label', '')[:20]})"
        if b.get("key") in prows:
            _value(a.get("key"), b.get("key"), f"{q}.key", out)
        for k in ("label", "group", "unit"):
            _value(a.get(k, ""), b.get(k, ""), f"{q}.{k}", out)
        ca = {gpos.get(k, k): v for k, v in a.get("cells", {}).items()}
        cb = {wpos.get(k, k): v for k, v in b.get("cells", {}).items()}
        _value(ca, cb, f"{q}.cells", out)
    gro = {r["key"]: i for i, r in enumerate(gr)}
    wro = {r["key"]: i for i, r in enumerate(wr)}
    _value([_rel(r, gpos, gro) for r in g.get("relations", [])],
           [_rel(r, wpos, wro) for r in w.get("relations", [])], f"{path}.relations", out)


def _rel(r: dict[str, Any], cols: dict[str, int], rows: dict[str, int]) -> dict[str, Any]:
    def pos(k: Any) -> Any:
        if isinstance(k, list):
            return [pos(x) for x in k]
        if isinstance(k, str) and k in cols:
            return f"열{cols[k]}"
        if isinstance(k, str) and k in rows:
            return f"행{rows[k]}"
        return k
    return {k: pos(v) for k, v in r.items()}
