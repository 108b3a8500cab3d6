"""Where the per-report work runs: this process, a pool of local processes, or a Dask cluster.

One function, ``map_ordered``, maps a picklable callable over items and yields the results in
input order, whatever order the workers finish in; the pipeline stays the same whatever runs it
(issue 16: "beyond one machine, on an existing engine"). dask/distributed is optional
(``pip install 'kg[distributed]'``) and imported only when a scheduler address is given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from kg.errors import ClusterError

A = TypeVar("A")
R = TypeVar("R")

# Called with an item's position each time one finishes, in the order they finish.
Finished = Callable[[int], None]

_INSTALL = "pip install 'kg[distributed]'"


def map_ordered(
    work: Callable[[A], R],
    items: Sequence[A],
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    finished: Finished | None = None,
) -> Iterator[R]:
    """``work(item)`` for every item, yielded in input order.

    Args:
        work: a module-level function (or a ``functools.partial`` of one): it is pickled by
            reference, so the worker processes, and a cluster's workers, must be able to import it.
        jobs: local worker processes (0: one per core; 1: in this process). Unused with ``scheduler``.
        scheduler: the address of a Dask scheduler (``tcp://host:8786``): the work goes to its workers.
        finished: called with an item's position as it finishes (progress).
    """
    if scheduler is not None:
        return _on_dask(work, items, scheduler, finished)
    count = min(jobs or os.cpu_count() or 1, len(items))
    if count <= 1:
        return _here(work, items, finished)
    return _in_processes(work, items, count, finished)


def _here(work: Callable[[A], R], items: Sequence[A], finished: Finished | None) -> Iterator[R]:
    for number, item in enumerate(items):
        result = work(item)
        if finished:
            finished(number)
        yield result


def _in_processes(work: Callable[[A], R], items: Sequence[A], jobs: int, finished: Finished | None) -> Iterator[R]:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = {pool.submit(work, item): number for number, item in enumerate(items)}
        yield from _in_order(((pending[future], future.result()) for future in as_completed(pending)), finished)


def _on_dask(work: Callable[[A], R], items: Sequence[A], address: str, finished: Finished | None) -> Iterator[R]:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(
            f"--scheduler needs dask's distributed scheduler, which is not installed: {_INSTALL} "
            "(on this machine and on every worker)"
        ) from exc
    engine: Any = distributed  # untyped: its calls would need ignores that mypy flags where it is not installed
    try:
        client = engine.Client(address, set_as_default=False)
    except (OSError, ValueError) as exc:  # a timeout is an OSError; a malformed address a ValueError
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({exc}); start one with `dask scheduler` and "
            f"workers with `dask worker {address}` on machines where kg is installed ({_INSTALL}), "
            "or check the address (tcp://host:port)"
        ) from exc
    with client:
        _wait_for_workers(client, address)
        # pure=False: two identical items are still two tasks, and no time goes to hashing their text.
        futures = client.map(work, items, pure=False)
        pending = {future.key: number for number, future in enumerate(futures)}
        finishing = engine.as_completed(futures, loop=client.loop)
        done = ((pending[future.key], _result(future, address)) for future in finishing)
        yield from _in_order(done, finished)


def _wait_for_workers(client: Any, address: str) -> None:
    from dask.config import get
    from dask.utils import parse_timedelta

    timeout = parse_timedelta(get("distributed.comm.timeouts.connect"))
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers after {timeout:g} s; start some with "
            f"`dask worker {address}` on machines where kg is installed ({_INSTALL})"
        ) from exc


def _result(future: Any, address: str) -> Any:
    """A task's result; a scheduler or worker that cannot load kg's work (kg missing there, or another
    version of it) is a ClusterError that says so, where dask would say only that unpickling failed."""
    try:
        return future.result()
    except (ModuleNotFoundError, RuntimeError) as exc:
        missing = isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] == "kg"
        if not missing and "deserialization" not in str(exc):
            raise
        raise ClusterError(
            f"the Dask scheduler at {address} or its workers cannot load kg's work "
            f"({exc.__cause__ or exc!r}): install the same kg as here on the scheduler and on every worker "
            f"({_INSTALL})"
        ) from exc


def _in_order(done: Iterable[tuple[int, R]], finished: Finished | None) -> Iterator[R]:
    """Results that come as (position, result) in any order → results in position order, each
    yielded as soon as all before it have come."""
    waiting: dict[int, R] = {}
    following = 0
    for number, result in done:
        if finished:
            finished(number)
        waiting[number] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1
