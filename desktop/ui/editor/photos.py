"""기타 참고사항: photos with captions. A caption may stand alone until its photo is added.

Photos are scaled down (≤ 1600 px on the long side) and stored as JPEG (quality 85) in the card,
so the database holds them and a card file carries them. Thumbnails are cached by content.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Photo
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.keys import UndoKeys

MAX_SIDE = 1600
QUALITY = 85
THUMB = QSize(128, 80)
_thumbs: dict[tuple[int, int], QPixmap] = {}


def scaled_jpeg(path: Path) -> bytes:
    """The file as JPEG bytes, scaled to MAX_SIDE; ValueError (Korean) when it is not a picture."""
    img = QImage(str(path))
    if img.isNull():
        raise ValueError(f"사진으로 읽을 수 없는 파일입니다: {path.name}")
    if max(img.width(), img.height()) > MAX_SIDE:
        img = img.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    if img.hasAlphaChannel():  # JPEG has no transparency: put the picture on white paper
        flat = QImage(img.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        p = QPainter(flat)
        p.drawImage(0, 0, img)
        p.end()
        img = flat
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "JPEG", QUALITY):
        raise ValueError(f"사진을 JPEG로 바꿀 수 없습니다: {path.name}")
    buf.close()
    return bytes(data.data())


def set_role(w: QWidget, role: str) -> None:
    if (w.property("role") or "") != role:
        w.setProperty("role", role)
        w.style().unpolish(w)
        w.style().polish(w)


def thumbnail(image: bytes) -> QPixmap | None:
    key = (len(image), hash(image))
    pm = _thumbs.get(key)
    if pm is None:
        img = QImage.fromData(image)
        if img.isNull():
            return None
        pm = QPixmap.fromImage(img.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        if len(_thumbs) > 500:
            _thumbs.clear()
        _thumbs[key] = pm
    return pm


class PhotosEditor(QWidget):
    def __init__(self, doc: CardDoc, key: str, keys: UndoKeys, per_row: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = key
        self.keys = keys
        self.per_row = max(1, min(4, per_row))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.add_btn = QToolButton(self)
        self.add_btn.setText("＋ 사진 추가…")
        self.add_btn.clicked.connect(self.choose_files)
        self.caption_btn = QToolButton(self)
        self.caption_btn.setText("＋ 제목만")
        self.caption_btn.setToolTip("사진 없이 제목만 먼저 적어 둡니다")
        self.caption_btn.clicked.connect(self.add_caption)
        bar.addWidget(self.add_btn)
        bar.addWidget(self.caption_btn)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.grid = QGridLayout()
        self.grid.setSpacing(6)
        lay.addLayout(self.grid)
        self.tiles: list[dict[str, QWidget]] = []
        doc.applied_scope.connect(self._on_applied)
        self.refresh()

    @property
    def scope(self) -> str:
        return f"photos:{self.key}"

    def photos(self) -> list[Photo]:
        b = self.doc.card.block(self.key)
        return b.photos if b is not None else []

    def _on_applied(self, scope: str) -> None:
        if scope in (self.scope, "card"):
            self.refresh()

    def _replace(self, photos: list[Photo], text: str) -> bool:
        key = self.key

        def get(c: object) -> list[Photo]:
            b = c.block(key)  # type: ignore[attr-defined]
            return b.photos if b is not None else []

        def set_(c: object, v: list[Photo]) -> None:
            b = c.block(key)  # type: ignore[attr-defined]
            if b is not None:
                b.photos = v

        return self.doc.push(text, self.scope, get, set_, photos)

    # ---------------------------------------------------------------- edits
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "사진 추가", "", "사진 (*.jpg *.jpeg *.png *.bmp *.gif)")
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path], into: int | None = None) -> int:
        """Add pictures (or put one into the caption-only tile `into`); returns how many were added."""
        photos = copy.deepcopy(self.photos())
        bad: list[str] = []
        added = 0
        for p in paths:
            try:
                data = scaled_jpeg(p)
            except ValueError as exc:
                bad.append(str(exc))
                continue
            if into is not None and 0 <= into < len(photos) and added == 0:
                photos[into].image, photos[into].mime = data, "image/jpeg"
            else:
                photos.append(Photo(caption="", image=data, mime="image/jpeg"))
            added += 1
        if added:
            self._replace(photos, "사진 추가")
        if bad:
            QMessageBox.warning(self, "사진 추가", "\n".join(bad))
        return added

    def add_caption(self) -> None:
        photos = copy.deepcopy(self.photos())
        photos.append(Photo(caption=""))
        self._replace(photos, "사진 제목 추가")
        if self.tiles:
            self.tiles[-1]["caption"].setFocus()

    def remove(self, i: int) -> None:
        photos = copy.deepcopy(self.photos())
        if 0 <= i < len(photos):
            del photos[i]
            self._replace(photos, "사진 삭제")

    def move(self, i: int, delta: int) -> None:
        photos = copy.deepcopy(self.photos())
        j = i + delta
        if 0 <= i < len(photos) and 0 <= j < len(photos):
            photos.insert(j, photos.pop(i))
            self._replace(photos, "사진 순서 변경")

    def set_caption(self, i: int, text: str) -> None:
        key = self.key

        def get(c: object) -> str:
            b = c.block(key)  # type: ignore[attr-defined]
            return b.photos[i].caption if b is not None and i < len(b.photos) else ""

        def set_(c: object, v: str) -> None:
            b = c.block(key)  # type: ignore[attr-defined]
            if b is not None and i < len(b.photos):
                b.photos[i].caption = v

        self.doc.push("사진 제목 입력", self.scope, get, set_, text, merge_key=("photo", key, i))

    def choose_for(self, i: int) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "사진 넣기", "", "사진 (*.jpg *.jpeg *.png *.bmp *.gif)")
        if path:
            self.add_files([Path(path)], into=i)

    # ---------------------------------------------------------------- tiles
    def _tile(self, i: int) -> dict[str, QWidget]:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(frame)
        v.setContentsMargins(4, 4, 4, 4)
        v.setSpacing(3)
        pic = QLabel(frame)
        pic.setFixedSize(THUMB)
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(pic, 0, Qt.AlignmentFlag.AlignHCenter)
        cap = QLineEdit(frame)
        cap.setPlaceholderText("사진 제목")
        cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cap.textEdited.connect(lambda t, i=i: self.set_caption(i, t))
        cap.editingFinished.connect(self.doc.seal)
        self.keys.watch(cap)
        v.addWidget(cap)
        more = QToolButton(frame)
        more.setText("사진 ⋯")
        more.setToolTip("사진 넣기·바꾸기, 순서, 빼기")
        more.setAutoRaise(True)
        more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        more.clicked.connect(lambda _=False, i=i, b=more: self.menu(i, b.mapToGlobal(b.rect().bottomLeft())))
        v.addWidget(more, 0, Qt.AlignmentFlag.AlignHCenter)
        frame.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        frame.customContextMenuRequested.connect(lambda p, i=i, f=frame: self.menu(i, f.mapToGlobal(p)))
        self.grid.addWidget(frame, i // self.per_row, i % self.per_row)
        return {"frame": frame, "pic": pic, "caption": cap, "more": more}

    def menu(self, i: int, at: QPoint) -> None:
        """The tile's operations, built when asked (a dozen tiles must not cost a dozen menus)."""
        if self.doc.read_only:
            return
        m = QMenu(self)
        has = 0 <= i < len(self.photos()) and self.photos()[i].image is not None
        m.addAction("사진 바꾸기…" if has else "사진 넣기…", lambda: self.choose_for(i))
        m.addAction("앞으로", lambda: self.move(i, -1)).setEnabled(i > 0)
        m.addAction("뒤로", lambda: self.move(i, 1)).setEnabled(i < len(self.photos()) - 1)
        m.addSeparator()
        m.addAction("빼기", lambda: self.remove(i))
        m.exec(at)

    def refresh(self) -> None:
        photos = self.photos()
        while len(self.tiles) > len(photos):
            self.tiles.pop()["frame"].deleteLater()
        while len(self.tiles) < len(photos):
            self.tiles.append(self._tile(len(self.tiles)))
        for tile, ph in zip(self.tiles, photos, strict=True):
            cap = tile["caption"]
            assert isinstance(cap, QLineEdit)
            if cap.text() != ph.caption:
                cap.setText(ph.caption)
            pic = tile["pic"]
            assert isinstance(pic, QLabel)
            if ph.image is None:
                pic.setPixmap(QPixmap())
                pic.setText("사진 없음")
                set_role(pic, "nophoto")
            else:
                set_role(pic, "")
                pic.setText("…")
        QTimer.singleShot(0, self._load_thumbs)  # decoding pictures must not slow opening the card

    def _load_thumbs(self) -> None:
        try:
            photos = self.photos()
            for tile, ph in zip(self.tiles, photos, strict=False):
                pic = tile["pic"]
                if ph.image is not None and isinstance(pic, QLabel):
                    pm = thumbnail(ph.image)
                    if pm is None:
                        pic.setText("읽을 수 없는 사진")
                    else:
                        pic.setPixmap(pm)
        except RuntimeError:  # the form was rebuilt before the timer fired
            return

    def set_read_only(self, ro: bool) -> None:
        self.add_btn.setEnabled(not ro)
        self.caption_btn.setEnabled(not ro)
