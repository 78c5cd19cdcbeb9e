"""Every command sees the files as they are: what changed by hand between two commands is read in
by the second, which answers as a command that builds its index anew from the files."""

from __future__ import annotations

import shutil

import pytest

from bench.generate import generate
from crmctl.index import file_stamps
from tests.conftest import Crm


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A generated archive whose files are stat'ed half by a second process (as large ones are)."""
    monkeypatch.setattr(file_stamps, "FORK_MIN_FILES", 1)
    generate(tmp_path / "crm", customers=60, seed=5, workers=1)
    return tmp_path / "crm"


@pytest.mark.parametrize(
    "command", [("due",), ("due", "--format", "json"), ("report", "monthly"), ("report", "ledger")]
)
def test_commands_see_every_change_made_by_hand_between_them(root, command):
    crm = Crm(root)
    before = crm.ok(*command, user="wang")
    customers = sorted((root / "records" / "customers").iterdir())
    visits = sorted((root / "records" / "visits").glob("2026/*/*.yaml"))
    complaints = sorted((root / "records" / "complaints").iterdir())
    customers[0].write_bytes(customers[0].read_bytes().replace(b"name: ", "name: 改名".encode(), 1))
    for path in (*visits[-5:], *complaints[-3:]):
        path.unlink()
    shutil.copy(customers[1], customers[1].with_name("C" + "1" * 15 + ".yaml"))
    after = crm.ok(*command, user="wang")
    shutil.rmtree(root / ".crmctl")
    assert after == crm.ok(*command, user="wang") != before
