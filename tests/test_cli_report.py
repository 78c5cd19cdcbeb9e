"""`crmctl report customers|ledger|weekly|monthly` through the CLI: formats, Chinese headers, the
HTML page. Exact figures are the rules tests' business (tests/test_rules_complaint_ledger.py,
…_service_report.py)."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser


def fill(crm):
    crm.ok(
        "customer",
        "add",
        "甲",
        "--grade",
        "A1",
        "--owner",
        "wang",
        "--set",
        "region=华东",
        "--set",
        "status=active",
    )
    crm.ok("customer", "add", "乙", "--grade", "B1", "--owner", "lina", "--set", "region=华东")
    crm.ok("customer", "add", "丙", "--grade", "B1", "--owner", "lina")
    crm.ok("customer", "lose", "丙", "--reason", "价格原因")


def test_figures_in_json(crm):
    fill(crm)
    rows = {(r["dimension"], r["value"]): r for r in crm.json("report", "customers")}
    assert rows[("grade", "B1")] == {
        "dimension": "grade",
        "value": "B1",
        "customers": 2,
        "active": 0,
        "prospect": 1,
        "lost": 1,
        "share": 66.7,
    }
    assert rows[("region", None)]["customers"] == 1 and rows[("total", None)]["customers"] == 3


def test_filters_narrow_the_base(crm):
    fill(crm)
    rows = {
        (r["dimension"], r["value"]): r for r in crm.json("report", "customers", "--owner", "lina")
    }
    assert rows[("total", None)]["customers"] == 2 and ("owner", "wang") not in rows


def test_chinese_headers_and_labels_in_markdown_and_csv(crm):
    fill(crm)
    markdown = crm.ok("--lang", "zh", "report", "customers", "--format", "markdown")
    assert markdown.splitlines()[0].split("|")[1:-1] == [
        " 维度   ",
        " 分类           ",
        " 客户数   ",
        " 活跃   ",
        " 潜在   ",
        " 流失   ",
        " 占比%   ",
    ]
    assert "| 负责人 | 李娜" in markdown and "| 状态   | 流失" in markdown
    rows = list(
        csv.DictReader(
            io.StringIO(crm.ok("--lang", "zh", "report", "customers", "--format", "csv"))
        )
    )
    assert {
        "维度": "等级",
        "分类": "A一级 大客户",
        "客户数": "1",
        "活跃": "1",
        "潜在": "0",
        "流失": "0",
        "占比%": "33.3",
    } in rows


def test_customer_report_help_defines_every_figure(crm):
    text = crm.ok("report", "customers", "--help")
    for term in ("customers ", "active, prospect, lost", "share %", "total", "(none)"):
        assert term in text


# ---------------------------------------------------------------- ledger, weekly, monthly
AFTER = "2026-12-05T10:00:00+08:00"  # November 2026 is over


def november(crm):
    """A key account reached once, one unreached B1 customer, and a major complaint judged late (4
    office hours from Tue 09:30 end at 16:00)."""
    key = crm.ok(
        "customer",
        "add",
        "华丰建材",
        "--grade",
        "A1",
        "--owner",
        "wang",
        now="2026-11-02T10:00:00+08:00",
    ).strip()
    crm.ok(
        "customer",
        "add",
        "粤兴地产",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        now="2026-11-02T10:00:00+08:00",
    )
    crm.ok(
        "visit",
        "log",
        key,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "问候",
        "--satisfaction",
        "5",
        user="wang",
        now="2026-11-10T10:00:00+08:00",
    )
    complaint = crm.ok(
        "complaint",
        "log",
        key,
        "--summary",
        "送货延误",
        "--severity",
        "major",
        "--category",
        "delivery",
        now="2026-11-10T09:30:00+08:00",
    ).strip()
    crm.ok(
        "complaint",
        "judge",
        complaint,
        "--valid",
        "--reason",
        "物流原因",
        "--department",
        "logistics",
        "--reply-by",
        "2026-11-12",
        now="2026-11-10T16:30:00+08:00",
    )
    return complaint


def test_ledger_json_names_the_period_and_every_section(crm):
    complaint = november(crm)
    report = crm.json("report", "ledger", "--month", "2026-11", now=AFTER)
    assert {
        key: report[key] for key in ("report", "period", "from", "to", "as_of", "complete")
    } == {
        "report": "ledger",
        "period": "2026-11",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "as_of": "2026-12-01T00:00:00+08:00",
        "complete": True,
    }
    (row,) = report["sections"]["ledger"]
    assert (row["id"], row["department"], row["first_responder"], row["breaches"]) == (
        complaint,
        "logistics",
        "lina",
        ["acknowledge", "resolve", "reply"],
    )
    assert set(report["sections"]) == {"ledger", "counts", "inquiries", "totals"}


def test_ledger_csv_one_section_per_file(crm):
    november(crm)
    rows = list(
        csv.DictReader(
            io.StringIO(crm.ok("report", "ledger", "--month", "2026-11", "-f", "csv", now=AFTER))
        )
    )
    assert [(row["severity"], row["breaches"]) for row in rows] == [
        ("major", "acknowledge, resolve, reply")
    ]
    counts = list(
        csv.DictReader(
            io.StringIO(
                crm.ok(
                    "report",
                    "ledger",
                    "--month",
                    "2026-11",
                    "--section",
                    "counts",
                    "-f",
                    "csv",
                    now=AFTER,
                )
            )
        )
    )
    assert {
        "dimension": "department",
        "value": "logistics",
        "complaints": "1",
        "open": "1",
        "breached": "1",
    } in counts


def test_ledger_in_chinese_markdown_and_csv(crm):
    november(crm)
    text = crm.ok(
        "--lang", "zh", "report", "ledger", "--month", "2026-11", "-f", "markdown", now=AFTER
    )
    assert text.startswith("# 投诉台帐 2026-11 (2026-11-01 – 2026-11-30; 截至 2026-12-01 00:00)")
    assert "## 投诉明细" in text and "## 分类统计" in text and "## 汇总" in text
    header = next(line for line in text.splitlines() if "首问责任人" in line)
    assert [cell.strip() for cell in header.split("|")[1:4]] == ["编号", "受理时间", "客户"]
    assert "重大投诉" in text and "物流部" in text and "李娜" in text and "| 超时: 受理" in text
    csv_text = crm.ok(
        "--lang", "zh", "report", "ledger", "--month", "2026-11", "-f", "csv", now=AFTER
    )
    (row,) = csv.DictReader(io.StringIO(csv_text))
    assert (row["级别"], row["责任部门"], row["首问责任人"], row["超时"]) == (
        "重大投诉",
        "物流部",
        "李娜",
        "受理, 解决, 答复客户",
    )


def test_weekly_defaults_to_the_week_containing_now(crm):
    november(crm)
    report = crm.json("report", "weekly", now="2026-11-12T10:00:00+08:00")
    assert (report["period"], report["complete"], len(report["sections"]["ledger"])) == (
        "2026-W46",
        False,
        1,
    )
    assert crm.json("report", "weekly", "--week", "2026-W47", now=AFTER)["sections"]["ledger"] == []


def test_monthly_table_puts_targets_missed_beside_the_figures(crm):
    november(crm)
    text = crm.ok("report", "monthly", "--month", "2026-11", now=AFTER)
    line = next(line for line in text.splitlines() if line.startswith("first contacts on time %"))
    assert line.split()[-3:] == ["0", "100", "no"]  # 粤兴地产 was never reached by liuyang
    assert "key accounts not reached this month\n(none)" in text


def test_bad_period_is_a_usage_error(crm):
    result = crm("report", "monthly", "--month", "2026-13")
    assert result.exit_code == 2 and "--month '2026-13' is not a month" in result.stderr


class Page(HTMLParser):
    """What the tests look at in the HTML report: tags, external references, each chart's text."""

    def __init__(self):
        super().__init__()
        self.tags, self.references, self.charts, self._chart = [], [], {}, None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        self.references += [
            value
            for name, value in attrs.items()
            if name in ("src", "href", "xlink:href") and value
        ]
        if tag == "figure":
            self._chart = attrs["id"]
            self.charts[self._chart] = []

    def handle_endtag(self, tag):
        if tag == "figure":
            self._chart = None

    def handle_data(self, data):
        if self._chart and data.strip():
            self.charts[self._chart].append(data.strip())


