"""The card: one pledge at one reporting date (기준일), as plain data.

Everything a card holds is here; how a format lays it out (labels, order, marks, which tables)
is the template's business (templates.py). Amounts are Decimal throughout.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

CellValue = Decimal | str | None
"""A table cell: Decimal in number columns (None = blank, printed "-"), str in text columns."""

ColumnKind = Literal["number", "text"]
BlockKind = Literal["outline", "figure", "photos", "text", "field"]


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Column:
    key: str
    label: str
    kind: ColumnKind = "number"
    group: str = ""  # upper header spanning adjacent columns with the same group ("합계" over 업체수/금액)
    unit: str = ""  # overrides the table unit for this column ("개사", "%", "원")
    negative: bool = False  # whether △12 / -12 are accepted here


@dataclass
class Row:
    key: str
    label: str
    group: str = ""  # left label spanning adjacent rows with the same group ("소요예산(계획)")
    unit: str = ""  # overrides the table/column unit for this row ("%" for 달성도)
    negative: bool = False  # △12 / -12 accepted in every cell of this row (a 과부족 row)
    negative_cols: list[str] = field(default_factory=list)  # … or only in these cells of it
    cells: dict[str, CellValue] = field(default_factory=dict)
    # A key absent from cells means "nothing stated". For a derived cell (the target of a sum) that
    # means "show the computed value"; a key present with None means the source stated "-".


@dataclass
class Relation:
    """A declared relation between cells, evaluated by the checks (desktop/core/checks).

    kind "sum": axis "row" — in each row of `scope`, cell[target column] = Σ cell[columns of `of`];
                axis "col" — in each column of `scope`, cell[target row] = Σ cell[rows of `of`].
    kind "le":  axis "col" — for rows paired by label between `of` (lhs) and `target` (rhs selector
                as a group name), lhs ≤ rhs per column (warning: over-execution can be real).
    kind "ratio": axis "col" — cell[target row] = cell[num row] / cell[den row] × scale, per column
                (axis "row" likewise with columns), at the stated precision.
    kind "no_future": cells of rows in `of` must be empty in year columns after the 기준일's year.
    kind "linear": a sum with signs, every cell as stated and checked (none is derived):
                axis "row" — in each row of `scope`, cell[target] = Σ ± cell[term] over `terms`
                ("remain" = "budget" − "spent" − "planned" is terms ["budget", "-spent", "-planned"]);
                axis "col" likewise with rows.

    Selectors (`of`, `scope`) are: a list of keys; "rest" (every other row/column of the same kind
    that is not itself a sum target on this axis); "same_group" (same group as the target);
    "same_label" (same label as the target, for measures repeated under column groups);
    "group:<name>" (rows/columns whose group is <name>); "all"; "years" (the year columns).
    """

    kind: Literal["sum", "le", "ratio", "no_future", "linear"]
    axis: Literal["row", "col"] = "row"
    target: str = ""
    of: str | list[str] = "rest"
    scope: str | list[str] = "all"
    num: str = ""
    den: str = ""
    scale: Decimal = Decimal(100)
    terms: list[str] = field(default_factory=list)  # linear: keys, "-key" subtracted
    targets: list[str] = field(default_factory=list)  # le: the target written as a list of keys


@dataclass
class Table:
    """A grid: a figure table (numbers, declared relations) or an inline text table, or both mixed."""

    key: str = ""
    corner: str = ""  # the top-left header ("구 분", "추진내용", "연 번")
    unit: str = ""  # printed "(단위 : 백만원)"; empty for none
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    year_columns: bool = False  # the year columns follow 사업기간 (keys "y2024"…)
    label_columns: int = 1  # 2 when rows carry a group label column (소요예산 | 국비); 0: none (one row)

    def negative_allowed(self, row_key: str, col_key: str) -> bool:
        """Whether △12 / -12 may stand in this cell: its column, its row or the cell itself says so."""
        c = self.column(col_key)
        if c is not None and c.negative:
            return True
        r = self.row(row_key)
        return r is not None and (r.negative or col_key in r.negative_cols)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)


@dataclass
class Item:
    """An outline line. level 0 is a numbered sub-item (① ② ③ in 구로구), 1 ❍/○, 2 ▷, 3 -, 4 ·."""

    text: str = ""
    level: int = 1
    note: bool = False  # a ※ note at this level
    date: str = ""  # right-aligned date as written ("2025. 2. ~ 12."); printed ": " + date
    table: Table | None = None  # an inline table shown under the line
    unit: str = ""  # "(단위:업체수/백만원)" shown above the inline table, as written

    @property
    def table_alone(self) -> bool:
        """A table standing alone among the outline's items: no text, so no mark and no line."""
        return self.table is not None and not self.text.strip()


