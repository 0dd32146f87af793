#!/usr/bin/env python3
"""One-step install and run, for a fresh Debian/Ubuntu or Windows machine.

    python3 bootstrap.py demo   # install, then start the kiosk on its embedded defaults
    python3 bootstrap.py test   # install with test tools, then run every check and test

It creates ``.venv`` beside this file, installs the locked dependencies (requirements/*.txt,
hash-pinned), installs the kiosk into it, and runs. On Debian/Ubuntu it first installs the few
system packages Qt and the tests need (apt-get, through sudo when not root).
Only the standard library is used here: this runs before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
APT_RUN = [
    "python3-venv",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libx11-6",
    "libxkbcommon0",
    "libdbus-1-3",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-render-util0",
    "libxcb-render0",
    "libxcb-shape0",
    "libxcb-util1",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "fonts-dejavu-core",
]
APT_TEST = ["xvfb", "poppler-utils", "zbar-tools", "sqlite3"]


def sh(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True)


def apt_install(packages: list[str]) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("apt-get"):
        return
    missing = [
        p
        for p in packages
        if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True, check=False
        ).stdout.strip()
        != "install ok installed"
    ]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env_prefix = ["env", "DEBIAN_FRONTEND=noninteractive"]
    sh(*sudo, *env_prefix, "apt-get", "update", "-q")
    sh(*sudo, *env_prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *missing)


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def install(lock: str) -> Path:
    if not venv_python().exists():
        sh(sys.executable, "-m", "venv", VENV)
    py = venv_python()
    sh(py, "-m", "pip", "install", "-q", "--upgrade", "pip")
    sh(py, "-m", "pip", "install", "-q", "--require-hashes", "-r", ROOT / "requirements" / lock)
    sh(py, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", ROOT)
    # The English UI: resources/i18n/kiosk_en.ts → kiosk_en.qm (a build output, not in git).
    sh(py, ROOT / "scripts" / "i18n.py", "--release")
    return py


def main(argv: list[str]) -> int:
    what = argv[1] if len(argv) > 1 else "demo"
    if what == "demo":
        apt_install(APT_RUN)
        py = install("lock.txt")
        return subprocess.call([str(py), "-m", "kiosk", "--demo", *argv[2:]])
    if what == "test":
        apt_install(APT_RUN + APT_TEST)
        py = install("lock-dev.txt")
        return subprocess.call([str(py), str(ROOT / "scripts" / "check.py"), *argv[2:]])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
