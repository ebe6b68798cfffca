"""`pledgecard templates`: the templates found, where each came from, and broken template files.

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
    del p


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
    del args
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
