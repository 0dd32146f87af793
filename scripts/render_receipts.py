"""Render the example receipts to PNG in ``docs/receipts/`` so that a person can look at them.

    .venv/bin/python scripts/render_receipts.py            # every kind, 58 and 80 mm
    .venv/bin/python scripts/render_receipts.py --out DIR

What is drawn is exactly what a thermal printer prints in raster mode (the same
:func:`kiosk.printing.raster.render_image`, QR codes as pixels), from the invented examples of
:mod:`kiosk.printing.examples`; also a reprint (BẢN SAO), the printer test page, and the A4
PDF of the dossier receipt as a page picture (needs ``pdftoppm`` from poppler-utils).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "kiosk-escpos-cache")
)

from kiosk.printing import examples  # noqa: E402
from kiosk.printing.pdf_render import build_pdf  # noqa: E402
from kiosk.printing.prepare import prepare  # noqa: E402
from kiosk.printing.raster import render_image  # noqa: E402
from kiosk.printing.testpage import build_test_page  # noqa: E402

PAPERS = {58: 384, 80: 576}


def render_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind, source in examples.EXAMPLES.items():
        receipt = prepare(source, examples.POINT)
        for paper, dots in PAPERS.items():
            path = out / f"{kind}-{paper}mm.png"
            render_image(receipt, dots).save(path, optimize=True)
            written.append(path)
    copy = prepare(examples.DOSSIER, examples.POINT, copy_number=1, printed_at=examples.SAVED_AT)
    written.append(out / "dossier-copy-80mm.png")
    render_image(copy, 576).save(written[-1], optimize=True)
    test = build_test_page(
        examples.POINT,
        printer="tcp:192.168.1.50:9100",
        profile="TM-T20II",
        paper=80,
        dots=576,
        at=examples.SAVED_AT,
    )
    written.append(out / "test-page-80mm.png")
    render_image(test, 576).save(written[-1], optimize=True)
    written += _a4(out)
    return written


def _a4(out: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: the A4 picture is not made", file=sys.stderr)
        return []
    pdf = build_pdf(prepare(examples.DOSSIER, examples.POINT), "a4")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "a4.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "90", "-png", "-singlefile", str(source), str(out / "dossier-a4")],
            check=True,
        )
    return [out / "dossier-a4.png"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "receipts")
    args = parser.parse_args()
    for path in render_all(args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
