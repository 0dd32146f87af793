"""A dossier being filled in at the kiosk, step by step, and the one payload it becomes.

The touch screen keeps a :class:`DossierDraft` while the resident goes through the steps
(:data:`STEPS`); :func:`check` validates what is there so far with the core's own rules
(``validate_payload``) so that each step can show its errors next to its fields, and
:func:`save` hands the payload to :func:`kiosk.services.records.save_record` — papers are
given as ``{"path": ...}`` entries, read, encrypted and hashed by the save path itself.

Nothing here re-implements a rule of the core: the only checks of its own are turning the
typed date of birth (``05/09/1962``) into the contract's ``yyyyMMdd``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.fields import format_timestamp
from kiosk.domain.payloads import FEE_TYPES, validate_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.services.scans import PaperFile, remove_scans

STEPS = ("consent", "applicant", "papers", "fees", "delivery", "review")
# The purposes a dossier can need, in the order the consent screen lists them.
DOSSIER_PURPOSES = ("giai_quyet_tthc", "lien_he_ho_tro", "tra_ket_qua_buu_chinh")
POSTAL_PURPOSE = "tra_ket_qua_buu_chinh"
AT_OFFICE, BY_POST = 0, 1  # HinhThucNhanKetQua
ONLINE = 2  # KenhThucHien: the kiosk files through the provincial system
MAX_FEE_NAME = 300
_STEP_OF_FIELD = {
    "DongY": 0,
    "ChuHoSo": 1,
    "LoaiDoiTuong": 1,
    "MaDoiTuong": 1,
    "NgaySinh": 1,
    "SoDienThoai": 1,
    "Email": 1,
    "DiaChi": 1,
    "TaiLieuNop": 2,
    "TrichYeuHoSo": 2,
    "DanhSachLePhi": 3,
    "HinhThucNhanKetQua": 4,
    "KenhThucHien": 4,
}
# The postal-return registration made with a dossier names the applicant its own way.
_SAME_AS = {
    "payload.NguoiDangKy.HoTen": "payload.ChuHoSo",
    "payload.NguoiDangKy.SoDienThoai": "payload.SoDienThoai",
}
_BIRTH_PARTS = re.compile(r"\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*")
BIRTH_FORMAT_ERROR = FieldError(
    "payload.NgaySinh",
    "invalid_format",
    "Ngày sinh chưa đúng. Hãy nhập ngày/tháng/năm, ví dụ 05/09/1962.",
    "The date of birth is not right. Type day/month/year, e.g. 05/09/1962.",
)


@dataclass
class Paper:
    """One paper of the procedure (``ThanhPhanHoSo``) and how the resident provides it."""

    code: str
    name: str
    required: bool
    show_only: bool  # XuatTrinh: shown at the desk, not handed in
    originals: int
    copies: int
    file: PaperFile | None = None
    on_paper: bool = False  # "nộp bản giấy": handed in at the office

    @property
    def done(self) -> bool:
        return self.file is not None or self.on_paper


@dataclass(frozen=True, slots=True)
class FeeLine:
    """A fee of the procedure as the catalogue gives it; ``amount`` None: see the text."""

    code: str
    name: str
    kind: str
    amount: int | None
    online: bool  # applies when filing online (the kiosk's channel)


@dataclass
class Applicant:
    name: str = ""
    personal_id: str = ""
    birth: str = ""  # as typed: dd/mm/yyyy
    phone: str = ""
    street: str = ""
    province_code: str = ""
    ward_code: str = ""

    def typed(self) -> bool:
        return any((self.name, self.personal_id, self.birth, self.phone, self.street))


@dataclass
class DossierDraft:
    procedure: Mapping[str, Any]
    notice_version: str
    purposes: list[str] = field(default_factory=list)
    consent_at: datetime | None = None
    applicant: Applicant = field(default_factory=Applicant)
    papers: list[Paper] = field(default_factory=list)
    delivery: int | None = None

    @classmethod
    def start(cls, procedure: Mapping[str, Any], notice_version: str) -> DossierDraft:
        return cls(procedure, notice_version, papers=papers_of(procedure))

    @property
    def code(self) -> str:
        return str(self.procedure["MaTTHC"])

    @property
    def name(self) -> str:
        return str(self.procedure["TenTTHC"])

    def set_purpose(self, code: str, agreed: bool, now: datetime | None = None) -> None:
        """Tick or untick one purpose; the consent's time is the last change."""
        if agreed and code not in self.purposes:
            self.purposes.append(code)
        elif not agreed and code in self.purposes:
            self.purposes.remove(code)
        self.purposes.sort(key=DOSSIER_PURPOSES.index)
        self.consent_at = now or datetime.now(UTC)

    def touched(self) -> bool:
        """Anything typed or attached (so leaving should be confirmed)."""
        papers = any(p.done for p in self.papers)
        return self.applicant.typed() or papers or self.delivery is not None

    def attached(self) -> list[Paper]:
        """Papers with a file, in ``TaiLieuNop`` order."""
        return [p for p in self.papers if p.file is not None]

    def fees(self) -> list[FeeLine]:
        return fees_of(self.procedure)

    def payload(self, *, with_paths: bool) -> dict[str, Any]:
        """The contract payload; ``with_paths``: papers as ``path`` entries for the save path."""
        a = self.applicant
        p: dict[str, Any] = {
            "MaTTHC": self.code,
            "TenTTHC": self.name,
            "MaLinhVuc": self.procedure.get("MaLinhVuc"),
            "TenLinhVuc": self.procedure.get("TenLinhVuc"),
            "ChuHoSo": a.name,
            "LoaiDoiTuong": 1,
            "MaDoiTuong": re.sub(r"\s+", "", a.personal_id),
            "DiaChi": {"SoNha": a.street, "MaXa": a.ward_code, "MaTinh": a.province_code},
            "KenhThucHien": ONLINE,
        }
        birth = birth_to_contract(a.birth)
        optional = {
            "NgaySinh": birth or None,
            "SoDienThoai": a.phone or None,
            "TrichYeuHoSo": paper_note(self.papers),
            "HinhThucNhanKetQua": self.delivery,
            "TaiLieuNop": [_file_entry(x, with_paths) for x in self.attached()] or None,
            "DanhSachLePhi": payload_fees(self.procedure) or None,
            "DongY": self._consent(),
        }
        p.update({k: v for k, v in optional.items() if v is not None})
        return p

    def _consent(self) -> dict[str, Any] | None:
        if not self.purposes or self.consent_at is None:
            return None
        return {
            "ThoiDiem": format_timestamp(self.consent_at),
            "PhienBanThongBao": self.notice_version,
            "MucDich": list(self.purposes),
        }


