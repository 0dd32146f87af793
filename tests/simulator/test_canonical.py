"""RFC 8785 canonicalisation: what decides "same content" for duplicate/conflict."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from kiosk.domain.fields import VN_TZ
from kiosk.domain.samples import sample_payload
from kiosk.simulator.canonical import CanonicalError, canonical, content_hash
from kiosk.store.crypto import canonical_json
from tests.simulator.helpers import KINDS, payload


def test_sorted_keys_no_spaces_utf8() -> None:
    value = {"b": 1, "a": [True, None, "Khánh Hòa"], "A": {"y": 2, "x": 1}}
    assert canonical(value) == '{"A":{"x":1,"y":2},"a":[true,null,"Khánh Hòa"],"b":1}'.encode()


def test_keys_sort_by_utf16_code_units() -> None:
    # U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB01 (code-point order says after)
    assert canonical({"\ufb01": 1, "\U0001f600": 2}) == '{"😀":2,"ﬁ":1}'.encode()


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1.0, "1"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1e-7, "1e-7"),
        (1e-6, "0.000001"),
        (123.456, "123.456"),
        (5e-324, "5e-324"),
    ],
)
def test_numbers_as_ecmascript_writes_them(number: float, text: str) -> None:
    assert canonical(number) == text.encode()


def test_escapes_only_what_json_requires() -> None:
    assert canonical('a"b\\c\n\u0001é') == b'"a\\"b\\\\c\\n\\u0001\xc3\xa9"'


def test_not_json_values_are_refused() -> None:
    with pytest.raises(CanonicalError):
        canonical(float("nan"))
    with pytest.raises(CanonicalError):
        canonical({1: "x"})
    with pytest.raises(CanonicalError):
        canonical({"x": object()})


@pytest.mark.parametrize("kind", KINDS)
def test_equals_the_kiosk_canonical_json_on_real_payloads(kind: str) -> None:
    rng = random.Random(5)
    now = datetime(2026, 11, 22, 9, 0, tzinfo=VN_TZ)
    for _ in range(20):
        body = sample_payload(kind, rng, now, with_receipt=True)
        assert canonical(body) == canonical_json(body)
    assert canonical(payload(kind)) == canonical_json(payload(kind))


def test_content_hash_ignores_key_order_but_not_values() -> None:
    first = payload("dossier")
    reordered = dict(reversed(list(first.items())))
    assert content_hash("dossier", first) == content_hash("dossier", reordered)
    assert content_hash("dossier", first) != content_hash("payment", first)
    assert content_hash("dossier", first) != content_hash("dossier", {**first, "ChuHoSo": "X"})
