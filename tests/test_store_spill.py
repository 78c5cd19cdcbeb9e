"""A transaction bigger than `transaction.SPILL` stages its files on disk before it commits, so a
bulk import holds no more than that in memory, and stays all or nothing."""

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest

from crmctl.archive import ids
from crmctl.archive.kinds import KINDS
from crmctl.store import transaction
from crmctl.store.records import Store

CUSTOMER = KINDS["customer"]
NOW = "2026-11-23T09:30:00+08:00"


def customer(number: int) -> dict:
    return {
        "id": ids.new_id("C", dt.datetime.fromisoformat(NOW)),
        "name": f"客户{number}",
        "status": "prospect",
        "created": NOW,
        "history": [{"at": NOW, "by": "lina", "action": "create"}],
    }


def staged(root):
    return sorted(p.name for p in (root / "records").rglob(".*.tmp"))


def written(root):
    return sorted(p.name for p in (root / "records").rglob("[!.]*.yaml"))


def test_a_spilled_transaction_stages_early_and_commits_every_file(crm, monkeypatch):
    monkeypatch.setattr(transaction, "SPILL", 1000)
    store = Store(crm.root)
    with store.transaction() as tx:
        for number in range(30):
            tx.put(CUSTOMER, customer(number))
        early = staged(crm.root)
        intent = json.loads((crm.root / ".crmctl" / f"tx-{tx.txid}.intent").read_text())
        assert len(tx.writes) < 30 and written(crm.root) == []
    assert len(early) >= 10 and sorted(name.rsplit("/", 1)[-1] for name in intent) == early
    assert len(written(crm.root)) == 30 and staged(crm.root) == []
    assert sorted(c["name"] for c in store.records(CUSTOMER)) == sorted(
        f"客户{n}" for n in range(30)
    )
    assert list((crm.root / ".crmctl").glob("*tx-*")) == []


def test_a_spilled_transaction_that_fails_leaves_nothing(crm, monkeypatch):
    monkeypatch.setattr(transaction, "SPILL", 1000)
    store = Store(crm.root)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        for number in range(30):
            tx.put(CUSTOMER, customer(number))
        assert staged(crm.root)
        raise RuntimeError("stop")
    assert written(crm.root) == [] and staged(crm.root) == []
    assert list((crm.root / ".crmctl").glob("*tx-*")) == []


def test_files_staged_early_by_a_killed_writer_are_removed_by_the_next(crm):
    script = textwrap.dedent(
        f"""
        import datetime as dt, os
        from pathlib import Path
        from crmctl.archive import ids
        from crmctl.store import records, transaction
        from crmctl.archive.kinds import KINDS
        transaction.SPILL = 1000
        store = records.Store(Path({str(crm.root)!r}))
        with store.transaction() as tx:
            for n in range(30):
                at = dt.datetime.fromisoformat({NOW!r})
                tx.put(KINDS["customer"], {{"id": ids.new_id("C", at), "name": f"客户{{n}}",
                    "status": "prospect", "created": {NOW!r},
                    "history": [{{"at": {NOW!r}, "by": "lina", "action": "create"}}]}})
            os._exit(9)
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False)
    assert killed.returncode == 9 and staged(crm.root)
    crm.ok("customer", "add", "乙公司")
    assert staged(crm.root) == [] and len(written(crm.root)) == 1


def test_an_import_refused_by_its_last_row_after_spilling_writes_nothing(
    crm, tmp_path, monkeypatch
):
    monkeypatch.setattr(transaction, "SPILL", 2000)
    rows = "".join(f"客户{n},1380000{n:04d}\n" for n in range(40))
    (tmp_path / "in.csv").write_text("客户名称,手机\n" + rows + "客户x,12\n")
    result = crm("import", "customers", tmp_path / "in.csv")
    assert result.exit_code == 1 and "row 42" in result.stderr
    assert crm.files() == {} and staged(crm.root) == []
    assert list((crm.root / ".crmctl").glob("*tx-*")) == []
    (tmp_path / "in.csv").write_text("客户名称,手机\n" + rows)
    assert len(crm.ok("import", "customers", tmp_path / "in.csv").split()) == 40
    assert len(crm.files()) == 40 and staged(crm.root) == []
