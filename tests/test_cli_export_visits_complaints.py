"""`crmctl export visits|complaints`: export -> import round trip on a copy of the demo archive,
filters, --redact inside free text, formula neutralisation."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from tests.conftest import Crm

SECRETS = ("13805711234", "li.si@huafeng.com", "330106198506011234", "文三路100号")
SUMMARY = (
    "=客户来电 13805711234, 邮件 li.si@huafeng.com, 身份证 330106198506011234, "
    "送货到杭州市西湖区文三路100号"
)
LATER = "2026-11-24T10:00:00+08:00"


def with_complaints(demo) -> list[str]:
    """Two more complaints, one closed through every step and naming secrets, one open; and a visit
    naming them."""
    customer = demo.json("customer", "list", "--owner", "liuyang")[0]["id"]
    demo.ok(
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        SUMMARY,
        "--needs",
        "-补发",
        user="liuyang",
    )
    closed = demo.ok(
        "complaint",
        "log",
        customer,
        "--summary",
        SUMMARY,
        "--severity",
        "major",
        "--category",
        "product",
    ).strip()
    for step, *options in [
        ("judge", "--valid", "--reason", "成立", "--department", "production", "--reply-by", "+2d"),
        ("investigate", "--root-cause", "基层含水率过高", "--responsible", "施工队张工"),
        ("propose", "--proposal", "免费返工, 赔偿运费", "--proposal", "折价10%"),
        ("approve", "--proposal", "1"),
        ("implement", "--actions", "已返工", "--compensation", "赠送保养"),
        ("resolve", "--acceptance", "客户电话确认"),
        ("callback", "--satisfaction", "satisfied", "--comment", "满意"),
        ("reply", "--text", "已告知返工结果"),
        ("close", "--summary", "返工完成", "--improvement", "加强验收"),
    ]:
        # a solution is approved by someone other than its proposer (主管领导…一一过目)
        approver = "wang" if step == "approve" else "lina"
        demo.ok("complaint", step, closed, *options, now=LATER, user=approver)
    opened = demo.ok(
        "complaint",
        "log",
        customer,
        "--summary",
        "+询问保修期",
        "--kind",
        "inquiry",
        "--received",
        "2026-11-23T09:00",
    ).strip()
    return [closed, opened]


def empty_copy(demo, tmp_path) -> Crm:
    root = tmp_path / "other"
    (root / "records").mkdir(parents=True)
    shutil.copy(demo.root / "crmctl.yaml", root / "crmctl.yaml")
    return Crm(root)


def exported(crm, plural) -> list[dict]:
    lines = crm.ok("export", plural, "-f", "jsonl", now=LATER).splitlines()
    return [
        {k: v for k, v in json.loads(line).items() if k not in ("created", "updated")}
        for line in lines
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "yaml"])
def test_export_then_import_round_trips(demo, tmp_path, fmt):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    with_complaints(demo)
    other = empty_copy(demo, tmp_path)
    files = {
        plural: tmp_path / f"{plural}.{fmt}" for plural in ("customers", "visits", "complaints")
    }
    for plural, path in files.items():
        demo.ok("export", plural, "-o", path, now=LATER)
    # visits and complaints name each other: complaints first without their visits, then visits,
    # then complaints
    other.ok(
        "import", "customers", files["customers"], "--allow-duplicate", user="wang", now=LATER
    )  # as in the demo
    other.ok(
        "import", "complaints", files["complaints"], "--map", "visits=-", user="wang", now=LATER
    )
    other.ok("import", "visits", files["visits"], user="wang", now=LATER)
    other.ok("import", "complaints", files["complaints"], user="wang", now=LATER)
    originals = {plural: exported(demo, plural) for plural in files}
    for plural in files:
        assert exported(other, plural) == originals[plural]
        again = tmp_path / f"again.{fmt}"
        other.ok("export", plural, "-o", again, now=LATER)
        before = other.files()
        assert (
            other.ok("import", plural, again, user="wang", now=LATER) == ""
        )  # by the id column: all unchanged
        assert other.files() == before
    assert sum(len(records) for records in originals.values()) == len(
        [path for path in demo.files() if path.split("/")[1] in files]
    )  # every customer, visit and complaint file
    breached = [
        crm.ok("complaint", "list", "--breached", fmt="ids", now=LATER) for crm in (demo, other)
    ]
    assert (
        breached[0] == breached[1] and breached[0]
    )  # the step times exported are the deadlines' own


def test_filters_are_those_of_list(demo):
    closed, opened = with_complaints(demo)
    rows = list(csv.DictReader(io.StringIO(demo.ok("export", "complaints", "--open"))))
    assert [row["id"] for row in rows] == demo.ok("complaint", "list", "--open", fmt="ids").split()
    assert opened in [row["id"] for row in rows] and closed not in [row["id"] for row in rows]
    assert (
        "breaches" not in rows[0] and "customer_name" not in rows[0]
    )  # what `list` derives is no field
    listed = demo.ok(
        "visit", "list", "--by", "chenjing", "--since", "2026-11-01", fmt="ids"
    ).split()
    exported_ids = [
        r["id"]
        for r in csv.DictReader(
            io.StringIO(demo.ok("export", "visits", "--by", "chenjing", "--since", "2026-11-01"))
        )
    ]
    assert exported_ids == listed and listed


def test_redact_masks_secrets_inside_summaries(demo, tmp_path):
    with_complaints(demo)
    for plural in ("visits", "complaints"):
        text = demo.ok("export", plural, "--redact", "-f", "jsonl")
        assert SUMMARY.split(maxsplit=1)[0] in text
        for secret in SECRETS:
            assert secret not in text, (plural, secret)
        assert "138****1234" in text and "l****@huafeng.com" in text and "杭州市西湖区****" in text


def test_formula_cells_are_neutralised_and_lists_with_commas_survive(demo, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    closed, opened = with_complaints(demo)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(demo.ok("export", "complaints")))}
    assert rows[opened]["summary"] == "'+询问保修期" and rows[closed]["summary"].startswith(
        "'=客户来电"
    )
    proposals = json.loads(rows[closed]["proposals"])
    assert [item["text"] for item in proposals] == ["免费返工, 赔偿运费", "折价10%"]
    assert (
        rows[closed]["judgement.valid"] == "true"
        and rows[closed]["callback.satisfaction"] == "satisfied"
    )
    demo.ok("export", "visits", "-o", tmp_path / "v.xlsx")
    cells = [
        c
        for row in openpyxl.load_workbook(tmp_path / "v.xlsx").active.values
        for c in row
        if isinstance(c, str)
    ]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))] and "'-补发" in cells
