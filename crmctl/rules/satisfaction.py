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
NEUTRAL = SATISFACTION_WORDS["neutral"]


def parse_satisfaction(text: str | None) -> int | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value in SATISFACTION_WORDS:
        return SATISFACTION_WORDS[value]
    if value in ("1", "2", "3", "4", "5"):
        return int(value)
    raise UsageError(f"satisfaction '{text}' is not 1-5 or one of {', '.join(SATISFACTION_WORDS)}")


def as_word(score: int, satisfied_at: int) -> str:
    """A 1-5 score as a complaint's callback records it: satisfied from `reports.satisfied_at`,
    unsatisfied below 一般."""
    if score >= satisfied_at:
        return "satisfied"
    return "neutral" if score >= NEUTRAL else "unsatisfied"
