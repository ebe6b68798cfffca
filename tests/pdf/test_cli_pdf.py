"""`pledgecard pdf`: a card, a book, refusals; a card with 오류 prints with a Korean warning."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from tests.cli.helpers import run_cli
from tests.conftest import SAMPLES
from tests.foreign import write_seongdong
from tests.pdf.helpers import page_texts, squash


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "cards.db"
    files = sorted(SAMPLES.glob("*.json"))
    r = run_cli(capsys, "--db", path, "import", *files)
    assert r.code == 0, r.err
    return path


def test_one_card_by_number(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    r = run_cli(capsys, "--db", db, "pdf", "--out", out, "2-2-1")
    assert r.code == 0, r.err
    assert "카드 1건" in r.out and str(out) in r.out
    texts = page_texts(out)
    assert "중소기업 애로해소 및 환경 개선 지원" in texts[0]
    assert "목 차" not in "".join(texts)
    assert r.err == ""  # 2-2-1 has no 오류


def test_all_cards_make_a_book_and_a_card_with_errors_is_named(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    r = run_cli(capsys, "--db", db, "pdf", "--all", "--out", out)
    assert r.code == 0, r.err
    assert "책자" in r.out and "카드 3건" in r.out
    # the 구로구 card has one 오류 (합계 19개사 ≠ 9 + 10 + 10): it prints, with a warning naming it
    assert "경고" in r.err and "III-2-1" in r.err and "오류 1건" in r.err
    assert "2-2-1" not in r.err and "1-2-2" not in r.err
    texts = page_texts(out)
    assert "목 차" in texts[1] and "총 괄 표" in texts[2]
    assert "중소기업-소상공인육성지원" in squash("".join(texts))


def test_unknown_number_is_refused_and_nothing_written(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    r = run_cli(capsys, "--db", db, "pdf", "--out", out, "9-9-9")
    assert r.code == 2 and "9-9-9" in r.err and not out.exists()
    r = run_cli(capsys, "--db", db, "pdf", "--out", out)
    assert r.code == 2 and "--all" in r.err and not out.exists()
    r = run_cli(capsys, "--db", db, "pdf", "--out", tmp_path / "no" / "such" / "x.pdf", "--all")
    assert r.code == 2 and "폴더" in r.err


def test_a_template_from_a_folder_prints_with_its_own_fields(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tfile, cfile = write_seongdong(tmp_path / "foreign")
    path = tmp_path / "f.db"
    assert run_cli(capsys, "--db", path, "--templates", tfile.parent, "import", cfile).code == 0
    out = tmp_path / "seongdong.pdf"
    r = run_cli(capsys, "--db", path, "--templates", tfile.parent, "pdf", "--out", out, "1-3")
    assert r.code == 0, r.err
    flat = squash("".join(page_texts(out)))
    for text in ("성동구민선7기구청장공약이행카드", "공약출처", "□선거공보■선거공약서■5대공약□SNS", "사업주체",
                 "연차별투자계획", "계획액", "확보액", "연차별집행액", "590.5", "총괄부서", "과장:김성동",
                 "800백만원(시비500구비300)"):
        assert text in flat, text
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 1


def test_a_book_from_the_program_uses_a_worker_process(db: Path, tmp_path: Path) -> None:
    """`python -m desktop pdf` as a separate program, told to use a worker: the worker starts from the
    program (not from pytest), the book is the one-process book, and nothing is said on stderr."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    books = {}
    for workers in ("1", "0"):
        out = tmp_path / f"book{workers}.pdf"
        env = {**os.environ, "PLEDGECARD_PRINT_WORKERS": workers}
        r = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "pdf", "--all", "--out", str(out)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert "한 프로세스" not in r.stderr and "Traceback" not in r.stderr
        books[workers] = page_texts(out)
    assert books["1"] == books["0"]


def test_a_card_that_cannot_be_laid_out_is_named_and_the_book_still_written(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    """Exit 1: the book is written with every other card (and a notice page in that card's place);
    the card is named by 관리번호 on stderr. Asked for alone, it is refused and nothing is written."""
    from desktop.core.cardfile import write_cards
    from tests.pdf.helpers import registry
    from tests.pdf.test_long_tables import grouped_card, impossible_card

    reg = registry()
    extra = tmp_path / "extra.json"
    write_cards(extra, [impossible_card(reg), grouped_card(reg, 120, number="50-1")])
    assert run_cli(capsys, "--db", db, "import", extra).code == 0
    out = tmp_path / "book.pdf"
    r = run_cli(capsys, "--db", db, "pdf", "--all", "--out", out)
    assert r.code == 1
    assert "카드 5건" in r.out and str(out) in r.out
    assert "오류: 카드 1건은" in r.err and "99-9 '머리 칸이 한 쪽보다 긴 카드'" in r.err
    assert "Traceback" not in r.err and "Flowable" not in r.err and "laid out" not in r.err  # Korean only
    flat = squash("".join(page_texts(out)))
    assert "중소기업애로해소및환경개선지원" in flat and "세부119" in flat and "이카드는인쇄하지못했습니다" in flat

    one = tmp_path / "one.pdf"
    r = run_cli(capsys, "--db", db, "pdf", "--out", one, "99-9")
    assert r.code == 1 and "99-9" in r.err and "인쇄할 수 없습니다" in r.err and not one.exists()
    r = run_cli(capsys, "--db", db, "pdf", "--out", one, "50-1")  # 120 rows under one group label
    assert r.code == 0, r.err
    assert one.exists()
