"""Demo mode: the province "works" on the kiosk's dossiers and publishes notices.

A background thread, driven by the simulator clock and a speed factor (``speed=60`` turns
the four minutes below into four seconds):

* registers the demo client ``KIOSK-56-22366-01`` (secret :data:`DEMO_CLIENT_SECRET`);
* moves every accepted dossier along ``TrangThaiHoSo`` 1 → 2 → 4 → 9, at 10 s, 40 s,
  100 s and 180 s after it was received; ``MaHoSo`` (``000.00.12.H32-yyMMdd-nnnn``) comes
  with status 1, ``NgayHenTra`` (three working days later, 17:00) with status 2. A dossier
  whose status was set by hand to anything else is left alone;
* publishes notices for ward 22366 (Phường Nha Trang): an ``info`` and a ``warning`` at the
  start, an unknown change type ``survey_invitation`` at 30 s (the kiosk must skip it), an
  ``emergency`` storm warning at 90 s, and withdraws the ``warning`` at 240 s.

Progress is kept in the state (``meta``), so a restarted demo continues where it was.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from kiosk.simulator.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Simulator
from kiosk.simulator.clock import iso, parse_iso, portal_stamp

log = logging.getLogger(__name__)

DEMO_WARD = "22366"
STATUS_STEPS = ((10.0, 1), (40.0, 2), (100.0, 4), (180.0, 9))
NOTES = {
    1: "Hồ sơ đã được đăng ký trên hệ thống Một cửa điện tử.",
    2: "Bộ phận Một cửa đã tiếp nhận hồ sơ; kết quả được trả theo ngày hẹn.",
    4: "Hồ sơ đang được cán bộ chuyên môn xử lý.",
    9: "Hồ sơ đã xử lý xong; mời công dân nhận kết quả theo hình thức đã đăng ký.",
}
INFO = (
    "Lịch tiếp nhận hồ sơ tại Bộ phận Một cửa phường Nha Trang",
    "Bộ phận Một cửa UBND phường Nha Trang tiếp nhận và trả kết quả hồ sơ từ thứ Hai đến thứ "
    "Sáu: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ. Sáng thứ Bảy tiếp nhận "
    "hồ sơ hộ tịch và cư trú. Người dân có thể nhờ tình nguyện viên tại điểm hỗ trợ nộp hồ sơ "
    "trực tuyến.",
)
WARNING = (
    "Tạm ngừng cấp nước khu vực đường Trần Phú",
    "Để sửa chữa đường ống, đơn vị cấp nước tạm ngừng cấp nước từ 8 giờ đến 16 giờ ngày mai tại "
    "các tổ dân phố dọc đường Trần Phú. Đề nghị người dân chủ động dự trữ nước sinh hoạt.",
)
STORM = (
    "Cảnh báo bão số 13",
    "Bão số 13 đang di chuyển theo hướng Tây, dự kiến ảnh hưởng trực tiếp đến Khánh Hòa từ "
    "chiều nay với gió mạnh cấp 10–11, giật cấp 13, kèm mưa rất to. Người dân tuyệt đối không "
    "ra khơi; gia cố, chằng chống nhà cửa; các hộ ở ven biển và vùng trũng thấp di chuyển đến "
    "nơi trú tránh an toàn theo hướng dẫn của chính quyền địa phương. Điểm hỗ trợ tạm ngừng "
    "phục vụ khi có lệnh.",
)
SURVEY = {
    "survey_id": "KS-2026-12",
    "title": "Khảo sát mức độ hài lòng về điểm hỗ trợ dịch vụ công",
}


def due_date(received: datetime, working_days: int = 3) -> str:
    """``NgayHenTra``: ``working_days`` Monday–Friday days after ``received``, at 17:00."""
    day = received
    left = working_days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return portal_stamp(day.replace(hour=17, minute=0, second=0, microsecond=0))


class DemoDriver:
    """The demo's background thread (``start``/``stop``); ``tick`` does one step."""

    def __init__(self, sim: Simulator, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.sim = sim
        self.speed = speed
        self.tick_s = min(1.0, max(0.02, 1.0 / speed))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        sim.state.register_client(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
        if sim.state.get_meta("demo.started_at") is None:
            sim.state.set_meta("demo.started_at", iso(sim.clock.now()))
        self._events: tuple[tuple[float, str, Callable[[datetime], None]], ...] = (
            (0.0, "info", lambda now: self._notice("info", INFO, now, days=30)),
            (0.0, "warning", lambda now: self._notice("warning", WARNING, now, days=2)),
            (30.0, "survey", lambda now: self._survey(now)),
            (90.0, "storm", lambda now: self._notice("emergency", STORM, now, days=2)),
            (240.0, "withdraw", lambda now: self._withdraw_warning(now)),
        )

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sim-demo", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:
                if self._stop.is_set():
                    return
                log.exception("demo step failed")
            self._stop.wait(self.tick_s)

    def tick(self) -> None:
        now = self.sim.clock.now()
        self._timeline(now)
        self._move_dossiers(now)

    def _elapsed(self, since: datetime, now: datetime) -> float:
        return (now - since).total_seconds() * self.speed

    def _timeline(self, now: datetime) -> None:
        started = parse_iso(self.sim.state.get_meta("demo.started_at") or iso(now))
        for at, name, action in self._events:
            key = f"demo.done.{name}"
            if self._elapsed(started, now) >= at and self.sim.state.get_meta(key) is None:
                action(now)
                self.sim.state.set_meta(key, iso(now))
                log.info("demo: %s published", name)

    def _notice(self, level: str, text: tuple[str, str], now: datetime, days: int) -> None:
        data = self.sim.state.publish_notice(
            level,
            text[0],
            text[1],
            wards=[DEMO_WARD],
            valid_from=iso(now),
            valid_until=iso(now + timedelta(days=days)),
            now=now,
        )
        self.sim.state.set_meta(f"demo.notice.{level}", data["notice_id"])

    def _survey(self, now: datetime) -> None:
        self.sim.state.publish_change("survey_invitation", dict(SURVEY), None, now)

    def _withdraw_warning(self, now: datetime) -> None:
        notice_id = self.sim.state.get_meta("demo.notice.warning")
        if notice_id:
            self.sim.state.withdraw_notice(notice_id, now)

    def _move_dossiers(self, now: datetime) -> None:
        moving = tuple(status for _at, status in STATUS_STEPS[:-1])
        for dossier in self.sim.state.dossiers_moving((0, *moving)):
            received = parse_iso(dossier["received_at"])
            age = self._elapsed(received, now)
            for at, status in STATUS_STEPS:
                if status > dossier["status"] and age >= at:
                    self.sim.state.publish_dossier_status(
                        dossier["id"],
                        status,
                        ngay_hen_tra=due_date(received) if status == 2 else None,
                        ghi_chu=NOTES[status],
                        now=now,
                    )
