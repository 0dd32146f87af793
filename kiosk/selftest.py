"""``kiosk --selftest``: proves that this build — frozen (PyInstaller) or not — has everything the
kiosk loads at run time, and that it works end to end on this machine.

Steps, each timed:

1. **bundle** — every bundled file the app needs is there (fonts, catalogue, units, the ``.qm``
   of every UI language, Alembic migrations, python-escpos's printer profiles) and every module
   that is only reached at run time imports (reportlab's barcodes, the keyring backend chosen
   for this platform, argon2, cryptography, tzdata, Qt's platform plugins). A missing one is
   named: ``MISSING BUNDLED FILE resources/fonts/DejaVuSans.ttf``.
2. **home** — a throwaway data home (or ``--home DIR``: empty, or an earlier self-test's) is
   opened: settings, migrations to the head revision, the data key (in a file keyring inside
   that home: the machine's keyring is never touched).
3. **receipt** — the documented example dossier rendered to ESC/POS (80 mm raster) and to PDF
   (A4, the bundled font embedded; its text read back when pypdf is installed).
4. **screen** — the home screen drawn offscreen (``QT_QPA_PLATFORM=offscreen`` when there is
   no display) and saved as a PNG that must not be blank.
5. **sync** — the bundled provincial simulator on 127.0.0.1: health probe, token, and one
   dossier saved and synchronised (``sync_once``) until the province has it.

Exit status 0 when every step passed, else 1 with the failed steps named. No Qt import at module
level: only the screen step imports the UI.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import os
import random
import secrets as token_source
import shutil
import sys
import tempfile
import time
import traceback
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, paths

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk

MARKER = ".kiosk-selftest-home"
REQUIRED_ASSETS: tuple[tuple[str, ...], ...] = (
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("catalog", "catalog-v1.json.gz"),
    ("catalog", "aliases.tsv"),
    ("units", "units.json.gz"),
    ("units", "old_names.json.gz"),
)
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
BARCODES = ("QR", "Code128", "EAN13")
PDF_TEXT = "Đăng ký thường trú"  # in the example dossier's receipt


class SelftestFailure(Exception):
    """A check failed; the message names what is missing or wrong."""


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str


@dataclass
class Context:
    home: Path
    kiosk: Kiosk | None = None


# --------------------------------------------------------------------------- step 1: bundle


def check_bundle(_ctx: Context) -> str:
    problems: list[str] = []
    found = [check(problems) for check in BUNDLE_CHECKS]
    if problems:
        raise SelftestFailure("; ".join(problems))
    return ", ".join(found)


def _assets(problems: list[str]) -> str:
    for parts in REQUIRED_ASSETS:
        try:
            if paths.asset(*parts).stat().st_size == 0:
                problems.append(f"EMPTY BUNDLED FILE resources/{'/'.join(parts)}")
        except FileNotFoundError:
            problems.append(f"MISSING BUNDLED FILE resources/{'/'.join(parts)}")
    return "fonts, catalogue, units"


def _translations(problems: list[str]) -> str:
    from kiosk.settings import declared

    languages = [str(c) for c in declared("ui.language").choices if c != "vi"]
    for language in languages:
        path = paths.resources_root() / "i18n" / f"kiosk_{language}.qm"
        if not path.is_file():
            problems.append(f"MISSING BUNDLED FILE resources/i18n/{path.name}")
        elif not path.read_bytes().startswith(QM_MAGIC):
            problems.append(f"BROKEN BUNDLED FILE resources/i18n/{path.name} (not a .qm)")
    return f"translations {'+'.join(languages) or '-'}"


def _migrations(problems: list[str]) -> str:
    from alembic.script import ScriptDirectory

    from kiosk.store import migrate

    folder = migrate.MIGRATIONS
    for name in ("env.py", "script.py.mako", "versions"):
        if not (folder / name).exists():
            problems.append(f"MISSING BUNDLED FILE kiosk/store/migrations/{name}")
    if problems and not (folder / "versions").exists():
        return "migrations -"
    revisions = list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions())
    if not revisions:
        problems.append("MISSING BUNDLED FILE kiosk/store/migrations/versions/*.py")
    return f"migrations {len(revisions)} (head {migrate.head_revision()})"


def _escpos(problems: list[str]) -> str:
    spec = importlib.util.find_spec("escpos")
    origin = Path(spec.origin) if spec and spec.origin else None
    if origin is None or not (origin.parent / "capabilities.json").is_file():
        problems.append("MISSING BUNDLED FILE escpos/capabilities.json")
        return "escpos -"
    from kiosk.printing import escpos_lib

    names = escpos_lib.profile_names()
    if "TM-T20II" not in names:
        problems.append("BROKEN BUNDLED FILE escpos/capabilities.json (no TM-T20II profile)")
    return f"escpos {len(names)} profiles"


def _barcodes(problems: list[str]) -> str:
    try:
        barcode = importlib.import_module("reportlab.graphics.barcode")
        codes = set(barcode.getCodeNames())
        barcode.createBarcodeDrawing("QR", value="selftest")
    except ImportError as exc:
        problems.append(f"MISSING BUNDLED MODULE {exc.name or exc}")
        return "barcodes -"
    for name in BARCODES:
        if name not in codes:
            problems.append(f"MISSING BUNDLED MODULE reportlab barcode {name}")
    return f"{len(codes)} barcodes"


def keyring_modules() -> tuple[str, ...]:
    """The keyring backends kiosk.store.secrets chooses from on this platform."""
    if sys.platform == "win32":
        return ("keyring.backends.Windows",)
    if sys.platform == "darwin":
        return ("keyring.backends.macOS",)
    return ("keyrings.alt.file", "keyring.backends.SecretService")


def _modules(problems: list[str]) -> str:
    wanted = (*keyring_modules(), "argon2", "cryptography.hazmat.primitives.ciphers.aead")
    for name in wanted:
        try:
            importlib.import_module(name)
        except ImportError:
            problems.append(f"MISSING BUNDLED MODULE {name}")
    _argon2_roundtrip(problems)
    return f"keyring {keyring_modules()[0]}, argon2, cryptography"


def _argon2_roundtrip(problems: list[str]) -> None:
    from argon2 import PasswordHasher

    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    if not hasher.verify(hasher.hash("selftest"), "selftest"):
        problems.append("argon2 does not verify its own hash")


def _tzdata(problems: list[str]) -> str:
    try:
        bundled = resources.files("tzdata").joinpath("zoneinfo", "Asia", "Ho_Chi_Minh")
        ok = bundled.is_file()
    except ModuleNotFoundError:
        ok = False
    if not ok:
        problems.append("MISSING BUNDLED FILE tzdata/zoneinfo/Asia/Ho_Chi_Minh")
    zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    return "tzdata"


def qt_platform_plugins() -> tuple[str, ...]:
    """The platform plugins the kiosk needs here: offscreen (self-test) and the real screen."""
    if sys.platform == "win32":
        return ("qoffscreen.dll", "qwindows.dll")
    if sys.platform == "darwin":
        return ("libqoffscreen.dylib", "libqcocoa.dylib")
    return ("libqoffscreen.so", "libqxcb.so")


def _qt_plugins(problems: list[str]) -> str:
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    roots = list(spec.submodule_search_locations or []) if spec else []
    if not roots:
        problems.append("MISSING BUNDLED MODULE PySide6")
        return "Qt -"
    package = Path(roots[0])
    folders = [package / "Qt" / "plugins" / "platforms", package / "plugins" / "platforms"]
    for name in qt_platform_plugins():
        if not any((folder / name).is_file() for folder in folders):
            problems.append(f"MISSING BUNDLED FILE PySide6 Qt plugin platforms/{name}")
    names = [n.split(".")[0].removeprefix("lib").removeprefix("q") for n in qt_platform_plugins()]
    return "Qt platforms " + "+".join(names)


BUNDLE_CHECKS: tuple[Callable[[list[str]], str], ...] = (
    _assets,
    _translations,
    _migrations,
    _escpos,
    _barcodes,
    _modules,
    _tzdata,
    _qt_plugins,
)


# --------------------------------------------------------------------------- step 2: home


def open_home(ctx: Context) -> str:
    from kiosk.services.context import Kiosk
    from kiosk.store import migrate

    ctx.kiosk = Kiosk.open(ctx.home)
    revision = migrate.current_revision(ctx.kiosk.engine)
    if revision != migrate.head_revision():
        raise SelftestFailure(f"schema at {revision}, head is {migrate.head_revision()}")
    return f"{ctx.home}, schema {revision}"


# --------------------------------------------------------------------------- step 3: receipt


def render_receipt(ctx: Context) -> str:
    from kiosk.printing import examples
    from kiosk.printing.escpos_render import PrinterSetup
    from kiosk.printing.prepare import prepare
    from kiosk.printing.service import render

    receipt = prepare(examples.DOSSIER, examples.POINT, printed_at=examples.SAVED_AT)
    escpos = render(receipt, "escpos", "80", PrinterSetup("TM-T20II", 80))
    pdf = render(receipt, "pdf", "a4", PrinterSetup())
    folder = ctx.home / "receipts"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "selftest-receipt.escpos").write_bytes(escpos)
    (folder / "selftest-receipt.pdf").write_bytes(pdf)
    if not escpos.startswith(b"\x1b@") or len(escpos) < 2000:
        raise SelftestFailure(f"ESC/POS job looks wrong ({len(escpos)} bytes)")
    return f"ESC/POS {len(escpos) // 1024} KB, PDF {len(pdf) // 1024} KB ({check_pdf(pdf)})"


def check_pdf(pdf: bytes) -> str:
    """The PDF embeds the bundled font; its text is read back when pypdf is installed."""
    if not pdf.startswith(b"%PDF") or b"/FontFile2" not in pdf or b"DejaVuSans" not in pdf:
        raise SelftestFailure("the PDF does not embed the bundled DejaVu Sans font")
    try:
        from pypdf import PdfReader
    except ImportError:
        return "DejaVu Sans embedded"
    import unicodedata

    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    if PDF_TEXT not in unicodedata.normalize("NFC", text):
        raise SelftestFailure(f"the PDF text lacks “{PDF_TEXT}”: Vietnamese letters lost")
    return "DejaVu Sans embedded, Vietnamese text read back"


# --------------------------------------------------------------------------- step 4: screen


def draw_screen(ctx: Context) -> str:
    if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.ui.app import render_home_png

    out = ctx.home / "selftest-home.png"
    render_home_png(out)
    return f"{describe_png(out)} (Qt platform: {qt_platform()})"


def qt_platform() -> str:
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    display = os.environ.get("DISPLAY")
    return f"default on display {display}" if display else "default"


def describe_png(path: Path) -> str:
    from PIL import Image

    if not path.is_file():
        raise SelftestFailure("the home screen was not saved")
    with Image.open(path) as image:
        low, high = image.convert("L").getextrema()  # one band: two numbers
        size = image.size
    if float(high) - float(low) < 64:  # type: ignore[arg-type]
        raise SelftestFailure("the home screen is blank")
    return f"{size[0]}x{size[1]} PNG {path.stat().st_size // 1024} KB"


# --------------------------------------------------------------------------- step 5: sync


def sync_with_simulator(ctx: Context) -> str:
    from kiosk.simulator import DEMO_CLIENT_ID, start_simulator
    from kiosk.sync.engine import set_credentials

    kiosk = _opened(ctx)
    secret = token_source.token_urlsafe(16)
    clients = [(DEMO_CLIENT_ID, secret)]
    with start_simulator(ctx.home / "province-simulator", clients=clients) as sim:
        kiosk.settings.set("server.url", sim.base_url)
        set_credentials(kiosk, DEMO_CLIENT_ID, secret)
        _probe(kiosk)
        code = _sync_one_dossier(kiosk)
        if not sim.state.items():
            raise SelftestFailure("the simulator stored nothing")
        return f"{sim.base_url.split('/')[2]}: health, token, dossier {code} accepted"


def _opened(ctx: Context) -> Kiosk:
    if ctx.kiosk is None:
        raise SelftestFailure("the data home did not open (see step home)")
    return ctx.kiosk


def _probe(kiosk: Kiosk) -> None:
    from kiosk.sync.engine import make_client

    client = make_client(kiosk)
    try:
        client.health()
        client.changes(None, limit=1)  # an authorised call: proves the token
    finally:
        client.close()


def _sync_one_dossier(kiosk: Kiosk) -> str:
    from kiosk.domain.samples import sample_payload
    from kiosk.services.records import save_record
    from kiosk.store.models import utcnow
    from kiosk.sync.engine import sync_once

    payload = sample_payload("dossier", random.Random(7), utcnow())
    saved = save_record(kiosk, "dossier", payload, "selftest")
    result = sync_once(kiosk)
    if result.error or result.report.done < 1 or result.remaining:
        raise SelftestFailure(
            f"sync: done {result.report.done}, remaining {result.remaining}, {result.error}"
        )
    return saved.receipt_code


# --------------------------------------------------------------------------- running


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("bundle", check_bundle),
    ("home", open_home),
    ("receipt", render_receipt),
    ("screen", draw_screen),
    ("sync", sync_with_simulator),
)


def run_step(name: str, step: Callable[[Context], str], ctx: Context) -> StepResult:
    start = time.perf_counter()
    try:
        detail, ok = step(ctx), True
    except SelftestFailure as exc:
        detail, ok = str(exc), False
    except Exception as exc:
        traceback.print_exc()
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return StepResult(name, ok, time.perf_counter() - start, detail)


def prepare_home(home: Path | None) -> tuple[Path, bool]:
    """The self-test's data home and whether it is throwaway; refuses a real data home."""
    if home is None:
        return Path(tempfile.mkdtemp(prefix="kiosk-selftest-")), True
    if home.exists() and any(home.iterdir()) and not (home / MARKER).exists():
        raise SelftestFailure(
            f"{home} đã chứa dữ liệu của một kiosk: tự kiểm tra chỉ dùng thư mục trống hoặc "
            "thư mục của chính nó (nó lưu một hồ sơ thử và trỏ máy chủ sang máy giả lập); "
            "bỏ --home để dùng thư mục tạm. "
            f"({home} is a data home with data: the self-test only uses an empty folder or "
            "its own.)"
        )
    return home, False


