"""``prepare()``: a saved record → the :class:`~kiosk.printing.model.Receipt` that is printed.

Pure: no database, no settings file, no clock. The caller (:mod:`kiosk.printing.source`)
gathers the record's payload and the facts around it into a :class:`ReceiptSource`; this
module only decides the words. Personal data is shown as on the resident's own receipt:
the name, the ID masked (``056*****1234``), the phone masked; free text passes
:func:`~kiosk.domain.masking.redact_text` so that a number typed into it is masked too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.domain.fields import parse_timestamp
from kiosk.domain.masking import mask_id, mask_phone, redact_text
from kiosk.domain.payloads import MAX_PLACE
from kiosk.domain.registrations import SERVICES, DetailField
from kiosk.domain.text import collapse_spaces, nfc
from kiosk.printing import labels
from kiosk.printing.model import PointInfo, QrCode, Receipt, Row, Section, vn_datetime
from kiosk.printing.money import amount_in_words, format_vnd
from kiosk.printing.vietqr import Beneficiary, VietQRError, ascii_purpose, build_payload

KINDS = ("dossier", "payment", "registration", "feedback", "visit")
MAX_FREE_TEXT = 160
# fee and paper names print in full, wrapped: the contract lets a fee name have 300 characters
# (a file name 255); only a longer one, which no valid record holds, ends with "…"
MAX_NAME = 300


@dataclass(frozen=True, slots=True)
class ReceiptSource:
    """A saved record and what the receipt needs to know around it."""

    kind: str
    receipt_code: str
    saved_at: datetime  # aware
    actor: str
    payload: Mapping[str, Any]
    paid: int = 0  # dossier: sum of the payments recorded against it
    due_at: str | None = None  # dossier: NgayHenTra from the province, yyyyMMdd[HHmmss]
    ma_ho_so: str | None = None  # dossier: the official code, once assigned
    linked_code: str | None = None  # payment/registration: the dossier's receipt code
    procedure_name: str | None = None  # visit: the procedure's name from the catalogue


def prepare(
    source: ReceiptSource,
    point: PointInfo,
    *,
    copy_number: int = 0,
    printed_at: datetime | None = None,
) -> Receipt:
    """The receipt for ``source``; ``copy_number`` > 0 marks a reprint ("BẢN SAO")."""
    if source.kind not in KINDS:
        raise ValueError(f"no receipt for kind {source.kind!r}")
    if copy_number < 0:
        raise ValueError("copy_number must be ≥ 0")
    sections, qr_codes, footer = _BUILDERS[source.kind](source, point)
    return Receipt(
        kind=source.kind,
        title=labels.TITLES[source.kind],
        point=point,
        receipt_code=source.receipt_code,
        issued_at=vn_datetime(_issued(source)),
        sections=tuple(s for s in sections if s.rows or s.items or s.note),
        qr_codes=tuple(qr_codes),
        footer=tuple(line for line in footer if line),
        copy_number=copy_number,
        printed_at=vn_datetime(printed_at) if copy_number and printed_at else None,
    )


Built = tuple[list[Section], list[QrCode], list[str]]


def _issued(source: ReceiptSource) -> datetime:
    stamp = source.payload.get("NgayNopTaiDiem") or source.payload.get("ThoiDiem")
    parsed = parse_timestamp(str(stamp)) if stamp else None
    return parsed or source.saved_at


# --- shared pieces ------------------------------------------------------------------------


def clean(text: object, limit: int = MAX_FREE_TEXT) -> str:
    """Free text for a receipt: NFC, one line, numbers that look like IDs masked, shortened."""
    value = redact_text(collapse_spaces(nfc(str(text))))
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    at_word = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut  # cut at a word
    return at_word.rstrip(" ,;:.-–") + "…"


def id_row(ident: object, subject_type: object = 1) -> Row | None:
    if not ident:
        return None
    text = str(ident)
    kind = 1 if subject_type in (None, 1) and len(text) == 12 else 2
    return Row(labels.SUBJECT_ID_LABELS[kind], mask_id(text))


def masked_phone(phone: object) -> str:
    """``+84905123456`` → ``0905***456`` (the national form residents know)."""
    text = str(phone)
    return mask_phone("0" + text[3:] if text.startswith("+84") else text)


def phone_row(phone: object) -> Row | None:
    return Row("Điện thoại", masked_phone(phone)) if phone else None


def rows(*items: Row | None) -> tuple[Row, ...]:
    return tuple(item for item in items if item is not None)


def lookup_qr(source: ReceiptSource, point: PointInfo) -> QrCode:
    code = source.receipt_code
    if source.kind == "dossier" and point.lookup_url:
        url = point.lookup_url
        if "{code}" in url:
            content = url.replace("{code}", code)
        else:
            content = f"{url}{'&' if '?' in url else '?'}ma={code}"
        details = (f"{labels.LOOKUP_DETAIL}: {content}",)
        return QrCode(content, labels.LOOKUP_CAPTION, "lookup", details)
    return QrCode(code, ("Mã biên nhận",), "lookup")  # the code is printed above anyway


def payment_qr(point: PointInfo, amount: int, purpose: str) -> QrCode | None:
    """The VietQR code for an unpaid ``amount``; None when no account is configured."""
    if amount <= 0 or not point.bank_bin or not point.bank_account:
        return None
    beneficiary = Beneficiary(point.bank_bin, point.bank_account, point.beneficiary)
    try:
        payload = build_payload(beneficiary, amount, purpose)
    except VietQRError:
        return None
    # one labelled fact a line: a resident who transfers by hand at a bank counter copies
    # them field by field (one "name – TK number – bank" line wrapped mid-number on 58 mm)
    caption = (
        f"{labels.PAYMENT_CAPTION}: {format_vnd(amount)}",
        *transfer_details(point, amount, purpose)[2:],
    )
    return QrCode(payload, caption, "payment", transfer_details(point, amount, purpose))


def transfer_details(point: PointInfo, amount: int, purpose: str) -> tuple[str, ...]:
    """The VietQR code's transfer in words, for a printer that cannot draw the code."""
    bank = point.bank_name or f"mã BIN {point.bank_bin}"
    lines = (
        labels.TRANSFER_HEADING,
        f"Số tiền: {format_vnd(amount)}",
        f"Ngân hàng: {bank}",
        f"Số tài khoản: {point.bank_account}",
        f"Tên thụ hưởng: {point.beneficiary}" if point.beneficiary else "",
        f"Nội dung: {ascii_purpose(purpose)}",
    )
    return tuple(line for line in lines if line)


