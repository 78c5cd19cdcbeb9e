"""The use cases, and the Python API for batch scripts: load, apply rules, write, record history."""
