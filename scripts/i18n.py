#!/usr/bin/env python3
"""The UI's English translation through Qt Linguist.

Vietnamese (with diacritics) is the source language: every user-facing string in ``kiosk/ui``
is written ``translate("Context", "Tiếng Việt …")``. This script keeps
``resources/i18n/kiosk_en.ts`` (checked in: source strings and their English) in step with the
code and builds ``kiosk_en.qm`` (a build output, gitignored; ``bootstrap.py`` builds it).

    scripts/i18n.py                  # lupdate (new strings in, vanished ones out) + lrelease
    scripts/i18n.py --check          # exit 1 if a string in the code has no finished English
    scripts/i18n.py --release        # lrelease only (.ts → .qm); --qm-dir DIR to build elsewhere
    scripts/i18n.py --todo           # the unfinished strings as JSON {context: {source: ""}}
    scripts/i18n.py --fill FILE      # put English from such a JSON file into the .ts

Translate with Qt Linguist (``pyside6-linguist resources/i18n/kiosk_en.ts``) or by ``--todo``
→ edit → ``--fill``. Keep ``{placeholders}`` exactly as in the source: ``--check`` compares
them. ``--check`` also refuses ``translate(..., f"…")`` (lupdate would record the template,
which never matches at run time) and warns about calls with a non-literal context or text
(lupdate cannot see them).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "kiosk" / "ui"
TS = ROOT / "resources" / "i18n" / "kiosk_en.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
NOT_DONE = {"unfinished", "vanished", "obsolete"}
TRANSLATE_NAMES = {"translate", "tr", "QT_TRANSLATE_NOOP"}
APPLICATIONS = {"QCoreApplication", "QGuiApplication", "QApplication"}


@dataclass(frozen=True, order=True)
class Key:
    context: str
    source: str


def tool(name: str) -> str:
    """``pyside6-<name>`` next to this Python (the venv), else on PATH, else PySide6's own."""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def source_files(sources: Path) -> list[Path]:
    return sorted(p for p in sources.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(sources: Path, ts: Path) -> str:
    """Merge the strings of ``sources`` into ``ts`` (created if missing); lupdate's summary."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-i18n-") as tmp:
        listing = Path(tmp) / "files.lst"
        listing.write_text("\n".join(str(p) for p in source_files(sources)) + "\n", "utf-8")
        done = subprocess.run(
            [
                tool("lupdate"),
                f"@{listing}",
                "-source-language", "vi_VN",
                "-target-language", "en_US",
                "-locations", "none",
                "-sort-messages",
                "-no-obsolete",
                "-ts", str(ts),
            ],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"lupdate failed:\n{done.stdout}{done.stderr}")
    return (done.stdout + done.stderr).strip()


def lrelease(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0 or not qm.exists():
        raise SystemExit(f"lrelease failed:\n{done.stdout}{done.stderr}")


def qm_for(ts: Path, qm_dir: Path | None) -> Path:
    return (qm_dir or ts.parent) / ts.with_suffix(".qm").name


# ----------------------------------------------------------------------------- reading .ts


@dataclass(frozen=True)
class Entry:
    key: Key
    translation: str
    done: bool


def read_ts(ts: Path) -> dict[Key, Entry]:
    if not ts.exists():
        return {}
    entries: dict[Key, Entry] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = Key(name, message.findtext("source") or "")
            node = message.find("translation")
            text = (node.text or "") if node is not None else ""
            kind = node.get("type", "") if node is not None else "unfinished"
            entries[key] = Entry(key, text, bool(text.strip()) and kind not in NOT_DONE)
    return entries


def strings_in_code(sources: Path) -> set[Key]:
    """What lupdate finds in ``sources`` (a fresh extraction, the checked-in .ts untouched)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-i18n-") as tmp:
        fresh = Path(tmp) / "fresh.ts"
        lupdate(sources, fresh)
        return set(read_ts(fresh))


# ----------------------------------------------------------------------------- checking


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and func.attr == "tr":
        return "tr"
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in APPLICATIONS
        and func.attr == "translate"
    ):
        return "translate"  # QCoreApplication.translate(...), not str.translate(table)
    return ""


