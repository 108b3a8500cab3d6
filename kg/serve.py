"""A read-only SPARQL 1.1 Protocol endpoint over a kg graph (``kg serve``).

HTTP is the standard library's ThreadingHTTPServer (one thread per connection, up to a limit);
the queries themselves run in kg.protocol's worker processes, within a time and size limit.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError, OutputError
from kg.protocol import Answer, Job, Workers, error

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
    max_connections: int = 256  # open connections (each holds a thread while open, idle for at most 60 s)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: routes requests to the page or to the workers."""

    request_queue_size = 128  # a burst of clients connecting at once must not be refused
    daemon_threads = True
    _BUSY = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

    def __init__(self, workers: Workers, options: ServeOptions, log: Callable[[str], None] | None) -> None:
        self.workers = workers
        self.options = options
        self.log = log
        self._connections = threading.BoundedSemaphore(options.max_connections)
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

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread per connection, up to max_connections; past that an immediate 503 (no thread)."""
        if not self._connections.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(self._BUSY)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection, then free its slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

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
