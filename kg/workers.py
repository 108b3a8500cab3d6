"""Where the per-report work runs: this process, a pool of local processes, or a Dask cluster.

``Workers`` opens one of them for a build, and its ``map_ordered`` maps a picklable callable over
items and yields the results in input order, whatever order the workers finish in; the pipeline
stays the same whatever runs it (issue 16: "beyond one machine, on an existing engine"). The pool
stays open between maps, so a second pass (reports read again once another report dates them)
finds workers that have already loaded the tokenizer. dask/distributed is optional
(``pip install 'kg[distributed]'``) and imported only when a scheduler address is given.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from types import TracebackType
from typing import Any, TypeVar

from kg.errors import ClusterError

A = TypeVar("A")
R = TypeVar("R")

# Called with an item's position each time one finishes, in the order they finish.
Finished = Callable[[int], None]

_INSTALL = "pip install 'kg[distributed]'"


class Workers:
    """The workers of a build, used as a context manager: ``jobs`` local processes (0: one per core;
    1: this process), or the workers of the Dask scheduler at ``scheduler`` (``tcp://host:8786``).
    Processes start when work first needs them; the cluster is reached on entry."""

    def __init__(self, jobs: int = 1, scheduler: str | None = None) -> None:
        self._jobs = jobs or os.cpu_count() or 1
        self._scheduler = scheduler
        self._pool: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._open = ExitStack()

    def __enter__(self) -> Workers:
        if self._scheduler is not None:
            self._client = self._open.enter_context(_client(self._scheduler))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._open.close()

    @property
    def local(self) -> int:
        """How many local processes work runs in (1: this one); 0 on a cluster, whose workers need not
        share this machine's files."""
        return 0 if self._scheduler is not None else self._jobs

    def map_ordered(
        self,
        work: Callable[[A], R],
        items: Sequence[A],
        finished: Finished | None = None,
        *,
        ahead: int | None = None,
    ) -> Iterator[R]:
        """``work(item)`` for every item, yielded in input order.

        Args:
            work: a module-level function (or a ``functools.partial`` of one): it is pickled by
                reference, so the worker processes, and a cluster's workers, must be able to import it.
            finished: called with an item's position as it finishes (progress).
            ahead: at most this many items given to local processes beyond the one to be yielded next,
                so that results too big to pile up (rendered graphs) do not; None: all at once.
        """
        if self._client is not None:
            return _on_dask(self._client, work, items, self._scheduler or "", finished)
        if self._jobs <= 1 or (self._pool is None and len(items) <= 1):
            return _here(work, items, finished)
        if self._pool is None:
            self._pool = self._open.enter_context(ProcessPoolExecutor(max_workers=self._jobs))
        if ahead is not None:
            return _in_processes_ahead(self._pool, work, items, ahead, finished)
        return _in_processes(self._pool, work, items, finished)


def _here(work: Callable[[A], R], items: Sequence[A], finished: Finished | None) -> Iterator[R]:
    for number, item in enumerate(items):
        result = work(item)
        if finished:
            finished(number)
        yield result


def _in_processes(
    pool: ProcessPoolExecutor, work: Callable[[A], R], items: Sequence[A], finished: Finished | None
) -> Iterator[R]:
    pending = {pool.submit(work, item): number for number, item in enumerate(items)}
    yield from _in_order(((pending[future], future.result()) for future in as_completed(pending)), finished)


def _in_processes_ahead(
    pool: ProcessPoolExecutor, work: Callable[[A], R], items: Sequence[A], ahead: int, finished: Finished | None
) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    for number, item in enumerate(items):
        pending.append(pool.submit(work, item))
        if len(pending) > ahead:
            yield _next(pending, number - len(pending) + 1, finished)
    for number in range(len(items) - len(pending), len(items)):
        yield _next(pending, number, finished)


def _next(pending: deque[Future[R]], number: int, finished: Finished | None) -> R:
    result = pending.popleft().result()
    if finished:
        finished(number)
    return result


def _client(address: str) -> Any:
    """A client of the Dask scheduler at ``address`` that has workers."""
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
    try:
        _wait_for_workers(client, address)
    except ClusterError:
        client.close()
        raise
    return client


def _on_dask(
    client: Any, work: Callable[[A], R], items: Sequence[A], address: str, finished: Finished | None
) -> Iterator[R]:
    import distributed

    engine: Any = distributed
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
