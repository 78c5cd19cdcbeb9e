"""Hostile and broken files: `check`, the readers and the writers refuse them clearly, quickly, and
write nothing.

The small corpus is in tests/data/hostile/; the alias bomb, the 50 MB file and the deeply nested
one are made here, not committed. CRLF line ends are accepted: a Windows checkout without
`.gitattributes` (or with autocrlf) produces them, the YAML means the same, and the next write
turns the file back into canonical LF bytes.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmctl.archive import ids
from tests.conftest import REPO, is_cache

CORPUS = Path(__file__).parent / "data" / "hostile"
ID = "C1M830CDE08756TW"
WHERE = f"records/customers/{ID}.yaml"

# corpus file -> the problems `check` reports for it as a customer record (after `path:`)
REFUSED = {
    "anchor_alias.yaml": ["1: anchors (&n) and aliases are not allowed in crmctl files"],
    "conflict_markers.yaml": [
        "2: conflict in field status: both sides of a merge changed it; keep the right value"
    ],
    "bad_bool_tag.yaml": ["3: !!bool 'maybe' is not a valid value of its tag"],
    "bad_float_tag.yaml": ["3: !!float 'abc' is not a valid value of its tag"],
    "bad_int_tag.yaml": ["3: !!int 'abc' is not a valid value of its tag"],
    "bad_timestamp_tag.yaml": ["3: !!timestamp 'nope' is not a valid value of its tag"],
    "huge_decimal.yaml": ["3: the number 999"],
    "huge_integer.yaml": ["3: an integer of 4301 characters: crmctl reads integers of at most 100"],
    "infinite_float.yaml": ["3: !!float 'inf.0' is not a valid value of its tag"],
    "custom_tag.yaml": [
        "1: unsupported YAML: could not determine a constructor for the tag '!secret'"
    ],
    "duplicate_key.yaml": ["3: duplicate key 'name'"],
    "empty.yaml": ["1: a record file must be a mapping of fields"],
    "impossible_date.yaml": ["3: birthday: '2026-02-30' is not a valid date (YYYY-MM-DD)"],
    "invalid_utf8.yaml": ["3: file is not valid UTF-8 (save it as UTF-8)"],
    "malformed.yaml": ["3: malformed YAML: did not find expected ',' or ']'"],
    "not_a_mapping.yaml": ["1: a record file must be a mapping of fields"],
    "nul_byte.yaml": ["1: file contains a NUL byte (binary data?)"],
    "python_tag.yaml": [
        "3: unsupported YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ],
    "tab_indent.yaml": ["6: malformed YAML: found a tab character that violates indentation"],
    "two_documents.yaml": ["8: malformed YAML: but found another document"],
    "unknown_field.yaml": [
        "3: favourite_colour: unknown field 'favourite_colour' (known fields: name, type,"
    ],
    "wrong_types.yaml": [
        "4: annual_volume: 'lots' should be number",
        "2: mobile: 13805711234 should be string (quote it to keep it as text)",
        "5: tags: '会员' should be array",
    ],
}
# The YAML-level ones as the config file: the same message, but for the shape of the whole file.
# Schema-level config problems are tested below with the real template.
NOT_A_CONFIG = ["1: the configuration must be a mapping of settings"]
AS_CONFIG = {
    **{
        name: said
        for name, said in REFUSED.items()
        if name not in ("impossible_date.yaml", "unknown_field.yaml", "wrong_types.yaml")
    },
    "empty.yaml": NOT_A_CONFIG,
    "not_a_mapping.yaml": NOT_A_CONFIG,
}


def _plant(crm, data: bytes, name: str = ID) -> Path:
    path = crm.root / "records" / "customers" / f"{name}.yaml"
    path.write_bytes(data)
    return path


def _state(crm) -> dict:
    """Everything a command could write: records and local state (caches of what it read aside)."""
    return {
        p.relative_to(crm.root).as_posix(): p.read_bytes()
        for p in sorted(crm.root.rglob("*"))
        if p.is_file() and not is_cache(p)
    }


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_check_and_every_reader_refuse_a_broken_record_clearly_and_write_nothing(crm, name):
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted(
        [*REFUSED, "crlf.yaml", "tab_in_value.yaml"]
    )
    _plant(crm, (CORPUS / name).read_bytes())
    before = _state(crm)

    check = crm("check")
    assert check.exit_code == 1
    reported = _lines(check.stdout)
    assert len(reported) == len(REFUSED[name])
    assert all(
        line.startswith(f"{WHERE}:{text}")
        for line, text in zip(reported, REFUSED[name], strict=False)
    )

    listing = crm("customer", "list")
    assert listing.exit_code == 0
    assert f"crmctl: warning: {WHERE}:{REFUSED[name][0]}" in listing.stderr
    assert "1 unreadable record file(s) left out; run 'crmctl check'" in listing.stderr

    show = crm("customer", "show", ID)
    assert show.exit_code == 1
    assert show.stderr.startswith(f"crmctl: error: customer {ID} cannot be read:\n  {WHERE}:")

    edit = crm(
        "customer", "edit", ID, "--set", "notes=fixed"
    )  # never overwrite what could not be read
    assert edit.exit_code == 1 and "cannot be read" in edit.stderr
    for result in (check, listing, show, edit):
        assert "Traceback" not in result.stderr + result.stdout
    assert _state(crm) == before


@pytest.mark.parametrize("name", AS_CONFIG)
def test_a_broken_config_file_is_reported_with_its_line(crm, name):
    (crm.root / "crmctl.yaml").write_bytes((CORPUS / name).read_bytes())
    before = _state(crm)
    check = crm("check")
    assert check.exit_code == 1
    reported = _lines(check.stdout)
    assert len(reported) == 1 and reported[0].startswith(f"crmctl.yaml:{AS_CONFIG[name][0]}")
    listing = crm("customer", "list")
    assert listing.exit_code == 1
    assert listing.stderr == f"crmctl: error: crmctl.yaml is not valid:\n  {reported[0]}\n"
    assert _state(crm) == before


@pytest.mark.parametrize(
    "change, expected",
    [
        (("timezone: Asia/Shanghai", "timezone: 8"), "crmctl.yaml:4: timezone: 8 should be string"),
        (
            ("2026-01-02, ", "2026-02-30, "),
            "crmctl.yaml:118: calendar.holidays[1]: '2026-02-30' is not a valid date",
        ),
        (
            ("timezone:", "favourite_colour: blue\ntimezone:"),
            "crmctl.yaml:4: favourite_colour: unknown field",
        ),
    ],
)
def test_config_values_of_the_wrong_kind_name_line_and_field(crm, change, expected):
    config = crm.root / "crmctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    check = crm("check")
    assert check.exit_code == 1 and check.stdout.startswith(expected)
    assert crm("customer", "add", "华丰建材").exit_code == 1
    assert crm.files() == {}


def _bomb() -> bytes:
    """Billion laughs: nine levels of nine aliases expand to 9**9 strings when a parser follows
    them."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{','.join([f'*{previous}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


