"""The session dialog: see a session's topic, and mark, move, lock or annotate it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from studyplanner.core.planning.plan import SessionStatus
from studyplanner.storage.queries.views import SessionEdit, SessionView
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.common.topic_text import topic_markdown
from studyplanner.ui.widgets.fields import date_field, pydate

if TYPE_CHECKING:
    from studyplanner.storage.queries.views import TopicNotes


class SessionDialog(QDialog):
    """Edits one session; the caller turns the result into an undoable command."""

    def __init__(
        self, session: SessionView, edit: SessionEdit, topic: TopicNotes | None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(session.title)
        self.delete_requested = False
        self.planned_minutes = session.minutes
        title = html.escape(session.title)  # a roadmap's text, shown as written
        heading = QLabel(f"<b>{title}</b> — {session.minutes} minutes planned")
        self.details = SafeTextBrowser()
        self.details.setMarkdown(topic_markdown(topic))
        self.details.setAccessibleName("Topic details")
        self.day_edit = date_field(edit.day, "Date")
        self.status_buttons = QButtonGroup(self)
        status_row = QHBoxLayout()
        for status, label in (
            (SessionStatus.PLANNED, "&Planned"),
            (SessionStatus.DONE, "&Done"),
            (SessionStatus.SKIPPED, "S&kipped"),
        ):
            button = QRadioButton(label)
            button.setAccessibleName(f"Mark {status.value}")
            button.setProperty("status", status.value)
            button.setChecked(edit.status is status)
            self.status_buttons.addButton(button)
            status_row.addWidget(button)
        self.actual_spin = QSpinBox()
        self.actual_spin.setRange(1, 24 * 60)
        self.actual_spin.setSuffix(" min")
        self.actual_spin.setValue(edit.actual_minutes or session.minutes)
        self.actual_spin.setAccessibleName("Minutes actually studied")
        self.locked_box = QCheckBox("&Lock: re-planning leaves this session where it is")
        self.locked_box.setChecked(edit.locked)
        self.locked_box.setAccessibleName("Lock")
        self.notes_edit = QPlainTextEdit(edit.notes)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("Notes for yourself")
        self.notes_edit.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button = QPushButton("Delete session")
        self.delete_button.setAccessibleName("Delete session")
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._delete)
        self.status_buttons.buttonToggled.connect(lambda *_: self._status_changed())

        form = QFormLayout()
        form.addRow("Date:", self.day_edit)
        form.addRow("Status:", status_row)
        form.addRow("Studied:", self.actual_spin)
        form.addRow("", self.locked_box)
        form.addRow("Notes:", self.notes_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        self._status_changed()

    def status(self) -> SessionStatus:
        """The status chosen."""
        checked = self.status_buttons.checkedButton()
        return SessionStatus(checked.property("status")) if checked else SessionStatus.PLANNED

    def set_status(self, status: SessionStatus) -> None:
        """Choose a status, as a click would."""
        for button in self.status_buttons.buttons():
            if button.property("status") == status.value:
                button.setChecked(True)

    def result_edit(self) -> SessionEdit:
        """The session's state as the dialog now shows it."""
        status = self.status()
        actual = self.actual_spin.value() if status is SessionStatus.DONE else None
        if actual == self.planned_minutes:
            actual = None  # done as planned
        return SessionEdit(
            pydate(self.day_edit.date()),
            status,
            actual,
            self.locked_box.isChecked(),
            self.notes_edit.toPlainText(),
        )

    def _status_changed(self) -> None:
        self.actual_spin.setEnabled(self.status() is SessionStatus.DONE)

    def _delete(self) -> None:
        self.delete_requested = True
        self.accept()
