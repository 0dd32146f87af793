"""Render a sample day's PDF report to PNG in ``docs/exports/`` so that a person can look at it.

    .venv/bin/python scripts/render_exports.py            # docs/exports/report-page-*.png
    .venv/bin/python scripts/render_exports.py --out DIR --keep   # also keep the PDF, CSV, XLSX

A throw-away data home lives through one made-up opening day (20/11/2026) at the support
point: two volunteers log in; residents come in a morning and an afternoon wave (guidance
visits, dossiers, payments, registrations, feedback, all through the real save path with
synthetic people); receipts are printed to a file printer (one does not come out, one is
reprinted); the queue goes to the provincial simulator at noon and at the end of the day
(one dossier is refused); the province gives some dossiers their MaHoSo; the volunteers log
out; the day is closed with the cash 10.000 ₫ short; ward staff export the PDF. The clock
of the kiosk's modules is set to that day (the code under test is unchanged; only
``utcnow`` is replaced). Pages 1 (header, overview, chart) and the last (the end of the log,
signatures) are rendered with ``pdftoppm -png -r 80`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.domain.samples import sample_payload  # noqa: E402
from kiosk.export import close_day, day_close_preview, export  # noqa: E402
from kiosk.printing.queue import PrintQueue  # noqa: E402
from kiosk.services import catalog, records, users  # noqa: E402
from kiosk.services.context import Kiosk  # noqa: E402
from kiosk.simulator import REFUSAL_MARKER, start_simulator  # noqa: E402
from kiosk.store import secrets  # noqa: E402
from kiosk.store.db import read_session  # noqa: E402
from kiosk.store.models import Dossier, OutboxItem  # noqa: E402
from kiosk.sync import inbound  # noqa: E402
from kiosk.sync.client import ProvincialClient  # noqa: E402
from kiosk.sync.relay import Relay  # noqa: E402

DAY = date(2026, 11, 20)
VN = records.VN_TZ
CLIENT_ID, SECRET = "KIOSK-56-22366-01", "render-secret"
VOLUNTEERS = ("TNV01", "TNV02")
STAFF = "CB01"
# residents arriving per hour from 07:30 to 17:00: a morning and an afternoon wave
ARRIVALS = (3, 11, 15, 13, 8, 2, 3, 10, 12, 9)
MIX = (("visit", 35), ("dossier", 30), ("payment", 15), ("registration", 10), ("feedback", 10))
CLOCKED = (
    "kiosk.store.audit",
    "kiosk.store.outbox",
    "kiosk.services.users",
    "kiosk.printing.jobs",
    "kiosk.printing.queue",
    "kiosk.sync.relay",
    "kiosk.sync.inbound",
    "kiosk.export.exporter",
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def at(self, hour: int, minute: int = 0, second: int = 0) -> datetime:
        self.now = datetime(DAY.year, DAY.month, DAY.day, hour, minute, second, tzinfo=VN)
        return self.now

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def kiosk_clock(clock: Clock) -> Iterator[None]:
    with ExitStack() as stack:
        for module in CLOCKED:
            stack.enter_context(mock.patch(f"{module}.utcnow", clock))
        yield


def arrivals(rng: random.Random) -> list[tuple[int, int, int]]:
    times = []
    for hour, count in zip(range(7, 17), ARRIVALS, strict=True):
        first = 30 if hour == 7 else 0
        times += [(hour, rng.randrange(first, 60), rng.randrange(60)) for _ in range(count)]
    return sorted(times)


def live_the_day(kiosk: Kiosk, clock: Clock, root: Path) -> None:
    rng = random.Random(20)
    clock.at(7, 20)
    for code, name in (("TNV01", "Nguyễn Thị Lan"), ("TNV02", "Lê Văn Hùng")):
        users.add_user(kiosk, code, name, "volunteer", "1357")
    users.add_user(kiosk, STAFF, "Trần Văn Bình", "staff", "2468")
    clock.at(7, 25)
    for code in VOLUNTEERS:
        users.login(kiosk, code, "1357")
    kiosk.settings.set("printer.uri", f"file:{root / 'lp0'}")
    with start_simulator(root / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = ProvincialClient(sim.base_url, CLIENT_ID, lambda: SECRET, timeout_s=10)
        relay = Relay(kiosk, client, now=clock)
        with PrintQueue(kiosk, backoff=(0.05,)) as queue:
            dossiers: list[str] = []
            for n, (hour, minute, second) in enumerate(arrivals(rng)):
                if hour == 12 and not relay.counts()["accepted"]:
                    clock.at(12, 5)
                    relay.drain()
                at = clock.at(hour, minute, second)
                _save(kiosk, queue, rng, at, dossiers, refuse=n == 40)
            clock.at(17, 0)
            relay.drain()
        clock.at(17, 1)
        _statuses(kiosk, sim)
        inbound.pull_changes(kiosk, client)
        client.close()
    clock.at(17, 5)
    for code in VOLUNTEERS:
        users.logout(kiosk, code)


def _save(
    kiosk: Kiosk,
    queue: PrintQueue,
    rng: random.Random,
    at: datetime,
    dossiers: list[str],
    refuse: bool,
) -> None:
    kind = "dossier" if refuse else rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
    payload = sample_payload(kind, rng, at)
    if "dossier_id" in payload:
        payload["dossier_id"] = rng.choice(dossiers) if dossiers and rng.random() < 0.6 else None
    if refuse:
        payload.update(TrichYeuHoSo=f"{REFUSAL_MARKER} hồ sơ thử", HinhThucNhanKetQua=0)
    saved = records.save_record(kiosk, kind, payload, rng.choice(VOLUNTEERS), now=at)
    if kind == "dossier" and not refuse:
        dossiers.append(saved.item_id)
    if kind in {"dossier", "payment"}:
        view = queue.wait(queue.submit(saved.receipt_code, VOLUNTEERS[0]).id, 20)
        came_out = rng.random() > 0.06
        queue.answer(view.id, VOLUNTEERS[0], came_out=came_out)
        if came_out and rng.random() < 0.05:  # a resident wants a second copy
            queue.wait(queue.submit(saved.receipt_code, VOLUNTEERS[0], reprint=True).id, 20)


def _statuses(kiosk: Kiosk, sim: object) -> None:
    with read_session(kiosk.engine) as session:
        accepted = (
            session.query(Dossier)
            .join(OutboxItem, OutboxItem.id == Dossier.current_item_id)
            .filter(OutboxItem.state == "accepted")
            .order_by(Dossier.created_at)
            .limit(8)
            .all()
        )
    for n, dossier in enumerate(accepted, start=1):
        sim.state.publish_dossier_status(  # type: ignore[attr-defined]
            dossier.current_item_id,
            2,
            ma_ho_so=f"000.00.12.H32-{DAY:%y%m%d}-{n:04d}",
            ngay_hen_tra=f"{DAY + timedelta(days=7):%Y%m%d}170000",
        )


def render(out: Path, keep: bool) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-render-") as tmp:
        root = Path(tmp)
        with secrets.file_keyring(root / "keyring.cfg"):
            kiosk = Kiosk.open(root / "home")
            catalog.ensure_loaded(kiosk)
            clock = Clock()
            with kiosk_clock(clock):
                live_the_day(kiosk, clock, root)
                clock.at(17, 15)
                expected = day_close_preview(kiosk, DAY).expected_cash_vnd
                close_day(kiosk, DAY, expected - 10_000, "TNV01", STAFF, "2468")
                clock.at(17, 20)
                pdf = root / "bao-cao.pdf"
                export(kiosk, DAY, None, "pdf", pdf, STAFF)
                if keep:
                    for fmt in ("csv", "xlsx"):
                        export(kiosk, DAY, None, fmt, out / f"nhat-ky-{DAY}.{fmt}", STAFF)
            kiosk.close()
        pages = int(_pdfinfo(pdf)["Pages"])
        written = []
        for page, name in ((1, "report-page-1.png"), (pages, "report-last-page.png")):
            target = out / name
            prefix = root / f"page{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(prefix),
                ],
                check=True,
                timeout=120,
            )
            shutil.move(f"{prefix}.png", target)
            written.append(target)
        if keep:
            shutil.copy2(pdf, out / f"bao-cao-{DAY}.pdf")
    return written


def _pdfinfo(path: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "exports")
    parser.add_argument("--keep", action="store_true", help="also keep the PDF, CSV and XLSX")
    args = parser.parse_args()
    for path in render(args.out, args.keep):
        print(path)


if __name__ == "__main__":
    main()
