"""Finishing git's merge of a record file by keeping one side's fields (`crmctl keep`): the sides
are read from git's index (the merge's base, ours and theirs), merged field by field as the driver
does, and the side kept is written with an entry that records the choice, then staged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..archive import canonical, yamlio
from ..archive.kinds import kind_of_id
from ..archive.schemas import validate
from ..errors import CrmError
from ..rules.consistency import merged_record_problems
from ..rules.history import kept_side
from . import git, git_log
from .merge import merge_judged

SIDES = ("ours", "theirs")
_STAGES = {"1": 0, "2": 1, "3": 2}  # git's index stages: base, ours, theirs


@dataclass(frozen=True)
class Kept:
    path: str  # relative to the data root
    conflicts: list[str]  # the fields the two sides disagreed on
    removed: bool = False  # the side kept had deleted the file


def unmerged_file(root: Path, ref: str) -> str:
    """The unmerged record file `ref` names: its path, id or the start of its id."""
    files = git.unmerged(root)
    found = [
        name
        for name in files
        if ref in (name, PurePosixPath(name).stem) or PurePosixPath(name).stem.startswith(ref)
    ]
    if len(found) != 1:
        listed = ", ".join(files[: git.SHOWN_FILES]) or "none"
        raise CrmError(
            f"{ref} names {'no' if not found else 'more than one'} file a merge left unmerged "
            f"(unmerged: {listed})"
        )
    return found[0]


def _sides(root: Path, name: str) -> list[bytes | None]:
    """The file as the merge's base, our side and their side had it (None: absent there)."""
    listed = git.run(root, "ls-files", "--unmerged", "-z", "--", name).stdout
    blobs: list[str | None] = [None, None, None]
    for line in filter(None, listed.split("\0")):
        info = line.split("\t", 1)[0].split()
        blobs[_STAGES[info[2]]] = info[1]
    contents = git_log.blobs(root, [blob for blob in blobs if blob])
    return [None if blob is None else contents[blob] for blob in blobs]


def _record(name: str, data: bytes | None) -> dict:
    body = yamlio.loads(data) if data else {}
    if not isinstance(body, dict):
        raise CrmError(f"{name}: one side is not a record; resolve it by hand")
    return body


def keep(root: Path, name: str, side: str, at, by: str) -> Kept:
    """Resolve `name` to `side`'s fields (every history entry of both sides kept) and stage it."""
    kind = kind_of_id(PurePosixPath(name).stem)
    if kind is None:
        raise CrmError(f"{name} is not a record file; resolve it by hand")
    data = _sides(root, name)
    mine, other = data[1 + SIDES.index(side)], data[2 - SIDES.index(side)]
    if mine is None:
        git.run(root, "rm", "--quiet", "--", name)
        return Kept(name, [], removed=True)
    try:
        sides = [_record(name, one) for one in data]
    except yamlio.YamlError as exc:
        raise CrmError(
            f"{name}: a side cannot be read ({exc.message}); resolve it by hand"
        ) from None
    conflicts: list[str] = []
    record = sides[1 + SIDES.index(side)]
    if other is not None:  # else the other side deleted the file: this side's stays as it was
        base, ours, theirs = sides
        merged, reasons = merge_judged(kind.name, base, ours, theirs, merged_record_problems)
        conflicts = merged.conflicts
        record = merged.ours if side == "ours" else merged.theirs
        if reasons:
            record = kept_side(record, at, by, f"merge: kept {side}")
    issues = validate(kind.schema, record)
    if issues:
        raise CrmError(f"{name}: the side kept is not valid: {issues[0].message}")
    partial = root / (name + ".crmctl-keep")
    partial.write_bytes(canonical.to_bytes(kind.schema, record))
    partial.replace(root / name)
    git.run(root, "add", "--", name)
    return Kept(name, conflicts)
