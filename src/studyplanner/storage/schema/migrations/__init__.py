"""Alembic migrations of the Study Planner database."""
