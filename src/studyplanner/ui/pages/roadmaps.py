"""The Roadmaps page: browse the roadmaps, import one, plan from one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.widgets.roadmap_text import roadmap_markdown

if TYPE_CHECKING:
    from studyplanner.core.roadmap.model import Roadmap
    from studyplanner.ui.models.roadmaps import RoadmapListModel


class RoadmapsPage(QWidget):
    """A list of roadmaps beside the selected one's overview."""

    planRequested = Signal(str)  # roadmap id
    importRequested = Signal()

    def __init__(self, model: RoadmapListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.list = QListView()
        self.list.setModel(model)
        self.list.setObjectName("roadmapList")
        self.list.setAccessibleName("Roadmaps")
        self.details = SafeTextBrowser()
        self.details.setAccessibleName("Roadmap overview")
        self.plan_button = QPushButton("Plan this roadmap…")
        self.plan_button.setAccessibleName("Plan this roadmap")
        self.import_button = QPushButton("Import roadmap…")
        self.import_button.setAccessibleName("Import a roadmap file")
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.plan_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(self._select_first)
        self.plan_button.clicked.connect(self._plan_clicked)
        self.import_button.clicked.connect(self.importRequested)
        self._select_first()

    def selected(self) -> Roadmap | None:
        """The roadmap shown, if any."""
        index = self.list.currentIndex()
        return self.model.roadmap(index.row()) if index.isValid() else None

    def select(self, roadmap_id: str) -> None:
        """Show a roadmap."""
        row = self.model.row_of(roadmap_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def _select_first(self) -> None:
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0))
        self._show(self.selected())

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show(self.selected())

    def _show(self, roadmap: Roadmap | None) -> None:
        self.plan_button.setEnabled(roadmap is not None)
        self.details.setMarkdown(roadmap_markdown(roadmap) if roadmap else "No roadmap selected.")

    def _plan_clicked(self) -> None:
        roadmap = self.selected()
        if roadmap is not None:
            self.planRequested.emit(roadmap.id)
