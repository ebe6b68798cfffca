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
from desktop.xlsx.package import RawSheet
from desktop.xlsx.safety import MAX_COLS
from desktop.xlsx.sheet import COL_WIDTH, SheetReader, SheetWriter, addr
from desktop.xlsx.unread import UnreadPhoto

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
        # "i": which photos have a picture, so that a picture missing on the way back is told from a caption
        # that never had one (a damaged drawing loses the places of all its pictures)
        marks = {"s": starts, "w": span, "i": [int(p.image is not None) for p in chunk]}
        sw.mark(ri, PHOTO_IMAGES, marks)
        sw.mark(rc, PHOTO_CAPTIONS, marks)
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


def read_photos(sr: SheetReader, image_row: int | None, caption_row: int, payload: Any, sheet: RawSheet,
                heading: str, first: int, unread: list[UnreadPhoto] | None) -> list[Photo]:
    """The photos of one caption row. A picture that cannot be read (or whose drawing is damaged, when
    the marker says a picture was there) keeps its caption, no picture, and is listed in `unread` —
    or, without `unread`, is a problem that refuses the sheet: never dropped silently."""
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), list):
        sr.problem(caption_row, 1, "사진 표시가 손상되었습니다")
        return []
    try:
        span = max(1, min(int(payload.get("w", 1)), MAX_COLS))
        starts = [int(c) for c in payload["s"]][:MAX_COLS]
    except (TypeError, ValueError, OverflowError):
        sr.problem(caption_row, 1, "사진 표시가 손상되었습니다")
        return []
    had = payload.get("i")
    had = had if isinstance(had, list) and len(had) == len(starts) else None  # older workbooks: unknown
    images = sheet.images
    out = []
    for k, c in enumerate(starts):
        img = None
        if image_row is not None:
            img = next((images[(image_row, cc)] for cc in range(c, c + span) if (image_row, cc) in images), None)
        why = img.problem if img is not None else ""
        if img is None and sheet.drawing_error and image_row is not None and (had is None or had[k]):
            why = sheet.drawing_error
        if img is None and not why and not sr.present(caption_row, c):
            continue
        photo = Photo(caption=sr.text(caption_row, c))
        if img is not None and img.data is not None:
            photo.image = img.data
            photo.mime = MIMES.get(img.format, "image/png")
        out.append(photo)
        if why:
            place = addr(image_row if image_row is not None else caption_row, c)
            if unread is None:
                sr.problem(image_row or caption_row, c, f"사진을 읽을 수 없습니다: {why}")
            else:
                unread.append(UnreadPhoto(sheet.title, place, heading, first + len(out), why, photo))
    return out
