"""The bundled units dataset: 34 provinces, wards, search, old names → new wards."""

from __future__ import annotations

import time

import pytest

from kiosk.domain.text import fold
from kiosk.domain.units import UnitsIndex, default_units
from kiosk.paths import asset

UNITS = default_units()


def test_thirty_four_provinces_and_khanh_hoa() -> None:
    assert len(UNITS.provinces()) == 34
    assert UNITS.province("56") is not None
    assert UNITS.province("56").name == "Khánh Hòa"  # type: ignore[union-attr]
    assert UNITS.province("58") is None  # Ninh Thuận merged into Khánh Hòa
    assert len(UNITS.wards_of("56")) == 65
    assert len(UNITS) == 3321


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("22366", "Phường Nha Trang"),
        ("22390", "Phường Tây Nha Trang"),
        ("22333", "Phường Bắc Nha Trang"),
        ("22402", "Phường Nam Nha Trang"),
        ("22736", "Đặc khu Trường Sa"),
    ],
)
def test_real_khanh_hoa_ward_codes(code: str, name: str) -> None:
    ward = UNITS.ward(code)
    assert ward is not None and ward.name == name and ward.province_code == "56"


def test_codes_are_zero_padded_strings() -> None:
    assert {len(p.code) for p in UNITS.provinces()} == {2}
    assert all(
        len(w.code) == 5 and w.code.isdigit()
        for p in UNITS.provinces()
        for w in UNITS.wards_of(p.code)
    )
    assert UNITS.ward("00004") is not None and UNITS.ward("4") is None


def test_folded_names_match_fold() -> None:
    for province in UNITS.provinces():
        for ward in UNITS.wards_of(province.code):
            assert ward.folded_full == fold(ward.name)


@pytest.mark.parametrize("query", ["nha trang", "NHA TRANG", "Nhà Trang", "phuong nha trang"])
def test_search_is_diacritic_and_case_insensitive(query: str) -> None:
    names = [w.name for w in UNITS.search_wards(query, "56")]
    assert names[0] == "Phường Nha Trang"
    assert {"Phường Bắc Nha Trang", "Phường Tây Nha Trang", "Phường Nam Nha Trang"} <= set(names)


def test_search_prefix_and_province_filter() -> None:
    assert [w.name for w in UNITS.search_wards("tay nha", "56")] == ["Phường Tây Nha Trang"]
    assert all(w.province_code == "56" for w in UNITS.search_wards("hoa", "56"))
    assert UNITS.search_wards("") == []
    assert UNITS.search_wards("zzzz khong co") == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Lộc Thọ", "Phường Nha Trang"),
        ("Tân Lập", "Phường Nha Trang"),
        ("Phương Sài", "Phường Tây Nha Trang"),
        ("Vĩnh Hiệp", "Phường Tây Nha Trang"),
        ("Vĩnh Phương", "Phường Bắc Nha Trang"),
        ("xa vinh phuong", "Phường Bắc Nha Trang"),
        ("PHƯỜNG LỘC THỌ", "Phường Nha Trang"),
    ],
)
def test_old_nha_trang_names_find_their_new_ward(old: str, new: str) -> None:
    matches = UNITS.find_by_old_name(old, "56")
    assert matches, old
    assert matches[0].new_wards[0].name == new
    assert matches[0].old_district == "Thành phố Nha Trang"


def test_find_by_old_name_without_province_filter() -> None:
    matches = UNITS.find_by_old_name("Vinh Hiep")
    assert "Phường Tây Nha Trang" in [w.name for m in matches for w in m.new_wards]
    assert len({m.old_province for m in matches}) > 1  # several old "Vĩnh Hiệp" in the country


def test_former_ninh_thuan_names_map_into_khanh_hoa() -> None:
    matches = UNITS.find_by_old_name("Phước Diêm", "56")
    assert matches and matches[0].old_province == "Tỉnh Ninh Thuận"
    assert matches[0].new_wards[0].province_code == "56"


def test_inferred_rows_are_flagged() -> None:
    (match,) = UNITS.find_by_old_name("Xương Huân", "56")
    assert not match.verified and match.old_code == ""
    (confirmed,) = UNITS.find_by_old_name("Tân Lập", "56")
    assert confirmed.verified


def test_split_old_wards_list_every_new_ward() -> None:
    (match,) = UNITS.find_by_old_name("Xã Cam Tân", "56")
    assert match.partly
    assert [w.name for w in match.new_wards] == ["Xã Cam Hiệp", "Xã Cam Lâm", "Xã Suối Dầu"]


def test_loading_is_fast() -> None:
    best = min(_timed_load() for _ in range(5))
    assert best < 0.05, f"units load took {best * 1000:.1f} ms"


def _timed_load() -> float:
    started = time.perf_counter()
    UnitsIndex.load(asset("units", "units.json.gz"), asset("units", "old_names.json.gz"))
    return time.perf_counter() - started


def test_old_name_index_is_built_on_first_use_only() -> None:
    """Loading the units must not pay for the 10,023 old names (speed: bench, not here)."""
    index = UnitsIndex.load(asset("units", "units.json.gz"), asset("units", "old_names.json.gz"))
    assert index._old is None
    assert index.find_by_old_name("Lộc Thọ")
    built = index._old
    assert built is not None
    index.find_by_old_name("Phương Sài")
    assert index._old is built  # built once


def test_default_units_is_cached() -> None:
    assert default_units() is default_units()
