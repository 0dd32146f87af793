"""PDF receipts: the text extracts exactly (every tone, đ, ₫), the fonts are embedded, the QR
codes decode from the rendered pages, and no full ID number is anywhere."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.printing import examples, pdf_render
from kiosk.printing.money import format_vnd
from kiosk.printing.pdf_render import build_pdf
from kiosk.printing.prepare import prepare
from kiosk.printing.testpage import alphabet_lines, build_test_page
from tests.printing import long_content
from tests.printing.conftest import zbar

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils not installed",
)
FULL_ID = re.compile(rb"(?<!\d)0\d{11}(?!\d)")
WHOLE_AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})* ₫")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60, check=True
    )
    return out.stdout.decode("utf-8")


def pdf_codes(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "q.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "page")], timeout=60, check=True
    )
    return [code for page in sorted(tmp_path.glob("page*.png")) for code in zbar(page)]


EXPECTED_DOSSIER = [
    "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang",
    "Phường Nha Trang, tỉnh Khánh Hòa",
    "GIẤY BIÊN NHẬN HỒ SƠ",
    "NT01-261122-0042",
    "Thời gian: 22/11/2026 09:41",
    "Người nộp: Nguyễn Thị Ánh Tuyết",
    "Số định danh: 056*****1234",
    "Thủ tục: 1.004222 – Đăng ký thường trú",
    "• Tờ khai thay đổi thông tin cư trú (CT01).pdf",
    "Lệ phí đăng ký thường trú",
    "20.000 ₫",
    "1.500.000 ₫",
    "Còn phải nộp bằng chữ: Một triệu năm trăm nghìn đồng",
    "Nhận kết quả: Gửi về nhà qua bưu chính công ích",
    "Người hỗ trợ: tnv.07",
    "Đường dây nóng: 0258 3822 222",
]


def test_a4_dossier_text_extracts_exactly(tmp_path: Path) -> None:
    data = build_pdf(prepare(examples.DOSSIER, examples.POINT), "a4")
    text = pdf_text(data, tmp_path)
    lines = {line.strip() for line in text.splitlines()}
    for expected in EXPECTED_DOSSIER:
        assert expected in lines, expected
    assert examples.EXAMPLE_ID.encode() not in data and not FULL_ID.search(text.encode())


def test_reprint_pdf_says_copy(tmp_path: Path) -> None:
    receipt = prepare(examples.DOSSIER, examples.POINT, copy_number=3, printed_at=examples.SAVED_AT)
    text = pdf_text(build_pdf(receipt, "80"), tmp_path)
    assert "BẢN SAO – in lại lần 3" in text


def test_every_tone_extracts_exactly(tmp_path: Path) -> None:
    page = build_test_page(
        examples.POINT,
        printer="none",
        profile="TM-T20II",
        paper=80,
        dots=576,
        at=examples.SAVED_AT,
    )
    text = pdf_text(build_pdf(page, "a4"), tmp_path)
    # pdftotext guesses word spaces from gaps; between single letters it often drops them,
    # so compare the characters without spaces: each letter, tone and đ exactly, in NFC
    lines = {"".join(line.split()) for line in text.splitlines()}
    for line in alphabet_lines():
        assert "•" + "".join(line.split()) in lines, line
    assert "•đĐ₫–0123456789" in lines


@pytest.mark.parametrize("paper", ["a4", "80", "58"])
def test_qr_codes_decode_from_the_pdf(paper: str, tmp_path: Path) -> None:
    data = build_pdf(prepare(examples.DOSSIER, examples.POINT), paper)
    found = pdf_codes(data, tmp_path)
    assert "https://dichvucong.khanhhoa.gov.vn/tra-cuu?ma=NT01-261122-0042" in found
    assert any(code.startswith("000201") and "NT01-261122-0042 LE PHI" in code for code in found)


def pdf_pages(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.M)
    assert found, info.stdout
    return int(found.group(1))


@pytest.mark.parametrize("kind", sorted(examples.EXAMPLES))
def test_every_kind_on_a4_is_one_page_in_12_pt(kind: str, tmp_path: Path) -> None:
    """A resident reads the A4 receipt in 12 pt: a larger size once sent the QR codes alone to
    a second page."""
    data = build_pdf(prepare(examples.EXAMPLES[kind], examples.POINT), "a4")
    assert pdf_pages(data, tmp_path) == 1
    assert pdf_render._a4_layout(prepare(examples.EXAMPLES[kind], examples.POINT)).body == 12


def papers(count: int) -> list[str]:
    return [f"Giấy tờ kèm theo số {n} – bản sao có chứng thực.pdf" for n in range(1, count + 1)]


def test_a4_print_gets_smaller_before_a_dossier_with_many_papers_takes_a_second_sheet(
    tmp_path: Path,
) -> None:
    twelve = prepare(long_content.dossier(papers=papers(12)), examples.POINT)
    assert pdf_render._a4_layout(twelve).body < 12
    assert pdf_pages(build_pdf(twelve, "a4"), tmp_path) == 1


def test_a4_receipt_too_long_for_a_sheet_keeps_each_code_with_its_caption(tmp_path: Path) -> None:
    data = build_pdf(prepare(long_content.dossier(papers=papers(20)), examples.POINT), "a4")
    assert pdf_pages(data, tmp_path) == 2
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    for number in (1, 2):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        image = tmp_path / f"p{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "150",
                "-png",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                str(path),
                str(image),
            ],
            timeout=60,
            check=True,
        )
        codes = zbar(image.with_suffix(".png"))
        captions = "Quét mã để tra cứu hồ sơ" in text, "Quét mã để chuyển khoản" in text
        assert captions == ((True, True) if codes else (False, False)), (number, codes)
        assert len(codes) in (0, 2)


@pytest.mark.parametrize("kind", sorted(examples.EXAMPLES))
def test_every_kind_on_a_roll_is_one_page_with_the_font_embedded(kind: str, tmp_path: Path) -> None:
    data = build_pdf(prepare(examples.EXAMPLES[kind], examples.POINT), "80")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "DejaVuSans" in fonts.stdout
    embedded = [line.split()[-5] for line in fonts.stdout.splitlines()[2:]]
    assert embedded and all(flag == "yes" for flag in embedded)
    text = pdf_text(data, tmp_path)
    assert examples.EXAMPLES[kind].receipt_code in text
    assert not FULL_ID.search(text.encode()) and examples.EXAMPLE_ID.encode() not in data


# --- amounts and long names on a roll -------------------------------------------------------

ROLL_FEES = {
    # a land-registration fee and a total of nine digits: 102.000.000 ₫ on 58 mm
    "two": [("Lệ phí trước bạ nhà, đất", 100_000_000), ("Phí thẩm định hồ sơ", 2_000_000)],
    # ten parcels: 1.000.000.000 ₫
    "ten": [(f"Lệ phí trước bạ – thửa đất số {i}", 100_000_000) for i in range(1, 11)],
    # the largest amounts the kiosk takes (money.max_vnd ≤ 10 000 000 000) and long names
    "largest": [
        (long_content.LONGEST_FEE, 10_000_000_000),
        (long_content.FEE_NAME, 10_000_000_000),
        ("Phí", 5_000),
    ],
}


@pytest.mark.parametrize("case", sorted(ROLL_FEES))
@pytest.mark.parametrize("paper", ["58", "80", "a4"])
def test_an_amount_is_never_broken_across_lines(paper: str, case: str, tmp_path: Path) -> None:
    fees = ROLL_FEES[case]
    receipt = prepare(long_content.dossier(fees=fees), examples.POINT)
    lines = [line.strip() for line in pdf_text(build_pdf(receipt, paper), tmp_path).splitlines()]
    total = sum(amount for _name, amount in fees)
    for amount in {*(amount for _name, amount in fees), total}:
        assert format_vnd(amount) in lines, format_vnd(amount)  # whole, on a line of its own
    for line in lines:  # the QR caption's amount too: every ₫ ends a whole amount
        assert "₫" not in WHOLE_AMOUNT.sub("", line), line
    text = long_content.words("\n".join(lines))
    for name, _amount in fees:
        assert name in text  # every fee's name in full, in order with its words


@pytest.mark.parametrize("paper", ["58", "80", "a4"])
def test_a_long_recipient_address_and_feedback_place_print_in_full(
    paper: str, tmp_path: Path
) -> None:
    for source, whole in (
        (long_content.postal_send(), long_content.RECIPIENT_ADDRESS),
        (long_content.postal_send(), long_content.RECIPIENT_NAME),
        (long_content.feedback_at_length(), long_content.PLACE),
    ):
        text = long_content.words(
            pdf_text(build_pdf(prepare(source, examples.POINT), paper), tmp_path)
        )
        assert long_content.words(whole) in text and "…" not in text


@pytest.mark.parametrize("paper", ["58", "80", "a4"])
def test_long_paper_and_fee_names_print_in_full(paper: str, tmp_path: Path) -> None:
    source = long_content.dossier(
        fees=[(long_content.FEE_NAME, 250_000)], papers=[long_content.PAPER_NAME]
    )
    receipt = prepare(source, examples.POINT)
    extracted = pdf_text(build_pdf(receipt, paper), tmp_path)
    text = long_content.words(extracted)
    assert f"• {long_content.PAPER_NAME}" in text and long_content.FEE_NAME in text
    assert "250.000 ₫" in {line.strip() for line in extracted.splitlines()}
    assert "…" not in text
