"""Property tests: any customer crmctl can write loads back equal and re-writes to identical bytes.

Directly through `archive.canonical` + `archive.yamlio`, and end to end through `customer add` and
`customer show --format json`. The strings mix arbitrary Unicode with values YAML 1.1 or 1.2
readers would mistype if they went out unquoted.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmctl.archive import canonical, yamlio
from crmctl.archive.schemas import validate
from crmctl.cli import cli

MISTYPED = [
    "no",
    "No",
    "off",
    "OFF",
    "on",
    "yes",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "0123",
    "0o17",
    "0x1F",
    "0b101",
    "1e3",
    "1E-3",
    "1_000",
    "+1",
    "-0",
    ".5",
    "1.",
    ".inf",
    "-.Inf",
    ".nan",
    "12:30",
    "12:30:45",
    "190:20:30",
    "2026-11-23",
    "2026-11-23T09:30:00+08:00",
    "2026-11-23 09:30",
    " leading",
    "trailing ",
    " ",
    "#",
    "a #b",
    "# comment",
    ": ",
    "a: b",
    "key:",
    "- x",
    "-",
    "---",
    "...",
    "[x]",
    "{x: 1}",
    "'",
    '"',
    "!tag",
    "!!str x",
    "&a",
    "*a",
    "|",
    ">",
    "> x",
    "%YAML",
    "@at",
    "`tick",
    "=",
    "<<",
    "?",
    "? x",
    ",",
    "\t",
    "a\tb",
    "\\",
    "\\n",
    "😀",
    "客户 🎉",
    "\u00a0",
    "\u2028",
    "\u0085",
    "\ufeff",
    "\u200b",
    "\x7f",
    "\x00",
    "\x1b[31m",
]
# Lone surrogates are not text a file can hold; the CLI refuses them (test_hostile_input).
any_char = st.characters(blacklist_categories=("Cs",))
# What no record may hold (common.schema.json): control characters but tab and line break, and
# bidirectional overrides; what would be left of a text once they are taken out is generated
# instead.
UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
line = (
    st.one_of(
        st.sampled_from(MISTYPED),
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")),
        st.lists(st.sampled_from(MISTYPED), min_size=2, max_size=4).map("".join),
    )
    .map(lambda s: UNSTORABLE.sub("", s))
    .filter(lambda s: len(s) <= 500)
)
text = st.one_of(
    line,
    st.lists(line, min_size=2, max_size=5).map("\n".join),
    st.lists(line, min_size=1, max_size=3).map(lambda parts: "\n".join(parts) + "\n"),
    st.text(any_char, max_size=300).map(lambda s: UNSTORABLE.sub("", s)),
)
date = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
timestamp = st.datetimes(
    dt.datetime(2000, 1, 1),
    dt.datetime(2100, 1, 1),
    timezones=st.sampled_from([dt.timezone(dt.timedelta(hours=h)) for h in (8, 0, -5)]),
).map(lambda at: at.replace(microsecond=0).isoformat())
volume = st.one_of(  # within the schema's bound (10**8 万元)
    st.integers(0, 10**8), st.floats(0, 1e8, allow_nan=False, allow_infinity=False)
)
phone = st.from_regex(r"\A\+?[0-9][0-9 ()#*xX\-转]{2,20}\Z")

customer = st.fixed_dictionaries(
    {
        "name": line.filter(lambda s: s != ""),
        "status": st.sampled_from(["prospect", "active", "lost"]),
        "created": timestamp,
        "history": st.lists(
            st.fixed_dictionaries(
                {
                    "at": timestamp,
                    "by": st.sampled_from(["lina", "wang"]),
                    "action": st.sampled_from(["create", "edit"]),
                },
                optional={"note": text},
            ),
            min_size=1,
            max_size=3,
        ),
    },
    optional={
        "contact": line,
        "address": line,
        "region": line,
        "wechat": line,
        "notes": text,
        "lost_reason": text,
        "tags": st.lists(line, max_size=4, unique=True),
        "annual_volume": volume,
        "birthday": date,
        "mobile": phone,
        "updated": timestamp,
    },
)


@settings(max_examples=300, deadline=None)
@given(customer)
def test_any_valid_customer_loads_back_equal_and_rewrites_to_identical_bytes(record):
    assert validate("customer", record) == []
    data = canonical.to_bytes("customer", record)
    loaded = yamlio.loads(data)
    assert loaded == record
    assert canonical.to_bytes("customer", loaded) == data


# What `customer add` takes as text: no line breaks in one-line fields; names are stripped.
cli_line = line.filter(lambda s: "\x00" not in s)
cli_fields = st.fixed_dictionaries(
    {},
    optional={
        "contact": cli_line,
        "address": cli_line,
        "region": cli_line,
        "notes": text.filter(lambda s: "\x00" not in s),
    },
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=cli_line.filter(lambda s: s.strip() != ""), fields=cli_fields)
def test_what_customer_add_stores_is_what_show_returns(crm, name, fields):
    fields = {
        key: value for key, value in fields.items() if value != ""
    }  # an empty --set clears a field
    base = ["--root", str(crm.root), "--as", "lina", "--now", "2026-11-23T09:30:00+08:00"]
    sets = [f"--set={key}={value}" for key, value in fields.items()]
    added = CliRunner().invoke(
        cli, [*base, "customer", "add", "--allow-duplicate", *sets, "--", name]
    )
    assert added.exit_code == 0, added.stderr
    record_id = added.stdout.strip()
    shown = CliRunner().invoke(cli, [*base, "--format", "json", "customer", "show", record_id])
    assert shown.exit_code == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["name"] == name.strip()
    assert {key: record.get(key) for key in fields} == fields
    path = crm.root / "records" / "customers" / f"{record_id}.yaml"
    assert canonical.to_bytes("customer", yamlio.loads(path.read_bytes())) == path.read_bytes()
