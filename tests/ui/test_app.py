"""The GUI entry point: version, data folder and the packaged app's self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyplanner import __version__


def run(
    *args: str, env: dict[str, str] | None = None, offscreen: bool = True
) -> subprocess.CompletedProcess[str]:
    """``python -m studyplanner ARGS``; without ``offscreen``, QT_QPA_PLATFORM is unset."""
    full_env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    if offscreen:
        full_env["QT_QPA_PLATFORM"] = "offscreen"
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "studyplanner", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=full_env,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"studyplanner {__version__}\n")


@pytest.mark.slow
def test_gui_self_test_renders_every_page(tmp_path: Path) -> None:
    result = run("--self-test", env={"STUDYPLANNER_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for page in ("Today", "Calendar", "Roadmaps", "Flashcards", "Progress"):
        assert f"ok: rendered the {page} page" in lines
    assert lines[-1] == "self-test passed (Qt platform: offscreen)"
    assert list(tmp_path.iterdir()) == []  # the self-test never touches the learner's data
    assert f"ok: the data folder {tmp_path} can be written to" in lines
    assert "ok: drew the icons studyplanner.svg" in lines


@pytest.mark.slow
def test_the_self_test_runs_offscreen_unless_told_otherwise(tmp_path: Path) -> None:
    result = run("--self-test", env={"STUDYPLANNER_DATA_DIR": str(tmp_path)}, offscreen=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "self-test passed (Qt platform: offscreen)"


@pytest.mark.slow
def test_the_self_test_fails_when_the_data_folder_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = run("--self-test", env={"STUDYPLANNER_DATA_DIR": str(tmp_path / "file" / "data")})
    assert result.returncode == 1
    assert f"self-test failed: the data folder {tmp_path / 'file' / 'data'} cannot be" in (
        result.stderr
    )


@pytest.mark.slow
def test_exit_when_open_reports_the_start_and_quits(tmp_path: Path) -> None:
    result = run("--exit-when-open", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["first paint", "window open"]
    assert (tmp_path / "studyplanner.sqlite3").is_file()
    assert (tmp_path / "settings.ini").is_file()


@pytest.mark.slow
def test_qt_keeps_its_own_settings_in_the_data_folder(tmp_path: Path) -> None:
    # Qt's file dialog saves its history to QtProject.conf; it must land in the data folder.
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings, QTimer\n"
        "from PySide6.QtWidgets import QApplication, QFileDialog\n"
        "from studyplanner.ui.app import main\n"
        "app = QApplication([])\n"
        f"assert main(['--data-dir', {str(data)!r}, '--exit-when-open']) == 0\n"
        "dialog = QFileDialog(None, 'Export')\n"
        "dialog.setOption(QFileDialog.Option.DontUseNativeDialog)\n"
        "QTimer.singleShot(0, dialog.reject)\n"
        "dialog.exec()\n"
        "del dialog\n"
        "print(QSettings(QSettings.Scope.UserScope, 'QtProject').fileName())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    env.pop("XDG_CONFIG_HOME", None)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(data / "QtProject.conf")
    assert (data / "QtProject.conf").is_file()
    assert list(home.iterdir()) == []


def test_the_first_paint_waits_for_no_database_code() -> None:
    script = (
        "import sys\n"
        "import studyplanner.ui.app\n"
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'alembic', 'pydantic') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_opening_to_the_today_page_loads_no_sqlalchemy(tmp_path: Path) -> None:
    from studyplanner.core.roadmap.loader import parse_roadmap
    from studyplanner.storage.store import Store
    from tests.conftest import SMALL_ROADMAP
    from tests.roadmaps import CATALOGUE
    from tests.storage.test_store import plan_small

    store = Store.open(tmp_path, CATALOGUE)
    plan_small(store, parse_roadmap(SMALL_ROADMAP))
    store.close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from studyplanner.ui.app import main\n"
        "app = QApplication([])\n"
        "def look():\n"
        "    windows = [w for w in app.topLevelWidgets() if type(w).__name__ == 'MainWindow']\n"
        "    if not windows:\n"
        "        QTimer.singleShot(20, look)\n"
        "        return\n"
        "    page = windows[0].today_page\n"
        "    print(page.isVisible(), page.summary.text().startswith('Small:'))\n"
        "    print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'alembic', 'icalendar', "
        "'genanki', 'pydantic') if m in sys.modules))\n"
        "    app.quit()\n"
        "QTimer.singleShot(0, look)\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True True", "[]"]


def test_the_today_page_is_painted_before_the_other_pages_load(tmp_path: Path) -> None:
    # The window's first paint shows the Today page read, while the other pages, the
    # controllers, the planner, the FSRS library and the database libraries are still to load;
    # the window is whole just after.
    from studyplanner.core.roadmap.loader import parse_roadmap
    from studyplanner.storage.store import Store
    from tests.conftest import SMALL_ROADMAP
    from tests.roadmaps import CATALOGUE
    from tests.storage.test_store import plan_small

    store = Store.open(tmp_path, CATALOGUE)
    plan_small(store, parse_roadmap(SMALL_ROADMAP))
    store.close()
    script = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "from studyplanner.ui.app import main\n"
        "LATER = ('sqlalchemy', 'sqlmodel', 'alembic', 'pydantic', 'fsrs', 'typing_extensions', "
        "'studyplanner.core.planning.planner', 'studyplanner.ui.pages.calendar', "
        "'studyplanner.ui.controllers.cards')\n"
        "ON_USE = ('studyplanner.core.planning.planner', 'studyplanner.core.cards.quiz', "
        "'studyplanner.ui.pages.flashcards', 'studyplanner.ui.review.review_screen', "
        "'studyplanner.ui.dialogs.plan_wizard', 'studyplanner.ui.dialogs.replan', "
        "'studyplanner.ui.common.errors', 'studyplanner.ui.pages.progress')\n"
        "app = QApplication([])\n"
        "class Watch(QObject):\n"
        "    seen = False\n"
        "    def eventFilter(self, watched, event):\n"
        "        if self.seen or event.type() != QEvent.Type.Paint:\n"
        "            return False\n"
        "        window = watched.window() if isinstance(watched, QWidget) else None\n"
        "        if type(window).__name__ != 'MainWindow':\n"
        "            return False\n"
        "        self.seen = True\n"
        "        print(window.built, window.today_page.summary.text())\n"
        "        print(sorted(m for m in LATER if m in sys.modules))\n"
        "        def whole():\n"
        "            if not window.built:\n"
        "                QTimer.singleShot(10, whole)\n"
        "                return\n"
        "            print('whole', window.stack.count())\n"
        "            print(sorted(m for m in ON_USE if m in sys.modules))\n"
        "            app.quit()\n"
        "        whole()\n"
        "        return False\n"
        "watch = Watch()\n"
        "app.installEventFilter(watch)\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Whole, the window has still loaded no dialog, page or planner that nothing has asked for.
    assert lines == ["False Small: nothing planned today.", "[]", "whole 6", "[]"]
