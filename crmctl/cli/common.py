"""What every command shares: the app context, the output options, ids from stdin, error exits."""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import unicodedata
from typing import TYPE_CHECKING

import click

from .. import messages, render
from ..errors import CrmError, UsageError
from ..messages import _
from ..screen import json_visible, visible
from .localized import EXAMPLES

if TYPE_CHECKING:
    from ..actions.session import Session
    from ..fitting import Screen


class App:
    """The global options, and the session built from them on first use."""

    def __init__(self, root, user, now, fmt, lang, commit=None, wide=False, color="auto"):
        self.root, self.user, self.now, self.commit = root, user, now, commit
        self.format = fmt or "table"
        if lang:
            messages.use(lang)
        self.lang = messages.lang()
        self.wide, self.color = wide, color
        self.pager = _terminal().Pager() if sys.stdout.isatty() else None
        from .. import progress  # long work shows a bar to a person watching standard error

        progress.watch_terminal()

    @functools.cached_property
    def screen(self) -> Screen:
        """How tables are shaped for the terminal they go to (once the format is known)."""
        return _terminal().screen(self.format, self.wide, self.color)

    @functools.cached_property
    def session(self) -> Session:
        from ..actions.session import Session

        return Session(root=self.root, now=self.now, user=self.user, commit=self.commit)

    def commit_changes(self) -> None:
        """Commit what the command wrote (when committing is on); called once the command ends."""
        if "session" not in self.__dict__:  # the command never opened the archive
            return
        session = self.session
        if session.commit_error is None and not session.store.changes and not session.commits:
            return  # a read: the commit machinery is not even loaded
        from ..actions import commits
        from ..store.git import GitError

        try:
            if session.commit_error is not None:
                raise session.commit_error
            commit = commits.commit_changes(session)
        except GitError as exc:
            raise GitError(
                _("the change is saved but was not committed: {reason}", reason=exc)
            ) from None
        for made in [*session.commits, *([commit] if commit else [])]:
            self.say(_("committed {commit}", commit=made[:12]))

    def close(self) -> None:
        """Let go of the archive once the command is done (see Store.close), and show what it
        printed (through a pager if it is longer than the screen)."""
        if self.pager is not None:
            self.pager.flush(self.color == "always" or self.screen.color)
        if "session" in self.__dict__:
            self.session.store.close()

    def relabel(self, vocabularies: dict):
        """A cell relabeller for tables: config codes (channels, grades…) shown in the chosen
        language."""
        config = self.session.config

        def relabel(field, value):
            if self.lang != "zh" or value is None:
                return value
            if field == "grade":
                return config.grades.get(value, {}).get("zh", value)
            if (
                field in ("owner", "handler", "first_responder", "by", "staff")
                and value in config.team
            ):
                return config.team[value].name
            if field == "breaches":
                return [render.label(f"target_{name}", "zh") for name in value]
            if field == "reason" and isinstance(value, str):
                from ..messages import sentences  # only tables of reasons need it

                return sentences.told(value, self.names)
            if field == "rules" and isinstance(value, str):  # `cadence 10, followup 2`
                return re.sub(r"[a-z_]+", lambda code: _(code[0]), value)
            if field in ("rule", "source") and messages.translated(value):
                return _(value)
            if field == "action":
                return messages.action_text(value, "zh")
            if field in ("from", "to") and value in config.team:  # a plan's placements
                return config.team[value].name
            if field == "field" and isinstance(value, str):
                return render.label(value, "zh")
            if field in vocabularies and isinstance(value, str):
                return config.label(vocabularies[field], value, "zh")
            if field == "kind" and isinstance(value, str) and messages.translated(value):
                return _(value)  # a plan's kinds of records
            return value

        return relabel

    @functools.cached_property
    def names(self) -> dict[str, str]:
        """Staff ids and codes of crmctl.yaml by their Chinese names, for sentences rules wrote
        (messages.sentences)."""
        config = self.session.config
        names = {
            code: config.label(vocabulary, code, "zh")
            for vocabulary in ("severities", "complaint_kinds", "channels", "categories")
            for code in config.vocabulary(vocabulary)
        }
        names.update({member.id: member.name for member in config.team.values()})
        return names

    def out(self, text: str, painted: bool = False) -> None:
        """Standard output. Nothing printed carries a character a terminal would act on (a name
        with OSC 52); `painted`: tables coloured by `fitting.shaped`, whose cells are made visible
        already and whose colour codes stay."""
        if not painted:
            text = json_visible(text) if self.format == "json" else visible(text)
        if self.pager is not None:
            self.pager.add(text)
            return
        # A slice at a time: writing 40 MB of output at once encodes all of it at once (~70 MB
        # more). Slices end at a line's end, so no colour code that click strips is cut in two.
        start = 0
        while start < len(text):
            end = text.find("\n", start + OUT_SLICE - 1) + 1 or len(text)
            click.echo(text[start:end], nl=False, color=self.color == "always" or None)
            start = end

    def prose(self, text: str) -> str:
        """A line of prose as standard output shows it: folded to a fitted terminal's width."""
        if self.screen.width is None:
            return text
        from ..fitting import folded

        return folded(text, self.screen.width)

    def say(self, message: str) -> None:
        """Messages for people go to stderr, so stdout stays parseable."""
        click.echo(visible(message), err=True)

    def confirm(self, message: str) -> None:
        """The one line a write tells a person (stderr: stdout keeps the ids)."""
        self.confirmed = True
        self.say(message)

    def day(self, value) -> str:
        """A day or moment as echoes show it: absolute, with its weekday."""
        return render.day_text(value, self.lang)

    def show_rows(
        self, records, columns, vocabularies=None, redundant=(), empty: str | None = None
    ) -> None:
        """A table of `columns` (`redundant` ones say nothing here and go when it is fitted); with
        no rows, `empty` (what was not found) on stderr."""
        screen = dataclasses.replace(self.screen, redundant=frozenset(redundant))
        table = render.rows(
            self.shown(records, columns),
            columns,
            self.format,
            self.lang,
            self.relabel(vocabularies or {}),
            screen,
        )
        self.out(table, painted=screen.color)
        self.warn_unreadable()
        if not records and empty:
            self.say(empty)

    def shown(self, records: list[dict], columns: list[str]) -> list[dict]:
        """Records as a fitted table shows them: ids as their short references; piped, the full
        ids."""
        if not records or self.screen.width is None:
            return records
        return _terminal().short_ids(self.session.store, records, columns)

    def show_listed(self, records, columns, kind: str, vocabularies=None) -> None:
        """A listing of records of `kind`; an empty listing says so on stderr."""
        empty = {
            "customer": _("no customers match"),
            "visit": _("no visits match"),
            "complaint": _("no complaints match"),
        }[kind]
        self.show_rows(records, columns, vocabularies, empty=empty)

    def tell_rows(self, records, columns) -> None:
        """A table for the person at the terminal, on stderr (a plan before a question)."""
        screen = _terminal().screen("table", self.wide, "never", sys.stderr)
        table = render.rows(records, columns, "table", self.lang, self.relabel({}), screen)
        self.say(table.rstrip("\n"))

    def show_one(self, record, vocabularies=None) -> None:
        self.out(render.one(record, self.format, self.lang, self.relabel(vocabularies or {})))

    def show_written(self, *records) -> None:
        """What a command created or changed: the ids for people and `ids`, the records otherwise;
        and, unless the command said it already, one line on stderr a person reads."""
        if not getattr(self, "confirmed", False) and records:
            self.confirm(self.written_line(records[0]))
        if self.format in ("table", "ids"):
            self.out("".join(f"{record['id']}\n" for record in records))
        else:
            for record in records:
                self.show_one(without_history(record))

    def written_line(self, record: dict, words: str | None = None) -> str:
        """`received complaint T1M7… 嘉兴南湖五金 · received`: what was done, to which record, of
        which customer, and where a complaint now stands."""
        path = click.get_current_context().command_path.split(" ", 1)[-1]
        words = words or WRITTEN.get(f"{path} {record.get('kind')}") or WRITTEN.get(path)
        parts = [f"{_(words) if words else path} {record['id']}"]
        label = record.get("name") or record.get("title")
        if label is None and record.get("customer"):
            from ..actions.lookup import customer_name  # only writes pay for it

            label = " ".join(
                filter(
                    None,
                    [record.get("number"), customer_name(self.session.store, record["customer"])],
                )
            )
        if label:
            parts[0] += f" {label}"
        if "status" in record and "name" not in record:
            parts.append(render.cell(record["status"], self.lang))
        if "balance" in record:
            parts.append(
                _(
                    "balance {amount} {currency}",
                    amount=record["balance"],
                    currency=record["currency"],
                )
            )
        return " · ".join(parts)

    def problem_text(self, problem) -> str:
        """A problem as `path:line: field: message`; in Chinese, its message told in Chinese."""
        if self.lang != "zh":
            return str(problem)
        from ..messages import sentences

        told = dataclasses.replace(problem, message=sentences.told(problem.message, self.names))
        return str(told).replace(": warning: ", ": " + _("warning:") + " ", 1)

    def warn_unreadable(self) -> None:
        problems = list(
            dict.fromkeys(self.session.store.problems)
        )  # one file may be read by two queries
        for problem in problems[:20]:
            self.say(_("crmctl: warning: {message}", message=self.problem_text(problem)))
        if problems:
            files = len({problem.path for problem in problems})
            self.say(
                _(
                    "crmctl: warning: {message}",
                    message=_(
                        "{files} unreadable record file(s) left out; run 'crmctl check'",
                        files=files,
                    ),
                )
            )


