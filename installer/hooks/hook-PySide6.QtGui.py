"""PyInstaller's own PySide6.QtGui hook, minus the Qt plugins the kiosk does not use.

A hook here has priority over PyInstaller's (``hookspath`` in kiosk.spec). Dropping the plugins
before PyInstaller resolves their libraries keeps GTK, Wayland, QtNetwork and QtQuick out.
"""

import sys
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from qt_trim import trim

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = trim(binaries)
datas = trim(datas)
