"""Milestones: their states, mastery gates and exam readiness, in pure Python."""
