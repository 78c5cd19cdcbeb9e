"""The writes the crash and concurrency tests fire at one data root: one line per writer.

Each writer turns a `Job` (a unique serial number and token, the worker, a customer that several
workers edit at once) into one write and returns (exit code, ids it reported, stderr). A write that
exits 0 must have left `expect(job)` in every record it named: by default the token it wrote, so a
lost or torn update shows up as a missing token. To put a new command under the same attacks, add
one line to `WRITERS`, e.g.

    "visit log": Writer(cli(lambda job: ["visit", "log", job.shared, "--channel", "phone",
"--summary", job.token])),

Run as a script, it is the worker process those tests start (and kill):

    python tests/writers.py ROOT FIRST_SERIAL COUNT SHARED[,SHARED...] WORKER WRITER [WRITER...]

It makes COUNT writes in-process (cycling through the named writers and the shared customers), so
most of its time is spent writing rather than starting Python, and prints one JSON line per write
as soon as it returned: what a killed worker printed is exactly what it reported done.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

NOW = "2026-11-23T09:30:00+08:00"
EDIT_FIELDS = (
    "contact",
    "region",
    "wechat",
    "address",
    "notes",
    "tags",
    "name",
)  # worker n edits field n
BATCH_SIZE = 20  # above the store's bulk threshold, so the batched-flush path is crashed too


@dataclass(frozen=True)
class Job:
    serial: int
    worker: int
    shared: str

    @property
    def token(self) -> str:
        return f"t{self.serial}x"  # the trailing letter keeps t1x from matching inside t12x

    @property
    def mobile(self) -> str:
        return f"139{self.serial:08d}"


@dataclass(frozen=True)
class Writer:
    run: Callable[[Path, Job], tuple[int, list[str], str]]  # -> exit code, ids reported, stderr
    expect: Callable[[Job], str] = lambda job: job.token  # text each reported record must contain


def cli(argv: Callable[[Job], list[str]]):
    """A writer that runs a crmctl command line in-process; the ids are what it printed."""

    def run(root: Path, job: Job):
        from crmctl.cli import cli as crmctl

        args = ["--root", str(root), "--as", "lina", "--now", NOW, *argv(job)]
        result = CliRunner().invoke(crmctl, args, catch_exceptions=False)
        return result.exit_code, result.stdout.split(), result.stderr

    return run


def api_batch(root: Path, job: Job):
    """BATCH_SIZE new customers in one transaction, through the actions API (an import's shape)."""
    from crmctl.actions.session import Session
    from crmctl.archive import ids
    from crmctl.archive.kinds import KINDS
    from crmctl.rules import history

    session = Session(root=root, now=NOW, user="lina")
    kind = KINDS["customer"]
    records = [
        history.created(
            {
                "id": ids.new_id(kind.letter, session.now),
                "name": f"批量 {job.token} {n}",
                "status": "prospect",
                "tags": [job.token],
            },
            session.now,
            "lina",
        )
        for n in range(BATCH_SIZE)
    ]
    with session.store.transaction() as tx:
        for record in records:
            tx.put(kind, record)
    return 0, [record["id"] for record in records], ""


def cli_import(root: Path, job: Job):
    """`import customers` of a BATCH_SIZE-row CSV, written beside the data root (one
    transaction)."""
    table = root.parent / f"import-{job.token}.csv"
    rows = [
        f"批量 {job.token} {n},137{job.serial:05d}{n:03d},{job.token}" for n in range(BATCH_SIZE)
    ]
    table.write_text("客户名称,手机,标签\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return cli(lambda job: ["import", "customers", str(table)])(root, job)


WRITERS: dict[str, Writer] = {
    # added ungraded with a volume that suggests B1, so that grade --apply has work (a key-account
    # grade would need a manager as owner, which assign --auto does not promise)
    "customer add": Writer(
        cli(
            lambda job: [
                "customer",
                "add",
                f"客户 {job.token}",
                "--mobile",
                job.mobile,
                "--set",
                "annual_volume=10",
                "--set",
                "margin=normal",
            ]
        )
    ),
    "customer edit": Writer(
        cli(
            lambda job: [
                "customer",
                "edit",
                job.shared,
                "--set",
                f"{EDIT_FIELDS[job.worker % len(EDIT_FIELDS)]}={job.token}",
            ]
        )
    ),
    "customer grade --apply": Writer(
        cli(lambda job: ["customer", "grade", "--apply", "--format", "ids"]),
        expect=lambda job: "action: grade",
    ),
    "batch of customers": Writer(api_batch),
    "import customers": Writer(cli_import),
    "visit log": Writer(
        cli(
            lambda job: [
                "visit",
                "log",
                job.shared,
                "--channel",
                "phone",
                "--reached",
                "--summary",
                job.token,
            ]
        )
    ),
    "visit log --complaint": Writer(
        cli(
            lambda job: [
                "visit",
                "log",
                job.shared,
                "--channel",
                "phone",
                "--reached",
                "--summary",
                job.token,
                "--complaint",
                f"地板起鼓 {job.token}",
            ]
        )
    ),
    "complaint log": Writer(
        cli(lambda job: ["complaint", "log", job.shared, "--summary", job.token])
    ),
    "assign --auto": Writer(
        cli(lambda job: ["assign", "--auto", "--format", "ids"]),
        expect=lambda job: "action: assign",
    ),
}


def leftovers(root: Path) -> list[str]:
    """Staged dot-files under records/ and transaction files in .crmctl/: none may outlive
    recovery."""
    found = [*(root / "records").rglob(".*"), *(root / ".crmctl").glob("*tx-*")]
    return sorted(path.relative_to(root).as_posix() for path in found)


def archive_problems(root: Path, done) -> list[str]:
    """What is wrong with the archive after the writes in `done`: check errors, lost writes, torn
    batches."""
    from crmctl.archive.kinds import KINDS, kind_of_id
    from crmctl.cli import cli as crmctl
    from crmctl.store.records import Store

    check = CliRunner().invoke(crmctl, ["--root", str(root), "check"], catch_exceptions=False)
    problems = [] if check.exit_code == 0 else [f"check failed: {check.stdout}{check.stderr}"]
    problems += [f"left behind: {path}" for path in leftovers(root)]
    store = Store(root)
    for job, name, reported in done:
        for record_id in reported:
            path = store.existing_path(kind_of_id(record_id), record_id)
            if path is None:
                problems.append(f"{name} {job.token}: reported {record_id}, which is missing")
            elif WRITERS[name].expect(job) not in path.read_text(encoding="utf-8"):
                problems.append(
                    f"{name} {job.token}: {record_id} lacks {WRITERS[name].expect(job)!r}"
                )
    batches: dict[str, int] = {}
    for record in store.records(KINDS["customer"]):
        if record["name"].startswith("批量 "):
            batches[record["tags"][0]] = batches.get(record["tags"][0], 0) + 1
    problems += [
        f"batch {tag} is torn: {count} of {BATCH_SIZE} records"
        for tag, count in batches.items()
        if count != BATCH_SIZE
    ]
    return problems


def parse_report(stdout: str) -> tuple[list[tuple[Job, str, list[str]]], list[str]]:
    """Worker output -> ([(job, writer, ids) for each write that reported success], [failure
    lines])."""
    done, failed = [], []
    for line in stdout.splitlines():
        fields = json.loads(line)
        if fields["ok"]:
            job = Job(fields["serial"], fields["worker"], fields["shared"])
            done.append((job, fields["writer"], fields["ids"]))
        else:
            failed.append(line)
    return done, failed


def main(root: str, first: str, count: str, shared: str, worker: str, *names: str) -> None:
    customers = shared.split(",")
    for n in range(int(count)):
        name = names[n % len(names)]
        job = Job(int(first) + n, int(worker), customers[n % len(customers)])
        code, reported, message = WRITERS[name].run(Path(root), job)
        line = {
            "ok": code == 0,
            "serial": job.serial,
            "worker": job.worker,
            "shared": job.shared,
            "writer": name,
            "ids": reported if code == 0 else [],
            "exit": code,
            "message": message.strip()[-300:],
        }
        print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
