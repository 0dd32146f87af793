"""One screen per module. ``nav.go("payment")`` imports ``kiosk.ui.screens.payment`` and
builds its ``SCREEN`` class, so adding a screen is adding a module."""