def test_monthly_html_is_self_contained_with_every_chart(crm, tmp_path):
    november(crm)
    out = tmp_path / "月报.html"
    result = crm(
        "--lang", "zh", "report", "monthly", "--month", "2026-11", "--html", out, now=AFTER
    )
    assert (
        result.exit_code == 0 and result.stdout == "" and "已写入" in result.stderr
    )  # run with --lang zh
    text = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    assert (
        "script" not in page.tags
        and "link" not in page.tags
        and "img" not in page.tags
        and page.references == []
    )
    assert "://" not in text and "@import" not in text and "url(" not in text
    assert "Noto Sans CJK SC" in text and '<meta charset="utf-8">' in text
    charts = page.charts
    assert set(charts) == {
        "chart-complaints-by-category",
        "chart-complaints-by-week",
        "chart-deadline-breaches",
        "chart-visits-per-staff",
        "chart-key-account-coverage",
        "chart-satisfaction",
    }
    assert charts["chart-complaints-by-category"][:4] == [
        "投诉按类别",
        "超时",
        "未超时",
        "物流配送",
    ]
    assert "2026-W46 (11-09 – 11-15)" in charts["chart-complaints-by-week"]
    breaches = charts["chart-deadline-breaches"]
    assert (
        breaches[breaches.index("超时: 受理") + 1] == "1"
        and breaches[breaches.index("超时: 回访") + 1] == "0"
    )
    staff = charts["chart-visits-per-staff"]
    assert staff[staff.index("王建国") + 2] == "1" and staff[staff.index("刘洋") + 1] == "0"
    assert charts["chart-key-account-coverage"][0] == "大客户回访覆盖率%: 100"
    assert "目标 95%" in charts["chart-satisfaction"] and "100%" in charts["chart-satisfaction"]


