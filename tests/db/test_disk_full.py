"""A full disk is said to be a full disk (not a damaged database), and nothing already saved is lost.

The database sits on a real 2 MB tmpfs filled to the last byte (mounting needs root, as in CI's
container); without root, SQLite's own limit on the file's pages raises the same SQLITE_FULL error.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from db.store import Store, StoreError
from desktop.core.templates import TemplateRegistry
from tests.cli.helpers import run_cli
from tests.db.conftest import full_card

Fill = Callable[[Store], None]


def _fill_disk(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as f:
        while True:
            f.write(b"\0" * 65536)
            f.flush()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, Fill]]:
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
    if mounted:
        def fill(store: Store) -> None:
            del store
            _fill_disk(folder)
    else:
        def fill(store: Store) -> None:
            def limit(dbapi: object, record: object) -> None:
                cur = dbapi.cursor()  # type: ignore[attr-defined]
                pages = cur.execute("PRAGMA page_count").fetchone()[0]
                cur.execute(f"PRAGMA max_page_count = {pages + 1}")
                cur.close()
            store._engine.dispose()
            event.listen(store._engine, "connect", limit)
    try:
        yield folder, fill
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _need_a_real_small_disk(folder: Path) -> None:
    if not os.path.ismount(folder):
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs as root and must mount the small tmpfs")
        pytest.skip("mounting a small tmpfs needs root")


def _big_card(registry: TemplateRegistry, n: int) -> object:
    card = full_card(registry, f"9-{n}", "큰 카드")
    overview = card.block("overview")
    assert overview is not None
    overview.text = "가" * 200_000
    return card


def test_a_full_disk_is_said_to_be_full_and_saved_cards_survive(
        small_disk: tuple[Path, Fill], registry: TemplateRegistry) -> None:
    folder, fill = small_disk
    db = folder / "pledgecard.sqlite3"
    with Store.open(db, registry=registry) as s:
        kept = s.add(full_card(registry, "1-1", "먼저 저장된 카드"))
        fill(s)
        with pytest.raises(StoreError) as err:
            for n in range(20):
                s.add(_big_card(registry, n))  # type: ignore[arg-type]
        msg = str(err.value)
        assert "디스크가 가득" in msg and str(db) in msg and "손상되지 않았" in msg
        assert "손상되었거나" not in msg and "disk is full" not in msg
        assert s.get(kept.id) == kept
        edited = s.get(kept.id)
        edited.title = "고친 제목 " + "나" * 300_000
        with pytest.raises(StoreError, match="디스크가 가득"):
            s.save(edited)
        assert s.get(kept.id) == kept
    (folder / "filler").unlink(missing_ok=True)
    with Store.open(db, registry=registry) as s:  # space freed: all there, usable again
        assert [x.number for x in s.summaries()] == ["1-1"]
        s.add(full_card(registry, "1-2"))


def test_a_new_database_on_a_full_disk_is_not_called_damaged(
        small_disk: tuple[Path, Fill], capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = small_disk
    _need_a_real_small_disk(folder)
    _fill_disk(folder)
    r = run_cli(capsys, "--db", folder / "new.sqlite3", "list")
    assert r.code == 2 and "디스크가 가득" in r.err and "손상되었거나" not in r.err


def test_a_backup_onto_a_full_disk_says_so(small_disk: tuple[Path, Fill], tmp_path: Path,
                                           registry: TemplateRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = small_disk
    _need_a_real_small_disk(folder)
    monkeypatch.setenv("PLEDGECARD_HOME", str(folder))  # the backups folder on the small disk
    with Store.open(tmp_path / "cards.sqlite3", registry=registry) as s:
        for n in range(12):
            s.add(_big_card(registry, n))  # type: ignore[arg-type]
        _fill_disk(folder)
        with pytest.raises(StoreError, match="디스크가 가득"):
            s.backup()
        assert not [p for p in (folder / "backups").iterdir() if p.name.endswith(".tmp")]
