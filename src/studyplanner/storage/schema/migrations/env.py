"""Alembic's environment: migrations run on the connection the app hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from studyplanner.storage.schema import tables  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through studyplanner.storage.database.engine.open_database")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
