"""Settings panel: every declared setting a technician changes, as a form; saved through the
declarations' own validation (``Settings.set``) on the db worker; errors next to the fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.settings import SETTINGS, SettingError, Settings, Value
from kiosk.ui.i18n import translate
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.settings_form import SettingsForm, error_words

# Changed with the secret, on the credentials panel (a client id without its secret is useless).
ELSEWHERE = frozenset({"server.client_id"})


def save_settings(settings: Settings, values: dict[str, Value]) -> list[str]:
    """Write the values together (each validated again by its declaration, then what relates
    them: a ward of the chosen province); the keys written, or SettingError and none."""
    settings.set_many(values)
    return list(values)


class SettingsPanel(QWidget):
    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.owner = owner
        self.state = owner.state
        settings = self.state.require_kiosk().settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("SettingsPanel", "Cài đặt"), "title"))
        layout.addWidget(
            label(
                translate(
                    "SettingsPanel",
                    "Địa chỉ máy chủ, ngôn ngữ và thời gian chờ có hiệu lực sau khi khởi động "
                    "lại ứng dụng; cài đặt máy in có hiệu lực từ lần in sau.",
                ),
                "muted",
            )
        )
        self.top_save = button(translate("SettingsPanel", "Lưu cài đặt"), self.save, "primary")
        layout.addWidget(self.top_save)
        self.message = label("", "error")
        self.message.setObjectName("settingsMessage")
        self.message.hide()
        layout.addWidget(self.message)
        declared = [s for s in SETTINGS if s.key not in ELSEWHERE]
        self.form = SettingsForm(settings, declared, self.state.language)
        layout.addWidget(self.form)
        self.save_button = button(translate("SettingsPanel", "Lưu cài đặt"), self.save, "primary")
        self.save_button.setObjectName("saveSettings")
        layout.addWidget(self.save_button)

    def _say(self, text: str, role: str = "error") -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def save(self) -> None:
        values, errors = self.form.changes()
        if errors:
            self._say(
                translate(
                    "SettingsPanel", "Chưa lưu: {n} ô chưa đúng, xem dòng đỏ bên dưới ô."
                ).format(n=len(errors))
            )
            self.owner.reveal(self.form.fields[next(iter(errors))])
            return
        if not values:
            self._say(translate("SettingsPanel", "Không có gì thay đổi."), "muted")
            return
        settings = self.state.require_kiosk().settings
        self._enable(False)
        self.state.tasks.run(
            lambda: save_settings(settings, values), self._saved, self._refused, busy=saving_words()
        )

    def _enable(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.top_save.setEnabled(enabled)

    def _saved(self, keys: list[str]) -> None:
        self._enable(True)
        self.state.settings_changed.emit()
        self._say(translate("SettingsPanel", "Đã lưu {n} thay đổi.").format(n=len(keys)), "ok")
        self.owner.reveal(self.message)

    def _refused(self, error: BaseException) -> None:
        self._enable(True)
        if not isinstance(error, SettingError):
            self.state.tasks.failed.emit(error)
            return
        key = str(error).split(":", 1)[0]
        if key in self.form.fields:
            self.form.fields[key].set_error(error_words(error, key))
        self._say(str(error))
