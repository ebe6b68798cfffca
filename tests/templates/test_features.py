"""Issue 15 features end to end: `templates check FILE`, 비예산 and figures as written, the book's words,
unplaced fields, tables alone, generated 관리번호, the document relation from the command line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.cardfile import read_cards, write_cards
from desktop.core.checks import check_card, codes, describe_place
from desktop.core.figures import figure_text
from desktop.core.model import Figure, Item
from desktop.core.templates import TemplateRegistry
from desktop.pdf import render_cards
from desktop.ui.editor.figuretext import format_figure, parse_figure
from tests.cli.helpers import run_cli
from tests.conftest import ROOT
from tests.templates.helpers import card_of, fill, table_block, tbl, template

FORMATS = ROOT / "resources" / "samples" / "formats"
DEPT = FORMATS / "dept-report-2024-06-30-도시재생과.json"
REG = TemplateRegistry.load()


def _bad_template(tmp_path: Path) -> Path:
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({
        "format": "pledgecard-template", "version": 2, "name": "bad",
        "statuses": {"values": ["완료"], "groups": {"완료": ["완료", "끝"]}},
        "header": {"rows": [["title", "ghost"]]},
        "fields": [{"key": "title", "label": "제목"}, {"key": "x", "label": "X", "kind": "colour"},
                   {"key": "budget", "label": "예산", "kind": "figure",
                    "equals": {"block": "money", "row": "total", "col": "nope"}}],
        "blocks": [{"key": "money", "kind": "figure", "table": {
            "columns": [{"key": "a", "label": "A"}], "rows": [{"key": "total", "label": "계"}],
            "relations": [{"kind": "linear", "target": "a", "terms": ["a", "-zz"]}, {"kind": "average"}]}}],
    }, ensure_ascii=False), encoding="utf-8")
    return p


def test_templates_check_reports_every_problem_with_its_place(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    r = run_cli(capsys, "templates", "check", _bad_template(tmp_path))
    assert r.code == 2
    out = r.out
    assert "fields[1]: 알 수 없는 필드 종류 'colour'" in out
    assert "blocks[0] table relations[1]: 알 수 없는 관계 종류 'average'" in out
    assert "header.rows가 정의되지 않은 필드 'ghost'" in out
    assert "블록 'money' 표의 관계 linear (target 'a'): terms의 'zz'가 표의 열 키가 아닙니다" in out
    assert "필드 'budget': equals.col 'nope'가 표의 열 키가 아닙니다" in out
    assert "statuses.groups['완료']: '끝'가 statuses.values에 없습니다" in out
    assert len(r.lines()) == 6


@pytest.mark.parametrize("name", ["standard", "guro", "seongdong-card", "dept-report", "dept-project"])
def test_templates_check_passes_the_shipped_ones(capsys: pytest.CaptureFixture[str], name: str) -> None:
    r = run_cli(capsys, "templates", "check", ROOT / "resources" / "templates" / f"{name}.json")
    assert (r.code, r.out.strip()) == (0, f"{ROOT / 'resources' / 'templates' / name}.json: 문제 없음")


def test_templates_check_json_syntax(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text('{"format": "pledgecard-template",\n "version": 2,,}', encoding="utf-8")
    r = run_cli(capsys, "templates", "check", p)
    assert r.code == 2 and "2행" in r.out and "JSON 문법 오류" in r.out


def test_non_amount_statements_and_figures_as_written() -> None:
    assert parse_figure("비예산") == Figure(text="비예산")
    assert parse_figure("-") == Figure(text="-")
    fig = parse_figure("93,705 (시 39,570, 구비 54,130)", "천원")
    assert fig is not None and fig.total == Decimal(93705) and fig.text == "93,705 (시 39,570, 구비 54,130)"
    assert figure_text(fig) == format_figure(fig) == "93,705 (시 39,570, 구비 54,130)"  # once, as written
    # the split is still checked: 39,570 + 54,130 = 93,700
    t = template(fields=[{"key": "budget", "label": "예산액", "kind": "figure", "unit": "천원"}])
    c = card_of(t)
    c.figures["budget"] = fig
    (f,) = check_card(c, t)
    assert f.code == codes.FIGURE_SPLIT and "93,700" in f.message
    c.figures["budget"] = Figure(text="비예산")
    assert check_card(c, t) == []


def _pdf_text(cards: list, path: Path) -> str:
    render_cards(cards, REG, path, workers=0)
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_the_book_speaks_the_documents_words(tmp_path: Path) -> None:
    cards = read_cards(DEPT, REG)
    text = _pdf_text(cards, tmp_path / "book.pdf")
    assert "사업 5건" in text and "공약 5건" not in text
    head = text[text.index("총 괄 표"):]
    assert "관리번호 사업명 부서 예산액" in head  # the main template's list_columns under its own labels
    assert "추진상황" not in head and "공약제목" not in head
    assert "비예산" in text
    page = _pdf_text([cards[1]], tmp_path / "page.pdf")  # the split figure as written, once on its page
    assert page.count("34,962 (국 1,080, 시 22,377, 구비 11,505)") == 1 and page.count("34,962") == 2  # + table


def test_unplaced_fields_are_kept_and_not_printed(tmp_path: Path) -> None:
    cards = read_cards(DEPT, REG)
    page = cards[1]
    assert page.number == "도시재생과-1"  # dept-project defines 관리번호 but places it nowhere
    text = _pdf_text([page], tmp_path / "one.pdf")
    assert "도시재생과-1" not in text and "관리번호" not in text
    assert page.title in text


def test_a_table_alone_in_an_outline_prints_no_mark(tmp_path: Path) -> None:
    page = read_cards(DEPT, REG)[1]
    results = page.block("results")
    assert results is not None and results.items[2].table_alone
    text = _pdf_text([page], tmp_path / "one.pdf")
    lines = [ln.strip() for ln in text.splitlines()]
    assert "□" not in lines and "○" not in lines  # no stray mark on a line of its own
    assert "주민 상담" in text


def test_single_row_tables_name_no_internal_key() -> None:
    page = read_cards(DEPT, REG)[1]
    t = REG.get(page.template)
    money = tbl(page, "money")
    money.rows[0].cells["rate"] = Decimal("70.0")
    (f,) = check_card(page, t)
    assert f.code == codes.RATIO and f.message.startswith("집행율 70.0% ≠")
    assert describe_place(page, t, f.place) == "예산현황 › 집행율"  # no internal row key ("v")


def test_cards_without_number_get_a_stable_visible_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cards = read_cards(DEPT, REG)
    for c in cards:
        c.number = ""
    src = tmp_path / "no-numbers.json"
    write_cards(src, cards)
    db = tmp_path / "db.sqlite"
    r = run_cli(capsys, "--db", db, "import", src)
    assert r.code == 0, r.err
    listed = run_cli(capsys, "--db", db, "list").lines()
    numbers = [ln.split("\t")[0] for ln in listed]
    assert len(numbers) == 5 and all(n.startswith("자동-") for n in numbers) and len(set(numbers)) == 5
    again = run_cli(capsys, "check", src)
    assert [ln.split(" ")[0] for ln in again.lines()] == []  # clean, and the same numbers next time:
    r2 = run_cli(capsys, "--db", tmp_path / "db2.sqlite", "import", src)
    assert r2.code == 0
    assert sorted(ln.split("\t")[0] for ln in run_cli(capsys, "--db", tmp_path / "db2.sqlite", "list").lines()) \
        == sorted(numbers)
    out = tmp_path / "one.json"
    assert run_cli(capsys, "--db", db, "export", numbers[0], "--out", out).code == 0


def test_the_command_line_checks_a_document_across_its_cards(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    cards = read_cards(DEPT, REG)
    money = tbl(cards[2], "money")  # 골목상권 활성화: its page says 93,700; the summary lists it
    money.rows[0].cells["budget"] = Decimal(93800)
    cards[2].figures["budget"] = Figure(total=Decimal(93800), unit="천원",
                                        parts=[("시", Decimal(39670)), ("구비", Decimal(54130))])
    money.rows[0].cells["rate"] = Decimal("49.9")
    path = tmp_path / "doc.json"
    write_cards(path, cards)
    r = run_cli(capsys, "check", path)
    assert r.code == 1
    assert r.lines() == ["도시재생과 [오류] 예산 현황 골목상권 활성화 예산액 93,700 ≠ 카드 도시재생과-2의 "
                         "예산현황 예산액 93,800 (예산 현황 › 골목상권 활성화 › 예산액)"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.decimals(min_value=-10**6, max_value=10**6, places=1, allow_nan=False), min_size=3, max_size=3),
       st.lists(st.sampled_from([1, -1]), min_size=3, max_size=3), st.integers(min_value=-50, max_value=50))
def test_linear_relation_fires_exactly_when_the_signed_sum_differs(values: list[Decimal], signs: list[int],
                                                                   slip: int) -> None:
    terms = [("" if s > 0 else "-") + k for s, k in zip(signs, ("a", "b", "c"), strict=True)]
    blk = table_block("x", {"columns": [{"key": k, "label": k.upper(), "negative": True} for k in "abct"],
                            "rows": [{"key": "r", "label": "R"}],
                            "relations": [{"kind": "linear", "target": "t", "terms": terms}]})
    t = template(blocks=[blk])
    c = card_of(t)
    total = sum((s * v for s, v in zip(signs, values, strict=True)), Decimal(0))
    stated = total + Decimal(slip) / 10
    fill(c, "x", {"r": {"a": str(values[0]), "b": str(values[1]), "c": str(values[2]), "t": str(stated)}})
    found = [f for f in check_card(c, t) if f.code == codes.LINEAR]
    assert bool(found) == (slip != 0)
    if found:
        assert found[0].place.col == "t"
        assert Decimal(found[0].computed.replace(",", "").replace("△", "-")) == total


def test_item_table_alone_property() -> None:
    assert Item(text="", table=None).table_alone is False
    assert Item(text="  ").table_alone is False


def test_docs_walkthrough_template_works_as_documented() -> None:
    import re

    from desktop.core.templatelint import check_template_data
    from desktop.core.templates import template_from_json

    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- walkthrough-template -->\s*```json\n(.*?)```", text, re.S)
    assert m
    data = json.loads(m.group(1))
    assert check_template_data(data) == []
    t = template_from_json(data)
    c = card_of(t, title="공원 조성")
    fill(c, "money", {"v": {"budget": "1000", "spent": "400", "rest": "600", "rate": "40.0"}})
    c.figures["budget"] = Figure(total=Decimal(1000), unit="천원")
    assert check_card(c, t) == []
    fill(c, "money", {"v": {"rest": "500"}})
    assert [f.code for f in check_card(c, t)] == [codes.LINEAR]
    bad = json.loads(m.group(1))
    bad["blocks"][0]["table"]["relations"][0]["terms"] = ["budget", "-spnet"]
    assert check_template_data(bad) == [
        "블록 'money' 표의 관계 linear (target 'rest'): terms의 'spnet'가 표의 열 키가 아닙니다"]


def test_the_dept_document_round_trips_through_the_workbook(tmp_path: Path) -> None:
    from desktop.xlsx import export_workbook, read_workbook

    cards = read_cards(DEPT, REG)
    path = tmp_path / "dept.xlsx"
    export_workbook(cards, REG, path)
    back = list(read_workbook(path, REG))
    assert [c.figures for c in back] == [c.figures for c in cards]  # 비예산 and figures as written kept
    for a, b in zip(cards, back, strict=True):
        for ba, bb in zip(a.blocks, b.blocks, strict=True):
            if ba.table is not None:
                assert bb.table is not None
                assert [(r.negative, r.negative_cols) for r in bb.table.rows] == \
                    [(r.negative, r.negative_cols) for r in ba.table.rows]
                assert bb.table.label_columns == ba.table.label_columns


def test_the_window_reads_the_other_cards_of_a_document(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from db.store import Store
    from desktop.ui.mainwindow import MainWindow

    cards = read_cards(DEPT, REG)
    other = read_cards(ROOT / "resources" / "samples" / "geumjeong-2025-09-30-card-2-2-1.json", REG)[0]
    with Store.open(tmp_path / "db.sqlite", registry=REG) as store:
        for c in [*cards, other]:
            store.add(c)
        got = MainWindow._document_cards(SimpleNamespace(store=store), cards[0])  # type: ignore[arg-type]
    assert sorted(c.number for c in got) == [f"도시재생과-{i}" for i in range(1, 5)]


def test_a_header_label_as_wide_as_its_cell_stays_on_one_line(tmp_path: Path) -> None:
    page = read_cards(DEPT, REG)[1]  # 사업기간: four syllables, its label column exactly that wide
    lines = [ln.split() for ln in _pdf_text([page], tmp_path / "one.pdf").splitlines()]
    assert any("사업기간" in words for words in lines), "사업기간 broke inside the word"
