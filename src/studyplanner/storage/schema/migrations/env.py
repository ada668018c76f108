"""Alembic's environment: migrations run on the connection the app hands over."""

from __future__ import annotations

from alembic import context

from studyplanner.storage.schema.tables import RoadmapRecord

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through studyplanner.storage.database.engine.open_database")

context.configure(
    connection=connection,
    # SQLModel's metadata, shared by every table class: importing one declares them all.
    target_metadata=RoadmapRecord.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
