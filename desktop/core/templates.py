"""Templates: a card format described as data (resources/templates/*.json, docs/templates.md).

A template names the header fields and their labels and layout, the status vocabulary, the budget
sources, the outline marks, the body blocks in order, and the figure tables as prototypes with their
declared relations. Code never asks "is this the 구로구 format?": it asks the template.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from desktop.core.model import BlockKind, Relation
from desktop.core.resources import resource_path
from desktop.core.templaterels import RELATION_KINDS as RELATION_KINDS
from desktop.core.templaterels import CardRelation, DocumentDef, card_relations, document_def
from desktop.core.templaterels import TemplateError as TemplateError
from desktop.core.templaterels import relation_from_json as relation_from_json
from desktop.core.templaterels import relation_to_json as relation_to_json
from desktop.core.templaterels import template_error as _err

TEMPLATE_FORMAT = "pledgecard-template"
TEMPLATE_VERSION = 2  # written by this program; version 1 files load unchanged (docs/templates.md)
TEMPLATE_VERSIONS = (1, 2)

# Header field keys that map onto Card attributes; any other key lives in Card.extra (or
# Card.figures for kind "figure").
COMMON_FIELDS = {
    "title", "number", "dept", "related", "contacts", "period", "timing", "status", "progress",
    "goals", "tasks", "org", "doc_title", "area", "base_date",
}
FieldKind = Literal[
    "text", "longtext", "choice", "checks", "list", "contacts", "years", "status", "percent",
    "outline", "figure", "date",
]
FIELD_KINDS: set[str] = {
    "text", "longtext", "choice", "checks", "list", "contacts", "years", "status", "percent",
    "outline", "figure", "date",
}
BLOCK_KINDS: set[str] = {"outline", "figure", "photos", "text", "field"}


@dataclass
class Source:
    key: str
    label: str  # 국비
    aliases: list[str] = field(default_factory=list)  # 국, 국고 — as written in "750백만원(국700 구50)"
    meaning: str = ""  # optional: what the source is across templates ("구비" for "구비 (기금포함)"); overview.py

    def names(self) -> list[str]:
        return [self.label, *self.aliases]


@dataclass
class FieldDef:
    key: str
    label: str
    kind: FieldKind = "text"
    choices: list[str] = field(default_factory=list)  # choice / checks
    groups: dict[str, list[str]] = field(default_factory=dict)  # checks shown in labelled groups
    roles: list[str] = field(default_factory=list)  # contacts: the role labels offered (팀  장, 담당자)
    unit: str = ""  # figure / percent
    equals: dict[str, str] = field(default_factory=dict)  # figure: {"block","row","col"} it must equal
    sources_row: str = ""  # figure: row key pattern with {source} for the split ("plan_{source}")
    finance: dict[str, str] = field(default_factory=dict)  # optional: {"secured"|"spent": row pattern}; budget.py
    placeholder: str = ""
    display: str = ""  # status: "checks" — the vocabulary printed and edited as (grouped) check boxes


@dataclass
class TableDef:
    """A figure-table prototype. Column specs may hold {"years": true}; row specs with
    "each_source": true expand once per template source ({source} / {label} in key and label)."""

    corner: str = ""
    unit: str = ""
    label_columns: int = 1
    columns: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    addable_rows: bool = False  # the user adds line-item rows (구로구 투자계획, 확인지표)


@dataclass
class BlockDef:
    key: str
    heading: str
    kind: BlockKind = "outline"
    period: bool = False  # the block carries its own period "[2025. 1. 1.~2025. 9. 30.]"
    dates: bool = False  # items carry right-aligned dates
    per_row: int = 3  # photos per printed row
    table: TableDef | None = None
    field: str = ""  # kind "field": the header field shown in the body ("총사업비 : …")


@dataclass
class Template:
    name: str
    label: str
    path: str = ""  # where it was loaded from ("" for built-in defaults in tests)
    builtin: bool = False
    doc_title: str = ""
    org: str = ""
    has_base_date: bool = True
    # the field printed on its own line above the title ("number": 구로구's "III-2-1"); "" — the 기관명
    above_title: str = ""
    statuses: list[str] = field(default_factory=list)
    status_groups: dict[str, list[str]] = field(default_factory=dict)
    done_statuses: list[str] = field(default_factory=list)
    status_info: dict[str, dict[str, str]] = field(default_factory=dict)  # optional: status → definition, color
    sources: list[Source] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)  # "0".."4", "note"
    header_layout: Literal["grid", "columns"] = "grid"
    header_rows: list[list[str]] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)  # fields printed at the bottom (구로구 담당자)
    fields: list[FieldDef] = field(default_factory=list)
    blocks: list[BlockDef] = field(default_factory=list)
    # What a card of this format is, in the words the book, lists and summaries use ("공약 19건",
    # "사업 14건"), and the header fields (keys) the card list, the book's and the workbook's 총괄표
    # show; empty: the pledge columns (관리번호, 제목, 주관부서, 추진상황, 진도, 소요예산).
    card_word: str = "공약"
    list_columns: list[str] = field(default_factory=list)
    relations: list[CardRelation] = field(default_factory=list)  # across the tables of one card
    document: DocumentDef = field(default_factory=DocumentDef)  # across the cards of one document

    def field_def(self, key: str) -> FieldDef | None:
        return next((f for f in self.fields if f.key == key), None)

    def block_def(self, key: str) -> BlockDef | None:
        return next((b for b in self.blocks if b.key == key), None)

    def field_label(self, key: str, default: str = "") -> str:
        f = self.field_def(key)
        return f.label if f else default

    def mark(self, level: int, note: bool = False) -> str:
        if note:
            return self.marks.get("note", "※")
        return self.marks.get(str(level), "")

    def source_for(self, written: str) -> Source | None:
        w = written.replace(" ", "")
        for s in self.sources:
            if w in (n.replace(" ", "") for n in s.names()):
                return s
        return None


CIRCLED = tuple(chr(0x2460 + i) for i in range(20))  # ① … ⑳


def numbered_mark(base: str, index: int) -> str:
    """The mark of the index-th numbered item (0-based) when the template's mark is a circled number:
    ① ② ③ … ⑳, then (21) (22) …; any other mark is returned as it is."""
    if base in CIRCLED:
        return CIRCLED[index] if index < len(CIRCLED) else f"({index + 1})"
    return base


# ---------------------------------------------------------------- loading

def _str(d: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    v = d.get(key, default)
    if v is None:
        raise _err(where, f"'{key}' 항목이 없습니다")
    if not isinstance(v, str):
        raise _err(where, f"'{key}'는 문자열이어야 합니다")
    return v


def _strlist(v: Any, where: str, key: str) -> list[str]:
    if v is None:
        return []
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _err(where, f"'{key}'는 문자열 목록이어야 합니다")
    return list(v)


def _str_map(v: Any, where: str, key: str) -> dict[str, str]:
    if v is None:
        return {}
    if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
        raise _err(where, f"'{key}'는 문자열 값의 객체여야 합니다")
    return {str(k): x for k, x in v.items()}


FINANCE_KEYS = tuple(f"{kind}{part}" for kind in ("secured", "spent")
                     for part in ("", "_total", "_col", "_block"))


def _finance(v: Any, where: str) -> dict[str, str]:
    """A figure field's optional "finance" key (desktop/core/budget.py): where the 확보(투입) and 집행
    amounts are — rows ("secured": "got_{source}", "secured_total"), a column ("secured_col") and a
    table ("secured_block"); the same for "spent"."""
    out = _str_map(v, where, "finance")
    unknown = [k for k in out if k not in FINANCE_KEYS]
    if unknown:
        raise _err(where, f"'finance'에 모르는 키 {', '.join(unknown)} (쓸 수 있는 키: {', '.join(FINANCE_KEYS)})")
    return out


def _status_info(v: Any, where: str) -> dict[str, dict[str, str]]:
    """statuses.info: {"완료": {"definition": "…", "color": "#2f5597"}} — both keys optional."""
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise _err(where, "statuses.info는 객체여야 합니다")
    out: dict[str, dict[str, str]] = {}
    for name, info in v.items():
        got = _str_map(info, where, f"statuses.info.{name}")
        color = got.get("color", "")
        if color and not (len(color) == 7 and color[0] == "#"
                          and all(ch in "0123456789abcdefABCDEF" for ch in color[1:])):
            raise _err(where, f"statuses.info.{name}.color는 #RRGGBB 형식이어야 합니다: '{color}'")
        out[str(name)] = got
    return out


def _table_def(d: Any, where: str) -> TableDef:
    if not isinstance(d, dict):
        raise _err(where, "table은 객체여야 합니다")
    cols = d.get("columns", [])
    rows = d.get("rows", [])
    if not isinstance(cols, list) or not isinstance(rows, list):
        raise _err(where, "columns와 rows는 목록이어야 합니다")
    for i, c in enumerate(cols):
        if not isinstance(c, dict) or not (c.get("years") or isinstance(c.get("key"), str)):
            raise _err(f"{where} columns[{i}]", "열에는 'key'(또는 \"years\": true)가 있어야 합니다")
    for i, r in enumerate(rows):
        if not isinstance(r, dict) or not isinstance(r.get("key"), str):
            raise _err(f"{where} rows[{i}]", "행에는 'key'가 있어야 합니다")
    rels = [relation_from_json(x, f"{where} relations[{i}]") for i, x in enumerate(d.get("relations", []))]
    for i, r in enumerate(rows):
        neg = r.get("negative", False)
        if not (isinstance(neg, bool) or (isinstance(neg, list) and all(isinstance(x, str) for x in neg))):
            raise _err(f"{where} rows[{i}]", "행의 'negative'는 true/false나 열 키 목록입니다")
    lc = d.get("label_columns", 1)
    if lc not in (0, 1, 2):
        raise _err(where, "label_columns는 0, 1 또는 2입니다")
    return TableDef(
        corner=str(d.get("corner", "")), unit=str(d.get("unit", "")), label_columns=lc,
        columns=cols, rows=rows, relations=rels, addable_rows=bool(d.get("addable_rows", False)),
    )


def template_from_json(d: Any, path: str = "", builtin: bool = False) -> Template:
    where = f"'{path or '(메모리)'}'"
    if not isinstance(d, dict):
        raise _err(where, "JSON 객체가 아닙니다")
    if d.get("format") != TEMPLATE_FORMAT:
        raise _err(where, f"format이 '{TEMPLATE_FORMAT}'가 아닙니다")
    if d.get("version") not in TEMPLATE_VERSIONS:
        raise _err(where, f"지원하지 않는 템플릿 버전 {d.get('version')!r} (지원: 1, 2)")
    name = _str(d, "name", where)
    if not name or "/" in name or "\\" in name:
        raise _err(where, f"잘못된 이름 '{name}'")
    fields: list[FieldDef] = []
    for i, f in enumerate(d.get("fields", [])):
        w = f"{where} fields[{i}]"
        if not isinstance(f, dict):
            raise _err(w, "필드는 객체여야 합니다")
        kind = f.get("kind", "text")
        if kind not in FIELD_KINDS:
            raise _err(w, f"알 수 없는 필드 종류 '{kind}'")
        groups = f.get("groups", {})
        if not isinstance(groups, dict):
            raise _err(w, "groups는 객체여야 합니다")
        equals = f.get("equals", {})
        if not isinstance(equals, dict):
            raise _err(w, "equals는 객체여야 합니다")
        fields.append(FieldDef(
            key=_str(f, "key", w), label=_str(f, "label", w), kind=kind,
            choices=_strlist(f.get("choices"), w, "choices"),
            groups={str(k): _strlist(v, w, "groups") for k, v in groups.items()},
            roles=_strlist(f.get("roles"), w, "roles"), unit=str(f.get("unit", "")),
            equals={str(k): str(v) for k, v in equals.items()},
            sources_row=str(f.get("sources_row", "")), placeholder=str(f.get("placeholder", "")),
            display=_display(f, kind, w),
            finance=_finance(f.get("finance"), w),
        ))
    keys = {f.key for f in fields}
    blocks: list[BlockDef] = []
    for i, b in enumerate(d.get("blocks", [])):
        w = f"{where} blocks[{i}]"
        if not isinstance(b, dict):
            raise _err(w, "블록은 객체여야 합니다")
        kind = b.get("kind", "outline")
        if kind not in BLOCK_KINDS:
            raise _err(w, f"알 수 없는 블록 종류 '{kind}'")
        tdef = _table_def(b["table"], w + " table") if "table" in b else None
        if kind == "figure" and tdef is None:
            raise _err(w, "figure 블록에는 table이 있어야 합니다")
        fkey = str(b.get("field", ""))
        if kind == "field" and fkey not in keys:
            raise _err(w, f"field 블록이 알 수 없는 필드 '{fkey}'를 가리킵니다")
        per_row = b.get("per_row", 3)
        if per_row not in (1, 2, 3, 4):
            raise _err(w, "per_row는 1~4입니다")
        blocks.append(BlockDef(
            key=_str(b, "key", w), heading=str(b.get("heading", "")), kind=kind,
            period=bool(b.get("period", False)), dates=bool(b.get("dates", False)),
            per_row=per_row, table=tdef, field=fkey,
        ))
    header = d.get("header", {})
    if not isinstance(header, dict):
        raise _err(where, "header는 객체여야 합니다")
    layout = header.get("layout", "grid")
    if layout not in ("grid", "columns"):
        raise _err(where, f"header.layout은 grid 또는 columns입니다: '{layout}'")
    hrows = header.get("rows", [])
    if not isinstance(hrows, list) or not all(isinstance(r, list) for r in hrows):
        raise _err(where, "header.rows는 필드 키 목록의 목록이어야 합니다")
    for r in hrows:
        for k in r:
            if k not in keys:
                raise _err(where, f"header.rows가 정의되지 않은 필드 '{k}'를 씁니다")
    footer = _strlist(d.get("footer"), where, "footer")
    for k in footer:
        if k not in keys:
            raise _err(where, f"footer가 정의되지 않은 필드 '{k}'를 씁니다")
    st = d.get("statuses", {})
    if not isinstance(st, dict):
        raise _err(where, "statuses는 객체여야 합니다")
    sources = []
    for i, s in enumerate(d.get("sources", [])):
        w = f"{where} sources[{i}]"
        if not isinstance(s, dict):
            raise _err(w, "재원은 객체여야 합니다")
        sources.append(Source(key=_str(s, "key", w), label=_str(s, "label", w),
                              aliases=_strlist(s.get("aliases"), w, "aliases"),
                              meaning=_str(s, "meaning", w, "")))
    marks = d.get("marks", {})
    if not isinstance(marks, dict):
        raise _err(where, "marks는 객체여야 합니다")
    groups_raw = st.get("groups", {})
    if not isinstance(groups_raw, dict):
        raise _err(where, "statuses.groups는 객체여야 합니다")
    card_word = _str(d, "card_word", where, "공약").strip() or "공약"
    list_columns = _strlist(d.get("list_columns"), where, "list_columns")
    for k in list_columns:
        if k not in keys and k not in LIST_ONLY:
            raise _err(where, f"list_columns가 정의되지 않은 필드 '{k}'를 씁니다")
    above_title = str(d.get("above_title", ""))
    if above_title and above_title not in keys:
        raise _err(where, f"above_title이 정의되지 않은 필드 '{above_title}'를 씁니다")
    return Template(
        name=name, label=str(d.get("label", name)), path=path, builtin=builtin,
        doc_title=str(d.get("doc_title", "")), org=str(d.get("org", "")),
        has_base_date=bool(d.get("base_date", True)), above_title=above_title,
        statuses=_strlist(st.get("values"), where, "statuses.values"),
        status_groups={str(k): _strlist(v, where, "statuses.groups") for k, v in groups_raw.items()},
        done_statuses=_strlist(st.get("done"), where, "statuses.done"),
        status_info=_status_info(st.get("info"), where),
        sources=sources, marks={str(k): str(v) for k, v in marks.items()},
        header_layout=layout, header_rows=[list(r) for r in hrows], footer=footer,
        fields=fields, blocks=blocks, card_word=card_word, list_columns=list_columns,
        relations=card_relations(d.get("relations"), f"{where} relations", _err),
        document=document_def(d.get("document"), f"{where} document", _err),
    )


LIST_ONLY = {"number", "title", "base_date"}  # list columns every card has, declared as fields or not


def _display(f: dict[str, Any], kind: str, where: str) -> str:
    display = f.get("display", "")
    if display not in ("", "checks") or (display and kind != "status"):
        raise _err(where, "display는 status 필드에만 쓰며 \"checks\"(체크 상자)입니다")
    return str(display)


def load_template(path: Path, builtin: bool = False) -> Template:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"템플릿 '{path}': 읽을 수 없습니다 ({exc.strerror})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TemplateError(f"템플릿 '{path}' {exc.lineno}행 {exc.colno}열: JSON 문법 오류") from exc
    except (ValueError, RecursionError) as exc:  # a 5,000-digit integer (int() refuses it), or nesting
        raise TemplateError(f"템플릿 '{path}': 읽을 수 없는 값이 있습니다 (너무 긴 숫자나 너무 깊은 중첩)") from exc
    return template_from_json(data, str(path), builtin)


# ---------------------------------------------------------------- registry

def builtin_dir() -> Path:
    return resource_path("templates")


@dataclass
class TemplateRegistry:
    """Templates by name. Later folders override earlier ones: built-in < user data < --templates."""

    templates: dict[str, Template] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # broken files are reported, never fatal here

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None, user_dir: Path | None = None) -> TemplateRegistry:
        reg = cls()
        dirs: list[tuple[Path, bool]] = [(builtin_dir(), True)]
        if user_dir is not None:
            dirs.append((user_dir, False))
        env = os.environ.get("PLEDGECARD_TEMPLATES")
        if env:
            dirs.extend((Path(p), False) for p in env.split(os.pathsep) if p)
        dirs.extend((d, False) for d in (extra_dirs or []))
        for d, builtin in dirs:
            if not d.is_dir():
                continue
            for p in sorted(d.glob("*.json")):
                try:
                    t = load_template(p, builtin)
                except TemplateError as exc:
                    reg.errors.append(str(exc))
                    continue
                reg.templates[t.name] = t
        return reg

    def get(self, name: str) -> Template:
        t = self.templates.get(name)
        if t is None:
            known = ", ".join(sorted(self.templates)) or "없음"
            raise TemplateError(f"알 수 없는 템플릿 '{name}' (있는 템플릿: {known})")
        return t

    def names(self) -> list[str]:
        return sorted(self.templates)
