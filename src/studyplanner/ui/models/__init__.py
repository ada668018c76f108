"""Qt item models: thin adapters over the store's plain data."""
