#!/usr/bin/env python3
"""Every check CI runs, in order: ruff, ruff format, mypy, import-linter, pytest.

Run inside the project's venv (``python3 bootstrap.py test`` does that). Extra arguments go to
pytest. Exits non-zero at the first failing step.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def step(name: str, *cmd: str) -> None:
    print(f"\n=== {name}: {' '.join(cmd)}", flush=True)
    result = subprocess.run(cmd, cwd=ROOT, check=False)
    if result.returncode != 0:
        print(f"=== {name} FAILED (exit {result.returncode})", flush=True)
        sys.exit(result.returncode)


def main() -> None:
    env_tool = lambda name: str(BIN / name)  # noqa: E731
    step("ruff", env_tool("ruff"), "check", ".")
    step("ruff format", env_tool("ruff"), "format", "--check", ".")
    step("mypy", env_tool("mypy"))
    step("import-linter", env_tool("lint-imports"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    step("pytest", sys.executable, "-m", "pytest", *sys.argv[1:])


if __name__ == "__main__":
    main()
