"""The working calendar: rest days, holidays, office hours, call windows, and durations.

Durations read `30m`, `24h`, `7d`, `2w` (elapsed time) or `4wh`, `2wd` (working time: only office
hours of working days count; one working day is one day's office hours).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..errors import UsageError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w|wh|wd)\s*$")
_DAY = dt.timedelta(days=1)
# Where a computation runs past the calendar (a clock centuries off) it stops: a bound, not an
# error. A year short of the end, so that moving the bound into another zone or by a day stays in
# range.
FAR = dt.datetime(9999, 1, 1)
FAR_DAY = FAR.date()
_ELAPSED = {
    "m": dt.timedelta(minutes=1),
    "h": dt.timedelta(hours=1),
    "d": dt.timedelta(days=1),
    "w": dt.timedelta(weeks=1),
}


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: str

    @property
    def working(self) -> bool:
        return self.unit in ("wh", "wd")

    def __str__(self) -> str:
        return f"{self.amount:g}{self.unit}"


@functools.lru_cache(
    maxsize=256
)  # the few durations of crmctl.yaml, asked for per customer by `due`
def parse_duration(text: str) -> Duration:
    match = _DURATION.match(str(text))
    if not match:
        raise UsageError(f"'{text}' is not a duration (for example 30m, 24h, 7d, 2w, 4wh, 2wd)")
    return Duration(float(match.group(1)), match.group(2))


def whole_days(text: str | None) -> dt.timedelta:
    """A lead time in whole calendar days (weeks count 7, working days count as days; none: 0)."""
    if not text:
        return dt.timedelta()
    duration = parse_duration(text)
    per_unit = {"m": 1 / 1440, "h": 1 / 24, "wh": 1 / 24, "d": 1, "wd": 1, "w": 7}[duration.unit]
    return dt.timedelta(days=round(duration.amount * per_unit))


def _ranges(texts) -> list[tuple[dt.time, dt.time]]:
    out = []
    for text in texts:
        start, end = text.split("-")
        end_time = dt.time.max if end == "24:00" else dt.time.fromisoformat(end)
        out.append((dt.time.fromisoformat(start), end_time))
    return sorted(out)


class WorkCalendar:
    def __init__(self, settings: dict):
        self.rest_days = {WEEKDAYS.index(day) for day in settings.get("rest_days", ())}
        self.holidays = {dt.date.fromisoformat(day) for day in settings.get("holidays", ())}
        self.workdays = {dt.date.fromisoformat(day) for day in settings.get("workdays", ())}
        self.office_hours = _ranges(settings.get("office_hours", ("00:00-24:00",)))
        self.call_windows = _ranges(settings.get("call_windows", ()))
        self._call_window_text = ", ".join(
            f"{a:%H:%M}-{b:%H:%M}" for a, b in self.call_windows
        )  # asked per due item
        self.day_length = sum((_span(a, b) for a, b in self.office_hours), dt.timedelta())
        self.week_days = 7 - len(self.rest_days)  # working days of a week without exceptions
        self._spans: dict[tuple, list[tuple[dt.datetime, dt.datetime]]] = {}

    # ---------------------------------------------------------------- days
    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day not in self.holidays and day.weekday() not in self.rest_days

    def roll_forward(self, day: dt.date) -> dt.date:
        """The day itself if it is a working day, else the next one (within a year and the calendar:
        the day reached is the bound)."""
        try:
            for _ in range(366):
                if self.is_working_day(day):
                    return day
                day += _DAY
        except OverflowError:
            pass
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """`count` working days after `day` (1 = the next working day); FAR_DAY past the
        calendar."""
        try:
            day, remaining = self._skip_whole_days(day + _DAY, count - 1)
            day -= _DAY
            for _ in range(remaining + 1 if count > 0 else 0):
                day = self.roll_forward(day + _DAY)
        except OverflowError:
            return FAR_DAY
        return day

    def _working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included: whole weeks counted, not walked, so a
        span of centuries (a clock gone wrong) costs what a week does."""
        if last < first:
            return 0
        weeks, rest = divmod((last - first).days + 1, 7)
        start = first.weekday()
        count = weeks * self.week_days
        count += sum(1 for n in range(rest) if (start + n) % 7 not in self.rest_days)
        count -= sum(
            1
            for day in self.holidays
            if first <= day <= last
            and day.weekday() not in self.rest_days
            and day not in self.workdays
        )
        count += sum(
            1 for day in self.workdays if first <= day <= last and day.weekday() in self.rest_days
        )
        return count

    def _skip_whole_days(self, day: dt.date, days: int) -> tuple[dt.date, int]:
        """Jump whole weeks from `day` while they hold fewer than `days` working days: the day
        reached and the working days still to go (raises OverflowError past the calendar's end)."""
        weeks = days // self.week_days - 1 if self.week_days else 52
        while weeks >= 1:
            end = day + dt.timedelta(weeks=weeks)
            found = self._working_days(day, end - _DAY)
            if found < days:
                day, days = end, days - found
                weeks = days // self.week_days - 1 if self.week_days else weeks
            else:
                weeks //= 2
        return day, days

    def due_date(self, start: dt.date, duration: Duration) -> dt.date:
        """A follow-up date `duration` after `start`, on a working day."""
        if duration.unit == "wd":
            return self.add_working_days(start, max(1, round(duration.amount)))
        if duration.unit == "wh":
            return self.add(dt.datetime.combine(start, self.office_hours[0][0]), duration).date()
        try:
            day = start + _ELAPSED[duration.unit] * duration.amount // _DAY * _DAY
        except OverflowError:
            return FAR_DAY
        return self.roll_forward(day)

    # ---------------------------------------------------------------- working time
    def _office_spans(self, day: dt.date, tzinfo) -> list[tuple[dt.datetime, dt.datetime]]:
        # Deadlines of thousands of complaints walk the same few hundred days: each day's spans are
        # made once (a report's complaint deadlines took 0.33 s, a third of it making spans).
        key = (day, tzinfo)
        if key not in self._spans:
            self._spans[key] = (
                [
                    (dt.datetime.combine(day, a, tzinfo), dt.datetime.combine(day, b, tzinfo))
                    for a, b in self.office_hours
                ]
                if self.is_working_day(day)
                else []
            )
        return self._spans[key]

    def add(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """The moment `duration` after `start`; working time counts only office hours of working
        days. A moment past the calendar's end (a clock centuries off) is FAR: a bound, not an
        error."""
        try:
            if not duration.working:
                return start + _ELAPSED[duration.unit] * duration.amount
            return self._add_working(start, duration)
        except OverflowError:
            return FAR.replace(tzinfo=start.tzinfo)

    def _add_working(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        remaining = (
            self.day_length * duration.amount
            if duration.unit == "wd"
            else dt.timedelta(hours=duration.amount)
        )
        day = start.date()
        while True:
            spans = self._office_spans(day, start.tzinfo)
            # A working day after the first is whole office hours (a datetime difference within one
            # zone is its wall-clock difference): whole days are counted, weeks at a time.
            if spans and remaining > self.day_length and spans[0][0] >= start:
                whole = -(-remaining // self.day_length) - 1  # days that leave some time to go
                day, left = self._skip_whole_days(day, whole)
                remaining -= self.day_length * (whole - left)
                spans = self._office_spans(day, start.tzinfo)
                if remaining > self.day_length and spans:
                    remaining -= self.day_length
                    spans = []
            for span_begin, end in spans:
                begin = max(span_begin, start)
                if begin >= end:
                    continue
                if end - begin >= remaining:
                    return begin + remaining
                remaining -= end - begin
            day += _DAY

    def working_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Office time between two moments (zero if end is not after start)."""
        if end <= start:
            return dt.timedelta()
        first, last = start.date(), end.date()
        # Days strictly between the two are whole office hours while both moments share a zone; in
        # two zones (offsets differ by up to 26 hours), those two days further in are.
        edge, span = (1 if start.tzinfo is end.tzinfo else 3), (last - first).days + 1
        total = dt.timedelta()
        if span > 2 * edge:
            total = self.day_length * self._working_days(first + _DAY * edge, last - _DAY * edge)
        ends = range(min(edge, span))
        walked = {first + _DAY * n for n in ends} | {last - _DAY * n for n in ends}
        for day in walked:
            for begin, finish in self._office_spans(day, start.tzinfo):
                overlap = min(finish, end) - max(begin, start)
                if overlap > dt.timedelta():
                    total += overlap
        return total

    def call_window(self, day: dt.date) -> str | None:
        """The suggested time to phone a customer on that day, as `10:30-11:30`."""
        if not self.call_windows or not self.is_working_day(day):
            return None
        return self._call_window_text


def _span(start: dt.time, end: dt.time) -> dt.timedelta:
    day = dt.date(2000, 1, 1)
    return dt.datetime.combine(day, end) - dt.datetime.combine(day, start)
