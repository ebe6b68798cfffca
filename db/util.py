"""Small helpers of the store: ordering, names in messages, error translation, column copies."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from db.errors import (
    ConnectionLostError,
    StoreError,
    disk_full,
    driver_reason,
    is_connection_lost,
    is_disk_full,
    server_code,
    server_reason,
)
from desktop.core.model import Card

CHUNK = 500  # ids per IN (...) list, well under every database's parameter limit


def label(card: Card) -> str:
    return card.number.strip() or card.id


def name(number: str, title: str) -> str:
    return " ".join(s for s in (number.strip(), f"'{title.strip()}'" if title.strip() else "") if s) or "(제목 없음)"


def chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def new_file(path: Path) -> bool:
    """Whether the SQLite file is new (absent or empty); refuses what cannot be a usable database file."""
    why = ""
    if not path.parent.is_dir():
        why = "폴더가 없습니다"
    elif path.is_dir():
        why = "폴더입니다"
    elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
        why = "읽기 전용이거나 권한이 없습니다"
    if why:
        raise StoreError(f"데이터베이스 파일을 열 수 없습니다: '{path}' ({why})")
    return not path.exists() or path.stat().st_size == 0


@contextmanager
def errors(message: str, where: str = "") -> Iterator[None]:
    """Database failures become a Korean StoreError: a full disk says so (`where`: the database), a
    PostgreSQL error says what the server refused and its code, else the driver's text is the reason."""
    try:
        yield
    except StoreError:
        raise
    except (DBAPIError, OSError) as exc:
        if is_disk_full(exc):
            raise StoreError(disk_full(where or message)) from exc
        if isinstance(exc, OSError):
            raise StoreError(f"{message} ({exc.strerror or exc})") from exc
        kind = ConnectionLostError if is_connection_lost(exc) else StoreError
        code = server_code(exc.orig)
        if code is not None:
            raise kind(f"{message} ({server_reason(code)})") from exc
        said = driver_reason(exc.orig)
        if said is not None:
            raise kind(f"{message} ({said})") from exc
        reason = str(exc.orig).strip() if exc.orig is not None else type(exc).__name__
        if "locked" in reason or "busy" in reason:
            raise StoreError("데이터베이스를 다른 프로그램이 쓰고 있습니다. 잠시 뒤 다시 하세요.") from exc
        raise StoreError(f"{message} ({reason})") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{message} ({exc})") from exc


def col(text: str, limit: int = 0) -> str:
    """A list column's copy of a card text. The body keeps the exact text; the copy fits every database:
    PostgreSQL text cannot hold NUL and enforces VARCHAR lengths."""
    text = text.replace("\x00", "")
    return text[:limit] if limit else text


def local(ts: datetime) -> str:
    return ts.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def refuse_repeated_ids(cards: Iterable[Card]) -> None:
    """An import holding one card id twice is refused whole (which of the two would win is unknowable)."""
    seen: set[str] = set()
    for c in cards:
        if c.id in seen:
            raise StoreError(f"가져올 카드 가운데 같은 id가 두 번 있습니다: {name(c.number, c.title)}")
        seen.add(c.id)
