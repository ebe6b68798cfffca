"""Photos with captions, `per_row` to a row (the template's block setting).

A caption whose photo has not been added yet prints as a framed empty box with the caption under
it, as officers leave room for a picture to paste in.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, TableStyle

from desktop.core.model import Photo
from desktop.pdf import styles
from desktop.pdf.rltable import table as rl_table
from desktop.pdf.text import FramedBox, para

GAP = 8.0
RATIO = 0.72  # box height / width (a landscape photo)


class Picture(Flowable):  # type: ignore[misc]
    """A decoded photo scaled into its box, centred."""

    def __init__(self, image: ImageReader, w: float, h: float, bw: float) -> None:
        super().__init__()
        self.image = image
        self.width, self.height = w, h
        self.box_w = bw

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.image, 0, 0, self.width, self.height, mask="auto")


def decode(data: bytes | None) -> ImageReader | None:
    """The photo as ReportLab can draw it, or None when it cannot be read (fully decoded first, so a
    broken file is found here and not half-way through writing the PDF)."""
    if not data:
        return None
    try:
        with PILImage.open(io.BytesIO(data)) as im:
            im.load()
            if im.format == "JPEG" and im.mode in ("RGB", "L", "CMYK"):
                return ImageReader(io.BytesIO(data))  # embedded as is, no re-encoding
            rgb = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
        return ImageReader(rgb)
    except Exception:
        return None


def _picture(photo: Photo, bw: float, bh: float) -> Flowable:
    img = decode(photo.image)
    if img is not None:
        iw, ih = img.getSize()
        if iw > 0 and ih > 0:
            scale = min(bw / iw, bh / ih)
            pic = Picture(img, iw * scale, ih * scale, bw)
            pic.hAlign = "CENTER"
            return pic
    return FramedBox(bw, bh)


def photo_flowables(photos: list[Photo], per_row: int, avail: float) -> list[Flowable]:
    if not photos:
        return []
    per_row = max(1, min(per_row, 4))
    cw = avail / per_row
    bw = cw - GAP
    bh = bw * RATIO
    rows: list[list[Any]] = []
    for i in range(0, len(photos), per_row):
        chunk = photos[i:i + per_row]
        cells: list[Any] = [[_picture(p, bw, bh), para(p.caption, styles.caption)] for p in chunk]
        cells += [""] * (per_row - len(cells))
        rows.append(cells)
    t = rl_table(rows, colWidths=[cw] * per_row, hAlign="LEFT", style=TableStyle([
        styles.CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), GAP / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), GAP / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [t]
