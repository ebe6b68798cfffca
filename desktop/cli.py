"""pledgecard: the command line over the core, and the entry point of the application.

`pledgecard [--db PATH|URL] [--templates DIR] COMMAND …`; with no command it starts the editor.
Each command lives in desktop/commands/<module>.py with add_arguments(parser) and run(args, ctx) (or
in an object of that module holding both, named after a colon: "module:NAME"); heavy libraries are
imported inside run() so that `list` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from typing import Any

from db.errors import StoreError
from desktop.commands.context import Context, UserError

# command name → (module, one-line Korean help)
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("desktop.commands.listing", "카드 목록 (관리번호 순, 탭 구분)"),
    "import": ("desktop.commands.importing", "카드 파일·통합문서·한글 문서(HWPX/HWP)·텍스트 가져오기"),
    "export": ("desktop.commands.exporting", "카드를 카드 파일(.json)로 내보내기"),
    "templates": ("desktop.commands.templates", "찾은 템플릿과 위치"),
    "check": ("desktop.commands.check", "표 계산과 교차 항목 검사"),
    "diff": ("desktop.commands.diffing", "두 기준일 사이에 바뀐 것 (카드별·기관 전체)"),
    "pdf": ("desktop.commands.pdf", "A4 PDF 인쇄 (여러 장이면 책자)"),
    "xlsx": ("desktop.commands.xlsx", "제출용 엑셀 통합문서 내보내기"),
    "backup": ("desktop.commands.backups:BACKUP", "지금 데이터베이스 백업 만들기 (만든 파일 경로를 알려 줌)"),
    "backups": ("desktop.commands.backups:BACKUPS", "이 데이터베이스의 백업 목록 (최근 것부터, 탭 구분)"),
    "restore": ("desktop.commands.backups:RESTORE", "백업으로 되돌리기 (지금 상태는 먼저 따로 백업)"),
    "period": ("desktop.commands.periods:PERIOD", "보고 기간: new DATE, list, reopen DATE --reason, close DATE"),
    "history": ("desktop.commands.history:HISTORY", "카드의 변경 기록 (최근 것부터: 언제, 누가, 부서, 경로, 요약)"),
    "audit": ("desktop.commands.history:AUDIT", "audit verify: 변경 기록의 해시 사슬 검사 (0 온전함, 1 어긋남)"),
    "adjust": ("desktop.commands.adjusting:ADJUST", "공약 조정 기록: 제목·목표·사업내용 변경, 폐기"),
    "changes": ("desktop.commands.adjusting:CHANGES", "공약 변경 현황 (공약 조정 목록; --pdf, --xlsx)"),
    "handout": ("desktop.commands.round:HANDOUT", "부서별로 나눠 보내기: 주관부서마다 카드 파일과 통합문서"),
    "collect": ("desktop.commands.round:COLLECT", "돌려받은 파일 모으기: 병합해 가져오고 부서별로 알림"),
    "officer": ("desktop.commands.officer", "담당자 이름과 부서 보기·정하기 (변경 기록에 남음)"),
    "gui": ("desktop.commands.gui", "편집기 창 열기"),
    "summary": ("desktop.commands.summary", "기관 전체 이행 현황: 추진상황·분야·부서·진도·재정과 비율 (--json)"),
    "report": ("desktop.commands.report", "이행 현황 보고서 A4 PDF (표지, 요약표, 그래프, 공약 목록)"),
    "site": ("desktop.commands.site", "공개용 내보내기: 정적 HTML 폴더 (요약, 그래프, 공약별 쪽)"),
    "admin": ("desktop.commands.admin:ADMIN",
              "공유 데이터베이스 관리 (소유자 로그인): init, user add|remove|list, dept rename"),
}


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets the options stand before or after the command without the later default
    # overwriting an earlier value.
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH|URL",
                   help="데이터베이스 파일 경로나 SQLAlchemy URL (기본: 사용자 데이터 폴더)")
    p.add_argument("--templates", action="append", default=argparse.SUPPRESS, metavar="DIR",
                   help="템플릿을 더 찾을 폴더 (여러 번 쓸 수 있음)")
    p.add_argument("--verbose", "-v", action="store_true", default=argparse.SUPPRESS,
                   help="카드 목록을 줄이지 않고 모두 보이기 (기본: 처음 몇 건과 건수)")
    return p


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 명령을 이해할 수 없습니다: {message}", file=sys.stderr)
        sys.exit(2)


def _command(spec: str) -> Any:
    """The module, or the object after its colon, that holds add_arguments and run."""
    module, _, attr = spec.partition(":")
    mod = importlib.import_module(module)
    return getattr(mod, attr) if attr else mod


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(prog="pledgecard", description="공약카드 — 공약사항 관리카드", parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_text) in COMMANDS.items():
        if importlib.util.find_spec(module.partition(":")[0]) is None:
            continue
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        _command(module).add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(db=getattr(args, "db", None), template_dirs=getattr(args, "templates", None) or [])
    module = getattr(args, "_module", None)
    if module is None:
        if importlib.util.find_spec(COMMANDS["gui"][0]) is None:
            parser.print_help()
            return 0
        module = COMMANDS["gui"][0]
        args = parser.parse_args(["gui", *(argv if argv is not None else sys.argv[1:])])
    try:
        return int(_command(module).run(args, ctx))
    except UserError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return exc.code
    except StoreError as exc:  # a database failure after it opened: said in Korean, never a traceback
        print(f"오류: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("중단했습니다.", file=sys.stderr)
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
