"""Dates, times and durations as people type them, in English and Chinese, read against a given
`now` (which carries the team's zone) and working calendar: one parser for every date option.

A form names one day or moment whatever the option. Where a form alone could mean either way (a
weekday name, `12月8日`, an unsigned `7d`), the option says which way it leans: `future` options
(`--next`, `--callback`, `--reply-by`, `--within`) take the next such day after today, `past` ones
(`--at`, `--received`, `--since`, `--until`) the last one on or before today.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata

from ..errors import UsageError
from .calendar import WorkCalendar

FUTURE, PAST = "future", "past"
DEFAULT_TIME = dt.time(9, 0)  # a day given without a time of day means the start of office hours
NOON = 12
FIRST_YEAR, LAST_YEAR = 1000, 9998  # room for any zone's offset and a step either way

FORMS = (
    "2026-12-08, 2026-12-08 14:00, 2026-12-08T14:00+08:00, 2026/12/8, 2026年12月8日, "
    "12月8日 14:00, today, tomorrow 15:00, yesterday, friday, this friday, next monday, "
    "+3d, -2w, +2wd (working days), 今天, 明天, 后天, 昨天, 前天, 周五, 星期一, 本周五, "
    "下周一, 下下周一, 12/8, 8号, 月底, 3天后, 2周前, 明天下午3点; looking back: 上周, 本月, "
    "last month"
)

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_NAMED_DAYS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "大后天": 3,
    "昨天": -1,
    "昨日": -1,
    "前天": -2,
    "大前天": -3,
}
_EN_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CN_WEEKDAYS = "一二三四五六日"
_NUMBER = r"\d+|[零一二两三四五六七八九十]+"
_UNITS = {"d": "d", "day": "d", "days": "d", "天": "d", "日": "d"}
_UNITS |= {"w": "w", "week": "w", "weeks": "w", "周": "w", "星期": "w", "个星期": "w", "礼拜": "w"}
_UNITS |= {"wd": "wd", "workday": "wd", "workdays": "wd", "个工作日": "wd", "工作日": "wd"}
_UNITS |= {"h": "h", "hour": "h", "hours": "h", "小时": "h", "个小时": "h"}
_UNITS |= {"m": "m", "min": "m", "minutes": "m", "分钟": "m"}
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))

_ISO_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:月|/|-)\s*(\d{1,2})\s*[日号]?")  # 12月8日, 12/8, 12-08
_DAY_OF_MONTH = re.compile(rf"({_NUMBER})\s*号")  # 8号: the next (or last) 8th
_MONTH_END = ("月底", "月末", "end of month", "end of the month")
_SHORT = {"今晚": "今天晚上", "明晚": "明天晚上", "今早": "今天早上", "明早": "明天早上"}
_WEEKDAY_EN = re.compile(
    r"(?:(next|this|last)\s+)?(mon|tue|wed|thu|fri|sat|sun)"
    r"(?:day|s|sday|nesday|rsday|rs|r|urday)?(?![a-z])"
)
_WEEKDAY_CN = re.compile(
    r"(下下个?|上上个?|下个?|上个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])"
)
_SIGNED = re.compile(rf"([+-]?)\s*(\d+)\s*({_UNIT})")
_IN = re.compile(rf"in\s+(\d+)\s*({_UNIT})")
_AGO = re.compile(rf"(\d+)\s*({_UNIT})\s+ago")
_CN_RELATIVE = re.compile(rf"({_NUMBER})\s*({_UNIT})\s*(后|以后|之后|前|以前|之前)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?")
_AMPM = re.compile(r"(\d{1,2})\s*(am|pm)")
_PERIOD = re.compile(r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*")
_CN_CLOCK = re.compile(rf"({_NUMBER})\s*[点时]\s*(半|({_NUMBER})\s*分?)?")
_AFTERNOON = {"下午", "傍晚", "晚上"}


def parse_moment(
    text: str,
    now: dt.datetime,
    calendar: WorkCalendar | None = None,
    lean: str = FUTURE,
    what: str = "time",
) -> dt.datetime:
    """The moment `text` names, in `now`'s zone unless it has an offset; a day alone is 09:00."""
    return _checked(text, now, calendar, lean, what, clock_shifts=True)


def _checked(text, now, calendar, lean, what, clock_shifts) -> dt.datetime:
    try:
        moment = _moment(_normal(text), now, calendar, lean, clock_shifts)
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise refusal(text, what)
    return reckoned(moment, text, what)


