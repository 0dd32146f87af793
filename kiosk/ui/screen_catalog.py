"""Every screen in ``kiosk/ui/screens`` and how to open it — for the pseudo-locale clipping
test (``tests/ui/test_pseudo_locale.py``) and the screenshots (``scripts/screenshots.py``).

Qt-free: plain data, plus :func:`prepare_demo` that fills a data home through the services
(demo records, a dossier with a status from the province, notices through the inbound path,
one user per role). A screen module that is not listed here (or in :data:`NOT_SCREENS`)
fails the pseudo-locale test: add a line when you add a screen.

Parameters whose value is a string starting with ``$`` name a fact of :class:`DemoFacts`
(e.g. ``"$procedure_code"``), filled in by :func:`resolve`. ``calls`` reach a later step of
a screen once it has opened: each is a dotted attribute path on the screen and its arguments,
e.g. ``("go_to", 2)`` or ``("editor.setText", "$receipt_code")``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from kiosk.domain.fields import VN_TZ
from kiosk.services import catalog, demo, users
from kiosk.services.context import Kiosk
from kiosk.services.records import SavedRecord, record_payload
from kiosk.store import province_texts
from kiosk.store.db import read_session, write_session
from kiosk.store.models import RECORD_MODELS, ItemState, OutboxItem, utcnow
from kiosk.sync import inbound

PIN = "2468"  # the demo users' PIN (synthetic data home only)
ROLE_USERS = {
    "volunteer": ("TNV01", "Trần Thị Bình"),
    "staff": ("CB01", "Nguyễn Văn An"),
    "technician": ("KT01", "Lê Minh Châu"),
}


@dataclass(frozen=True)
class CatalogScreen:
    """One screen as a resident or a volunteer sees it.

    ``key``: unique, the screenshot's file stem (``<key>-<lang>.png``); ``route``: the module
    in ``kiosk.ui.screens`` (``"home"``: the home screen, which the window owns); ``params``:
    what ``window.go(route, **params)`` needs; ``role``: log in as this role first.
    """

    key: str
    route: str
    params: Mapping[str, Any] = field(default_factory=dict)
    role: str | None = None
    note: str = ""
    calls: tuple[tuple[Any, ...], ...] = ()


VOLUNTEER, TECHNICIAN = "volunteer", "technician"
DONATION = {
    "consent": {
        "ThoiDiem": "20261122090000",
        "PhienBanThongBao": "2026-01",
        "MucDich": ["thanh_toan"],
    },
    "purpose": "other",
    "kind": "dong_gop",
    "content": "Ủng hộ quỹ phòng, chống thiên tai",
    "payer": "Nguyễn Văn An",
    "amount": 200_000,
}
DOSSIER_STEPS = ("consent", "applicant", "papers", "fees", "delivery", "review")
SECTIONS = ("settings", "printer", "doctor", "credentials")
STAFF, STAFF_SECTIONS = "staff", ("dayclose", "export", "stats")
SETUP_STEPS = (
    "identity", "location", "server", "credentials", "printer", "receipt", "accounts", "finish"
)  # fmt: skip


# The review step shows what the resident filled in: consent, applicant, delivery at the office
# (``steps.N`` is the N-th step of the dossier screen).
FILLED_DOSSIER: tuple[tuple[Any, ...], ...] = (
    ("steps.0.boxes.giai_quyet_tthc.setChecked", True),
    ("go_to", 1),
    ("steps.1.name.editor.setText", "Nguyễn Thị Hoa"),
    ("steps.1.personal_id.editor.setText", "056190001234"),
    ("steps.1.birth.editor.setText", "14/03/1990"),
    ("steps.1.phone.editor.setText", "0905123456"),
    ("steps.1.street.editor.setText", "12 Trần Phú"),
    ("steps.1.picker.ward.editor.setText", "Nha Trang"),
    ("steps.1.picker.search.run_now", ("Nha Trang", "56")),  # as typing does, without the pause
    ("steps.1.picker.choice_buttons.0.click",),
    ("go_to", 4),
    ("steps.4.office.setChecked", True),
)


def _s(key: str, route: str, note: str, **params: Any) -> CatalogScreen:
    return CatalogScreen(key, route, params, None, note)


SCREENS: tuple[CatalogScreen, ...] = (
    _s("home", "home", "notices (an emergency first), the six tiles"),
    _s("login", "login", "volunteer / staff / technician login (code + PIN)"),
    _s("procedures", "procedures", "find a procedure: search as you type"),
    _s("procedures-results", "procedures", "search results with field and level",
       query="khai sinh"),
    _s("procedure", "procedure", "procedure detail: papers, fees, time, channels",
       code="$procedure_code", purpose="file"),
    *(
        CatalogScreen(f"dossier-{step}", "dossier", {"procedure_code": "$procedure_code"},
                      note=f"filing a dossier, step {n + 1}: {step}",
                      calls=(*(FILLED_DOSSIER if step == "review" else ()), ("go_to", n))
                      if n else ())
        for n, step in enumerate(DOSSIER_STEPS)
    ),
    _s("payment", "payment", "pay a fee: what for, amount, method"),
    _s("payment-dossier", "payment", "a dossier's fees, found by its receipt code",
       purpose="dossier", code="$receipt_code", method="vietqr"),
    CatalogScreen("payment-vietqr", "payment", {**DONATION, "method": "vietqr"},
                  note="VietQR shown large for the resident's banking app",
                  calls=(("proceed",),)),
    CatalogScreen("payment-cash", "payment", {**DONATION, "method": "tien_mat"}, VOLUNTEER,
                  "cash, taken by a logged-in volunteer", calls=(("proceed",),)),
    _s("registration", "registration", "the services one can register for"),
    _s("registration-consent", "registration", "per-purpose consent (a health service)",
       service="clinic_appointment"),
    CatalogScreen("registration-form", "registration", {"service": "electricity"},
                  note="one service's form", calls=(("show_form",),)),
    CatalogScreen("registration-postal-return", "registration", {"service": "postal_return"},
                  note="postal return of a dossier's result", calls=(("show_form",),)),
    _s("feedback", "feedback", "feedback (phản ánh kiến nghị): field, text, place, contact"),
    _s("lookup", "lookup", "look up a dossier by receipt code (typed or scanned)"),
    CatalogScreen("lookup-found", "lookup", note="a dossier's status, official code, due date",
                  calls=(("editor.setText", "$receipt_code"), ("look_up",))),
    CatalogScreen("dashboard", "dashboard", role=VOLUNTEER,
                  note="volunteer dashboard: today, the queue, help calls, reprint"),
    CatalogScreen("correction", "correction", {"item_id": "$rejected_item_id"}, VOLUNTEER,
                  "fix a record the province rejected"),
    CatalogScreen("visit", "visit", role=VOLUNTEER, note="log a guidance visit in two taps"),
    *(
        CatalogScreen(f"technician-{section}", "technician", {"section": section}, TECHNICIAN,
                      f"technician: {section}")
        for section in SECTIONS
    ),
    *(
        CatalogScreen(f"staff-{section}", "staff", {"section": section}, STAFF,
                      f"ward staff: {section}")
        for section in STAFF_SECTIONS
    ),
    CatalogScreen("staff-dayclose-counted", "staff", {"section": "dayclose"}, STAFF,
                  "day close: the counted cash and the difference",
                  calls=(("current_panel.counted.set_amount", 150_000),)),
    *(
        CatalogScreen(f"setup-{n + 1}-{step}", "setup", {}, TECHNICIAN,
                      f"first-run setup wizard, step {n + 1}: {step}",
                      calls=(("go_to", n),) if n else ())
        for n, step in enumerate(SETUP_STEPS)
    ),
    CatalogScreen("subject", "subject", role=TECHNICIAN,
                  note="data about me: one person's local records by CCCD"),
    CatalogScreen("subject-none", "subject", role=TECHNICIAN,
                  note="data about me: nothing found for a CCCD",
                  calls=(("cccd.editor.setText", "056090001234"), ("search",))),
    CatalogScreen("subject-found", "subject", role=TECHNICIAN,
                  note="data about me: the records found for a demo applicant's CCCD",
                  calls=(("cccd.editor.setText", "$cccd"), ("search",))),
)  # fmt: skip

# Modules in kiosk/ui/screens that are not screens of their own.
NOT_SCREENS = frozenset({"base", "sections"})

# The form shown in the portrait screenshot (a form a resident fills in).
PORTRAIT_FORM = "dossier-applicant"


def by_key(key: str) -> CatalogScreen:
    return next(s for s in SCREENS if s.key == key)


def routes() -> set[str]:
    return {s.route for s in SCREENS}


def open_screen(
    window: Any, entry: CatalogScreen, facts: DemoFacts, wait: Callable[[Callable[[], bool]], Any]
) -> None:
    """Open ``entry`` in a ``kiosk.ui.main_window.MainWindow`` as its role would: log the
    right user in (or out), go home, then ``go(route, **params)``; ``wait(condition)`` runs
    the event loop until the screen's background work has landed."""
    state = window.state
    window.home()
    wanted = ROLE_USERS[entry.role][0] if entry.role else None
    if (state.user.code if state.user is not None else None) != wanted:
        state.set_user(users.login(state.require_kiosk(), wanted, PIN) if wanted else None)
        window.home()
    if entry.route == "home":
        wait(lambda: state.tasks.running == 0)
        return
    window.go(entry.route, **resolve(entry.params, facts))
    current = window.current
    if current is None or current.route != entry.route:
        raise RuntimeError(f"{entry.key}: the window showed {current!r}, not {entry.route}")
    wait(lambda: state.tasks.running == 0)
    for path, *args in entry.calls:
        target = current
        for part in str(path).split("."):
            target = _member(target, part)
        target(*resolve({str(n): a for n, a in enumerate(args)}, facts).values())
        wait(lambda: state.tasks.running == 0)


