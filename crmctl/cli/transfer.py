"""`crmctl import` and `crmctl export`: records from and to CSV, XLSX, JSON Lines and YAML."""

from __future__ import annotations

import contextlib
import itertools
import sys
from pathlib import Path

import click

from .. import lazy, progress
from ..actions.io_kinds import IoKind
from ..actions.io_kinds_accounts import IO_KINDS
from ..errors import UsageError
from ..messages import _
from ..transfer.output_file import atomic_output
from ..transfer.table_write import FORMATS
from . import complaint, customer, plan, receivable, visit
from .common import YES, App, agree, ask_first, examples, output_option, pass_app
from .localized import Group, Templated

exporting = lazy.module("crmctl.actions.exporting")
importing = lazy.module("crmctl.actions.importing")
table_read = lazy.module("crmctl.transfer.table_read")
table_write = lazy.module("crmctl.transfer.table_write")

# each kind's export takes the filters of its `list`, shown with an example
FILTERS = {
    "customers": (customer.filter_options, "--grade A -o key_accounts.xlsx"),
    "visits": (visit.filter_options, "--since 2026-11-01 --until 2026-11-30 -o 11月回访.xlsx"),
    "complaints": (complaint.filter_options, "--status closed -o 投诉台帐.xlsx"),
    "receivables": (receivable.filter_options, "--overdue -o 应收账款.xlsx"),
    "plans": (plan.filter_options, "--kind service -o 服务计划.xlsx"),
}

IMPORT_HELP = """Import {plural} from FILE: CSV, XLSX, legacy XLS, JSON Lines or YAML, chosen by
the file's ending. The encoding of a text file is detected (UTF-8, UTF-16, GBK/GB18030, cp1252, …)
and always said; a doubtful guess is refused with the candidates (--encoding to choose). In a
workbook the first sheet is read (--sheet), its header found among the first rows below any title
or instructions (--header-row N to name it).

Columns are matched to fields by their header, in Chinese or English: each field's name and label,
and {aliases}. Other columns stop the import until you --map them to a field, skip them
(--map COLUMN=-) or keep them under the record's `extra` mapping of text (--keep-extra, or
--map COLUMN=extra.NAME).

Cells may be written as people type them: dates as 2026-11-23, 2026/11/23, 2026年11月23日 or
spreadsheet dates; staff by id, name or email; grades and other codes by code or label (A1, A一级);
lists separated by commas or 、; phones as (0571)88881234, 0571.8888.1234, +86 138 0571 1239 or
0571-88881234转8001 (several numbers in one cell fill mobile and phone, or the whole cell is also
kept under extra, with a note). Other systems' codes are read as crmctl's with
--value COLUMN:FROM=TO or a --value-file. A creation date in the file (建档日期, Created Date) is
kept as the record's `created`, and said in its history. An empty cell sets nothing (and clears
nothing on update).

All or nothing: if any row is wrong, the problems are listed, one line per column and reason with
its first rows (--all-errors: every row), the command exits 1 and nothing is written. --dry-run
shows first which field each column fills and why. Likely duplicates within the file or against the
archive stop the import too, unless --allow-duplicate.

--key FIELD matches rows to existing records by that field (id when the file has an id column), so
they are updated instead of duplicated; importing the same file again changes nothing. Every
created record's history starts with an `import` entry, every updated one gets one.

{lifecycle}{permissions} Prints the ids created or updated (--dry-run: what each row would do)."""


EXPORT_HELP = """Export {plural}, filtered like `{singular} list`, without their history (nor what
`list` derives, such as a complaint's breaches; but a complaint's judged_at, resolved_at,
replied_at and called_back_at: the times that met its deadlines, which import reads back).
Lists whose items hold commas are written as JSON lists; mappings (extra, a complaint's
judgement, …) as one `field.key` column per key. Cells starting with = + - @ get a leading '
so a spreadsheet never runs them; `crmctl import` removes it again, so an export imports
back unchanged: into another archive with the same ids, into this one as updates matched by
the id column. A --redact export is for reading only: import refuses its masked cells."""


def _import_help(io_kind: IoKind) -> dict[str, str]:
    """The fields of IMPORT_HELP for a kind."""
    aliases = ", ".join(
        f"{'/'.join(headers[:2])} -> {name}" for name, headers in io_kind.aliases.items()
    )
    return {
        "plural": io_kind.plural,
        "aliases": aliases,
        "permissions": io_kind.permissions,
        "lifecycle": f"{io_kind.lifecycle}\n\n" if io_kind.lifecycle else "",
    }


def _source(path: Path, table) -> str:
    """How the file was read, said before anything else: a wrong guess shows at once."""
    parts = [_("reading {name}", name=path.name)]
    if table.encoding is not None:
        how, _also, others = table.encoding.how.partition("; also possible: ")
        how = _(how) + (_("; also possible: {names}", names=others) if others else "")
        parts.append(
            _("as {encoding} ({how}; --encoding to change)", encoding=table.encoding.name, how=how)
        )
    if table.sheet is not None:
        parts.append(_("sheet '{sheet}' (--sheet to choose)", sheet=table.sheet))
    if table.above_header:
        rows = table.above_header
        shown = f"{rows[0]}" if len(rows) == 1 else f"{rows[0]}-{rows[-1]}"
        parts.append(
            _("header in row {row}, row(s) {rows} above it skipped", row=rows[-1] + 1, rows=shown)
        )
    return _(", ").join(parts)


