"""`crmctl export`: records for spreadsheets and other systems, personal data masked on request."""

from __future__ import annotations

from .. import progress
from ..archive.schemas import field_types, personal_fields
from ..messages import _
from ..rules.redaction import redacted
from .import_columns import RECORD_ID
from .io_kinds import IoKind
from .session import Session


def export_records(
    session: Session, io_kind: IoKind, redact: bool = False, **filters
) -> tuple[list[dict], list[str]]:
    """The records `list` would show with these filters, without history (but with the times of the
    steps the kind's import reads back), and their column order."""
    columns = [
        RECORD_ID,
        *(name for name in field_types(io_kind.kind.schema) if name != "history"),
        *io_kind.steps,
    ]
    records, meanings = [], personal_fields(io_kind.kind.schema)
    found = io_kind.list_records(session, **filters)
    for record in progress.tracked(found, _("exporting")):
        fields = {
            key: record[key] for key in columns[1:] if key in record
        }  # not what `list` derives
        fields.update(io_kind.step_times(session, record))
        records.append(
            {
                RECORD_ID: record[RECORD_ID],
                **(redacted(fields, meanings=meanings) if redact else fields),
            }
        )
    return records, columns
