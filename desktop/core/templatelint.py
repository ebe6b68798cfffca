"""`pledgecard templates check FILE`: every problem of a template file, each with its place, in Korean.

Loading a template stops at its first error; an administrator writing a new format wants them all.
Each part (a field, a block, a relation …) is loaded on its own so that one broken part does not hide
the next, then what refers to what is followed: a relation's keys must be the table's rows and
columns, a figure field's `equals` a cell a card of it will have, a group's values the vocabulary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.layout import instantiate_table
from desktop.core.model import Table
from desktop.core.templaterels import TemplateError
from desktop.core.templates import Template, template_from_json

SELECTOR_WORDS = {"rest", "same_group", "same_label", "all", "years"}
YEARS = [2020, 2021]  # a card's 사업기간 for laying out tables whose year columns follow it


def _strip(msg: str) -> str:
    """A loader message without its "템플릿 'file'" lead: the place is said once, by the caller."""
    text = str(msg)
    if text.startswith("템플릿 "):
        text = text[len("템플릿 "):]
        if text.startswith("'"):
            end = text.find("'", 1)
            text = text[end + 1:].lstrip()
    return text.removeprefix(": ")


def _try(part: dict[str, Any], problems: list[str]) -> Template | None:
    try:
        return template_from_json(part, "")
    except TemplateError as exc:
        problems.append(_strip(str(exc)))
        return None


def check_template_file(path: Path) -> list[str]:
    """Every problem found in the template file at `path` ([] when it is usable)."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return [f"읽을 수 없습니다 ({exc.strerror})"]
    except UnicodeDecodeError:
        return ["UTF-8 글자가 아닙니다"]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return [f"{exc.lineno}행 {exc.colno}열: JSON 문법 오류 ({exc.msg})"]
    except (ValueError, RecursionError):
        return ["읽을 수 없는 값이 있습니다 (너무 긴 숫자나 너무 깊은 중첩)"]
    return check_template_data(data)


def check_template_data(d: Any) -> list[str]:
    if not isinstance(d, dict):
        return ["JSON 객체가 아닙니다"]
    problems: list[str] = []
    base = {k: d[k] for k in ("format", "version", "name") if k in d}
    if _try({**base, "fields": [], "blocks": []}, problems) is None:
        return problems  # not a template at all: the rest says nothing useful
    fields = d.get("fields", [])
    blocks = d.get("blocks", [])
    if not isinstance(fields, list):
        return [*problems, "'fields'는 목록이어야 합니다"]
    if not isinstance(blocks, list):
        return [*problems, "'blocks'는 목록이어야 합니다"]
    good_fields = []
    for i, f in enumerate(fields):
        if _try({**base, "fields": [f]}, problems) is None:
            problems[-1] = problems[-1].replace("fields[0]", f"fields[{i}]")
        else:
            good_fields.append(f)
    keys = [f.get("key") for f in good_fields]
    for k in {k for k in keys if keys.count(k) > 1}:
        problems.append(f"fields: 필드 키 '{k}'가 두 번 이상 정의되어 있습니다")
    good_blocks = []
    for i, b in enumerate(blocks):
        b = _good_relations(b, i, base, good_fields, problems)
        if _try({**base, "fields": good_fields, "blocks": [b]}, problems) is None:
            problems[-1] = problems[-1].replace("blocks[0]", f"blocks[{i}]")
        else:
            good_blocks.append(b)
    bkeys = [b.get("key") for b in good_blocks]
    for k in {k for k in bkeys if bkeys.count(k) > 1}:
        problems.append(f"blocks: 블록 키 '{k}'가 두 번 이상 정의되어 있습니다")
    good = {**base, "fields": good_fields, "blocks": good_blocks}
    for k, v in d.items():  # each other part on its own: one broken part does not hide the next
        if k in good or k in ("fields", "blocks"):
            continue
        part = {k: v, **({"footer": d["footer"]} if k == "header" and "footer" in d else {})}
        if _try({**good, **part}, problems) is not None:
            good[k] = v
    t = _try(good, problems)
    if t is None:
        return problems
    problems += _references(t)
    return problems


def _good_relations(b: Any, i: int, base: dict[str, Any], fields: list[Any], problems: list[str]) -> Any:
    """The block with only the table relations that load, each broken one reported at its index."""
    table = b.get("table") if isinstance(b, dict) else None
    if not isinstance(table, dict) or not isinstance(table.get("relations"), list):
        return b
    rels: list[Any] = table["relations"]
    kept = []
    for j, rel in enumerate(rels):
        one = {**b, "table": {**table, "relations": [rel]}}
        if _try({**base, "fields": fields, "blocks": [one]}, problems) is None:
            problems[-1] = problems[-1].replace("blocks[0]", f"blocks[{i}]").replace("relations[0]", f"relations[{j}]")
        else:
            kept.append(rel)
    return {**b, "table": {**table, "relations": kept}}


def _tables(t: Template) -> dict[str, Table]:
    return {b.key: instantiate_table(b.key, b.table, t, YEARS) for b in t.blocks if b.table is not None}


