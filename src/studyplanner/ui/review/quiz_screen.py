"""The practice-quiz screen: a question, four choices or a typed answer, then the score."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyplanner.core.cards.quiz import Quiz, QuizMode
from studyplanner.ui.common.safe_text import SafeTextBrowser
from studyplanner.ui.widgets.fields import show_card
from studyplanner.ui.widgets.wrapping_button import WrappingButton


class QuizScreen(QWidget):
    """Asks each question once; keys 1 to 4 pick a choice, Enter checks and moves on."""

    finished = Signal(object)  # the finished Quiz, or None when stopped early

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.quiz: Quiz | None = None
        self._media: Mapping[str, bytes] = {}
        self.checked = False
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a deck's name
        self.progress = QLabel()
        self.progress.setAccessibleName("Quiz progress")
        self.question = SafeTextBrowser()
        self.question.setAccessibleName("Question")
        self.feedback = QLabel()
        self.feedback.setAccessibleName("Feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)

        self.choice_buttons = [WrappingButton() for _ in range(4)]
        choices = QWidget()
        grid = QVBoxLayout(choices)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, button in enumerate(self.choice_buttons):
            button.setAccessibleName(f"Choice {number + 1}")
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, n=number: self.choose(n))
            grid.addWidget(button)
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Your answer")
        self.typed.setPlaceholderText("Type the answer, then press Enter")
        self.typed.returnPressed.connect(self.enter)
        self.answers = QStackedWidget()
        self.answers.addWidget(choices)
        self.answers.addWidget(self.typed)

        self.next_button = QPushButton("Next")
        self.next_button.setAccessibleName("Next question (Enter)")
        self.next_button.clicked.connect(self.next_question)
        self.stop_button = QPushButton("End Quiz")
        self.stop_button.setAccessibleName("End the quiz (Escape)")
        self.stop_button.clicked.connect(self.stop)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.progress)
        footer = QHBoxLayout()
        footer.addWidget(self.stop_button)
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        self.question.setMaximumHeight(240)
        layout.addWidget(self.question)
        layout.addWidget(self.answers)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        layout.addLayout(footer)
        for number in range(4):
            key = QShortcut(QKeySequence(str(number + 1)), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda n=number: self._key_choice(n))
        for keys, slot in ((("Return", "Enter"), self.enter), (("Escape",), self.stop)):
            for key_name in keys:
                shortcut = QShortcut(QKeySequence(key_name), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

    def start(self, quiz: Quiz, title: str, media: Mapping[str, bytes] | None = None) -> None:
        """Begin a quiz."""
        self.quiz = quiz
        self._media = media or {}  # the pictures its questions show
        self.title.setText(f"Quiz: {title}")
        self.answers.setCurrentIndex(0 if quiz.mode == QuizMode.CHOICE else 1)
        self._show_question()

    def _show_question(self) -> None:
        quiz = self.quiz
        assert quiz is not None
        question = quiz.current
        self.checked = False
        self.feedback.clear()
        self.next_button.setEnabled(False)
        right, answered = quiz.score
        self.progress.setText(f"Question {answered + 1} of {len(quiz.questions)} · {right} right")
        if question is None:
            return
        show_card(self.question, question.card.front, media=self._media)
        for number, button in enumerate(self.choice_buttons):
            visible = number < len(question.choices)
            button.setVisible(visible)
            button.setEnabled(True)
            if visible:
                text = " ".join(question.choices[number].split())
                button.setText(f"{number + 1}.  {text}")
                button.setAccessibleName(f"Choice {number + 1}: {text}")
        self.typed.clear()
        self.typed.setEnabled(True)
        if quiz.mode == QuizMode.TYPED:
            self.typed.setFocus()
        else:
            self.setFocus()

    def choose(self, number: int) -> None:
        """Pick a choice."""
        if self.quiz is not None and not self.checked:
            self._check(number)

    def enter(self) -> None:
        """Check a typed answer, or go on once an answer has been checked."""
        if self.quiz is None:
            return
        if self.checked:
            self.next_question()
        elif self.quiz.mode == QuizMode.TYPED:
            self._check(self.typed.text())

    def _check(self, given: str | int) -> None:
        quiz = self.quiz
        assert quiz is not None
        question = quiz.current
        assert question is not None
        right = quiz.answer(given)
        self.checked = True
        score, answered = quiz.score
        self.progress.setText(f"Question {answered} of {len(quiz.questions)} · {score} right")
        answer = " ".join(question.card.back.split())
        self.feedback.setText("Right." if right else f"Not quite. The answer: {answer}")
        for number, button in enumerate(self.choice_buttons[: len(question.choices)]):
            mark = "✓" if number == question.correct else "✗" if number == given else ""
            if mark:
                button.setText(f"{mark}  {button.text()}")
                button.setAccessibleName(
                    f"{button.accessibleName()}, {'right' if mark == '✓' else 'your answer'}"
                )
        self.typed.setEnabled(False)
        self.next_button.setEnabled(True)
        self.next_button.setText("See Score" if quiz.current is None else "Next")
        self.setFocus()

    def next_question(self) -> None:
        """The next question, or the end of the quiz."""
        quiz = self.quiz
        if quiz is None or not self.checked:
            return
        if quiz.current is None:
            self.quiz = None
            self.finished.emit(quiz)
        else:
            self._show_question()

    def stop(self) -> None:
        """End the quiz early; answers given so far still count."""
        quiz, self.quiz = self.quiz, None
        self.finished.emit(quiz if quiz is not None and quiz.results else None)

    def _key_choice(self, number: int) -> None:
        quiz = self.quiz
        if quiz is not None and quiz.mode == QuizMode.CHOICE:
            self.choose(number)
