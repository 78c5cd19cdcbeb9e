"""An import's problems and notes in Chinese under --lang zh: where, why and what to do."""

from __future__ import annotations

import ast
from pathlib import Path

from crmctl import messages

BAD = (
    "客户名称,手机,电话,年用量,负责人,生日,备用\n"
    "甲公司,1.38057E+10,(0571)88881234,abc,nobody,2026-13-45,x\n"
    "乙公司,13805711239,12,5,lina,1990-01-01,y\n"
    ",13805711240,,,,,\n"
)


def test_problems_of_a_file_are_told_in_chinese(crm, tmp_path):
    path = tmp_path / "客户.csv"
    path.write_text(BAD, encoding="utf-8")
    zh = crm("--lang", "zh", "import", "customers", path)
    assert zh.exit_code == 1 and crm.files() == {}
    said = zh.stderr
    assert "表头: 列 '备用': 未知列; 用 --map '备用=字段' 对应到字段" in said
    assert "第 2 行, 列 '手机' = '1.38057E+10': '1.38057E+10' 是 Excel 的科学计数法" in said
    assert "第 2 行, 列 '年用量' = 'abc': 不是数字" in said
    assert "第 2 行, 列 '负责人' = 'nobody': 不是 crmctl.yaml 中的团队成员" in said
    assert "第 2 行, 列 '生日' = '2026-13-45': '2026-13-45' 不是日期" in said
    assert "第 3 行, 列 '电话' = '12': '12' 不是电话号码" in said
    assert "第 4 行: name 为必填项" in said
    en = crm("import", "customers", path)
    assert "row 2, column '年用量' = 'abc': not a number" in en.stderr
    assert "row 4: name is required" in en.stderr


def test_groups_and_notes_are_told_in_chinese(crm, tmp_path):
    rows = "".join(f"客户{n},1380571{n:04d}（王经理）,{n}x\n" for n in range(5))
    path = tmp_path / "客户.csv"
    path.write_text("客户名称,手机,年用量\n" + rows, encoding="utf-8")
    said = crm("--lang", "zh", "import", "customers", path).stderr
    group = "列 '年用量': 5 行, 例如 第 2 行 = '0x'，第 3 行 = '1x'，第 4 行 = '2x' 等另外 2 处"
    assert f"{group}: 不是数字" in said
    rows = "".join(f"客户{n},1380571{n:04d}（王经理）\n" for n in range(5))
    path.write_text("客户名称,手机\n" + rows, encoding="utf-8")
    done = crm("--lang", "zh", "import", "customers", path)
    assert done.exit_code == 0
    assert "注意: 列 '手机': 5 行, 例如 第 2 行 = '13805710000（王经理）'" in done.stderr
    assert "1 个号码 -> mobile; 整个单元格另存在 extra.手机 下" in done.stderr


def test_every_refusal_of_a_rule_has_its_chinese():
    """A pure rule refuses with `Refusal(msgid, **fields)`; the import says it in the language
    spoken, so each msgid needs its Chinese."""
    package = Path(messages.__file__).resolve().parent.parent
    msgids = [
        node.args[0].value
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "Refusal"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert len(msgids) >= 4
    assert [msgid for msgid in msgids if not messages.translated(msgid)] == []


def test_a_row_added_to_an_export_without_an_id_is_a_new_record(crm, tmp_path):
    crm.ok("customer", "add", "甲公司")
    exported = tmp_path / "out.csv"
    crm.ok("export", "customers", "-o", exported)
    with exported.open("a", encoding="utf-8-sig") as out:
        out.write(
            ",乙公司" + "," * (exported.read_text("utf-8-sig").splitlines()[0].count(",") - 1)
        )
        out.write("\n")
    crm.ok("import", "customers", exported)
    assert sorted(crm.json("customer", "list")[i]["name"] for i in range(2)) == ["乙公司", "甲公司"]
