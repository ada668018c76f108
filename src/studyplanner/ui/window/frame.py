"""The window's frame: the sidebar of pages, the page stack, the plan toolbar and the busy bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from studyplanner.ui.controllers.context import PAGES


@dataclass(frozen=True)
class Frame:
    """The widgets around the pages, made before any page but the Today one."""

    sidebar: QListWidget
    stack: QStackedWidget
    plan_box: QComboBox
    busy: QProgressBar


def build_frame(window: QMainWindow, first_page: QWidget) -> Frame:
    """Lay the frame out in ``window``, with ``first_page`` (the Today page) in the stack."""
    sidebar = QListWidget()
    sidebar.setObjectName("sidebar")
    sidebar.setAccessibleName("Pages")
    sidebar.addItems(PAGES)
    sidebar.setFixedWidth(170)
    stack = QStackedWidget()
    stack.addWidget(first_page)  # the other pages follow once the rest of the window is made
    central = QWidget()
    row = QHBoxLayout(central)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    row.addWidget(sidebar)
    row.addWidget(stack, 1)
    window.setCentralWidget(central)

    plan_box = QComboBox()
    plan_box.setAccessibleName("Current plan")
    plan_box.view().setAccessibleName("Plans")
    plan_box.setMinimumWidth(260)
    plan_box.setPlaceholderText("No plans yet")
    toolbar = window.addToolBar("Plan")
    toolbar.setObjectName("planToolbar")
    toolbar.setMovable(False)
    toolbar.addWidget(QLabel(" Plan: "))
    toolbar.addWidget(plan_box)

    busy = QProgressBar()
    busy.setRange(0, 0)
    busy.setMaximumWidth(120)
    busy.setAccessibleName("Working")
    busy.hide()
    window.statusBar().addPermanentWidget(busy)
    return Frame(sidebar, stack, plan_box, busy)
