"""Send a graph to another triplestore with the SPARQL 1.1 Graph Store HTTP Protocol (``kg push``).

PUT replaces a graph and POST adds to it (https://www.w3.org/TR/sparql11-http-rdf-update/), which
Fuseki, GraphDB, Virtuoso and Oxigraph server all accept. Every named graph of a TriG or N-Quads
file goes to its own name; ``graph`` sends all triples to one graph instead.
"""

from __future__ import annotations

import base64
import html
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.query import PREFIXES, open_store

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
            body = pyoxigraph.serialize(part, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
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


def _send(method: str, url: str, body: bytes, credentials: tuple[str, str] | None) -> int:
    """Send one Turtle body; the HTTP status, or OutputError saying what the server answered.

    With credentials, an empty request first fetches the server's challenge: Virtuoso answers a
    request without credentials with 401 before reading its body and hangs up, so a large body
    sent unauthenticated ends in a broken pipe instead of a challenge (curl --digest does the same).
    """
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if credentials is not None:
        challenge = _challenge(method, url)
        if challenge is not None:
            headers["Authorization"] = _authorization(challenge, method, url, credentials)
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        return _open(request)
    except OutputError as exc:
        reason = getattr(exc.__cause__, "reason", None)
        if "Authorization" in headers and isinstance(reason, (BrokenPipeError, ConnectionResetError)):
            raise OutputError(
                f"{method} {url}: the server hung up before taking the data, as it does when it refuses "
                "the credentials (HTTP 401); check --user and --password"
            ) from exc
        raise


def _challenge(method: str, url: str) -> str | None:
    """The WWW-Authenticate challenge the server answers an empty request with (digest preferred)."""
    request = urllib.request.Request(url, data=b"", method=method, headers={"Content-Type": "text/turtle"})
    try:
        _open(request)
    except OutputError as exc:
        cause = exc.__cause__
        if isinstance(cause, urllib.error.HTTPError) and cause.code == 401:
            challenges = cause.headers.get_all("WWW-Authenticate") or []
            return next(
                (c for c in challenges if c.lower().startswith("digest")), challenges[0] if challenges else None
            )
        raise
    return None  # no authentication needed (an empty PUT is followed by the full one at once)


def _authorization(challenge: str, method: str, url: str, credentials: tuple[str, str]) -> str:
    """The Authorization header answering a digest or basic challenge."""
    scheme, _, params = challenge.partition(" ")
    user, password = credentials
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    if scheme.lower() != "digest":
        raise OutputError(f"{url}: the server asks for {scheme} authentication; kg push speaks digest and basic")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password)
    digest = urllib.request.HTTPDigestAuthHandler(passwords)  # the standard library's RFC 7616 arithmetic
    fields = urllib.request.parse_keqv_list([p for p in urllib.request.parse_http_list(params) if p])
    answer = digest.get_authorization(urllib.request.Request(url, method=method), fields)
    if answer is None:
        raise OutputError(f"{url}: cannot answer the server's digest challenge ({params[:100]})")
    return f"Digest {answer}"


def _open(request: urllib.request.Request) -> int:
    """The status of one request, or OutputError with the server's own message and a hint."""
    method, url = request.get_method(), request.full_url
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        with exc:
            detail = _text(exc.read())
        hint = _HINTS.get(exc.code, "")
        message = f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
        raise OutputError(message + (f"; {hint}" if hint else "")) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OutputError(f"cannot reach {url}: {reason}; is the triplestore running there?") from exc


def _text(body: bytes) -> str:
    """A server's error page as one short line of text."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", body.decode("utf-8", "replace")))
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:300] + "…"
