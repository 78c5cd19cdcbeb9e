"""Receivables (应收账款): what a customer still owes, how late it is, and the month's money
figures.

Amounts are exact decimals: read from their text with `amount`, written back with `money`, summed as
`Decimal`, never as floats. A receivable's status is not stored: it follows from its payments and
its write-off, so two people recording payments on separate clones never disagree about it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .periods import Period

if TYPE_CHECKING:
    from ..config import Config

STATUSES = ("open", "partly_paid", "paid", "written_off")
CENT = Decimal("0.01")
CENT_EXPONENT = int(CENT.as_tuple().exponent)
ZERO = Decimal("0")
_AMOUNT = re.compile(r"[0-9]{1,13}(\.[0-9]{1,4})?")  # as the schemas' amount: no sign, no exponent


def amount(text) -> Decimal:
    """The exact amount a text (or a stored value) holds; ValueError unless it is a plain,
    non-negative decimal such as 12500 or 12500.00 with at most four decimals."""
    if isinstance(text, (bool, float)):
        raise ValueError(f"'{text}' must be written as text, e.g. '12500.00'")
    raw = str(text).strip().replace(",", "")
    if not _AMOUNT.fullmatch(raw):
        raise ValueError(
            f"'{text}' is not an amount (digits, at most 4 decimals, e.g. 12500.00 or 12,500)"
        )
    return Decimal(raw)


def money(value: Decimal) -> str:
    """The text an amount is stored and shown as: at least two decimals, '12500.00'."""
    exponent = value.as_tuple().exponent  # a letter only for infinities and NaN, never stored
    finer = isinstance(exponent, int) and exponent < CENT_EXPONENT
    return format(value if finer else value.quantize(CENT), "f")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def reversed_by(item: dict, on: dt.date | None = None) -> bool:
    """Whether a payment or a write-off was reversed (by the end of `on`, if given)."""
    undone = item.get("reversed")
    if not undone:
        return False
    return on is None or _day(undone["date"]) <= on


def counted(receivable: dict, on: dt.date | None = None) -> list[dict]:
    """The payments that count (by the end of `on`, if given): dated by then, not reversed by
    then."""
    return [
        payment
        for payment in receivable.get("payments", ())
        if (on is None or _day(payment["date"]) <= on) and not reversed_by(payment, on)
    ]


def paid(receivable: dict, on: dt.date | None = None) -> Decimal:
    """What has been paid (by the end of `on`, if given), reversed payments left out."""
    return sum((amount(payment["amount"]) for payment in counted(receivable, on)), ZERO)


def written_off(receivable: dict, on: dt.date | None = None) -> bool:
    done = receivable.get("written_off")
    if not done or reversed_by(done, on):
        return False
    return on is None or _day(done["date"]) <= on


def outstanding(receivable: dict, on: dt.date | None = None) -> Decimal:
    """The amount not yet paid, written off or not."""
    return max(amount(receivable["amount"]) - paid(receivable, on), ZERO)


def balance(receivable: dict, on: dt.date | None = None) -> Decimal:
    """What is still to be collected: nothing once written off."""
    return ZERO if written_off(receivable, on) else outstanding(receivable, on)


def status(receivable: dict, on: dt.date | None = None) -> str:
    if written_off(receivable, on):
        return "written_off"
    left = outstanding(receivable, on)
    if left == 0:
        return "paid"
    return "open" if left == amount(receivable["amount"]) else "partly_paid"


def settled(receivable: dict) -> dict:
    """The receivable with its stored state following from its payments, reversals and write-off:
    closed once nothing is left to collect, open again when a reversal leaves a balance."""
    return {**receivable, "state": "open" if balance(receivable) else "closed"}


def reversed_payment(receivable: dict, payment_id: str, reversal: dict) -> dict:
    """The receivable with payment `payment_id` marked reversed by `reversal` ({date, by,
    reason}), and its state settled again: the payment stays on record, it no longer counts."""
    payments = [
        {**payment, "reversed": reversal} if payment["id"] == payment_id else payment
        for payment in receivable.get("payments", ())
    ]
    return settled({**receivable, "payments": payments})


def reinstated(receivable: dict, reversal: dict) -> dict:
    """The receivable with its write-off reversed by `reversal` ({date, by, reason}): its balance
    is to be collected again."""
    return settled(
        {**receivable, "written_off": {**receivable["written_off"], "reversed": reversal}}
    )


def overdue_days(receivable: dict, today: dt.date) -> int:
    """Days past the due date (negative: days left)."""
    return (today - _day(receivable["due"])).days


def bucket_names(config: Config) -> list[str]:
    """The aging buckets (账龄) of receivables.aging_buckets: current, 1-30, 31-60, 61-90,
    over_90."""
    limits = config.receivables.get("aging_buckets", [30, 60, 90])
    names, low = ["current"], 1
    for limit in limits:
        names.append(f"{low}-{limit}")
        low = limit + 1
    return [*names, f"over_{limits[-1]}" if limits else "overdue"]


def aging_bucket(days: int, config: Config) -> str:
    """The bucket of a balance `days` past due (0 or less: current)."""
    names = bucket_names(config)
    if days <= 0:
        return names[0]
    for name, limit in zip(
        names[1:], config.receivables.get("aging_buckets", [30, 60, 90]), strict=False
    ):
        if days <= limit:
            return name
    return names[-1]


def described(receivable: dict, today: dt.date, config: Config) -> dict:
    """The record with what follows from it on `today`: paid, balance, status, days overdue,
    bucket."""
    days = overdue_days(receivable, today)
    left = balance(receivable, today)
    return {
        **receivable,
        "paid": money(paid(receivable, today)),
        "balance": money(left),
        "status": status(receivable, today),
        "overdue_days": days if left > 0 else None,
        "aging": aging_bucket(days, config) if left > 0 else None,
    }


def open_balances(receivables: list[dict], today: dt.date | None = None) -> dict[str, Decimal]:
    """The balance still to collect, per currency (counting every payment recorded, without
    `today`)."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for receivable in receivables:
        left = balance(receivable, today)
        if left:
            out[receivable["currency"]] += left
    return dict(out)


