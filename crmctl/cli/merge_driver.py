"""`crmctl merge-driver`: the driver as archives registered it before `merge_driver.sh`.

`crmctl init --git` (and any command, on finding such a registration) re-registers the faster one.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..store.merge_service import merge_one
from .common import App, pass_app
from .localized import Command


@click.command(cls=Command, name="merge-driver", hidden=True)
@click.argument("base")
@click.argument("ours")
@click.argument("theirs")
@click.argument("name")
@pass_app
def merge_driver(app: App, base: str, ours: str, theirs: str, name: str):
    """Merge THEIRS into OURS field by field (git's %O %A %B %P); exit 1 on a conflict, so git
    stops."""
    status, messages = merge_one(Path.cwd(), base, ours, theirs, name)
    for message in messages:
        app.say(message)
    if status:
        raise click.exceptions.Exit(status)


COMMANDS = [merge_driver]
