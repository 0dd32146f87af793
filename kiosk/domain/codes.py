"""The kiosk's short codes, declared once: people's codes and receipt codes.

Every pattern is anchored with ``\\A…\\Z`` (``$`` also matches before a final newline, so
``"v11\\n"`` would pass) and takes ASCII digits only (``\\d`` takes every script's digits, which
the kiosk's numpad cannot type), so ``match`` and ``fullmatch`` agree.
"""

from __future__ import annotations

import re

# A volunteer's, staff member's or technician's code (``NguoiHoTro`` in the contract).
ACTOR_CODE = re.compile(r"\A[A-Za-z0-9_.\-]{2,32}\Z")

_PREFIX = r"[A-Z0-9]{2,8}"
# ``NT01-261122-0042``: prefix, the day in Vietnam time (yyMMdd), that day's number.
RECEIPT_CODE_SHAPE = rf"(?P<prefix>{_PREFIX})-(?P<day>[0-9]{{6}})-(?P<number>[0-9]{{4,6}})"
RECEIPT_CODE = re.compile(rf"\A{RECEIPT_CODE_SHAPE}\Z")
# A kiosk's own prefix (setting ``kiosk.receipt_prefix``): one letter at least, so that a
# code the kiosk makes never reads as a plain number.
RECEIPT_PREFIX = re.compile(rf"\A(?=[A-Z0-9]*[A-Z]){_PREFIX}\Z")
