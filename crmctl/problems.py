"""A problem found in a file or record, reported as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # or "warning": reported, but `check` still passes

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        prefix = " warning:" if self.severity == "warning" else ""
        return f"{where}:{prefix}{field} {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def field_name(path) -> str:
    """`('history', 2, 'at')` -> `history[2].at`."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out
