"""`crmctl completion bash|zsh|fish`, and the values the shell completes options and arguments
with."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem, get_completion_class

from .. import lazy, messages
from ..errors import CrmError
from .common import examples
from .localized import Command

completion_values = lazy.module("crmctl.actions.completion")

SHELLS = ("bash", "zsh", "fish")
# option or argument name -> what its values are (see actions/completion.py)
VALUES = {
    "user": "staff",
    "owner": "staff",
    "owners": "staff",
    "to": "staff",
    "handler": "staff",
    "first_responder": "staff",
    "staff": "staff",
    "collector": "staff",
    "grade": "grades",
    "grades": "grades",
    "channel": "channels",
    "purpose": "visit_purposes",
    "severity": "severities",
    "category": "categories",
    "cause": "categories",
    "department": "departments",
    "source": "sources",
    "customer": "customer",
    "complaint": "complaint",
}
# Arguments that name records of the command group they belong to.
RECORD_ARGUMENTS = {"ref", "refs"}
RECORD_GROUPS = {"customer": "customer", "complaint": "complaint", "escalate": "complaint"}


@click.command(
    cls=Command,
    epilog=examples(
        'eval "$(crmctl completion bash)"      # in ~/.bashrc',
        "crmctl completion zsh > ~/.zfunc/_crmctl",
        "crmctl completion fish > ~/.config/fish/completions/crmctl.fish",
    ),
)
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx, shell):
    """Print the script that makes SHELL complete crmctl's commands, options, staff, codes of
    crmctl.yaml, customers' names and complaint ids."""
    root = ctx.find_root()
    completer = get_completion_class(shell)
    assert completer is not None  # SHELLS are the shells click completes
    script = completer(root.command, {}, "crmctl", "_CRMCTL_COMPLETE").source()
    click.echo(script)


def attach(command: click.Command, path: tuple[str, ...]) -> None:
    """Give the options and arguments of `command` (and its subcommands) that name staff, codes,
    customers or complaints a completer of those values."""
    for param in command.params:
        what = _values_of(param, path)
        if what and not isinstance(param.type, click.Choice):
            param._custom_shell_complete = _completer(what)  # click's slot for shell_complete=
    for name, sub in getattr(command, "commands", {}).items():
        attach(sub, (*path, name))


def _values_of(param: click.Parameter, path: tuple[str, ...]) -> str | None:
    if param.name in RECORD_ARGUMENTS and isinstance(param, click.Argument):
        return RECORD_GROUPS.get(path[0])
    return VALUES.get(param.name or "")


def _completer(what: str):
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str):
        from ..actions.session import Session

        params = ctx.find_root().params
        try:
            session = Session(root=params.get("root"))
            found = completion_values.candidates(session, what, incomplete, messages.lang())
        except (CrmError, OSError):
            return []  # outside a data root, or an archive that cannot be read: nothing to offer
        try:
            return [CompletionItem(value, help=help or None) for value, help in found]
        finally:
            session.store.close()

    return complete
