"""serve: the SPARQL 1.1 Protocol endpoint, with SPARQLWrapper as the client (issues 5 and 7)."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.protocol import GRAPH_TYPES, RESULT_TYPES, negotiate, refusal
from kg.query import PREFIXES, open_store, select
from kg.serve import ServeOptions, SparqlServer, start

COMMITMENTS = """
SELECT ?region ?project ?year WHERE {
  ?c a gov:Commitment ; gov:region/rdfs:label ?region ; gov:project/rdfs:label ?project ; gov:year ?year .
} ORDER BY ?region ?project ?year
"""
# Three triple patterns over the whole graph: about 10^12 rows to count, far past any time limit.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@contextmanager
def running(graph: Path, options: ServeOptions) -> Iterator[SparqlServer]:
    server = start(graph, options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.close()
        thread.join()


@pytest.fixture(scope="module")
def graph(seed_output: Path) -> Path:
    return seed_output / "graph.ttl"


@pytest.fixture(scope="module")
def endpoint(graph: Path) -> Iterator[str]:
    options = ServeOptions(port=0, time_limit=3, max_result_bytes=200_000, workers=2)
    with running(graph, options) as server:
        yield server.url


def client(url: str, query: str, fmt: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


def status(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code


def test_serve_select_json_matches_kg_query(endpoint: str, graph: Path) -> None:
    result = client(endpoint, COMMITMENTS, JSON).queryAndConvert()
    rows = [tuple(b[v]["value"] for v in ("region", "project", "year")) for b in result["results"]["bindings"]]
    expected = select(open_store(graph), COMMITMENTS).rows
    assert rows == list(expected)
    assert len(rows) > 10
    assert any("\u4e00" <= ch <= "\u9fff" for row in rows for ch in row[1])  # Chinese labels come through intact


def test_serve_select_xml_csv_tsv(endpoint: str, graph: Path) -> None:
    expected = select(open_store(graph), COMMITMENTS).rows
    document = client(endpoint, COMMITMENTS, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == [value for row in expected for value in row]
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        text = client(endpoint, COMMITMENTS, fmt).queryAndConvert().decode("utf-8")
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert len(lines) == len(expected) + 1
        if fmt == CSV:
            assert lines[0] == ["region", "project", "year"] and [tuple(r) for r in lines[1:]] == list(expected)


def test_serve_ask(endpoint: str) -> None:
    assert client(endpoint, "ASK { ?c a gov:Commitment }", JSON).queryAndConvert()["boolean"] is True
    assert client(endpoint, "ASK { ?c a gov:NoSuchClass }", JSON).queryAndConvert()["boolean"] is False


def test_serve_construct_turtle_parses_back(endpoint: str, graph: Path) -> None:
    query = "CONSTRUCT WHERE { ?r a gov:Region ; rdfs:label ?label }"
    body = client(endpoint, query, TURTLE).queryAndConvert()
    served = Graph().parse(data=body, format="turtle")
    source = Graph().parse(graph)
    labels = source.query(query, initNs=PREFIXES)
    assert set(served) == set(labels.graph)
    assert len(served) > 5


@pytest.mark.parametrize("encoding", [POSTDIRECTLY, URLENCODED])
def test_serve_post_both_encodings(endpoint: str, encoding: str) -> None:
    wrapper = client(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?c a gov:Commitment }", JSON)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(encoding)
    count = int(wrapper.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
    assert count > 10


def test_serve_refuses_updates_with_403(endpoint: str) -> None:
    wrapper = client(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON)
    wrapper.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        wrapper.query()
    refused.value.close()
    assert refused.value.code == 403
    query = urllib.parse.quote("DELETE WHERE { ?s ?p ?o }")
    assert status(f"{endpoint}?query={query}") == 403
    assert status(endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}) == 403
    # the graph is untouched
    assert client(endpoint, "ASK { ?c a gov:Commitment }", JSON).queryAndConvert()["boolean"] is True


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        ("PREFIX ex: <urn:x#> # a comment\nINSERT DATA { ex:a ex:b ex:c }", True),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ('SELECT * WHERE { ?s rdfs:label "INSERT DATA SERVICE" }', False),
        ("SELECT ?insert ?service WHERE { ?insert gov:service ?service } # DELETE", False),
    ],
)
def test_serve_refusal(query: str, refused: bool) -> None:
    assert (refusal(query) is not None) == refused


def test_serve_malformed_requests_get_400(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELECT ?x WHERE { ?x", JSON).query()
    assert status(endpoint) == 400  # no query at all
    assert status(f"{endpoint}?query=ASK%7B%7D&query=ASK%7B%7D") == 400  # two queries
    bad_utf8 = {"Content-Type": "application/sparql-query"}
    assert status(endpoint, data=b"ASK {\xff}", headers=bad_utf8) == 400
    assert status(endpoint, data=b"query=ASK", headers={"Content-Type": "image/png"}) == 415
    assert status(f"{endpoint}?query=ASK%7B%7D", headers={"Accept": "text/turtle"}) == 406
    assert status(endpoint.replace("/sparql", "/nowhere")) == 404


def test_serve_time_limit_stops_query_and_server_stays_up(endpoint: str) -> None:
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as stopped:
        client(endpoint, ENDLESS, JSON).query()
    assert stopped.value.code == 503
    assert "time limit" in stopped.value.read().decode("utf-8")
    assert time.monotonic() - started < 10
    for _ in range(3):  # the stopped worker is replaced; every later query is answered
        assert client(endpoint, "ASK { ?c a gov:Commitment }", JSON).queryAndConvert()["boolean"] is True


def test_serve_result_size_limit(endpoint: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        client(endpoint, "SELECT * WHERE { ?s ?p ?o }", JSON).query()
    assert refused.value.code == 507
    assert "limit" in refused.value.read().decode("utf-8")
    assert client(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", JSON).queryAndConvert()["results"]["bindings"]


def test_serve_cors_and_preflight(endpoint: str) -> None:
    request = urllib.request.Request(f"{endpoint}?query=ASK%7B%7D", headers={"Origin": "http://example.org"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = urllib.request.Request(
        endpoint,
        method="OPTIONS",
        headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
    )
    with urllib.request.urlopen(preflight, timeout=30) as response:
        assert response.status == 204
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
        assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]


def test_serve_page_is_self_contained(endpoint: str) -> None:
    with urllib.request.urlopen(endpoint.removesuffix("sparql"), timeout=30) as response:
        page = response.read().decode("utf-8")
        assert response.headers["Content-Type"].startswith("text/html")
        assert "connect-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<textarea" in page and 'fetch("sparql"' in page
    assert "http://" not in page and "https://" not in page  # no CDN, nothing loaded from elsewhere
    assert "innerHTML" not in page  # results are shown as text


def test_serve_connection_flood_gets_503_and_server_recovers(graph: Path) -> None:
    """Idle connections past the limit are turned away at once; when they go, queries are answered."""
    with running(graph, ServeOptions(port=0, workers=1, max_connections=4)) as server:
        host, port = server.server_address[:2]
        idle = [socket.create_connection((str(host), int(port))) for _ in range(4)]
        time.sleep(0.5)  # the server has accepted them and holds a thread for each
        try:
            assert status(f"{server.url}?query=ASK%7B%7D") == 503
        finally:
            for connection in idle:
                connection.close()
        time.sleep(0.5)
        assert client(server.url, "ASK { ?c a gov:Commitment }", JSON).queryAndConvert()["boolean"] is True


def test_serve_survives_a_killed_query_process(graph: Path) -> None:
    """A worker that dies (say, the out-of-memory killer) costs at most one answer, then it is replaced."""
    with running(graph, ServeOptions(port=0, workers=1)) as server:
        for worker in list(server.workers._live):
            worker.process.kill()
            worker.process.join()
        assert status(f"{server.url}?query=ASK%7B%7D") == 500
        deadline = time.monotonic() + 60
        while status(f"{server.url}?query=ASK%7B%7D") != 200:
            assert time.monotonic() < deadline
            time.sleep(0.2)


def test_serve_binds_loopback_by_default() -> None:
    assert ServeOptions().host == "127.0.0.1"


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        ("", RESULT_TYPES, "application/sparql-results+json"),
        ("*/*", GRAPH_TYPES, "text/turtle"),
        ("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, "application/sparql-results+xml"),
        ("text/*;q=0.9, application/json;q=0.1", RESULT_TYPES, "text/xml"),
        ("application/n-triples, text/turtle;q=0.8", GRAPH_TYPES, "application/n-triples"),
        ("text/turtle;q=0", GRAPH_TYPES, None),
        ("image/png", RESULT_TYPES, None),
    ],
)
def test_serve_negotiate(accept: str, offers: dict[str, str], expected: str | None) -> None:
    assert negotiate(accept, offers) == expected


def test_serve_missing_graph_is_input_error(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        start(tmp_path / "nope.ttl", ServeOptions(port=0))
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl"):
        start(broken, ServeOptions(port=0, workers=1))


BURST_QUERIES = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?c a gov:Commitment }",
    "ASK { ?o a gov:Observation }",
    "SELECT ?label WHERE { ?r a gov:Region ; rdfs:label ?label } ORDER BY ?label LIMIT 5",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
)


def burst(url: str, *, clients: int, queries: int) -> tuple[int, list[str]]:
    """Run ``clients`` threads of ``queries`` SPARQLWrapper queries each; the count answered and the failures."""
    expected = {q: client(url, q, JSON).queryAndConvert() for q in BURST_QUERIES}

    def one_client(number: int) -> tuple[int, list[str]]:
        answered, failures = 0, []
        for i in range(queries):
            query = BURST_QUERIES[(number + i) % len(BURST_QUERIES)]
            try:
                result = client(url, query, JSON).queryAndConvert()
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
                continue
            if result == expected[query]:
                answered += 1
            else:
                failures.append(f"wrong answer to {query}")
        return answered, failures

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one_client, range(clients)))
    return sum(a for a, _ in results), [f for _, fs in results for f in fs]


def test_serve_burst_of_concurrent_clients(graph: Path) -> None:
    """50 clients at once on loopback, every valid query answered right (full 50 × 200: bench/serve_burst.py)."""
    with running(graph, ServeOptions(port=0)) as server:
        answered, failures = burst(server.url, clients=50, queries=20)
        assert failures == []
        assert answered == 50 * 20
