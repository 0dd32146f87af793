"""A dossier given up half-way (the resident walks away, goes home, the screen crashes): the
scanned ID paper it attached leaves the scanner folder, the draft leaves memory, and the next
resident is offered nothing that reached the scanner folder before them — while a volunteer
keeps the papers they work with and still sees the whole folder.

Real window (offscreen), real data home, real files in the scanner folder (the default one,
``scans`` in the data home).
"""

from __future__ import annotations

import gc
import sqlite3
import weakref
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.services import scans, users
from kiosk.services.dossier_draft import DossierDraft
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.dossier import DossierScreen
from tests.ui.conftest import texts_in
from tests.ui.flows import PIN, log_in, wait_saved
from tests.ui.test_dossier_flow import (
    PERSONAL_ID,
    answer,
    click,
    mark_required_on_paper,
    next_step,
    pick_file,
    tick,
    to_papers,
    write_pdf,
)

A_SCAN = "CCCD-Nguyen-Thi-Anh.pdf"


def folder_of(window: MainWindow) -> Path:
    return scans.scanner_folder(window.state.require_kiosk())


def attach_scan(qtbot: QtBot, window: MainWindow) -> tuple[DossierScreen, Path]:
    """Resident A: consent, applicant (their CCCD), then their ID paper, scanned and picked."""
    screen = to_papers(qtbot, window)
    papers = screen.steps[2]
    scan = folder_of(window) / A_SCAN
    write_pdf(scan)
    row = papers.rows[0]
    click(qtbot, row.file_button)
    pick_file(qtbot, papers, A_SCAN)
    qtbot.waitUntil(lambda: row.paper.file is not None)
    assert PERSONAL_ID in repr(screen.draft)
    return screen, scan


def walk_away(qtbot: QtBot, window: MainWindow) -> None:
    """The idle watcher runs out; then the next resident gets the usual patience back."""
    window.idle.configure(1, 1)
    with qtbot.waitSignal(window.idle.expired, timeout=10000):
        pass
    window.idle.configure(90, 15)


def db_lane_drained(qtbot: QtBot, window: MainWindow) -> None:
    """Whatever the screens handed to the db lane before now has run."""
    done: list[bool] = []
    window.state.tasks.run(lambda: True, done.append, lane="db")
    qtbot.waitUntil(lambda: bool(done))


def audited(window: MainWindow, action: str = "papers.remove_abandoned") -> list[str]:
    with sqlite3.connect(window.state.require_kiosk().layout.database) as conn:
        rows = conn.execute("SELECT actor, detail FROM audit_log WHERE action = ?", (action,))
        return [f"{actor} {detail}" for actor, detail in rows]


def gone(draft: weakref.ref[DossierDraft]) -> bool:
    gc.collect()
    return draft() is None


