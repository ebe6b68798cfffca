"""Exchange between two PCs without losing an edit (SPEC §6.3, issue 13), end to end through the
command line with two real databases: SQLite files, and one side on the real PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from db.store import Store
from desktop.core.cardfile import write_cards
from desktop.core.model import Card
from tests.cli.helpers import run_cli, standard_card
from tests.conftest import SAMPLES
from tests.db.conftest import pg_url  # noqa: F401  (the real PostgreSQL the tests start)

Edit = Callable[[Card], None]
CARD = "2-2-1"


def _edit(db: str | Path, change: Edit, times: int = 1) -> None:
    """An officer's edits in the window: saves through the store (source 편집기)."""
    with Store.open(str(db)) as s:
        for _ in range(times):
            card = s.latest_by_number(CARD)
            assert card is not None
            change(card)
            s.save(card)


def _card(db: str | Path) -> Card:
    with Store.open(str(db)) as s:
        card = s.latest_by_number(CARD)
        assert card is not None
        return card


def _sources(db: str | Path) -> list[str]:
    with Store.open(str(db)) as s:
        return [e.source for e in s.history(_card(db).id)]


@pytest.fixture
def pcs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path]:
    """PC-A holds the card; PC-B received it once from A's export (the exchanged revision)."""
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    _start(capsys, a, b, tmp_path)
    return a, b


def _start(capsys: pytest.CaptureFixture[str], a: str | Path, b: str | Path, tmp_path: Path) -> None:
    src = tmp_path / "seed.json"
    write_cards(src, [standard_card(CARD, "중소기업 육성", dept="일자리경제과", status="추진중", progress=75,
                                    base_date=date(2025, 9, 30))])
    assert run_cli(capsys, "--db", a, "import", src).code == 0
    sent = tmp_path / "a-to-b.json"
    assert run_cli(capsys, "--db", a, "export", "--all", "--out", sent).code == 0
    r = run_cli(capsys, "--db", b, "import", sent)
    assert r.code == 0 and "추가 1건" in r.out


def _send(capsys: pytest.CaptureFixture[str], src: str | Path, dst: str | Path, file: Path, *extra: str,
          code: int = 0) -> str:
    r = run_cli(capsys, "--db", src, "export", "--all", "--out", file)
    assert r.code == 0, r.err
    r = run_cli(capsys, "--db", dst, "import", file, *extra)
    assert r.code == code, (r.out, r.err)
    return r.out + r.err


def _set_dept(c: Card) -> None:
    c.dept = "경제정책과"


def _set_title(c: Card) -> None:
    c.title = "중소기업 지원 확대"


