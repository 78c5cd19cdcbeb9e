"""The options that describe a complaint being raised, said once for `complaint log` and for
`visit log --complaint TEXT`."""

from __future__ import annotations

import click

from .common import options
from .types import Code


def new_complaint_options(kind_default: str | None):
    """--kind, --severity and --category of a new complaint; `kind_default` is None where a kind
    given must be told apart from none (`visit log` refuses one without --complaint TEXT)."""
    return options(
        click.option(
            "--kind",
            default=kind_default,
            type=Code("complaint_kinds"),
            help="The complaint's kind: complaint/投诉 (the default), suggestion/建议, "
            "inquiry/咨询 or lookup/查询.",
        ),
        click.option(
            "--severity",
            type=Code("severities"),
            help="The complaint's severity: normal/一般投诉 (the default), major/重大投诉 or "
            "crisis/危机事件; an inquiry or lookup without one takes the light path: answer, then "
            "close.",
        ),
        click.option(
            "--category",
            type=Code("categories"),
            help="The complaint's category: product/产品质量, delivery/物流配送, service/服务态度, "
            "billing/价格账务, other/其他 (the config's categories).",
        ),
    )
