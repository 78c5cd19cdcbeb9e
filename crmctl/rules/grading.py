"""Grade rules (分级管理, 004): which grade the config's criteria suggest for a customer."""

from __future__ import annotations


def matches(criteria: dict, customer: dict) -> bool:
    volume = customer.get("annual_volume")
    if "min_volume" in criteria and (volume is None or volume < criteria["min_volume"]):
        return False
    if "max_volume" in criteria and (volume is None or volume >= criteria["max_volume"]):
        return False
    if "credit" in criteria and customer.get("credit") not in criteria["credit"]:
        return False
    return not ("margin" in criteria and customer.get("margin") not in criteria["margin"])


def suggest_grade(customer: dict, grades: dict) -> str | None:
    """The first grade (in config order) whose criteria the customer meets; None if no rule
    applies."""
    for code, grade in grades.items():
        criteria = grade.get("criteria")
        if criteria and matches(criteria, customer):
            return code
    return None


def grade_families(wanted) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What `--grade` options name: (the grades themselves, the letters among them, each naming the
    grades it begins: `--grade A` means A, A1 and A2)."""
    wanted = tuple(wanted)
    return wanted, tuple(code for code in wanted if len(code) == 1)


def in_grade_family(code: str | None, wanted: str) -> bool:
    """Whether `--grade wanted` names this grade (see `grade_families`)."""
    grades, letters = grade_families([wanted])
    return code is not None and (code in grades or code.startswith(letters))