@contextmanager
def selftest_home(home: Path) -> Iterator[None]:
    """This process uses ``home`` and a file keyring inside it (never the OS keyring)."""
    from kiosk.store import secrets

    home.mkdir(parents=True, exist_ok=True)
    (home / MARKER).write_text("kiosk --selftest\n", encoding="utf-8")
    paths.set_home(home)
    from kiosk import logs

    logs.setup(paths.layout().logs)  # Qt's own words, too, go there (not into the report)
    with secrets.file_keyring(home / "selftest-keyring.cfg"):
        yield


def header() -> str:
    where = f"frozen {Path(sys.executable).parent}" if getattr(sys, "frozen", False) else "source"
    return (
        f"kiosk {__version__} self-test ({where}; Python {sys.version.split()[0]}, {sys.platform})"
    )


def report_line(result: StepResult) -> str:
    mark = " OK " if result.ok else "FAIL"
    return f"[{mark}] {result.name:<8} {result.seconds:6.2f} s  {result.detail}"


def run(home: Path | None = None) -> int:
    """Run every step, print the report; 0 when all passed, else 1."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a Windows console without UTF-8
    print(header(), flush=True)
    try:
        root, throwaway = prepare_home(home)
    except SelftestFailure as exc:
        print(f"SELFTEST FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    results = run_all(root)
    return finish(results, root, throwaway)


def run_all(root: Path) -> list[StepResult]:
    ctx = Context(root)
    results: list[StepResult] = []
    with selftest_home(root):
        try:
            for name, step in STEPS:
                results.append(run_step(name, step, ctx))
                print(report_line(results[-1]), flush=True)
        finally:
            if ctx.kiosk is not None:
                ctx.kiosk.close()
    return results


def finish(results: list[StepResult], root: Path, throwaway: bool) -> int:
    total = sum(r.seconds for r in results)
    failed = [r for r in results if not r.ok]
    counts = f"selftest: {len(results) - len(failed)} passed, {len(failed)} failed"
    if not failed:
        print(f"Tự kiểm tra: đạt cả {len(results)} bước; bản cài đặt này dùng được.", flush=True)
        print(f"SELFTEST OK: {len(results)} steps in {total:.1f} s\n{counts}", flush=True)
        if throwaway:
            shutil.rmtree(root, ignore_errors=True)
        return 0
    names = "; ".join(f"{r.name}: {r.detail}" for r in failed)
    print(
        f"Tự kiểm tra: KHÔNG đạt {len(failed)} trong {len(results)} bước. Cài lại bản phát "
        f"hành, hoặc gửi các dòng này cho bộ phận kỹ thuật; dữ liệu thử giữ ở {root}.",
        flush=True,
    )
    print(f"SELFTEST FAILED ({len(failed)} of {len(results)} steps) — {names}", flush=True)
    print(f"SELFTEST FAILED — {names} (data home kept: {root})", file=sys.stderr, flush=True)
    print(counts, flush=True)
    return 1
