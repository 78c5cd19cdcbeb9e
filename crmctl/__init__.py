"""crmctl: a git-friendly command-line CRM (see README.md)."""

__version__ = "0.1.0"  # setup.cfg reads it: one place for the version
