"""Đăng ký dịch vụ: choose one of the eight services, agree to what the data is used for,
fill in the form generated from the service's schema (only what that service needs), save,
receipt. Receiving a dossier's result at home by post names the dossier by its receipt code."""

from kiosk.ui.screens.registration.screen import RegistrationScreen

SCREEN = RegistrationScreen

__all__ = ["SCREEN", "RegistrationScreen"]