# what -> (file bytes, what `check` says after `path:`); the nesting ones crashed libyaml (SIGSEGV)
GENERATED = {
    "alias bomb": (_bomb, "1: anchors (&a) and aliases are not allowed in crmctl files"),
    "deep nesting": (
        lambda: b"name: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "1: nesting is deeper than 64 levels",
    ),
    "deep block nesting": (
        lambda: b"name:\n" + b"- " * 100_000 + b"x\n",
        "2: nesting is deeper than 64 levels",
    ),
    "50 MB file": (
        lambda: b"name: " + b"x" * (50 << 20) + b"\n",
        f" file is {len('name: ') + (50 << 20) + 1} bytes, over the 1048576-byte limit",
    ),
}
MEMORY_LIMIT = (
    1 << 30
)  # address space for the whole interpreter: far below what expanding the bomb needs


def _bounded(*args, timeout=20):
    """crmctl in a subprocess limited in memory and time, as a hostile file must not exhaust
    either."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "crmctl", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    return result, time.monotonic() - started


@pytest.mark.parametrize("what", GENERATED)
def test_bombs_and_giants_are_refused_unread_in_bounded_time_and_memory(crm, what):
    make, expected = GENERATED[what]
    _plant(crm, make())
    before = _state(crm)
    check, seconds = _bounded("--root", crm.root, "check")
    assert check.returncode == 1, check.stderr
    assert _lines(check.stdout) == [check.stdout.strip()] and check.stdout.startswith(
        f"{WHERE}:{expected}"
    )
    assert seconds < 10
    listing, _ = _bounded("--root", crm.root, "customer", "list")
    assert listing.returncode == 0 and f"crmctl: warning: {WHERE}:{expected}" in listing.stderr
    assert _state(crm) == before


@pytest.mark.parametrize("what", GENERATED)
def test_bombs_and_giants_as_the_config_file_are_refused(crm, what):
    make, expected = GENERATED[what]
    (crm.root / "crmctl.yaml").write_bytes(make())
    check, seconds = _bounded("--root", crm.root, "check")
    assert check.returncode == 1 and seconds < 10
    assert _lines(check.stdout) == [check.stdout.strip()] and check.stdout.startswith(
        f"crmctl.yaml:{expected}"
    )
    assert "Traceback" not in check.stderr


def test_ids_and_names_that_try_to_leave_the_data_root_find_nothing_and_write_nothing(
    crm, tmp_path
):
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((CORPUS / "crlf.yaml").read_bytes())
    before = _state(crm)
    for ref in (
        "../../crmctl.yaml",
        "../crmctl",
        "/etc/passwd",
        str(outside),
        "C../../../x",
        "~/x",
    ):
        for args in (("customer", "show", ref), ("customer", "edit", ref, "--set", "notes=x")):
            result = crm(*args)
            assert result.exit_code == 1 and result.stderr.startswith(
                f"crmctl: error: no customer '{ref}'"
            )
    assert _state(crm) == before

    crm.ok(
        "customer", "add", "../../../outside"
    )  # a name is only a name: the file is named by its id
    assert [p.parent for p in (crm.root / "records").rglob("*.yaml")] == [
        crm.root / "records" / "customers"
    ]


def test_a_record_symlinked_to_a_file_outside_the_root_is_not_read(crm, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(
        (CORPUS / "crlf.yaml").read_bytes()
    )  # a valid record: only where it is, is wrong
    (crm.root / "records" / "customers" / f"{ID}.yaml").symlink_to(outside)
    message = f"{WHERE}: is a symbolic link pointing outside the data root; refusing to read it"
    check = crm("check")
    assert check.exit_code == 1 and check.stdout == message + "\n"
    assert crm("customer", "show", ID).exit_code == 1
    assert crm("customer", "edit", ID, "--set", "notes=x").exit_code == 1
    assert outside.read_bytes() == (CORPUS / "crlf.yaml").read_bytes()


def test_a_file_whose_name_is_not_an_id_is_reported_not_read(crm):
    (crm.root / "records" / "customers" / "..evil.yaml").write_bytes(
        b"name: x\n"
    )  # dot-file: ignored
    (crm.root / "records" / "customers" / "evil.yaml").write_bytes(
        (CORPUS / "crlf.yaml").read_bytes()
    )
    check = crm("check")
    assert check.exit_code == 1
    assert (
        check.stdout == "records/customers/evil.yaml: file name is not a customer id "
        "(C followed by 15 characters)\n"
    )


def test_crlf_line_ends_are_accepted_and_the_next_write_makes_them_canonical(crm):
    path = _plant(crm, (CORPUS / "crlf.yaml").read_bytes())
    assert crm("check").exit_code == 0
    assert crm.json("customer", "show", ID)["name"] == "华丰建材"
    crm.ok("customer", "edit", ID, "--set", "region=杭州")
    assert b"\r" not in path.read_bytes()


def test_a_tab_inside_a_quoted_value_is_text_not_an_error(crm):
    _plant(crm, (CORPUS / "tab_in_value.yaml").read_bytes())
    assert crm("check").exit_code == 0
    assert crm.json("customer", "show", ID)["name"] == "华丰\tbuilding"


def test_an_argument_that_is_not_utf8_is_a_usage_error_not_a_traceback(crm):
    # A terminal in another encoding passes bytes Python decodes to lone surrogates (\udcff).
    result = crm("customer", "add", "华丰\udcff建材")
    assert result.exit_code == 2
    assert "is not valid UTF-8 (check the terminal's encoding, LANG)" in result.stderr
    assert crm.files() == {}


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999"])
def test_a_number_field_refuses_infinity_and_nan(crm, value):
    result = crm("customer", "add", "华丰建材", "--set", f"annual_volume={value}")
    assert result.exit_code == 1
    assert result.stderr == f"crmctl: error: annual_volume: '{value}' is not a finite number\n"
    assert crm.files() == {}


@pytest.mark.parametrize(
    "value, written", [("0.00001", "0.00001"), ("1e-7", "0.0000001"), ("2.5e3", "2500")]
)
def test_numbers_typed_with_exponents_are_written_as_plain_decimals_and_stay_numbers(
    crm, value, written
):
    record_id = crm.ok("customer", "add", "华丰建材", "--set", f"annual_volume={value}").strip()
    text = (crm.root / "records" / "customers" / f"{record_id}.yaml").read_text(encoding="utf-8")
    assert f"\nannual_volume: {written}\n" in text
    assert crm("check").exit_code == 0
    assert crm.json("customer", "show", record_id)["annual_volume"] == float(value)


@pytest.mark.parametrize("linked", ["records", "records/customers"])
def test_a_record_folder_symlinked_outside_the_root_is_refused_by_readers_and_check(
    crm, tmp_path, linked
):
    outside = tmp_path / "outside"
    (outside / "customers").mkdir(parents=True)
    (outside / "customers" / f"{ID}.yaml").write_bytes((CORPUS / "crlf.yaml").read_bytes())
    shutil.rmtree(crm.root / "records")
    if linked == "records":
        (crm.root / "records").symlink_to(outside)
    else:
        (crm.root / "records").mkdir()
        (crm.root / "records" / "customers").symlink_to(outside / "customers")
    message = (
        "crmctl: error: refusing to use records/customers:\n"
        "  records/customers leads outside the data root (a symbolic link?)\n"
    )
    for args in (
        ("check",),
        ("customer", "list"),
        ("customer", "show", ID),
        ("customer", "add", "新客户"),
    ):
        result = crm(*args)
        assert (result.exit_code, result.stderr) == (1, message), args
    assert [p.name for p in (outside / "customers").iterdir()] == [f"{ID}.yaml"]


def test_a_fifo_named_like_a_record_is_reported_without_blocking(crm):
    os.mkfifo(
        crm.root / "records" / "customers" / f"{ID}.yaml"
    )  # reading it would wait for a writer forever
    check, _ = _bounded("--root", crm.root, "check")
    assert (check.returncode, check.stdout) == (1, f"{WHERE}: is not a regular file\n")
    listing, _ = _bounded("--root", crm.root, "customer", "list")
    assert (
        listing.returncode == 0
        and f"crmctl: warning: {WHERE}: is not a regular file" in listing.stderr
    )


def test_import_refuses_a_csv_cell_beyond_the_field_limit_without_a_traceback(crm, tmp_path):
    table = tmp_path / "customers.csv"
    table.write_bytes(b"name,notes\n" + "华丰建材,".encode() + b"x" * 200_000 + b"\n")
    result = crm("import", "customers", table)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "crmctl: error: customers.csv:2: not readable as CSV (field larger than field limit"
    )
    assert crm.files() == {}


VALUE_FILES = [name for name in REFUSED if name.startswith(("bad_", "huge_", "infinite_"))]


def test_hostile_values_are_located_problems_and_stop_no_command(crm):
    """One file each holding a 4,301-digit integer, a 400-digit decimal, `!!float inf.0` and tags
    their values do not fit: check names each; every other command leaves them out and goes on."""
    good = crm.ok("customer", "add", "好客户", "--grade", "A1", "--owner", "wang").strip()
    crm.ok("complaint", "log", good, "--summary", "送货晚了")
    planted = {}
    for n, name in enumerate(VALUE_FILES):
        record_id = ids.compose("C", 1_700_000_000_000 + n, n)
        _plant(crm, (CORPUS / name).read_bytes(), record_id)
        planted[record_id] = REFUSED[name][0]
    check = crm("check", fmt="json")
    assert check.exit_code == 1
    found = {Path(p["path"]).stem: f"{p['line']}: {p['message']}" for p in json.loads(check.stdout)}
    assert found.keys() == planted.keys()
    assert all(found[key].startswith(said) for key, said in planted.items())
    for args in (
        ["customer", "list"],
        ["customer", "show", good],
        ["due", "--within", "30d"],
        ["report", "monthly", "--month", "2026-11"],
        ["complaint", "list"],
        ["history", good],
    ):
        result = crm(*args, fmt="json")
        assert result.exit_code == 0, (args, result.stderr)
        json.loads(result.stdout, parse_constant=lambda c, args=args: pytest.fail(f"{c} in {args}"))
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["1e40", "1e400", "nan", "-1"])
def test_a_number_out_of_the_schemas_bounds_is_refused_on_input(crm, value):
    good = crm.ok("customer", "add", "好客户").strip()
    before = crm.files()
    result = crm("customer", "edit", good, "--set", f"annual_volume={value}")
    assert result.exit_code == 1 and "annual_volume" in result.stderr
    assert crm.files() == before


@pytest.mark.parametrize(
    "args, said",
    [
        (["customer", "add", "华丰\x1b]52;c;ZXZpbA==\x07"], "holds the control character U+001B"),
        (["customer", "add", "\u202e司公材建丰华"], "holds the control character U+202E"),
        (["customer", "add", "华丰", "--email", "a@b.c\nowner: lina"], "is not a valid email"),
        (
            ["customer", "add", "华丰", "--set", "notes=好\x00"],
            "holds the control character U+0000",
        ),
    ],
)
def test_control_characters_and_bidi_overrides_are_refused_on_input(crm, args, said):
    result = crm(*args)
    assert result.exit_code == 1 and said in result.stderr, result.stderr
    assert crm.files() == {}


def test_a_huge_refused_value_is_echoed_shortened(crm):
    result = crm("customer", "add", "华" * 100_000)
    assert result.exit_code == 1 and "longer than 500 characters" in result.stderr
    assert len(result.stderr) < 1000


def test_a_control_character_written_by_hand_is_a_located_problem(crm):
    record = (CORPUS / "crlf.yaml").read_text(encoding="utf-8").replace("\r\n", "\n")
    _plant(
        crm, record.replace("name: 华丰建材", 'name: "华丰\\e[2J建材"').encode()
    )  # YAML's \e: ESC
    check = crm("check")
    assert check.exit_code == 1
    assert f"{WHERE}:1: name: " in check.stdout and "U+001B" in check.stdout
    listing = crm("customer", "list")
    assert listing.exit_code == 0 and "\x1b" not in listing.stdout + listing.stderr
