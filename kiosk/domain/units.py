"""Administrative units since 1 July 2025: 34 provinces → communes, wards, special zones.

The data is the pinned, bundled ``resources/units/units.json.gz`` (built by
``scripts/build_units.py`` from ``vietnam-provinces``; see ``resources/units/README.md``).
Codes are strings: provinces two digits (``"56"``), wards five digits (``"22366"``).
The file is read once, lazily, by :func:`default_units`; the old-name index is built on
first use. Search is diacritic-insensitive through :func:`kiosk.domain.text.fold`.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.domain.text import fold
from kiosk.paths import asset

UNIT_TYPES: dict[str, tuple[str, str]] = {
    "tinh": ("Tỉnh", "Province"),
    "thanh_pho": ("Thành phố trực thuộc trung ương", "Centrally governed city"),
    "xa": ("Xã", "Commune"),
    "phuong": ("Phường", "Ward"),
    "dac_khu": ("Đặc khu", "Special zone"),
}
_PREFIXES = ("thanh pho ", "tinh ", "phuong ", "xa ", "dac khu ", "thi tran ")
_TYPE_WORDS = {"xa": "xa", "phuong": "phuong", "dac_khu": "dac khu"}


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    name: str
    type: str
    folded: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Ward:
    """A commune-level unit (xã, phường, đặc khu)."""

    code: str
    name: str
    type: str
    province_code: str
    folded: str = field(repr=False)  # folded name without the type word: "nha trang"

    @property
    def folded_full(self) -> str:
        """Folded name with the type word: "phuong nha trang"."""
        return f"{_TYPE_WORDS.get(self.type, self.type)} {self.folded}"


@dataclass(frozen=True, slots=True)
class OldUnitMatch:
    """A pre-reform ward name and the new ward(s) that took over its area.

    ``partly`` means the old ward was split between several new wards; ``verified`` is
    False for hand-maintained rows that are only inferred (see ``old_to_new.tsv``).
    """

    old_code: str  # "" when the old ward vanished before the package's legacy list
    old_name: str
    old_district: str
    old_province: str
    new_wards: tuple[Ward, ...]
    partly: bool
    verified: bool


def _short(text: str) -> str:
    folded = fold(text)
    for prefix in _PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded[len(prefix) :]
    return folded


def _rank(query: str, short: str, full: str) -> int | None:
    """0 exact, 1 prefix, 2 substring, 3 every query word starts a word; None: no match."""
    if query in (short, full):
        return 0
    if short.startswith(query) or full.startswith(query):
        return 1
    if query in full:
        return 2
    words = full.split()
    if all(any(w.startswith(q) for w in words) for q in query.split()):
        return 3
    return None


class UnitsIndex:
    """Look-ups over the provinces and wards; build with :meth:`load` or :meth:`from_document`."""

    def __init__(
        self, document: dict[str, Any], old_names: Callable[[], dict[str, Any]] | None = None
    ) -> None:
        self.package: str = document["package"]
        self.data_version: str = document["data_version"]
        self._provinces = {
            row[0]: Province(row[0], row[1], row[2], row[3]) for row in document["provinces"]
        }
        self._wards = {
            row[0]: Ward(row[0], row[1], row[2], row[3], row[4]) for row in document["wards"]
        }
        self._by_province: dict[str, list[Ward]] = {}
        for ward in self._wards.values():
            self._by_province.setdefault(ward.province_code, []).append(ward)
        self._old_names = old_names
        self._old: dict[str, list[list[Any]]] | None = None
        self._districts: dict[str, tuple[str, str]] = {}
        self._old_provinces: dict[str, str] = {}

    @classmethod
    def load(cls, path: Path, old_names_path: Path | None = None) -> UnitsIndex:
        """Read ``units.json.gz``; ``old_names.json.gz`` is read on the first old-name search."""
        old = functools.partial(_read_json, old_names_path) if old_names_path else None
        return cls(_read_json(path), old)

    # --- provinces and wards -------------------------------------------------------------

    def province(self, code: str) -> Province | None:
        return self._provinces.get(code)

    def provinces(self) -> list[Province]:
        return list(self._provinces.values())

    def ward(self, code: str) -> Ward | None:
        return self._wards.get(code)

    def wards_of(self, province_code: str) -> list[Ward]:
        return list(self._by_province.get(province_code, ()))

    def __len__(self) -> int:
        return len(self._wards)

    def search_wards(
        self, text: str, province_code: str | None = None, limit: int = 20
    ) -> list[Ward]:
        """Wards whose name matches ``text`` ignoring diacritics and case, best first."""
        query = fold(text)
        if not query:
            return []
        pool = self._wards.values() if province_code is None else self.wards_of(province_code)
        ranked: list[tuple[int, str, Ward]] = []
        for ward in pool:
            rank = _rank(query, ward.folded, ward.folded_full)
            if rank is not None:
                ranked.append((rank, ward.folded, ward))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [ward for _, _, ward in ranked[:limit]]

    # --- old names -----------------------------------------------------------------------

    def find_by_old_name(
        self, text: str, province_code: str | None = None, limit: int = 20
    ) -> list[OldUnitMatch]:
        """Pre-reform wards called ``text`` and the new wards that replaced them.

        ``province_code`` filters on the *new* province (Khánh Hòa "56" also finds former
        Ninh Thuận wards). Exact name matches if any, else names starting with ``text``.
        """
        queries = dict.fromkeys((fold(text), _short(text)))  # "Phương Sài" is no "Phường"
        queries.pop("", None)
        if not queries:
            return []
        index = self._old_index()
        rows = [row for query in queries for row in index.get(query, ())]
        if not rows:  # no exact name: names starting with what was typed
            rows = [
                row
                for key, group in index.items()
                if key not in queries and any(key.startswith(q) for q in queries)
                for row in group
            ]
        matches = [self._old_match(row) for row in rows]
        if province_code is not None:
            matches = [
                m for m in matches if any(w.province_code == province_code for w in m.new_wards)
            ]
        return matches[:limit]

    def _old_index(self) -> dict[str, list[list[Any]]]:
        if self._old is None:
            document = self._old_names() if self._old_names is not None else {}
            index: dict[str, list[list[Any]]] = {}
            for row in document.get("old_wards", ()):
                index.setdefault(row[5], []).append(row)
            self._districts = {r[0]: (r[1], r[2]) for r in document.get("old_districts", ())}
            self._old_provinces = {r[0]: r[1] for r in document.get("old_provinces", ())}
            self._old = index
        return self._old

    def _old_match(self, row: list[Any]) -> OldUnitMatch:
        code, name, district_code, partly, new_codes, _folded, verified = row
        district, province = self._districts.get(district_code, ("", ""))
        wards = tuple(w for w in (self._wards.get(c) for c in new_codes) if w is not None)
        return OldUnitMatch(
            code,
            name,
            district,
            self._old_provinces.get(province, ""),
            wards,
            bool(partly),
            bool(verified),
        )


def _read_json(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    document: dict[str, Any] = json.loads(raw)
    return document


@functools.cache
def default_units() -> UnitsIndex:
    """The bundled dataset, read once per process."""
    return UnitsIndex.load(asset("units", "units.json.gz"), asset("units", "old_names.json.gz"))
