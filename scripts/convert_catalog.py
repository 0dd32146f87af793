"""Convert the crawled national procedure catalogue to the kiosk's bundled contract-v1 file.

    python scripts/convert_catalog.py /work/shared/data/tthc/procedures.jsonl \
        -o resources/catalog/catalog-v1.json.gz

The logic lives in :mod:`kiosk.catalog.convert`; this script only parses arguments,
validates the result with the kiosk's own loader and reports what it wrote.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.catalog.convert import DEFAULT_VERSION, convert_file, write_catalog
from kiosk.catalog.model import load_catalog_file


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="procedures.jsonl (crawl format, SOURCE.md)")
    parser.add_argument("-o", "--output", type=Path, required=True, help=".json or .json.gz")
    parser.add_argument("--version", default=DEFAULT_VERSION, help="catalogue version string")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    doc = convert_file(args.source, version=args.version)
    size = write_catalog(doc, args.output)
    catalog = load_catalog_file(args.output)  # the file must pass the kiosk's own loader
    documents = sum(len(p["ThanhPhanHoSo"]) for p in catalog.procedures)
    print(
        f"{args.output}: {len(catalog.procedures)} procedures, {documents} documents, "
        f"version {catalog.version}, {size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
