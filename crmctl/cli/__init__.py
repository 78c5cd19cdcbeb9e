"""The `crmctl` command: global options, error handling, and the command groups."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import CrmError
from .common import App, examples

COMMAND_MODULES = (
    "init",
    "check",
    "customer",
    "visit",
    "receivable",
    "due",
    "complaint",
    "assign",
    "escalate",
    "transfer",
    "report",
    "history",
    "audit",
    "sync",
    "merge_driver",
)


class CrmGroup(click.Group):
    """Turns every expected error into `crmctl: error: …` and its exit code; never a traceback."""

    def parse_args(self, ctx, args):
        # Bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold.
        for arg in args:
            if any("\udc80" <= char <= "\udcff" for char in arg):
                raise click.UsageError(
                    f"argument {arg.encode('utf-8', 'replace').decode()!r} is not valid UTF-8 "
                    "(check the terminal's encoding, LANG)"
                )
        return super().parse_args(ctx, global_options_first(args))

    def invoke(self, ctx):
        try:
            try:
                return super().invoke(ctx)
            finally:
                # Also after a failure: whatever transactions completed are on disk and belong in git.
                if ctx.obj is not None:
                    try:
                        ctx.obj.commit_changes()
                    finally:
                        ctx.obj.close()
        except CrmError as exc:
            click.echo(f"crmctl: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            ctx.exit(0)
        except OSError as exc:
            # A path the user named that cannot be made, read or written (-o into a missing directory,
            # init on a read-only disk): the system's reason is the message.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"crmctl: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)


MOVABLE = {"--root": 1, "--as": 1, "--now": 1, "--lang": 1, "--commit": 0, "--no-commit": 0}


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
    help="Act as this staff member: id, email or name (env CRMCTL_USER; default: git user.email / user.name).",
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
    help="Language of headers and labels (env CRMCTL_LANG; default from LANG).",
)
@click.option(
    "--commit/--no-commit",
    default=None,
    envvar="CRMCTL_COMMIT",
    help="Commit each change to git, only the files it touched (env CRMCTL_COMMIT; default: git.autocommit in crmctl.yaml).",
)
@click.version_option(__version__, prog_name="crmctl")
@click.pass_context
def cli(ctx, root, user, now, fmt, lang, commit):
    """crmctl: a git-friendly CRM for customer-service and key-account teams.

    The customer archive, complaints and visit logs are YAML files in a data root (a directory with
    crmctl.yaml), one file per record, meant to live in git.
    """
    ctx.obj = App(root, user, now, fmt, lang, commit)


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="crmctl")
