"""Photos of a card sheet: a framed picture cell per photo (the picture embedded, scaled to fit, its
bytes kept as they are) and the caption under it, `per_row` to a row. A caption without a picture
stays a caption; reading takes each picture from the cell it is anchored in."""

from __future__ import annotations

import io
from typing import Any

from openpyxl.drawing.image import Image as XLImage

from desktop.core.model import Photo
from desktop.xlsx import styles
from desktop.xlsx.errors import WorkbookError
from desktop.xlsx.layout import FIRST_COL, PHOTO_CAPTIONS, PHOTO_IMAGES
from desktop.xlsx.sheet import COL_WIDTH, SheetReader, SheetWriter, addr

PICTURE_ROW_POINTS = 120.0
MIMES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}


def _picture(data: bytes, what: str) -> XLImage:
    try:
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as probe:  # what openpyxl itself does with it
            fmt = probe.format or ""
    except Exception:  # PIL raises many kinds for bytes that are not a picture
        raise WorkbookError(f"{what}: 그림 파일(PNG·JPEG·GIF)이 아니어서 엑셀에 넣을 수 없습니다") from None
    if fmt not in MIMES:
        raise WorkbookError(f"{what}: {fmt or '알 수 없는'} 형식의 그림은 엑셀에 넣을 수 없습니다 (PNG·JPEG·GIF만)")
    return XLImage(io.BytesIO(data))


def write_photos(sw: SheetWriter, photos: list[Photo], per_row: int, what: str) -> None:
    per_row = max(1, min(per_row, 4))
    span = max(sw.width // per_row, 1)
    box_w = span * COL_WIDTH * 7.0  # pixels, about 7 px a character
    box_h = PICTURE_ROW_POINTS * 4 / 3 - 8
    for k in range(0, len(photos), per_row):
        chunk = photos[k:k + per_row]
        starts = [FIRST_COL + j * span for j in range(len(chunk))]
        ri = sw.take()
        rc = sw.take()
        sw.mark(ri, PHOTO_IMAGES, {"s": starts, "w": span})
        sw.mark(rc, PHOTO_CAPTIONS, {"s": starts, "w": span})
        sw.set_height(ri, PICTURE_ROW_POINTS)
        for j, (photo, c) in enumerate(zip(chunk, starts, strict=True)):
            sw.blank(ri, c, c2=c + span - 1, align=styles.CENTER)
            sw.text(rc, c, photo.caption, c2=c + span - 1, align=styles.CENTER, what=f"{what} 설명")
            if photo.image is not None:
                img = _picture(photo.image, f"{what} 사진 {k + j + 1}")
                scale = min(box_w / max(img.width, 1), box_h / max(img.height, 1), 1.0) if img.width else 1.0
                img.width = max(int(img.width * scale), 1)
                img.height = max(int(img.height * scale), 1)
                sw.ws.add_image(img, addr(ri, c))


def read_photos(sr: SheetReader, image_row: int | None, caption_row: int, payload: Any,
                images: dict[tuple[int, int], Any]) -> list[Photo]:
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), list):
        sr.problem(caption_row, 1, "사진 표시가 손상되었습니다")
        return []
    span = int(payload.get("w", 1))
    out = []
    for c in payload["s"]:
        c = int(c)
        img = None
        if image_row is not None:
            img = next((images[(image_row, cc)] for cc in range(c, c + span) if (image_row, cc) in images), None)
        if img is None and not sr.present(caption_row, c):
            continue
        photo = Photo(caption=sr.text(caption_row, c))
        if img is not None:
            photo.image = bytes(img._data())
            photo.mime = MIMES.get((img.format or "").upper(), "image/png")
        out.append(photo)
    return out
