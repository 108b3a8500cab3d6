"""push: the seeds build loaded into a real Virtuoso through the Graph Store Protocol (issue 5)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import main
from kg.errors import OutputError
from kg.push import push
from kg.query import PREFIXES, open_store, select

GRAPH = "https://w3id.org/govkg/id/graph/test"
USER, PASSWORD = "dba", "dba"  # a fresh Virtuoso database's administrator
INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {folder}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true")


@dataclass(frozen=True)
class Virtuoso:
    url: str  # of its HTTP server
    sql: str  # host:port of its SQL server, for isql-vt
    folder: Path  # where its database is, a folder it may bulk-load files from (DirsAllowed)


@pytest.fixture(scope="module")
def virtuoso(virtuoso_server: Virtuoso) -> str:
    """The base URL of the module's Virtuoso."""
    return virtuoso_server.url


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso server of its own on loopback, with an empty database."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        message = "virtuoso-t not found: apt-get install virtuoso-opensource (.ci/run does)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(folder=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([binary, "-c", str(ini), "-f"], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=5).close()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    output = (folder / "stdout.log").read_text(encoding="utf-8", errors="replace")
                    pytest.fail(f"Virtuoso did not come online:\n{output[-2000:]}")
                time.sleep(0.5)
        yield Virtuoso(url, f"127.0.0.1:{sql_port}", folder)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def virtuoso_rows(url: str, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT run by Virtuoso's own SPARQL endpoint, as {variable: value}."""
    wrapper = SPARQLWrapper(f"{url}/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(JSON)
    bindings = wrapper.queryAndConvert()["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in bindings]


def count(url: str, graph: str) -> int:
    rows = virtuoso_rows(url, f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}")
    return int(rows[0]["n"])


def test_push_seeds_into_virtuoso_and_query_them_back(virtuoso: str, seed_output: Path) -> None:
    graph_file = seed_output / "graph.ttl"
    triples = len(Graph().parse(graph_file))
    pushed = push(graph_file, f"{virtuoso}/sparql-graph-crud-auth", graph=GRAPH, user=USER, password=PASSWORD)
    assert [(p.graph, p.triples) for p in pushed] == [(GRAPH, triples)]
    assert pushed[0].status in (200, 201, 204)
    assert count(virtuoso, GRAPH) == triples
    # every label, Chinese ones included, comes back from Virtuoso character for character
    query = "SELECT DISTINCT ?s ?label WHERE { ?s rdfs:label ?label }"
    local = set(select(open_store(graph_file), query).rows)
    remote = virtuoso_rows(
        virtuoso, f"PREFIX rdfs: <{PREFIXES['rdfs']}> {query.replace('WHERE', f'FROM <{GRAPH}> WHERE')}"
    )
    assert {(r["s"], r["label"]) for r in remote} == local
    assert any("\u4e00" <= ch <= "\u9fff" for _, label in local for ch in label)


@pytest.mark.issue(16)
def test_push_partitions_bulk_load_into_virtuoso_with_ld_dir(virtuoso_server: Virtuoso, seed_output: Path) -> None:
    """The build's per-report N-Quads files load with Virtuoso's bulk loader (ld_dir_all + rdf_loader_run),
    as the README shows, each report into its own graph."""
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if isql is None:
        pytest.fail("isql-vt is missing though virtuoso-t is there: apt-get install virtuoso-opensource")
    partitions = virtuoso_server.folder / "partitions"  # under DirsAllowed
    shutil.copytree(seed_output / "partitions", partitions)
    load = f"ld_dir_all('{partitions}', '*.nq', 'urn:kg:unnamed'); rdf_loader_run(); checkpoint;"
    done = subprocess.run([isql, virtuoso_server.sql, USER, PASSWORD, f"exec={load}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    expected: dict[str, int] = {}
    for path in partitions.rglob("*.nq"):
        for line in path.read_text(encoding="utf-8").splitlines():
            name = line.rsplit(" ", 2)[-2].strip("<>")
            expected[name] = expected.get(name, 0) + 1
    assert len(expected) == 6  # five reports and the entities
    assert {name: count(virtuoso_server.url, name) for name in expected} == expected
    errors = subprocess.run(
        [
            isql,
            virtuoso_server.sql,
            USER,
            PASSWORD,
            "exec=SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;",
        ],
        capture_output=True,
        text=True,
    )
    assert "\n0\n" in errors.stdout.replace(" ", ""), errors.stdout


def test_push_add_posts_and_replace_puts(virtuoso: str, seed_output: Path, tmp_path: Path) -> None:
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    graph = GRAPH + "/modes"
    push(seed_output / "graph.ttl", endpoint, graph=graph, user=USER, password=PASSWORD)
    before = count(virtuoso, graph)
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        '<urn:kg:extra> <http://www.w3.org/2000/01/rdf-schema#label> "追加的项目"@zh .\n', encoding="utf-8"
    )
    push(extra, endpoint, graph=graph, replace=False, user=USER, password=PASSWORD)
    assert count(virtuoso, graph) == before + 1
    assert virtuoso_rows(virtuoso, f"SELECT ?l FROM <{graph}> WHERE {{ <urn:kg:extra> ?p ?l }}") == [
        {"l": "追加的项目"}
    ]
    push(seed_output / "graph.ttl", endpoint, graph=graph, replace=True, user=USER, password=PASSWORD)
    assert count(virtuoso, graph) == before


def test_push_named_graphs_of_a_dataset_go_to_their_names(virtuoso: str, tmp_path: Path) -> None:
    dataset = tmp_path / "reports.trig"
    dataset.write_text(
        '<urn:kg:report/a> { <urn:kg:a> <urn:kg:p> "甲" . }\n'
        '<urn:kg:report/b> { <urn:kg:b> <urn:kg:p> "乙" . <urn:kg:b> <urn:kg:p> "丙" . }\n',
        encoding="utf-8",
    )
    pushed = push(dataset, f"{virtuoso}/sparql-graph-crud-auth", user=USER, password=PASSWORD, chunk=1)
    assert [(p.graph, p.triples) for p in pushed] == [("urn:kg:report/a", 1), ("urn:kg:report/b", 2)]
    assert count(virtuoso, "urn:kg:report/b") == 2  # two parts of one triple: a PUT, then a POST


def test_push_wrong_password_is_a_clear_error(virtuoso: str, seed_output: Path) -> None:
    with pytest.raises(OutputError, match=r"401|credentials") as refused:
        push(seed_output / "graph.ttl", f"{virtuoso}/sparql-graph-crud-auth", graph=GRAPH, user=USER, password="no")
    assert "--password" in str(refused.value)


def test_push_http_failure_carries_the_servers_message(virtuoso: str, seed_output: Path) -> None:
    # Virtuoso's Graph Store has no default graph: its own explanation must reach the user
    with pytest.raises(OutputError, match="default graph"):
        push(seed_output / "graph.ttl", f"{virtuoso}/sparql-graph-crud-auth", user=USER, password=PASSWORD)


def test_push_unreachable_endpoint(seed_output: Path) -> None:
    with pytest.raises(OutputError, match="cannot reach"):
        push(seed_output / "graph.ttl", f"http://127.0.0.1:{free_port()}/store", graph=GRAPH)
    with pytest.raises(OutputError, match="http"):
        push(seed_output / "graph.ttl", "ftp://example.org/store", graph=GRAPH)


def test_cli_push(virtuoso: str, seed_output: Path) -> None:
    args = ["push", str(seed_output / "graph.ttl"), "--endpoint", f"{virtuoso}/sparql-graph-crud-auth"]
    result = CliRunner().invoke(main, [*args, "--graph", GRAPH + "/cli", "--user", USER, "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"replaced <{GRAPH}/cli>: ")
    refused = CliRunner().invoke(main, [*args, "--graph", GRAPH, "--user", USER, "--password", "no"])
    assert refused.exit_code == 1 and refused.output.startswith("Error:")
