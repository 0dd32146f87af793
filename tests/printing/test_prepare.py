"""prepare(): the words of every kind of receipt, from a record's payload (pure)."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest

from kiosk.printing import examples
from kiosk.printing.model import Receipt, Row
from kiosk.printing.prepare import ReceiptSource, prepare
from kiosk.printing.vietqr import crc16_ccitt_false
from tests.printing import long_content

POINT = examples.POINT
FULL_ID = re.compile(r"(?<!\d)0\d{11}(?!\d)")  # a CCCD: province code 001-096 first


def rows(receipt: Receipt) -> dict[str, Row]:
    return {row.label: row for section in receipt.sections for row in section.rows}


def test_dossier_receipt() -> None:
    receipt = prepare(examples.DOSSIER, POINT)
    assert receipt.title == "GIẤY BIÊN NHẬN HỒ SƠ"
    assert receipt.receipt_code == "NT01-261122-0042"
    assert receipt.issued_at == "22/11/2026 09:41"
    assert receipt.point.name == "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang"
    assert receipt.point.ward == "Phường Nha Trang, tỉnh Khánh Hòa"
    found = rows(receipt)
    assert found["Người nộp"].value == "Nguyễn Thị Ánh Tuyết"
    assert found["Số định danh"].value == "056*****1234"
    assert found["Thủ tục"].value == "1.004222 – Đăng ký thường trú"
    assert found["Tổng cộng"].value == "1.500.000 ₫" and found["Tổng cộng"].amount
    assert found["Nhận kết quả"].value == "Gửi về nhà qua bưu chính công ích"
    assert found["Ngày hẹn trả"].value == "Cơ quan tiếp nhận sẽ thông báo"
    fees = next(s for s in receipt.sections if s.heading == "Phí, lệ phí")
    assert found["Còn phải nộp"].value == "1.500.000 ₫" and found["Còn phải nộp"].strong
    assert fees.note == "Còn phải nộp bằng chữ: Một triệu năm trăm nghìn đồng"
    papers = next(s for s in receipt.sections if s.heading == "Giấy tờ đã nhận")
    assert papers.items[0] == "Tờ khai thay đổi thông tin cư trú (CT01).pdf"
    lookup, payment = receipt.qr_codes
    assert lookup.content == "https://dichvucong.khanhhoa.gov.vn/tra-cuu?ma=NT01-261122-0042"
    assert payment.purpose == "payment" and "54071500000" in payment.content
    assert payment.caption[0] == "Quét mã để chuyển khoản: 1.500.000 ₫"
    assert payment.caption[1:] == (
        "Ngân hàng: VietinBank",
        "Số tài khoản: 113366668888",
        "Tên thụ hưởng: UBND PHUONG NHA TRANG",
        "Nội dung: NT01-261122-0042 LE PHI",
    )
    then = next(s for s in receipt.sections if s.heading == "Việc tiếp theo")
    assert then.items[1] == "Khi có kết quả: bưu điện chuyển đến địa chỉ đã đăng ký nhận."
    assert "Người hỗ trợ: tnv.07" in receipt.footer
    assert not receipt.is_copy and receipt.copy_label is None


def test_vietqr_on_the_receipt_has_a_valid_crc() -> None:
    payment = prepare(examples.DOSSIER, POINT).qr_codes[1].content
    assert payment[-4:] == f"{crc16_ccitt_false(payment[:-4].encode()):04X}"
    assert "0823NT01-261122-0042 LE PHI" in payment


def test_paid_dossier_has_no_payment_code_and_known_due_date() -> None:
    source = dataclasses.replace(
        examples.DOSSIER,
        paid=1_500_000,
        due_at="20261205170000",
        ma_ho_so="000.00.32.H56-261122-0001",
    )
    receipt = prepare(source, POINT)
    found = rows(receipt)
    assert found["Còn phải nộp"].value == "0 ₫"
    assert found["Ngày hẹn trả"].value == "05/12/2026"
    assert found["Mã hồ sơ"].value == "000.00.32.H56-261122-0001"
    assert [q.purpose for q in receipt.qr_codes] == ["lookup"]


def test_a_part_paid_dossier_spells_the_amount_still_to_pay() -> None:
    """Under "Còn phải nộp 1.000.000 ₫" the words spelled the total: two sums to pay."""
    receipt = prepare(dataclasses.replace(examples.DOSSIER, paid=500_000), POINT)
    found = rows(receipt)
    assert found["Đã nộp"].value == "500.000 ₫"
    assert found["Còn phải nộp"].value == "1.000.000 ₫"
    fees = next(s for s in receipt.sections if s.heading == "Phí, lệ phí")
    assert fees.note == "Còn phải nộp bằng chữ: Một triệu đồng"
    assert receipt.qr_codes[1].caption[0] == "Quét mã để chuyển khoản: 1.000.000 ₫"
    settled = prepare(dataclasses.replace(examples.DOSSIER, paid=1_500_000), POINT)
    fees = next(s for s in settled.sections if s.heading == "Phí, lệ phí")
    assert fees.note == "Tổng cộng bằng chữ: Một triệu năm trăm nghìn đồng"


def test_the_due_date_stands_out_and_the_next_step_follows_the_return_method() -> None:
    at_office = {**examples.DOSSIER.payload, "HinhThucNhanKetQua": 0}
    source = dataclasses.replace(examples.DOSSIER, payload=at_office, due_at="20261205")
    receipt = prepare(source, POINT)
    assert rows(receipt)["Ngày hẹn trả"] == Row("Ngày hẹn trả", "05/12/2026", strong=True)
    then = next(s for s in receipt.sections if s.heading == "Việc tiếp theo")
    assert "Bộ phận Một cửa" in then.items[1] and "thẻ căn cước" in then.items[1]
    unknown = rows(prepare(examples.DOSSIER, POINT))["Ngày hẹn trả"]
    assert unknown.value == "Cơ quan tiếp nhận sẽ thông báo" and not unknown.strong


def test_no_lookup_url_puts_the_bare_code_in_the_qr() -> None:
    point = dataclasses.replace(POINT, lookup_url="")
    assert prepare(examples.DOSSIER, point).qr_codes[0].content == "NT01-261122-0042"
    templated = dataclasses.replace(POINT, lookup_url="https://x.vn/h/{code}/xem")
    assert prepare(examples.DOSSIER, templated).qr_codes[0].content == (
        "https://x.vn/h/NT01-261122-0042/xem"
    )


def test_dossier_without_fees() -> None:
    payload = {**examples.DOSSIER.payload, "DanhSachLePhi": [], "HinhThucNhanKetQua": 0}
    receipt = prepare(dataclasses.replace(examples.DOSSIER, payload=payload), POINT)
    fees = next(s for s in receipt.sections if s.heading == "Phí, lệ phí")
    assert fees.note == "Không thu phí, lệ phí" and not fees.rows
    assert rows(receipt)["Nhận kết quả"].value == "Nhận trực tiếp tại Bộ phận Một cửa"
    assert len(receipt.qr_codes) == 1


def test_reprint_is_marked_copy_with_its_count() -> None:
    at = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    receipt = prepare(examples.DOSSIER, POINT, copy_number=2, printed_at=at)
    assert receipt.copy_label == "BẢN SAO – in lại lần 2"
    assert receipt.printed_at == "23/11/2026 10:00"
    assert "BẢN SAO – in lại lần 2" in receipt.all_text()


def test_payment_awaiting_transfer_gets_a_vietqr_code() -> None:
    receipt = prepare(examples.PAYMENT, POINT)
    assert receipt.title == "PHIẾU GHI NHẬN NỘP TIỀN"
    found = rows(receipt)
    assert found["Số tiền"].value == "150.000 ₫"
    assert found["Hình thức"].value == "Chuyển khoản (VietQR)"
    assert found["Trạng thái"].value == "Chờ chuyển khoản"
    assert found["Hồ sơ"].value == "NT01-261122-0042"
    assert any(s.note == "Bằng chữ: Một trăm năm mươi nghìn đồng" for s in receipt.sections)
    assert [q.purpose for q in receipt.qr_codes] == ["lookup", "payment"]
    paid = {**examples.PAYMENT.payload, "MaThamChieu": "FT26326123456"}
    settled = prepare(dataclasses.replace(examples.PAYMENT, payload=paid), POINT)
    assert [q.purpose for q in settled.qr_codes] == ["lookup"]
    assert rows(settled)["Mã giao dịch"].value == "FT26326123456"


def test_registration_feedback_and_visit() -> None:
    registration = prepare(examples.REGISTRATION, POINT)
    found = rows(registration)
    assert registration.title == "PHIẾU ĐĂNG KÝ DỊCH VỤ"
    assert found["Dịch vụ"].value == "Đăng ký cấp nước sạch"
    assert found["Điện thoại"].value == "0905***456"
    assert found["Số định danh"].value == "056*****1234"
    assert found["Địa bàn"].value == "Phường Nha Trang, Khánh Hòa"
    assert "12 Trần Phú" not in " ".join(registration.all_text())  # no house number printed
    feedback = prepare(examples.FEEDBACK, POINT)
    assert rows(feedback)["Người gửi"].value == "Ẩn danh"
    visit = prepare(examples.VISIT, POINT)
    assert rows(visit)["Thủ tục"].value == "1.001193 – Thủ tục đăng ký khai sinh"
    assert rows(visit)["Thời gian hỗ trợ"].value == "25 phút"


@pytest.mark.parametrize("kind", sorted(examples.EXAMPLES))
def test_every_kind_has_the_fixed_parts_and_no_full_id(kind: str) -> None:
    receipt = prepare(examples.EXAMPLES[kind], POINT, copy_number=1, printed_at=examples.SAVED_AT)
    text = "\n".join(receipt.all_text())
    assert receipt.point.privacy in text and "0258 3822 222" in text
    assert receipt.qr_codes[0].purpose == "lookup"
    assert examples.EXAMPLE_ID not in text and not FULL_ID.search(text)
    assert "0905123456" not in text and "+84905123456" not in text


def test_ids_typed_into_free_text_are_masked() -> None:
    payload = {
        **examples.FEEDBACK.payload,
        "NoiDung": "Tôi là chủ thẻ 056095001234, gọi 0905123456 giúp tôi.",
    }
    receipt = prepare(dataclasses.replace(examples.FEEDBACK, payload=payload), POINT)
    text = "\n".join(receipt.all_text())
    assert "056095001234" not in text and "0905123456" not in text


def test_unknown_kind_refused() -> None:
    source = ReceiptSource("nope", "X", examples.SAVED_AT, "a", {})
    with pytest.raises(ValueError):
        prepare(source, POINT)


# --- long names from the national catalogue --------------------------------------------------


def test_long_fee_and_paper_names_are_kept_in_full() -> None:
    source = long_content.dossier(
        fees=[(long_content.FEE_NAME, 250_000), (long_content.LONGEST_FEE, 100_000)],
        papers=[long_content.PAPER_NAME],
    )
    receipt = prepare(source, POINT)
    fees = next(s for s in receipt.sections if s.heading == "Phí, lệ phí")
    assert len(long_content.LONGEST_FEE) == 300  # as long as the contract lets a fee name be
    assert [row.label for row in fees.rows[:2]] == [long_content.FEE_NAME, long_content.LONGEST_FEE]
    papers = next(s for s in receipt.sections if s.heading == "Giấy tờ đã nhận")
    assert papers.items == (long_content.PAPER_NAME,)


def test_names_beyond_the_bound_end_with_an_ellipsis() -> None:
    name = "Lệ phí " + "thẩm định hồ sơ " * 40  # ~650 characters: more than the contract lets in
    receipt = prepare(long_content.dossier(fees=[(name, 10_000)], papers=[name]), POINT)
    fees = next(s for s in receipt.sections if s.heading == "Phí, lệ phí")
    papers = next(s for s in receipt.sections if s.heading == "Giấy tờ đã nhận")
    for shown in (fees.rows[0].label, papers.items[0]):
        assert 250 < len(shown) <= 300 and shown.endswith("…")
        assert name.startswith(shown[:-1])


def test_a_postal_return_prints_the_address_the_post_delivers_to() -> None:
    """The resident checks where the result goes: house number included, for this kind only
    (a water registration prints the ward)."""
    payload = {
        **examples.REGISTRATION.payload,
        "DichVu": "postal_return",
        "ChiTiet": {"KhungGio": "gio_hanh_chinh"},
    }
    receipt = prepare(dataclasses.replace(examples.REGISTRATION, payload=payload), POINT)
    found = rows(receipt)
    assert found["Địa chỉ nhận kết quả"].value == "12 Trần Phú, Phường Nha Trang, Khánh Hòa"
    assert "Địa bàn" not in found


def test_registration_details_and_feedback_place_are_kept_as_long_as_they_may_be() -> None:
    """What the resident typed and the rules let in is printed whole: a recipient's address
    (200 characters) and name (100), a feedback's place (300)."""
    found = rows(prepare(long_content.postal_send(), POINT))
    assert len(long_content.RECIPIENT_ADDRESS) == 200 and len(long_content.RECIPIENT_NAME) <= 100
    assert found["Địa chỉ người nhận"].value == long_content.RECIPIENT_ADDRESS
    assert found["Họ tên người nhận"].value == long_content.RECIPIENT_NAME
    shown = rows(prepare(long_content.feedback_at_length(), POINT))
    assert len(long_content.PLACE) == 300 and shown["Địa điểm"].value == long_content.PLACE
