"""Chinese of errors and warnings."""

ZH: dict[str, str] = {}
