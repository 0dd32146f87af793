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
from tests.printing import long_content
from tests.printing.conftest import zbar_image
from tests.printing.escpos_parser import Job, page, parse

SYSTEM_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SYSTEM_REGULAR = SYSTEM_BOLD.with_name("DejaVuSans.ttf")
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


def test_typical_dossier_on_80mm_stays_under_80_kb() -> None:
    """A guard against a raster gone wrong (blank lines sent as ink, a doubled page): the
    example dossier is ~66 KB, two seconds on a 38,400-baud serial line."""
    receipt = prepare(examples.DOSSIER, examples.POINT)
    data = build_escpos(receipt, PrinterSetup("TM-T20II", 80))
    assert len(data) < 80_000


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


def reference(text: str, size: int, font_file: Path = SYSTEM_BOLD) -> Image.Image:
    """``text`` drawn independently (the system's DejaVu Sans Bold), black on white, cropped."""
    font = ImageFont.truetype(str(font_file), size)
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


def best_match(
    boxes: list[Image.Image], text: str, size: int, font_file: Path = SYSTEM_BOLD
) -> float:
    wanted = reference(text, size, font_file)
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


def greedy_lines(text: str, font: ImageFont.FreeTypeFont, width: float, indent: float) -> list[str]:
    """``text`` wrapped at spaces to ``width`` (lines after the first ``indent`` narrower)."""
    lines: list[list[str]] = [[]]
    for word in text.split(" "):
        limit = width - (indent if len(lines) > 1 else 0)
        if lines[-1] and font.getlength(" ".join([*lines[-1], word])) > limit:
            lines.append([])
        lines[-1].append(word)
    return [" ".join(line) for line in lines]


@pytest.mark.skipif(not SYSTEM_REGULAR.exists(), reason="system DejaVu Sans not installed")
@pytest.mark.parametrize(("profile", "paper"), [("TM-T20II", 80), ("POS-5890", 58)])
def test_raster_draws_long_names_to_their_last_word(profile: str, paper: int) -> None:
    source = long_content.dossier(
        fees=[(long_content.LONGEST_FEE, 10_000_000_000)], papers=[long_content.PAPER_NAME]
    )
    job = parse(build_escpos(prepare(source, examples.POINT), PrinterSetup(profile, paper)))
    boxes = ink_boxes(page(job))
    style = STYLES[384 if paper == 58 else 576]
    font = ImageFont.truetype(str(SYSTEM_REGULAR), style.body)
    paper_lines = greedy_lines(
        f"• {long_content.PAPER_NAME}", font, style.inner, font.getlength("• ")
    )
    # a fee name too long to sit beside its amount takes the full width, the amount below it
    fee_lines = greedy_lines(long_content.LONGEST_FEE, font, style.inner, 0)
    assert len(paper_lines) >= 5 and len(fee_lines) >= 7
    for line in (*paper_lines, *fee_lines, "10.000.000.000 ₫"):
        # the same font file on both sides: ~1.0 for the same words
        assert best_match(boxes, line, style.body, SYSTEM_REGULAR) > 0.9, line


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
    assert "Còn phải nộp bằng chữ: Một triệu năm trăm nghìn đồng" in long_content.words(text)
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


# --- text modes: the words beside the QR codes -----------------------------------------------

# what the printer shows: CP1258 text has every mark (– as -), ASCII none
TRANSFER_WORDS = {
    "text": ("Quét mã để chuyển khoản: 1.500.000 ₫", "Nội dung: NT01-261122-0042 LE PHI"),
    "ascii": ("Quet ma de chuyen khoan: 1.500.000 d", "Noi dung: NT01-261122-0042 LE PHI"),
}
TRANSFER_BANK = {  # beside the code: the transfer's fields, one labelled fact a line
    "text": ("Ngân hàng: VietinBank", "Số tài khoản: 113366668888"),
    "ascii": ("Ngan hang: VietinBank", "So tai khoan: 113366668888"),
}
TRANSFER_DETAILS = {  # where the printer cannot draw the code: the details to type
    "text": (
        "Thông tin chuyển khoản",
        "Số tiền: 1.500.000 ₫",
        "Ngân hàng: VietinBank",
        "Số tài khoản: 113366668888",
        "Tên thụ hưởng: UBND PHUONG NHA TRANG",
        "Nội dung: NT01-261122-0042 LE PHI",
    ),
    "ascii": (
        "Thong tin chuyen khoan",
        "So tien: 1.500.000 d",
        "Ngan hang: VietinBank",
        "So tai khoan: 113366668888",
        "Ten thu huong: UBND PHUONG NHA TRANG",
        "Noi dung: NT01-261122-0042 LE PHI",
    ),
}


