"""`report quarterly`, `report yearly` and the rates of `report monthly` through the CLI."""

import pytest

AFTER = "2026-12-05T10:00:00+08:00"


@pytest.fixture
def archive(crm):
    """Two customers active since September, one lost in November, one new in November."""
    old = [
        crm.ok("customer", "add", name, "--grade", "B1", "--owner", "liuyang", "--set",
               "status=active", now="2026-09-01T10:00:00+08:00").strip()
        for name in ("甲", "乙")
    ]  # fmt: skip
    crm.ok("customer", "lose", old[1], "--reason", "价格原因", now="2026-11-10T10:00:00+08:00")
    crm.ok("customer", "add", "丙", "--grade", "A1", "--owner", "wang", "--set", "status=active",
           now="2026-11-12T10:00:00+08:00")  # fmt: skip
    crm.ok("visit", "log", old[0], "--channel", "phone", "--reached", "--summary", "问候",
           "--satisfaction", "5", user="liuyang", now="2026-11-20T10:00:00+08:00")  # fmt: skip
    complaint = crm.ok("complaint", "log", old[0], "--summary", "地板起鼓", user="liuyang",
                       now="2026-11-23T10:00:00+08:00").strip()  # fmt: skip
    crm.ok("complaint", "judge", complaint, "--invalid", "--reason", "使用不当", user="liuyang",
           now="2026-11-23T11:00:00+08:00")  # fmt: skip
    return crm


def rates(crm, *args):
    report = crm.json("report", *args, now=AFTER)
    return report, {row["figure"]: row for row in report["sections"]["rates"]}


def test_quarterly_counts_the_quarter(archive):
    report, rows = rates(archive, "quarterly", "--quarter", "2026-Q4")
    assert (report["report"], report["from"], report["to"]) == (
        "quarterly",
        "2026-10-01",
        "2026-12-31",
    )
    # active on 10-01: 甲 乙; lost 乙: 1 / 2 = 50%, over the 30% allowed
    assert (rows["churn_rate"]["part"], rows["churn_rate"]["whole"], rows["churn_rate"]["met"]) == (
        1,
        2,
        False,
    )
    # new: 丙, of 5 a month x 3
    assert (rows["new_customer_rate"]["part"], rows["new_customer_rate"]["whole"]) == (1, 15)
    # one complaint, judged invalid: 0 of 1 valid; 1 per 2 active at the cutoff (甲 丙) = 50 per 100
    assert rows["valid_complaint_rate"]["amount"] == 0.0
    assert rows["complaints_per_100"]["amount"] == 50.0
    grades = report["sections"]["satisfaction_by_grade"]
    assert [(row["grade"], row["rated"], row["satisfied"], row["met"]) for row in grades] == [
        ("B1", 1, 1, True)
    ]


def test_monthly_and_yearly_carry_the_same_figures(archive):
    _, month = rates(archive, "monthly", "--month", "2026-11")
    _, year = rates(archive, "yearly", "--year", "2026")
    assert (month["churn_rate"]["part"], month["churn_rate"]["whole"]) == (1, 2)
    assert (month["new_customer_rate"]["part"], month["new_customer_rate"]["whole"]) == (1, 5)
    # nobody was in the archive on 01-01; all three joined during the year, two are active
    assert (year["churn_rate"]["whole"], year["new_customer_rate"]["part"]) == (0, 2)
    assert year["new_customer_rate"]["whole"] == 60


def test_the_definitions_are_in_help_and_bad_periods_are_usage_errors(crm):
    for command in ("monthly", "quarterly", "yearly"):
        text = crm.ok("report", command, "--help")
        assert "流失率" in text and "新客户开发率" in text and "投诉成立率" in text
    result = crm("report", "quarterly", "--quarter", "2026-Q5")
    assert result.exit_code == 2 and "is not a quarter (YYYY-Qn" in result.stderr
    result = crm("report", "yearly", "--year", "26")
    assert result.exit_code == 2 and "is not a year" in result.stderr
    zh = crm.ok("--lang", "zh", "report", "quarterly", now=AFTER)
    assert "流失率%" in zh and "分级满意度" in zh
