"""Nộp phí: a dossier's fees (by its receipt code) or a contribution, paid by VietQR
transfer (the code large on screen, the bank's reference typed after) or in cash to a
logged-in volunteer; saved, receipt printed, home."""

from kiosk.ui.screens.payment.screen import PaymentScreen

SCREEN = PaymentScreen

__all__ = ["SCREEN", "PaymentScreen"]
