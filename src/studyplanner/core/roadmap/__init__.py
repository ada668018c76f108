"""Roadmaps: the versioned file format, its validation and the bundled roadmaps."""
