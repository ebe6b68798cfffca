"""Shared helpers of the workbook tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from desktop.core.cardfile import card_to_json, read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook, read_workbook
from tests.conftest import SAMPLES
from tests.foreign import TINY_PNG


def as_json(cards: list[Card]) -> list[str]:
    return [json.dumps(card_to_json(c), ensure_ascii=False, sort_keys=True) for c in cards]


def by_id(cards: list[Card]) -> list[Card]:
    return sorted(cards, key=lambda c: c.id)


def workbook_ready(card: Card) -> Card:
    """The card as a workbook carries it: a photo is a real picture (PNG here) whose type the
    picture itself tells; bytes that are no picture cannot go into a workbook (export refuses)."""
    c = copy.deepcopy(card)
    for b in c.blocks:
        for p in b.photos:
            if p.image is not None:
                p.image = TINY_PNG
            p.mime = "image/png" if p.image is not None else ""
    return c


def round_trip(cards: list[Card], registry: TemplateRegistry, path: Path) -> list[Card]:
    export_workbook(cards, registry, path)
    return read_workbook(path, registry)


def samples(registry: TemplateRegistry) -> list[Card]:
    return [c for p in sorted(SAMPLES.glob("*.json")) for c in read_cards(p, registry)]


def check_package(path: Path) -> None:
    """What Excel is strict about: in every sheet, rows ascending, cells ascending within a row with
    no cell twice, and merged ranges that do not overlap."""
    import re
    import zipfile

    from desktop.xlsx.sheetxml import split_ref

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.startswith("xl/worksheets/sheet") and name.endswith(".xml")):
                continue
            xml = z.read(name).decode("utf-8")
            last_row = 0
            for m in re.finditer(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml, re.S):
                r = int(m.group(1))
                assert r > last_row, (name, r)
                last_row = r
                cols = [split_ref(ref) for ref in re.findall(r'<c r="([A-Z]+\d+)"', m.group(2))]
                assert all(p is not None and p[0] == r for p in cols), (name, r)
                cs = [p[1] for p in cols if p is not None]
                assert cs == sorted(set(cs)), (name, r, cs)
            taken: dict[tuple[int, int], str] = {}
            for ref in re.findall(r'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/>', xml):
                a, b = (split_ref(x) for x in ref.split(":"))
                assert a is not None and b is not None
                for rr in range(a[0], b[0] + 1):
                    for cc in range(a[1], b[1] + 1):
                        assert (rr, cc) not in taken, (name, ref, taken.get((rr, cc)))
                        taken[(rr, cc)] = ref


FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias binding="same"><family>맑은 고딕</family><prefer><family>NanumGothic</family></prefer></alias>
  <alias binding="same"><family>Malgun Gothic</family><prefer><family>NanumGothic</family></prefer></alias>
</fontconfig>
"""


def print_workbook(xlsx: Path, out_dir: Path) -> Path:
    return print_workbooks([xlsx], out_dir)[0]


def print_workbooks(books: list[Path], out_dir: Path) -> list[Path]:
    """The workbooks printed to PDF by LibreOffice (in one run), as an office PC prints them: the
    sheets' 맑은 고딕 is found (Nanum Gothic from resources/fonts stands in — this machine has no Korean
    font), a private profile lets tests run side by side. Skipped on a laptop without LibreOffice, a
    failure under CI."""
    import os
    import subprocess

    from desktop.core.resources import resource_path
    from tests.conftest import require_tool

    soffice = require_tool("soffice")
    conf = out_dir / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=resource_path("fonts"), cache=out_dir / "fc-cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{out_dir}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, books)],
                   check=True, timeout=300 + 20 * len(books), capture_output=True, env=env)
    pdfs = [out_dir / f"{xlsx.stem}.pdf" for xlsx in books]
    assert all(pdf.is_file() for pdf in pdfs)
    return pdfs
