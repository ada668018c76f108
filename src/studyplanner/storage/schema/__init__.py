"""The schema: SQLModel tables, Alembic migrations, and the JSON kept in columns."""
