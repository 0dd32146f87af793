"""Keep the field being typed into above the keyboard.

The keyboard is docked: the host puts it in its layout *below* the screen's content, so that
when it shows the content area shrinks instead of being covered. Each screen's form sits in
a QScrollArea; ``ensure_field_visible`` then scrolls the focused field back into view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect
from PySide6.QtWidgets import QScrollArea, QScrollBar, QWidget

MARGIN = 24  # px kept free above and below the field
# A field whose answer shows below it as one types (a search box) sets this property: it is
# scrolled to the top of the room left above the keys, so the answer shows too.
REVEAL_TOP = "kioskRevealTop"
TOP_MARGIN = 8  # px above such a field: the room is for the answer


def enclosing_scroll_area(field: QWidget) -> QScrollArea | None:
    """The nearest QScrollArea whose content holds the field."""
    parent = field.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if content is not None and (content is field or content.isAncestorOf(field)):
            return parent  # type: ignore[return-value]
        parent = parent.parentWidget()
    return None


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _scroll_into(bar: QScrollBar, start: int, size: int, view: int, margin: int) -> None:
    """Move the bar the least that shows [start, start + size) with a margin."""
    low, high = start - margin, start + size + margin
    if low < bar.value():
        bar.setValue(low)
    elif high > bar.value() + view:
        bar.setValue(high - view)


def ensure_field_visible(scroll_area: QScrollArea, field: QWidget, margin: int = MARGIN) -> bool:
    """Scroll so the whole field shows in the viewport; True if it now does.

    Pending layout changes (the keyboard just appeared and the content area shrank) are applied
    first, so this can be called straight from the keyboard's ``visibility_changed`` signal. A
    field taller than the viewport (a long note) gets its text cursor shown instead.
    """
    content = scroll_area.widget()
    if content is None or not (content is field or content.isAncestorOf(field)):
        return False
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    view = scroll_area.viewport().size()
    if field.height() > view.height() or field.width() > view.width():
        scroll_area.ensureWidgetVisible(field, 0, margin)  # Qt shows the text cursor
        return False
    at = field.mapTo(content, QPoint(0, 0))
    if field.property(REVEAL_TOP):
        scroll_area.verticalScrollBar().setValue(at.y() - TOP_MARGIN)  # the bar clamps it
    else:
        _scroll_into(scroll_area.verticalScrollBar(), at.y(), field.height(), view.height(), margin)
    _scroll_into(scroll_area.horizontalScrollBar(), at.x(), field.width(), view.width(), 0)
    return global_rect(scroll_area.viewport()).contains(global_rect(field))
