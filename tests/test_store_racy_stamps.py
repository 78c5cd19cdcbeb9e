"""A file's stamp is trusted only when it proves the file unchanged: on file systems with one- or
two-second timestamps, and after a read that failed."""

from __future__ import annotations

import builtins
import os
import time

import pytest

from bench.generate import generate
from crmctl.archive import record_file
from crmctl.archive.kinds import KINDS
from crmctl.index import index_rows
from crmctl.store.records import Store
from tests.conftest import Crm

CUSTOMER = KINDS["customer"]
HOUR_NS = 3600 * 10**9


@pytest.fixture
def root(tmp_path):
    generate(tmp_path / "crm", customers=30, seed=5, workers=1)
    return tmp_path / "crm"


def names(root) -> dict[str, str]:
    return {r["id"]: r["name"] for r in Store(root).records(CUSTOMER)}


def first_file(root):
    return sorted((root / "records" / "customers").iterdir())[0]


def set_mtime(path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns))


def same_size_rename(path, name: str) -> None:
    """Change the customer's name in place (same inode), keeping the file's size."""
    data = path.read_bytes()
    start = data.index(b"name: ") + len(b"name: ")
    end = data.index(b"\n", start)
    old = data[start:end]
    new = name.encode().ljust(len(old), b"x")[: len(old)]
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(new)


@pytest.mark.parametrize("granularity_ns", [10**9, 2 * 10**9])
def test_a_same_size_edit_in_the_second_of_a_read_is_seen_on_coarse_timestamps(
    root, granularity_ns
):
    """A file system keeping whole (FAT: even) seconds: the read and the edit after it fall in one
    timestamp, so size, mtime and inode all stay as they were read."""
    path = first_file(root)
    now = time.time_ns()
    tick = now - now % granularity_ns
    set_mtime(path, tick)
    assert "Edited" not in names(root)[path.stem]  # read within the tick
    same_size_rename(path, "Edited")
    set_mtime(path, tick)
    assert names(root)[path.stem].startswith("Edited")


def test_a_file_older_than_the_margin_is_not_read_again_and_a_young_one_is(root, monkeypatch):
    old, young = sorted((root / "records" / "customers").iterdir())[:2]
    for path in (root / "records" / "customers").iterdir():
        set_mtime(path, time.time_ns() - HOUR_NS)
    set_mtime(young, time.time_ns())
    names(root)
    read = []
    real = index_rows.read_record
    monkeypatch.setattr(
        index_rows, "read_record", lambda root, kind, rel: read.append(rel) or real(root, kind, rel)
    )
    names(root)
    assert read == [f"records/customers/{young.name}"]
    set_mtime(young, time.time_ns() - record_file.RACY_NS - 10**9)
    read.clear()
    names(root)  # read once more: now safely older than this reading
    names(root)
    assert read == [f"records/customers/{young.name}"]
    assert old.stem in names(root)


def test_a_file_unreadable_for_a_while_is_read_once_readable_again(root, monkeypatch):
    """chmod 000 and back changes no size, mtime or inode (only the ctime). Run as root the file
    stays readable, so `open` refuses it here."""
    path = first_file(root)
    set_mtime(path, time.time_ns() - HOUR_NS)
    real_open = builtins.open

    def refusing(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(record_file, "open", refusing, raising=False)
    crm = Crm(root)
    refused = crm("check", user="wang")
    assert refused.exit_code == 1 and "Permission denied" in refused.stdout
    monkeypatch.undo()
    assert crm("check", user="wang").exit_code == 0
    assert crm.json("customer", "show", path.stem, user="wang")["id"] == path.stem
