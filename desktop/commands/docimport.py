"""`pledgecard import FILE.txt|FILE.hwpx|FILE.hwp [--template NAME] [--dry-run [--json]]` (SPEC §9).

The kind of a file is told by its bytes, never by its name (an HWPX saved as .hwp exists): a card
file is JSON text, a workbook is a zip holding xl/, an HWPX a zip of Hangul's, an HWP an OLE2 compound
file, anything else that decodes is text — except that a damaged file named .json (or .xlsx) is read
as what its name says, so its refusal names what is wrong with it as that kind. Documents become cards of the matching
template (desktop/core/importmap); `--dry-run` writes nothing and shows the cards and every piece that
was not placed (`--json` as JSON, else in Korean), so a document that is not a card shows all its text
and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from desktop.commands.context import Context, UserError
from desktop.core.importmap import NOTE_KEY, Piece, unsure_paths
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry

FileKind = Literal["cards", "workbook", "hwpx", "hwp", "text"]
DOCUMENT_KINDS = ("hwpx", "hwp", "text")
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
KIND_NAMES = {"cards": "카드 파일", "workbook": "통합문서", "hwpx": "한글 문서(HWPX)", "hwp": "한글 문서(HWP)",
              "text": "텍스트"}


def file_kind(path: Path) -> FileKind | None:
    """What the file is, by its bytes; None when it cannot be read as any of them."""
    from desktop.core.readers import OLE_MAGIC, ZIP_MAGIC, decode_text

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            names = []  # damaged: refused by the reader of what its name says it is
        if any(n.startswith("xl/") for n in names):
            return "workbook"
        if "mimetype" in names or any(n.startswith("Contents/") for n in names):
            return "hwpx"
        return "workbook" if path.suffix.lower() == ".xlsx" else "hwpx"
    if head.startswith(OLE_MAGIC):
        return "hwp"
    if path.suffix.lower() == ".xlsx":
        return "workbook"  # not a zip: the workbook reader says so
    text = decode_text(head) or decode_text(head[:-3]) or ""
    if text.lstrip("\ufeff \r\n\t").startswith(("{", "[")):
        return "cards"
    if path.suffix.lower() == ".json":
        return "cards"  # a damaged card file: the card-file reader says what is wrong with it, and where
    return "text" if text or not head else None


@dataclass
class Read:
    path: Path
    kind: FileKind
    cards: list[Card] = field(default_factory=list)
    unplaced: list[Piece] = field(default_factory=list)
    template: str = ""
    why_none: str = ""


def read_document_file(path: Path, registry: TemplateRegistry, template: str | None = None, org: str = "") -> Read:
    """The cards of a text, HWPX or HWP file; UserError (Korean, naming the file) when it cannot be read."""
    from desktop.core.document import DocumentError
    from desktop.core.importmap import map_document
    from desktop.core.readers import read_document
    from desktop.core.templates import TemplateError

    kind = file_kind(path)
    if kind is None:
        raise UserError(f"'{path}': 한글(HWP·HWPX) 문서나 텍스트, 카드 파일이 아니어서 읽을 수 없습니다")
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise UserError(f"'{path}': 너무 큽니다 (최대 {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"'{path}': 읽을 수 없습니다 ({exc.strerror or exc})") from None
    try:
        doc = read_document(data, path.name)
        result = map_document(doc, registry, template, org)
    except DocumentError as exc:
        raise UserError(f"'{path}': {exc}") from None
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    return Read(path, kind, result.cards, result.unplaced, result.template, result.why_none)


def read_all(paths: list[Path], ctx: Context, template: str | None) -> list[Read]:
    from desktop.commands.importing import read_file

    out: list[Read] = []
    for path in paths:
        if not path.is_file():
            raise UserError(f"'{path}': 파일이 없습니다")
        kind = file_kind(path)
        if kind is None:
            raise UserError(f"'{path}': 카드 파일, 통합문서, 한글 문서(HWP·HWPX)나 텍스트가 아니어서 읽을 수 없습니다")
        if kind in DOCUMENT_KINDS:
            out.append(read_document_file(path, ctx.registry, template))
        else:
            out.append(Read(path, kind, read_file(path, ctx)))
    return out


def has_documents(paths: list[Path]) -> bool:
    """Whether any file is a document (or nothing we know, refused here in Korean)."""
    return any(p.is_file() and file_kind(p) in (*DOCUMENT_KINDS, None) for p in paths)


def run(args: argparse.Namespace, ctx: Context, paths: list[Path]) -> int:
    reads = read_all(paths, ctx, args.template)
    if args.dry_run:
        if args.json:
            print(json.dumps(dry_run_json(reads), ensure_ascii=False, indent=1))
        else:
            for line in dry_run_lines(reads):
                print(line)
        return 0
    from desktop.commands.importing import merge_cards, print_report

    cards = [c for r in reads for c in r.cards]
    for line in unplaced_lines(reads):
        print(line, file=sys.stderr)
    if not cards:
        why = "; ".join(r.why_none for r in reads if r.why_none) or "카드가 없습니다"
        raise UserError(f"가져올 카드가 없습니다 (아무것도 바뀌지 않았습니다): {why}. "
                        "내용은 --dry-run으로 볼 수 있습니다")
    on_conflict = {"skip": "keep", "replace": "theirs"}.get(args.on_conflict, args.on_conflict)
    report = merge_cards(ctx, cards, [], on_conflict, other_office=args.other_office, source="import")
    source = f"'{paths[0]}'" if len(paths) == 1 else f"파일 {len(paths)}개"
    print_report(report, len(cards), source, on_conflict, args)
    unsure = sum(1 for c in cards if unsure_paths(c))
    if unsure:
        print(f"알림: 카드 {unsure}장에 가져오면서 확실하지 않았던 값이 있습니다 — "
              "편집기에서 노랗게 표시된 칸을 확인하세요")
    return 1 if report.open else 0


def _piece_json(p: Piece) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": {"문단": "paragraph", "표": "table", "그림": "image"}.get(p.kind, p.kind),
                           "text": p.text, "card": p.card}
    if p.cells:
        out["cells"] = p.cells
    return out


def dry_run_json(reads: list[Read]) -> dict[str, Any]:
    from desktop.core.cardfile import card_to_json

    return {"files": [{
        "file": str(r.path), "kind": r.kind, "template": r.template,
        "cards": [{**card_to_json(c), "unsure": unsure_paths(c)} for c in r.cards],
        "unplaced": [_piece_json(p) for p in r.unplaced],
        **({"message": r.why_none} if r.why_none else {}),
    } for r in reads]}


def _card_line(c: Card) -> str:
    title = f" 「{c.title}」" if c.title else ""
    unsure = unsure_paths(c)
    tail = f" — 확인할 값: {', '.join(unsure)}" if unsure else ""
    return f"  카드 {c.number or '(관리번호 없음)'}{title} ({c.template}){tail}"


def _piece_lines(p: Piece) -> list[str]:
    where = f" (카드 {p.card})" if p.card else ""
    if p.cells:
        return [f"  [표]{where}"] + ["    " + " | ".join(row) for row in p.cells]
    return [f"  [{p.kind}]{where} {p.text}"]


def dry_run_lines(reads: list[Read]) -> list[str]:
    lines: list[str] = ["미리 보기: 아무것도 쓰지 않았습니다."]
    for r in reads:
        tmpl = f", 템플릿 {r.template}" if r.template else ""
        lines.append(f"'{r.path}' ({KIND_NAMES[r.kind]}{tmpl}): 카드 {len(r.cards)}건, "
                     f"넣지 못한 부분 {len(r.unplaced)}개")
        if r.why_none:
            lines.append(f"  {r.why_none}")
        lines += [_card_line(c) for c in r.cards]
        if r.unplaced:
            lines.append("  넣지 못한 부분 (카드의 메모에 남김):" if r.cards else "  문서의 내용:")
            for p in r.unplaced:
                lines += ["  " + x for x in _piece_lines(p)]
    return lines


def unplaced_lines(reads: list[Read]) -> list[str]:
    lines: list[str] = []
    for r in reads:
        if r.unplaced:
            lines.append(f"알림: '{r.path}'에서 카드에 넣지 못한 부분 {len(r.unplaced)}개 "
                         f"(카드의 메모 '{NOTE_KEY}'에 남김):")
            for p in r.unplaced:
                lines += _piece_lines(p)
    return lines
