"""What crmctl asks of git."""
from __future__ import annotations

import subprocess
from pathlib import Path


def config_value(root: Path, key: str) -> str | None:
    """A `git config` value as seen from the data root, or None (no git, no repository, unset)."""
    try:
        result = subprocess.run(["git", "config", "--get", key], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else None