def _keys_exist(table: Table, sel: str | list[str], rows: bool, where: str, what: str) -> list[str]:
    if isinstance(sel, list):
        have = {r.key for r in table.rows} if rows else {c.key for c in table.columns}
        return [f"{where}: {what}의 {'행' if rows else '열'} 키 '{k}'가 표에 없습니다" for k in sel if k not in have]
    if sel in SELECTOR_WORDS or sel.startswith("group:") or not sel:
        return []
    if (table.row(sel) if rows else table.column(sel)) is not None:
        return []
    groups = {r.group for r in table.rows} if rows else {c.group for c in table.columns}
    if sel in groups:
        return []
    return [f"{where}: {what} '{sel}'는 선택자도, 표의 {'행' if rows else '열'} 키나 묶음 이름도 아닙니다"]


def _references(t: Template) -> list[str]:
    out: list[str] = []
    tables = _tables(t)
    for b in t.blocks:
        if b.table is None:
            continue
        table = tables[b.key]
        for rel in table.relations:
            w = f"블록 '{b.key}' 표의 관계 {rel.kind}" + (f" (target '{rel.target}')" if rel.target else "")
            on_rows = rel.axis == "col"  # a column sum's target and operands are rows
            missing = (table.row(rel.target) if on_rows else table.column(rel.target)) is None
            if rel.kind in ("sum", "linear", "ratio") and rel.target and missing:
                out.append(f"{w}: target '{rel.target}'가 표의 {'행' if on_rows else '열'} 키가 아닙니다")
            if rel.kind == "sum":
                out += _keys_exist(table, rel.of, on_rows, w, "of")
                out += _keys_exist(table, rel.scope, not on_rows, w, "scope")
            if rel.kind == "linear":
                for term in rel.terms:
                    k = term.lstrip("+-")
                    if (table.row(k) if on_rows else table.column(k)) is None:
                        out.append(f"{w}: terms의 '{k}'가 표의 {'행' if on_rows else '열'} 키가 아닙니다")
            if rel.kind == "ratio":
                for name, k in (("num", rel.num), ("den", rel.den)):
                    if (table.row(k) if on_rows else table.column(k)) is None:
                        out.append(f"{w}: {name} '{k}'가 표의 {'행' if on_rows else '열'} 키가 아닙니다")
            if rel.kind == "le":
                out += _keys_exist(table, rel.of, rel.axis == "col", w, "of")
                out += _keys_exist(table, rel.targets or rel.target, rel.axis == "col", w, "target")
    for f in t.fields:
        w = f"필드 '{f.key}'"
        if f.kind == "figure" and f.equals:
            eq = tables.get(f.equals.get("block", ""))
            if eq is None:
                out.append(f"{w}: equals.block '{f.equals.get('block', '')}'에 해당하는 표 블록이 없습니다")
            else:
                if f.equals.get("row") and eq.row(f.equals["row"]) is None:
                    out.append(f"{w}: equals.row '{f.equals['row']}'가 표의 행 키가 아닙니다")
                if eq.column(f.equals.get("col", "")) is None:
                    out.append(f"{w}: equals.col '{f.equals.get('col', '')}'가 표의 열 키가 아닙니다")
        if f.kind == "checks":
            for g, values in f.groups.items():
                for v in values:
                    if v not in f.choices:
                        out.append(f"{w}: groups['{g}']의 '{v}'가 choices에 없습니다")
    for g, values in t.status_groups.items():
        for v in values:
            if v not in t.statuses:
                out.append(f"statuses.groups['{g}']: '{v}'가 statuses.values에 없습니다")
    for v in t.done_statuses:
        if v not in t.statuses:
            out.append(f"statuses.done: '{v}'가 statuses.values에 없습니다")
    out += _cross(t, tables)
    return out


def _ref_problem(t: Template, tables: dict[str, Table], ref: Any, where: str) -> list[str]:
    if ref.field:
        f = t.field_def(ref.field)
        if f is None:
            return [f"{where}: 필드 '{ref.field}'가 정의되지 않았습니다"]
        return [] if f.kind == "figure" else [f"{where}: 필드 '{ref.field}'는 figure 필드가 아닙니다"]
    b = t.block_def(ref.block)
    if b is None:
        return [f"{where}: 블록 '{ref.block}'가 없습니다"]
    if ref.item is not None:
        return []  # an outline item's table exists on cards, not in the template
    table = tables.get(ref.block)
    if table is None:
        return [f"{where}: 블록 '{ref.block}'에는 표가 없습니다 (개요 항목 안의 표라면 'item'을 쓰세요)"]
    out = []
    if "{year}" not in ref.row and table.row(ref.row) is None:
        out.append(f"{where}: 행 '{ref.row}'가 '{ref.block}' 표에 없습니다")
    if "{year}" not in ref.col and table.column(ref.col) is None:
        out.append(f"{where}: 열 '{ref.col}'가 '{ref.block}' 표에 없습니다")
    return out


def _cross(t: Template, tables: dict[str, Table]) -> list[str]:
    out: list[str] = []
    for i, rel in enumerate(t.relations):
        w = f"relations[{i}] ({rel.kind})"
        out += _ref_problem(t, tables, rel.target, f"{w} target")
        for j, term in enumerate(rel.terms):
            out += _ref_problem(t, tables, term, f"{w} terms[{j}]")
    for i, drel in enumerate(t.document.relations):
        w = f"document.relations[{i}]"
        dtable = tables.get(drel.block)
        if drel.item is None and dtable is None:
            out.append(f"{w}: 블록 '{drel.block}'에 표가 없습니다")
        elif dtable is not None and dtable.column(drel.col) is None:
            out.append(f"{w}: 열 '{drel.col}'가 '{drel.block}' 표에 없습니다")
    return out
