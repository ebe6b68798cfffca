"""The overview's charts (ReportLab graphics): drawn from the overview's numbers, in the statuses'
colours, as vector PDF and as SVG text, for a real office and for an empty one."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.graphics import renderPDF

from desktop.core.overview import compute_overview
from desktop.core.templates import TemplateRegistry
from desktop.pdf import charts, fonts
from tests.overview_office import office, registry


def test_charts_carry_the_numbers_in_pdf_and_svg(tmp_path: Path) -> None:
    fonts.register()
    now, before = office()
    ov = compute_overview(now, registry(), issues={}, previous=before)
    finance = charts.finance_bars(ov, 480)
    out = tmp_path / "finance.pdf"
    renderPDF.drawToFile(finance, str(out))
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    for label in ("국비", "시도비", "구비", "900", "750", "409.6", "4.8", "기타(미분류):", "특교세"):
        assert label in text
    svg = charts.to_svg(charts.status_bars(ov, 480))
    assert svg.startswith("<svg") and "2건 (20.0%)" in svg and "이행후 계속추진" in svg
    assert "fill: rgb(61%,29%,27%)" in svg  # 폐기's colour, #9c4a45
    assert "fill: rgb(46%,46%,46%)" in svg  # 보류's, as its template says: #777777
    stacked = charts.to_svg(charts.area_stacked(ov, 480))
    assert "III" in stacked and "Malgun Gothic" in stacked


def test_charts_of_an_empty_office_draw(tmp_path: Path) -> None:
    fonts.register()
    ov = compute_overview([], TemplateRegistry.load([], None), issues={})
    for make in charts.ALL:
        d = make(ov, 400)
        renderPDF.drawToFile(d, str(tmp_path / f"{make.__name__}.pdf"))
        assert charts.to_svg(d).startswith("<svg")
