"""A read-only SPARQL 1.1 Protocol endpoint over a kg graph (``kg serve``).

HTTP is the standard library's ThreadingHTTPServer (one thread per connection). Queries run in
worker processes, each holding its own Oxigraph store: Oxigraph cannot cancel a running query,
so a query past its time limit is stopped by ending its process, and a fresh worker takes its
place while the others go on answering (issue 7: the server survives hostile queries).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError, KgError, OutputError
from kg.query import PREFIXES, open_store

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
_PAGE = "serve.html"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where to listen and how much work one query may cost."""

    host: str = "127.0.0.1"
    port: int = 7878
    time_limit: float = 10.0  # seconds one query may run
    max_result_bytes: int = 50_000_000  # size of one serialized result
    max_request_bytes: int = 1_000_000  # size of one POST body
    workers: int = 0  # query processes; 0: one per CPU, at least two


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
        return error(400, f"SPARQL syntax error: {_first_line(str(exc))}")
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
        if not self._closed:
            try:
                self._ready(self._spawn())
            except KgError as exc:  # the graph was readable a moment ago; say so and serve with fewer workers
                if self._log:
                    self._log(f"could not restart a query process: {exc}")

    def run(self, job: Job, *, time_limit: float) -> Answer:
        """The answer to a job, or 503 when it would take longer than ``time_limit`` seconds."""
        try:
            worker = self._idle.get(timeout=time_limit)
        except queue.Empty:
            return error(503, f"all query processes stayed busy for {time_limit:g} s; try again later")
        worker.conn.send(job)
        if worker.conn.poll(time_limit):
            try:
                result: Answer = worker.conn.recv()
            except (EOFError, OSError):
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                return error(500, "the query process ended unexpectedly (out of memory?)")
            self._idle.put(worker)
            return result
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        return error(503, f"query stopped after {time_limit:g} s, the server's time limit; narrow it or add LIMIT")

    def close(self) -> None:
        """End every worker process."""
        self._closed = True
        with self._lock:
            live = list(self._live)
        for worker in live:
            self._end(worker)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: routes requests to the page or to the workers."""

    request_queue_size = 128  # a burst of clients connecting at once must not be refused
    daemon_threads = True

    def __init__(self, workers: Workers, options: ServeOptions, log: Callable[[str], None] | None) -> None:
        self.workers = workers
        self.options = options
        self.log = log
        self.address_family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
        try:
            super().__init__((options.host, options.port), _Handler)
        except OSError as exc:
            workers.close()
            raise OutputError(f"cannot listen on {options.host}:{options.port}: {exc}; choose another --port") from exc

    @property
    def url(self) -> str:
        """The endpoint's URL."""
        host, port = (str(part) for part in self.server_address[:2])
        return f"http://[{host}]:{port}/sparql" if ":" in host else f"http://{host}:{port}/sparql"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line instead of a traceback (clients that hang up are common)."""
        if self.log:
            self.log(f"{client_address[0]} connection error")

    def close(self) -> None:
        """Stop listening and end the workers."""
        self.server_close()
        self.workers.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql"
    timeout = 60  # an idle or slow client loses its connection, not a thread forever

    def do_OPTIONS(self) -> None:
        self._send(Answer(204, "text/plain", b""))

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            page = resources.files("kg").joinpath("templates", _PAGE).read_bytes()
            self._send(Answer(200, "text/html; charset=utf-8", page))
        elif url.path in ("/sparql", "/query"):
            self._protocol(parse_qs(url.query, keep_blank_values=True, max_num_fields=100))
        else:
            self._send(error(404, f"{url.path}: not found; the SPARQL endpoint is /sparql, the query page /"))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query"):
            self._send(error(404, f"{url.path}: not found; the SPARQL endpoint is /sparql"))
            return
        body = self._body()
        if isinstance(body, Answer):
            self._send(body)
            return
        params = parse_qs(url.query, keep_blank_values=True, max_num_fields=100)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-query":
            params.pop("query", None)
            self._protocol({**params, "query": [body]})
        elif media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True, max_num_fields=100)
            self._protocol({**params, **form})
        elif media == "application/sparql-update":
            self._send(error(403, "this endpoint is read-only; SPARQL Update is not accepted"))
        else:
            self._send(
                error(415, f"Content-Type {media or '(none)'}: send application/sparql-query or a form-encoded query")
            )

    def do_PUT(self) -> None:
        self._send(error(405, "this endpoint is read-only"))

    do_DELETE = do_PATCH = do_PUT

    def _body(self) -> str | Answer:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            return error(411, "send a Content-Length header with the query")
        if int(length) > self.server.options.max_request_bytes:
            self.close_connection = True
            return error(413, f"the request is larger than {self.server.options.max_request_bytes} bytes")
        data = self.rfile.read(int(length))
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return error(400, "the request body is not UTF-8")

    def _protocol(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send(error(403, "this endpoint is read-only; SPARQL Update is not accepted"))
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(error(400, "give exactly one non-empty query parameter (see the SPARQL 1.1 Protocol)"))
            return
        job = Job(
            queries[0],
            self.headers.get("Accept") or "*/*",
            tuple(params.get("default-graph-uri", [])),
            tuple(params.get("named-graph-uri", [])),
        )
        self._send(self.server.workers.run(job, time_limit=self.server.options.time_limit))

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Access-Control-Allow-Origin", "*")
        if self.command == "OPTIONS":
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
            self.send_header("Access-Control-Max-Age", "86400")
            self.send_header("Allow", "GET, POST, OPTIONS")
        if answer.status == 405:
            self.send_header("Allow", "GET, POST, OPTIONS")
        if answer.media_type.startswith("text/html"):
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
            )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")


def start(
    path: Path, options: ServeOptions = ServeOptions(), *, log: Callable[[str], None] | None = None
) -> SparqlServer:
    """A server bound and ready for the graph file or store folder at ``path``; call serve_forever()."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder; give a graph file (.ttl, .nt, …) or a store folder")
    count = options.workers or max(2, os.cpu_count() or 2)
    if log:
        log(f"loading {path} into {count} query processes")
    workers = Workers(path, count=count, max_bytes=options.max_result_bytes, log=log)
    return SparqlServer(workers, options, log)


def serve(path: Path, options: ServeOptions = ServeOptions(), *, log: Callable[[str], None] | None = None) -> None:
    """Serve the graph until interrupted (Ctrl-C)."""
    server = start(path, options, log=log)
    if log:
        log(f"SPARQL endpoint at {server.url} (query page at {server.url.removesuffix('sparql')}); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
