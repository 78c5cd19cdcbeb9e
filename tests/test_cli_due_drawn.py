"""`crmctl due` as a table is drawn in SQLite from the kept follow-ups and the complaint deadlines
(cli/due.py, render.drawn_in_sqlite): it must be byte for byte the table drawn from the items in
Python, whatever the filters, the language and the texts."""

from __future__ import annotations

import pytest

from bench.generate import generate
from crmctl import render
from crmctl.cli import due as due_command
from tests.conftest import Crm

WIDE = "400d"
FILTERS = [
    (),
    ("--within", WIDE),
    ("--within", "7d", "--overdue"),
    ("--mine",),
    ("--owner", "liuyang", "--owner", "chenjing"),
    ("--kind", "complaint", "--within", WIDE),
    ("--kind", "cadence", "--kind", "lost", "--grade", "A"),
    ("--grade", "B1", "--within", "30d"),
    ("--owner", "nobody@example.invalid"),
]


@pytest.fixture(scope="module")
def crm(tmp_path_factory):
    root = tmp_path_factory.mktemp("drawn") / "crm"
    generate(root, customers=150, seed=11, workers=1)
    return Crm(root)


@pytest.fixture
def drawn_tables(monkeypatch):
    """Counts the tables that SQLite drew (not None), to prove the fast way was taken."""
    counted = []
    real = render.drawn_in_sqlite

    def counting(*args, **kwargs):
        found = real(*args, **kwargs)
        counted.append(found is not None)
        return found

    monkeypatch.setattr(render, "drawn_in_sqlite", counting)
    return counted


def in_python(crm, *args, lang="en", user="wang"):
    """The table of the items drawn in Python, as `due` drew it before tables were drawn in
    SQLite."""
    saved = due_command.due_action.due_drawn
    due_command.due_action.due_drawn = lambda *a, **k: None
    try:
        return crm("--lang", lang, "due", *args, user=user)
    finally:
        due_command.due_action.due_drawn = saved


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", FILTERS, ids=" ".join)
def test_the_table_drawn_in_sqlite_is_the_table_of_the_items(crm, drawn_tables, lang, args):
    result = crm("--lang", lang, "due", *args, user="wang")
    expected = in_python(crm, *args, lang=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    if result.exit_code == 0:
        assert drawn_tables == [True]


def test_texts_a_table_shows_otherwise_are_drawn_from_the_items(drawn_tables, tmp_path):
    """A name with quotes and printf's marks, labels in Chinese: drawn in SQLite; a reason with a
    tab (shown as tabulate shows it): drawn from the items. The same table either way."""
    local = Crm(tmp_path / "crm")
    generate(local.root, customers=30, seed=3, workers=1)
    quoted = local.ok(
        "customer",
        "add",
        "O'Brien & Sons '%s' %-!*s",
        "--grade",
        "A1",
        "--owner",
        "wang",
        now="2026-11-01T10:00",
    ).strip()
    assert local.ok("--lang", "zh", "due", user="wang") == in_python(local, lang="zh").stdout
    assert "O'Brien & Sons '%s' %-!*s" in local.ok("due", user="wang") and drawn_tables == [
        True,
        True,
    ]
    local.ok("complaint", "log", quoted, "--summary", "地板\t起鼓", user="wang")
    table = local.ok("due", user="wang")
    assert table == in_python(local).stdout and "地板\t起鼓" in table
    assert drawn_tables[-1] is False


def test_without_a_usable_index_the_table_is_drawn_from_the_items(crm, monkeypatch):
    expected = in_python(crm).stdout
    monkeypatch.setattr("crmctl.store.records.Store._kept", lambda self, ask: None)
    assert crm.ok("due", user="wang") == expected
