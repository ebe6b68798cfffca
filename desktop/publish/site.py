"""공개용 내보내기 (SPEC §8): a folder of static HTML pages as offices publish on their homepage —
index.html with the summary (the overview's tables and rates with definitions, and its charts as inline
SVG: the same ReportLab drawings the report prints), and cards/NNN.html, one page per card.

No script, no network, no file outside the folder: each page carries its CSS inline and a
Content-Security-Policy that forbids scripts and remote loads, so it opens from disk and stays inert
even if a browser were to find something executable. All card text is escaped (html.escape). The
pages read on a phone (viewport, fluid layout, wide tables scroll inside their box).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from desktop.core.dates import fmt_date
from desktop.core.model import Card
from desktop.core.overview import SCOPE_NAMES, Cross, Overview
from desktop.core.overview_text import (
    SHOWN_SCOPES,
    as_of,
    counts_text,
    left_out_text,
    money,
    overview_title,
    rate_text,
)
from desktop.core.templates import TemplateRegistry
from desktop.core.vocab import NONE
from desktop.pdf import charts
from desktop.publish.cardpage import card_html, e

MARKER = ".pledgecard-site"
TITLE = "공약 이행 현황"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'")
CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:'Nanum Gothic','NanumGothic','Malgun Gothic','Apple SD Gothic Neo',sans-serif;
color:#222;background:#fff;line-height:1.55;font-size:16px}
main{max-width:960px;margin:0 auto;padding:16px}
header.top{border-bottom:3px solid #2f4f7f;margin-bottom:12px;padding-bottom:8px}
header.top .org{font-size:1.05em;color:#2f4f7f;font-weight:bold}
h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.2em;border-left:5px solid #2f4f7f;padding-left:8px;margin:1.6em 0 .6em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
.asof{color:#555}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4em 0}
table.grid{border-collapse:collapse;min-width:100%;font-size:.9em}
table.grid th,table.grid td{border:1px solid #777;padding:4px 6px;vertical-align:middle}
table.grid th{background:#dfe5ec;font-weight:bold;text-align:center;white-space:nowrap}
table.grid td.num{text-align:right;white-space:nowrap}
table.grid tr.total td,table.grid tr.total th{background:#e9edf2;font-weight:bold}
.chart svg{max-width:100%;height:auto;display:block;margin:.6em 0}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;vertical-align:middle}
dl.head{display:grid;grid-template-columns:8em 1fr;border-top:1px solid #777;margin:0}
dl.head dt{background:#e9edf2;font-weight:bold;padding:4px 6px;border-bottom:1px solid #777}
dl.head dd{margin:0;padding:4px 6px;border-bottom:1px solid #777}
ul.outline{list-style:none;padding-left:0}
ul.outline li{margin:.15em 0}
ul.outline .mark{display:inline-block;min-width:1.3em}
li.l0,li.l1{padding-left:0}li.l2{padding-left:1.2em}li.l3{padding-left:2.4em}li.l4{padding-left:3.6em}
.date{color:#555}
.unit{text-align:right;font-size:.85em;color:#444}
.note{font-size:.9em;color:#444}
nav a,ul.cards a{color:#1f4e8c}
ul.cards{padding-left:1.2em}
footer{margin-top:2em;border-top:1px solid #ccc;padding-top:8px;font-size:.85em;color:#555}
@media (max-width:600px){body{font-size:15px}main{padding:10px}dl.head{grid-template-columns:6em 1fr}}
"""


