"""Plan a session: groups, timetable, jury sizing and who evaluates whom (pure functions)."""