def _member(target: Any, part: str) -> Any:
    """One step of a call's path: an attribute, a list's N-th item, a dict's key."""
    if part.isdigit():
        return target[int(part)]
    if isinstance(target, dict):
        return target[part]
    return getattr(target, part)


# ----------------------------------------------------------------------------- demo data


@dataclass
class DemoFacts:
    """What the catalogue's ``$`` parameters refer to, taken from the prepared data home."""

    procedure_code: str = ""
    receipt_code: str = ""  # a dossier's receipt code
    dossier_item_id: str = ""
    rejected_item_id: str = ""  # a dossier the province refused (for the correction screen)
    cccd: str = ""  # the personal ID number of a demo dossier's applicant
    saved: list[SavedRecord] = field(default_factory=list)

    def get(self, name: str) -> Any:
        value = getattr(self, name, None)
        if value in (None, ""):
            raise KeyError(f"demo fact {name!r} is not available")
        return value


def resolve(params: Mapping[str, Any], facts: DemoFacts) -> dict[str, Any]:
    return {
        key: facts.get(value[1:]) if isinstance(value, str) and value.startswith("$") else value
        for key, value in params.items()
    }


NOTICES = (
    (
        "emergency",
        "Cảnh báo bão số 13",
        "Bão số 13 dự kiến ảnh hưởng trực tiếp đến Khánh Hòa từ chiều nay, gió mạnh cấp 10–11, "
        "giật cấp 13, mưa rất to. Người dân không ra khơi; chằng chống nhà cửa; các hộ ven biển "
        "di chuyển đến nơi trú tránh an toàn theo hướng dẫn của chính quyền địa phương.",
    ),
    (
        "warning",
        "Tạm ngừng cấp nước khu vực phường Nha Trang",
        "Để sửa chữa đường ống, Công ty Cấp thoát nước Khánh Hòa tạm ngừng cấp nước từ 8 giờ "
        "đến 16 giờ ngày mai tại các tổ dân phố ven sông Cái. Người dân chủ động trữ nước.",
    ),
    (
        "info",
        "Lịch tiếp nhận hồ sơ tại Bộ phận Một cửa phường Nha Trang",
        "Tiếp nhận và trả kết quả từ thứ Hai đến thứ Sáu: sáng 7 giờ 30 – 11 giờ 30, chiều "
        "13 giờ 30 – 17 giờ. Sáng thứ Bảy tiếp nhận hồ sơ hộ tịch và cư trú.",
    ),
)


