"""Pure business rules: functions of records, config and `now`. No file access, no clock reads."""
