#!/usr/bin/env bash
# Regenerate the hash-pinned lock files (universal: Linux and Windows markers kept).
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-.venv/bin/uv}"
"$UV" pip compile pyproject.toml requirements/build.in --universal --python-version 3.11 \
  --generate-hashes -o requirements/lock.txt
"$UV" pip compile pyproject.toml requirements/build.in --extra dev --universal \
  --python-version 3.11 --generate-hashes -o requirements/lock-dev.txt
