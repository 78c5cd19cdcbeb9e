"""Progress of long work through the command line: the index built or read again, a full check, an
export; nothing on a standard error that is not a terminal."""

from __future__ import annotations

import io
import os

import pytest

from crmctl import progress
from tests.conftest import run_crmctl


@pytest.fixture
def watched(monkeypatch) -> io.StringIO:
    """What a person watching standard error would see, with bars drawn from the first step."""
    stream = io.StringIO()
    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr(progress, "watch_terminal", lambda: progress.watch(stream))
    yield stream
    progress.watch(None)


def bars(stream: io.StringIO) -> list[str]:
    """The bars drawn, each as last drawn before it was rubbed out."""
    drawn = [part.removesuffix("\x1b[K") for part in stream.getvalue().split("\r")]
    return [part for part in drawn if part]


def test_a_cold_index_build_and_a_full_check_show_counts_and_time_left(demo, watched):
    customers = len(list((demo.root / "records" / "customers").iterdir()))
    demo.ok("check")
    shown = bars(watched)
    assert f"reading customers [####################] {customers}/{customers}" in "\n".join(shown)
    assert any(bar.startswith("checking the records [") for bar in shown)
    assert all(" left" in bar for bar in shown)
    watched.truncate(0)
    watched.seek(0)
    demo.ok("check")  # warm: nothing is read or checked again
    assert bars(watched) == []


def test_files_changed_by_a_pull_are_counted_as_they_are_read_again(demo, watched):
    demo.ok("due")
    watched.truncate(0)
    watched.seek(0)
    visits = sorted((demo.root / "records" / "visits").rglob("*.yaml"))
    for path in visits:
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    demo.ok("--lang", "zh", "due")
    read = f"读取回访记录 [####################] {len(visits)}/{len(visits)}"
    assert any(bar.startswith(read) for bar in bars(watched))


def test_an_export_shows_its_progress(demo, watched):
    demo.ok("export", "customers")
    assert any(bar.startswith("exporting [") for bar in bars(watched))


def test_nothing_is_drawn_when_standard_error_is_not_a_terminal(demo):
    result = run_crmctl("--root", demo.root, "check")
    assert result.returncode == 0 and "\r" not in result.stderr and "[#" not in result.stderr


def test_an_import_counts_its_rows_on_the_same_bar(crm, tmp_path, watched):
    path = tmp_path / "customers.csv"
    path.write_text("name,mobile\n杭州华丰建材,13805711234\n王女士,13900001111\n", encoding="utf-8")
    crm.ok("import", "customers", path)
    assert any(bar.startswith("checking 2 customers [") and " 2/2 " in bar for bar in bars(watched))
