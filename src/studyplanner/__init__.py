"""Study Planner: roadmaps become dated study calendars with spaced-repetition flashcards."""

__version__ = "0.1.0"
APP_NAME = "Study Planner"
APP_ID = "studyplanner"
