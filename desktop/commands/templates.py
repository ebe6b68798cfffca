"""`pledgecard templates`: the templates found, where each came from, and broken template files.
`pledgecard templates check FILE…`: every problem of a template file, each with its place (exit 0/2).

One template a line, tab-separated: 이름, 이름표, 위치 (내장 / 사용자 폴더 / --templates 폴더 / 환경 변수).
A broken template file is reported on stderr with its Korean error and makes the exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.commands.context import Context
from desktop.core.templates import Template


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=["check"], help="check FILE…: 템플릿 파일의 문제를 모두, 위치와 함께")
    p.add_argument("files", nargs="*", metavar="FILE", help="검사할 템플릿 파일 (.json)")


def check_files(files: list[str]) -> int:
    """`templates check FILE…`: every problem of each file with its place; exit 2 when any, else 0."""
    from desktop.core.templatelint import check_template_file

    if not files:
        print("오류: 검사할 템플릿 파일을 주세요 (pledgecard templates check 파일.json)", file=sys.stderr)
        return 2
    bad = 0
    for name in files:
        problems = check_template_file(Path(name))
        if problems:
            bad += 1
            for p in problems:
                print(f"{name}: {p}")
        else:
            print(f"{name}: 문제 없음")
    if bad:
        print(f"템플릿 파일 {len(files)}개 중 {bad}개에 문제가 있습니다", file=sys.stderr)
    return 2 if bad else 0


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def where(t: Template, ctx: Context) -> str:
    if t.builtin:
        return "내장"
    from desktop.core.paths import user_templates_dir

    folder = Path(t.path).parent
    if _same(folder, user_templates_dir()):
        return f"사용자 폴더 ({t.path})"
    if any(_same(folder, d) for d in ctx.template_dirs):
        return f"--templates ({t.path})"
    env = os.environ.get("PLEDGECARD_TEMPLATES", "")
    if any(p and _same(folder, Path(p)) for p in env.split(os.pathsep)):
        return f"PLEDGECARD_TEMPLATES ({t.path})"
    return t.path


def run(args: argparse.Namespace, ctx: Context) -> int:
    if getattr(args, "action", None) == "check":
        return check_files(list(args.files))
    if getattr(args, "files", None):
        print("오류: 파일을 검사하려면 'pledgecard templates check 파일'로 쓰세요", file=sys.stderr)
        return 2
    reg = ctx.registry
    for name in reg.names():
        t = reg.templates[name]
        print(f"{t.name}\t{t.label}\t{where(t, ctx)}")
    for err in reg.errors:
        print(f"오류: {err}", file=sys.stderr)
    if reg.errors:
        print(f"템플릿 파일 {len(reg.errors)}개를 읽지 못했습니다 (위 오류를 고치면 쓸 수 있습니다)", file=sys.stderr)
        return 2
    return 0
