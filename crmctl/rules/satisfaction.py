"""Satisfaction as people say it: 1-5, or the paper form's three words (《客户回访记录表》)."""

from __future__ import annotations

from ..errors import UsageError

# The three words on the 1-5 scale that visits store; complaints store the word.
SATISFACTION_WORDS = {
    "满意": 5,
    "satisfied": 5,
    "一般": 3,
    "neutral": 3,
    "不满意": 1,
    "dissatisfied": 1,
    "unsatisfied": 1,
}
# How else people say it on the phone: the scale's other steps in words.
SPOKEN = {
    "非常满意": 5,
    "很满意": 5,
    "very satisfied": 5,
    "比较满意": 4,
    "较满意": 4,
    "基本满意": 4,
    "还行": 3,
    "不太满意": 2,
    "较不满意": 2,
    "很不满意": 1,
    "非常不满意": 1,
    "very dissatisfied": 1,
}
NEUTRAL = SATISFACTION_WORDS["neutral"]


def parse_satisfaction(text: str | None) -> int | None:
    if text is None:
        return None
    value = " ".join(text.strip().lower().split())
    if value in SATISFACTION_WORDS or value in SPOKEN:
        return {**SPOKEN, **SATISFACTION_WORDS}[value]
    if value in ("1", "2", "3", "4", "5"):
        return int(value)
    raise UsageError(f"satisfaction '{text}' is not 1-5 or one of {', '.join(SATISFACTION_WORDS)}")


def as_word(score: int, satisfied_at: int) -> str:
    """A 1-5 score as a complaint's callback records it: satisfied from `reports.satisfied_at`,
    unsatisfied below 一般."""
    if score >= satisfied_at:
        return "satisfied"
    return "neutral" if score >= NEUTRAL else "unsatisfied"
