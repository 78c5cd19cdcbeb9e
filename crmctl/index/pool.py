"""Batches of work computed on a process pool of every core, their answers taken in order."""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator


@contextlib.contextmanager
def workers(wanted: bool):
    """A process pool of every core if `wanted` and there are two cores or more, else None (the work
    is then done in this process)."""
    cores = os.cpu_count() or 1
    if not wanted or cores == 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor  # only cold or recomputed archives need it

    with ProcessPoolExecutor(max_workers=cores) as executor:
        yield executor


def in_order(work: Callable, batches: Iterable[tuple], executor) -> Iterator:
    """`work(*batch)` of each batch, in order: on `executor` (from `workers`) if any, with a few
    batches in flight while the caller takes each answer and `batches` makes the next one; `work`
    and the batches must then be picklable (a module's function, or a partial of one)."""
    if executor is None:
        for batch in batches:
            yield work(*batch)
        return
    pending: deque = deque()
    for batch in batches:
        pending.append(executor.submit(work, *batch))
        if len(pending) > (os.cpu_count() or 1):
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
