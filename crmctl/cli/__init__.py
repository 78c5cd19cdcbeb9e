"""The `crmctl` command: global options, error handling, and the command groups."""

from __future__ import annotations

import importlib
import os
import re
import shlex
import sys

import click

from .. import __version__, messages
from ..errors import Ambiguous, CrmError, Denied
from ..messages import _
from ..screen import visible
from .common import App, examples
from .localized import Group

# Each command: the module (of crmctl.cli) and attribute it is loaded from when used, and the line
# `crmctl --help` lists it with, so that the help loads no command.
COMMANDS = {
    "assign": (
        "assign",
        "assign",
        "Give customers and complaints to staff (supervisors and managers).",
    ),
    "completion": ("completion", "completion", "Print the shell's completion script."),
    "audit": ("audit", "audit", "Prove from git that every record's history only ever grew."),
    "check": ("check", "check", "Validate crmctl.yaml and every record."),
    "complaint": ("complaint", "complaint", "Complaints, suggestions and inquiries (建议和投诉)."),
    "customer": ("customer", "customer", "The customer archive (客户档案)."),
    "due": ("due", "due", "What must be done, and what is already late."),
    "escalate": ("escalate", "escalate", "Move a complaint's handler one level up."),
    "export": ("transfer", "export", "Export records to CSV, XLSX, JSON Lines or YAML."),
    "handover": ("assign", "handover", "Hand a leaving colleague's customers and complaints over."),
    "history": ("history", "history", "Who changed a record and when."),
    "edit": ("edit", "edit", "Edit a record in $VISUAL or $EDITOR, validated on save."),
    "import": ("transfer", "import_", "Import records from a table, all or nothing."),
    "init": ("init", "init", "Create a data root."),
    "keep": ("keep", "keep", "Finish a merge of record files by keeping one side's fields."),
    "receivable": (
        "receivable",
        "receivable",
        "Receivables (应收账款): amounts owed and payments.",
    ),
    "plan": ("plan", "plan", "Development and service plans (开发计划, 服务计划)."),
    "report": ("report", "report", "Complaint ledger, weekly, monthly and customer-base reports."),
    "sync": ("sync", "sync", "Pull, check and push the archive."),
    "visit": ("visit", "visit", "Visits and calls (拜访 / 回访记录)."),
    "merge-driver": ("merge_driver", "merge_driver", None),  # for git, not listed
}
COMPLETING = "_CRMCTL_COMPLETE"  # set by the completion scripts when the shell asks for candidates


def _lang_of(args) -> str:
    """The language the command line asks for: --lang, then CRMCTL_LANG, then the locale. Read
    before click parses, so that `--help` and errors of parsing are in it too."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return os.environ.get("CRMCTL_LANG") or messages.default_lang()


class CrmGroup(Group):
    """Loads a command when it is used; turns every expected error into `crmctl: error: …` and its
    exit code, never a traceback."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, cmd_name):
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _summary = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        if COMPLETING in os.environ:
            from .completion import attach

            attach(command, (cmd_name,))
        return command

    def shell_complete(self, ctx, incomplete):
        """Command names from the table (loading none of them), then options."""
        from click.shell_completion import CompletionItem

        listed = [
            CompletionItem(name, help=_(summary))
            for name, (_module, _attribute, summary) in COMMANDS.items()
            if summary and name.startswith(incomplete)
        ]
        return listed + click.Command.shell_complete(self, ctx, incomplete)

    def format_commands(self, ctx, formatter):
        listed = [(name, entry[2]) for name, entry in COMMANDS.items() if entry[2]]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(listed))

    def main(self, *args, **kwargs):
        if COMPLETING in os.environ:
            from .completion import attach

            attach(self, ())
        before = messages.lang()
        try:
            return super().main(*args, **kwargs)
        finally:
            messages.use(before)  # a caller in the same process (tests, scripts) keeps its language

    def make_context(self, info_name, args, parent=None, **extra):
        messages.use(_lang_of(args))
        return super().make_context(info_name, args, parent, **extra)

    def parse_args(self, ctx, args):
        # Bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold.
        for arg in args:
            if any("\udc80" <= char <= "\udcff" for char in arg):
                raise click.UsageError(
                    _(
                        "argument {arg!r} is not valid UTF-8 (check the terminal's encoding, LANG)",
                        arg=arg.encode("utf-8", "replace").decode(),
                    )
                )
        ctx.meta["argv"] = list(args)  # for a refusal to name the command to ask someone for
        return super().parse_args(ctx, global_options_first(args))

    def _choosing(self, ctx):
        """The command; an ambiguous reference on a terminal is picked from a numbered list, and
        the command runs again with it (see choice.py)."""
        try:
            return super().invoke(ctx)
        except Ambiguous as exc:
            from .choice import chosen_args

            again = chosen_args(ctx.meta.get("argv", []), exc)
            if again is None:
                raise
        with self.make_context(ctx.info_name, again, parent=ctx.parent) as chosen:
            return self.invoke(chosen)

    def invoke(self, ctx):
        try:
            try:
                return self._choosing(ctx)
            finally:
                # Also after a failure: whatever transactions completed are on disk and belong in
                # git.
                if ctx.obj is not None:
                    try:
                        ctx.obj.commit_changes()
                    finally:
                        ctx.obj.close()
        except CrmError as exc:
            message = _("crmctl: error: {message}", message=f"{_told(exc)}{asking(ctx, exc)}")
            click.echo(visible(message), err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            ctx.exit(0)
        except OSError as exc:
            # A path the user named that cannot be made, read or written (-o into a missing
            # directory, init on a read-only disk): the system's reason is the message.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(
                visible(_("crmctl: error: {message}", message=f"{where}{exc.strerror or exc}")),
                err=True,
            )
            ctx.exit(1)


