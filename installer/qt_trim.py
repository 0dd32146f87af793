"""Which Qt plugins, libraries and translations the kiosk's PyInstaller bundle keeps.

Used by ``hooks/hook-PySide6.QtGui.py`` (before PyInstaller resolves the plugins' libraries, so
that a dropped plugin's dependencies — GTK, Wayland, QtNetwork, QtQuick — are never collected)
and by ``kiosk.spec`` (a last filter over what the other hooks brought).

The kiosk needs the xcb (X11) or windows platform for its screen, offscreen for the self-test,
image formats, SVG icons, input contexts (compose/IBus) and evdev touch input.
"""

from __future__ import annotations

PLATFORMS = {"qxcb", "qoffscreen", "qminimal", "qwindows"}
PLUGIN_DIRS_DROPPED = (
    "wayland-",
    "egldeviceintegrations",
    "platforms/darwin",
    "platformthemes",  # GTK / portal themes would drag in the build machine's GTK
    "designer",
    "qmltooling",
    "sqldrivers",
    "networkinformation",
    "tls",
    "printsupport",
    "vectorimageformats",
)
# QtPdf; QtQuick + QML (virtual keyboard); QtNetwork (TUIO touch over UDP; evdev touch stays)
PLUGINS_DROPPED = {"qpdf", "qtvirtualkeyboardplugin", "qtuiotouchplugin"}
TRANSLATION_LANGUAGES = ("_vi.qm", "_en.qm")


def _stem(file_name: str) -> str:
    return file_name.removeprefix("lib").split(".", 1)[0]


def keep(path: str) -> bool:
    """False for a dropped Qt plugin or a Qt translation in another language."""
    path = path.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if "/translations/" in path and "PySide6/" in path and name.endswith(".qm"):
        return name.endswith(TRANSLATION_LANGUAGES)
    if "PySide6/" in path and "/plugins/" in path:
        plugin = path.split("/plugins/", 1)[1]
        if plugin.startswith(PLUGIN_DIRS_DROPPED):
            return False
        if plugin.startswith("platforms/") and _stem(name) not in PLATFORMS:
            return False
        return _stem(name) not in PLUGINS_DROPPED
    return True


def trim(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hook's (source file, bundle folder) pairs without the dropped ones."""
    return [entry for entry in entries if keep(entry[0])]
