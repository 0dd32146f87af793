"""The registration screen: service grid → consent → the service's form → saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton

from kiosk.domain.errors import ValidationError
from kiosk.domain.fields import format_timestamp
from kiosk.domain.registrations import SERVICES, ServiceSchema
from kiosk.services import payments, records
from kiosk.services.context import Kiosk
from kiosk.services.records import SavedRecord
from kiosk.store.models import utcnow
from kiosk.ui import failures
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.common import FormField, button, clear_layout, label, show_field_errors
from kiosk.ui.widgets.consent_checks import ConsentChecks
from kiosk.ui.widgets.form_column import column_body
from kiosk.ui.widgets.saved_panel import SavedPanel
from kiosk.ui.widgets.schema_form import SchemaForm
from kiosk.ui.widgets.wrap_button import WrapButton

# Postal return last: it belongs to a dossier already filed (the dossier flow offers it too).
ORDER = sorted(SERVICES, key=lambda code: SERVICES[code].needs_dossier)


def save_registration(
    kiosk: Kiosk, payload: dict[str, Any], receipt_code: str, actor: str
) -> SavedRecord:
    """Runs on the db worker: finds the dossier (postal return), then the one save path."""
    if SERVICES[payload["DichVu"]].needs_dossier:
        due = payments.require_dossier(kiosk, receipt_code, postal_return=True)
        payload = {**payload, "dossier_id": due.dossier_id}
    return records.save_record(kiosk, "registration", payload, actor)


class RegistrationScreen(Screen):
    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.body = column_body(self)
        self.schema: ServiceSchema | None = None
        self.consent: ConsentChecks | None = None
        self.form: SchemaForm | None = None
        self.dossier_code: FormField | None = None
        self.saved: SavedRecord | None = None
        self.agreement: dict[str, object] | None = None
        self.tiles: dict[str, QPushButton] = {}
        service = params.get("service")
        if service in SERVICES:
            self.choose(service)
        else:
            self.show_services()

    def heading(self) -> str:
        return translate("RegistrationScreen", "Đăng ký dịch vụ")

    def leave_ok(self) -> bool:
        return self.saved is not None or self.form is None or not self._touched()

    def _touched(self) -> bool:
        code = self.dossier_code.value() if self.dossier_code is not None else ""
        return bool(code) or (self.form is not None and self.form.touched())

    def _step(self) -> None:
        clear_layout(self.body)
        self.tiles.clear()
        self.form = self.dossier_code = None
        self.scroll_area.verticalScrollBar().setValue(0)

    # --- 1. which service -----------------------------------------------------------------

    def show_services(self) -> None:
        self._step()
        self.schema = self.consent = None
        self.body.addWidget(
            label(translate("RegistrationScreen", "Ông/bà muốn đăng ký dịch vụ nào?"), "title")
        )
        grid = QGridLayout()
        grid.setSpacing(14)
        for index, code in enumerate(ORDER):
            schema = SERVICES[code]
            words = self.state.text(schema.label, schema.label_en)
            tile = WrapButton(words, self._chooser(code), point_size=20, bold=True)
            tile.setObjectName(f"service_{code}")
            tile.setMinimumHeight(110)
            self.tiles[code] = tile
            grid.addWidget(tile, index // 2, index % 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def _chooser(self, code: str) -> Any:
        return lambda: self.choose(code)

    def choose(self, code: str) -> None:
        self.schema = SERVICES[code]
        self.show_consent()

    # --- 2. consent -----------------------------------------------------------------------

    def show_consent(self) -> None:
        schema = self.schema
        assert schema is not None
        self._step()
        self.body.addWidget(label(self.state.text(schema.label, schema.label_en), "title"))
        if schema.sensitive:
            self.body.addWidget(
                label(
                    translate(
                        "RegistrationScreen",
                        "Đăng ký này liên quan đến sức khỏe. Máy chỉ hỏi nơi và ngày hẹn, "
                        "không hỏi bệnh, triệu chứng hay tiền sử bệnh.",
                    ),
                    "muted",
                )
            )
        self.consent = ConsentChecks(schema.purposes, self.state.language)
        self.body.addWidget(self.consent)
        row = QHBoxLayout()
        self.agree = button(
            translate("RegistrationScreen", "Đồng ý và tiếp tục"), self.show_form, "primary"
        )
        self.agree.setObjectName("agree")
        self.agree.setEnabled(False)
        self.consent.changed.connect(lambda: self.agree.setEnabled(self._consented()))
        row.addWidget(button(translate("RegistrationScreen", "Không đồng ý"), self.show_services))
        row.addWidget(self.agree, 1)
        self.body.addLayout(row)
        self.body.addStretch(1)

    def _consented(self) -> bool:
        return self.consent is not None and self.consent.ready()

    # --- 3. the form ----------------------------------------------------------------------

    def show_form(self) -> None:
        schema, consent = self.schema, self.consent
        assert schema is not None and consent is not None
        version = self.state.require_kiosk().settings.get_str("consent.current")
        self.agreement = consent.record(version)  # kept: the consent step goes now
        self.consent = None
        self._step()
        self.body.addWidget(label(self.state.text(schema.label, schema.label_en), "title"))
        if schema.needs_dossier:
            self.dossier_code = FormField(
                translate("RegistrationScreen", "Mã biên nhận của hồ sơ (trên giấy biên nhận)"),
                "code",  # digits, capitals and "-" on one page; no Telex/VNI rewriting
                max_length=24,
            )
            self.dossier_code.editor.setObjectName("dossierCode")
            self.body.addWidget(self.dossier_code)
        province = self.state.require_kiosk().settings.get_str("kiosk.province_code")
        self.form = SchemaForm(schema, self.state, province)
        self.body.addWidget(self.form)
        self.problems = label("", "error")
        self.body.addWidget(self.problems)
        self.save_button = button(
            translate("RegistrationScreen", "Lưu đăng ký"), self.save, "primary"
        )
        self.save_button.setObjectName("save")
        self.body.addWidget(self.save_button)
        self.body.addStretch(1)

    def payload(self) -> dict[str, Any]:
        schema, form = self.schema, self.form
        assert schema is not None and form is not None
        payload: dict[str, Any] = {
            "DichVu": schema.code,
            "NguoiDangKy": form.applicant(),
            "ChiTiet": form.details(),
            "DongY": self.agreement,
            "ThoiDiem": format_timestamp(utcnow()),
        }
        if schema.needs_address:
            payload["DiaChi"] = form.address.address() if form.address else None
        return payload

    def save(self) -> None:
        kiosk, payload, actor = self.state.require_kiosk(), self.payload(), self.state.actor
        code = self.dossier_code.value() if self.dossier_code is not None else ""
        self.save_button.setEnabled(False)
        self.state.tasks.run(
            lambda: save_registration(kiosk, payload, code, actor),
            self._saved,
            self._refused,
            busy=saving_words(),
        )

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, ValidationError):  # the form stays as filled: save again
            failures.report(
                error,
                "registration save",
                failures.not_saved(),
                nav=self.nav,
                line=self.problems.setText,
            )
            return
        assert self.form is not None
        fields = dict(self.form.fields)
        if self.dossier_code is not None:
            fields["dossier_id"] = self.dossier_code
        unplaced = show_field_errors(error.errors, fields, self.state.language)
        self.problems.setText("\n".join(unplaced))
        first = next((f for f in fields.values() if f.error.isVisible()), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first)

    # --- 4. saved -------------------------------------------------------------------------

    def _saved(self, saved: SavedRecord) -> None:
        schema = self.schema
        assert schema is not None
        self.saved = saved
        self._step()
        summary = translate(
            "RegistrationScreen",
            "Đã ghi nhận đăng ký: {service}. Đơn vị cung cấp dịch vụ sẽ liên hệ theo số "
            "điện thoại đã để lại.",
        ).format(service=self.state.text(schema.label, schema.label_en))
        self.panel = SavedPanel(self.state, self.nav, saved, summary)
        self.body.addWidget(self.panel)
