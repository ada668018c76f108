"""What an operation changed, so that a window refreshes only what shows it."""

from __future__ import annotations

from enum import Flag, auto


class Changed(Flag):
    """The parts of the learner's data an operation touched."""

    NOTHING = 0
    ROADMAPS = auto()  # the roadmaps on offer
    PLANS = auto()  # the list of plans, or a plan's own settings (its request, strict mode)
    SESSIONS = auto()  # a plan's sessions: the day, the calendar, progress
    MILESTONES = auto()  # milestones and the mastery criteria that judge them
    CARDS = auto()  # cards, their text and due times: counts, decks, the browser
    EVERYTHING = ROADMAPS | PLANS | SESSIONS | MILESTONES | CARDS
