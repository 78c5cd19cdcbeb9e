"""Errors a user can act on. Each carries its exit code; the CLI prints `crmctl: error: …`."""

from __future__ import annotations

from .messages import _

SHOWN_CANDIDATES = 20  # an ambiguity message lists this many, then counts the rest


class CrmError(Exception):
    """A rule or validation said no; nothing was written (exit 1)."""

    exit_code = 1


class UsageError(CrmError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class NotFound(CrmError):
    pass


class Ambiguous(CrmError):
    """A reference that names several records: the candidates as lines to tell them apart; with
    `ref` and `ids` (one per line, in order) a terminal may offer a numbered choice."""

    SHOWN = SHOWN_CANDIDATES

    def __init__(
        self,
        what: str,
        candidates: list[str],
        ref: str | None = None,
        ids: list[str] | None = None,
        total: int | None = None,
    ):
        shown = "\n".join(f"  {candidate}" for candidate in candidates[:SHOWN_CANDIDATES])
        self.total = len(candidates) if total is None else total
        hidden = self.total - min(len(candidates), SHOWN_CANDIDATES)
        more = "\n  " + _("… and {count} more", count=hidden) if hidden > 0 else ""
        super().__init__(_("{what} is ambiguous; it matches:", what=what) + f"\n{shown}{more}")
        self.candidates, self.ref, self.ids = candidates, ref, ids or []


class Denied(CrmError):
    """The acting user's role does not allow this."""


class Invalid(CrmError):
    """A record would not be valid; `problems` lists `field: message` strings."""

    def __init__(self, what: str, problems: list[str]):
        super().__init__(what + ":\n" + "\n".join(f"  {problem}" for problem in problems))
        self.problems = problems


class Refusal(ValueError):
    """A value a pure rule refuses, saying why in English, with what another language needs to say
    it: `msgid`, the English with `{field}`s, and the fields (the catalogue has its Chinese)."""

    def __init__(self, msgid: str, /, **params):
        super().__init__(msgid.format(**params) if params else msgid)
        self.msgid, self.params = msgid, params
