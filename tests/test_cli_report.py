"""`crmctl report customers`."""
from __future__ import annotations

import csv
import io


def fill(crm):
    crm.ok("customer", "add", "甲", "--grade", "A1", "--owner", "wang", "--set", "region=华东", "--set", "status=active")
    crm.ok("customer", "add", "乙", "--grade", "B1", "--owner", "lina", "--set", "region=华东")
    crm.ok("customer", "add", "丙", "--grade", "B1", "--owner", "lina")
    crm.ok("customer", "lose", "丙", "--reason", "价格原因")


def test_figures_in_json(crm):
    fill(crm)
    rows = {(r["dimension"], r["value"]): r for r in crm.json("report", "customers")}
    assert rows[("grade", "B1")] == {"dimension": "grade", "value": "B1", "customers": 2, "active": 0, "prospect": 1,
                                     "lost": 1, "share": 66.7}
    assert rows[("region", None)]["customers"] == 1 and rows[("total", None)]["customers"] == 3


def test_filters_narrow_the_base(crm):
    fill(crm)
    rows = {(r["dimension"], r["value"]): r for r in crm.json("report", "customers", "--owner", "lina")}
    assert rows[("total", None)]["customers"] == 2 and ("owner", "wang") not in rows


def test_chinese_headers_and_labels_in_markdown_and_csv(crm):
    fill(crm)
    markdown = crm.ok("--lang", "zh", "report", "customers", "--format", "markdown")
    assert markdown.splitlines()[0].split("|")[1:-1] == [" 维度   ", " 分类           ", " 客户数   ", " 活跃   ",
                                                        " 潜在   ", " 流失   ", " 占比%   "]
    assert "| 负责人 | 李娜" in markdown and "| 状态   | 流失" in markdown
    rows = list(csv.DictReader(io.StringIO(crm.ok("--lang", "zh", "report", "customers", "--format", "csv"))))
    assert {"维度": "等级", "分类": "A一级 大客户", "客户数": "1", "活跃": "1", "潜在": "0", "流失": "0",
            "占比%": "33.3"} in rows


def test_help_defines_every_figure(crm):
    text = crm.ok("report", "customers", "--help")
    for term in ("customers ", "active, prospect, lost", "share %", "total", "(none)"):
        assert term in text
