"""ESC/POS jobs decoded by an independent parser (tests/printing/escpos_parser.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from kiosk.printing import examples
from kiosk.printing.escpos_render import PrinterSetup, build_escpos, row_runs
from kiosk.printing.prepare import prepare
from kiosk.printing.raster import STYLES
from tests.printing.conftest import zbar_image
from tests.printing.escpos_parser import Job, page, parse

SYSTEM_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
LOOKUP = "https://dichvucong.khanhhoa.gov.vn/tra-cuu?ma=NT01-261122-0042"
TITLE = "GIẤY BIÊN NHẬN HỒ SƠ"


def job_for(kind: str, profile: str, paper: int, mode: str = "raster", copy: int = 0) -> Job:
    receipt = prepare(
        examples.EXAMPLES[kind], examples.POINT, copy_number=copy, printed_at=examples.SAVED_AT
    )
    return parse(build_escpos(receipt, PrinterSetup(profile, paper, mode)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("profile", "paper", "dots"),
    [("TM-T20II", 80, 576), ("TM-T20II", 58, 384), ("POS-5890", 58, 384), ("TM-T88V", 80, 512)],
)
@pytest.mark.parametrize("kind", sorted(examples.EXAMPLES))
def test_raster_width_is_the_paper_width_and_job_is_framed(
    kind: str, profile: str, paper: int, dots: int
) -> None:
    job = job_for(kind, profile, paper)
    assert job.commands[0] == "ESC @"
    assert job.rasters and {r.width for r in job.rasters} == {dots}
    assert not job.text, "raster mode sends no text"
    if profile == "POS-5890":  # no cutter: the job ends with a feed past the tear bar
        assert job.commands[-1].startswith("ESC d")
    else:
        assert job.commands[-2].startswith("ESC d") and job.commands[-1].startswith("GS V")


@pytest.mark.parametrize(("profile", "paper"), [("TM-T20II", 80), ("POS-5890", 58)])
def test_qr_codes_decode_from_the_printed_page(profile: str, paper: int, tmp_path: Path) -> None:
    job = job_for("dossier", profile, paper)
    native = profile == "TM-T20II"
    assert bool(job.qrs) is native  # POS-5890 has no QR command: its codes are pixels
    found = zbar_image(page(job), tmp_path)
    assert LOOKUP in found
    vietqr = next(code for code in found if code.startswith("000201"))
    assert "0823NT01-261122-0042 LE PHI" in vietqr and "54071500000" in vietqr


@pytest.mark.parametrize("kind", sorted(examples.EXAMPLES))
def test_every_kind_has_a_qr_with_its_receipt_code(kind: str, tmp_path: Path) -> None:
    job = job_for(kind, "POS-5890", 58)
    code = examples.EXAMPLES[kind].receipt_code
    assert any(code in found for found in zbar_image(page(job), tmp_path))


def test_typical_dossier_on_80mm_stays_under_60_kb() -> None:
    receipt = prepare(examples.DOSSIER, examples.POINT)
    data = build_escpos(receipt, PrinterSetup("TM-T20II", 80))
    assert len(data) < 60_000


# --- the text is Vietnamese, not tofu -------------------------------------------------------


def ink_boxes(image: Image.Image, max_gap: int = 4) -> list[Image.Image]:
    """Each printed line (ink rows, gaps of up to ``max_gap`` blank rows bridged), cropped to
    its ink."""
    grey = image.convert("L")
    width, height = grey.size
    rows = grey.tobytes()
    inked = [min(rows[y * width : (y + 1) * width]) < 128 for y in range(height)]
    boxes: list[tuple[int, int]] = []
    for y, has_ink in enumerate(inked):
        if not has_ink:
            continue
        if boxes and y - boxes[-1][1] <= max_gap + 1:
            boxes[-1] = (boxes[-1][0], y + 1)
        else:
            boxes.append((y, y + 1))
    crops = []
    for top, bottom in boxes:
        band = grey.crop((0, top, width, bottom))
        bbox = Image.eval(band, lambda v: 255 - v).getbbox()
        if bbox:
            crops.append(band.crop(bbox))
    return crops


def reference(text: str, size: int) -> Image.Image:
    """``text`` drawn independently (the system's DejaVu Sans Bold), black on white, cropped."""
    font = ImageFont.truetype(str(SYSTEM_BOLD), size)
    canvas = Image.new("L", (int(font.getlength(text)) + 40, size * 3), 255)
    ImageDraw.Draw(canvas).text((20, size * 2), text, font=font, fill=0, anchor="ls")
    canvas = canvas.point(lambda v: 255 if v >= 150 else 0)
    bbox = Image.eval(canvas, lambda v: 255 - v).getbbox()
    assert bbox is not None
    return canvas.crop(bbox)


def similarity(a: Image.Image, b: Image.Image) -> float:
    """Black-pixel intersection over union; 0 if the sizes differ by more than 2 px."""
    if abs(a.width - b.width) > 2 or abs(a.height - b.height) > 2:
        return 0.0
    w, h = min(a.width, b.width), min(a.height, b.height)
    pa, pb = a.crop((0, 0, w, h)).tobytes(), b.crop((0, 0, w, h)).tobytes()
    both = sum(1 for x, y in zip(pa, pb, strict=True) if x < 128 and y < 128)
    either = sum(1 for x, y in zip(pa, pb, strict=True) if x < 128 or y < 128)
    return both / either if either else 0.0


def best_match(boxes: list[Image.Image], text: str, size: int) -> float:
    wanted = reference(text, size)
    return max(similarity(box, wanted) for box in boxes)


@pytest.mark.skipif(not SYSTEM_BOLD.exists(), reason="system DejaVu Sans Bold not installed")
@pytest.mark.parametrize(("profile", "paper"), [("TM-T20II", 80), ("POS-5890", 58)])
def test_title_is_drawn_with_its_diacritics_not_tofu(profile: str, paper: int) -> None:
    job = job_for("dossier", profile, paper)
    size = STYLES[384 if paper == 58 else 576].title
    boxes = ink_boxes(page(job))
    # sub-pixel placement differs between the two drawings: ~0.86 for the same words
    assert best_match(boxes, TITLE, size) > 0.75
    folded = "GIAY BIEN NHAN HO SO"
    tofu = "".join(ch if ch.isascii() else "\u25a1" for ch in TITLE)  # □ for every missing glyph
    assert best_match(boxes, folded, size) < 0.5  # the marks are there, and are not boxes
    assert best_match(boxes, tofu, size) < 0.5


def is_bar(image: Image.Image) -> bool:
    """A wide black bar (not a 2-px rule, not a square QR code)."""
    data = image.tobytes()
    dark = sum(1 for v in data if v < 128) / len(data)
    return image.width > 400 and image.height > 10 and dark > 0.5


@pytest.mark.skipif(not SYSTEM_BOLD.exists(), reason="system DejaVu Sans Bold not installed")
def test_copy_mark_is_printed_on_a_reprint() -> None:
    original = ink_boxes(page(job_for("payment", "TM-T20II", 80)))
    reprint = ink_boxes(page(job_for("payment", "TM-T20II", 80, copy=1)))
    assert not [box for box in original if is_bar(box)]
    bars = [box for box in reprint if is_bar(box)]
    assert len(bars) == 1, "one black bar with the words in white"
    words = Image.eval(bars[0], lambda v: 255 - v)  # white on black → black on white
    inner = ink_boxes(words.crop((8, 2, words.width - 8, words.height - 2)))
    # white strokes on black print thinner than the black-on-white reference: ~0.67
    assert best_match(inner, "BẢN SAO – in lại lần 1", STYLES[576].body) > 0.6
    assert best_match(inner, "BAN SAO - in lai lan 1", STYLES[576].body) < 0.5


# --- text modes --------------------------------------------------------------------------


def test_cp1258_text_mode_decodes_to_the_vietnamese_words() -> None:
    job = job_for("dossier", "TM-T20II", 80, mode="text")
    assert job.code_page == 52  # CP1258 in this profile
    text = unicodedata.normalize("NFC", job.text.decode("cp1258"))
    for expected in (TITLE, "Nguyễn Thị Ánh Tuyết", "056*****1234", "1.500.000 ₫"):
        assert expected in text
    assert "Bằng chữ: Một triệu năm trăm nghìn đồng" in text
    assert max(len(line) for line in text.splitlines()) <= 48
    assert examples.EXAMPLE_ID not in text


def test_text_mode_falls_back_to_ascii_without_cp1258() -> None:
    job = job_for("dossier", "TM-T88III", 80, mode="text")  # no CP1258 in this profile
    assert job.code_page is None
    text = job.text.decode("ascii")
    assert "GIAY BIEN NHAN HO SO" in text and "Nguyen Thi Anh Tuyet" in text
    assert "1.500.000 d" in text and examples.EXAMPLE_ID not in text


def test_ascii_mode_on_a_58mm_printer() -> None:
    job = job_for("visit", "POS-5890", 58, mode="ascii")
    text = job.text.decode("ascii")
    assert "PHIEU GHI NHAN HO TRO" in text
    assert max(len(line) for line in text.splitlines()) <= 32


# --- blank rows as feeds ---------------------------------------------------------------------


def test_blank_runs_become_feeds_and_short_gaps_stay_pixels() -> None:
    image = Image.new("1", (16, 30), 1)
    draw = ImageDraw.Draw(image)
    draw.line((0, 2, 15, 2), fill=0)
    draw.line((0, 5, 15, 5), fill=0)  # a 2-row gap: kept as pixels
    draw.line((0, 20, 15, 20), fill=0)  # a 14-row gap: a feed
    assert row_runs(image) == [
        (0, 2, True),
        (2, 6, False),
        (6, 20, True),
        (20, 21, False),
        (21, 30, True),
    ]
