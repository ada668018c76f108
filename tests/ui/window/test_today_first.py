"""Opening on the Today page first: the day's sessions shown before the rest of the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studyplanner.core.roadmap.loader import parse_roadmap
from studyplanner.storage.store import Store
from studyplanner.ui.common.settings import AppSettings
from studyplanner.ui.controllers.context import PAGES
from studyplanner.ui.models.month import MonthRole
from studyplanner.ui.pages.progress import progress_text
from studyplanner.ui.pages.today import TodayPage
from studyplanner.ui.window.main_window import MainWindow
from tests.conftest import MONDAY, NOW, SMALL_ROADMAP
from tests.roadmaps import CATALOGUE
from tests.storage.test_store import plan_small
from tests.ui.conftest import settle


def store_with_plan(folder: Path) -> tuple[Store, int]:
    store = Store.open(folder, CATALOGUE)
    return store, plan_small(store, parse_roadmap(SMALL_ROADMAP))


def today_first(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store, lambda: MONDAY, lambda: NOW, today_first=True)
    qtbot.addWidget(window)
    return window


def shown(page: TodayPage) -> tuple[object, ...]:
    """What the Today page says, part by part."""
    sessions = [page.sessions.item(row) for row in range(page.sessions.rowCount())]
    return (
        page.heading.text(),
        page.summary.text(),
        [(s.title, s.minutes) for s in sessions],
        page.week.text(),
        page.milestone.text(),
        page.details.toPlainText(),
        page.missed.isVisibleTo(page),
        page.create_button.isVisibleTo(page),
    )


def test_the_today_page_is_filled_before_the_rest_and_the_same_after(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store, _plan = store_with_plan(tmp_path)
    window = today_first(qtbot, store)
    assert not window.built
    assert not hasattr(window, "pages")  # no other page, model or controller yet
    assert window.stack.count() == 1
    first = shown(window.today_page)
    assert first[1] == "Small: 1 session today, 60 minutes."
    assert first[2] == [("Python", 60)]
    assert window.plan_box.currentText().startswith("Small")
    assert window.sidebar.currentRow() == 0

    window.build_rest()
    settle(qtbot, window)
    assert window.built
    assert window.pages.today is window.today_page
    assert window.stack.count() == len(PAGES)  # a placeholder for each page still to make
    assert window.stack.currentWidget() is window.today_page
    assert shown(window.today_page) == first
    window.close()
    store.close()


def test_the_pages_after_today_are_made_when_first_shown(qtbot: QtBot, tmp_path: Path) -> None:
    store, _plan = store_with_plan(tmp_path)
    window = today_first(qtbot, store)
    window.build_rest()
    settle(qtbot, window)
    pages = window.pages
    lazy = ("Calendar", "Roadmaps", "Flashcards", "Progress", "Milestones")
    assert [name for name in PAGES if not pages.made(name)] == list(lazy)
    placeholders = [window.stack.widget(PAGES.index(name)) for name in lazy]

    window.show_page(PAGES.index("Calendar"))
    settle(qtbot, window)
    assert pages.made("Calendar")
    assert window.stack.currentWidget() is pages.calendar
    assert window.stack.indexOf(pages.calendar) == PAGES.index("Calendar")
    assert window.stack.count() == len(PAGES)
    cell = window.month_model.index_of(MONDAY)
    assert [s.title for s in cell.data(MonthRole.SESSIONS)] == ["Python"]
    assert pages.calendar.view.currentIndex().data(MonthRole.DATE) == MONDAY

    # Asked for by name, as a controller would: made in its place, not shown.
    progress = pages.progress
    assert window.stack.indexOf(progress) == PAGES.index("Progress")
    assert window.stack.currentWidget() is pages.calendar
    assert progress.body.text() == progress_text(window.current_plan())
    with qtbot.waitSignal(window.views.outlookReady, timeout=30000):
        window.show_page(PAGES.index("Progress"))
    assert progress.body.text().startswith("Small: ")
    assert "Expected finish " in progress.body.text()
    assert window.stack.widget(PAGES.index("Roadmaps")) is placeholders[1]  # not shown yet
    assert not pages.made("Flashcards")  # the Edit menu asks, and does not make it
    window.undo_entries.update()
    assert not pages.made("Flashcards")

    # The Today page's Study now makes the Flashcards page, connected to its controller.
    pages.today.reviewRequested.emit()
    qtbot.waitUntil(lambda: pages.made("Flashcards") and pages.reviewing(), timeout=15000)
    assert window.stack.currentWidget() is pages.flashcards
    window.show_page(PAGES.index("Milestones"))
    qtbot.waitUntil(lambda: pages.milestones.model.rowCount() > 0, timeout=15000)
    window.close()
    store.close()


def test_commands_that_need_a_page_make_it_first(qtbot: QtBot, tmp_path: Path) -> None:
    store, _plan = store_with_plan(tmp_path)
    window = today_first(qtbot, store)
    window.build_rest()
    settle(qtbot, window)
    assert "plan_export" not in vars(window)  # made when first used, as the card transfer
    assert "card_transfer" not in vars(window)
    window.plan_export.export_pdf("week", tmp_path / "week.pdf")  # the calendar's models only
    qtbot.waitUntil(lambda: (tmp_path / "week.pdf").is_file(), timeout=15000)
    assert not window.pages.made("Calendar")

    roadmap = tmp_path / "roadmap.yaml"
    roadmap.write_text(SMALL_ROADMAP.replace("id: small", "id: another"), encoding="utf-8")
    window.plans.import_roadmap(roadmap)
    qtbot.waitUntil(lambda: window.pages.made("Roadmaps"), timeout=15000)
    assert window.stack.currentWidget() is window.pages.roadmaps
    assert window.pages.roadmaps.selected().id == "another"  # type: ignore[union-attr]
    settle(qtbot, window)
    window.close()
    store.close()


def test_without_a_plan_the_first_step_invites_one(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path, CATALOGUE)
    window = today_first(qtbot, store)
    assert not window.built
    assert window.today_page.summary.text().startswith("You have no plan yet.")
    assert window.today_page.create_button.isVisibleTo(window.today_page)
    window.close()
    store.close()


def test_another_page_or_a_command_builds_the_rest_first(qtbot: QtBot, tmp_path: Path) -> None:
    store, _plan = store_with_plan(tmp_path)
    window = today_first(qtbot, store)
    window.show_page(PAGES.index("Calendar"))
    assert window.built
    assert window.stack.currentWidget() is window.pages.calendar
    settle(qtbot, window)
    window.close()  # which remembers the Calendar as the last page
    settings = AppSettings(tmp_path)
    settings.last_page = 0
    settings.sync()

    again = today_first(qtbot, store)
    assert not again.built
    again.action("page_2").trigger()  # a menu command, by its keys or the menu
    assert again.built
    assert again.stack.currentWidget() is again.pages.roadmaps
    settle(qtbot, again)
    again.close()
    store.close()


def test_a_strict_plan_or_another_last_page_opens_whole(qtbot: QtBot, tmp_path: Path) -> None:
    store, plan = store_with_plan(tmp_path)
    with store.write() as writes:  # its held-back stages need the milestones assessed
        writes.set_strict_mastery(plan, True)
    window = today_first(qtbot, store)
    assert window.built
    settle(qtbot, window)
    window.close()
    with store.write() as writes:
        writes.set_strict_mastery(plan, False)

    settings = AppSettings(tmp_path)
    settings.last_page = PAGES.index("Progress")
    settings.sync()
    reopened = today_first(qtbot, store)
    assert reopened.built
    assert reopened.stack.currentWidget() is reopened.pages.progress
    settle(qtbot, reopened)
    reopened.close()
    store.close()
