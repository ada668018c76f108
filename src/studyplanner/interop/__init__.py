"""Files other programs read: iCalendar and the JSON form of a plan."""
