"""Progress of long work on standard error, for a person watching it: a bar with the count done and
the time left, drawn only when standard error is a terminal (`watch`) and only once the work has
taken DELAY, so that quick commands print nothing. The import, a cold index build or a large pull
read again, a full `check` and an export report through it."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TextIO, TypeVar

from .fitting import shorten

DELAY = 0.5  # seconds of work before a bar appears
REDRAW = 0.1  # seconds between two drawings of a bar
BAR = 20  # columns of the bar itself
_watched: dict[str, TextIO | None] = {"stream": None}
T = TypeVar("T")


def watch(stream: TextIO | None) -> None:
    """Draw bars on `stream` from now on (None: draw none). The command line calls it with standard
    error when that is a terminal."""
    _watched["stream"] = stream


def watching() -> bool:
    """Whether a person watches the bars (standard error is a terminal)."""
    return _watched["stream"] is not None


def watch_terminal() -> None:
    watch(sys.stderr if sys.stderr.isatty() else None)


@contextlib.contextmanager
def counting(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """`advance(n)`: n more of `total` done; a bar labelled `label` shows it to a watcher."""
    stream = _watched["stream"]
    if stream is None or total <= 0:
        yield _nothing
        return
    bar = Bar(stream, label, total, time.monotonic)
    try:
        yield bar.advance
    finally:
        bar.clear()


def tracked(items: Iterable[T], label: str) -> Iterator[T]:
    """The items one after another, counted as they are taken; their number is asked only when a
    person watches (an import's rows are counted by one more pass over the file)."""
    with counting(label, len(items) if watching() and isinstance(items, Sized) else 0) as advance:
        for item in items:
            yield item
            advance(1)


def chunked(chunks: Iterable[Sized], label: str, total: int) -> Iterator:
    """Work done a chunk at a time (a list of files read, checked): each chunk counted by its
    length once it is done."""
    with counting(label, total) as advance:
        for chunk in chunks:
            yield chunk
            advance(len(chunk))


def _nothing(count: int) -> None:
    """No one is watching."""


class Bar:
    """One bar on a terminal, redrawn in place: `label [#####-----] 1200/5000  0:41 left`."""

    def __init__(self, stream: TextIO, label: str, total: int, clock: Callable[[], float]):
        self.stream, self.label, self.total, self.clock = stream, label, total, clock
        self.done, self.started = 0, clock()
        self.drawn_at: float | None = None

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < REDRAW and self.done < self.total:
            return
        self.drawn_at = now
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()

    def line(self, now: float) -> str:
        filled = BAR * self.done // self.total
        line = f"{self.label} [{'#' * filled}{'-' * (BAR - filled)}] {self.done}/{self.total}"
        if self.done:
            left = (now - self.started) * (self.total - self.done) / self.done
            line += f"  {_duration(left)} left"
        return shorten(line, _columns(self.stream) - 1)

    def clear(self) -> None:
        """The bar rubbed out once the work is done: what the command prints comes in its place."""
        if self.drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return 80
