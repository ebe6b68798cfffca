"""`pledgecard --db URL admin …`: the administrator's commands for a shared PostgreSQL database
(docs/server.md), run with the database owner's login.

  admin init                                   schema (migrations), roles, grants, row-level security
  admin user add NAME --dept 부서 [--planning] [--password-stdin]   an officer's login (password asked
                                               twice without echo, or one line from standard input)
  admin user remove NAME
  admin user list                              login, 부서, 역할(부서|기획), tab-separated
  admin dept rename OLD NEW                    the cards' 주관부서 and the logins of OLD

Exit 0 done, 2 refused (nothing changed), with the reason in Korean.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands.context import Context, UserError


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            raise UserError("표준 입력에서 비밀번호를 읽지 못했습니다 (한 줄로 주세요)")
        return password
    import getpass

    try:
        first = getpass.getpass("새 비밀번호: ")
        again = getpass.getpass("한 번 더: ")
    except EOFError:
        raise UserError("비밀번호를 읽지 못했습니다 (--password-stdin으로 줄 수 있습니다)") from None
    if first != again:
        raise UserError("두 번 적은 비밀번호가 다릅니다 (아무것도 바뀌지 않았습니다)")
    if not first:
        raise UserError("비밀번호가 비어 있습니다")
    return first


class _Admin:
    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        sub = p.add_subparsers(dest="what", metavar="WHAT", parser_class=type(p))
        sub.required = True
        sub.add_parser("init", help="데이터베이스 준비: 스키마, 역할, 권한, 행 단위 보안 (여러 번 해도 같음)")
        user = sub.add_parser("user", help="담당자 로그인: add, remove, list")
        us = user.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
        us.required = True
        add = us.add_parser("add", help="담당자 로그인 만들기 (있으면 비밀번호·부서·역할을 바꿈)")
        add.add_argument("name", metavar="NAME", help="로그인 이름")
        add.add_argument("--dept", required=True, help="부서 (카드의 주관부서와 같은 이름)")
        add.add_argument("--planning", action="store_true", help="기획 부서: 모든 카드를 고칠 수 있음")
        add.add_argument("--password-stdin", action="store_true", help="비밀번호를 표준 입력 한 줄에서 읽기")
        remove = us.add_parser("remove", help="담당자 로그인 지우기 (변경 기록은 남음)")
        remove.add_argument("name", metavar="NAME")
        us.add_parser("list", help="로그인, 부서, 역할 (탭 구분)")
        dept = sub.add_parser("dept", help="부서: rename OLD NEW")
        ds = dept.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
        ds.required = True
        rename = ds.add_parser("rename", help="부서 이름 바꾸기: 카드의 주관부서와 그 부서의 로그인")
        rename.add_argument("old", metavar="OLD")
        rename.add_argument("new", metavar="NEW")

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        from db import admin
        from db.store import StoreError

        if args.what != "dept" and not str(ctx.db or "").startswith("postgresql"):
            raise UserError("이 명령은 PostgreSQL 공유 데이터베이스에서만 씁니다: "
                            "--db postgresql://소유자@서버/데이터베이스 (SQLite 파일에는 로그인과 권한이 없습니다)")
        password = None
        if args.what == "user" and args.action == "add":
            password = _read_password(args.password_stdin)  # before connecting: nothing half-done
        store = ctx.store
        try:
            if args.what == "init":
                officer, planning = admin.init(store)
                print(f"데이터베이스를 준비했습니다: {store.describe} (담당자 역할 {officer}, 기획 역할 {planning}, "
                      "행 단위 보안 켜짐)")
            elif args.what == "user" and args.action == "add":
                assert password is not None
                login = admin.add_user(store, args.name, args.dept, password, planning=args.planning)
                print(f"로그인 '{login.login}'을(를) 만들었습니다: 부서 {login.dept}, 역할 {login.role}")
            elif args.what == "user" and args.action == "remove":
                if not admin.remove_user(store, args.name):
                    raise UserError(f"로그인 '{args.name}'이(가) 없습니다 (목록: pledgecard admin user list)")
                print(f"로그인 '{args.name}'을(를) 지웠습니다 (그 로그인의 변경 기록은 남습니다)")
            elif args.what == "user":
                sys.stdout.write("".join(f"{u.login}\t{u.dept}\t{u.role}\n" for u in admin.list_users(store)))
                sys.stdout.flush()
            else:
                done = admin.rename_dept(store, args.old, args.new)
                tail = f"; 닫힌 기간의 카드 {done.closed}장은 그대로 두었습니다" if done.closed else ""
                print(f"부서 '{args.old}'을(를) '{args.new}'(으)로 바꿨습니다: 카드 {done.cards}장, "
                      f"로그인 {done.logins}개{tail}")
        except StoreError as exc:
            raise UserError(f"{exc} (아무것도 바뀌지 않았습니다)") from None
        return 0


ADMIN = _Admin()
