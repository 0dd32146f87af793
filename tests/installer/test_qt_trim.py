"""installer/qt_trim.py: the Qt plugins and translations the frozen bundle keeps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
from qt_trim import keep, trim

LINUX = "/venv/site-packages/PySide6/Qt/plugins/"
WINDOWS = "C:\\venv\\Lib\\site-packages\\PySide6\\plugins\\"


@pytest.mark.parametrize(
    "path",
    [
        LINUX + "platforms/libqxcb.so",
        LINUX + "platforms/libqoffscreen.so",
        LINUX + "xcbglintegrations/libqxcb-glx-integration.so",
        LINUX + "imageformats/libqsvg.so",
        LINUX + "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        LINUX + "generic/libqevdevtouchplugin.so",
        WINDOWS + "platforms\\qwindows.dll",
        WINDOWS + "platforms\\qoffscreen.dll",
        "/venv/site-packages/PySide6/Qt/translations/qtbase_vi.qm",
        "/venv/site-packages/PySide6/Qt/lib/libQt6Widgets.so.6",
        "/repo/resources/i18n/kiosk_en.qm",
    ],
)
def test_kept(path: str) -> None:
    assert keep(path)


@pytest.mark.parametrize(
    "path",
    [
        LINUX + "platforms/libqwayland.so",
        LINUX + "platforms/libqeglfs.so",
        LINUX + "platforms/libqvnc.so",
        LINUX + "wayland-shell-integration/libxdg-shell.so",
        LINUX + "platformthemes/libqgtk3.so",
        LINUX + "imageformats/libqpdf.so",
        LINUX + "platforminputcontexts/libqtvirtualkeyboardplugin.so",
        LINUX + "generic/libqtuiotouchplugin.so",
        WINDOWS + "platforms\\qdirect2d.dll",
        WINDOWS + "imageformats\\qpdf.dll",
        "/venv/site-packages/PySide6/Qt/translations/qtbase_de.qm",
    ],
)
def test_dropped(path: str) -> None:
    assert not keep(path)


def test_trim_keeps_pairs_in_order() -> None:
    pairs = [
        (LINUX + "platforms/libqxcb.so", "PySide6/Qt/plugins/platforms"),
        (LINUX + "platforms/libqwayland.so", "PySide6/Qt/plugins/platforms"),
        (LINUX + "platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms"),
    ]
    assert trim(pairs) == [pairs[0], pairs[2]]
