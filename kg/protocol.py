"""SPARQL Protocol answers, computed in worker processes that a time limit can stop (for ``kg serve``).

Oxigraph cannot cancel a running query, so each query runs in a worker process holding its own
store; a query past its time limit is stopped by ending its process, and a fresh worker takes
its place while the others go on answering (issue 7: the server survives hostile queries).
"""

from __future__ import annotations

import multiprocessing
import queue
import re
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.query import PREFIXES, explain, open_store

# Media types offered, in order of preference (the first is the default for */* or no Accept).
RESULT_TYPES = {  # SELECT and ASK → pyoxigraph.QueryResultsFormat member
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {  # CONSTRUCT and DESCRIBE → pyoxigraph.RdfFormat member
    "text/turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
# A SPARQL lexer just good enough to find keywords: strings, IRIs, comments, variables and
# prefixed names are skipped whole, so a keyword inside them is not mistaken for one.
_TOKENS = re.compile(
    r"""'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"
    |<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*|[?$]\w+|\w[\w.\-]*:[\w.\-:%]*|:[\w.\-:%]*
    |(?P<word>\w+)""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Job:
    """One query as a worker runs it."""

    query: str
    accept: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer: status, media type and body."""

    status: int
    media_type: str
    body: bytes


def error(status: int, message: str) -> Answer:
    """A plain-text error answer."""
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def refusal(query: str) -> Answer | None:
    """403 for SPARQL Update and federated SERVICE calls, which this read-only endpoint does not run."""
    words = [m["word"].upper() for m in _TOKENS.finditer(query) if m["word"]]
    operation = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    if operation in _UPDATE_WORDS:
        return error(403, f"{operation}: this endpoint is read-only; SPARQL Update is not accepted")
    if "SERVICE" in words:
        return error(403, "SERVICE: this endpoint does not make federated queries to other endpoints")
    return None


def _first_line(message: str) -> str:
    """The message's first line, cut to 300 characters (Oxigraph lists every expected character class)."""
    line = message.splitlines()[0] if message else ""
    return line if len(line) <= 300 else line[:300] + "…"


def negotiate(accept: str, offers: dict[str, str]) -> str | None:
    """The offered media type the Accept header prefers (the first offer for */* or none)."""
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                quality = float(value) if re.fullmatch(r"[01](\.\d{0,3})?", value.strip()) else 0.0
        if media and quality > 0:
            ranges.append((-quality, index, media.lower()))
    if not accept.strip():
        return next(iter(offers))
    for _, _, media in sorted(ranges):
        if media in offers:
            return media
        if media == "*/*":
            return next(iter(offers))
        if media.endswith("/*"):
            match = next((o for o in offers if o.startswith(media[:-1])), None)
            if match:
                return match
    return None


class _Capped:
    """A binary writer that refuses to grow past a limit."""

    def __init__(self, limit: int) -> None:
        self.data = bytearray()
        self.limit = limit

    def write(self, chunk: bytes) -> int:
        if len(self.data) + len(chunk) > self.limit:
            raise _TooLarge
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        pass


class _TooLarge(Exception):
    """A result past the size limit."""


def answer(store: Any, job: Job, *, max_bytes: int) -> Answer:
    """Run one query on a store and serialize its result as the client's Accept header asks."""
    import pyoxigraph

    refused = refusal(job.query)
    if refused:
        return refused
    try:
        result = store.query(
            job.query,
            prefixes=PREFIXES,  # as with_prefixes(), but error positions stay those of the client's text
            use_default_graph_as_union=not job.default_graphs,
            default_graph=[pyoxigraph.NamedNode(g) for g in job.default_graphs] or None,
            named_graphs=[pyoxigraph.NamedNode(g) for g in job.named_graphs] or None,
        )
    except (SyntaxError, ValueError) as exc:
        return error(400, f"SPARQL syntax error: {_first_line(explain(job.query, str(exc)))}")
    graph = isinstance(result, pyoxigraph.QueryTriples)
    offers = GRAPH_TYPES if graph else RESULT_TYPES
    media = negotiate(job.accept, offers)
    if media is None:
        return error(406, f"cannot answer this query as {job.accept}; offered: {', '.join(offers)}")
    fmt = getattr(pyoxigraph.RdfFormat if graph else pyoxigraph.QueryResultsFormat, offers[media])
    out = _Capped(max_bytes)
    try:
        result.serialize(out, fmt)
    except _TooLarge:
        return error(507, f"the result is larger than the server's limit of {max_bytes} bytes; add LIMIT")
    except (OSError, ValueError, SyntaxError) as exc:
        return error(500, f"query failed: {exc}")
    return Answer(200, media + ("; charset=utf-8" if media.startswith("text/") else ""), bytes(out.data))


def _work(path: str, conn: Connection, max_bytes: int) -> None:
    """A worker process: open the store, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which ends its workers
    try:
        store = open_store(Path(path))
    except KgError as exc:
        conn.send(str(exc))
        return
    conn.send(None)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            conn.send(answer(store, job, max_bytes=max_bytes))
        except Exception as exc:  # a bug must cost one answer, not the worker
            conn.send(error(500, f"query failed: {type(exc).__name__}: {exc}"))


@dataclass(frozen=True, slots=True)
class _Worker:
    process: Any
    conn: Connection


class Workers:
    """Worker processes that run queries, each within a time limit."""

    def __init__(self, path: Path, *, count: int, max_bytes: int, log: Callable[[str], None] | None = None) -> None:
        self._path = path
        self._max_bytes = max_bytes
        self._log = log
        self._context = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._spawn() for _ in range(count)]
        try:
            for worker in started:
                self._ready(worker)
        except KgError:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_work, args=(str(self._path), child, self._max_bytes), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._live.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()
        except EOFError:
            message = f"{self._path}: the query process ended while loading the graph"
        if message is not None:
            self._end(worker)
            raise InputError(message)
        self._idle.put(worker)

    def _end(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        self._end(worker)
        if self._closed:
            return
        try:
            self._ready(self._spawn())
        except KgError as exc:  # the graph was readable a moment ago; say so and serve with fewer workers
            if self._log:
                self._log(f"could not restart a query process: {exc}")
        if self._closed:  # closed while the new one started: end it too
            self.close()

    def run(self, job: Job, *, time_limit: float) -> Answer:
        """The answer to a job, or 503 when it would take longer than ``time_limit`` seconds."""
        try:
            worker = self._idle.get(timeout=time_limit)
        except queue.Empty:
            return error(503, f"all query processes stayed busy for {time_limit:g} s; try again later")
        try:
            worker.conn.send(job)
            answered = worker.conn.poll(time_limit)
            result: Answer | None = worker.conn.recv() if answered else None
        except (EOFError, OSError):
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            return error(500, "the query process ended unexpectedly (out of memory?); it is being restarted")
        if result is None:
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            return error(503, f"query stopped after {time_limit:g} s, the server's time limit; narrow it or add LIMIT")
        self._idle.put(worker)
        return result

    def close(self) -> None:
        """End every worker process."""
        self._closed = True
        with self._lock:
            live = list(self._live)
        for worker in live:
            self._end(worker)
