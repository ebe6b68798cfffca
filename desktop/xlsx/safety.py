"""What keeps a workbook safe to open and faithful to the card: text never becomes a formula,
characters XML cannot carry are escaped reversibly, sheet names are legal, and a file handed to the
importer is checked for size, shape and zip bombs before openpyxl parses it (with defusedxml).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from desktop.xlsx.errors import WorkbookError

# OOXML writes a character XML cannot hold as _xHHHH_ (ST_Xstring); a literal "_xHHHH_" in the text
# is written with its underscore escaped (_x005F_), exactly as Excel does, so the mapping is reversible.
_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")
# Characters XML 1.0 refuses, plus CR (an XML parser turns it into LF) and the noncharacters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")

FORMULA_START = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell

# Limits on what the importer opens (a submission workbook of 300 cards is about 1 MB).
MAX_FILE = 200 * 2**20
MAX_UNPACKED = 1024 * 2**20  # all parts together, uncompressed
MAX_PART = 200 * 2**20  # one part, uncompressed
MAX_RATIO = 200  # uncompressed / compressed for any part bigger than 1 MB: a zip bomb
MAX_ENTRIES = 20_000
MAX_SHEETS = 3_000
MAX_ROWS = 20_000  # rows of one sheet
MAX_COLS = 300


def escape(text: str) -> str:
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def needs_quote(text: str) -> bool:
    """Whether a text cell gets Excel's quote prefix: text Excel would run as a formula (=, +, -, @
    first) — written as text all the same, never as a formula — and the empty string, which the
    prefix tells apart from an empty cell on the way back."""
    return not text or text.startswith(FORMULA_START)


# ---------------------------------------------------------------- sheet names

_BAD_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
RESERVED_TITLES = {"history"}


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _clip(s: str, limit: int) -> str:
    while _utf16_len(s) > limit:
        s = s[:-1]
    return s


def sheet_title(number: str, used: set[str]) -> str:
    """A legal, unique sheet name from a 관리번호: at most 31 characters, no []:*?/\\, not blank."""
    base = _BAD_TITLE.sub("_", number).strip().strip("'").strip()
    base = _clip(base, 31) or "카드"
    title = base
    n = 2
    while title.lower() in used or title.lower() in RESERVED_TITLES:
        suffix = f"({n})"
        title = _clip(base, 31 - len(suffix)) + suffix
        n += 1
    used.add(title.lower())
    return title


def quote_sheet(title: str) -> str:
    """A sheet name as a formula writes it: 'name' with inner quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def formula_string(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + escape(text).replace('"', '""') + '"'


# ---------------------------------------------------------------- the file before it is parsed

def check_package(path: Path) -> None:
    """Refuse, before parsing, what is not a workbook or could exhaust memory."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise WorkbookError(f"'{name}': 읽을 수 없습니다 ({exc.strerror or exc})") from None
    if size > MAX_FILE:
        raise WorkbookError(f"'{name}': 파일이 너무 큽니다 ({size / 2**20:,.0f} MB, 최대 {MAX_FILE // 2**20} MB)")
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as exc:
        raise WorkbookError(f"'{name}': 읽을 수 없습니다 ({exc.strerror or exc})") from None
    if head[:4] == b"\xd0\xcf\x11\xe0":
        raise WorkbookError(f"'{name}': 예전 엑셀 형식(.xls)이거나 암호가 걸린 통합문서입니다. "
                            "엑셀에서 암호 없이 .xlsx로 저장한 뒤 가져오십시오")
    if head[:2] != b"PK":
        raise WorkbookError(f"'{name}': 엑셀 통합문서(.xlsx)가 아닙니다")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise WorkbookError(f"'{name}': 손상된 통합문서입니다 (zip을 열 수 없음: {exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise WorkbookError(f"'{name}': 통합문서의 구성 요소가 너무 많습니다 ({len(infos):,}개)")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookError(f"'{name}': 엑셀 통합문서(.xlsx)가 아닙니다 (통합문서 구성 요소가 없습니다)")
    total = 0
    for i in infos:
        total += i.file_size
        big = i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
        if i.file_size > MAX_PART or big:
            raise WorkbookError(f"'{name}': 통합문서의 '{i.filename}' 부분이 비정상적으로 큽니다 "
                                f"({i.file_size / 2**20:,.0f} MB로 풀림) — 열지 않았습니다")
    if total > MAX_UNPACKED:
        raise WorkbookError(f"'{name}': 통합문서가 풀면 너무 큽니다 ({total / 2**20:,.0f} MB)")
    sheets = sum(1 for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if sheets > MAX_SHEETS:
        raise WorkbookError(f"'{name}': 시트가 너무 많습니다 ({sheets:,}개, 최대 {MAX_SHEETS:,}개)")