def _file_entry(paper: Paper, with_paths: bool) -> dict[str, Any]:
    f = paper.file
    assert f is not None
    entry: dict[str, Any] = {"TenTepDinhKem": f.name, "MaThanhPhanHoSo": paper.code}
    if with_paths:
        entry.update(path=f.path, mime=f.mime)
    else:
        entry.update(sha256=f.sha256, size=f.size, mime=f.mime)
    return entry


# --- the catalogue entry -------------------------------------------------------------------


def papers_of(procedure: Mapping[str, Any]) -> list[Paper]:
    found: list[Paper] = []
    for index, item in enumerate(procedure.get("ThanhPhanHoSo") or []):
        if not isinstance(item, Mapping) or not item.get("Ten"):
            continue
        code = str(item.get("Ma") or f"TP{index + 1}")
        found.append(
            Paper(
                code=code,
                name=str(item["Ten"]),
                required=bool(item.get("BatBuoc", True)),
                show_only=bool(item.get("XuatTrinh", False)),
                originals=int(item.get("BanChinh") or 0),
                copies=int(item.get("BanSao") or 0),
            )
        )
    return found


def fees_of(procedure: Mapping[str, Any]) -> list[FeeLine]:
    lines: list[FeeLine] = []
    for index, item in enumerate(procedure.get("PhiLePhi") or []):
        if not isinstance(item, Mapping):
            continue
        amount = item.get("SoTien")
        channels = item.get("KenhThucHien")
        lines.append(
            FeeLine(
                code=str(item.get("Ma") or f"LP{index + 1}"),
                name=str(item.get("Ten") or ""),
                kind=str(item.get("Loai") or ""),
                amount=amount if isinstance(amount, int) and not isinstance(amount, bool) else None,
                online=not channels or ONLINE in channels,
            )
        )
    return lines


