#!/usr/bin/env python3
"""Regenerate ``docs/screenshots/``: every screen of ``kiosk/ui/screen_catalog.py`` in
Vietnamese and English at 1366×768, plus the home screen and one form in portrait (1080×1920).

    .venv/bin/python scripts/screenshots.py            # all → docs/screenshots/
    .venv/bin/python scripts/screenshots.py --only home --only login --out /tmp/shots

Offscreen (``QT_QPA_PLATFORM=offscreen``), on a throwaway data home: the bundled catalogue,
demo records (``kiosk.services.demo.seed``), a dossier status from the province and two
notices (one an emergency) applied through the inbound ``/changes`` path, one user per role.
The bundled font is used (``theme.apply``). The English ``.qm`` is built first
(``scripts/i18n.py --release``). No simulator runs: the status strip is set to "connected,
last exchange now" as the sync engine would report it. Files: ``<screen>-<lang>.png``,
``<screen>-portrait-<lang>.png``; ``keyboard-*.png`` belong to the keyboard's own script and
are left alone. ``README.md`` in the folder lists them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OUT = REPO / "docs" / "screenshots"
LANDSCAPE = (1366, 768)
PORTRAIT = (1080, 1920)
LANGUAGES = ("vi", "en")
KEEP = "keyboard-"  # the keyboard engineer's screenshots


def use_throwaway_home(root: Path) -> Path:
    os.environ["KIOSK_HOME"] = str(root / "home")
    os.environ["KIOSK_KEYRING"] = f"file:{root / 'keyring.cfg'}"
    from kiosk import paths
    from kiosk.store import secrets

    paths.set_home(None)
    secrets.reset_backend()
    return root / "home"


def prepare(home: Path) -> object:
    from kiosk.services import catalog
    from kiosk.services.context import Kiosk
    from kiosk.ui import screen_catalog

    kiosk = Kiosk.open(home)
    try:
        catalog.ensure_loaded(kiosk)
        return screen_catalog.prepare_demo(kiosk)
    finally:
        kiosk.close()


def pump_until(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not settle")
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # layouts and repaints run on posted events
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def build_window() -> object:
    from kiosk.ui.app import application
    from kiosk.ui.app import build_window as kiosk_window

    application()
    window = kiosk_window(kiosk_mode=False, start_workers=False)
    state = window.state
    window.resize(*LANDSCAPE)
    window.show()
    pump_until(lambda: state.kiosk is not None or bool(state.problems))
    window.idle.configure(24 * 3600, 15)  # no idle wipe while shooting
    if window.telex is not None:
        window.telex.set_method("off")  # the shots type text already composed
    # What the sync engine would report and keep (the dashboard reads the last exchange from
    # the database, the status strip from the signal: both, as a real exchange leaves them).
    now = datetime.now(UTC)
    if state.kiosk is not None:
        from kiosk.sync import shared

        shared.publish(state.kiosk, online=True, exchanged_at=now, checked_at=now)
    state.bridge.connectivity_changed.emit(True)
    state.bridge.exchanged.emit(now.isoformat())
    return window


def shoot(window: object, entry: object, facts: object, path: Path, size: tuple[int, int]) -> None:
    from kiosk.ui import screen_catalog

    fresh_start(window, size)
    screen_catalog.open_screen(window, entry, facts, pump_until)  # type: ignore[arg-type]
    window.resize(*size)  # type: ignore[attr-defined]  # again: logging out may shrink it
    window.dialogs.overlay.dismiss()  # type: ignore[attr-defined]
    pump_until(lambda: True)
    image = window.grab()  # type: ignore[attr-defined]
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    got = (image.width(), image.height())
    if got != size:  # the window grew past the display: on the kiosk the rest is cut off
        GREW.append(f"{path.name}: {got[0]}×{got[1]}")
        print(f"  {shown}  WARNING: the window is {got[0]}×{got[1]}, not {size[0]}×{size[1]}")
        return
    print(f"  {shown}", flush=True)


GREW: list[str] = []


def fresh_start(window: object, size: tuple[int, int]) -> None:
    """Each shot on its own: no keyboard or focus left by the previous screen, the size."""
    from PySide6.QtWidgets import QApplication

    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    keyboard = getattr(window, "keyboard", None)
    if keyboard is not None:
        keyboard.hide()
    window.resize(*size)  # type: ignore[attr-defined]


def clean(out: Path) -> None:
    for old in out.glob("*.png"):
        if not old.name.startswith(KEEP):
            old.unlink()


def readme(out: Path, shots: list[tuple[str, str, str]]) -> None:
    from kiosk.ui import screen_catalog

    lines = [
        "# Screenshots",
        "",
        "Made by `scripts/screenshots.py` (offscreen, the bundled DejaVu Sans font, a throwaway "
        "data home with demo records, a dossier status from the province and two notices — "
        "one an emergency — applied through the inbound path). Do not edit by hand: re-run "
        "`.venv/bin/python scripts/screenshots.py`. Every screen of "
        "`kiosk/ui/screen_catalog.py` in Vietnamese (`-vi`) and English (`-en`) at 1366×768, "
        "and the home screen and one form in portrait (1080×1920). No simulator runs while "
        'shooting: the status strip shows the "connected" state the sync engine would report.',
        "",
        "| screen | role | what it shows | Tiếng Việt | English |",
        "|---|---|---|---|---|",
    ]
    order = {entry.key: n for n, entry in enumerate(screen_catalog.SCREENS)}
    rows = sorted({(k, size) for k, size, _ in shots}, key=lambda r: (order[r[0]], r[1]))
    for key, size_name in rows:
        entry = screen_catalog.by_key(key)
        stem = key if size_name == "landscape" else f"{key}-portrait"
        what = entry.note + (" (portrait 1080×1920)" if size_name == "portrait" else "")
        links = [f"[{stem}-{lang}.png]({stem}-{lang}.png)" for lang in LANGUAGES]
        lines.append(f"| `{key}` | {entry.role or 'resident'} | {what} | {links[0]} | {links[1]} |")
    keyboard = sorted(p.name for p in out.glob(f"{KEEP}*.png"))
    if keyboard:
        lines += ["", "The on-screen keyboard (made by the keyboard's own script):", ""]
        lines += [f"- [{name}]({name})" for name in keyboard]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="%(default)s")
    parser.add_argument("--only", action="append", metavar="KEY", help="only these screens")
    args = parser.parse_args(argv)
    subprocess.run([sys.executable, str(REPO / "scripts" / "i18n.py"), "--release"], check=True)
    from kiosk.ui import screen_catalog

    entries = [s for s in screen_catalog.SCREENS if not args.only or s.key in args.only]
    portrait = [s for s in entries if s.key in ("home", screen_catalog.PORTRAIT_FORM)]
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.only:
        clean(args.out)
    shots: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as root:
        facts = prepare(use_throwaway_home(Path(root)))
        window = build_window()
        for lang in LANGUAGES:
            window.state.set_language(lang)  # type: ignore[attr-defined]
            if window.state.language != lang:  # type: ignore[attr-defined]
                raise SystemExit(f"the {lang} translation did not load")
            print(f"{lang}:", flush=True)
            for entry in entries:
                shoot(window, entry, facts, args.out / f"{entry.key}-{lang}.png", LANDSCAPE)
                shots.append((entry.key, "landscape", lang))
            for entry in portrait:
                path = args.out / f"{entry.key}-portrait-{lang}.png"
                shoot(window, entry, facts, path, PORTRAIT)
                shots.append((entry.key, "portrait", lang))
        window.home()  # type: ignore[attr-defined]
        pump_until(lambda: window.state.tasks.running == 0)  # type: ignore[attr-defined]
        window.exit_allowed = True  # type: ignore[attr-defined]
        window.close()  # type: ignore[attr-defined]
    if not args.only:
        readme(args.out, shots)
    print(f"{len(shots)} screenshots in {args.out}")
    if GREW:
        print(f"{len(GREW)} shot(s) where the window grew past the display: " + ", ".join(GREW))
    return 0


if __name__ == "__main__":
    sys.exit(main())
