"""One database for the whole office (SPEC §6.4): `admin init`, officers' logins, permissions enforced by
PostgreSQL (row-level security and grants) and the history written by the server's trigger.

Against the real PostgreSQL of tests/db/conftest.py (trust authentication on a Unix socket: a login
connects by name). Plain SQL as an officer goes through SQLAlchemy's text() on its own connection —
never through the Store — so what is refused is refused by the server.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from db.actor import Actor, Machine
from db.permissions import NotPermittedError
from db.store import Store
from desktop.core.cardfile import write_cards
from desktop.core.templates import TemplateRegistry
from tests.conftest import ROOT
from tests.db.conftest import _reset, full_card
from tests.db.serverfix import JOBS, PLAN, WELFARE, _as, _history, _refused, _rows, kim_sql_fixture, office_fixture  # noqa: F401 - fixtures

# ------------------------------------------------------------------ enforced by the server (plain SQL)


def test_officer_cannot_change_another_departments_card_with_plain_sql(office: dict[str, Any],
                                                                      kim_sql: Engine) -> None:
    other = office["welfare"].id
    title = "돌봄 확대"
    assert _rows(kim_sql, "UPDATE cards SET title = 'x' WHERE id = :i", i=other) == 0
    assert _rows(kim_sql, "UPDATE cards SET dept = :d WHERE id = :i", d=JOBS, i=other) == 0
    assert _rows(kim_sql, "DELETE FROM cards WHERE id = :i", i=other) == 0
    assert _rows(kim_sql, "UPDATE card_bodies SET body = '{}' WHERE card_id = :i", i=other) == 0
    assert _rows(kim_sql, "DELETE FROM card_bodies WHERE card_id = :i", i=other) == 0
    assert _rows(kim_sql, "UPDATE photos SET mime = 'x' WHERE card_id = :i", i=other) == 0
    assert _rows(kim_sql, "DELETE FROM photos WHERE card_id = :i", i=other) == 0
    # inserting: a card of another department, a photo or a body for another department's card
    insert_card = ("INSERT INTO cards (id, pledge_id, template, number, title, dept, status, progress, base_date, "
                   "org, errors, warnings, version, updated_at, search_text) SELECT 'new-card', pledge_id, template, "
                   "'9-9', 't', :d, status, progress, base_date, org, 0, 0, 1, updated_at, '' FROM cards WHERE id = :i")
    assert _refused(kim_sql, insert_card, d=WELFARE, i=other) == "42501"
    assert _refused(kim_sql, "INSERT INTO photos (card_id, block, position, mime, sha256, data) "
                             "VALUES (:i, 99, 0, 'image/png', 'x', '\\x00')", i=other) == "42501"
    # moving one's own card into another department is changing another department's card
    assert _refused(kim_sql, "UPDATE cards SET dept = :d WHERE id = :i", d=WELFARE, i=office["jobs"].id) == "42501"
    # and no way around: TRUNCATE, the history, the logins, the periods
    assert _refused(kim_sql, "TRUNCATE cards CASCADE") == "42501"
    assert _refused(kim_sql, "CREATE TABLE public.mine (x int)") == "42501"
    for sql in ("UPDATE history SET summary = 'x'", "DELETE FROM history",
                "INSERT INTO history SELECT * FROM history LIMIT 1", "UPDATE meta SET value = 'x'",
                "UPDATE logins SET planning = true", "INSERT INTO logins VALUES ('kim2', '기획예산과', true)",
                "INSERT INTO periods (base_date, state) VALUES ('2030-01-01', 'open')",
                "DELETE FROM history_photos", "UPDATE history_pending SET summary = 'x'"):
        assert _refused(kim_sql, sql) == "42501", sql
    eng = create_engine(office["url"])
    with eng.connect() as c:
        assert c.execute(text("SELECT title, dept FROM cards WHERE id = :i"), {"i": other}).one() == (title, WELFARE)
        assert c.execute(text("SELECT count(*) FROM photos WHERE card_id = :i"), {"i": other}).scalar() == 2
    eng.dispose()
    assert [h[3] for h in _history(office["url"], other)] == ["editor"]  # nothing recorded, nothing changed


def test_officer_plain_sql_on_own_card_is_recorded_by_the_server(office: dict[str, Any], kim_sql: Engine,
                                                                  registry: TemplateRegistry) -> None:
    own = office["jobs"].id
    with kim_sql.begin() as c:
        assert c.execute(text("UPDATE cards SET title = '바꾼 제목' WHERE id = :i"), {"i": own}).rowcount == 1
        assert c.execute(text("UPDATE card_bodies SET body = replace(body, '청년 일자리', '바꾼 제목') "
                              "WHERE card_id = :i"), {"i": own}).rowcount == 1
    rows = _history(office["url"], own)
    assert len(rows) == 2  # one entry for the transaction's change, written by the server at commit
    seq, login, dept, source, summary, at = rows[-1]
    assert (login, dept, source, summary) == ("kim", JOBS, "sql", "프로그램 밖에서 변경됨")
    assert abs(at.replace(tzinfo=UTC) - datetime.now(UTC)) < timedelta(minutes=5)  # the server's clock, UTC
    with Store.open(office["url"], registry=registry) as s:
        assert s.state_at(seq).title == "바꾼 제목"  # the state the server wrote opens in the timeline
        assert s.verify_history() is None  # the chain holds across the program's and the server's entries


def test_planning_office_changes_every_card_with_plain_sql(office: dict[str, Any]) -> None:
    eng = create_engine(_as(office["url"], "park"))
    assert _rows(eng, "UPDATE cards SET status = '완료' WHERE dept IN (:a, :b)", a=JOBS, b=WELFARE) == 2
    eng.dispose()
    assert _history(office["url"], office["welfare"].id)[-1][1:4] == ("park", PLAN, "sql")


def test_a_login_without_department_changes_nothing(office: dict[str, Any]) -> None:
    eng = create_engine(office["url"])
    with eng.begin() as c:
        c.execute(text("CREATE ROLE stranger LOGIN"))
        c.execute(text("GRANT postgres_officer TO stranger"))
    eng.dispose()
    try:
        stranger = create_engine(_as(office["url"], "stranger"))
        assert _rows(stranger, "UPDATE cards SET title = 'x'") == 0
        stranger.dispose()
        with Store.open(_as(office["url"], "stranger"), registry=office["owner"].registry) as s:
            refusal = s.permissions.edit_refusal(s.get(office["jobs"].id))
            assert refusal is not None and "부서가 정해져 있지 않아" in refusal
    finally:
        eng = create_engine(office["url"])
        with eng.begin() as c:
            c.execute(text("DROP OWNED BY stranger"))
            c.execute(text("DROP ROLE stranger"))
        eng.dispose()


# ------------------------------------------------------------------ through the program


def test_store_refuses_another_departments_card_in_korean(office: dict[str, Any], registry: TemplateRegistry) -> None:
    with Store.open(_as(office["url"], "kim"), registry=registry) as s:
        s.actor = Actor("김주무관", "아무 부서")  # the settings' 부서 is not what the server goes by
        other = s.get(office["welfare"].id)
        assert s.permissions.edit_refusal(other) == \
            f"다른 부서({WELFARE})의 카드라 읽기만 할 수 있습니다 (내 부서: {JOBS})"
        assert s.permissions.edit_refusal(s.get(office["jobs"].id)) is None
        other.title = "남의 카드"
        refused = f"카드 2-1 '남의 카드'을\\(를\\) 저장할 수 없습니다: 다른 부서\\({WELFARE}\\)"
        with pytest.raises(NotPermittedError, match=refused):
            s.save(other)
        for action in (s.delete, s.purge):
            with pytest.raises(NotPermittedError, match="다른 부서"):
                action(other.id)
        new = full_card(registry, "3-1", "새 복지 카드")
        new.dept = WELFARE
        with pytest.raises(NotPermittedError, match="더할 수 없습니다: 다른 부서"):
            s.add(new)
        mine = s.get(office["jobs"].id)
        mine.dept = WELFARE  # handing one's card to another department is the planning office's
        with pytest.raises(NotPermittedError, match="다른 부서"):
            s.save(mine)
        with pytest.raises(NotPermittedError, match="기획 부서의 로그인만"):
            s.open_period(datetime(2026, 3, 31).date())
        mine = s.get(office["jobs"].id)
        mine.progress = 77
        s.save(mine, source="editor")
        s.delete(mine.id)
        s.restore(mine.id)
        assert s.get(office["welfare"].id).title == "돌봄 확대"
    rows = _history(office["url"], office["jobs"].id)
    assert [r[1:4] for r in rows[1:]] == [("kim", JOBS, "editor"), ("kim", JOBS, "delete"), ("kim", JOBS, "undelete")]
    assert "진도" in rows[1][4]


def test_history_command_and_audit_read_the_servers_entries(office: dict[str, Any], registry: TemplateRegistry,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    with Store.open(_as(office["url"], "park"), registry=registry) as s:
        s.actor = Actor("박기획", PLAN)
        card = s.get(office["welfare"].id)
        card.status = "완료"
        s.save(card)
        s.open_period(datetime(2026, 3, 31).date())  # the planning office opens periods
    capsys.readouterr()
    assert main(["--db", _as(office["url"], "kim"), "history", "2-1", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [(e["source"], e["os_user"], e["who"], e["dept"]) for e in entries] == [
        ("carry", "park", "박기획", PLAN), ("editor", "park", "박기획", PLAN), ("editor", "pledge", "pledge", "")]
    assert main(["--db", _as(office["url"], "kim"), "audit", "verify"]) == 0


def _write_file(path: Path, cards: list[Any]) -> Path:
    write_cards(path, cards)
    return path


def test_import_refuses_another_departments_cards_per_card(office: dict[str, Any], registry: TemplateRegistry,
                                                           tmp_path: Path) -> None:
    owner: Store = office["owner"]
    jobs, welfare = owner.stamp([owner.get(office["jobs"].id), owner.get(office["welfare"].id)])  # as exported
    jobs.progress, welfare.progress = 91, 92
    new_welfare = full_card(registry, "2-9", "새 복지")
    new_welfare.dept = WELFARE
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*cards: Any) -> subprocess.CompletedProcess[str]:
        f = _write_file(tmp_path / "in.json", list(cards))
        return subprocess.run([sys.executable, "-m", "desktop", "--db", _as(office["url"], "kim"), "import", str(f)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)

    r = run(welfare, new_welfare)
    assert r.returncode == 2, r.stderr
    assert f"거부: 카드 2-1 — 다른 부서({WELFARE})의 카드라" in r.stderr
    assert "거부: 카드 2-9 — 다른 부서" in r.stderr
    assert "Traceback" not in r.stderr
    r = run(jobs, welfare)
    assert r.returncode == 1, r.stderr
    assert "거부: 카드 2-1" in r.stderr and "거부: 카드 1-1" not in r.stderr
    assert owner.get(jobs.id).progress == 91 and owner.get(welfare.id).progress != 92
    assert owner.find(new_welfare.id) is None

# ------------------------------------------------------------------ every write path of the program


def _welfare_paths(registry: TemplateRegistry) -> dict[str, Any]:
    """Each of the store's write paths, aimed at 복지정책과's card by 일자리경제과's officer."""
    from datetime import date

    def adjust(s: Store, card_id: str) -> None:
        from desktop.core.adjustments import adjust as adjusted

        card = s.get(card_id)
        adjusted(card, registry.get(card.template), "title", "바뀐 제목", reason="사유", body="주민배심원단",
                 decided=date(2025, 3, 10))
        s.save(card, source="adjust")

    def revert(s: Store, card_id: str) -> None:
        s.revert_to(s.history(card_id)[-1].seq)

    def bulk(s: Store, card_id: str) -> None:
        card = s.get(card_id)
        card.progress = 99
        card.version += 1
        report = s.import_cards([card], "replace")
        assert report.refused and not report.updated
        raise NotPermittedError(report.refused[0][1])

    def merge(s: Store, card_id: str) -> None:
        card = s.stamp([s.get(card_id)])[0]
        card.progress = 98
        report = s.merge_import([card])
        assert report.refused and not report.changed_ids
        raise NotPermittedError(report.refused[0][1])

    def save(s: Store, card_id: str) -> None:
        card = s.get(card_id)
        card.progress = 97
        s.save(card)

    return {"save": save, "delete": lambda s, i: s.delete(i), "purge": lambda s, i: s.purge(i),
            "adjust": adjust, "revert": revert, "import_cards": bulk, "merge_import": merge,
            "open_period": lambda s, i: s.open_period(date(2026, 6, 30)),
            "close_period": lambda s, i: s.close_period(date(2025, 9, 30))}


