"""`crmctl init DIR`."""

from __future__ import annotations

from pathlib import Path

import click

from .. import lazy
from ..errors import CrmError
from ..messages import _
from .common import App, examples, pass_app
from .localized import Command

git = lazy.module("crmctl.store.git")
init_root = lazy.module("crmctl.store.init_root")
root = lazy.module("crmctl.archive.root")


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl init --git ~/crm && cd ~/crm && crmctl customer list",
        "crmctl init --git    # in an existing archive: register the merge driver",
    ),
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option(
    "--git",
    "use_git",
    is_flag=True,
    help="Run 'git init' if DIRECTORY is not in a repository, and register the record merge "
    "driver; "
    "in an existing data root, do only that.",
)
@pass_app
def init(app: App, directory: Path, use_git: bool):
    """Create a data root in DIRECTORY: crmctl.yaml with a sample team, records/, schemas/ for
    editors (VS Code settings included), .gitignore and .gitattributes. In a git repository it also
    registers the merge driver that merges record files field by field."""
    existing = (directory / root.CONFIG_NAME).is_file()
    if existing and not use_git:
        raise CrmError(
            _(
                "{directory} already holds a {config}; nothing was changed "
                "(to register the merge driver there, run 'crmctl init --git {directory}')",
                directory=directory,
                config=root.CONFIG_NAME,
            )
        )
    written = [] if existing else init_root.create_root(directory)
    if use_git and git.toplevel(directory) is None:
        git.init(directory)
        app.say(_("initialised a git repository in {directory}", directory=directory))
    if git.toplevel(directory) is not None:
        written += init_root.register_merge_driver(directory)
        app.say(_("registered the crmctl merge driver for record files"))
    for path in written:
        app.out(f"{path}\n")
    if not existing:
        app.say(
            _(
                "created a crmctl data root in {directory}: edit {config} to set your team",
                directory=directory,
                config=directory / "crmctl.yaml",
            )
        )


COMMANDS = [init]