def test_two_pcs_edit_different_fields_and_both_edits_survive(capsys: pytest.CaptureFixture[str],
                                                              pcs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pcs
    _edit(b, _set_dept)  # PC-B changes 주관부서
    _edit(a, _set_title, times=3)  # PC-A later changes the title (several autosaves)
    out = _send(capsys, a, b, tmp_path / "a.json")
    assert "병합 1건" in out and "충돌 0곳" in out
    got = _card(b)
    assert (got.dept, got.title) == ("경제정책과", "중소기업 지원 확대")
    assert _sources(b)[0] == "merge"
    # and back: B's merged card to A brings B's 주관부서 (merged with A's title from the exchanged base)
    out = _send(capsys, b, a, tmp_path / "b.json")
    assert "충돌 0곳" in out
    got = _card(a)
    assert (got.dept, got.title) == ("경제정책과", "중소기업 지원 확대")
    # the same file again changes nothing
    assert "변경 없음 1건" in _send(capsys, b, a, tmp_path / "b2.json")


def test_mirror_b_file_into_a(capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pcs
    _edit(a, _set_title)  # A (where the card came from) changes the title
    _edit(b, _set_dept, times=2)  # B (which imported it) changes 주관부서
    out = _send(capsys, b, a, tmp_path / "b.json")
    assert "병합 1건" in out
    got = _card(a)
    assert (got.dept, got.title) == ("경제정책과", "중소기업 지원 확대")
    assert _sources(a)[0] == "merge"


def test_same_field_both_sides_is_reported_left_as_here_then_decided(
        capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pcs
    _edit(b, lambda c: setattr(c, "progress", 80))
    _edit(a, lambda c: setattr(c, "progress", 90))
    _edit(a, _set_title)
    f = tmp_path / "a.json"
    out = _send(capsys, a, b, f, code=1)
    assert "충돌: 카드 2-2-1 '중소기업 육성' — 1곳, 여기 것을 그대로 두었습니다" in out
    assert "  진도: 여기 '80%' | 들어온 것 '90%'" in out
    got = _card(b)
    assert (got.progress, got.title) == (80, "중소기업 지원 확대")  # the rest applied, the conflict left
    r = run_cli(capsys, "--db", b, "import", f, "--on-conflict", "theirs")
    assert r.code == 0 and "들어온 것으로 정했습니다" in r.out
    assert _card(b).progress == 90
    with Store.open(str(b)) as s:
        assert s.history(_card(b).id)[0].summary.startswith("충돌 1곳 들어온 것으로")


def test_mine_keeps_this_side(capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pcs
    _edit(b, lambda c: setattr(c, "progress", 80))
    def done(c: Card) -> None:
        c.progress, c.status = 90, "완료"

    _edit(a, done)
    out = _send(capsys, a, b, tmp_path / "a.json", "--on-conflict", "mine")
    assert "여기 것으로 정했습니다" in out
    got = _card(b)
    assert (got.progress, got.status) == (80, "완료")
    with Store.open(str(b)) as s:
        assert s.history(got.id)[0].summary.startswith("충돌 1곳 여기 것으로")


def test_file_without_revisions_never_overwrites_a_card_changed_here(
        capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pcs
    _edit(b, _set_dept)
    _edit(a, _set_title)
    f = tmp_path / "a.json"
    assert run_cli(capsys, "--db", a, "export", "--all", "--out", f).code == 0
    data = json.loads(f.read_text(encoding="utf-8"))
    for c in data["cards"]:  # as written before revisions existed
        c.pop("revisions"), c.pop("database_id")
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run_cli(capsys, "--db", b, "import", f)
    assert r.code == 1 and "충돌 2곳" in r.out
    assert _card(b).dept == "경제정책과" and _card(b).title == "중소기업 육성"


def test_same_id_from_another_database_with_unrelated_history_is_a_conflict(
        capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = pcs
    card = _card(a)
    card.title, card.revisions = "다른 사무실의 카드", []
    other = tmp_path / "other.sqlite3"
    f0 = tmp_path / "other-seed.json"
    write_cards(f0, [card])
    assert run_cli(capsys, "--db", other, "import", f0).code == 0
    _edit(other, lambda c: setattr(c, "status", "보류"))
    out = _send(capsys, other, b, tmp_path / "other.json", code=1)
    assert "충돌 2곳" in out
    assert _card(b).title == "중소기업 육성" and _card(b).status == "추진중"


def test_merge_into_a_closed_period_is_refused(capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    a, b = pcs
    _edit(a, _set_title)
    assert run_cli(capsys, "--db", b, "period", "close", "2025-09-30").code == 0
    before = _card(b)
    out = _send(capsys, a, b, tmp_path / "a.json", code=2)
    assert "닫혀 있어" in out and "아무것도 바뀌지 않았습니다" in out
    assert _card(b).title == before.title


def test_two_pcs_on_postgresql(capsys: pytest.CaptureFixture[str], pg_url: str,  # noqa: F811
                               tmp_path: Path) -> None:
    from tests.db.conftest import _reset

    _reset(pg_url)
    a, b = tmp_path / "a.sqlite3", pg_url  # PC-A on its own file, B on the office's server
    _start(capsys, a, b, tmp_path)
    _edit(b, _set_dept)
    _edit(a, _set_title, times=2)
    out = _send(capsys, a, b, tmp_path / "a.json")
    assert "병합 1건" in out
    got = _card(b)
    assert (got.dept, got.title) == ("경제정책과", "중소기업 지원 확대")
    assert _sources(b)[0] == "merge"
    _edit(a, lambda c: setattr(c, "progress", 10))
    _edit(b, lambda c: setattr(c, "progress", 20))
    out = _send(capsys, a, b, tmp_path / "a2.json", code=1)
    assert "진도: 여기 '20%' | 들어온 것 '10%'" in out
    # mirror: B's file into A
    out = _send(capsys, b, a, tmp_path / "b.json", code=1)
    assert "진도: 여기 '10%' | 들어온 것 '20%'" in out
    assert _card(a).dept == "경제정책과"


def test_two_pcs_through_a_workbook(capsys: pytest.CaptureFixture[str], pcs: tuple[Path, Path],
                                    tmp_path: Path) -> None:
    a, b = pcs
    _edit(b, _set_dept)
    _edit(a, _set_title)
    f = tmp_path / "a.xlsx"
    assert run_cli(capsys, "--db", a, "xlsx", "--out", f, "--all").code == 0
    r = run_cli(capsys, "--db", b, "import", f)
    assert r.code == 0 and "병합 1건" in r.out, r.out
    got = _card(b)
    assert (got.dept, got.title) == ("경제정책과", "중소기업 지원 확대")


def test_revision_ids_are_the_history_states(tmp_path: Path) -> None:
    from db.revisions import revision_of_card

    db = tmp_path / "db.sqlite3"
    with Store.open(str(db)) as s:
        card = s.add(standard_card(CARD, "중소기업 육성"))
        first = revision_of_card(s.get(card.id))
        card.title = "바뀐 제목"
        s.save(card)
        stamped = s.stamp([s.get(card.id)])[0]
        assert stamped.revisions[1:] == [first] and stamped.revisions[0] == revision_of_card(s.get(card.id))
        assert stamped.origin == s.database_id
        again = s.get(card.id)
        assert again.revisions == [] and again == stamped  # not content: the stored card is unchanged


def test_new_cards_of_another_office_come_in_only_when_asked(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    """SPEC §6.3: a file from another office's database adds its new cards only when the user says so;
    a department's own office's cards (the same 기관명) come in as before."""
    from desktop.core.cardfile import read_cards
    from desktop.core.templates import TemplateRegistry

    reg = TemplateRegistry.load()
    here, there = tmp_path / "geumjeong.sqlite3", tmp_path / "guro.sqlite3"
    samples = sorted(SAMPLES.glob("*.json"))
    geumjeong = [p for p in samples if read_cards(p, reg)[0].org == "금정구"]
    guro = [p for p in samples if read_cards(p, reg)[0].org == "구로구"]
    assert geumjeong and guro
    assert run_cli(capsys, "--db", here, "import", *geumjeong).code == 0
    assert run_cli(capsys, "--db", there, "import", *guro).code == 0
    out = tmp_path / "guro.json"
    assert run_cli(capsys, "--db", there, "export", "--all", "--out", out).code == 0
    before = run_cli(capsys, "--db", here, "list").out
    r = run_cli(capsys, "--db", here, "import", out)
    assert r.code == 0, r.err
    assert "다른 기관('구로구')의 데이터베이스에서 온 새 카드" in r.out + r.err
    assert run_cli(capsys, "--db", here, "list").out == before
    r = run_cli(capsys, "--db", here, "import", out, "--other-office")
    assert r.code == 0, r.err
    assert "III-2-1" in run_cli(capsys, "--db", here, "list").out
    # The same office's cards from another PC's database (a department's copy) need no flag.
    dept = tmp_path / "dept.sqlite3"
    handed = tmp_path / "handed.json"
    assert run_cli(capsys, "--db", here, "export", "1-2-2", "--out", handed).code == 0
    assert run_cli(capsys, "--db", dept, "import", handed).code == 0
    assert "1-2-2" in run_cli(capsys, "--db", dept, "list").out