@pytest.mark.parametrize("path", ["save", "delete", "purge", "adjust", "revert", "import_cards", "merge_import",
                                  "open_period", "close_period"])
def test_every_program_write_path_refuses_another_departments_card(office: dict[str, Any],
                                                                   registry: TemplateRegistry, path: str) -> None:
    other = office["welfare"].id
    before = office["owner"].get(other)
    with Store.open(_as(office["url"], "kim"), registry=registry) as s, \
            pytest.raises(NotPermittedError, match=r"다른 부서|기획 부서의 로그인만"):
        _welfare_paths(registry)[path](s, other)
    assert office["owner"].get(other) == before
    assert len(_history(office["url"], other)) == 1

def test_audit_finds_a_server_entry_changed_afterwards(office: dict[str, Any], registry: TemplateRegistry,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    with Store.open(_as(office["url"], "kim"), registry=registry) as s:
        card = s.get(office["jobs"].id)
        card.progress = 50
        s.save(card)
        assert s.verify_history() is None
        seq = s.history(card.id)[0].seq
    capsys.readouterr()
    assert main(["--db", office["url"], "audit", "verify"]) == 0
    eng = create_engine(office["url"])  # only the owner (or a superuser) can: an officer may not
    with eng.begin() as c:
        c.execute(text("UPDATE history SET summary = '진도: 45% → 10%' WHERE seq = :s"), {"s": seq})
    eng.dispose()
    capsys.readouterr()
    assert main(["--db", office["url"], "audit", "verify"]) == 1
    assert f"{seq}번 기록의 내용이 기록된 뒤에 바뀌었습니다" in capsys.readouterr().err


_SAVER = """
import sys
from db.store import ConflictError, Store
from desktop.core.templates import TemplateRegistry
url, card_id, n, mark = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with Store.open(url, registry=TemplateRegistry.load()) as s:
    done = 0
    while done < n:
        card = s.get(card_id)
        card.title = f"{mark} {done}"
        try:
            s.save(card)
        except ConflictError:  # the other login saved first: load again, as the window offers
            continue
        done += 1
print("done")
"""


def test_officers_saving_at_once_append_one_intact_chain(office: dict[str, Any], registry: TemplateRegistry) -> None:
    """Three logins (two departments and the planning office) save at the same time in three processes:
    every save has its entry, by its login, and the server's chain has no gap or fork."""
    n = 25
    jobs, welfare = office["jobs"].id, office["welfare"].id
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _SAVER, _as(office["url"], login), card_id, str(n), login],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for login, card_id in (("kim", jobs), ("lee", welfare), ("park", jobs))]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):  # kim and park share a card: the version check
        assert p.returncode == 0, err
    with Store.open(office["url"], registry=registry) as s:
        assert s.verify_history() is None
        assert s.history_head()[0] == s.history_count()
        entries = s.history(jobs) + s.history(welfare)
    by_login = collections.Counter(e.os_user for e in entries)
    assert (by_login["kim"], by_login["lee"], by_login["park"]) == (n, n, n)
    assert all(e.summary.startswith("공약제목") for e in entries if e.os_user in ("kim", "lee", "park"))