def asking(ctx, exc: CrmError) -> str:
    """For a role's refusal that names no command to ask for: who may, and the very command."""
    if not isinstance(exc, Denied) or "crmctl " in str(exc):
        return ""
    kept, args = [], iter(ctx.meta.get("argv", []))
    personal = ("--as", "--root", "--now", "--lang")  # the asker's, not the command's
    for arg in args:
        if arg in personal:
            next(args, None)  # and its value
        elif not arg.startswith(tuple(f"{option}=" for option in personal)):
            kept.append(arg if re.fullmatch(r"[\w.,:=/+@%-]+", arg) else shlex.quote(arg))
    return _("; ask {whom} to run it: crmctl {command}", whom=_whom(ctx), command=" ".join(kept))


def _whom(ctx) -> str:
    """Whom the acting user asks: their supervisor as crmctl.yaml names them, else any."""
    session = ctx.obj.session
    try:
        boss = session.config.team.get(session.user.reports_to or "")
    except CrmError:  # no acting user to speak of (one who has left the team)
        boss = None
    if boss is None:
        return _("a supervisor or manager")
    return _("your {role} {staff}", role=_(boss.role), staff=str(boss))


MOVABLE = {
    "--root": 1,
    "--as": 1,
    "--now": 1,
    "--lang": 1,
    "--commit": 0,
    "--no-commit": 0,
    "--wide": 0,
    "--color": 1,
}


def global_options_first(args: list[str]) -> list[str]:
    """The global options given after the subcommand (`crmctl due --mine --as liuyang`), moved
    before it, so they take effect before any of the subcommand's options is read."""
    front, rest, index = [], [], 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        name = arg.split("=", 1)[0]
        takes = MOVABLE.get(name)
        if takes is None:
            rest.append(arg)
            index += 1
            continue
        width = 1 if "=" in arg else 1 + takes
        front.extend(args[index : index + width])
        index += width
    return front + rest


@click.group(
    cls=CrmGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=examples(
        "crmctl customer list --grade A",
        "crmctl --as lina customer add 杭州华丰建材有限公司 --grade B1",
        "crmctl --format json customer show 华丰",
        "crmctl check",
    ),
)
@click.option(
    "--root",
    envvar="CRMCTL_ROOT",
    metavar="DIR",
    help="Data root (env CRMCTL_ROOT; default: found upwards from here).",
)
@click.option(
    "--as",
    "user",
    envvar="CRMCTL_USER",
    metavar="USER",
    help="Act as this staff member: id, email or name (env CRMCTL_USER; default: git user.email / "
    "user.name).",
)
@click.option(
    "--now",
    envvar="CRMCTL_NOW",
    metavar="TIMESTAMP",
    help="Pretend it is this time, e.g. 2026-11-23T09:30 (env CRMCTL_NOW).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    envvar="CRMCTL_FORMAT",
    type=click.Choice(("table", "json", "csv", "yaml", "ids")),
    help="Output format (env CRMCTL_FORMAT).",
)
@click.option(
    "--lang",
    envvar="CRMCTL_LANG",
    type=click.Choice(("en", "zh")),
    help="Language of messages, help and labels (env CRMCTL_LANG; default from the locale).",
)
@click.option(
    "--wide",
    is_flag=True,
    envvar="CRMCTL_WIDE",
    help="Tables in full on a terminal too: every column, whole texts and ids (env CRMCTL_WIDE).",
)
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    envvar="CRMCTL_COLOR",
    help="Colour late and warning rows: auto (on a terminal, unless NO_COLOR is set), always or "
    "never (env CRMCTL_COLOR).",
)
@click.option(
    "--commit/--no-commit",
    default=None,
    envvar="CRMCTL_COMMIT",
    help="Commit each change to git, only the files it touched (env CRMCTL_COMMIT; default: "
    "git.autocommit in crmctl.yaml).",
)
@click.version_option(__version__, prog_name="crmctl")
@click.pass_context
def cli(ctx, root, user, now, fmt, lang, commit, wide, color):
    """crmctl: a git-friendly CRM for customer-service and key-account teams.

    Without a command: your day (what is due or overdue, complaints waiting on you).

    The customer archive, complaints and visit logs are YAML files in a data root (a directory with
    crmctl.yaml), one file per record, meant to live in git.
    """
    ctx.obj = App(root, user, now, fmt, lang, commit, wide, color)
    if ctx.invoked_subcommand is None:  # a bare `crmctl`: the acting user's day
        from .morning import show_day

        show_day(ctx.obj)


def _told(exc: Exception) -> str:
    """An error in the language chosen: messages of rules/, written in English, are told in
    Chinese where the catalogue has their sentence."""
    if messages.lang() != "zh":
        return str(exc)
    from ..messages import sentences

    return sentences.told_lines(str(exc))


def main() -> None:
    cli(prog_name="crmctl")
