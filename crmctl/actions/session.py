"""What every action works with: the store, the config, `now` and the acting user."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable
from pathlib import Path

from ..archive.root import find_root
from ..config import Config, Staff
from ..errors import CrmError, Denied
from ..messages import _
from ..rules.calendar import WorkCalendar
from ..rules.history import ClockError, clock_ahead
from ..rules.typed_dates import FUTURE, PAST, parse_day, parse_moment, reckoned
from ..store import git, git_commit, git_driver
from ..store.config_file import load_config
from ..store.records import Store
from ..timeutil import zone


class Session:
    """Built once per command. `now` and the user are resolved on first use, so commands that do
    not need them (a listing, `check`) never touch the clock's zone or git."""

    def __init__(
        self,
        root: str | Path | None = None,
        now: str | dt.datetime | None = None,
        user: str | None = None,
        lock_timeout: float | None = None,
        commit: bool | None = None,
    ):
        self.root = find_root(str(root) if root else None)
        timeout = (
            lock_timeout
            if lock_timeout is not None
            else float(os.environ.get("CRMCTL_LOCK_TIMEOUT", "10"))
        )
        self.store = Store(self.root, lock_timeout=timeout)
        self._now = now
        self._user = user
        self._commit = commit
        self.store.before_write = self._ready_to_write
        self.store.before_commit = self._about_to_write
        self.store.after_commit = self._commit_written
        self.commits: list[str] = []  # made by this session (`--commit`)
        self.commit_error: git.GitError | None = None  # a commit that failed; the next finishes it

    @property
    def wants_commits(self) -> bool:
        """Whether changes become git commits: --commit / --no-commit, else `git.autocommit` in
        crmctl.yaml."""
        return self._commit if self._commit is not None else bool(self.config.git.get("autocommit"))

    def _ready_to_write(self) -> None:
        # Refuse before writing: a record read from a half-merged archive may lack one side, a
        # change that should have been committed must not land uncommitted, and no history entry is
        # dated by a --now ahead of the machine's clock.
        if self._now:
            ahead = clock_ahead(self.now, self.clock)
            if ahead:
                raise ClockError(ahead)
        git.require_merged(self.root)
        git_driver.refresh_driver(self.root)
        if self.wants_commits:
            git.require_committable(self.root)

    def _about_to_write(self, paths: Iterable[Path]) -> None:
        # Under the lock: first finish a commit an earlier command left halfway.
        git_commit.finish_commit(self.root, self.store.state_dir)
        if not self.wants_commits:
            return
        earlier = git_commit.changed_since_head(self.root, paths)
        if earlier:
            raise CrmError(
                _(
                    "{earlier} already differ from the last commit (an earlier write "
                    "without --commit, or an edit by hand): this commit would take those "
                    "changes in under its own name. Commit them first ('crmctl --commit "
                    "sync', or git), or write without --commit; nothing was written",
                    earlier=", ".join(earlier),
                )
            )
        git_commit.begin_commit(self.root, self.store.state_dir, paths, self.user.id)

    def _commit_written(self) -> None:
        from .commits import commit_changes  # commits builds on sessions

        try:
            commit = commit_changes(self)
        except git.GitError as exc:
            self.commit_error = exc
            return
        if commit:
            self.commits.append(commit)

    @functools.cached_property
    def config(self) -> Config:
        return load_config(self.root)

    @functools.cached_property
    def tz(self) -> dt.tzinfo:
        return zone(self.config.timezone)

    @functools.cached_property
    def now(self) -> dt.datetime:
        # Always in the team's zone, whatever offset --now was given in: days, office hours and the
        # follow-ups kept in the index are all reckoned in it.
        if isinstance(self._now, dt.datetime):
            return (
                self._now.astimezone(self.tz)
                if self._now.tzinfo
                else self._now.replace(tzinfo=self.tz)
            )
        clock = dt.datetime.now(self.tz).replace(microsecond=0)  # the one clock read of a command
        if self._now:  # typed as any date option is, counted from the clock (`--now yesterday`)
            moment = parse_moment(self._now, clock, self.calendar, PAST, "--now")
            try:
                in_zone = moment.astimezone(self.tz)
            except OverflowError:  # beyond year 9999 in the team's zone
                in_zone = dt.datetime.max.replace(tzinfo=self.tz)
            return reckoned(in_zone, self._now, "--now")
        return clock

    def moment(self, value, lean: str = FUTURE, what: str = "time", base=None) -> dt.datetime:
        """A moment as typed (see rules.typed_dates), counted from `base` (default: now); a
        datetime is kept."""
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=self.tz)
        return parse_moment(value, base or self.now, self.calendar, lean, what)

    def day(self, value, lean: str = FUTURE, what: str = "date", base=None) -> dt.date:
        """A day as typed (see rules.typed_dates), counted from `base` (default: now); a date is
        kept."""
        if isinstance(value, dt.date):
            return value
        return parse_day(value, base or self.now, self.calendar, lean, what)

    @property
    def clock(self) -> dt.datetime:
        """The machine's clock, whatever --now says: what a history entry is checked against (in the
        machine's zone: `check` of a broken config still runs)."""
        return dt.datetime.now().astimezone()

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @functools.cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self.config.calendar)

    @functools.cached_property
    def user(self) -> Staff:
        """The acting staff member: --as, else CRMCTL_USER (both arrive as `user`), else git's
        identity."""
        tried = (
            [self._user]
            if self._user
            else [
                value
                for value in (
                    git.config_value(self.root, "user.email"),
                    git.config_value(self.root, "user.name"),
                )
                if value
            ]
        )
        for who in tried:
            staff = self.config.identify(who)
            if staff is not None:
                if not staff.active:
                    raise Denied(
                        _(
                            "{staff} has left the team (active: false) and cannot make changes",
                            staff=staff,
                        )
                    )
                return staff
        known = self.config.roster()
        if not tried:
            raise CrmError(
                _(
                    "who is acting? pass --as USER or set CRMCTL_USER (staff: {known})",
                    known=known,
                )
            )
        raise CrmError(
            _(
                "'{user}' is not on the team in crmctl.yaml (staff: {known}); pass --as USER",
                user=tried[0],
                known=known,
            )
        )