def _terminal():
    from . import terminal  # a plain --help draws no table

    return terminal


pass_app = click.make_pass_decorator(App)
WRITTEN = {  # a write's command: the words of its confirmation line (Chinese in the catalogue)
    "customer add": "added customer",
    "customer edit": "changed customer",
    "customer lose": "marked lost:",
    "complaint log": "received complaint",
    "complaint log suggestion": "received suggestion",
    "complaint log inquiry": "received inquiry",
    "complaint log lookup": "received lookup",
    "complaint answer": "answered",
    "complaint convert": "converted into a complaint:",
    "complaint judge": "judged",
    "complaint investigate": "investigated",
    "complaint propose": "proposed a solution for",
    "complaint approve": "approved the solution of",
    "complaint implement": "implemented",
    "complaint resolve": "resolved",
    "complaint callback": "called back about",
    "complaint close": "closed",
    "complaint reopen": "reopened",
    "complaint hold": "put on hold",
    "complaint resume": "resumed",
    "complaint reply": "replied to the customer about",
    "receivable add": "recorded receivable",
    "receivable pay": "recorded a payment of",
    "receivable write-off": "wrote off",
    "plan add": "added plan",
    "plan action": "planned an action in",
    "plan done": "marked an action done in",
}
YES = click.option(
    "--yes", "-y", is_flag=True, help="Do not ask before changing many records on a terminal."
)


