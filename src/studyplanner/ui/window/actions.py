"""The one table of the window's commands: it builds the menus, the shortcuts and their list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from studyplanner.ui.controllers.context import PAGES

Keys = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class Command:
    """One menu entry: where it goes, its words and keys, and the handler it calls by name."""

    name: str
    menu: str  # "&File", or "&File/&Export" for a submenu
    text: str
    keys: tuple[Keys, ...] = ()
    role: QAction.MenuRole | None = None
    checkable: bool = False
    tip: str = ""
    separated: bool = False  # a separator before it


COMMANDS: tuple[Command, ...] = (
    Command("new_plan", "&File", "&New Plan…", (QKeySequence.StandardKey.New,)),
    Command("import_roadmap", "&File", "&Import Roadmap…", (QKeySequence.StandardKey.Open,)),
    Command("export_ics", "&File/&Export", "Plan as &Calendar File (.ics)…"),
    Command("export_csv", "&File/&Export", "Plan as &Spreadsheet (.csv)…"),
    Command(
        "export_week", "&File/&Export", "Shown &Week as PDF…", (QKeySequence.StandardKey.Print,)
    ),
    Command("export_month", "&File/&Export", "Shown &Month as PDF…"),
    Command("back_up", "&File", "&Back Up Now", separated=True),
    Command("backups", "&File", "Backups and &Restore…"),
    # Some platforms define no standard key for Quit: Ctrl+Q then.
    Command(
        "quit",
        "&File",
        "&Quit",
        (QKeySequence.StandardKey.Quit, "Ctrl+Q"),
        QAction.MenuRole.QuitRole,
        separated=True,
    ),
    Command("replan", "&Plan", "&Re-plan from Today…", ("Ctrl+R",)),
    Command(
        "strict",
        "&Plan",
        "&Strict Mastery",
        checkable=True,
        tip="Hold each stage's sessions back until the stage before it is mastered",
    ),
    Command("browse", "&Cards", "&Browse Cards…", ("Ctrl+B",)),
    Command("add_card", "&Cards", "&Add Card…", ("Ctrl+Shift+N",)),
    Command("import_cards", "&Cards", "&Import Cards…", separated=True),
    Command("export_deck", "&Cards", "&Export Deck…"),
    Command("undo", "&Edit", "&Undo", (QKeySequence.StandardKey.Undo,)),
    Command("redo", "&Edit", "&Redo", (QKeySequence.StandardKey.Redo,)),
    Command(
        "settings",
        "&Edit",
        "&Settings…",
        (QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        QAction.MenuRole.PreferencesRole,
        separated=True,
    ),
    *(
        Command(f"page_{number}", "&View", f"&{name}", (f"Ctrl+{number + 1}",))
        for number, name in enumerate(PAGES)
    ),
    Command("shortcuts", "&Help", "&Keyboard Shortcuts", (QKeySequence.StandardKey.HelpContents,)),
    Command("about", "&Help", "&About Study Planner", role=QAction.MenuRole.AboutRole),
)

# Keys the pages handle themselves, listed with the menus' keys in the shortcuts dialog.
PAGE_KEYS = (("Previous month", "Page Up"), ("Next month", "Page Down"), ("Today", "Ctrl+T"))


def key_sequences(keys: tuple[Keys, ...]) -> list[QKeySequence]:
    """Every binding the keys stand for on this platform, without repeats."""
    found: list[QKeySequence] = []
    for key in keys:
        bindings = (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
        found += [binding for binding in bindings if binding not in found]
    return found


def build_menus(
    window: QMainWindow, handlers: Mapping[str, Callable[[], object]]
) -> dict[str, QAction]:
    """Make the menus and their actions from the table; every command must have a handler."""
    missing = {command.name for command in COMMANDS} - set(handlers)
    assert not missing, f"commands without a handler: {sorted(missing)}"
    menus: dict[str, QMenu] = {}
    actions: dict[str, QAction] = {}
    for command in COMMANDS:
        menu = _menu(window, menus, command.menu)
        if command.separated:
            menu.addSeparator()
        action = QAction(command.text, window)
        action.setShortcuts(key_sequences(command.keys))
        if command.role is not None:
            action.setMenuRole(command.role)
        action.setCheckable(command.checkable)
        if command.tip:
            action.setToolTip(command.tip)
        handler = handlers[command.name]
        action.triggered.connect(lambda _checked=False, run=handler: run())
        window.addAction(action)
        menu.addAction(action)
        actions[command.name] = action
    return actions


def _menu(window: QMainWindow, menus: dict[str, QMenu], path: str) -> QMenu:
    if path not in menus:
        parent, _, name = path.rpartition("/")
        menu = (
            window.menuBar().addMenu(name)
            if not parent
            else _menu(window, menus, parent).addMenu(name)
        )
        menus[path] = menu
    return menus[path]


def shortcut_list(actions: Mapping[str, QAction]) -> list[tuple[str, str]]:
    """Every command that has keys, with its first binding, then the pages' own keys."""
    rows = []
    for command in COMMANDS:
        keys = actions[command.name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((command.text.replace("&", "").rstrip("…"), keys))
    return rows + list(PAGE_KEYS)