def _plan(plans) -> str:
    """The column -> field plan a dry run shows before its rows."""
    from wcwidth import wcswidth  # only a dry run aligns Chinese headers

    width = max((wcswidth(plan.column) for plan in plans), default=0)
    lines = [
        f"  {plan.column}{' ' * (width - wcswidth(plan.column))} -> "
        f"{plan.target or _('(skipped)')} ({_how(plan.how)})"
        for plan in plans
    ]
    return _("columns:") + "\n" + "\n".join(lines)


def _how(how: str) -> str:
    if how.startswith("alias "):
        return _("alias {header}", header=how[len("alias ") :])
    return _(how)


def _summary(result, dry_run: bool, plural: str) -> str:
    counts = {
        "created": result.count("create"),
        "updated": result.count("update"),
        "unchanged": result.count("unchanged"),
        "plural": _(plural),
    }
    if dry_run:
        return _(
            "would create {created}, would update {updated}, would leave {unchanged} unchanged "
            "{plural}",
            **counts,
        )
    return _("created {created}, updated {updated}, left {unchanged} unchanged {plural}", **counts)


def _progress(items, label):
    """The import's rows, counted on a bar for a person watching standard error."""
    return contextlib.nullcontext(progress.tracked(items, label))


@click.group(
    cls=Group,
    name="import",
    epilog=examples(
        "crmctl import customers 客户档案.csv --dry-run",
        "crmctl import customers customers.xlsx --key mobile",
        "crmctl import visits 回访记录.csv --encoding gbk",
        "crmctl import complaints 投诉台帐.xlsx --map 编号=extra.no --key extra.no",
    ),
)
def import_():
    """Import records from CSV, XLSX, JSON Lines or YAML, all or nothing."""


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl export customers -o customers.xlsx",
        "crmctl export customers --grade A --redact --format jsonl",
        "crmctl export complaints --status closed -o 投诉台帐.xlsx",
    ),
)
def export():
    """Export records to CSV, XLSX, JSON Lines or YAML."""


def _import_command(io_kind: IoKind) -> click.Command:
    plural = io_kind.plural

    @click.command(
        cls=Templated,
        name=plural,
        template=IMPORT_HELP,
        fields=_import_help(io_kind),
        translated=("plural", "permissions", "lifecycle"),
        epilog=examples(
            f"crmctl import {plural} {plural}.csv --dry-run",
            f"crmctl import {plural} 导出.csv --encoding gbk --map 序号=-",
            f"crmctl import {plural} crm.xlsx --key id",
            f"crmctl import {plural} old.jsonl --map 客户编号=extra.erp_id --key extra.erp_id",
            f"crmctl import {plural} 呼叫中心.csv --set channel=phone",
        ),
    )
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Show what each row would do; write nothing.")
    @click.option(
        "--key",
        metavar="FIELD",
        help="Update the record whose FIELD equals the row's (e.g. mobile, "
        "email, extra.erp_id) instead of creating one.",
    )
    @click.option(
        "--map",
        "mapping",
        multiple=True,
        metavar="COLUMN=FIELD",
        help="Column to field (FIELD, extra.NAME, or - to skip the column); repeatable.",
    )
    @click.option(
        "--set",
        "constants",
        multiple=True,
        metavar="FIELD=VALUE",
        help="Give every row VALUE for FIELD, a column the file lacks (e.g. channel=phone); "
        "repeatable.",
    )
    @click.option(
        "--keep-extra", is_flag=True, help="Keep unknown columns under the record's extra mapping."
    )
    @click.option(
        "--encoding", help="Encoding of a CSV file (default: detected; e.g. gbk, gb18030, utf-8)."
    )
    @click.option(
        "--sheet", help="Worksheet of an .xlsx/.xls workbook, by name or number (default: first)."
    )
    @click.option(
        "--header-row",
        type=click.IntRange(min=1),
        metavar="N",
        help="Row N holds the column headers (default: found among the first rows).",
    )
    @click.option(
        "--value",
        "values",
        multiple=True,
        metavar="COLUMN:FROM=TO",
        help="Read FROM in COLUMN as TO (e.g. Priority:Urgent=crisis); repeatable.",
    )
    @click.option(
        "--value-file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="YAML of COLUMN: {FROM: TO, …} for many codes at once.",
    )
    @click.option(
        "--allow-duplicate", is_flag=True, help="Import rows that look like duplicates of others."
    )
    @click.option(
        "--all-errors", is_flag=True, help="List every row's problem, not a few of each kind."
    )
    @YES
    @output_option()
    @pass_app
    def command(
        app: App,
        file,
        dry_run,
        yes,
        key,
        mapping,
        constants,
        keep_extra,
        encoding,
        sheet,
        header_row,
        values,
        value_file,
        allow_duplicate,
        all_errors,
    ):
        def run(trial: bool, **told):
            return importing.import_file(
                app.session,
                io_kind,
                file,
                encoding=encoding,
                sheet=sheet,
                header_row=header_row,
                values=values,
                value_file=value_file,
                all_errors=all_errors,
                mapping=mapping,
                constants=constants,
                keep_extra=keep_extra,
                key=key,
                dry_run=trial,
                allow_duplicate=allow_duplicate,
                **told,
            )

        if not dry_run and ask_first(yes):
            with run(True) as trial:
                _ask_import(app, trial, plural)
        with run(
            dry_run,
            source=lambda table: app.say(_source(file, table)),
            told_plan=lambda plans: app.say(_plan(plans)) if dry_run else None,
            progress=_progress,
        ) as result:
            for line in result.notes.lines():
                app.say(_("note: {line}", line=line))
            _show_imported(app, result, dry_run, io_kind.title_field)
            app.say(_summary(result, dry_run, plural))

    return command


