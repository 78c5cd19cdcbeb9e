"""The message catalogue: every message in both languages, and no text for people that bypasses
it."""

from __future__ import annotations

import ast
import inspect
import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from crmctl import messages
from crmctl.cli import COMMANDS, cli
from crmctl.cli.localized import EXAMPLES, fully_translated

PACKAGE = Path(messages.__file__).resolve().parent.parent
# Modules whose texts for people are still written inline (being moved into the catalogue).
NOT_YET_MOVED = {
    "cli/complaint.py",
    "cli/customer.py",
    "cli/due.py",
    "cli/receivable.py",
    "cli/report.py",
    "cli/sync.py",
    "cli/transfer.py",
    "cli/types.py",
    "cli/visit.py",
    "actions/assignment.py",
    "actions/complaints.py",
    "actions/customers.py",
    "actions/escalation.py",
    "actions/fields.py",
    "actions/import_columns.py",
    "actions/import_rows.py",
    "actions/import_values.py",
    "actions/importing.py",
    "actions/io_kinds.py",
    "actions/lookup.py",
    "actions/receivables.py",
    "actions/reports.py",
    "actions/session.py",
    "actions/sync.py",
    "actions/validation.py",
    "actions/visits.py",
}


def calls_of_underscore() -> list[tuple[str, str]]:
    """(module, msgid) of every `_("…")` in the package."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "_"
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append((str(path.relative_to(PACKAGE)), node.args[0].value))
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_in_the_code_has_its_chinese():
    missing = [
        (module, msgid) for module, msgid in calls_of_underscore() if not messages.translated(msgid)
    ]
    assert not missing


def test_every_entry_is_chinese_with_the_same_fields():
    for english, chinese in messages.catalogue().items():
        assert chinese.strip() or english.strip() == "", english
        assert fields(chinese) == fields(english), english
        if re.search(r"[A-Za-z]{4,}", english) and not english.startswith("crmctl"):
            assert re.search(r"[\u4e00-\u9fff]", chinese), english


def all_commands():
    """Every command and subcommand, with its path."""
    stack = [((name,), cli.get_command(None, name)) for name in COMMANDS]
    while stack:
        path, command = stack.pop()
        yield path, command
        if isinstance(command, click.Group):
            stack.extend(((*path, name), sub) for name, sub in command.commands.items())


def help_texts():
    yield "crmctl", inspect.cleandoc(cli.help)
    yield from ((f"crmctl {name}", entry[2]) for name, entry in COMMANDS.items() if entry[2])
    for path, command in all_commands():
        if command.hidden:
            continue
        yield " ".join(path), inspect.cleandoc(command.help or "")
        for param in command.params:
            if getattr(param, "help", None):
                yield f"{' '.join(path)} {param.name}", param.help


# Commands whose help is still English, at least in part (import/export KIND are written from a
# template of each kind's fields): the list only shrinks.
HELP_NOT_YET_TRANSLATED = {
    "complaint answer",
    "complaint convert",
    "report ledger",
    "report weekly",
    "assign", "complaint", "complaint show", "complaint investigate", "complaint judge",
    "complaint list", "complaint log",
    "complaint undo", "customer add", "customer edit", "customer grade", "customer list",
    "customer show", "due", "edit", "escalate", "export complaints", "export customers",
    "export visits", "handover", "history", "import complaints", "import customers",
    "import visits", "receivable list", "report aging", "report customers", "visit edit",
    "visit list", "visit log", "visit void",
}  # fmt: skip


def command_of(where: str) -> str:
    """The command a help text belongs to (`customer add grade` -> `customer add`)."""
    words = where.split()
    groups = {"visit", "customer", "complaint", "report", "import", "export", "receivable", "plan"}
    return " ".join(words[:2]) if words[0] in groups else words[0]


def test_every_help_text_has_its_chinese():
    missing = {command_of(where) for where, text in help_texts() if not fully_translated(text)}
    assert missing == HELP_NOT_YET_TRANSLATED


def test_every_commands_help_reads_chinese_under_zh():
    for path, command in all_commands():
        if command.hidden or command_of(" ".join(path)) in HELP_NOT_YET_TRANSLATED:
            continue
        shown = CliRunner().invoke(cli, ["--lang", "zh", *path, "--help"]).output
        assert "用法:" in shown and "Show this message" not in shown, path
        first = inspect.cleandoc(command.help or "").split("\n")[0]
        assert first not in shown, (path, first)


def test_the_help_of_crmctl_itself_is_all_chinese_under_zh():
    own = [inspect.cleandoc(cli.help), *(param.help for param in cli.params if param.help)]
    own += [entry[2] for entry in COMMANDS.values() if entry[2]]
    assert [text for text in own if not messages.translated(text)] == []
    shown = CliRunner().invoke(cli, ["--lang", "zh", "--help"]).output
    for english in ("Usage:", "Options:", "Commands:", EXAMPLES, "Show this message", "Data root"):
        assert english not in shown
    assert "用法:" in shown and "数据目录" in shown and "客户档案" in shown


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL", "LC_MESSAGES"])
def test_a_chinese_locale_speaks_chinese_by_default(variable):
    env = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "CRMCTL_LANG": ""}
    env[variable] = "zh_CN.UTF-8"
    assert "用法:" in CliRunner().invoke(cli, ["--help"], env=env).output
    assert "Usage:" in CliRunner().invoke(cli, ["--lang", "en", "--help"], env=env).output


def test_lc_all_overrides_lang():
    assert messages.default_lang({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert messages.default_lang({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}) == "zh"
    assert messages.default_lang({}) == "en"


def test_a_message_is_filled_in_the_language_chosen():
    assert messages.text("crmctl: error: {message}", "zh", message="x") == "crmctl: 错误: x"
    assert messages.text("crmctl: error: {message}", "en", message="x") == "crmctl: error: x"


def test_errors_are_printed_in_the_language_chosen(tmp_path):
    result = CliRunner().invoke(cli, ["--lang", "zh", "--root", str(tmp_path), "check"])
    assert result.exit_code != 0 and result.output.startswith("crmctl: 错误: ")


USER_FACING = {"echo", "say", "secho", "fail"}
ERRORS = re.compile(r"(Error|NotFound|Denied|Invalid|Ambiguous|Exception)$")


def inline_texts(path: Path) -> list[int]:
    """Lines where a text for people bypasses the catalogue: a literal or f-string given to
    click.echo, App.say or an error class without `_()` around it, or a help= text the catalogue
    does not have."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        texts = node.args[:1] if name in USER_FACING or ERRORS.search(name or "") else []
        if any(
            isinstance(text, (ast.Constant, ast.JoinedStr)) and _is_text(text) for text in texts
        ):
            lines.append(node.lineno)
        helps = [kw.value for kw in node.keywords if kw.arg == "help"]
        # A help text is looked up when the help is written: the catalogue must have it as it
        # stands.
        if any(isinstance(text, ast.JoinedStr) for text in helps) or any(
            isinstance(text, ast.Constant) and not messages.translated(text.value) for text in helps
        ):
            lines.append(node.lineno)
    return lines


def _is_text(node) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node.value, str) and bool(re.search(r"[A-Za-z]{3,}", node.value))


def test_no_text_for_people_bypasses_the_catalogue():
    modules = [
        path
        for folder in ("cli", "actions")
        for path in sorted((PACKAGE / folder).glob("*.py"))
        if f"{folder}/{path.name}" not in NOT_YET_MOVED
    ]
    found = {str(path.relative_to(PACKAGE)): inline_texts(path) for path in modules}
    assert {module: lines for module, lines in found.items() if lines} == {}


def test_the_list_of_modules_not_yet_moved_only_shrinks():
    """A module moved into the catalogue leaves the list (so the scan above covers it)."""
    still = {module for module in NOT_YET_MOVED if inline_texts(PACKAGE / module)}
    assert still == NOT_YET_MOVED
