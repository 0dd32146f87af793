"""What the look-up field receives → a receipt code.

A resident types the code (any case, spaces, a missing dash is not guessed); a USB barcode
or QR reader "types" what the receipt's code holds — the bare code, or the look-up address
with the code in it (``…/tra-cuu?ma=NT01-261122-0042``, setting ``lookup.url``).
"""

from __future__ import annotations

import re

from kiosk.domain.codes import RECEIPT_CODE_SHAPE
from kiosk.services.receipt_codes import normalise

_CODE_IN_TEXT = re.compile(rf"(?<![A-Z0-9]){RECEIPT_CODE_SHAPE}(?![0-9])")


def code_from_input(text: str) -> str:
    """The receipt code in ``text`` (a scanned address too), else ``text`` normalised."""
    cleaned = normalise(text)
    found = [match.group(0) for match in _CODE_IN_TEXT.finditer(cleaned)]
    return found[-1] if found else cleaned
