"""`pledgecard gui`: the editor window (also what plain `pledgecard` starts)."""

from __future__ import annotations

import argparse

from desktop.commands.context import Context


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--open", metavar="관리번호", help="이 관리번호의 카드를 열어 둡니다 (기준일이 가장 늦은 것)")
    p.add_argument("--screenshot", metavar="FILE",
                   help="창을 1280×800으로 그려 PNG로 저장하고 끝냅니다 (문서와 점검용, 화면 없이도 됨)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.ui.app import run_gui

    return run_gui(args, ctx)
