"""The one catalogue of what crmctl says to people, in English and Chinese.

A message is written in the code in English inside `_()`: the English text is its key, as in
gettext, and the tables of this package give its Chinese. `tests/test_messages.py` checks that every
`_()` of the package has its Chinese here and that no text a person reads bypasses `_()`. Codes
(rule names, states, actions) stay codes in JSON; only what is printed for people goes through here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("en", "zh")
_current = {"lang": "en"}


def default_lang(environ: Mapping[str, str] = os.environ) -> str:
    """The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set (as POSIX
    reads them)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "zh" if environ[name].startswith("zh") else "en"
    return "en"


def use(lang: str) -> None:
    """Speak `lang` from now on (the command line sets it once, before a command runs)."""
    _current["lang"] = lang if lang in LANGS else "en"


def lang() -> str:
    return _current["lang"]


def _(msgid: str, /, **params) -> str:
    """The message `msgid` in the current language, its `{name}` fields filled from `params`."""
    return text(msgid, _current["lang"], **params)


def text(msgid: str, lang: str, /, **params) -> str:
    """The message `msgid` in `lang`: as written (English) or its Chinese; `{name}` fields
    filled."""
    message = catalogue().get(msgid, msgid) if lang == "zh" else msgid
    return message.format(**params) if params else message


def action_text(action: str, lang: str) -> str:
    """A history entry's action for people: its code in English, its name in Chinese."""
    return (
        text(f"history:{action}", lang)
        if lang == "zh" and translated(f"history:{action}")
        else action
    )


def translated(msgid: str) -> bool:
    return msgid in catalogue()


def catalogue() -> dict[str, str]:
    """English text -> Chinese, all areas in one table (loaded on first use)."""
    if "zh" not in _tables:
        from . import (
            zh_actions,
            zh_cli,
            zh_click,
            zh_commands,
            zh_errors,
            zh_help,
            zh_help_commands,
            zh_history,
            zh_reasons,
            zh_report,
        )

        table: dict[str, str] = {}
        areas = (
            zh_help,
            zh_help_commands,
            zh_commands,
            zh_cli,
            zh_errors,
            zh_actions,
            zh_report,
            zh_click,
            zh_reasons,
            zh_history,
        )
        for area in areas:
            table.update(area.ZH)
        _tables["zh"] = table
    return _tables["zh"]


_tables: dict[str, dict[str, str]] = {}
