"""A QR code drawn large on screen (for a banking app's camera): the module matrix from the
receipt printer's encoder (:func:`kiosk.printing.raster.qr_matrix`, error correction M),
square black modules painted with QPainter on white, a 4-module quiet zone all round."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel

from kiosk.printing.raster import qr_matrix

QUIET_MODULES = 4
MIN_SIDE = 360


def qr_pixmap(content: str, side: int = 420) -> QPixmap:
    """``content`` as a square pixmap of at least ``side`` px (whole pixels per module)."""
    matrix = qr_matrix(content)
    count = len(matrix) + 2 * QUIET_MODULES
    module = max(2, -(-max(side, MIN_SIDE) // count))  # ceil: never smaller than asked
    image = QImage(count * module, count * module, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    (x + QUIET_MODULES) * module,
                    (y + QUIET_MODULES) * module,
                    module,
                    module,
                    black,
                )
    painter.end()
    return QPixmap.fromImage(image)


class QrView(QLabel):
    """Shows one QR code; ``content`` is what it encodes."""

    def __init__(self, content: str = "", side: int = 420) -> None:
        super().__init__()
        self.side = side
        self.content = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: white;")
        if content:
            self.set_content(content)

    def set_content(self, content: str) -> None:
        self.content = content
        pixmap = qr_pixmap(content, self.side)
        self.setPixmap(pixmap)
        self.setFixedSize(pixmap.size())
