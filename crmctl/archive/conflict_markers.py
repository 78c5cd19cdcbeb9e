"""Leftover git merge-conflict markers in a crmctl file: where they are, which field each block
concerns, and what to tell the person who has to resolve it."""

from __future__ import annotations

import re

CONFLICT_MARKERS = (b"<<<<<<< ", b"<<<<<<<\n", b"=======\n", b">>>>>>> ", b">>>>>>>\n")


def conflict_marker_line(data: bytes) -> int | None:
    """Line of the first leftover git merge-conflict marker, if any."""
    if b"<<<<<<<" not in data and b">>>>>>>" not in data:
        return None
    for number, line in enumerate(data.splitlines(keepends=True), 1):
        if line.startswith(CONFLICT_MARKERS) or line.rstrip(b"\r\n") in (
            b"<<<<<<<",
            b"=======",
            b">>>>>>>",
        ):
            return number
    return None


_TOP_LEVEL_KEY = re.compile(rb"^([A-Za-z_][A-Za-z0-9_]*):(?: |$)")


def conflicts(data: bytes) -> list[tuple[int, str]]:
    """Each conflict block (`<<<<<<<` … `>>>>>>>`) left by a merge: the line it starts on and the
    top-level field it concerns (the first one inside it, else the one it sits in; '' if none)."""
    if b"<<<<<<<" not in data:  # the common case, told without splitting the file into lines
        return []
    found, before, start, inside = [], "", None, ""
    for number, line in enumerate(data.splitlines(), 1):
        if line.startswith(b"<<<<<<<"):
            start, inside = number, ""
        elif line.startswith(b">>>>>>>") and start is not None:
            found.append((start, inside or before))
            start = None
        else:
            key = _TOP_LEVEL_KEY.match(line)
            if key and start is None:
                before = key.group(1).decode()
            elif key and not inside:
                inside = key.group(1).decode()
    return found


def conflict_message(field: str) -> str:
    if not field:
        return "leftover merge-conflict marker: resolve the conflict and remove the markers"
    if field == "history":
        return (
            "conflict in field history: both sides of a merge added entries; keep every entry of "
            "both sides, in time order (it is the audit trail: 'git checkout --ours' or '--theirs' "
            "would drop the other side's), and delete the merge-conflict markers"
        )
    return (
        f"conflict in field {field}: both sides of a merge changed it; keep the right value and "
        f"delete "
        "the merge-conflict markers (<<<<<<< ======= >>>>>>>), keeping every history entry of both "
        "sides"
    )