def publish_notices(kiosk: Kiosk, emergency: bool = True) -> None:
    """The notices the province would send, applied through the inbound ``/changes`` path."""
    now = utcnow()
    with write_session(kiosk.engine) as session:
        for n, (level, title, body) in enumerate(NOTICES):
            if level == "emergency" and not emergency:
                continue
            change = {
                "type": "notice",
                "seq": f"demo-notice-{n}",
                "data": {
                    "notice_id": f"TB-DEMO-{n}",
                    "level": level,
                    "title": title,
                    "body": body,
                    "MaXa": [kiosk.settings.get_str("kiosk.ward_code")],
                    "valid_from": (now - timedelta(hours=1)).isoformat(),
                    "valid_until": (now + timedelta(days=2)).isoformat(),
                },
            }
            inbound.apply_change(session, change)


def dossier_status(kiosk: Kiosk, item_id: str, status: int, seq: str) -> None:
    """A status change from the province for one dossier (inbound path), with the official
    dossier code and a due date, as ``/changes`` delivers them."""
    due_at = (utcnow() + timedelta(days=3)).astimezone(VN_TZ).replace(hour=17, minute=0, second=0)
    due = due_at.strftime("%Y%m%d%H%M%S")  # the national portal's yyyyMMddHHmmss, Vietnam time
    data = {
        "id": item_id,
        "TrangThaiHoSo": status,
        "MaHoSo": "000.00.12.H32-261122-0001",
        "NgayHenTra": due,
        "GhiChu": "Hồ sơ đang được cán bộ chuyên môn xử lý.",
    }
    with write_session(kiosk.engine) as session:
        inbound.apply_change(session, {"type": "dossier_status", "seq": seq, "data": data})


