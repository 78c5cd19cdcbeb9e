"""Recovery trusts only crmctl's own journals: a cloned archive never acts outside its root."""

from __future__ import annotations

import contextlib
import json
import os
import shutil

import pytest

from crmctl.archive import canonical, ids
from crmctl.store.records import Store
from tests.conftest import run_crmctl
from tests.gitrepos import git, init_archive

TXID = "0123456789ab"


def customer_id() -> str:
    return ids.new_id("C", __import__("datetime").datetime.now().astimezone())


def journal(root, renames=(), removes=(), txid=TXID, suffix="journal") -> str:
    state = root / ".crmctl"
    state.mkdir(exist_ok=True)
    name = f"tx-{txid}.{suffix}"
    body = {"renames": [list(pair) for pair in renames], "removes": list(removes)}
    (state / name).write_text(json.dumps(body if suffix == "journal" else list(removes)))
    return f".crmctl/{name}"


@pytest.fixture
def victim(tmp_path):
    """A file of the user's outside the data root, and what it holds."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    bashrc = home / ".bashrc"
    bashrc.write_text("export PATH=/usr/bin\n")
    return bashrc


def staged_customer(crm, name="甲公司", txid=TXID):
    """A staged dot-file as a crmctl transaction makes it, and the record path it is for."""
    record_id = customer_id()
    body = {
        "name": name,
        "status": "prospect",
        "created": "2026-11-23T09:30:00+08:00",
        "history": [{"at": "2026-11-23T09:30:00+08:00", "by": "lina", "action": "create"}],
    }
    final = f"records/customers/{record_id}.yaml"
    staged = f"records/customers/.{record_id}.yaml.{txid}.tmp"
    (crm.root / staged).write_bytes(canonical.to_bytes("customer", {"id": record_id, **body}))
    return staged, final


def assert_left_alone(crm, victim, journal_name, reason):
    before = victim.read_bytes()
    result = crm("check")
    assert victim.exists() and victim.read_bytes() == before
    assert result.exit_code == 1
    assert f"{journal_name}: " in result.stdout and reason in result.stdout, result.stdout
    assert (crm.root / journal_name).exists()
    assert crm("customer", "list").exit_code == 0 and victim.read_bytes() == before


@pytest.mark.parametrize("where", ["../home/.bashrc", "{victim}"])
def test_a_journal_naming_a_file_outside_the_root_is_reported_and_left_alone(crm, victim, where):
    target = where.format(victim=victim)
    staged, _ = staged_customer(crm)
    name = journal(crm.root, renames=[(staged, target)])
    assert_left_alone(crm, victim, name, "is not a record file of this data root")
    name = journal(crm.root, removes=[target], txid="ba9876543210")
    assert_left_alone(crm, victim, name, "is not a record file of this data root")


def test_a_journal_whose_staged_file_lies_outside_is_left_alone(crm, victim):
    _, final = staged_customer(crm)
    name = journal(crm.root, renames=[("../home/.bashrc", final)])
    assert_left_alone(crm, victim, name, "is not the file staged for")
    assert not (crm.root / final).exists()


def test_an_intent_naming_a_file_outside_the_root_deletes_nothing(crm, victim):
    name = journal(crm.root, removes=["../home/.bashrc"], suffix="intent")
    assert_left_alone(crm, victim, name, "is not a file staged by this transaction")
    name = journal(crm.root, removes=[f"../home/.bashrc.{TXID}.tmp"], suffix="intent", txid=TXID)
    assert_left_alone(crm, victim, name, "is not a record file of this data root")


def test_records_folder_leading_outside_is_never_written_through(crm, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    folder = crm.root / "records" / "customers"
    folder.rmdir()
    folder.symlink_to(outside)
    record_id = customer_id()
    (outside / f".{record_id}.yaml.{TXID}.tmp").write_text("name: x\n")
    final = f"records/customers/{record_id}.yaml"
    name = journal(crm.root, renames=[(f"records/customers/.{record_id}.yaml.{TXID}.tmp", final)])
    Store(crm.root)
    assert sorted(p.name for p in outside.iterdir()) == [f".{record_id}.yaml.{TXID}.tmp"]
    assert (crm.root / name).exists()


def test_a_staged_symbolic_link_is_not_moved_into_records(crm, victim):
    record_id = customer_id()
    staged = f"records/customers/.{record_id}.yaml.{TXID}.tmp"
    (crm.root / staged).symlink_to(victim)
    name = journal(crm.root, renames=[(staged, f"records/customers/{record_id}.yaml")])
    assert_left_alone(crm, victim, name, "is not a regular file")
    assert not (crm.root / "records" / "customers" / f"{record_id}.yaml").exists()


@pytest.mark.parametrize("content", [b"", b"\x00garbage{", b"[1, 2]", b'{"renames": 1}'])
def test_an_empty_or_garbage_journal_is_reported_by_name(crm, content):
    (crm.root / ".crmctl").mkdir(exist_ok=True)
    (crm.root / ".crmctl" / f"tx-{TXID}.journal").write_bytes(content)
    result = crm("check")
    assert result.exit_code == 1
    assert f".crmctl/tx-{TXID}.journal: not a crmctl journal" in result.stdout
    assert crm("customer", "add", "乙公司").exit_code == 0  # writers go on; the file stays
    assert (crm.root / ".crmctl" / f"tx-{TXID}.journal").read_bytes() == content


def test_a_symlinked_state_dir_is_flagged_and_never_used(crm, tmp_path, victim):
    elsewhere = victim.parent
    staged, final = staged_customer(crm)
    (elsewhere / f"tx-{TXID}.journal").write_text(
        json.dumps({"renames": [[staged, final]], "removes": []})
    )
    if (crm.root / ".crmctl").exists():
        shutil.rmtree(crm.root / ".crmctl")
    (crm.root / ".crmctl").symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    assert crm("customer", "list").exit_code == 0
    result = crm("check")
    assert result.exit_code == 1
    assert ".crmctl: .crmctl is a symbolic link" in result.stdout
    refused = crm("customer", "add", "乙公司")
    assert refused.exit_code == 1 and "symbolic link" in refused.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == before
    assert not (crm.root / final).exists()


def test_a_journal_committed_to_git_is_flagged_and_never_replayed(tmp_path, git_home):  # noqa: F811
    seed = init_archive(tmp_path / "seed")
    staged, final = staged_customer(seed)
    name = journal(seed.root, renames=[(staged, final)])
    git(seed.root, "add", "-f", name, staged)
    git(seed.root, "commit", "-q", "-m", "a trap")
    git(tmp_path, "clone", "-q", str(seed.root), "clone")
    clone = tmp_path / "clone"
    result = run_crmctl("check", cwd=clone)
    assert result.returncode == 1
    assert f"{name}: tracked by git" in result.stdout
    assert (clone / name).exists() and not (clone / final).exists()
    assert run_crmctl("--as", "lina", "customer", "add", "乙公司", cwd=clone).returncode == 0
    assert (clone / name).exists() and not (clone / final).exists()


def test_crmctls_own_journal_and_intent_are_still_finished(crm):
    first, second = staged_customer(crm, "一"), staged_customer(crm, "二")
    journal(crm.root, renames=[first, second])
    orphan = f"records/customers/.{customer_id()}.yaml.ba9876543210.tmp"
    (crm.root / orphan).write_bytes(b"half")
    journal(crm.root, removes=[orphan], txid="ba9876543210", suffix="intent")
    cut_off = crm.root / ".crmctl" / ".tx-cafecafecafe.journal.tmp"
    cut_off.write_text("{")
    os.replace(crm.root / first[0], crm.root / first[1])  # the crash came after the first rename
    Store(crm.root)
    names = sorted(p.name for p in (crm.root / "records" / "customers").iterdir())
    assert names == sorted(path.rsplit("/", 1)[1] for _, path in (first, second))
    assert not list((crm.root / ".crmctl").glob("*tx-*"))
    assert crm.ok("check") == ""


@pytest.mark.parametrize("name", ["index.sqlite", "index.sqlite-wal", "lock", "config-valid"])
@pytest.mark.parametrize("there", [None, b""])
def test_a_link_inside_the_state_dir_is_flagged_and_nothing_is_written_through_it(
    crm, tmp_path, name, there
):
    """A clone's `.crmctl/index.sqlite` linked to an empty or missing file of the user's: SQLite
    would write its database there."""
    target = tmp_path / "home" / "notes.txt"
    target.parent.mkdir(exist_ok=True)
    if there is not None:
        target.write_bytes(there)
    (crm.root / ".crmctl").mkdir(exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        (crm.root / ".crmctl" / name).unlink()
    (crm.root / ".crmctl" / name).symlink_to(target)
    assert crm("customer", "list").exit_code == 0
    refused = crm("customer", "add", "乙公司")
    assert refused.exit_code == 1 and f".crmctl/{name} is a symbolic link" in refused.stderr
    result = crm("check")
    assert result.exit_code == 1 and f".crmctl/{name} is a symbolic link" in result.stdout
    assert (target.read_bytes() if target.exists() else None) == there


def test_symbolic_links_under_records_are_check_errors(crm, tmp_path):
    """A month folder linked out of the root was skipped in silence."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "C1.yaml").write_text("name: x\n")
    (crm.root / "records" / "visits" / "2026").mkdir(parents=True, exist_ok=True)
    (crm.root / "records" / "visits" / "2026" / "12").symlink_to(outside)
    result = crm("check")
    assert result.exit_code == 1
    path = "records/visits/2026/12"
    assert f"{path}: {path} is a symbolic link (to {outside}" in result.stdout, result.stdout
    assert sorted(p.name for p in outside.iterdir()) == ["C1.yaml"]
