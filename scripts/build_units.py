"""Build ``resources/units/units.json.gz``: Vietnam's administrative units since 1/7/2025.

Sources (both GPL-3.0, statistics-office data packaged by Nguyễn Hồng Quân):

* the new units (34 provinces, their communes/wards/special zones) come from the pinned
  ``vietnam-provinces==2025.10.1``, which must be installed in the running interpreter
  (``pip install '.[units]'``);
* the old → new ward table comes from a *newer* release's wheel (``--conversion-wheel``,
  e.g. ``vietnam_provinces-2026.9.0-py3-none-any.whl`` from ``pip download --no-deps``),
  which carries ``_ward_conversion_2025.py`` and the pre-2025 units in ``legacy/``.
  That wheel needs Python >= 3.12, so it is never imported: its modules are parsed with
  ``ast`` and only literal data is read. Some new-ward codes differ between the two
  releases, so each target is translated to the pinned dataset by (province, name).

Run from the repository root::

    pip download --no-deps --python-version 3.12 --only-binary=:all: \\
        vietnam-provinces==2026.9.0 -d /tmp/vp
    .venv/bin/python scripts/build_units.py \\
        --conversion-wheel /tmp/vp/vietnam_provinces-2026.9.0-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.domain.text import fold, fold_words, nfc  # noqa: E402

PINNED_VERSION = "2025.10.1"
CONVERSION_VERSION = "2026.9.0"
CONVERSION_SHA256 = "b5f3540a98937d38b9bebcbdb792fa4f5b9712737d41b05c7254beb2308ebcd1"
FORMAT = 1

_TYPES = {
    "tỉnh": "tinh",
    "thành phố trung ương": "thanh_pho",
    "xã": "xa",
    "phường": "phuong",
    "đặc khu": "dac_khu",
}
_PREFIXES = ("thanh pho ", "tinh ", "phuong ", "xa ", "dac khu ", "thi tran ")


def short_fold(name: str) -> str:
    """Folded name without its unit-type prefix: 'Phường Lộc Thọ' → 'loc tho'."""
    folded = fold(name)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def exact_key(name: str) -> str:
    """Key for the spelling noise between releases: ’ vs ', doubled spaces, 'xã' vs 'Xã'."""
    return " ".join(nfc(name).replace("’", "'").lower().split())


def loose_key(name: str) -> str:
    """Fallback key that also ignores tone placement ('Thuỷ' vs 'Thủy')."""
    return " ".join(fold_words(name))


# --- the pinned new units ---------------------------------------------------------------