def volunteer_line(source: ReceiptSource) -> str:
    code = source.payload.get("NguoiHoTro") or source.actor
    return f"Người hỗ trợ: {code}" if code else ""


def vn_date(text: str | None) -> str | None:
    """``yyyyMMdd[HHmmss]`` → ``dd/MM/yyyy``."""
    if not text or len(text) < 8 or not text[:8].isdigit():
        return None
    return f"{text[6:8]}/{text[4:6]}/{text[0:4]}"


# --- dossier ------------------------------------------------------------------------------


def _dossier(source: ReceiptSource, point: PointInfo) -> Built:
    p = source.payload
    person = Section(
        rows=rows(
            Row("Người nộp", clean(p.get("ChuHoSo") or "")),
            id_row(p.get("MaDoiTuong"), p.get("LoaiDoiTuong")),
        )
    )
    procedure = Section(rows=(Row("Thủ tục", f"{p.get('MaTTHC', '')} – {p.get('TenTTHC', '')}"),))
    papers = Section(
        heading="Giấy tờ đã nhận",
        items=tuple(
            clean(f.get("TenTepDinhKem") or "", MAX_NAME) for f in p.get("TaiLieuNop") or []
        )
        or ("Không có giấy tờ kèm theo",),
    )
    fees, unpaid = _fees(source)
    handling = Section(
        rows=rows(
            Row("Nhận kết quả", labels.RETURN_METHODS.get(int(p.get("HinhThucNhanKetQua", 0)), "")),
            Row("Ngày hẹn trả", due, strong=True) if (due := vn_date(source.due_at)) else None,
            None if due else Row("Ngày hẹn trả", labels.DUE_UNKNOWN),
            Row("Mã hồ sơ", source.ma_ho_so) if source.ma_ho_so else None,
        )
    )
    by_post = int(p.get("HinhThucNhanKetQua", 0)) == 1
    then = Section(
        heading=labels.NEXT_HEADING,
        items=(labels.NEXT_KEEP, labels.NEXT_BY_POST if by_post else labels.NEXT_AT_OFFICE),
    )
    qr_codes = [lookup_qr(source, point)]
    pay = payment_qr(point, unpaid, f"{source.receipt_code} LE PHI")
    qr_codes += [pay] if pay else []
    footer = [volunteer_line(source), labels.DOSSIER_NOTE]
    return [person, procedure, papers, fees, handling, then], qr_codes, footer


