"""Option types for what people type: dates and times in any of the forms of rules.typed_dates."""

from __future__ import annotations

import datetime as dt

import click

from ..errors import UsageError
from ..rules.calendar import parse_duration
from ..rules.typed_dates import FORMS, FUTURE, PAST
from .common import App


class When(click.ParamType):
    """A day (or, with `moment`, a moment) typed as people type it, counted from --now; options
    about what is to come lean to the future (`friday` is the next one), the others to the past."""

    name = "date"

    def __init__(self, lean: str = FUTURE, moment: bool = False, counted_from: str | None = None):
        # counted_from: an eager moment option of the same command that relative forms count from
        self.lean, self.moment, self.counted_from = lean, moment, counted_from

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        session = ctx.find_object(App).session
        what = param.opts[0] if param else self.name
        base = ctx.params.get(self.counted_from) if self.counted_from else None
        base = base if isinstance(base, dt.datetime) else None  # not given (click's UNSET)
        if self.moment:
            return session.moment(value, self.lean, what, base)
        return session.day(value, self.lean, what, base)


class Horizon(When):
    """How far ahead: a duration as crmctl.yaml writes them (`7d`, `2w`, `5wd`), kept as text for
    the calendar to count, or a last day (`friday`, `下周一`, `2026-12-31`)."""

    name = "horizon"

    def convert(self, value, param, ctx):
        try:
            parse_duration(value)
        except UsageError:
            pass
        else:
            return value
        try:
            return super().convert(value, param, ctx)
        except UsageError:
            raise UsageError(
                f"{param.opts[0]} '{value}' is not a duration (7d, 2w, 5wd) or a day ({FORMS})"
            ) from None


DAY_AHEAD = When(FUTURE)
DAY_BEHIND = When(PAST)
MOMENT_AHEAD = When(FUTURE, moment=True)
MOMENT_BEHIND = When(PAST, moment=True)
