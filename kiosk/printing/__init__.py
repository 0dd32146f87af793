"""Receipts: the receipt model (``prepare``), thermal ESC/POS, PDF and PNG renderers, and the
print queue. No Qt here (an import-linter contract checks it); see ``docs/printing.md``.

Entry points: :func:`kiosk.printing.prepare.prepare` (pure), :mod:`kiosk.printing.service`
(render and export by receipt code), :class:`kiosk.printing.queue.PrintQueue` (print jobs).
"""
