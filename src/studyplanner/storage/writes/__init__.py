"""Changes through SQLModel, each inside the caller's transaction."""
