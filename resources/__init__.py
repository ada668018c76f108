"""Bundled data files: roadmaps, icons and the roadmap JSON Schema."""