def page(title: str, body: str, *, up: str = "") -> str:
    back = f'<nav><a href="{up}index.html">← 이행 현황 처음으로</a></nav>' if up else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{e(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{back}{body}<footer>공약카드로 만든 공개용 페이지</footer></main></body></html>\n"
    )


def _table(head: list[str], rows: list[list[str]], *, total: bool = False, numeric_from: int = 1) -> str:
    out = ['<div class="scroll"><table class="grid"><thead><tr>']
    out += [f"<th>{e(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for i, row in enumerate(rows):
        cls = ' class="total"' if total and i == len(rows) - 1 else ""
        cells = [f"<th>{e(row[0])}</th>"] + [
            f'<td class="num">{e(v)}</td>' if j >= numeric_from else f"<td>{e(v)}</td>"
            for j, v in enumerate(row[1:], start=1)]
        out.append(f"<tr{cls}>{''.join(cells)}</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _count(ids: list[str]) -> str:
    return str(len(ids)) if ids else "-"


def _share(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole and part else "-"


def _cross(cross: Cross) -> str:
    rows = [[k, _count(cross.rows[k]), *(_count(cross.cells.get((k, s), [])) for s in cross.statuses)]
            for k in cross.keys]
    n = sum(len(v) for v in cross.rows.values())
    rows.append(["합계", str(n) if n else "-", *(_count(cross.columns[s]) for s in cross.statuses)])
    return _table([cross.what, "계", *cross.statuses], rows, total=True)


def _chart(make: Callable[[Overview, float], object], ov: Overview) -> str:
    from reportlab.graphics.shapes import Drawing

    d = make(ov, 640)
    assert isinstance(d, Drawing)
    return f'<div class="chart">{charts.to_svg(d)}</div>'


def index_html(ov: Overview, links: dict[str, str]) -> str:
    n = len(ov.cards)
    orgs = ", ".join(ov.orgs)
    title = overview_title(ov)
    b = [f'<header class="top"><div class="org">{e(orgs)}</div><h1>{e(title)}</h1>'
         f'<div class="asof">{e(as_of(ov))} · {e(counts_text(ov))}</div></header>']
    if ov.left_out:
        b.append(f'<p class="note">{e(left_out_text(ov))}</p>')
    b.append("<h2>1. 추진상황</h2>")
    b.append(_table(["구분", "계", *(s.name for s in ov.statuses)], [
        [f"{ov.word} 수", str(n), *(_count(s.cards) for s in ov.statuses)],
        ["비율", "100%" if n else "-", *(_share(len(s.cards), n) for s in ov.statuses)],
    ]))
    b.append('<p class="note">묶음: ' + e(", ".join(
        f"{g.name} {len(g.cards)}건" + (f" ({' + '.join(g.statuses)})" if len(g.statuses) > 1 else "")
        for g in ov.groups)) + "</p>")
    b.append(_chart(charts.status_bars, ov) + _chart(charts.group_donut, ov))
    b.append("<h3>추진상황의 정의</h3><ul class=\"cards\">" + "".join(
        f'<li><span class="swatch" style="background:{e(s.color)}"></span><b>{e(s.name)}</b>: '
        f"{e(s.definition or '-')}</li>" for s in ov.statuses) + "</ul>")
    b += ["<h2>2. 분야별 추진상황</h2>", _cross(ov.by_area), _chart(charts.area_stacked, ov)]
    b += ["<h2>3. 부서별 추진상황</h2>", _cross(ov.by_dept)]
    b.append("<h2>4. 진도 분포</h2>")
    b.append(_table(["진도", *(band for band, _ in ov.progress)], [
        [f"{ov.word} 수", *(_count(ids) for _, ids in ov.progress)],
        ["비율", *(_share(len(ids), n) for _, ids in ov.progress)],
    ]))
    b.append(_chart(charts.progress_bars, ov))
    fin = ov.finance
    b.append(f"<h2>5. 재정 현황 (단위: {e(fin.unit)})</h2>")
    rows = [[r.meaning, *(money(r.amounts[s].value) for s in SHOWN_SCOPES)] for r in fin.sources]
    rows.append(["계", *(money(fin.total[s].value) for s in SHOWN_SCOPES)])
    b.append(_table(["재원", *(SCOPE_NAMES[s] for s in SHOWN_SCOPES)], rows, total=True))
    b.append(f'<p class="note">※ 임기 내: 기투자와 {ov.term_end}년까지의 연도 (임기후 제외). '
             "원·천원 등은 백만원으로 환산해 더함.</p>")
    for cid, pages in fin.covered.items():
        f = ov.facts[cid]
        b.append(f'<p class="note">※ {e(f.number or f.title)}: 그 표의 {len(pages)}개 행은 각 {e(f.word)}의 쪽에서 '
                 "한 번만 셈.</p>")
    rate_rows = []
    for r in ov.rates:
        calc = (f"{r.numerator}건 ÷ {r.denominator}건" if r.key == "completion"
                else f"{money(r.numerator)} ÷ {money(r.denominator)}")
        rate_rows.append([r.name, rate_text(r.percent), calc, r.definition + (f" ({r.note})" if r.note else "")])
    b.append(_table(["지표", "비율", "계산", "정의"], rate_rows, numeric_from=1))
    b.append(_chart(charts.finance_bars, ov))
    if ov.changes is not None:
        c = ov.changes
        b.append(f"<h2>지난 기준일({e(fmt_date(c.previous) or '-')}) 이후 변화</h2><ul>")
        b.append(f"<li>새 카드 {len(c.added)}건, 없어진 카드 {len(c.removed)}건</li>")
        for what, moves in (("추진상황", c.statuses), ("진도", c.progress)):
            if moves:
                b.append(f"<li>{what}: " + e(", ".join(f"{t.before} → {t.after} {len(t.cards)}건" for t in moves))
                         + "</li>")
        b.append("</ul>")
    b.append(f"<h2>추진상황별 {e(ov.word)}</h2>")
    for s in ov.statuses:
        if not s.cards:
            continue
        name = "추진상황 없음" if s.name == NONE else s.name
        b.append(f"<h3>{e(name)} ({len(s.cards)}건)</h3><ul class=\"cards\">")
        for cid in s.cards:
            f = ov.facts[cid]
            progress = f"{f.progress}%" if f.progress is not None else "-"
            b.append(f'<li><a href="{links[cid]}">{e(f.number or "-")} {e(f.title or "-")}</a> '
                     f"· {e(f.dept)} · 진도 {e(progress)}</li>")
        b.append("</ul>")
    return page(f"{orgs} {title}".strip(), "".join(b))


def write_site(out: Path, ov: Overview, cards: list[Card], registry: TemplateRegistry) -> int:
    """Write the site into `out` (created; a folder this program wrote before is replaced; any other
    non-empty folder is refused with ValueError). Returns the number of pages."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ValueError(f"'{out}': 비어 있지 않은 폴더입니다 (새 폴더나 전에 내보낸 폴더를 주세요)")
    by_id = {c.id: c for c in cards}
    links = {cid: f"cards/{i:04d}.html" for i, cid in enumerate(ov.cards, start=1)}
    part = out.with_name(out.name + ".part")
    if part.exists():
        shutil.rmtree(part)
    (part / "cards").mkdir(parents=True)
    (part / MARKER).write_text("공약카드 공개용 내보내기\n", encoding="utf-8")
    (part / "index.html").write_text(index_html(ov, links), encoding="utf-8")
    when = as_of(ov)
    for cid, link in links.items():
        card = by_id[cid]
        t = registry.templates.get(card.template)
        title = card.title or card.number or "공약"
        body = (f'<header class="top"><div class="org">{e(card.org)}</div><h1>{e(title)}</h1>'
                f'<div class="asof">{e(when)}</div></header>{card_html(card, t)}')
        (part / link).write_text(page(title, body, up="../"), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    part.rename(out)
    return len(links) + 1