def _fees(source: ReceiptSource) -> tuple[Section, int]:
    items = source.payload.get("DanhSachLePhi") or []
    total = sum(int(f.get("SoTien") or 0) for f in items)
    if not items or total == 0:
        return Section(heading="Phí, lệ phí", note=labels.NO_FEES), 0
    lines = [
        Row(
            clean(f.get("TenPhiLePhi") or "", MAX_NAME),
            format_vnd(int(f.get("SoTien") or 0)),
            amount=True,
        )
        for f in items
    ]
    lines.append(Row("Tổng cộng", format_vnd(total), strong=True, amount=True))
    unpaid = max(total - source.paid, 0)
    if source.paid:
        lines.append(Row("Đã nộp", format_vnd(min(source.paid, total)), amount=True))
    lines.append(Row("Còn phải nộp", format_vnd(unpaid), strong=True, amount=True))
    # the words spell the amount whose name they carry: under "Còn phải nộp" a bare
    # "Bằng chữ" spelling the total read as a second, different sum to pay
    if unpaid:
        note = f"Còn phải nộp bằng chữ: {amount_in_words(unpaid)}"
    else:
        note = f"Tổng cộng bằng chữ: {amount_in_words(total)}"
    return Section(heading="Phí, lệ phí", rows=tuple(lines), note=note), unpaid


# --- payment ------------------------------------------------------------------------------


def _payment(source: ReceiptSource, point: PointInfo) -> Built:
    p = source.payload
    amount = int(p.get("SoTien") or 0)
    awaiting = p.get("HinhThuc") == "vietqr" and not p.get("MaThamChieu")
    payer = Section(
        rows=rows(
            Row("Người nộp", clean(p.get("NguoiNop") or "")),
            id_row(p.get("MaDoiTuongNguoiNop")),
        )
    )
    what = Section(
        rows=rows(
            Row("Khoản nộp", labels.PAYMENT_TYPES.get(str(p.get("LoaiKhoanNop")), "")),
            Row("Nội dung", clean(p.get("NoiDung") or "")),
            Row("Hồ sơ", source.linked_code) if source.linked_code else None,
        )
    )
    money = Section(
        rows=(Row("Số tiền", format_vnd(amount), strong=True, amount=True),),
        note=f"Bằng chữ: {amount_in_words(amount)}",
    )
    how = Section(
        rows=rows(
            Row("Hình thức", labels.PAYMENT_METHODS.get(str(p.get("HinhThuc")), "")),
            Row("Mã giao dịch", str(p["MaThamChieu"])) if p.get("MaThamChieu") else None,
            Row("Trạng thái", "Chờ chuyển khoản") if awaiting else None,
        )
    )
    kind = labels.PAYMENT_TYPES.get(str(p.get("LoaiKhoanNop")), "")
    pay = payment_qr(point, amount, f"{source.receipt_code} {kind}") if awaiting else None
    qr_codes = [lookup_qr(source, point), *([pay] if pay else [])]
    return [payer, what, money, how], qr_codes, [volunteer_line(source), labels.PAYMENT_NOTE]


# --- registration -------------------------------------------------------------------------


