"""공개용 내보내기: `pledgecard site` writes static pages whose numbers are summary --json's, that read on
a phone, load nothing and run nothing — even when card text is hostile."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.core.model import Item
from desktop.core.overview import compute_overview
from desktop.core.overview_text import money
from desktop.publish.site import write_site
from tests.cli.helpers import run_cli
from tests.cli.test_summary import office_db, summary_json
from tests.overview_office import office, registry

__all__ = ["office_db"]


class Inspect(HTMLParser):
    """Every element and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def inspect(path: Path) -> Inspect:
    p = Inspect()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def assert_inert(path: Path) -> Inspect:
    p = inspect(path)
    for tag, attrs in p.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "base", "form", "img"), (path, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (path, tag, name)
            if name in ("href", "src", "xlink:href", "action"):
                assert value is not None and not re.match(r"\s*[a-z][a-z0-9+.-]*:", value, re.I), (path, value)
    return p


def flat(p: Inspect) -> str:
    return re.sub(r"\s+", " ", " ".join(p.text))


def test_site_pages_hold_the_summary_numbers(capsys: pytest.CaptureFixture[str], office_db: tuple[Path, Path],
                                            tmp_path: Path) -> None:
    db, templates = office_db
    doc = summary_json(capsys, db, templates)
    out = tmp_path / "공개"
    r = run_cli(capsys, "--db", db, "--templates", templates, "site", "--out", out)
    assert r.code == 0, r.err
    index = out / "index.html"
    html = index.read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "default-src 'none'" in html and "http://" not in html.replace("http://www.w3.org/", "")
    text = flat(assert_inert(index))
    assert "2025. 9. 30. 기준일 현재" in text and "시험구" in text
    counts = " ".join(str(s["count"]) if s["count"] else "-" for s in doc["statuses"])
    assert f"공약 수 {doc['cards']['count']} {counts}" in text
    for cross in (doc["by_area"], doc["by_dept"]):
        for row in cross["rows"]:
            cells = " ".join(str(row["statuses"][s]["count"]) if row["statuses"][s]["count"] else "-"
                             for s in cross["statuses"])
            assert f"{row['key']} {row['total']['count']} {cells}" in text
    scopes = ["needed", "secured", "needed_in_term", "secured_in_term", "spent"]
    for src in doc["finance"]["sources"]:
        assert f"{src['meaning']} " + " ".join(money(Decimal(src[s]["amount"])) for s in scopes) in text
    for rate in doc["rates"]:
        assert f"{rate['name']} {rate['percent']}%" in text and rate["definition"] in text
    links = [a["href"] for tag, a in inspect(index).tags if tag == "a"]
    assert len(links) == doc["cards"]["count"]
    for card, link in zip(doc["card_list"], sorted(links), strict=True):
        assert link is not None
        page = out / link
        ptext = flat(assert_inert(page))
        assert card["title"] in ptext and "기준일 현재" in ptext
        assert '<a href="../index.html">' in page.read_text(encoding="utf-8")
    # again into the same folder: replaced; a folder of other files is refused
    assert run_cli(capsys, "--db", db, "--templates", templates, "site", "--out", out).code == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "mine.txt").write_text("x")
    r = run_cli(capsys, "--db", db, "--templates", templates, "site", "--out", other)
    assert r.code == 2 and "비어 있지 않은 폴더" in r.err and (other / "mine.txt").exists()


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "<a href=\"javascript:alert(1)\">누르세요</a>",
    "' onmouseover='alert(1)",
    "<svg onload=alert(1)></svg>",
    "</style><script>x()</script>",
]


def test_hostile_card_text_stays_text(tmp_path: Path) -> None:
    now, _ = office()
    for i, card in enumerate(now):
        bad = HOSTILE[i % len(HOSTILE)]
        card.title = bad
        card.status = card.status and HOSTILE[(i + 1) % len(HOSTILE)]
        card.dept = HOSTILE[(i + 2) % len(HOSTILE)]
        card.area = HOSTILE[(i + 3) % len(HOSTILE)]
        card.org = HOSTILE[(i + 4) % len(HOSTILE)]
        card.goals = [Item(text=bad, date=HOSTILE[(i + 5) % len(HOSTILE)])]
        table = card.block("invest").table  # type: ignore[union-attr]
        if table is not None:
            table.corner = bad
            table.rows[-1].label = bad
    reg = registry()
    ov = compute_overview(now, reg, issues={})
    out = tmp_path / "site"
    write_site(out, ov, now, reg)
    pages = [out / "index.html", *sorted((out / "cards").glob("*.html"))]
    assert len(pages) == 11
    seen: set[str] = set()
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert "<script" not in raw.lower() and "<img" not in raw and "<a href=\"javascript" not in raw
        text = flat(assert_inert(page))
        seen |= {h for h in HOSTILE if re.sub(r"\s+", " ", h) in text}
    assert seen == set(HOSTILE)  # every hostile string shown to the reader, as text


def test_card_pages_show_the_card_as_printed(tmp_path: Path) -> None:
    from desktop.core.cardfile import read_cards
    from desktop.core.templates import TemplateRegistry
    from tests.conftest import SAMPLES

    reg = TemplateRegistry.load()
    cards = [c for p in sorted(SAMPLES.glob("*.json")) for c in read_cards(p, reg)]
    write_site(tmp_path / "site", compute_overview(cards, reg, issues={}), cards, reg)
    guro = (tmp_path / "site" / "cards" / "0003.html").read_text(encoding="utf-8")
    assert "<h3>총사업비</h3><p>26,670백만원</p>" in guro  # a field shown in the body
    assert '<th rowspan="4">예산구분</th><th>국비</th>' in guro  # the source rows' group merged
    assert '<th colspan="2">총 계</th>' in guro
    assert '<th colspan="2">합계</th>' in guro  # column groups over 업체수 | 금액
    assert "<th></th>" not in guro  # the company list (연 번 is data) has no empty label column
    std = flat(assert_inert(tmp_path / "site" / "cards" / "0002.html"))
    assert "750백만원(국700 구50)" in std and "2025. 9. 30. 기준일 현재" in std
