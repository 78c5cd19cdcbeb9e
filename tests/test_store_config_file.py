"""The config's validation is remembered by digest: a changed config is always validated afresh."""

from __future__ import annotations

import errno
import pathlib

from crmctl.archive.root import CONFIG_NAME, STATE_DIR
from crmctl.store import config_file


def test_a_valid_config_is_remembered_and_a_broken_one_still_reported(crm, monkeypatch):
    config, problems = config_file.read_config(crm.root)
    assert config is not None and problems == []
    assert (crm.root / STATE_DIR / config_file.CACHE_NAME).exists()
    calls = []
    real_validate = config_file.validate
    monkeypatch.setattr(
        config_file, "validate", lambda *args: calls.append(args) or real_validate(*args)
    )
    config_file.read_config(crm.root)
    assert calls == []  # unchanged bytes: schema validation skipped
    path = crm.root / CONFIG_NAME
    path.write_bytes(path.read_bytes().replace(b"timezone: Asia/Shanghai", b"timezone: 8", 1))
    config, problems = config_file.read_config(crm.root)
    assert config is None and len(calls) == 1
    assert [(p.line, p.field) for p in problems] == [(4, "timezone")]


def test_an_office_range_that_does_not_end_after_it_starts_is_refused_where_it_stands(crm):
    """The working calendar counts each office day as the sum of its ranges: a reversed range would
    make a day's office time negative."""
    path = crm.root / CONFIG_NAME
    text = path.read_text()
    assert 'office_hours: ["09:00-12:00", "14:30-18:00"]' in text
    path.write_text(
        text.replace(
            'office_hours: ["09:00-12:00", "14:30-18:00"]',
            'office_hours: ["09:00-12:00", "22:00-02:00"]',
            1,
        )
    )
    config, problems = config_file.read_config(crm.root)
    line = text[: text.index("office_hours:")].count("\n") + 1
    assert config is None and [(p.line, p.field) for p in problems] == [
        (line, "calendar.office_hours[1]")
    ]
    assert "22:00-24:00 and 00:00-02:00" in problems[0].message
    result = crm("due")
    assert result.exit_code != 0 and "does not end after it starts" in result.stderr


def test_a_full_disk_leaves_no_staged_cache_file(crm, monkeypatch):
    (crm.root / STATE_DIR / config_file.CACHE_NAME).unlink(missing_ok=True)
    real_write_text = pathlib.Path.write_text

    def full_disk(self, data, *args, **kwargs):
        real_write_text(self, data[:1], *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(pathlib.Path, "write_text", full_disk)
    config, problems = config_file.read_config(crm.root)
    assert config is not None and problems == []
    assert sorted(p.name for p in (crm.root / STATE_DIR).iterdir() if "config" in p.name) == []
