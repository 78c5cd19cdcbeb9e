"""`due` keeps each customer's follow-ups in the index: its answer always equals the rules run over
every record, whatever happened to the files or the config since the last run."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
import yaml

from bench.generate import generate
from crmctl.actions import reports
from crmctl.actions.due import due_items
from crmctl.actions.session import Session
from crmctl.rules import periods, service_report
from crmctl.rules.due import visits_by_customer
from crmctl.rules.service_report import customer_part, part_and_span
from crmctl.store import customer_memo
from crmctl.store.customer_memo import Memo
from crmctl.store.kinds import KINDS
from crmctl.store.listing import Below, Match, holds
from crmctl.store.records import Store
from tests.conftest import NOW, Crm
from tests.gitrepos import git, two_clones

WIDE = "400d"  # past every occasion and cadence of the archive: every item, not only those near


@pytest.fixture
def root(tmp_path):
    generate(tmp_path / "crm", customers=120, seed=5, workers=1)
    return tmp_path / "crm"


def kept(root, now=NOW, **filters) -> list:
    return due_items(Session(root, now=now), within=filters.pop("within", WIDE), **filters)


def truth(root, now=NOW, **filters) -> list:
    session = Session(root, now=now)
    session.store.index = None  # the rules over every record file, nothing kept
    return due_items(session, within=filters.pop("within", WIDE), **filters)


def agree(root, now=NOW, **filters) -> list:
    found = kept(root, now, **filters)
    assert found == truth(root, now, **filters)
    return found


def visit_files(root):
    return sorted((root / "records" / "visits").glob("*/*/*.yaml"))


# Stale customers computed a few at a time on the process pool, or all at once in the command's
# process.
@pytest.mark.parametrize("batch", [7, 10_000])
def test_kept_items_equal_the_rules_cold_warm_and_filtered(root, monkeypatch, batch):
    monkeypatch.setattr(customer_memo, "BATCH", batch)
    cold = agree(root)
    assert len({item.rule for item in cold}) >= 5
    assert agree(root) == cold
    agree(root, within="14d")
    agree(root, owners=("liuyang",), within="7d", overdue=True)


def test_an_earlier_or_later_day_is_answered_for_that_day(root):
    """Occasions move on once passed: an entry holds only for the days it was computed for."""
    agree(root)
    for now in (
        "2026-02-01T09:00:00+08:00",
        "2027-01-20T09:00:00+08:00",
        "2026-11-23T10:00:00+08:00",
    ):
        agree(root, now)
    assert {i.due for i in kept(root, "2027-01-20T09:00:00+08:00") if i.rule == "occasion"} != {
        i.due for i in kept(root) if i.rule == "occasion"
    }


def test_visits_moved_to_another_customer_by_hand_change_both(root):
    before = agree(root)
    item = next(i for i in before if i.rule == "cadence" and "last contact" in i.reason)
    other = next(
        i.customer_id for i in before if i.rule == "cadence" and i.customer_id != item.customer_id
    )
    for path in visit_files(root):
        text = path.read_text()
        if f"customer: {item.customer_id}" in text:
            path.write_text(text.replace(f"customer: {item.customer_id}", f"customer: {other}"))
    after = agree(root)
    assert (
        next(i for i in after if i.rule == "cadence" and i.customer_id == item.customer_id).reason
        != item.reason
    )


def test_visits_deleted_or_copied_by_hand_are_seen(root):
    agree(root)
    files = visit_files(root)
    for path in files[::7]:
        path.unlink()
    agree(root)
    source = files[1]
    shutil.copy2(source, source.with_name(source.stem[:-2] + "ZZ.yaml"))
    agree(root)
    shutil.rmtree(files[-1].parent)  # a whole month
    agree(root)


def test_a_config_change_recomputes(root):
    before = agree(root)
    config = root / "crmctl.yaml"
    config.write_text(config.read_text().replace("occasion_lead: 3d", "occasion_lead: 10d"))
    after = agree(root)
    assert after != before


def test_a_broken_customer_loses_its_items_and_is_reported(root):
    before = agree(root)
    customer = before[0].customer_id
    path = root / "records" / "customers" / f"{customer}.yaml"
    path.write_bytes(path.read_bytes().replace(b"status: ", b"status: [", 1))
    after = agree(root)
    assert customer not in {
        item.customer_id for item in after if not item.rule.startswith("complaint")
    }
    result = Crm(root)("due", "--within", WIDE)
    assert f"records/customers/{customer}.yaml" in result.stderr


def test_a_write_through_crmctl_updates_the_kept_items(root):
    before = agree(root)
    item = next(i for i in before if i.rule == "cadence")
    Crm(root).ok(
        "visit",
        "log",
        item.customer_id,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "回访",
        user="wang",
    )
    after = agree(root)
    assert (item.rule, item.customer_id, item.due) not in {
        (i.rule, i.customer_id, i.due) for i in after
    }


def test_entries_are_dropped_with_the_rows_they_came_from(root):
    """Triggers on `files` drop a customer's entry in the statement that changes a row it came
    from."""
    session = Session(root, now=NOW)
    kept(root)
    db = session.store.index.db
    customer = db.execute("SELECT customer FROM customer_answers LIMIT 1").fetchone()[0]
    visit = db.execute(
        "SELECT path FROM files WHERE kind = 'visit' AND json_extract(body, '$.customer') = ?",
        (customer,),
    ).fetchone()
    session.store.index.forget(KINDS["visit"], [visit[0]])
    assert (
        db.execute("SELECT count(*) FROM customer_memo WHERE customer = ?", (customer,)).fetchone()[
            0
        ]
        == 0
    )
    for table in ("customer_answers", "answer_texts"):
        assert (
            db.execute(f"SELECT count(*) FROM {table} WHERE customer = ?", (customer,)).fetchone()[
                0
            ]
            == 0
        )


def test_now_given_in_another_offset_is_the_same_moment_in_the_teams_zone(root):
    """Kept items were computed in the team's zone: --now in UTC must get the same answer, not dates
    shifted by eight hours."""
    agree(root)
    assert agree(root, "2026-11-23T01:30:00+00:00") == kept(root, NOW)


def test_without_a_usable_index_due_computes_from_every_record(root, monkeypatch):
    def unusable(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    expected = truth(root)
    monkeypatch.setattr(customer_memo.CustomerMemo, "answers", unusable)
    assert kept(root) == expected


def test_a_git_pull_is_seen_by_the_next_due(tmp_path, git_home):
    a, b, customer, _ = two_clones(tmp_path)
    before = [item for item in a.json("due", "--within", WIDE) if item["customer_id"] == customer]
    assert "never reached" in before[0]["reason"]
    b.ok(
        "--commit", "visit", "log", customer, "--reached", "--channel", "phone", "--summary", "回访"
    )
    git(b.root, "push", "-q")
    git(a.root, "pull", "-q")
    after = [item for item in a.json("due", "--within", WIDE) if item["customer_id"] == customer]
    assert "last contact 2026-11-23" in after[0]["reason"]
    assert kept(a.root) == truth(a.root)


def monthly(root, now=NOW, month=None, index=True) -> dict:
    session = Session(root, now=now)
    if not index:
        session.store.index = (
            None  # every customer's part computed from every record file, nothing kept
        )
    return {
        section.name: section.rows
        for section in reports.monthly_report(session, reports.month(session, month))
    }


def report_agrees(root, now=NOW, month=None) -> dict:
    found = monthly(root, now, month)
    assert found == monthly(root, now, month, index=False)
    return found


def figures(report: dict) -> dict:
    return {row["figure"]: row["amount"] for row in report["headline"]}


@pytest.mark.parametrize(
    "now, month",
    [(NOW, None), ("2026-10-31T18:00:00+08:00", None), (NOW, "2026-10"), (NOW, "2025-12")],
)  # the current month, one with visits after now, past ones
@pytest.mark.parametrize("batch", [7, 10_000])
def test_the_monthly_report_from_kept_parts_equals_the_rules_over_every_record(
    root, monkeypatch, now, month, batch
):
    monkeypatch.setattr(customer_memo, "BATCH", batch)
    cold = report_agrees(root, now, month)
    assert report_agrees(root, now, month) == cold
    assert figures(cold)["visits_logged"] > 0 and figures(cold)["overdue_followups"] > 0


def test_parts_of_one_month_do_not_answer_for_another_at_the_same_moment(root):
    october = report_agrees(root, NOW, "2026-10")
    november = report_agrees(root, "2026-11-01T00:00:00+08:00")  # its cutoff is October's too
    assert figures(october)["visits_logged"] > 0 == figures(november)["visits_logged"]


def _plain_customer(root, not_owner="chenjing"):
    for path in sorted((root / "records" / "customers").glob("*.yaml")):
        record = yaml.safe_load(path.read_text())
        if (
            record.get("grade") in ("B1", "B2", "C", "D")
            and record["status"] == "active"
            and record.get("owner") != not_owner
        ):
            return path.stem
    raise AssertionError("no plain customer")


def test_a_cutoff_exactly_on_a_visit_does_not_answer_for_later_that_day(root):
    """A first contact due 11-12 is done (late) by a visit at 10:00:00 on 11-23: a report at exactly
    10:00:00 counts it, as a minute later (it once said "missing" then, and kept that for the
    day)."""
    customer = _plain_customer(root)
    crm = Crm(root)
    crm.ok("assign", customer, "--to", "chenjing", user="lina", now="2026-11-05T10:00:00+08:00")
    crm.ok(
        "visit",
        "log",
        customer,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "首次联系",
        user="chenjing",
        now="2026-11-23T10:00:00+08:00",
    )
    report_agrees(
        root, "2026-11-23T10:00:00+08:00"
    )  # kept and truth agree: this customer's first contact "missing"
    # The kept part (computed at 10:00:00, kept for [10:00:00, next midnight)) against every file at
    # 10:01:
    assert monthly(root, "2026-11-23T10:01:00+08:00") == monthly(
        root, "2026-11-23T10:01:00+08:00", index=False
    )


def test_a_part_is_the_same_at_every_moment_of_its_span(root):
    """The same on the pure functions: `customer_part` is the same at two cutoffs of one span."""
    customer = _plain_customer(root)
    crm = Crm(root)
    crm.ok("assign", customer, "--to", "chenjing", user="lina", now="2026-11-05T10:00:00+08:00")
    crm.ok(
        "visit",
        "log",
        customer,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "首次联系",
        user="chenjing",
        now="2026-11-23T10:00:00+08:00",
    )
    session = Session(root, now="2026-11-23T10:00:00+08:00")
    record = session.store.load(KINDS["customer"], customer)
    visits = visits_by_customer(session.store.records(KINDS["visit"]))[customer]
    c1, c2 = session.now, session.now + dt.timedelta(minutes=1)
    period = periods.month(None, c1)
    _, since, until = part_and_span(
        customer, record, visits, session.config, session.calendar, period, c1
    )
    assert since <= c2.timestamp() < until
    at_c1 = customer_part(record, visits, session.config, session.calendar, period, c1)
    at_c2 = customer_part(record, visits, session.config, session.calendar, period, c2)
    assert at_c1 == at_c2 and at_c1["first"][0]["outcome"] == "late"


def test_visits_whose_customer_file_is_missing_or_broken_still_count_for_their_staff(root):
    """A visit counts for its staff member even when its customer's file is broken (a bad merge) or
    gone."""

    def logged_in_november(root):
        count = 0
        for path in (root / "records" / "visits" / "2026" / "11").glob("*.yaml"):
            at = dt.datetime.fromisoformat(str(yaml.safe_load(path.read_text())["at"]))
            count += at <= dt.datetime.fromisoformat("2026-11-23T09:30:00+08:00")
        return count

    def figure(root):
        return {row["figure"]: row["amount"] for row in report_agrees(root)["headline"]}[
            "visits_logged"
        ]

    assert figure(root) == logged_in_november(root)
    visit = next((root / "records" / "visits" / "2026" / "11").glob("*.yaml"))
    customer = yaml.safe_load(visit.read_text())["customer"]
    path = root / "records" / "customers" / f"{customer}.yaml"
    path.write_bytes(
        path.read_bytes().replace(b"status: ", b"status: [", 1)
    )  # broken, as a bad merge leaves it
    assert figure(root) == logged_in_november(root)
    path.unlink()
    assert figure(root) == logged_in_november(root)


def test_parts_are_kept_across_days_until_what_they_count_by_day_changes(root, monkeypatch):
    """A part holds until a follow-up falls overdue, a first contact falls due or an occasion
    passes: on each later day of the month only those customers are computed again, and the report
    still equals the rules over every record."""
    computed = []
    keep = customer_memo.CustomerMemo._keep

    def counting(self, name, entries):
        computed.extend(entry[0] for entry in entries if name == "monthly")
        keep(self, name, entries)

    monkeypatch.setattr(customer_memo.CustomerMemo, "_keep", counting)
    # A first contact made on time: nothing is owed, yet it counts in the report once it falls due.
    customer, crm = _plain_customer(root), Crm(root)
    crm.ok("assign", customer, "--to", "chenjing", user="lina", now="2026-11-10T10:00:00+08:00")
    crm.ok(
        "visit",
        "log",
        customer,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "首次联系",
        user="chenjing",
        now="2026-11-11T10:00:00+08:00",
    )
    customers = len(list((root / "records" / "customers").iterdir()))
    for day in range(2, 30, 3):
        computed.clear()
        report = report_agrees(root, f"2026-11-{day:02d}T09:30:00+08:00")
        assert len(computed) == customers if day == 2 else 0 < len(computed) < customers / 2
    assert any(
        row["record_id"] == customer and row["outcome"] == "on_time"
        for row in report["first_contacts"]
    )
    report_agrees(root, "2026-12-02T09:30:00+08:00", "2026-11")  # the month over, a day later


def test_kept_parts_follow_hand_edits_and_the_config(root):
    report_agrees(root)
    files = [path for path in visit_files(root) if "/2026/11/" in path.as_posix()]
    files[0].unlink()
    files[1].write_text(files[1].read_text().replace("reached: false", "reached: true"))
    customer = next((root / "records" / "customers").iterdir())
    customer.write_text(customer.read_text().replace("status: active", "status: lost"))
    report_agrees(root)
    config = root / "crmctl.yaml"
    config.write_text(config.read_text().replace("satisfied_at: 4", "satisfied_at: 3"))
    report_agrees(root)


def test_a_part_holds_only_until_the_next_stamp_of_its_records(root):
    """The current month is measured at `now`: a part computed at 09:30 must not answer at 11:00
    when a visit was made at 10:00 in between, nor the other way round."""
    customer = next(path.stem for path in (root / "records" / "customers").iterdir())
    Crm(root).ok(
        "visit",
        "log",
        customer,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "回访",
        user="wang",
        now="2026-11-23T10:00:00+08:00",
    )
    early, late = report_agrees(root), report_agrees(root, "2026-11-23T11:00:00+08:00")
    assert figures(late)["visits_logged"] == figures(early)["visits_logged"] + 1
    assert report_agrees(root) == early


def test_a_report_adds_up_kept_group_sums_and_recomputes_only_the_group_a_change_touched(
    root, monkeypatch
):
    """Each group's sum of shares is kept: a visit logged for one customer drops that customer's
    entry, and with it its group's sum, and only that sum is added up again (besides the sums of
    every group)."""
    report_agrees(root)
    db = sqlite3.connect(root / ".crmctl" / "index.sqlite")
    groups = db.execute("SELECT count(*) FROM group_sums WHERE name = 'monthly'").fetchone()[0]
    assert groups > 10
    customer = _plain_customer(root)
    Crm(root).ok(
        "visit",
        "log",
        customer,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "回访",
        user="wang",
        now=NOW,
    )
    assert (
        db.execute("SELECT count(*) FROM group_sums WHERE name = 'monthly'").fetchone()[0]
        == groups - 1
    )
    assert (
        db.execute(
            "SELECT count(*) FROM group_sums WHERE grp = substr(?, -2)", (customer,)
        ).fetchone()[0]
        == 0
    )
    combine = service_report.combined
    added = []
    monkeypatch.setattr(
        service_report, "combined", lambda parts: added.append(len(parts)) or combine(parts)
    )
    report = monthly(root)
    assert added == [
        sum(
            1
            for path in (root / "records" / "customers").iterdir()
            if path.stem[-2:] == customer[-2:]
        ),
        groups,
    ]
    monkeypatch.undo()
    assert report == monthly(root, index=False)


def test_an_index_of_the_earlier_shape_is_made_anew(root):
    """Shape 3 kept follow-ups in tables with triggers on `files`: left behind, a trigger would
    refuse every write once its table is gone."""
    kept(root)
    db = sqlite3.connect(root / ".crmctl" / "index.sqlite")
    db.execute(
        "CREATE TABLE followup_memo (customer TEXT PRIMARY KEY, valid_from TEXT, valid_until TEXT)"
    )
    db.execute(
        "CREATE TRIGGER followup_inserted AFTER INSERT ON files BEGIN"
        " DELETE FROM followup_memo WHERE customer = new.id; END"
    )
    db.execute("DELETE FROM meta WHERE key = 'memo_shape'")
    db.commit()
    agree(root)
    assert not db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'followup%'").fetchall()
    Crm(root).ok(
        "visit",
        "log",
        kept(root)[0].customer_id,
        "--reached",
        "--channel",
        "phone",
        "--summary",
        "回访",
        user="wang",
    )
    agree(root)


def test_entries_known_complete_are_not_sought_again_until_a_row_or_the_day_changes(
    root, monkeypatch
):
    """A warm `due` skips the scan for customers without an entry (~0.15 s at 100,000) only while
    no row an entry came from changed and the day is one every entry holds for."""
    renewals = []
    renew = customer_memo.CustomerMemo._renew
    monkeypatch.setattr(
        customer_memo.CustomerMemo,
        "_renew",
        lambda self, memo, compute: renewals.append(memo.at) or renew(self, memo, compute),
    )
    agree(root)
    agree(root)
    assert len(renewals) == 1
    path = visit_files(root)[3]
    path.write_text(path.read_text().replace("summary: ", "summary: 改过 ", 1))
    agree(root)
    assert len(renewals) == 2
    later = "2027-01-20T09:00:00+08:00"
    agree(root, later)
    agree(root, later)
    assert len(renewals) == 3


@pytest.mark.parametrize(
    "customers, sizes",
    [
        (100_000, [customer_memo.BATCH] * 20),
        (
            10_000,
            [2500] * 4,
        ),  # on every core: a cold `due` at 10,000 customers computed them on one
        (3_500, [1000] * 3 + [500]),
        (1_500, [1000, 500]),  # fewer than POOL_MIN_BATCHES: computed in the command's process
        (0, []),
    ],
)
def test_customers_are_cut_into_batches_that_keep_every_core_busy(customers, sizes):
    ids = [f"C{n:015d}" for n in range(customers)]
    found = customer_memo.batches(ids)
    assert [len(batch) for batch in found] == sizes and [c for batch in found for c in batch] == ids


def _answers_with_and_without_a_due(customers: list[dict], visits: list[dict]) -> list[tuple]:
    """Two answers a customer, the first of them without the first listed field for every third
    one."""
    return [
        (
            customer["id"],
            "2000-01-01",
            "2100-01-01",
            [
                {
                    "due": None if n % 3 == 0 else f"2026-11-{n % 28 + 1:02d}",
                    "owner": customer.get("owner"),
                },
                {"due": f"2026-12-{n % 28 + 1:02d}", "owner": None},
            ],
        )
        for n, customer in enumerate(customers)
    ]


@pytest.mark.parametrize(
    "where",
    [
        [Below("due", "2026-11-20", inclusive=True)],
        [Below("due", "2026-12-03")],
        [Below("due", "2026-12-10"), Match("owner", ("wang", "liuyang"))],
        [],
    ],
)
def test_answers_kept_in_the_order_of_their_first_field_are_chosen_as_in_python(root, where):
    """A bound on the first listed field is also a range of the order they are kept in; an answer
    without that field is refused by the bound all the same, in the listing and in the answers."""
    memo = Memo("test", "one", "2026-11-23", ("due", "owner"))
    store = Store(root)
    every = [
        answer
        for _, _, _, answers in _answers_with_and_without_a_due(
            store.records(KINDS["customer"]), []
        )
        for answer in answers
    ]
    expected = sorted((a["due"] or "", a["owner"] or "") for a in every if holds(where, a))
    assert any(a["due"] is None for a in every) and len(expected) > 0 or not where
    assert (
        sorted(
            (a["due"] or "", a["owner"] or "")
            for a in store.customer_answers(memo, _answers_with_and_without_a_due, where)
        )
        == expected
    )

    def draw(query, arms, order):
        union = " UNION ALL ".join(sql for sql, _ in arms)
        return list(
            query(
                f"SELECT coalesce(due, ''), coalesce(owner, '') FROM ({union}) ORDER BY {order}",
                [arg for _, args in arms for arg in args],
            )
        )

    listed = store.customer_listing(
        memo, _answers_with_and_without_a_due, [], where, ("due", "owner"), draw
    )
    assert listed == sorted(listed) and sorted(listed) == expected
