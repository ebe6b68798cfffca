"""`pledgecard officer [--name 이름] [--dept 부서]`: the officer's 이름 and 부서 in the settings (the
window's settings file), recorded as "who" in every history entry. Without options: prints them,
tab-separated ("-" when not set)."""

from __future__ import annotations

import argparse

from desktop.commands.context import Context, UserError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", help="담당자 이름")
    p.add_argument("--dept", help="담당자 부서")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.core.officer import Officer, OfficerError, read_officer, write_officer

    del ctx
    now = read_officer()
    if args.name is None and args.dept is None:
        print(f"{now.name or '-'}\t{now.dept or '-'}")
        return 0
    try:
        new = write_officer(Officer(now.name if args.name is None else args.name,
                                    now.dept if args.dept is None else args.dept))
    except OfficerError as exc:
        raise UserError(str(exc)) from None
    print(f"담당자: {new.name or '(이름 없음)'}, 부서: {new.dept or '(부서 없음)'}")
    return 0