def payload_fees(procedure: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``DanhSachLePhi``: the fees with an amount that apply when filing online."""
    return [
        {
            "MaPhiLePhi": line.code,
            "TenPhiLePhi": shorten(line.name, MAX_FEE_NAME),
            "LoaiPhiLePhi": line.kind,
            "SoTien": line.amount,
        }
        for line in fees_of(procedure)
        if line.online and line.amount and line.kind in FEE_TYPES
    ][:20]


def fee_total(procedure: Mapping[str, Any]) -> int:
    return sum(int(f["SoTien"]) for f in payload_fees(procedure))


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def paper_note(papers: Sequence[Paper]) -> str | None:
    """``TrichYeuHoSo``: which papers the resident hands in on paper at the office."""
    names = [shorten(p.name, 80) for p in papers if p.on_paper and p.file is None]
    if not names:
        return None
    return shorten("Giấy tờ nộp bản giấy tại cơ quan: " + "; ".join(names), 2000)


# --- checking and saving -------------------------------------------------------------------


def birth_to_contract(text: str) -> str | None:
    """``05/09/1962`` (or ``5-9-1962``, ``05091962``) → ``19620905``; "" → ""; else None.

    Only the shape is read here; whether the day exists is the core's check."""
    typed = text.strip()
    if not typed:
        return ""
    if re.fullmatch(r"\d{8}", typed):
        return typed[4:] + typed[2:4] + typed[:2]
    match = _BIRTH_PARTS.fullmatch(typed)
    if match is None:
        return None
    day, month, year = match.groups()
    return f"{year}{int(month):02d}{int(day):02d}"


def step_of(path: str, draft: DossierDraft | None = None) -> int:
    """The step whose screen holds the field ``path`` (``payload.DiaChi.MaXa`` → 1).

    The consent for postal return is asked again on the delivery step (4) when a resident
    chooses the post there without having agreed to it on the consent step."""
    key = re.split(r"[.\[]", path.removeprefix("payload."), maxsplit=1)[0]
    if key == "DongY" and draft is not None and postal_consent_missing(draft):
        return _STEP_OF_FIELD["HinhThucNhanKetQua"]
    return _STEP_OF_FIELD.get(key, 0)


def postal_consent_missing(draft: DossierDraft) -> bool:
    """Result by post chosen, the main purpose agreed, the postal one not (yet)."""
    return (
        draft.delivery == BY_POST
        and DOSSIER_PURPOSES[0] in draft.purposes
        and POSTAL_PURPOSE not in draft.purposes
    )


def for_form(errors: Sequence[FieldError]) -> list[FieldError]:
    """The errors as the form shows them (the postal registration's fields are the dossier's)."""
    out: list[FieldError] = []
    for error in errors:
        for theirs, ours in _SAME_AS.items():
            if error.field == theirs or error.field.startswith(theirs + "."):
                error = dataclasses.replace(error, field=ours + error.field[len(theirs) :])
        out.append(error)
    return out


def check(kiosk: Kiosk, draft: DossierDraft, now: datetime | None = None) -> list[FieldError]:
    """Every problem of the draft as it is (empty: it would save)."""
    errors: list[FieldError] = []
    if birth_to_contract(draft.applicant.birth) is None:
        errors.append(BIRTH_FORMAT_ERROR)
    context = records.validation_context(kiosk, now or datetime.now(UTC))
    try:
        validate_payload("dossier", draft.payload(with_paths=False), context)
    except ValidationError as exc:
        errors.extend(exc.errors)
    return for_form(errors)


def save(kiosk: Kiosk, draft: DossierDraft, actor: str) -> records.SavedRecord:
    """Save through the one save path; then the attached scans leave the scanner folder."""
    if birth_to_contract(draft.applicant.birth) is None:
        raise ValidationError([BIRTH_FORMAT_ERROR])
    try:
        saved = records.save_record(kiosk, "dossier", draft.payload(with_paths=True), actor)
    except ValidationError as exc:
        raise ValidationError(for_form(exc.errors)) from None
    remove_scans(p.file.path for p in draft.attached() if p.file and p.file.from_scanner)
    return saved
