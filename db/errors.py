"""Storage errors. str(err) is Korean and says what and where; the user sees it as is."""

from __future__ import annotations


class StoreError(Exception):
    """A refusal or failure of the store, with a Korean message (never a traceback for the user)."""


class ConflictError(StoreError):
    """The stored version differs from the card's: someone else saved it since it was opened."""


def unreadable(describe: str) -> str:
    return f"데이터베이스 파일을 열 수 없습니다: '{describe}' (손상되었거나 공약카드 데이터베이스가 아닙니다)"
