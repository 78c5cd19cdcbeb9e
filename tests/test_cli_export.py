"""`crmctl export customers`: formats, filters, --redact, formula neutralisation, export -> import
round trip."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from tests.conftest import Crm

PHONES = ("13805711234", "0571-87654321", "13900001111", "13512345678", "+1 415-901-7000")
EMAILS = ("zs@huafeng.com", "wang@example.org")


def fill(crm):
    crm.ok(
        "customer",
        "add",
        "杭州华丰建材有限公司",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        "--mobile",
        PHONES[0],
        "--phone",
        PHONES[1],
        "--email",
        EMAILS[0],
        "--contact",
        "张三",
        "--set",
        "address=浙江省杭州市西湖区文三路100号",
        "--set",
        "tags=会员,优质",
        "--set",
        "birthday=1985-06-01",
        "--set",
        "annual_volume=8.5",
        "--set",
        "notes==SUM(A1:A9) 备用 13512345678,身份证 330106198506011234",
    )
    crm.ok(
        "customer",
        "add",
        "@王女士",
        "--grade",
        "D",
        "--mobile",
        PHONES[2],
        "--phone",
        PHONES[4],
        "--email",
        EMAILS[1],
        "--set",
        "type=person",
        "--set",
        "qq=12345678",
        "--set",
        "notes=-第一行\n第二行",
    )
    crm.ok("customer", "add", "温州东方", "--grade", "C")


def new_root(tmp_path, name) -> Crm:
    root = tmp_path / name
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    return Crm(root)


def without_bookkeeping(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("created", "updated")} for r in records]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "yaml"])
def test_export_then_import_round_trips(crm, tmp_path, fmt):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    fill(crm)
    crm.ok(
        "import",
        "customers",
        _write(tmp_path / "extra.csv", "name,ERP编号\n温州东方,E-7\n"),
        "--key",
        "name",
        "--keep-extra",
    )
    exported = tmp_path / f"customers.{fmt}"
    crm.ok("export", "customers", "-o", exported)
    other = new_root(tmp_path, "other")
    other.ok("import", "customers", exported)
    again = tmp_path / f"again.{fmt}"
    other.ok("export", "customers", "-o", again)
    original = [
        json.loads(line) for line in crm.ok("export", "customers", "-f", "jsonl").splitlines()
    ]
    copied = [
        json.loads(line) for line in other.ok("export", "customers", "-f", "jsonl").splitlines()
    ]
    assert without_bookkeeping(copied) == without_bookkeeping(original)
    assert {r["name"]: r.get("extra") for r in copied}["温州东方"] == {"ERP编号": "E-7"}
    assert (
        other.ok("import", "customers", again).strip() == ""
    )  # the id column makes it an update: nothing changes


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_filters_are_those_of_customer_list(crm):
    fill(crm)
    rows = list(
        csv.DictReader(
            io.StringIO(crm.ok("export", "customers", "--grade", "B", "--owner", "liuyang"))
        )
    )
    assert [row["name"] for row in rows] == ["杭州华丰建材有限公司"]
    listed = crm.ok("customer", "list", "东方", fmt="ids").split()
    assert [
        r["id"] for r in csv.DictReader(io.StringIO(crm.ok("export", "customers", "东方")))
    ] == listed


def test_formula_cells_are_neutralised_in_csv_and_xlsx(crm, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    fill(crm)
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(crm.ok("export", "customers")))}
    assert "'@王女士" in rows and rows["'@王女士"]["phone"] == "'+1 415-901-7000"
    assert rows["杭州华丰建材有限公司"]["notes"].startswith("'=SUM(A1:A9)")
    assert rows["'@王女士"]["notes"] == "'-第一行\n第二行"
    crm.ok("export", "customers", "-o", tmp_path / "c.xlsx")
    cells = [
        c
        for row in openpyxl.load_workbook(tmp_path / "c.xlsx").active.values
        for c in row
        if isinstance(c, str)
    ]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert "'=SUM(A1:A9) 备用 13512345678,身份证 330106198506011234" in cells


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "yaml"])
def test_redact_leaves_no_phone_or_email_in_the_output(crm, tmp_path, fmt):
    if fmt == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
    fill(crm)
    path = tmp_path / f"masked.{fmt}"
    crm.ok("export", "customers", "--redact", "-o", path)
    if fmt == "xlsx":
        text = "\n".join(str(c) for row in openpyxl.load_workbook(path).active.values for c in row)
    else:
        text = path.read_text(encoding="utf-8-sig")
    squeezed = text.replace(" ", "").replace("-", "")
    for phone in PHONES:
        assert phone not in text and phone.replace(" ", "").replace("-", "") not in squeezed, phone
    for secret in (*EMAILS, "330106198506011234", "文三路", "12345678"):
        assert secret not in text
    assert (
        "138****1234" in text and "z****@huafeng.com" in text and "浙江省杭州市西湖区****" in text
    )


def test_unknown_encoding_is_a_usage_error(crm):
    result = crm("export", "customers", "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr


def test_gbk_csv_for_old_excel(crm, tmp_path):
    fill(crm)
    path = tmp_path / "gbk.csv"
    crm.ok("export", "customers", "--encoding", "gbk", "-o", path)
    assert "杭州华丰建材有限公司" in path.read_bytes().decode("gbk")


def test_a_redacted_export_cannot_overwrite_real_data(crm, tmp_path):
    fill(crm)
    before = crm.files()
    path = tmp_path / "masked.csv"
    crm.ok("export", "customers", "--redact", "-o", path)
    result = crm("import", "customers", path)
    assert result.exit_code == 1 and crm.files() == before
    assert (
        "column 'mobile': 2 rows, e.g. row 2 = '138****1234', row 3 = '139****1111': masked by "
        "`export --redact` (****)" in result.stderr
    )


def test_an_output_file_that_cannot_be_written_is_an_error_not_a_traceback(crm, tmp_path):
    result = crm("export", "customers", "-o", tmp_path / "no-such-directory" / "customers.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("crmctl: error: ") and "no-such-directory" in result.stderr
    assert not (tmp_path / "no-such-directory").exists()


def test_a_failed_export_leaves_the_old_file_whole_and_nothing_staged(crm, tmp_path, monkeypatch):
    from crmctl.transfer import table_write

    crm.ok("customer", "add", "华丰建材")
    out = tmp_path / "客户.xlsx"
    out.write_bytes(b"the old workbook")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(table_write, "_write_xlsx", broken)
    result = crm("export", "customers", "-o", out)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert out.read_bytes() == b"the old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["客户.xlsx", "crm"])
    monkeypatch.undo()
    crm.ok("export", "customers", "-o", out)
    assert out.read_bytes()[:2] == b"PK"  # a whole workbook replaced it