def test_ledger_and_monthly_help_define_every_figure(crm):
    ledger_help = crm.ok("report", "ledger", "--help")
    for term in (
        "ack office h",
        "resolve office h",
        "breached",
        "handled",
        "open at cutoff",
        "cutoff",
    ):
        assert term in ledger_help
    monthly_help = crm.ok("report", "monthly", "--help")
    for term in (
        "satisfied",
        "key accounts",
        "coverage %",
        "first contacts",
        "on time",
        "overdue",
        "lost",
        "crmctl report monthly --month 2026-10 --html",
    ):
        assert term in monthly_help


def test_demo_archive_smoke(demo, tmp_path):
    for command in (("ledger",), ("weekly",), ("monthly",)):
        assert json.loads(demo.ok("report", *command, fmt="json"))["sections"]
    demo.ok("--lang", "zh", "report", "monthly", "--html", tmp_path / "demo.html")
    assert "chart-satisfaction" in (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert demo.ok("report", "monthly", "--html", "-").startswith("<!DOCTYPE html>")


def test_monthly_needs_the_satisfied_rating_in_the_config(crm):
    november(crm)
    config = crm.root / "crmctl.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").split("\n# What crmctl report monthly")[0] + "\n",
        encoding="utf-8",
    )
    result = crm("report", "monthly", "--month", "2026-11", now=AFTER)
    assert result.exit_code == 1 and "crmctl.yaml has no reports.satisfied_at" in result.stderr
    assert crm.json("report", "ledger", "--month", "2026-11", now=AFTER)["sections"][
        "ledger"
    ]  # the ledger needs none


def test_an_empty_archive_reports_nothing_without_failing(crm):
    page = Page()
    page.feed(crm.ok("report", "monthly", "--html", "-"))
    assert page.charts["chart-satisfaction"][-1] == "(none)"
    assert "key-account coverage %" in crm.ok("report", "monthly")
    assert crm.json("report", "ledger")["sections"]["ledger"] == []
