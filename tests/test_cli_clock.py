"""Clocks gone wrong: no date computation crashes, and no history entry is dated by a wrong
clock."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import age_files

READERS = [
    ["due", "--within", "30d"],
    ["report", "monthly", "--month", "2026-11"],
    ["report", "weekly"],
    ["report", "ledger", "--month", "2026-11"],
    ["complaint", "list"],
    ["customer", "list"],
]


def complaint_on_hold_since(crm, moment: str) -> tuple[str, str]:
    """A complaint whose hold entry says `moment` (a machine with a wrong clock wrote it)."""
    customer = crm.ok("customer", "add", "杭州华丰建材有限公司", "--owner", "liuyang").strip()
    complaint = crm.ok(
        "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    crm.ok("complaint", "hold", complaint, "--reason", "等待检测报告", user="liuyang")
    path = next((crm.root / "records" / "complaints").glob(f"{complaint}.yaml"))
    text = path.read_text(encoding="utf-8")
    held = re.findall(r"^- at: (.*)$", text, flags=re.M)[-1]
    path.write_text(
        text.replace(
            f"- at: {held}\n  by: liuyang\n  action: hold",
            f"- at: {moment}\n  by: liuyang\n  action: hold",
        ),
        encoding="utf-8",
    )
    return customer, complaint


def test_a_hold_ten_years_back_stops_no_command_and_can_be_resumed(crm):
    _, complaint = complaint_on_hold_since(crm, "2016-11-23T10:00:00+08:00")
    for args in [*READERS, ["complaint", "show", complaint]]:
        result = crm(*args, fmt="json")
        assert result.exit_code == 0, (args, result.stderr)
        json.loads(result.stdout)
    crm.ok("complaint", "resume", complaint, user="liuyang")
    check = crm("check")
    assert check.exit_code == 1
    assert re.search(
        r"complaints/T\w+\.yaml:\d+: history\[1\]\.at: .* before the entry it follows", check.stdout
    )
    assert "the clock of the machine" in check.stdout


@pytest.mark.parametrize(
    "now", ["1000-01-01T00:00:00+08:00", "2036-06-01T10:00:00+08:00", "9998-12-31T23:59:00+08:00"]
)
def test_any_clock_gives_answers_not_tracebacks(demo, now):
    for args in [*READERS, ["check"]]:
        result = demo(*args, now=now, fmt="json")
        assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, (
            args,
            result.stderr,
        )
        json.loads(result.stdout)


def test_a_write_dated_before_the_records_last_change_is_refused_naming_the_clock(crm):
    customer = crm.ok("customer", "add", "华丰建材").strip()
    before = crm.files()
    result = crm("customer", "edit", customer, "--set", "notes=x", now="2016-11-23T09:30:00+08:00")
    assert result.exit_code == 1
    assert (
        "the clock says 2016-11-23T09:30:00+08:00, 10 year(s) before this record's last change"
        in result.stderr
    )
    assert "--now" in result.stderr and crm.files() == before
    crm.ok(
        "customer", "edit", customer, "--set", "notes=y", now="2026-11-23T09:00:00+08:00"
    )  # skew


def test_a_write_dated_far_ahead_of_the_machines_clock_is_refused(crm):
    customer = crm.ok("customer", "add", "华丰建材").strip()
    before = crm.files()
    result = crm(
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "回访",
        now="2099-01-01T10:00:00+08:00",
    )
    assert result.exit_code == 1
    assert "--now 2099-01-01T10:00:00+08:00 is" in result.stderr
    assert "ahead of this machine's clock" in result.stderr and crm.files() == before
    assert crm("due", now="2099-01-01T10:00:00+08:00").exit_code == 0  # reading ahead is fine


def test_check_flags_a_visit_logged_under_a_clock_set_ahead(crm):
    customer = crm.ok("customer", "add", "华丰建材", "--grade", "A1", "--owner", "wang").strip()
    visit = crm.ok(
        "visit", "log", customer, "--channel", "phone", "--reached", "--summary", "回访"
    ).strip()
    path = next((crm.root / "records" / "visits").rglob(f"{visit}.yaml"))
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026-11-23T09:30:00", "2099-11-23T09:30:00"),
        encoding="utf-8",
    )
    check = crm("check")
    assert check.exit_code == 1
    line = (
        path.read_text(encoding="utf-8").splitlines().index("- at: 2099-11-23T09:30:00+08:00") + 1
    )
    assert (
        f"{path.relative_to(crm.root)}:{line}: history[0].at: 2099-11-23T09:30:00+08:00 is 73 "
        f"year(s) in the future" in check.stdout
    )
    # The machine's clock decides, not --now.
    assert "future" in crm("check", now="2099-11-23T10:00:00+08:00").stdout


def test_a_visit_dated_ahead_does_not_hide_its_customer_from_due(crm):
    customer = crm.ok("customer", "add", "华丰建材", "--grade", "A1", "--owner", "wang").strip()
    visit = crm.ok(
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "回访",
        user="wang",
    ).strip()
    path = next((crm.root / "records" / "visits").rglob(f"{visit}.yaml"))
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026-11-23T09:30:00", "2099-11-23T09:30:00"),
        encoding="utf-8",
    )
    age_files(crm.root)  # else read again by each command (the racy-stamp rule), memo renewed

    def cadence_due(now):
        items = crm.json("due", "--within", "30d", "--kind", "cadence", user="wang", now=now)
        return [item["due"] for item in items if item["customer_id"] == customer]

    # A1 every 7d, the visit taken as made on the day asked: Mon 11-23 -> Mon 11-30.
    assert cadence_due("2026-11-23T09:30:00+08:00") == ["2026-11-30"]
    # Asked again two days later (kept answers included): Wed 11-25 -> Wed 12-02.
    assert cadence_due("2026-11-25T09:30:00+08:00") == ["2026-12-02"]


@pytest.mark.parametrize(
    "field, moment",
    [
        ("- at", "0001-01-01T00:00:00+14:00"),  # year 0 in UTC
        ("at", "9999-12-31T23:59:59-14:00"),  # year 10000 in UTC
        ("lost_at", "9999-12-31T23:59:59+00:00"),
        ("lost_at", "0001-01-01T00:00:00+14:00"),
    ],
)
def test_moments_at_the_ends_of_the_calendar_stop_no_command(crm, field, moment):
    customer = crm.ok("customer", "add", "华丰建材", "--grade", "A1", "--owner", "wang").strip()
    crm.ok("visit", "log", customer, "--channel", "onsite", "--reached", "--summary", "拜访")
    if field == "lost_at":
        crm.ok("customer", "lose", customer, "--reason", "价格")
    folder = "visits" if field == "at" else "customers"
    path = next((crm.root / "records" / folder).rglob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(rf"^{field}: .*$", f"{field}: {moment}", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    for args in [*READERS, ["check"], ["due", "--within", "400d"], []]:
        result = crm(*args, fmt="json")
        assert result.exit_code in (0, 1), (args, result.stderr)
        json.loads(result.stdout or "null")
    edit = crm("customer", "edit", customer, "--set", "notes=x")
    assert edit.exit_code in (0, 1) and "Traceback" not in edit.stderr
