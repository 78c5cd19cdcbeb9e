"""`crmctl init DIR`."""
from __future__ import annotations

from pathlib import Path

import click

from ..store.init_root import create_root
from .common import App, examples, pass_app


@click.command(epilog=examples("crmctl init ~/crm && cd ~/crm && git init && crmctl customer list"))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@pass_app
def init(app: App, directory: Path):
    """Create a data root in DIRECTORY: crmctl.yaml with a sample team, records/, schemas/ for
    editors (VS Code settings included), .gitignore and .gitattributes."""
    written = create_root(directory)
    for path in written:
        app.out(f"{path}\n")
    app.say(f"created a crmctl data root in {directory}: edit {directory / 'crmctl.yaml'} to set your team")


COMMANDS = [init]
