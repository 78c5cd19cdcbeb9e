"""Receivables and plans through `crmctl export` and `crmctl import`: a round trip field by field,
amounts as exact decimals, an ERP's receivables list, --redact."""

from __future__ import annotations

import shutil

import pytest
import yaml

from tests.conftest import Crm, told

NOW = "2026-12-07T12:00:00+08:00"
KINDS = ("customers", "receivables", "plans")


def records(root, kind: str) -> dict[str, dict]:
    """Every record of a kind with the fields a copy must keep (history and `updated` tell the
    copy's own writes)."""
    out = {}
    for path in sorted((root / "records" / kind).rglob("*.yaml")):
        record = yaml.safe_load(path.read_text("utf-8"))
        out[path.stem] = {k: v for k, v in record.items() if k not in ("history", "updated")}
    return out


@pytest.fixture
def fresh(demo, tmp_path) -> Crm:
    """An empty archive with the demo's team."""
    root = tmp_path / "fresh"
    (root / "records").mkdir(parents=True)
    shutil.copy(demo.root / "crmctl.yaml", root / "crmctl.yaml")
    return Crm(root)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "jsonl"])
def test_receivables_and_plans_round_trip_field_by_field(demo, fresh, tmp_path, suffix):
    for kind in KINDS:
        demo.ok("export", kind, "-o", tmp_path / f"{kind}.{suffix}", user="wang", now=NOW)
        fresh.ok("import", kind, tmp_path / f"{kind}.{suffix}", user="wang", now=NOW)
    for kind in KINDS:
        assert records(fresh.root, kind) == records(demo.root, kind), kind
    copied = records(fresh.root, "receivables").values()
    paid = [payment["amount"] for r in copied for payment in r.get("payments", ())]
    assert "126500.50" in paid and all(isinstance(amount, str) for amount in paid)
    again = fresh("import", "receivables", tmp_path / f"receivables.{suffix}", user="wang", now=NOW)
    assert again.exit_code == 0 and "left 5 unchanged" in again.stderr


def test_an_erp_receivables_list_reads_amounts_exactly(demo, tmp_path):
    path = tmp_path / "应收.csv"
    path.write_text(
        "客户名称,发票号,金额,开票日期,到期日\n"
        '杭州华丰建材有限公司,FP-001,"￥12,500.00",2026/11/01,2026年12月1日\n'
        "杭州华丰建材有限公司,FP-002,9800.1234元,2026-11-02,2026-12-02\n",
        encoding="gbk",
    )
    out = demo.ok("import", "receivables", path, user="wang", now=NOW).split()
    made = {r["number"]: r for key, r in records(demo.root, "receivables").items() if key in out}
    assert made["FP-001"]["amount"] == "12500.00" and made["FP-002"]["amount"] == "9800.1234"
    assert str(made["FP-001"]["due"]) == "2026-12-01" and made["FP-001"]["state"] == "open"
    assert made["FP-001"]["currency"] == "CNY"


def test_bad_amounts_and_a_repeated_invoice_are_refused_by_row(demo, tmp_path):
    path = tmp_path / "应收.csv"
    path.write_text(
        "客户名称,发票号,金额,开票日期,到期日\n"
        "杭州华丰建材有限公司,FP-001,1.5e3,2026-11-01,2026-12-01\n"
        "杭州华丰建材有限公司,FP-002,100.123456,2026-11-01,2026-12-01\n"
        "杭州华丰建材有限公司,FP-003,100,2026-11-01,2026-12-01\n"
        "杭州华丰建材有限公司,FP-003,200,2026-11-01,2026-12-01\n",
        encoding="utf-8",
    )
    before = demo.files()
    result = demo("import", "receivables", path, user="wang", now=NOW)
    assert result.exit_code == 1 and demo.files() == before
    lines = told(result).splitlines()
    assert "row 2, column '金额' = '1.5e3': '1.5e3' is not an amount" in lines[1]
    assert "row 3, column '金额' = '100.123456'" in lines[2]
    assert "row 5, column '发票号' = 'FP-003': same number as row 4: a duplicate?" in lines[3]
    zh = demo("--lang", "zh", "import", "receivables", path, user="wang", now=NOW)
    assert "第 2 行, 列 '金额' = '1.5e3': '1.5e3' 不是金额" in zh.stderr


def test_a_specialist_imports_only_receivables_they_collect(demo, tmp_path):
    path = tmp_path / "应收.csv"
    path.write_text(
        "客户名称,发票号,金额,开票日期,到期日,催收人\n"
        "杭州华丰建材有限公司,FP-001,100,2026-11-01,2026-12-01,liuyang\n",
        encoding="utf-8",
    )
    refused = demo("import", "receivables", path, user="chenjing", now=NOW)
    assert refused.exit_code == 1 and "may import only receivables they collect" in refused.stderr
    assert demo("import", "receivables", path, user="liuyang", now=NOW).exit_code == 0


def test_redacted_exports_mask_receivable_and_plan_texts_but_keep_ids(demo, tmp_path):
    path = tmp_path / "应收.csv"
    path.write_text(
        "客户名称,发票号,金额,开票日期,到期日,备注\n"
        "杭州华丰建材有限公司,FP-9,100,2026-11-01,2026-12-01,联系王经理 13805711234\n",
        encoding="utf-8",
    )
    demo.ok("import", "receivables", path, user="wang", now=NOW)
    masked = demo.ok("export", "receivables", "--redact", "--format", "yaml", user="wang", now=NOW)
    assert "13805711234" not in masked and "138****1234" in masked and "FP-9" in masked
    plans = yaml.safe_load(demo.ok("export", "plans", "--redact", "--format", "yaml", now=NOW))
    kept = {plan["id"]: plan for plan in plans}
    for key, plan in records(demo.root, "plans").items():
        assert kept[key].get("accounts") == plan.get("accounts")
    assert any(plan.get("accounts") for plan in kept.values())
