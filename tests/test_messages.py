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
from crmctl.screen import text_width

PACKAGE = Path(messages.__file__).resolve().parent.parent
# Modules whose texts for people are still written inline: the list only shrinks (it is empty).
NOT_YET_MOVED: set[str] = set()


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
        yield " ".join(path), inspect.cleandoc(getattr(command, "template", command.help) or "")
        for name in getattr(command, "translated", ()):
            if command.fields[name].strip():
                yield " ".join(path), command.fields[name].strip()
        for param in command.params:
            if getattr(param, "help", None):
                yield f"{' '.join(path)} {param.name}", param.help


# Commands whose help is still English, at least in part: the list only shrinks (it is empty).
HELP_NOT_YET_TRANSLATED: set[str] = set()


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
        texts = [part for text in texts for part in _branches(text)]
        if any(
            isinstance(text, (ast.Constant, ast.JoinedStr)) and _is_text(text) for text in texts
        ):
            lines.append(node.lineno)
        helps = [kw.value for kw in node.keywords if kw.arg == "help"]
        # A help text is looked up when the help is written: the catalogue must have it as it
        # stands (one put together, an f-string, is checked as shown: test_every_help_text_…).
        if any(
            isinstance(text, ast.Constant) and not messages.translated(text.value) for text in helps
        ):
            lines.append(node.lineno)
    return lines


def _branches(node) -> list:
    """The texts an argument may be: both sides of `a if c else b` and of `a + b`."""
    if isinstance(node, ast.IfExp):
        return [*_branches(node.body), *_branches(node.orelse)]
    if isinstance(node, ast.BinOp):  # texts added together
        return [*_branches(node.left), *_branches(node.right)]
    return [node]


def _is_text(node) -> bool:
    """A literal with words, or an f-string whose own parts have words (`f"{what}: {why}"` only
    puts texts together)."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and _is_text(part) for part in node.values)
    return isinstance(node.value, str) and bool(
        re.search(r"[A-Za-z]{3,}|[\u4e00-\u9fff]", node.value)
    )


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


def test_chinese_help_is_wrapped_by_display_width():
    """Click wraps at spaces only and counts a Chinese character as one column; a Chinese help
    paragraph fits the width (examples, kept as written, aside)."""
    too_wide = []
    for path, command in all_commands():
        if command.hidden:
            continue
        shown = CliRunner().invoke(cli, ["--lang", "zh", *path, "--help"], terminal_width=80)
        body = shown.output.split(messages.text(EXAMPLES, "zh"))[0]
        too_wide += [
            (path, line)
            for line in body.splitlines()
            if text_width(line) > 80 and not line.strip().startswith("-")  # an option's name
        ]
    assert too_wide == []


def test_the_usage_line_names_its_placeholders_in_chinese():
    shown = CliRunner().invoke(cli, ["--lang", "zh", "visit", "--help"]).output
    assert shown.startswith("用法: cli visit [选项] 命令 [参数]...")
    assert "[OPTIONS] COMMAND [ARGS]..." in CliRunner().invoke(cli, ["visit", "--help"]).output
