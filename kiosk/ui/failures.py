"""Background work that failed for a reason that is not the person's — the database locked by
another process, a full disk, a broken print queue — is not a crash.

The screen stays as it was: what the resident typed stays in its fields, the "Đã lưu" panel
keeps its receipt code. The error goes to the log with its traceback (for the technician) and
the person reads, in their language, what did NOT happen and that trying again is safe.
(A validation error is not a failure: each screen shows it next to its fields.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.ui.i18n import translate

log = logging.getLogger(__name__)


def not_saved() -> str:
    return translate(
        "Failures",
        "Chưa lưu được. Những gì đã nhập vẫn còn nguyên trên màn hình: xin bấm lưu lại. "
        "Nếu vẫn không được, xin gọi tình nguyện viên.",
    )


def not_checked() -> str:
    return translate(
        "Failures",
        "Máy chưa kiểm tra được lúc này; chưa có gì được lưu. Những gì đã nhập vẫn còn "
        "nguyên: xin bấm thử lại. Nếu vẫn không được, xin gọi tình nguyện viên.",
    )


def receipt_not_queued() -> str:
    return translate(
        "Failures",
        "Đã lưu, nhưng chưa gửi được biên nhận tới máy in. Xin ghi lại mã ở trên rồi bấm "
        "«In lại biên nhận».",
    )


def not_ready(failed: bool) -> str:
    """A tap before the data home is open: still opening, or opening failed."""
    if failed:
        return translate(
            "Failures",
            "Máy chưa sẵn sàng nên chưa làm được việc này. Xin gọi tình nguyện viên hoặc kỹ "
            "thuật viên.",
        )
    return translate("Failures", "Máy đang khởi động. Xin chờ vài giây rồi chạm lại.")


def report(
    error: BaseException,
    what: str,
    message: str,
    *,
    nav: Any = None,
    line: Callable[[str], object] | None = None,
) -> None:
    """Log ``error`` (``what`` names the work, never personal data) and tell the person
    ``message``: in ``line`` (a label or a field's error line, which stays) and as an error
    toast over the screen when ``nav`` (the window) is given. Nothing is cleared or left."""
    log.error("%s failed", what, exc_info=error)
    if line is not None:
        line(message)
    if nav is not None:
        nav.toast(message, "error")