def _registration(source: ReceiptSource, point: PointInfo) -> Built:
    p = source.payload
    schema = SERVICES.get(str(p.get("DichVu")))
    person = p.get("NguoiDangKy") or {}
    address = p.get("DiaChi") or {}
    # the applicant's ward only, except where the post delivers to that address: then the
    # resident must be able to check it, house number included, as on a postal receipt
    delivered = schema is not None and schema.code == "postal_return"
    parts = ("SoNha", "TenXa", "TenTinh") if delivered else ("TenXa", "TenTinh")
    place = ", ".join(clean(address[k], MAX_PLACE) for k in parts if address.get(k))
    service = Section(
        rows=rows(
            Row("Dịch vụ", schema.label if schema else str(p.get("DichVu"))),
            Row("Hồ sơ", source.linked_code) if source.linked_code else None,
        )
    )
    applicant = Section(
        rows=rows(
            Row("Người đăng ký", clean(person.get("HoTen") or "")) if person.get("HoTen") else None,
            id_row(person.get("MaDoiTuong")),
            phone_row(person.get("SoDienThoai")),
            Row("Địa chỉ nhận kết quả" if delivered else "Địa bàn", place) if place else None,
        )
    )
    details = Section(heading="Chi tiết", rows=_detail_rows(p.get("ChiTiet") or {}, schema))
    return [service, applicant, details], [lookup_qr(source, point)], [volunteer_line(source)]


def _detail_rows(values: Mapping[str, Any], schema: Any) -> tuple[Row, ...]:
    out: list[Row] = []
    for detail in schema.details if schema is not None else ():
        value = values.get(detail.key)
        if value is None or value == "":
            continue
        out.append(Row(detail.label, _detail_value(detail, value)))
    return tuple(out)


def _detail_value(detail: DetailField, value: Any) -> str:
    """A detail as the resident gave it: whole, as long as its field lets it be (a recipient's
    address is what the post office delivers to; cut, the resident cannot check it)."""
    shown: Callable[[Any], str | None] = {
        "choice": lambda v: next((c.label for c in detail.choices if c.code == v), str(v)),
        "date": lambda v: vn_date(str(v)),
        "phone": masked_phone,
        "name": lambda v: clean(v, MAX_NAME),
    }.get(detail.type, lambda v: clean(v, detail.max_length))
    return shown(value) or str(value)


# --- feedback and visit ---------------------------------------------------------------------


def _feedback(source: ReceiptSource, point: PointInfo) -> Built:
    p = source.payload
    contact = p.get("LienHe") or {}
    sender = labels.ANONYMOUS if p.get("AnDanh") else clean(contact.get("HoTen") or "")
    body = Section(
        rows=rows(
            Row("Lĩnh vực", labels.FEEDBACK_TOPICS.get(str(p.get("LinhVuc")), "")),
            Row("Nội dung", clean(p.get("NoiDung") or "")),
            Row("Địa điểm", clean(p["DiaDiem"], MAX_PLACE)) if p.get("DiaDiem") else None,
            Row("Người gửi", sender),
            None if p.get("AnDanh") else phone_row(contact.get("SoDienThoai")),
        )
    )
    return [body], [lookup_qr(source, point)], [volunteer_line(source)]


def _visit(source: ReceiptSource, point: PointInfo) -> Built:
    p = source.payload
    code = p.get("MaTTHC")
    procedure = f"{code} – {source.procedure_name}" if code and source.procedure_name else code
    minutes = max(1, round(int(p.get("ThoiLuongGiay") or 0) / 60))
    body = Section(
        rows=rows(
            Row("Nội dung hỗ trợ", labels.VISIT_TOPICS.get(str(p.get("ChuDe")), "")),
            Row("Thủ tục", str(procedure)) if procedure else None,
            Row("Kết quả", labels.VISIT_OUTCOMES.get(str(p.get("KetQua")), "")),
            Row("Thời gian hỗ trợ", f"{minutes} phút"),
        )
    )
    return [body], [lookup_qr(source, point)], [volunteer_line(source)]


_BUILDERS: dict[str, Callable[[ReceiptSource, PointInfo], Built]] = {
    "dossier": _dossier,
    "payment": _payment,
    "registration": _registration,
    "feedback": _feedback,
    "visit": _visit,
}
