"""Send a graph to another triplestore with the SPARQL 1.1 Graph Store HTTP Protocol (``kg push``).

PUT replaces a graph and POST adds to it (https://www.w3.org/TR/sparql11-http-rdf-update/), which
Fuseki, GraphDB, Virtuoso and Oxigraph server all accept. Every named graph of a TriG or N-Quads
file goes to its own name; ``graph`` sends all triples to one graph instead.
"""

from __future__ import annotations

import base64
import contextlib
import html
import http.client
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.query import open_store

CHUNK = 100_000  # triples per request: large graphs go as one PUT and then POSTs, not one huge body
TIMEOUT = 300  # seconds to wait for the server to take one request
_HINTS = {
    401: "check --user and --password",
    403: "the user may not write graphs there",
    404: "check --endpoint: it is the Graph Store endpoint, e.g. http://HOST:8890/sparql-graph-crud-auth "
    "(Virtuoso), http://HOST:3030/DATASET/data (Fuseki), http://HOST:7878/store (Oxigraph)",
    405: "that URL does not accept graph uploads; give the Graph Store endpoint as --endpoint",
    413: "the server refused the request size",
}


@dataclass(frozen=True, slots=True)
class Pushed:
    """One graph sent: its IRI (None for the default graph), the triples and the last HTTP status."""

    graph: str | None
    triples: int
    status: int


def push(
    path: Path,
    endpoint: str,
    *,
    graph: str | None = None,
    replace: bool = True,
    user: str | None = None,
    password: str | None = None,
    chunk: int = CHUNK,
) -> list[Pushed]:
    """Send the graph file or store folder at ``path`` to a Graph Store endpoint; PUT if ``replace``, else POST."""
    import pyoxigraph

    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise OutputError(f"{endpoint}: the endpoint must be an http:// or https:// URL")
    store: Any = open_store(path)
    if graph is not None:
        targets: dict[str | None, list[Any]] = {graph: [q.triple for q in store]}
    else:
        names = sorted(store.named_graphs(), key=str)
        targets = {
            None: [q.triple for q in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())],
            **{name.value: [q.triple for q in store.quads_for_pattern(None, None, None, name)] for name in names},
        }
        if not targets[None] and names:
            del targets[None]
    credentials = None if user is None else (user, password or "")
    pushed = []
    for name, triples in targets.items():
        url = _graph_url(endpoint, name)
        status = 0
        for index, part in enumerate(_chunks(triples, chunk)):
            method = "PUT" if replace and index == 0 else "POST"
            # full IRIs, no prefixes: Virtuoso keeps the backslash of an escaped name like id:project\/x
            body = pyoxigraph.serialize(part, format=pyoxigraph.RdfFormat.TURTLE) or b""
            status = _send(method, url, body, credentials)
        pushed.append(Pushed(name, len(triples), status))
    return pushed


def _chunks(triples: list[Any], size: int) -> Iterator[list[Any]]:
    """The triples in parts of at most ``size``; one empty part for an empty graph (PUT still empties it)."""
    yield triples[:size]
    for start in range(size, len(triples), size):
        yield triples[start : start + size]


def _graph_url(endpoint: str, graph: str | None) -> str:
    """The endpoint URL addressing one graph (``?graph=IRI``) or the default graph (``?default``)."""
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return endpoint + ("&" if "?" in endpoint else "?") + query


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    reason: str
    challenges: tuple[str, ...]
    body: bytes


def _send(method: str, url: str, body: bytes, credentials: tuple[str, str] | None) -> int:
    """Send one Turtle body; the HTTP status, or OutputError saying what the server answered.

    With credentials, an empty request first fetches the server's challenge, so that the body is
    sent once, already authenticated (as curl --digest does).
    """
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if credentials is not None:
        probe = _request(method, url, b"", headers)
        if probe.status == 401:
            headers["Authorization"] = _authorization(probe, method, url, credentials)
    reply = _request(method, url, body, headers)
    if reply.status >= 300:
        detail = _text(reply.body)
        hint = _HINTS.get(reply.status, "")
        message = f"{method} {url}: HTTP {reply.status} {reply.reason}" + (f": {detail}" if detail else "")
        raise OutputError(message + (f"; {hint}" if hint else ""))
    return reply.status


def _request(method: str, url: str, body: bytes, headers: dict[str, str]) -> _Reply:
    """One HTTP request and the server's reply, even one it sent before reading the whole body."""
    parts = urllib.parse.urlsplit(url)
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname or "", parts.port, timeout=TIMEOUT)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        # Virtuoso answers 401 or 500 before reading the body and hangs up: its answer, read next, says why
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        return _Reply(
            response.status, response.reason, tuple(response.headers.get_all("WWW-Authenticate") or ()), response.read()
        )
    except (OSError, http.client.HTTPException) as exc:
        raise OutputError(f"cannot reach {url}: {exc}; is the triplestore running there?") from exc
    finally:
        connection.close()


def _authorization(probe: _Reply, method: str, url: str, credentials: tuple[str, str]) -> str:
    """The Authorization header answering the probe's digest (preferred) or basic challenge."""
    user, password = credentials
    schemes = {c.partition(" ")[0].lower(): c.partition(" ")[2] for c in probe.challenges}
    if "digest" in schemes:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password)
        digest = urllib.request.HTTPDigestAuthHandler(passwords)  # the standard library's RFC 7616 arithmetic
        fields = urllib.request.parse_keqv_list([p for p in urllib.request.parse_http_list(schemes["digest"]) if p])
        answer = digest.get_authorization(urllib.request.Request(url, method=method), fields)
        if answer is None:
            raise OutputError(f"{url}: cannot answer the server's digest challenge ({schemes['digest'][:100]})")
        return f"Digest {answer}"
    if "basic" in schemes:
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    offered = ", ".join(schemes) or "no scheme"
    raise OutputError(f"{url}: the server asks for {offered} authentication; kg push speaks digest and basic")


def _text(body: bytes) -> str:
    """A server's error page as one short line of text."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", body.decode("utf-8", "replace")))
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:300] + "…"