def test_dates_and_times_read_back_exactly_through_the_fast_reader(pg_url: str) -> None:
    """db/engine.py reads the server's dates and times with fromisoformat: the same values as pg8000's
    own reader, the zone-less UTC of the models included; what it cannot read stays pg8000's."""
    from datetime import date

    from db.engine import make_engine, resolve

    eng = make_engine(resolve(pg_url)[0])
    with eng.connect() as c:
        row = c.execute(text("SELECT TIMESTAMP '2026-12-06 22:21:31.2', TIMESTAMP '2026-01-02 03:04:05', "
                             "TIMESTAMP '2026-01-02 03:04:05.123456', DATE '2025-09-30', DATE 'infinity', "
                             "TIMESTAMP 'infinity', DATE '0044-03-15'")).one()
    eng.dispose()
    assert row[:4] == (datetime(2026, 12, 6, 22, 21, 31, 200000), datetime(2026, 1, 2, 3, 4, 5),
                       datetime(2026, 1, 2, 3, 4, 5, 123456), date(2025, 9, 30))
    assert row[4:6] == ("infinity", "infinity") and row[6] == date(44, 3, 15)


def test_entries_the_program_wrote_before_0005_and_the_servers_form_one_chain(pg_url: str,
                                                                              registry: TemplateRegistry) -> None:
    """A PostgreSQL database upgraded from 0004 holds entries the program sealed (its own payload); the
    server's entries chain after them and `audit verify` checks both kinds."""
    from db.engine import make_engine, resolve
    from db.history import Pending, append
    from db.migrate import alembic_upgrade

    _reset(pg_url)
    engine = make_engine(resolve(pg_url)[0])
    alembic_upgrade(engine, "0004")  # what the program of issue 13 made
    card = full_card(registry, "1-1", "예전 카드")
    with engine.begin() as c:  # a card and its entry as that program wrote them
        from db import rows
        from db.codec import body_text, photos_of
        from db.history import refs_of, state_text
        from desktop.core.model import utcnow

        with Store.open("sqlite://", registry=registry) as scratch:
            values = scratch._values(card)
        now = utcnow()
        ins = rows.Inserts(set())
        ins.pledge(card.pledge_id, now)
        ins.card({"id": card.id, "version": 1, "updated_at": now, "deleted_at": None, **values}, body_text(card),
                 photos_of(card))
        ins.flush(c)
        append(c, [Pending(card.id, card.pledge_id, 1, "editor", "새 카드", [],
                           state_text(body_text(card), refs_of(photos_of(card))))],
               Actor("옛 담당자", JOBS), Machine("kim-os", "PC-1"), now)
    engine.dispose()
    with Store.open(pg_url, registry=registry) as s:  # the owner opens: upgraded to 0005
        got = s.get(card.id)
        got.progress = 70
        s.save(got)
        entries = s.history(card.id)
        assert [(e.source, e.os_user) for e in entries] == [("editor", "pledge"), ("editor", "kim-os")]
        assert entries[0].prev_hash == entries[1].hash  # the server chains after the program's seal
        assert s.verify_history() is None
