"""Reviewing cards and practice quizzes: the screens, and the learner's options."""
