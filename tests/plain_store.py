"""The records of a data root read straight from every file, with no index: the oracle the index's
answers are checked against."""

from __future__ import annotations

import os
from pathlib import Path

from crmctl.archive.kinds import Kind
from crmctl.archive.record_file import read_record
from crmctl.index.file_stamps import record_folders
from crmctl.index.index_rows import latest_stamp


def matches(kind: Kind, record: dict, where: dict, key=None, since: float | None = None) -> bool:
    """Whether `Store.records(kind, where, key, since)` keeps a readable record."""
    if since is not None and latest_stamp(kind, record) >= since:
        return True
    for field, values in where.items():
        value = record.get(field)
        if (
            isinstance(value, (str, int, float))
            and not isinstance(value, bool)
            and (key(field, value) if key else value) in values
        ):
            return True
    return False


class PlainStore:
    """`Store.records` and its `problems`, from the files alone."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list = []

    def _files(self, kind: Kind) -> list[str]:
        found = []
        for folder in record_folders(self.root / "records" / kind.folder, kind):
            if not folder.is_dir():
                continue
            with os.scandir(folder) as entries:  # not listdir, which tests count
                found += [
                    (folder / entry.name).relative_to(self.root).as_posix()
                    for entry in entries
                    if entry.name.endswith(".yaml") and not entry.name.startswith(".")
                ]
        return sorted(found, key=lambda path: (path.rpartition("/")[2], path))

    def records(self, kind: Kind, where=None, key=None, since=None, fields=None) -> list[dict]:
        out = []
        for path in self._files(kind):
            record, problems, _ = read_record(self.root, kind, path)
            if record is None:
                self.problems.extend(problems)
            elif (not where and since is None) or matches(kind, record, where or {}, key, since):
                out.append(record if fields is None else {f: record.get(f) for f in fields})
        return out
