"""Study Planner: roadmaps become dated study calendars with spaced-repetition flashcards."""

__version__ = "0.1.0"
APP_NAME = "Study Planner"
# The desktop entry, AppStream component and Wayland app id are all named after it.
APP_ID = "org.studyplanner.StudyPlanner"
