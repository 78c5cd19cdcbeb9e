import difflib
import errno
from pathlib import Path

import pytest

from crmctl.actions.session import Session
from crmctl.archive import canonical, ids, yamlio
from crmctl.archive.kinds import KINDS
from crmctl.errors import Invalid
from crmctl.store import transaction
from crmctl.store.records import Store

CUSTOMER = KINDS["customer"]


def customer(name="甲公司", **fields):
    return {
        "id": ids.new_id("C", __import__("datetime").datetime.now().astimezone()),
        "name": name,
        "status": "prospect",
        "created": "2026-11-23T09:30:00+08:00",
        "history": [{"at": "2026-11-23T09:30:00+08:00", "by": "lina", "action": "create"}],
        **fields,
    }


def test_rewriting_an_unchanged_record_gives_identical_bytes(demo):
    store = Store(demo.root)
    for path in sorted((demo.root / "records" / "customers").glob("*.yaml")):
        record, problems = store.read_file(CUSTOMER, path)
        assert not problems
        assert canonical.to_bytes("customer", record) == path.read_bytes(), path


def test_a_one_field_change_is_a_one_line_diff_plus_history(crm):
    new_id = crm.ok(
        "customer", "add", "甲公司", "--phone", "0571-88886666", "--set", "notes=多行\n备注"
    ).strip()
    path = crm.root / "records" / "customers" / f"{new_id}.yaml"
    before = path.read_text().splitlines()
    crm.ok("customer", "edit", new_id, "--set", "region=华东", now="2026-11-24T10:00:00+08:00")
    after = path.read_text().splitlines()
    diff = list(difflib.ndiff(before, after))
    added = [line[2:] for line in diff if line.startswith("+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert removed == ["updated: 2026-11-23T09:30:00+08:00"]
    assert added[:2] == ["region: 华东", "updated: 2026-11-24T10:00:00+08:00"]
    assert added[2:] == [
        "- at: 2026-11-24T10:00:00+08:00",
        "  by: lina",
        "  action: edit",
        "  changes:",
        "    region:",
        "      to: 华东",
    ]


def test_a_failed_transaction_writes_nothing(crm):
    store = Store(crm.root)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.put(CUSTOMER, customer("一"))
        tx.put(CUSTOMER, customer("二"))
        raise RuntimeError("stop")
    assert store.ids(CUSTOMER) == []


def test_an_invalid_record_is_refused_before_anything_is_staged(crm):
    store = Store(crm.root)
    with pytest.raises(Invalid, match="mobile"), store.transaction() as tx:
        tx.put(CUSTOMER, customer("一"))
        tx.put(CUSTOMER, customer("二", mobile=13800001111))
    assert crm.files() == {} and not list(crm.root.rglob(".*.tmp"))


def test_records_go_only_where_they_belong(crm, tmp_path):
    store = Store(crm.root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (crm.root / "records" / "customers").rmdir()
    (crm.root / "records" / "customers").symlink_to(outside)
    with pytest.raises(Invalid, match="outside the data root"), store.transaction() as tx:
        tx.put(CUSTOMER, customer())
    assert not list(outside.iterdir())
    with pytest.raises(Invalid, match="id"), store.transaction() as tx:
        tx.put(CUSTOMER, {**customer(), "id": "../../etc/passwd"})


def test_reads_report_broken_files_instead_of_hiding_them(crm):
    good = crm.ok("customer", "add", "甲公司").strip()
    bad = crm.root / "records" / "customers" / "C1M0PCZ8E0147XFQ.yaml"
    bad.write_bytes(b"name: x\nname: y\n")
    session = Session(root=crm.root)
    assert [c["id"] for c in session.store.records(CUSTOMER)] == [good]
    assert [str(p) for p in session.store.problems] == [
        "records/customers/C1M0PCZ8E0147XFQ.yaml:2: duplicate key 'name'"
    ]


def test_every_demo_record_is_canonical_yaml_with_chinese_as_is(demo):
    for path in (demo.root / "records").rglob("*.yaml"):
        text = path.read_text("utf-8")
        assert "\\u" not in text and "&" not in text and yamlio.loads(path.read_bytes())


def test_a_full_disk_mid_import_leaves_no_staged_file(crm, tmp_path, monkeypatch):
    rows = "".join(f"客户{n},1380000{n:04d}\n" for n in range(40))
    (tmp_path / "in.csv").write_text("客户名称,手机\n" + rows)
    real_write, written = transaction._write_file, []

    def full_disk(path, data, sync):
        if len(written) == 25:
            Path(path).write_bytes(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real_write(path, data, sync)

    monkeypatch.setattr(transaction, "_write_file", full_disk)
    result = crm("import", "customers", tmp_path / "in.csv")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert [p.name for p in (crm.root / "records").rglob(".*")] == []
    assert [p.name for p in (crm.root / ".crmctl").glob("*tx-*")] == []
    monkeypatch.undo()
    assert crm.files() == {} and crm.ok("check") == ""