def test_an_idle_wipe_mid_dossier_leaves_nothing_of_resident_a(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The review's case: A attaches the scan of their CCCD and walks away. The wipe takes the
    scan out of the folder and the draft out of memory; B, alone, is not offered A's other
    scan (never attached: it stays for the daily sweep), in the picker or the scanner list; a
    scan B makes after the wipe is offered and attaches."""
    folder = folder_of(window)
    back_side = folder / "CCCD-Nguyen-Thi-Anh-mat-sau.pdf"
    write_pdf(back_side)  # A scanned it too, and never attached it
    screen, scan = attach_scan(qtbot, window)
    draft = weakref.ref(screen.draft)

    walk_away(qtbot, window)
    assert window.current is None
    qtbot.waitUntil(lambda: not scan.exists())
    qtbot.waitUntil(lambda: bool(audited(window)))
    assert audited(window) == ['system {"changed": 0, "removed": 1}']  # counts, never names
    assert back_side.exists()
    assert gone(draft)  # even with the screen object still held (here, by this test)
    assert screen.discarded

    # resident B, alone: the picker hides what was there before B began, and says so
    b_screen = to_papers(qtbot, window)
    papers = b_screen.steps[2]
    row = papers.rows[0]
    click(qtbot, row.file_button)
    picker = papers.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.empty.isVisible())
    assert picker.rows == []
    assert "1 tệp có trong thư mục từ trước khi ông/bà bắt đầu được ẩn đi" in picker.status.text()
    assert "CCCD" not in " ".join(texts_in(b_screen))

    # B scans their own paper: offered in the scanner list and the picker, A's still not
    click(qtbot, picker.cancel)
    click(qtbot, row.scan_button)
    chooser = papers.chooser
    qtbot.waitUntil(lambda: chooser.folder is not None)
    own = folder / "scan-0001.pdf"
    write_pdf(own)
    qtbot.waitUntil(lambda: bool(chooser.file_buttons))
    assert [b.text().split(" — ")[0] for b in chooser.file_buttons] == ["scan-0001.pdf"]
    click(qtbot, chooser.file_buttons[0])
    qtbot.waitUntil(lambda: row.paper.file is not None)
    assert row.paper.file.name == "scan-0001.pdf"
    click(qtbot, papers.rows[1].file_button)
    qtbot.waitUntil(lambda: [r.scan.name for r in picker.rows] == ["scan-0001.pdf"])

    # a volunteer who logs in still sees the whole folder, A's unattached scan too
    log_in(window)
    click(qtbot, picker.again)
    qtbot.waitUntil(lambda: len(picker.rows) == 2)
    assert {r.scan.name for r in picker.rows} == {"scan-0001.pdf", back_side.name}


@pytest.mark.parametrize("how", ["home", "back"])
def test_giving_up_a_started_dossier_takes_its_scan_out(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    screen, scan = attach_scan(qtbot, window)
    draft = weakref.ref(screen.draft)
    click(qtbot, window.top_bar.home if how == "home" else window.top_bar.back)
    answer(qtbot, window, "Bỏ và về trang chủ" if how == "home" else "Bỏ và quay lại")
    assert window.current is not screen
    qtbot.waitUntil(lambda: not scan.exists())
    assert gone(draft)


def test_a_crash_of_the_screen_gives_the_dossier_up_too(window: MainWindow, qtbot: QtBot) -> None:
    """After an uncaught error the window rebuilds a home screen; nothing would ever wipe it
    (home is not watched), so the scan goes now and the next person is a new resident."""
    screen, scan = attach_scan(qtbot, window)
    draft = weakref.ref(screen.draft)
    window.crashed.emit()
    qtbot.waitUntil(lambda: window.current is None)
    assert "Máy vừa gặp lỗi" in window.dialogs.message.text()
    qtbot.waitUntil(lambda: not scan.exists())
    assert gone(draft)
    assert (
        scans.read_scanner_folder(
            window.state.require_kiosk(), since=window.state.resident_since
        ).files
        == []
    )


def test_a_volunteers_papers_are_kept_and_still_theirs_after_the_wipe(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A volunteer logged in sees the whole folder so that they can come back to a paper: a
    dossier they give up (or that idles out under them) keeps its files for the daily sweep;
    after the wipe a resident alone is not offered them, the volunteer logged in again is."""
    log_in(window)
    screen, scan = attach_scan(qtbot, window)
    draft = weakref.ref(screen.draft)
    walk_away(qtbot, window)
    assert window.state.user is None and window.current is None
    db_lane_drained(qtbot, window)
    assert scan.exists() and audited(window) == []
    assert gone(draft)

    b_screen = to_papers(qtbot, window)
    papers = b_screen.steps[2]
    click(qtbot, papers.rows[0].file_button)
    picker = papers.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.empty.isVisible())
    assert picker.rows == [] and A_SCAN not in " ".join(texts_in(b_screen))
    window.state.set_user(users.login(window.state.require_kiosk(), "TNV01", PIN))  # back
    click(qtbot, picker.again)
    qtbot.waitUntil(lambda: [r.scan.name for r in picker.rows] == [A_SCAN])


def test_a_saved_dossier_still_takes_its_scan_out_once_and_only_through_the_save(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen, scan = attach_scan(qtbot, window)
    draft = weakref.ref(screen.draft)
    mark_required_on_paper(qtbot, screen)
    next_step(qtbot, screen, 3)
    next_step(qtbot, screen, 4)
    tick(qtbot, screen.steps[4].office)
    next_step(qtbot, screen, 5)
    click(qtbot, screen.next_button)
    panel = wait_saved(qtbot, window)
    assert screen.saved is not None
    assert not scan.exists()  # the save removed it, as before
    click(qtbot, panel.done)
    assert window.current is None
    db_lane_drained(qtbot, window)
    assert audited(window) == []  # nothing given up: no removal of an abandoned dossier
    assert audited(window, "dossier.create") != []
    assert gone(draft)


def test_a_dossier_left_before_its_procedure_loaded_is_no_trouble(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Left at once (the procedure still loading): nothing is built on the way out."""
    window.go("dossier", procedure_code="1.001193")
    screen = window.current
    assert isinstance(screen, DossierScreen)
    window.home()
    db_lane_drained(qtbot, window)
    assert screen.discarded and screen.steps == []
