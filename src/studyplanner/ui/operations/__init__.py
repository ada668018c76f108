"""Changes the learner makes, run as operations off the UI thread, with undo."""
