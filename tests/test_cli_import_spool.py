"""A big import keeps what it learns of each row in spools on disk (the rows' summaries, the
duplicate digests, the staged files): spilling early gives the same records, the same refusals and
the same output as holding everything, and leaves no temporary file, whether it succeeds or
fails."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from crmctl.store import records, transaction
from tests.conftest import Crm, told

ROWS = 60


def write(path, count: int, repeat_first_mobile_at: int | None = None) -> None:
    lines = ["客户名称,手机,邮箱,等级,负责人,备注"]
    for n in range(count):
        mobile = 13900000000 if n == repeat_first_mobile_at else 13900000000 + n
        lines.append(f"测试客户{n:03d},{mobile},c{n}@example.com,B2,刘洋,第{n}行")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def spools(monkeypatch) -> list:
    """Every spool a store makes, whether the transaction spilled or not."""
    made: list = []
    spool = records.Store.spool

    def recorded(store):
        made.append(spool(store))
        return made[-1]

    monkeypatch.setattr(records.Store, "spool", recorded)
    return made


def fresh(tmp_path, name: str) -> Crm:
    root = tmp_path / name
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    return Crm(root)


def records_without_ids(crm: Crm) -> list[dict]:
    return sorted(
        ({k: v for k, v in c.items() if k != "id"} for c in crm.json("customer", "list")),
        key=lambda c: c["name"],
    )


def without_ids(text: str, crm: Crm) -> str:
    for customer in crm.json("customer", "list"):
        text = text.replace(customer["id"], "ID")
    return text


def leftovers(crm: Crm) -> list[str]:
    """Temporary files of any kind: spools, staged dot-files, intents and journals."""
    state = crm.root / ".crmctl"
    return sorted(
        [p.name for p in (state / "tmp").glob("*")]
        + [p.name for p in state.glob("*tx-*")]
        + [p.name for p in (crm.root / "records").rglob(".*")]
    )


def test_a_spilled_import_gives_what_a_held_one_gives(tmp_path, monkeypatch, spools):
    path = tmp_path / "customers.csv"
    write(path, ROWS)
    held, spilled = fresh(tmp_path, "held"), fresh(tmp_path, "spilled")
    held_out = held.ok("import", "customers", path)
    assert len(spools) == 1  # the import's own: 60 small records never reach SPILL
    monkeypatch.setattr(transaction, "SPILL", 2000)
    spilled_out = spilled.ok("import", "customers", path)
    assert len(spools) == 3  # the import's, and the transaction's ledger of its staged files
    assert len(spilled_out.split()) == len(held_out.split()) == ROWS
    assert records_without_ids(spilled) == records_without_ids(held)
    assert leftovers(spilled) == [] and leftovers(held) == []
    assert all(not spool.path.exists() for spool in spools)
    # a second import of the same file: every row the archive's duplicate, found exactly
    again = spilled("import", "customers", path)
    assert (
        again.exit_code == 1 and f"{ROWS * 3} problem(s)"
    )  # name, mobile and email in told(again)
    again_held = held("import", "customers", path)
    assert without_ids(told(again), spilled) == without_ids(told(again_held), held)
    # with --key, nothing changes, whether spilled or not
    assert spilled.ok("import", "customers", path, "--key", "mobile") == ""
    assert leftovers(spilled) == []


def test_a_spilled_import_refused_late_leaves_nothing(tmp_path, monkeypatch, spools):
    path = tmp_path / "customers.csv"
    write(path, ROWS, repeat_first_mobile_at=ROWS - 1)  # found after several spills
    crm = fresh(tmp_path, "crm")
    monkeypatch.setattr(transaction, "SPILL", 2000)
    result = crm("import", "customers", path)
    assert result.exit_code == 1
    assert "row 61" in told(result) and "row 2" in told(result)
    assert len(spools) == 2  # it did spill before the refusal
    assert crm.files() == {} and leftovers(crm) == []
    assert all(not spool.path.exists() for spool in spools)


def test_a_dry_run_leaves_no_spool(crm, tmp_path, spools):
    path = tmp_path / "customers.csv"
    write(path, 5)
    crm.ok("import", "customers", path, "--dry-run")
    assert len(spools) == 1 and not spools[0].path.exists() and leftovers(crm) == []