def printed_text(job: Job, items: list[object] | None = None) -> str:
    """The text the printer prints (CP1258 when the job chose it, else ASCII), NFC."""
    data = b"".join(i[1] for i in (items or job.items) if isinstance(i, tuple) and i[0] == "text")
    decoded = data.decode("cp1258") if job.code_page is not None else data.decode("ascii")
    return unicodedata.normalize("NFC", decoded)


@pytest.mark.parametrize(
    ("profile", "paper", "mode"),
    [("TM-T20II", 80, "text"), ("TM-T20II", 58, "ascii"), ("TM-T88V", 80, "text")],
)
def test_text_modes_print_each_qr_caption_before_its_code(
    profile: str, paper: int, mode: str
) -> None:
    job = job_for("dossier", profile, paper, mode=mode)
    assert [qr.data.decode()[:6] for qr in job.qrs] == ["https:", "000201"]
    lookup_at, payment_at = (job.items.index(qr) for qr in job.qrs)
    before_lookup = long_content.words(printed_text(job, job.items[:lookup_at]))
    before_payment = long_content.words(printed_text(job, job.items[lookup_at:payment_at]))
    after = long_content.words(printed_text(job, job.items[payment_at:]))
    caption = "Quét mã để tra cứu hồ sơ" if mode == "text" else "Quet ma de tra cuu ho so"
    assert before_lookup.endswith(caption)
    amount, content = TRANSFER_WORDS[mode]
    assert before_payment.startswith(amount) and before_payment.endswith(content)
    bank, account = TRANSFER_BANK[mode]
    assert bank in before_payment and account in before_payment
    assert "0258 3822 222" in after  # the footer follows the codes, as on the raster


@pytest.mark.parametrize("mode", ["text", "ascii"])
def test_text_modes_without_a_qr_command_print_what_the_codes_hold(mode: str) -> None:
    job = job_for("dossier", "POS-5890", 58, mode=mode)  # no QR command; CP1258 is page 27
    assert not job.qrs and job.code_page == (27 if mode == "text" else None)
    text = printed_text(job)
    assert max(len(line) for line in text.splitlines()) <= 32
    flat = long_content.words(text)
    for detail in TRANSFER_DETAILS[mode]:
        assert detail in flat, detail
    lookup = "https://dichvucong.khanhhoa.gov.vn/tra-cuu?ma=NT01-261122-0042"
    label = "Tra cứu hồ sơ:" if mode == "text" else "Tra cuu ho so:"
    assert (label + lookup).replace(" ", "") in flat.replace(" ", "")  # wrapped by characters
    assert "Quét mã" not in flat and "Quet ma" not in flat  # no code: nothing asks to scan


@pytest.mark.parametrize(
    ("profile", "paper", "mode"), [("TM-T20II", 80, "text"), ("POS-5890", 58, "ascii")]
)
def test_text_modes_print_long_names_in_full(profile: str, paper: int, mode: str) -> None:
    source = long_content.dossier(
        fees=[(long_content.FEE_NAME, 250_000), (long_content.LONGEST_FEE, 10_000_000_000)],
        papers=[long_content.PAPER_NAME],
    )
    receipt = prepare(source, examples.POINT)
    job = parse(build_escpos(receipt, PrinterSetup(profile, paper, mode)))  # type: ignore[arg-type]
    text = printed_text(job)
    columns = 48 if paper == 80 else 32
    assert max(len(line) for line in text.splitlines()) <= columns
    lines = [line.strip() for line in text.splitlines()]
    flat = long_content.words(text)
    if mode == "text":
        names = (long_content.FEE_NAME, long_content.LONGEST_FEE.replace("–", "-"))
        paper_name, amounts = long_content.PAPER_NAME, ("250.000 ₫", "10.000.000.000 ₫")
    else:
        names = (
            "250,000 VND (- Sat hach thuc hanh (Mien ke tu ngay 07/4/2026 den 30/6/2026 theo "
            "Thong tu 40/2026/TT-BTC))",
            "Le phi cap Giay chung nhan quyen su dung dat, quyen so huu nha o va tai san khac "
            "gan lien voi dat cho ho gia dinh, ca nhan tai cac phuong thuoc thanh pho truc "
            "thuoc trung uong va thi xa, thanh pho thuoc tinh (chi co quyen su dung dat, khong "
            "co nha va tai san khac gan lien voi dat) - cap moi lan dau.",
        )
        paper_name = (
            "Van ban neu ro nguon goc xang dau, khi xuat khau (nguon do Thuong nhan nhap khau "
            "hoac mua cua Thuong nhan dau moi nhap khau hoac lay tu nguon san xuat, pha che xang "
            "dau, khi) - 01 ban chup.pdf"
        )
        amounts = ("250.000 d", "10.000.000.000 d")
    for name in names:
        assert name in flat
    assert f"* {paper_name}" in flat
    assert all(amount in lines for amount in amounts)  # each on a line of its own
    assert "…" not in flat and "..." not in flat
