"""What an archive is on disk: its root, the kinds of records and their ids, the schemas, and one
record file's YAML (reading, canonical writing, conflict markers)."""
