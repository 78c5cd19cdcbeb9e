"""Option types for what people type: dates and times in any of the forms of rules.typed_dates."""

from __future__ import annotations

import datetime as dt
import re
import sys

import click

from .. import render
from ..errors import UsageError
from ..messages import _
from ..rules.calendar import parse_duration
from ..rules.customer_base import STATUSES as CUSTOMER_STATUSES
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
                _(
                    "{option} '{value}' is not a duration (7d, 2w, 5wd) or a day ({forms})",
                    option=param.opts[0],
                    value=value,
                    forms=FORMS,
                )
            ) from None


DAY_AHEAD = When(FUTURE)
DAY_BEHIND = When(PAST)
MOMENT_AHEAD = When(FUTURE, moment=True)
MOMENT_BEHIND = When(PAST, moment=True)


MIN_START = 2  # characters of a label's start that may stand for it


class Code(click.ParamType):
    """A code of crmctl.yaml (a vocabulary, or `grades`) or of a fixed list, given as the code or
    its zh or en label, in any case: `--channel 电话`, `--department 物流部`, `--grade a1`.
    """

    name = "code"

    def __init__(self, vocabulary: str | tuple[str, ...], letters: bool = False):
        # letters: a grade's letter stands for its family in filters (A = A1 and A2)
        self.vocabulary, self.letters = vocabulary, letters

    def labels(self, config) -> dict[str, tuple[str, ...]]:
        """{code: its labels} that this option accepts."""
        if isinstance(self.vocabulary, tuple):
            return {code: (render.VALUE_LABELS.get(code, code),) for code in self.vocabulary}
        entries = (
            config.grades if self.vocabulary == "grades" else config.vocabulary(self.vocabulary)
        )
        return {
            code: tuple(entry[lang] for lang in ("zh", "en") if entry.get(lang))
            for code, entry in entries.items()
        }

    def convert(self, value, param, ctx):
        return self.resolve(ctx.find_object(App), value, param.opts[0] if param else self.name)

    def resolve(self, app: App, value, what: str) -> str:
        labels = self.labels(app.session.config)
        wanted = " ".join(str(value).split()).casefold()
        for code, names in labels.items():
            if wanted in (code.casefold(), *(name.casefold() for name in names)):
                return code
        # the start of one label only: 一般 for 一般投诉, 常规 for 常规回访, 产品 for 产品质量
        started = {
            code
            for code, names in labels.items()
            for name in names
            if len(wanted) >= MIN_START and name.casefold().startswith(wanted)
        }
        if len(started) == 1:
            return started.pop()
        letter = re.fullmatch(r"([a-z])\s*(?:类|级|类客户)?", wanted)  # A, A类: A1 and A2
        if self.letters and letter and letter.group(1).upper() in {code[0] for code in labels}:
            return letter.group(1).upper()
        raise UsageError(unknown_code(what, value, labels, app.lang))


def unknown_code(what: str, value, labels: dict[str, tuple[str, ...]], lang: str) -> str:
    """The refusal of an unknown value, listing the accepted ones in the user's language."""
    shown = []
    for code, names in labels.items():
        others = list(dict.fromkeys(n for n in names if n.casefold() != code.casefold()))
        if lang == "zh":
            shown.append(f"{others[0]} ({code})" if others else code)
        else:
            shown.append(f"{code} ({' / '.join(others)})" if others else code)
    accepted = ("、" if lang == "zh" else ", ").join(shown)
    return _(
        "{option} '{value}' is not one of: {accepted}", option=what, value=value, accepted=accepted
    )


class DueRule(Code):
    """A rule of `crmctl due` by its code or its Chinese name (`催收`, `次日回访`, `投诉` for every
    complaint deadline)."""

    GROUPS = {
        "complaint": ("投诉",),
        "receivable": ("应收账款", "应收"),
        "plan_action": ("计划事项",),
    }

    def labels(self, config) -> dict[str, tuple[str, ...]]:
        from ..messages import text

        return {code: self.GROUPS.get(code, (text(code, "zh"),)) for code in tuple(self.vocabulary)}


class StaffMember(click.ParamType):
    """A staff member by id, email or name, in any case (`LiuYang`, `刘洋`): their id."""

    name = "user"

    def convert(self, value, param, ctx):
        session = ctx.find_object(App).session
        if str(value).strip().casefold() in MYSELF:
            return session.user.id
        return session.config.staff(value).id


MYSELF = ("me", "@me", "我", "自己")  # the acting user, as gh's @me
STAFF = StaffMember()


CUSTOMER_CODES = {
    "grade": Code("grades"),
    "status": Code(CUSTOMER_STATUSES),
    "source": Code("sources"),
}


def coded_customer_fields(app: App, fields: dict) -> dict:
    """`--set` values of a customer's code and staff fields as the options take them: codes or
    labels (`--set grade=A一级`, `--set status=活跃`), staff by id, email or name."""
    out = dict(fields)
    for field, code in CUSTOMER_CODES.items():
        if out.get(field) is not None:
            out[field] = code.resolve(app, out[field], f"--set {field}")
    config = app.session.config
    if out.get("owner") is not None:
        out["owner"] = config.staff(out["owner"]).id
    if out.get("secondary_contacts"):
        out["secondary_contacts"] = [config.staff(who).id for who in out["secondary_contacts"]]
    return out


class Reference(click.ParamType):
    """A record named as `crmctl.actions.lookup` reads it; `-` takes it from standard input (one
    line), as `--format ids` of another command prints it."""

    name = "ref"

    def convert(self, value, param, ctx):
        if value != "-":
            return value
        lines = [line.strip() for line in sys.stdin if line.strip()]
        if len(lines) != 1:
            raise UsageError(
                _(
                    "- reads one reference from standard input, got {lines} lines (a "
                    "command for many records takes them all)",
                    lines=len(lines),
                )
            )
        return lines[0]


REF = Reference()
CUSTOMER_HELP = (
    "id, its start or short reference (C3SDX), exact name, phone, part of the name or its pinyin "
    "(huafeng, hfjc); - reads it from standard input"
)
