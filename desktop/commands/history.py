"""`pledgecard history 관리번호 [--json]` and `pledgecard audit verify` (SPEC §6.2, docs/history.md).

history: the audit trail of every pledge whose card has that 관리번호 (all periods, 휴지통 too),
newest first, one entry a line, tab-separated: when (local time), who, 부서, through what (Korean),
summary; --json gives the whole entries (format "pledgecard-history", docs/history.md).
audit verify: checks the hash chain of the history; exit 0 intact, 1 with the first broken entry
named, 2 when the database cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from desktop.commands.context import Context, UserError

if TYPE_CHECKING:
    from desktop.core.audit import Entry

HISTORY_FORMAT = "pledgecard-history"
HISTORY_VERSION = 1


def _cell(text: str) -> str:
    return " ".join(text.split()) or "-"


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "seq": e.seq, "card_id": e.card_id, "pledge_id": e.pledge_id, "revision": e.revision,
        "at": e.at.isoformat(), "who": e.who, "dept": e.dept, "os_user": e.os_user, "host": e.host,
        "source": e.source, "source_name": e.source_name, "summary": e.summary, "changes": list(e.changes),
    }


class _History:
    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        p.add_argument("number", metavar="관리번호", help="기록을 볼 카드의 관리번호 (모든 기준일)")
        p.add_argument("--json", action="store_true", help="기록 전체를 JSON으로 (형식: docs/history.md)")

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        from db.util import local

        store = ctx.store
        if not any(s.number.strip() == args.number.strip()
                   for s in store.summaries() + store.summaries(deleted=True)):
            raise UserError(f"관리번호 '{args.number}'인 카드가 없습니다")
        entries = store.history_of_number(args.number)
        if args.json:
            doc = {"format": HISTORY_FORMAT, "version": HISTORY_VERSION, "number": args.number.strip(),
                   "entries": [entry_json(e) for e in entries]}
            json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            sys.stdout.write("".join(
                "\t".join((local(e.at), _cell(e.who), _cell(e.dept), e.source_name, _cell(e.summary))) + "\n"
                for e in entries))
            if not entries:
                print(f"관리번호 '{args.number}' 카드에는 아직 기록이 없습니다", file=sys.stderr)
        sys.stdout.flush()
        return 0


class _Audit:
    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
        sub.required = True
        sub.add_parser("verify", help="기록(감사 추적)의 해시 사슬 검사: 0 온전함, 1 어긋난 기록이 있음")

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        store = ctx.store
        broken = store.verify_history()
        seq, _ = store.history_head()
        if broken is None:
            print(f"기록 {seq}건이 모두 온전합니다 ('{store.describe}')")
            return 0
        print(f"기록이 어긋났습니다: {broken.seq}번 기록 — {broken.reason}. 데이터베이스 파일이 프로그램 밖에서 "
              f"고쳐졌을 수 있습니다 ('{store.describe}').", file=sys.stderr)
        return 1


HISTORY = _History()
AUDIT = _Audit()
