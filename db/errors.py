"""Storage errors. str(err) is Korean and says what and where; the user sees it as is."""

from __future__ import annotations

import errno
import re
from typing import Any


class StoreError(Exception):
    """A refusal or failure of the store, with a Korean message (never a traceback for the user)."""


class ConflictError(StoreError):
    """The stored version differs from the card's: someone else saved it since it was opened."""


class ClosedPeriodError(StoreError):
    """A write to a card of a closed reporting period (Korean: which period, how to reopen it)."""


class ConnectionLostError(StoreError):
    """The database server cannot be reached (stopped, restarting, the network gone): the work waits
    and is written when it is back (desktop/ui/connection.py), nothing is refused."""


class OtherDatabaseError(StoreError):
    """A backup of another database (or of an unknown one) was given to restore: refused unless asked for."""


def unreadable(describe: str) -> str:
    return f"데이터베이스 파일을 열 수 없습니다: '{describe}' (손상되었거나 공약카드 데이터베이스가 아닙니다)"


def disk_full(describe: str) -> str:
    return (f"디스크가 가득 차서 쓰지 못했습니다: '{describe}'. 디스크 공간을 비운 뒤 다시 하세요 "
            "(데이터베이스는 손상되지 않았고, 이미 저장된 카드는 그대로입니다).")


# PostgreSQL SQLSTATE codes (and classes, by their first two characters) in the user's words.
_SERVER_CODES = {
    "22001": "글자 수가 데이터베이스 칸의 한도를 넘었습니다",
    "22003": "숫자가 데이터베이스가 담을 수 있는 범위를 벗어났습니다",
    "22021": "데이터베이스에 저장할 수 없는 글자가 있습니다",
    "22P05": "데이터베이스에 저장할 수 없는 글자가 있습니다",
    "23505": "같은 값이 이미 있습니다",
    "25006": "읽기 전용 데이터베이스입니다",
    "28000": "이 로그인으로는 서버에 접속할 수 없습니다 (서버의 접속 허용 목록 pg_hba.conf를 확인하세요)",
    "28P01": "로그인 이름이나 비밀번호가 틀렸습니다",
    "3D000": "그런 이름의 데이터베이스가 서버에 없습니다",
    "42501": "이 사용자에게 권한이 없습니다",
    "42P01": "데이터베이스에 필요한 표가 없습니다 (공약카드 데이터베이스가 아니거나 지워졌습니다)",
    "53100": "서버의 디스크가 가득 찼습니다",
    "53200": "서버의 메모리가 부족합니다",
    "54000": "서버의 한도를 넘는 요청입니다",
    "55P03": "다른 사용자가 잠가 두었습니다. 잠시 뒤 다시 하세요",
    "57014": "서버에서 시간이 초과되어 취소되었습니다",
    "57P01": "서버가 중지되어 연결이 끊어졌습니다",
    "57P03": "서버가 아직 시작하는 중입니다. 잠시 뒤 다시 하세요",
}
_SERVER_CLASSES = {
    "08": "서버와의 연결이 끊어졌습니다",
    "22": "값이 데이터베이스가 받아들이는 형식이나 범위에 맞지 않습니다",
    "23": "데이터베이스의 제약 조건에 맞지 않습니다",
    "28": "서버가 로그인을 거부했습니다",
    "40": "다른 사용자의 작업과 겹쳐 취소되었습니다. 다시 하세요",
    "42": "서버가 요청을 거부했습니다",
    "53": "서버의 자원이 부족합니다",
    "57": "서버가 중지되었거나 다시 시작하는 중입니다",
}


def server_code(orig: Any) -> str | None:
    """The SQLSTATE of a PostgreSQL error as pg8000 reports it (a dict of the server's fields)."""
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], dict):
        code = args[0].get("C")
        return str(code) if code else None
    return None


def server_reason(code: str) -> str:
    what = _SERVER_CODES.get(code) or _SERVER_CLASSES.get(code[:2]) or "서버가 요청을 처리하지 못했습니다"
    return f"{what}; 서버 오류 코드 {code}"


# Codes of a server that went away or is not there yet: the work waits for it (ConnectionLostError).
_GONE_CODES = ("57P01", "57P02", "57P03")


def driver_reason(orig: Any) -> str | None:
    """pg8000's own (English) complaint about the connection, in Korean; None when it is not one."""
    text = str(orig)
    if text.startswith("Can't create a connection to") or text == "communication error":
        where = re.search(r"host (\S+) and port (\d+)", text)
        place = f" ({where.group(1)}:{where.group(2)})" if where else ""
        return (f"서버에 연결할 수 없습니다{place}: 서버 주소와 포트가 맞는지, 서버가 켜져 있는지, "
                "네트워크가 연결되어 있는지 확인하세요")
    if "password" in text and "no password was provided" in text:
        return "서버가 비밀번호를 요구합니다. 비밀번호를 넣고 다시 연결하세요"
    if text in ("network error", "connection is closed") or "EOF" in text:
        return "서버와의 연결이 끊어졌습니다"
    return None


def is_connection_lost(exc: BaseException) -> bool:
    """Whether a DBAPI failure means the server is unreachable (as opposed to a refusal by it)."""
    if getattr(exc, "connection_invalidated", False):
        return True
    orig = getattr(exc, "orig", exc)
    code = server_code(orig)
    if code is not None:
        return code.startswith("08") or code in _GONE_CODES
    if isinstance(orig, OSError):
        return True
    reason = driver_reason(orig)
    return reason is not None and "비밀번호" not in reason


def is_disk_full(exc: BaseException | None) -> bool:
    """SQLITE_FULL, ENOSPC (a full disk or quota) or PostgreSQL's disk_full."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if server_code(exc) == "53100":
            return True
        text = str(exc).lower()
        if "database or disk is full" in text or "no space left on device" in text:
            return True
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return False