def suspicious_calls(sources: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings): translate calls lupdate records wrongly or cannot see."""
    errors: list[str] = []
    warnings: list[str] = []
    for path in source_files(sources):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _call_name(node) not in TRANSLATE_NAMES:
                continue
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:"
            where += str(node.lineno)
            texts = node.args[:2] if _call_name(node) != "tr" else node.args[:1]
            if any(isinstance(arg, ast.JoinedStr) for arg in texts):
                errors.append(f"{where}: an f-string inside translate(); use .format() after it")
            elif texts and not all(
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in texts
            ):
                warnings.append(f"{where}: non-literal translate() argument (lupdate skips it)")
    return errors, warnings


def check(sources: Path, ts: Path) -> int:
    found = strings_in_code(sources)
    entries = read_ts(ts)
    problems: list[str] = []
    for key in sorted(found):
        entry = entries.get(key)
        if entry is None:
            problems.append(f"not in {ts.name}: [{key.context}] {key.source!r}")
        elif not entry.done:
            problems.append(f"no finished English: [{key.context}] {key.source!r}")
        elif placeholders(entry.translation) != placeholders(key.source):
            problems.append(
                f"placeholders differ: [{key.context}] {key.source!r} → {entry.translation!r}"
            )
    errors, warnings = suspicious_calls(sources)
    problems += errors
    stale = sorted(set(entries) - found)
    for line in warnings:
        print(f"warning: {line}")
    if stale:
        print(f"note: {len(stale)} entries in {ts.name} are no longer in the code "
              "(scripts/i18n.py drops them)")  # fmt: skip
    if problems:
        print(f"{len(problems)} translation problem(s) — run scripts/i18n.py, then translate "
              f"in {ts.relative_to(ROOT) if ts.is_relative_to(ROOT) else ts}:")  # fmt: skip
        for line in problems:
            print(f"  {line}")
        return 1
    print(f"ok: {len(found)} strings, all with English")
    return 0


# ----------------------------------------------------------------------------- todo / fill


def todo(ts: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, entry in sorted(read_ts(ts).items()):
        if not entry.done:
            out.setdefault(key.context, {})[key.source] = entry.translation
    return out


def fill(ts: Path, given: dict[str, dict[str, str]]) -> tuple[int, list[str]]:
    """Write the translations of ``given`` into ``ts`` (marking them finished)."""
    tree = ET.parse(ts)
    filled, problems = 0, []
    for context in tree.getroot().iter("context"):
        wanted = given.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            english = wanted.get(source, "")
            if not english.strip():
                continue
            if placeholders(english) != placeholders(source):
                problems.append(f"placeholders differ, not filled: {source!r} → {english!r}")
                continue
            node = message.find("translation")
            if node is None:
                node = ET.SubElement(message, "translation")
            node.text = english
            node.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled, problems


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--check", action="store_true", help="fail on untranslated strings")
    what.add_argument("--release", action="store_true", help="only build the .qm")
    what.add_argument("--todo", action="store_true", help="print the unfinished strings")
    what.add_argument("--fill", type=Path, metavar="JSON", help="fill translations from JSON")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="%(default)s")
    parser.add_argument("--ts", type=Path, default=TS, help="%(default)s")
    parser.add_argument("--qm-dir", type=Path, help="where the .qm goes (default: beside .ts)")
    args = parser.parse_args(argv)
    if args.check:
        return check(args.sources, args.ts)
    if args.release:
        lrelease(args.ts, qm_for(args.ts, args.qm_dir))
        return 0
    if args.todo:
        print(json.dumps(todo(args.ts), ensure_ascii=False, indent=2))
        return 0
    if args.fill:  # the code's strings first, then the English, then lupdate's own layout
        lupdate(args.sources, args.ts)
        filled, problems = fill(args.ts, json.loads(args.fill.read_text(encoding="utf-8")))
        print("\n".join(problems) or f"filled {filled} translations")
    print(lupdate(args.sources, args.ts))
    lrelease(args.ts, qm_for(args.ts, args.qm_dir))
    left = sum(len(v) for v in todo(args.ts).values())
    print(f"{args.ts.name}: {len(read_ts(args.ts))} strings, {left} without English yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
