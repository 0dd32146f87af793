"""Kiosk software of the 'Cà phê Dịch vụ công' support points (Khánh Hòa)."""

__version__ = "0.1.0"