@dataclass
class Photo:
    caption: str = ""
    image: bytes | None = None  # scaled JPEG/PNG bytes; None while only the caption exists
    mime: str = ""


@dataclass
class Block:
    """A body section. `heading` is kept as written ("2. 투자계획(비예산)")."""

    key: str
    heading: str = ""
    kind: BlockKind = "outline"
    period: str = ""  # as written: "[2025. 1. 1.~2025. 9. 30.]"
    items: list[Item] = field(default_factory=list)
    table: Table | None = None
    photos: list[Photo] = field(default_factory=list)
    text: str = ""  # free paragraph (e.g. a purpose statement)


@dataclass
class Contact:
    role: str = ""  # 팀장 / 담당자 / 주무관 / 과장 / 담당
    rank: str = ""  # 직급: 행정6급
    name: str = ""
    phone: str = ""  # as written: "☎4803", "860-2865"
    dept: str = ""  # when the card names the officer's 부서 (구로구 footer)


@dataclass
class Figure:
    """A figure stated in a field: "750백만원(국700 구50)", "9.6백만원(구비)", "26,670백만원".

    parts are (source label as written, amount or None when the split names a source without an
    amount: "(구비)" means all of it).
    """

    total: Decimal | None = None
    unit: str = ""
    parts: list[tuple[str, Decimal | None]] = field(default_factory=list)
    # The figure as the officer wrote it, printed once exactly so: "93,705 (시 39,570, 구비 54,130)",
    # or a statement instead of an amount ("비예산", "-") with total None. "" when not kept.
    text: str = ""


Extra = str | list[str]


@dataclass
class Adjustment:
    """A 공약 조정 (SPEC §6.2): the pledge itself officially changed — its title, 목표, 사업 내용, or dropped
    (폐기) — after the office's procedure, recorded with why, who decided and when. Travels with the
    card (card files, every later period), so the 공약 변경 현황 can always be printed."""

    what: str = ""  # 구분 as printed: 공약제목 / 공약목표 / 사업내용 / 폐기 / …
    before: str = ""  # 종전
    after: str = ""  # 변경
    reason: str = ""  # 사유
    body: str = ""  # 결정 기관: 주민배심원단, 구청장 결재 …
    decided: date | None = None  # 결정 일자


@dataclass
class Card:
    id: str = field(default_factory=new_id)
    pledge_id: str = field(default_factory=new_id)  # the pledge across reporting periods
    template: str = "standard"
    version: int = 1
    updated_at: datetime = field(default_factory=utcnow)

    org: str = ""  # 기관명
    doc_title: str = ""  # 문서 제목
    area: str = ""  # 분야; empty means the first segment of 관리번호
    base_date: date | None = None  # 기준일
    title: str = ""  # 공약제목
    number: str = ""  # 관리번호
    dept: str = ""  # 주관부서
    related: list[str] = field(default_factory=list)  # 관련부서 / 협조부서(기관)
    contacts: list[Contact] = field(default_factory=list)
    start_year: int | None = None  # 사업기간
    end_year: int | None = None
    timing: str = ""  # 이행시기: 임기 내 완료 / 임기후 계속
    status: str = ""  # 추진상황
    progress: int | None = None  # 진도 %
    goals: list[Item] = field(default_factory=list)  # 공약목표
    tasks: list[Item] = field(default_factory=list)  # 추진과제
    figures: dict[str, Figure] = field(default_factory=dict)  # stated figure fields (소요예산 summary)
    extra: dict[str, Extra] = field(default_factory=dict)  # template-specific fields (유형, 공약출처…)
    blocks: list[Block] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)  # 공약 조정, oldest first

    # Exchange (SPEC §6.3), not content: set on cards written to or read from a card file or workbook.
    # revisions: the revision the card was exported from, then its earlier ones, newest first (ids:
    # desktop/core/revisions.py); empty for a file from before revisions. origin: the database_id of the
    # database it was exported from.
    revisions: list[str] = field(default_factory=list, compare=False, repr=False)
    origin: str = field(default="", compare=False, repr=False)

    def block(self, key: str) -> Block | None:
        return next((b for b in self.blocks if b.key == key), None)

    @property
    def area_or_default(self) -> str:
        return self.area or area_of_number(self.number)

    def tables(self) -> list[tuple[Block, Item | None, Table]]:
        """Every table of the card with where it sits: figure blocks and inline tables."""
        found: list[tuple[Block, Item | None, Table]] = []
        for b in self.blocks:
            if b.table is not None:
                found.append((b, None, b.table))
            for it in b.items:
                if it.table is not None:
                    found.append((b, it, it.table))
        return found


def area_of_number(number: str) -> str:
    """The 분야 a 관리번호 implies: its first segment ("2-2-1" → "2", "III-2-1" → "III")."""
    return number.split("-")[0].strip()
