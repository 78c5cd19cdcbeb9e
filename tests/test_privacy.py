"""Personal data (phones, emails, addresses, notes) stays in the record files.

crmctl keeps no log: `.crmctl/` holds the lock and, during a commit, an intent and a journal that
name files. These tests fail if a command starts writing contact details anywhere else, into those
transaction files, or into messages that do not need them.

The one argued exception is the query index, `.crmctl/index.sqlite*` (issue #7): reading 100,000
YAML files on every command is what it exists to avoid, and lookups by phone must search phones, so
it holds a copy of every readable record. It is local state beside the records, git-ignored with the
rest of `.crmctl/` (so never committed or pushed), refreshed from the files on every read, and safe
to delete at any time. The config's validation cache beside it holds only a digest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crmctl.archive.ids import short_refs
from tests.conftest import is_cache

MOBILE, PHONE, EMAIL, ADDRESS, NOTE = (
    "13805711234",
    "0571-88886666",
    "boss@huafeng.example",
    "杭州市西湖区文三路 88 号",
    "私人备注 家庭住址",
)
PERSONAL = (MOBILE, "88886666", EMAIL, ADDRESS, NOTE)


def _add(crm, name="华丰建材", **extra):
    args = [
        "customer",
        "add",
        name,
        "--mobile",
        MOBILE,
        "--phone",
        PHONE,
        "--email",
        EMAIL,
        "--set",
        f"address={ADDRESS}",
        "--set",
        f"notes={NOTE}",
    ]
    for key, value in extra.items():
        args += ["--set", f"{key}={value}"]
    return crm(*args)


def _outside_records(crm) -> dict[str, bytes]:
    return {
        p.relative_to(crm.root).as_posix(): p.read_bytes()
        for p in crm.root.rglob("*")
        if p.is_file() and "records" not in p.relative_to(crm.root).parts
    }


def _assert_clean(text: str):
    for value in PERSONAL:
        assert value not in text


def test_no_command_leaves_personal_data_outside_the_record_files(crm):
    before = _outside_records(crm)
    result = _add(crm)
    assert result.stdout.split() == [result.stdout.strip()]  # only the id
    _assert_clean(result.stderr)
    record_id = result.stdout.strip()
    crm.ok("customer", "edit", record_id, "--set", "region=杭州", "--note", "moved")
    crm.ok("customer", "list", "--format", "json")
    crm.ok("customer", "show", MOBILE)
    crm.ok("check")
    crm.ok("customer", "lose", record_id, "--reason", "price")

    after = _outside_records(crm)
    new = {path: data for path, data in after.items() if before.get(path) != data}
    assert {path for path in new if not is_cache(path)} <= {".crmctl/lock"}
    for path, data in after.items():
        if not path.startswith(".crmctl/index.sqlite"):
            _assert_clean(data.decode("utf-8", "replace"))


def test_transaction_files_name_paths_never_contents(crm, monkeypatch):
    seen = {}
    real_replace = os.replace

    def spy(source, target):
        if ".crmctl" in str(target) and not is_cache(target):
            seen[str(target)] = Path(source).read_text(encoding="utf-8")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    record_id = _add(crm).stdout.strip()
    crm.ok("customer", "edit", record_id, "--set", "contact=王经理")
    assert {path.rsplit(".", 1)[-1] for path in seen} == {"intent", "journal"}
    for text in seen.values():
        _assert_clean(text)
        assert "王经理" not in text


@pytest.mark.parametrize("field, value", [("mobile", MOBILE), ("email", EMAIL)])
def test_duplicate_messages_name_the_field_and_records_not_the_contact_detail(crm, field, value):
    first = crm.ok("customer", "add", "甲公司", f"--{field}", value).strip()
    refused = crm("customer", "add", "乙公司", f"--{field}", value)
    assert refused.exit_code == 1
    assert f"  {field}: also {first}\n" in refused.stderr
    _assert_clean(refused.stderr)

    second = crm.ok("customer", "add", "乙公司", f"--{field}", value, "--allow-duplicate").strip()
    check = crm("check")
    assert check.exit_code == 0
    later = max(first, second)
    assert (
        f"records/customers/{later}.yaml: warning: {field}: same {field} as {min(first, second)}: "
        f"a duplicate customer?" in check.stdout
    )
    _assert_clean(check.stdout + check.stderr)


def test_failed_writes_do_not_echo_contact_details_they_were_not_about(crm):
    record_id = _add(crm).stdout.strip()
    for code, *args in (
        (1, "customer", "edit", record_id, "--set", "owner=nobody"),
        (2, "customer", "edit", record_id, "--set", "grade=Z9"),
        (1, "customer", "lose", record_id, "--reason", " "),
    ):
        result = crm(*args)
        assert result.exit_code == code
        _assert_clean(result.stderr)


def test_an_ambiguous_name_lists_the_candidates_with_masked_mobiles(crm):
    first = crm.ok("customer", "add", "华丰建材", "--mobile", MOBILE).strip()
    second = crm.ok(
        "customer", "add", "华丰建材", "--mobile", "13905712222", "--allow-duplicate"
    ).strip()
    crm.ok("customer", "edit", second, "--set", "grade=B2", "--set", "owner=liuyang")
    result = crm("customer", "show", "华丰建材")
    assert result.exit_code == 1
    short = short_refs(sorted([first, second]))  # short references, typed back to choose one
    assert result.stderr == (
        f"crmctl: error: customer '华丰建材' is ambiguous; it matches:\n"
        f"  {short[first]}  华丰建材  -  -  138****1234\n"
        f"  {short[second]}  华丰建材  B2  liuyang  139****2222\n"
    )
    assert crm.json("customer", "show", short[second])["id"] == second


LEAKS = {  # what people type -> a part of it that must never come out of a redacted channel
    "138.1234.5678": "1234",
    "0571-8888-6666": "8888",
    "+86-571-88886666": "8888",
    "１３８１２３４５６７８": "１２３４",
    "110101900307123": "0307",
    "6222 0212 3456 7890 123": "3456",
    "zhang.san@例子.中国": "hang.san",
    "QQ 12345678": "2345678",
    "wxid_abcdefg123": "abcdefg",
    "阳光小区5栋2单元301室": "301",
    "建国门外大街甲1号": "甲1",
}


def _leaked(text: str) -> list[str]:
    return [secret for secret in LEAKS.values() if secret in text]


def test_export_redact_masks_every_format_in_fields_notes_and_extra_columns(crm, tmp_path):
    notes = "; ".join(LEAKS)
    table = tmp_path / "in.csv"
    table.write_text(
        "客户名称,备注,备用电话,QQ号,微信,开户行账号\n"
        f'华丰建材,"{notes}",0571 8888 6666,12345678,abcdefg123,6222 0212 3456 7890 123\n',
        encoding="utf-8",
    )
    crm.ok("import", "customers", table, "--keep-extra", "--map", "备注=notes")
    for fmt in ("jsonl", "csv", "yaml"):
        out = crm.ok("export", "customers", "--redact", "--format", fmt)
        assert _leaked(out) == [], fmt
    for text in ("12345678", "abcdefg123"):
        assert text not in crm.ok("export", "customers", "--redact", "--format", "csv")


def test_reports_mask_personal_data_typed_into_their_texts(crm):
    reason = "价格原因, 联系 138.1234.5678 / zhang.san@例子.中国"
    customer = crm.ok("customer", "add", "张先生 0571-8888-6666", "--owner", "liuyang").strip()
    crm.ok("customer", "lose", customer, "--reason", reason, user="lina")
    crm.ok(
        "complaint", "log", customer, "--summary", "送货晚了, 回电 138.1234.5678", user="liuyang"
    )
    outputs = [
        crm.ok("report", "monthly", "--month", "2026-11", "--format", fmt)
        for fmt in ("markdown", "json", "table", "csv")
    ]
    outputs.append(crm.ok("report", "monthly", "--month", "2026-11", "--html", "-"))
    outputs += [
        crm.ok("report", report, "--format", "markdown")
        for report in ("ledger", "weekly", "customers")
    ]
    assert any("价格原因" in out for out in outputs)  # the reason is there, masked
    for out in outputs:
        assert _leaked(out) == [] and "8888-6666" not in out, out
