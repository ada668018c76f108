"""The pure-Python domain: roadmaps, planning and scheduling. No Qt, no SQL."""
