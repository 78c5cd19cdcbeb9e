"""The config's validation is remembered by digest: a changed config is always validated afresh."""
from __future__ import annotations

from crmctl.store import config_file
from crmctl.store.root import CONFIG_NAME, STATE_DIR


def test_a_valid_config_is_remembered_and_a_broken_one_still_reported(crm, monkeypatch):
    config, problems = config_file.read_config(crm.root)
    assert config is not None and problems == []
    assert (crm.root / STATE_DIR / config_file.CACHE_NAME).exists()
    calls = []
    real_validate = config_file.validate
    monkeypatch.setattr(config_file, "validate", lambda *args: calls.append(args) or real_validate(*args))
    config_file.read_config(crm.root)
    assert calls == []  # unchanged bytes: schema validation skipped
    path = crm.root / CONFIG_NAME
    path.write_bytes(path.read_bytes().replace(b"timezone: Asia/Shanghai", b"timezone: 8", 1))
    config, problems = config_file.read_config(crm.root)
    assert config is None and len(calls) == 1
    assert [(p.line, p.field) for p in problems] == [(4, "timezone")]