def reckoned(moment: dt.datetime, text, what: str) -> dt.datetime:
    """`moment`, if its year is one crmctl reckons with (a period or deadline after it stays within
    the years a datetime holds), else a usage error naming what was typed."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise UsageError(
            f"{what} '{text}' is {moment.date().isoformat()}, outside the years "
            f"{FIRST_YEAR}-{LAST_YEAR} that crmctl reckons with"
        )
    return moment


def parse_day(
    text: str,
    now: dt.datetime,
    calendar: WorkCalendar | None = None,
    lean: str = FUTURE,
    what: str = "date",
) -> dt.date:
    """The day `text` names (any time of day it gives is left out; `+2h` is no day)."""
    return _checked(text, now, calendar, lean, what, clock_shifts=False).date()


def refusal(text: str, what: str) -> UsageError:
    return UsageError(f"{what} '{text}' is not a date or time; use one of: {FORMS}")


def _normal(text: str) -> str:
    # NFKC turns full-width digits, colons and letters into their ASCII forms.
    text = " ".join(unicodedata.normalize("NFKC", str(text)).strip().lower().split())
    for short, spelled in _SHORT.items():
        text = text.replace(short, spelled)
    return text


def _moment(text: str, now: dt.datetime, calendar, lean: str, clock_shifts) -> dt.datetime | None:
    if text in ("now", "现在", "此刻"):
        return now
    exact = _iso_moment(text, now.tzinfo)
    if exact is not None:
        return exact
    shift = _relative(text, lean)
    if shift and shift[1] in ("h", "m"):
        if not clock_shifts:
            return None
        minutes = shift[0] * (60 if shift[1] == "h" else 1)
        return now + dt.timedelta(minutes=minutes)
    day, rest = _day_part(text, now.date(), calendar, lean)
    if day is not None and not clock_shifts and _PERIOD.fullmatch(rest.strip()):
        return dt.datetime.combine(day, DEFAULT_TIME, now.tzinfo)  # 周五下午: a day, whenever in it
    clock = _time_part(rest) if day is not None or rest.strip() else None
    if clock is None:
        return None
    return dt.datetime.combine(day or now.date(), clock, now.tzinfo)


def _iso_moment(text: str, tzinfo) -> dt.datetime | None:
    """ISO 8601 with `T` or a space, and an offset if any (what crmctl writes, read back)."""
    if not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(z|[+-]\d{2}:?\d{2})?", text
    ):
        return None
    moment = dt.datetime.fromisoformat(text.upper().replace(" ", "T", 1))
    return moment if moment.tzinfo else moment.replace(tzinfo=tzinfo)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:  # 十 10, 十五 15, 二十 20, 二十三 23
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if len(text) != 1:
        raise ValueError(text)
    return _CN_DIGITS[text]


def _relative(text: str, lean: str) -> tuple[int, str] | None:
    """`+3d`, `-2w`, `7d` (the option's way), `in 3 days`, `3 days ago`, `3天后`, `2周前`: (signed
    amount, unit), for the whole text only."""
    sign = 1 if lean == FUTURE else -1
    match = _SIGNED.fullmatch(text)
    if match:
        signed = {"+": 1, "-": -1}.get(match.group(1), sign)
        return signed * int(match.group(2)), _UNITS[match.group(3)]
    match = _IN.fullmatch(text)
    if match:
        return int(match.group(1)), _UNITS[match.group(2)]
    match = _AGO.fullmatch(text)
    if match:
        return -int(match.group(1)), _UNITS[match.group(2)]
    match = _CN_RELATIVE.fullmatch(text)
    if match:
        after = match.group(3) in ("后", "以后", "之后")
        return (1 if after else -1) * _number(match.group(1)), _UNITS[match.group(2)]
    return None


def _day_part(text: str, today: dt.date, calendar, lean: str) -> tuple[dt.date | None, str]:
    """The day that `text` begins with, and the rest of the text (a time of day, if any)."""
    for name, days in sorted(_NAMED_DAYS.items(), key=lambda item: -len(item[0])):
        if text.startswith(name):
            return today + dt.timedelta(days=days), text[len(name) :]
    readers = (_iso_day, _month_day, _weekday, _shifted_day, _day_of_month, _month_end, _since)
    for reader in readers:
        found = reader(text, today, calendar, lean)
        if found is not None:
            return found
    return None, text


def _iso_day(text, today, calendar, lean):
    match = _ISO_DAY.match(text)
    if not match:
        return None
    return dt.date(*map(int, match.groups())), text[match.end() :]


def _month_day(text, today, calendar, lean):
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    found = dt.date(today.year, month, day)
    if lean == FUTURE and found < today:
        found = dt.date(today.year + 1, month, day)
    elif lean == PAST and found > today:
        found = dt.date(today.year - 1, month, day)
    return found, text[match.end() :]


def _day_of_month(text, today, calendar, lean):
    match = _DAY_OF_MONTH.match(text)
    if not match:
        return None
    number, step = _number(match.group(1)), 1 if lean == FUTURE else -1
    first = today.replace(day=1)
    for months in range(0, 13 * step, step):  # the next (or last) month that has such a day
        year, month = divmod(first.month - 1 + months, 12)
        with contextlib.suppress(ValueError):
            found = dt.date(first.year + year, month + 1, number)
            if (found >= today) if lean == FUTURE else (found <= today):
                return found, text[match.end() :]
    return None


_PERIODS = {  # a period's first day, for options that look back (--since 上月)
    ("本周", "这周", "this week"): lambda today: today - dt.timedelta(days=today.weekday()),
    ("上周", "last week"): lambda today: today - dt.timedelta(days=today.weekday() + 7),
    ("本月", "这个月", "this month"): lambda today: today.replace(day=1),
    ("上月", "上个月", "last month"): lambda today: (
        today.replace(day=1) - dt.timedelta(days=1)
    ).replace(day=1),
    ("今年", "this year"): lambda today: today.replace(month=1, day=1),
    ("去年", "last year"): lambda today: today.replace(year=today.year - 1, month=1, day=1),
}


def _since(text, today, calendar, lean):
    """上周, 本月, last month…: where the period starts, for past options only (for others, such as
    --next 下周, which day is meant is not said)."""
    if lean != PAST:
        return None
    for names, first in _PERIODS.items():
        if text in names:
            return first(today), ""
    return None


def _month_end(text, today, calendar, lean):
    name = next((name for name in _MONTH_END if text.startswith(name)), None)
    if name is None:
        return None
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1), text[len(name) :]


def _weekday(text, today, calendar, lean):
    match = _WEEKDAY_EN.match(text)
    if match:
        week = {"next": 1, "this": 0, "last": -1}.get(match.group(1) or "")
        weekday = _EN_WEEKDAYS.index(match.group(2))
    else:
        match = _WEEKDAY_CN.match(text)
        if not match:
            return None
        prefix, name = match.group(1) or "", match.group(2)
        weeks = prefix.count("下") - prefix.count("上")  # 下下周一: the Monday after next
        week = weeks if prefix else None
        weekday = int(name) - 1 if name.isdigit() else _CN_WEEKDAYS.index(name.replace("天", "日"))
    rest = text[match.end() :]
    if week is not None:  # a day of this week, next week or last week (weeks start on Monday)
        monday = today - dt.timedelta(days=today.weekday())
        return monday + dt.timedelta(days=7 * week + weekday), rest
    ahead = (weekday - today.weekday()) % 7
    if lean == FUTURE:
        return today + dt.timedelta(days=ahead or 7), rest
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7), rest


def _shifted_day(text, today, calendar, lean):
    for end in range(len(text), 0, -1):  # the longest leading relative form: `3天后下午3点`
        shift = _relative(text[:end].strip(), lean)
        if shift and shift[1] not in ("h", "m"):
            return _shift(today, shift, calendar), text[end:]
    return None


def _shift(today: dt.date, shift: tuple[int, str], calendar) -> dt.date:
    amount, unit = shift
    if unit == "wd":
        if calendar is None:
            raise ValueError("working days need the calendar")
        return _working_days(today, amount, calendar)
    return today + dt.timedelta(days=amount * (7 if unit == "w" else 1))


def _working_days(day: dt.date, count: int, calendar: WorkCalendar) -> dt.date:
    if count >= 0:
        return calendar.add_working_days(day, count)
    for _ in range(-count):
        day -= dt.timedelta(days=1)
        for _ in range(366):
            if calendar.is_working_day(day):
                break
            day -= dt.timedelta(days=1)
    return day


def _time_part(text: str) -> dt.time | None:
    """The time of day after the day: nothing (09:00), `14:00`, `3pm`, `下午3点半`."""
    rest = text.strip().removeprefix("t").strip()
    if not rest:
        return DEFAULT_TIME
    period = _PERIOD.match(rest)
    assert period is not None  # the pattern matches the empty text too
    clock = _clock(rest[period.end() :])
    if clock is None:
        return None
    hour, minute, second = clock
    if hour < NOON and period.group(1) in _AFTERNOON | ({"中午"} if hour < NOON / 2 else set()):
        hour += NOON
    return dt.time(hour, minute, second)


def _clock(text: str) -> tuple[int, int, int] | None:
    """`14:00`, `14:00:30`, `3pm`, `3:30 pm`, `3点`, `3点半`, `十点十五分`: (hour, min, sec)."""
    match = _CLOCK.fullmatch(text)
    if match:
        hour, minute, second, half = match.groups()
        return _twelve(int(hour), half), int(minute), int(second or 0)
    match = _AMPM.fullmatch(text)
    if match:
        return _twelve(int(match.group(1)), match.group(2)), 0, 0
    match = _CN_CLOCK.fullmatch(text)
    if match:
        minute = 30 if match.group(2) == "半" else _number(match.group(3) or "0")
        return _number(match.group(1)), minute, 0
    return None


def _twelve(hour: int, half: str | None) -> int:
    if half is None:
        return hour
    if not 1 <= hour <= NOON:
        raise ValueError(f"{hour}{half}")
    return hour % NOON + (NOON if half == "pm" else 0)