def _show_imported(app: App, result, dry_run: bool, title_field: str) -> None:
    """The rows as a table (a dry run, or --format json/csv/yaml), else the ids written, a slice
    at a time: a big file's ids are never all held."""
    if dry_run or app.format not in ("table", "ids"):
        summaries = [planned.summary(title_field) for planned in result.planned()]
        app.show_rows(summaries, ["row", "action", "id", title_field, "changes"])
        return
    written = (f"{row.id}\n" for row in result.planned() if row.action != "unchanged")
    while chunk := "".join(itertools.islice(written, OUT_IDS)):
        app.out(chunk)
    app.warn_unreadable()


OUT_IDS = 10_000  # ids printed at once
ASK_ABOVE_ROWS = 100  # an import changing more rows than this asks first on a terminal


def _ask_import(app: App, planned, plural: str) -> None:
    changes = planned.count("create") + planned.count("update")
    if changes > ASK_ABOVE_ROWS:
        app.say(
            _(
                "would create {created}, would update {updated}, would leave {unchanged} unchanged "
                "{plural}",
                created=planned.count("create"),
                updated=planned.count("update"),
                unchanged=planned.count("unchanged"),
                plural=_(plural),
            )
        )
        agree(changes)


def _export_command(io_kind: IoKind) -> click.Command:
    plural = io_kind.plural

    filter_options, filtered_example = FILTERS[plural]

    @click.command(
        cls=Templated,
        name=plural,
        template=EXPORT_HELP,
        fields={"plural": plural, "singular": io_kind.kind.name},
        translated=("plural",),
        epilog=examples(
            f"crmctl export {plural} -o {plural}.csv",
            f"crmctl export {plural} {filtered_example}",
            f"crmctl export {plural} --redact --format jsonl > masked.jsonl",
            f"crmctl export {plural} --encoding gbk -o for_old_excel.csv",
        ),
    )
    @filter_options
    @click.option(
        "--format",
        "-f",
        "chosen_format",
        type=click.Choice(FORMATS),
        help="File format (default: from the ending of --output, else csv).",
    )
    @click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write to this file (default: standard output).",
    )
    @click.option(
        "--redact",
        is_flag=True,
        help="Mask personal data: phones (138****1234), email, address, "
        "QQ/WeChat, and phone, email and id numbers inside any text.",
    )
    @click.option(
        "--encoding",
        help="Encoding of CSV and JSON Lines (default UTF-8, with a BOM in a CSV file so "
        "Excel shows Chinese; gbk for old Excel versions).",
    )
    @pass_app
    def command(app: App, chosen_format, output, redact, encoding, **filters):
        fmt = chosen_format or (table_read.file_format(output) if output else "csv")
        if fmt == "xlsx" and output is None and sys.stdout.isatty():
            raise UsageError(_("an .xlsx workbook is binary: write it with --output FILE"))
        records, columns = exporting.export_records(app.session, io_kind, redact=redact, **filters)
        chosen = encoding or ("utf-8-sig" if output is not None and fmt == "csv" else "utf-8")
        try:
            with (
                atomic_output(output) if output else contextlib.nullcontext(sys.stdout.buffer)
            ) as stream:
                table_write.write_records(stream, fmt, records, columns, chosen)
        except LookupError:
            raise UsageError(_("unknown encoding '{encoding}'", encoding=encoding)) from None
        except UnicodeEncodeError as exc:
            raise UsageError(
                _(
                    "'{text}' cannot be written in {encoding}; use utf-8",
                    text=exc.object[exc.start : exc.end],
                    encoding=encoding,
                )
            ) from None
        app.warn_unreadable()
        count, kind = len(records), _(plural)
        app.say(
            _("exported {count} {kind} to {file}", count=count, kind=kind, file=output)
            if output
            else _("exported {count} {kind}", count=count, kind=kind)
        )

    return command


for _io_kind in IO_KINDS.values():
    import_.add_command(_import_command(_io_kind))
    export.add_command(_export_command(_io_kind))

COMMANDS = [import_, export]
