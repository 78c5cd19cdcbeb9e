"""Files shaped like other systems' exports, imported as a migrating user would: one dry run, a few
--map/--value, one import; then every kind exported and imported into a fresh archive, compared
field by field."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import REPO, Crm, told

SALESFORCE = (
    "Account ID,Account Name,Account Owner,Type,Phone,Fax,Website,Billing City,Created Date,"
    "Description\n"
    "0015g00000AbCdE,Banco Crédito,Maria Lopez,Customer - Direct,(415) 901-7000,,bc.example,"
    "São Paulo,2019-05-14T10:22:00.000Z,Crédito rápido\n"
    "0015g00000AbCdF,Müller GmbH,Maria Lopez,Prospect,913.249.5790,,mueller.example,München,"
    "2020-01-02T08:00:00.000Z,\n"
)
ODOO = (
    "Display Name,Email,Phone,Mobile,Tags,Salesperson\n"
    '"Deco Addict","deco@example.com","+1 555-555-5555","","VIP,Services","Mitchell Admin"\n'
    '"Gemini Furniture","gemini@example.com","(941)-284-4875","+86 138 0571 1239","",""\n'
)
HUBSPOT = (
    "Record ID,First Name,Last Name,Email,Phone Number,Company Name,Create Date,Lifecycle Stage\n"
    "51,Ana,Silva,ana@acme.example,+1 617 555 0101,Acme,2021-02-03 09:15,customer\n"
    "52,Bo,Li,bo@globex.example,1.38057E+10,Globex,2021-03-04 10:00,lead\n"
)
ERP = (
    "客户档案导入模板（请勿删除本行）,,,,\n"
    "说明：带*号为必填；手机号请填写11位,,,,\n"
    '"*客户\n名称","联系\n电话",客户等级,成立日期,建档日期\n'
    "杭州华丰建材有限公司,（0571）88881234,B一级,2014-06-09,2015-01-05\n"
    "宁波东海贸易,１３８０５７１１２３９,C,2016-03-01,2016-03-02\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_salesforce_account_export(crm, tmp_path):
    path = write(tmp_path, "accounts.csv", SALESFORCE, "utf-8-sig")
    plan = crm("import", "customers", path, "--dry-run")
    assert plan.exit_code == 1
    for column in ("Website", "Billing City"):
        assert f"column '{column}': unknown" in plan.stderr
    assert "  Fax           -> (skipped) (empty)" in plan.stderr
    assert "'Maria Lopez': not on the team in crmctl.yaml" in plan.stderr  # the owner, by alias
    options = ["--map", "Account ID=extra.sf_id", "--map", "Type=extra.sf_type", "--keep-extra"]
    options += ["--map", "Account Owner=extra.Account Owner"]
    crm.ok("import", "customers", path, *options)
    banco = crm.json("customer", "show", "Banco Crédito")
    assert (banco["phone"], banco["notes"], banco["created"]) == (
        "415-901-7000",
        "Crédito rápido",
        "2019-05-14T10:22:00+00:00",
    )
    assert banco["extra"] == {
        "sf_id": "0015g00000AbCdE",
        "Account Owner": "Maria Lopez",
        "sf_type": "Customer - Direct",
        "Website": "bc.example",
        "Billing City": "São Paulo",
    }
    assert crm.json("customer", "show", "Müller GmbH")["phone"] == "913-249-5790"


def test_an_odoo_contacts_sample_and_a_cp1252_copy(crm, tmp_path):
    path = write(tmp_path, "res.partner.csv", ODOO)
    crm.ok("import", "customers", path, "--map", "Salesperson=extra.salesperson")
    gemini = crm.json("customer", "show", "Gemini Furniture")
    assert (gemini["phone"], gemini["mobile"]) == ("941-284-4875", "13805711239")
    assert crm.json("customer", "show", "Deco Addict")["tags"] == ["VIP", "Services"]
    western = write(tmp_path, "w.csv", ODOO.replace("Deco Addict", "Crème Brûlée"), "cp1252")
    refused = crm("import", "customers", western, "--map", "Salesperson=-")
    assert refused.exit_code == 1 and "--encoding cp1252 reads it as" in refused.stderr
    crm.ok(
        "import",
        "customers",
        western,
        "--map",
        "Salesperson=-",
        "--encoding",
        "cp1252",
        "--allow-duplicate",
    )
    assert crm.json("customer", "show", "Crème Brûlée")["email"] == "deco@example.com"


def test_hubspot_contacts_with_excel_scientific_phones(crm, tmp_path):
    path = write(tmp_path, "hubspot.csv", HUBSPOT)
    options = [
        "--map", "Record ID=extra.hubspot_id", "--map", "Company Name=name",
        "--map", "First Name=contact", "--map", "Last Name=extra.last_name",
        "--value", "Lifecycle Stage:customer=active", "--value", "Lifecycle Stage:lead=prospect",
        "--map", "Lifecycle Stage=status",
    ]  # fmt: skip
    refused = crm("import", "customers", path, *options)
    assert refused.exit_code == 1 and crm.files() == {}
    assert told(refused).splitlines()[1:] == [
        "  row 3, column 'Phone Number' = '1.38057E+10': '1.38057E+10' is Excel's scientific "
        "notation and has lost the number's last digits: format the column as Text in Excel (or "
        "save the sheet as .xlsx) and export again"
    ]
    fixed = write(tmp_path, "hubspot.csv", HUBSPOT.replace("1.38057E+10", "13805711234"))
    crm.ok("import", "customers", fixed, *options)
    acme = crm.json("customer", "show", "Acme")
    assert (acme["status"], acme["phone"], acme["created"]) == (
        "active",
        "+1 617-555-0101",
        "2021-02-03T09:15:00+08:00",
    )


@pytest.mark.parametrize(
    "encoding, delimiter",
    [("gbk", ","), ("gb18030", ","), ("utf-8-sig", ","), ("utf-16", "\t")],
)
def test_a_chinese_erp_template_in_each_encoding(crm, tmp_path, encoding, delimiter):
    text = ERP.replace(",", delimiter) if delimiter != "," else ERP
    path = write(tmp_path, "客户档案.csv", text, encoding)
    result = crm("import", "customers", path, "--map", "成立日期=extra.成立日期")
    assert result.exit_code == 0, result.stderr
    assert "header in row 3, row(s) 1-2 above it skipped" in result.stderr.splitlines()[0]
    huafeng = crm.json("customer", "show", "杭州华丰建材有限公司")
    assert (huafeng["phone"], huafeng["grade"], huafeng["extra"], huafeng["created"]) == (
        "0571-88881234",
        "B1",
        {"成立日期": "2014-06-09"},
        "2015-01-05T09:00:00+08:00",
    )
    assert "anniversary" not in huafeng
    assert crm.json("customer", "show", "宁波东海贸易")["mobile"] == "13805711239"


def fresh_like_demo(tmp_path, name) -> Crm:
    root = tmp_path / name
    (root / "records").mkdir(parents=True)
    shutil.copy(REPO / "crmctl.yaml", root / "crmctl.yaml")
    return Crm(root)


def records(crm: Crm, kind: str) -> dict[str, dict]:
    lines = crm.ok("export", kind, "-f", "jsonl", user="wang").splitlines()
    return {
        row["id"]: {k: v for k, v in row.items() if k != "updated"}
        for row in map(json.loads, lines)
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_every_kind_exported_imports_into_a_fresh_archive_field_by_field(demo, tmp_path, fmt):
    other = fresh_like_demo(tmp_path, f"copy-{fmt}")
    files = {}
    for kind in ("customers", "complaints", "visits"):
        files[kind] = tmp_path / f"{kind}.{fmt}"
        demo.ok("export", kind, "-o", files[kind], user="wang")
    for kind, extra in (("customers", []), ("complaints", ["--map", "visits=-"]), ("visits", [])):
        other.ok("import", kind, files[kind], *extra, user="wang")
    other.ok("import", "complaints", files["complaints"], user="wang")
    for kind in ("customers", "complaints", "visits"):
        assert records(other, kind) == records(demo, kind), kind
    again = tmp_path / f"again.{fmt}"
    other.ok("export", "customers", "-o", again, user="wang")
    assert other.ok("import", "customers", again, user="wang").strip() == ""
