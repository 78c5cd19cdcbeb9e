"""Progress bars of long work (crmctl/progress.py): drawn late, in place, only for a watcher."""

from __future__ import annotations

import io

from crmctl import progress
from crmctl.progress import DELAY, Bar


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_bar_appears_only_once_the_work_took_a_while_and_tells_the_time_left():
    stream, clock = io.StringIO(), Clock()
    bar = Bar(stream, "reading the records", 1000, clock)
    bar.advance(100)
    assert stream.getvalue() == ""  # quick work prints nothing
    clock.now += DELAY * 4  # 2 s for 250 of 1000: 6 s left
    bar.advance(150)
    assert (
        stream.getvalue()
        == "\rreading the records [#####---------------] 250/1000  0:06 left\x1b[K"
    )
    clock.now += 0.01
    bar.advance(1)
    assert stream.getvalue().count("\r") == 1  # not redrawn at every step
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_nothing_is_drawn_when_no_one_watches():
    stream = io.StringIO()
    progress.watch(None)
    with progress.counting("checking the records", 10) as advance:
        advance(10)
    assert list(progress.tracked([1, 2, 3], "x")) == [1, 2, 3]
    assert stream.getvalue() == ""


def test_tracked_items_are_counted_as_they_are_taken(monkeypatch):
    stream, clock = io.StringIO(), Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    progress.watch(stream)
    try:
        for item in progress.tracked(list(range(4)), "importing"):
            clock.now += DELAY
            assert item < 4
    finally:
        progress.watch(None)
    assert "4/4" in stream.getvalue() and stream.getvalue().endswith("\r\x1b[K")
