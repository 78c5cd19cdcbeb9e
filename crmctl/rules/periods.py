"""The period a report covers: a calendar month (YYYY-MM) or an ISO week (YYYY-Www), in the local
zone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import UsageError

MONTHS = 12


@dataclass(frozen=True)
class Period:
    label: str  # 2026-11, 2026-W48
    start: dt.datetime  # inclusive
    end: dt.datetime  # exclusive

    def contains(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end

    def cutoff(self, now: dt.datetime) -> dt.datetime:
        """The moment the figures are measured at: the end of the period, or `now` if it is not
        over."""
        return min(self.end, now)

    def as_dict(self, now: dt.datetime) -> dict:
        return {
            "period": self.label,
            "from": self.start.date().isoformat(),
            "to": (self.end - dt.timedelta(days=1)).date().isoformat(),
            "as_of": self.cutoff(now).isoformat(timespec="seconds"),
            "complete": now >= self.end,
        }


def _midnight(day: dt.date, tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo)


RELATIVE_MONTHS = {
    "本月": 0,
    "这个月": 0,
    "this month": 0,
    "上月": -1,
    "上个月": -1,
    "last month": -1,
}


def month(text: str | None, now: dt.datetime) -> Period:
    """`YYYY-MM` (also `YYYY/MM`, `2026年11月`), `11月` (the last November up to now), `上月` /
    `last month`, `本月` / `this month`; or the month containing `now`."""
    first = now.date().replace(day=1)
    if text is not None:
        first = _month_named(" ".join(text.strip().lower().split()), first, text)
    following = (first + dt.timedelta(days=31)).replace(day=1)
    return Period(f"{first:%Y-%m}", _midnight(first, now.tzinfo), _midnight(following, now.tzinfo))


def _month_named(typed: str, this_month: dt.date, text: str) -> dt.date:
    if typed in RELATIVE_MONTHS:
        back = this_month.month - 1 + RELATIVE_MONTHS[typed]
        return dt.date(this_month.year + back // MONTHS, back % MONTHS + 1, 1)
    match = re.fullmatch(r"(?:(\d{4})\s*[-/年]\s*)?(\d{1,2})\s*月?", typed)
    if not match or not 1 <= int(match.group(2)) <= MONTHS or not (match.group(1) or "月" in typed):
        raise UsageError(
            f"--month '{text}' is not a month (YYYY-MM, e.g. 2026-11; 2026年11月, 11月, 上月)"
        )
    number = int(match.group(2))
    if match.group(1):
        return dt.date(int(match.group(1)), number, 1)
    year = this_month.year - (number > this_month.month)  # the last such month up to now
    return dt.date(year, number, 1)


def week(text: str | None, now: dt.datetime) -> Period:
    """ISO week `YYYY-Www` (Monday to Sunday), or the week containing `now`."""
    if text is None:
        year, number, _ = now.date().isocalendar()
    else:
        match = re.fullmatch(r"(\d{4})-?[Ww](\d{1,2})", text.strip())
        if not match:
            raise UsageError(f"--week '{text}' is not an ISO week (YYYY-Www, e.g. 2026-W48)")
        year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise UsageError(f"--week '{text}': {year} has no week {number}") from None
    return Period(
        f"{year}-W{number:02d}",
        _midnight(monday, now.tzinfo),
        _midnight(monday + dt.timedelta(days=7), now.tzinfo),
    )


def _first_of(year: int, month_number: int, tzinfo) -> dt.datetime:
    year, month_number = year + (month_number - 1) // 12, (month_number - 1) % 12 + 1
    return _midnight(dt.date(year, month_number, 1), tzinfo)


def quarter(text: str | None, now: dt.datetime) -> Period:
    """`YYYY-Qn`, or the quarter containing `now`."""
    if text is None:
        year, number = now.year, (now.month - 1) // 3 + 1
    else:
        match = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text.strip())
        if not match:
            raise UsageError(f"--quarter '{text}' is not a quarter (YYYY-Qn, e.g. 2026-Q4)")
        year, number = int(match.group(1)), int(match.group(2))
    first = 3 * (number - 1) + 1
    return Period(
        f"{year}-Q{number}",
        _first_of(year, first, now.tzinfo),
        _first_of(year, first + 3, now.tzinfo),
    )


def year(text: str | None, now: dt.datetime) -> Period:
    """`YYYY`, or the year containing `now`."""
    if text is not None and not re.fullmatch(r"\d{4}", text.strip()):
        raise UsageError(f"--year '{text}' is not a year (YYYY, e.g. 2026)")
    number = now.year if text is None else int(text)
    return Period(
        str(number), _first_of(number, 1, now.tzinfo), _first_of(number + 1, 1, now.tzinfo)
    )


def weeks_of(period: Period) -> list[Period]:
    """The ISO weeks that overlap the period, each cut to it (for complaints by week in a month)."""
    out = []
    day = period.start.date()
    while _midnight(day, period.start.tzinfo) < period.end:
        whole = week(f"{day.isocalendar()[0]}-W{day.isocalendar()[1]}", period.start)
        out.append(Period(whole.label, max(whole.start, period.start), min(whole.end, period.end)))
        day = whole.end.date()
    return out