def load_new_units() -> tuple[list[list[Any]], list[list[Any]], str]:
    import vietnam_provinces as vp

    if vp.__version__ != PINNED_VERSION:
        raise SystemExit(f"need vietnam-provinces=={PINNED_VERSION}, found {vp.__version__}")
    nested = json.loads(vp.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    provinces: list[list[Any]] = []
    wards: list[list[Any]] = []
    for province in nested:
        pcode = f"{province['code']:02d}"
        pname = " ".join(province["name"].split())
        provinces.append([pcode, pname, _TYPES[province["division_type"]], short_fold(pname)])
        for ward in province["wards"]:
            name = " ".join(ward["name"].split())
            wtype = _TYPES[ward["division_type"]]
            wards.append([f"{ward['code']:05d}", name, wtype, pcode, short_fold(name)])
    return provinces, wards, str(vp.__data_version__)


# --- literal data from the newer wheel, without importing it ----------------------------


def literal(node: ast.AST) -> Any:
    """Evaluate constants, tuples, lists, dicts, ``Name(...)`` calls and ``Enum.MEMBER``."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Tuple | ast.List):
        return [literal(item) for item in node.elts]
    if isinstance(node, ast.Dict):
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values, strict=True) if k}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return [literal(arg) for arg in node.args]
    if isinstance(node, ast.Attribute):
        return node.attr
    raise ValueError(f"unexpected syntax at line {getattr(node, 'lineno', '?')}")


def module_tables(source: str, names: set[str]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for statement in ast.parse(source).body:
        target = statement.target if isinstance(statement, ast.AnnAssign) else None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
        value = getattr(statement, "value", None)
        if isinstance(target, ast.Name) and target.id in names and value is not None:
            tables[target.id] = literal(value)
    return tables


def read_wheel(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != CONVERSION_SHA256:
        raise SystemExit(f"{path.name}: sha256 {digest} is not the pinned {CONVERSION_SHA256}")
    with zipfile.ZipFile(path) as wheel:

        def text(member: str) -> str:
            return wheel.read(f"vietnam_provinces/{member}").decode("utf-8")

        legacy = module_tables(
            text("legacy/_lookup.py"), {"PROVINCE_MAPPING", "DISTRICT_MAPPING", "WARD_MAPPING"}
        )
        conversion = module_tables(
            text("_ward_conversion_2025.py"), {"OLD_TO_NEW", "EFFECTIVE_DATE", "SOURCE"}
        )
        init = module_tables(text("__init__.py"), {"__version__", "__data_version__"})
        nested = json.loads(text("data/nested-divisions.json"))
    if init["__version__"] != CONVERSION_VERSION:
        raise SystemExit(f"conversion wheel is {init['__version__']}, not {CONVERSION_VERSION}")
    return {"legacy": legacy, "conversion": conversion, "init": init, "nested": nested,
            "sha256": digest}  # fmt: skip


# --- old → new --------------------------------------------------------------------------


def translate_codes(
    newer_nested: list[dict[str, Any]], wards: list[list[Any]]
) -> tuple[dict[int, str], Counter[str]]:
    """Newer-release ward code → pinned ward code, matched by province and name."""
    exact: dict[tuple[str, str], list[str]] = {}
    loose: dict[tuple[str, str], list[str]] = {}
    for code, name, _type, pcode, _folded in wards:
        exact.setdefault((pcode, exact_key(name)), []).append(code)
        loose.setdefault((pcode, loose_key(name)), []).append(code)
    mapping: dict[int, str] = {}
    stats: Counter[str] = Counter()
    for province in newer_nested:
        pcode = f"{province['code']:02d}"
        for ward in province["wards"]:
            found = exact.get((pcode, exact_key(ward["name"])))
            if found is None:
                found = loose.get((pcode, loose_key(ward["name"])), [])
            if len(found) == 1:
                mapping[ward["code"]] = found[0]
                stats["same code" if found[0] == f"{ward['code']:05d}" else "code differs"] += 1
            else:
                stats["no unique match"] += 1
                print(f"  no match for {ward['code']} {ward['name']} ({pcode})", file=sys.stderr)
    return mapping, stats


def build_old(
    wheel: dict[str, Any], code_map: dict[int, str]
) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]], Counter[str]]:
    legacy = wheel["legacy"]
    old_provinces = [
        [f"{code:02d}", " ".join(row[0].split())]
        for code, row in sorted(legacy["PROVINCE_MAPPING"].items())
    ]
    old_districts = [
        [f"{code:03d}", " ".join(row[0].split()), row[4].removeprefix("P_")]
        for code, row in sorted(legacy["DISTRICT_MAPPING"].items())
    ]
    old_wards: list[list[Any]] = []
    stats: Counter[str] = Counter()
    for code, entry in sorted(wheel["conversion"]["OLD_TO_NEW"].items()):
        (old_code, district_code, _province_code, partly), targets = entry
        row = legacy["WARD_MAPPING"].get(old_code)
        if row is None:
            stats["old ward missing from legacy list"] += 1
            continue
        new_codes = sorted({code_map[t[0]] for t in targets if t[0] in code_map})
        if not new_codes:
            stats["no target in pinned dataset"] += 1
            continue
        stats["old wards mapped"] += 1
        stats["partly merged"] += bool(partly)
        name = " ".join(row[0].split())
        old_wards.append(
            [f"{code:05d}", name, f"{district_code:03d}", int(bool(partly)), new_codes,
             short_fold(name), 1]
        )  # fmt: skip
    return old_provinces, old_districts, old_wards, stats


def read_supplement(
    path: Path, wards: list[list[Any]], old_districts: list[list[Any]]
) -> list[list[Any]]:
    """Rows of the hand-maintained ``old_to_new.tsv``, checked against the dataset."""
    names = {row[0]: row[1] for row in wards}
    districts = {(row[2], row[1]): row[0] for row in old_districts}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    header, body = rows[0], rows[1:]
    out: list[list[Any]] = []
    for number, cells in enumerate(body, start=2):
        row = dict(zip(header, (nfc(c.strip()) for c in cells), strict=True))
        if names.get(row["new_code"]) != row["new_name"]:
            problem = f"{row['new_code']} is not {row['new_name']}"
            raise SystemExit(f"{path.name} row {number}: {problem}")
        district = districts.get((row["old_province"], row["old_district"]))
        if district is None:
            raise SystemExit(f"{path.name} row {number}: unknown district {row['old_district']}")
        if row["status"] not in {"confirmed", "inferred"}:
            raise SystemExit(f"{path.name} row {number}: status must be confirmed or inferred")
        verified = int(row["status"] == "confirmed")
        out.append(["", row["old_name"], district, 0, [row["new_code"]],
                    short_fold(row["old_name"]), verified])  # fmt: skip
    return out


def write_gz(target: Path, document: dict[str, Any]) -> None:
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {target} ({target.stat().st_size} bytes, {len(raw)} uncompressed)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversion-wheel", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "units")
    args = parser.parse_args(argv)

    provinces, wards, data_version = load_new_units()
    wheel = read_wheel(args.conversion_wheel)
    code_map, translate_stats = translate_codes(wheel["nested"], wards)
    old_provinces, old_districts, old_wards, old_stats = build_old(wheel, code_map)
    supplement = read_supplement(args.out / "old_to_new.tsv", wards, old_districts)
    old_wards.extend(supplement)
    document = {
        "format": FORMAT,
        "package": f"vietnam-provinces=={PINNED_VERSION}",
        "data_version": data_version,
        "conversion": {
            "package": f"vietnam-provinces=={CONVERSION_VERSION}",
            "data_version": wheel["init"]["__data_version__"],
            "source": wheel["conversion"]["SOURCE"],
            "effective": wheel["conversion"]["EFFECTIVE_DATE"],
            "wheel_sha256": wheel["sha256"],
        },
        "columns": {
            "provinces": ["code", "name", "type", "folded"],
            "wards": ["code", "name", "type", "province", "folded"],
        },
        "provinces": provinces,
        "wards": wards,
    }
    old_document = {
        "format": FORMAT,
        "package": document["package"],
        "conversion": document["conversion"],
        "columns": {
            "old_provinces": ["code", "name"],
            "old_districts": ["code", "name", "province"],
            "old_wards": ["code", "name", "district", "partly", "new", "folded", "verified"],
        },
        "old_provinces": old_provinces,
        "old_districts": old_districts,
        "old_wards": old_wards,
    }
    write_gz(args.out / "units.json.gz", document)
    write_gz(args.out / "old_names.json.gz", old_document)
    print(f"provinces {len(provinces)}, wards {len(wards)}, data version {data_version}")
    print(f"code translation: {dict(translate_stats)}")
    print(f"old wards: {dict(old_stats)}; from old_to_new.tsv: {len(supplement)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
