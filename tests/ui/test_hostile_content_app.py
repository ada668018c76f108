"""A roadmap and plan full of images of /dev/zero open on every page of the real app."""

from __future__ import annotations

import textwrap
from pathlib import Path

from studyplanner.core.planning.planner import make_plan
from studyplanner.core.planning.request import PlanRequest
from studyplanner.core.planning.week import WeeklyAvailability
from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
from studyplanner.storage.store import Store
from tests.conftest import MONDAY, NOW, SMALL_ROADMAP
from tests.ui.widgets.test_safe_text import TAG, run_child

HOSTILE = "'![x](/dev/zero) <img src=\"/dev/zero\">'"
HOSTILE_TITLE = "'Python <img src=\"/dev/zero\">'"
HOSTILE_ROADMAP = (
    SMALL_ROADMAP.replace("id: small\n", "id: hostile\n")
    .replace("title: Small roadmap\n", f"title: Hostile roadmap\nsummary: {HOSTILE}\n")
    .replace(
        "        title: Python\n", f"        title: {HOSTILE_TITLE}\n        summary: {HOSTILE}\n"
    )
    .replace("        key_actions: [Write a script]\n", f"        key_actions: [{HOSTILE}]\n")
    .replace("    title: Basics\n", f"    title: {HOSTILE_TITLE}\n")
    .replace("front: What is a list?", f"front: {HOSTILE}")
)

APP_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, date, datetime
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QDialog
    from studyplanner.core.cards.quiz import QuizMode
    from studyplanner.core.roadmap.catalogue import RoadmapCatalogue
    from studyplanner.storage.store import Store
    from studyplanner.ui.window.main_window import MainWindow
    from studyplanner.ui.controllers.context import PAGES

    app = QApplication([])
    data, roadmaps = Path(sys.argv[1]), Path(sys.argv[2])
    store = Store.open(data, RoadmapCatalogue.folder(roadmaps))
    window = MainWindow(
        store, lambda: date(2026, 3, 2), lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    )
    window.show()
    app.processEvents()
    window.grab()
    print("today:", window.pages.today.details.toPlainText().replace("\\n", " "))
    print("summary:", window.pages.today.summary.text())
    print("milestone:", window.pages.today.milestone.text())

    def shown_then_closed(dialog):
        dialog.show()
        app.processEvents()
        dialog.grab()
        print("session:", dialog.details.toPlainText().replace("\\n", " "))
        return QDialog.DialogCode.Rejected

    QDialog.exec = shown_then_closed
    window.plans.open_session(window.pages.today.sessions.item(0))
    window.show_page(PAGES.index("Roadmaps"))
    window.pages.roadmaps.select("hostile")
    app.processEvents()
    window.grab()
    print("roadmap:", window.pages.roadmaps.details.toPlainText().replace("\\n", " "))
    for number in range(len(PAGES)):
        window.show_page(number)
        app.processEvents()
        window.grab()
    browser = window.cards.open_browser()
    browser.table.selectRow(0)
    app.processEvents()
    browser.grab()
    print("card:", browser.editor.preview.toPlainText().replace("\\n", " "))
    window.cards.start_quiz(window.cards.chosen_deck(), QuizMode.CHOICE)
    window.tasks.wait()  # the quiz's cards are read on the worker
    app.processEvents()
    window.grab()
    print("quiz:", window.pages.flashcards.quiz_screen.question.toPlainText())
    window.close()
    store.close()
    """
)


def test_a_roadmap_with_a_dev_zero_image_opens_everywhere(tmp_path: Path) -> None:
    roadmaps, data = tmp_path / "roadmaps", tmp_path / "data"
    roadmaps.mkdir()
    (roadmaps / "hostile.yaml").write_text(HOSTILE_ROADMAP)
    catalogue = RoadmapCatalogue.folder(roadmaps)
    roadmap = catalogue.get("hostile")
    assert roadmap is not None
    store = Store.open(data, catalogue)
    request = PlanRequest(roadmap, MONDAY, WeeklyAvailability.uniform(60))
    store.create_plan(f"Plan {TAG}", request, make_plan(request), NOW)
    store.close()
    result = run_child(APP_SCRIPT, str(data), str(roadmaps), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    hostile_as_text = '[image: x] <img src="/dev/zero">'
    for page in ("today:", "session:", "roadmap:", "card:", "quiz:"):
        [line] = [line for line in lines if line.startswith(page)]
        assert hostile_as_text in line, line
    for label in ("summary:", "milestone:"):
        [line] = [line for line in lines if line.startswith(label)]
        assert TAG in line, line