def ask_first(yes: bool) -> bool:
    """Whether a mass change shows its plan and asks first: on a terminal, without --yes."""
    return not yes and sys.stdin.isatty() and sys.stderr.isatty()


def agree(count: int) -> None:
    """Ask whether to go ahead with `count` changes just shown; no changes nothing (exit 1)."""
    if not click.confirm(_("apply these {count} change(s)?", count=count), default=False, err=True):
        raise CrmError(_("nothing changed (answered no)"))


def without_history(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != "history"}


def _set_format(ctx, param, value):
    if value:
        ctx.find_object(App).format = value


OUT_SLICE = 1 << 20  # characters written at a time, at least (whole lines)


def output_option(formats=render.FORMATS):
    """`--format` after the subcommand too (it overrides the global one)."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(formats),
        expose_value=False,
        callback=_set_format,
        help="Output format (also a global option; env CRMCTL_FORMAT).",
    )


def options(*decorators):
    """Several click options as one decorator, for filters that a `list` shares with `export`."""

    def apply(command):
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


def expand_refs(refs) -> list[str]:
    """Arguments naming records, with `-` replaced by the ids read from standard input."""
    out: list[str] = []
    for ref in _phones_joined(refs):
        if ref == "-":
            out.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            out.append(ref)
    if not out:
        raise UsageError(_("no records named (give ids, or - to read them from standard input)"))
    return out


def _phones_joined(refs) -> list[str]:
    """The arguments with a phone number typed in groups without quotes (`186 9787 0881`, `0571
    8888 1234`) as one reference: groups of 2-4 digits that make 10-12 digits together."""
    out: list[str] = []
    groups: list[str] = []
    for ref in [*refs, ""]:
        digits = unicodedata.normalize("NFKC", ref)
        if digits.isdigit() and len(digits) <= PHONE_GROUP:
            groups.append(ref)
            continue
        joined = "".join(groups)
        if len(groups) > 1 and PHONE_DIGITS[0] <= len(joined) <= PHONE_DIGITS[1]:
            out.append(" ".join(groups))
        else:
            out.extend(groups)
        groups = []
        out.append(ref)
    return out[:-1]


PHONE_GROUP, PHONE_DIGITS = 4, (10, 12)


def examples(*lines: str) -> str:
    """An epilog of examples for --help; click keeps `\b` paragraphs as written."""
    return f"\b\n{EXAMPLES}\n" + "\n".join(f"  {line}" for line in lines)