def over_credit(customer: dict, balances: dict[str, Decimal], config: Config) -> str | None:
    """Why the open balance in the config's currency exceeds the customer's credit limit (信用额度),
    or None."""
    limit = customer.get("credit_limit")
    currency = config.receivables.get("currency", "CNY")
    owed = balances.get(currency, ZERO)
    if limit is None or owed <= amount(limit):
        return None
    return (
        f"open balance {money(owed)} {currency} exceeds the credit limit {money(amount(limit))}"
        f" {currency} by {money(owed - amount(limit))}"
    )


def aging(
    receivables: list[dict], customers: dict[str, dict], config: Config, today: dt.date, by: str
) -> list[dict]:
    """账龄: open balances per bucket, one row per customer (`by` = customer, with the customer's
    owner) or per owner (the collector, else the customer's owner) and currency, largest total
    first."""
    names = bucket_names(config)
    rows: dict[tuple, dict] = {}
    for receivable in receivables:
        left = balance(receivable, today)
        if not left:
            continue
        customer = customers.get(receivable["customer"], {})
        owner = receivable.get("collector") or customer.get("owner")
        key = (receivable["customer"] if by == "customer" else owner, receivable["currency"])
        if key not in rows:
            head = (
                {
                    "customer_name": customer.get("name"),
                    "owner": customer.get("owner"),
                    "record_id": key[0],
                }
                if by == "customer"
                else {"owner": owner}
            )
            rows[key] = {**head, "currency": key[1], **{name: ZERO for name in names}}
        rows[key][aging_bucket(overdue_days(receivable, today), config)] += left
    out = []
    for row in rows.values():
        total = sum((row[name] for name in names), ZERO)
        out.append({**row, **{name: money(row[name]) for name in names}, "total": money(total)})
    return sorted(
        out, key=lambda row: (-amount(row["total"]), str(row.get("owner")), row["currency"])
    )


def collected(receivable: dict, first: dt.date, last: dt.date) -> Decimal:
    """回款 from `first` to `last`: payments dated in those days, less the payments reversed in
    them (a reversal counts in the period it is dated in, so finished periods stay as they were)."""
    total = ZERO
    for payment in receivable.get("payments", ()):
        if first <= _day(payment["date"]) <= last:
            total += amount(payment["amount"])
        if reversed_by(payment) and first <= _day(payment["reversed"]["date"]) <= last:
            total -= amount(payment["amount"])
    return total


def paid_on_time(receivable: dict) -> Decimal:
    """What was paid by the due date and never reversed (托收率's part)."""
    due = _day(receivable["due"])
    return sum((amount(p["amount"]) for p in counted(receivable) if _day(p["date"]) <= due), ZERO)


def _rate(part: Decimal, whole: Decimal) -> float | None:
    """part / whole in percent, two decimals; None when there is nothing to divide by."""
    if not whole:
        return None
    return float((100 * part / whole).quantize(CENT, rounding=ROUND_HALF_UP))


def collection_figures(
    receivables: list[dict],
    key_accounts: set[str],
    config: Config,
    period: Period,
    now: dt.datetime,
) -> list[dict]:
    """回款, 欠费率 and 托收率 of a period, per currency, measured at its cutoff (`receivables` as
    they stood then; see `crmctl report monthly --help`):

    - collected: payments dated in the period, by the cutoff, of every customer, less those
      reversed in it;
    - the key accounts' receivables due in the period before the cutoff's day are its billed amount;
      overdue rate (欠费率) = what of them is unpaid at the cutoff (written off included) / billed,
      target reports.overdue_rate_target at most; collection rate (托收率) = what of them was paid
      by its due date and not reversed / billed, target reports.collection_rate_target at least.
    """
    cutoff = period.cutoff(now).date()
    last_day = (period.cutoff(now) - dt.timedelta(microseconds=1)).date()
    first = period.start.date()
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for receivable in receivables:
        figures = sums[receivable["currency"]]
        figures["collected"] += collected(receivable, first, last_day)
        due = _day(receivable["due"])
        if receivable["customer"] in key_accounts and first <= due < cutoff:
            figures["billed_due"] += amount(receivable["amount"])
            figures["overdue_balance"] += outstanding(receivable, last_day)
            figures["collected_on_time"] += paid_on_time(receivable)
    reports = config.reports
    rows = []
    for currency in sorted(sums):
        figures = sums[currency]
        overdue = _rate(figures["overdue_balance"], figures["billed_due"])
        on_time = _rate(figures["collected_on_time"], figures["billed_due"])
        for name in ("collected", "billed_due", "overdue_balance", "collected_on_time"):
            rows.append(_figure(name, currency, money(figures[name])))
        rows.append(
            _figure("overdue_rate", currency, overdue, reports.get("overdue_rate_target"), -1)
        )
        rows.append(
            _figure("collection_rate", currency, on_time, reports.get("collection_rate_target"), 1)
        )
    return rows


def _figure(name: str, currency: str, value, target=None, better: int = 0) -> dict:
    """One row: `better` 1 when the figure should reach the target, -1 when it should stay within
    it."""
    shown = None if target is None else round(100 * target, 2)
    met = None
    if shown is not None and value is not None:
        met = value >= shown if better > 0 else value <= shown
    return {"figure": name, "currency": currency, "amount": value, "target": shown, "met": met}