def province_refused(kiosk: Kiosk, item_id: str) -> None:
    """The province's refusal of one item, recorded as the relay records it."""
    errors = [
        {
            "field": "payload.TrichYeuHoSo",
            "code": "province_refused",
            "message": "Trích yếu hồ sơ chưa ghi rõ nội dung yêu cầu; đề nghị ghi cụ thể.",
        }
    ]
    with write_session(kiosk.engine) as session:
        item = session.execute(select(OutboxItem).where(OutboxItem.id == item_id)).scalar_one()
        item.state = ItemState.REJECTED.value
        for column, value in province_texts.columns(kiosk.cipher, item_id, errors).items():
            setattr(item, column, value)


def add_role_users(kiosk: Kiosk) -> None:
    for role, (code, name) in ROLE_USERS.items():
        users.add_user(kiosk, code, name, role, PIN)


def prepare_demo(kiosk: Kiosk, *, emergency: bool = True, seed_value: int = 7) -> DemoFacts:
    """Demo records (``kiosk.services.demo.seed``), notices, users; the facts for ``$`` params.

    ``kiosk`` must have the catalogue loaded (``catalog.ensure_loaded``)."""
    facts = DemoFacts()
    demo.use_demo_point(kiosk)
    counts = {"dossier": 3, "payment": 2, "registration": 2, "feedback": 1, "visit": 3}
    demo.seed(kiosk, counts, seed_value, facts.saved.append)
    dossier = next(s for s in facts.saved if s.kind == "dossier")
    facts.receipt_code, facts.dossier_item_id = dossier.receipt_code, dossier.item_id
    facts.cccd = _applicant_id(kiosk, dossier.id)
    dossier_status(kiosk, dossier.item_id, 4, "demo-status-1")
    refused = [s for s in facts.saved if s.kind == "dossier"][-1]
    province_refused(kiosk, refused.item_id)
    facts.rejected_item_id = refused.item_id
    publish_notices(kiosk, emergency)
    add_role_users(kiosk)
    facts.procedure_code = _a_procedure(kiosk)
    return facts


def _applicant_id(kiosk: Kiosk, record_id: str) -> str:
    with read_session(kiosk.engine) as session:
        record = session.get(RECORD_MODELS["dossier"], record_id)
        payload = record_payload(kiosk, session, record) if record is not None else None
    return str((payload or {}).get("MaDoiTuong") or "")


def _a_procedure(kiosk: Kiosk) -> str:
    """A well-known procedure of the bundled catalogue: birth registration."""
    hits = [h for h in catalog.search(kiosk, "đăng ký khai sinh") if not h.stopped]
    return hits[0].code if hits else ""
