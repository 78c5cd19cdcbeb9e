"""`crmctl merge-driver`: what git runs to merge a record file (registered by `crmctl init`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..store.merge import merge_file
from .common import App, pass_app


@click.command(name="merge-driver", hidden=True)
@click.argument("base", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("name")
@pass_app
def merge_driver(app: App, base: Path, ours: Path, theirs: Path, name: str):
    """Merge THEIRS into OURS field by field (git's %O %A %B %P); exit 1 on a conflict, so git stops."""
    conflicts = merge_file(base, ours, theirs, name)
    for field in conflicts:
        app.say(
            f"crmctl: conflict in field {field} of {name}: both values are kept between conflict markers"
        )
    if conflicts:
        raise click.exceptions.Exit(1)


COMMANDS = [merge_driver]
