"""Bad input, faults and hostile text (issue 7): kg builds from what it can read and loses nothing.

The corpus is written by tests/bad_inputs/generate.py into a temp folder; every case there
says what must happen to it, and each is checked here.
"""

from __future__ import annotations

import importlib.util
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pyoxigraph
import pytest
from click.testing import CliRunner
from conftest import written
from rdflib import Dataset, Graph, Literal, URIRef

from kg.clean import clean, to_simplified
from kg.cli import main
from kg.dataset import load_graph
from kg.errors import InputError
from kg.files import remove_stale_temps, write_atomic
from kg.ingest import read_source, read_sources, skip_kind
from kg.meta import read_meta
from kg.model import Aspect, BuildResult, RawText, Skipped, Source
from kg.pipeline import BuildOptions, build
from kg.resolve import DEFAULT_BASE, slug
from kg.segment import segment
from kg.serialize import FORMATS, serialize
from kg.validate import validate

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bad_inputs_generate", ROOT / "tests" / "bad_inputs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generator = _load_generator()
CASES = {case.name: case for case in generator.CASES}
READ = [name for name, case in CASES.items() if case.expect == "read"]
# Variants that change only how the same text is stored: they must give exactly the facts of utf8.txt.
LOSSLESS = [
    "utf8_bom.txt",
    "utf16le_bom.txt",
    "utf16be_bom.txt",
    "utf32_bom.txt",
    "gb18030.txt",
    "gbk.txt",
    "big5_traditional.txt",
    "gb18030_traditional.txt",
    "utf8_traditional.txt",
    "crlf.txt",
    "cr.txt",
    "mixed_eol.txt",
    "fullwidth.txt",
    "control_chars_in_text.txt",
    generator.HOSTILE_NAME,
]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad_inputs")
    generator.write(folder)
    return folder


@pytest.fixture(scope="module")
def corpus_build(corpus: Path) -> BuildResult:
    return build([corpus], BuildOptions(output_dir=None))


def _facts_by_file(result: BuildResult) -> dict[str, set[tuple[str, str, str, str, int | None]]]:
    return {
        f.report.source.path.name: {
            (to_simplified(o.indicator), str(o.quantity.value), o.aspect.value, o.kind.value, o.year)
            for o in f.observations
        }
        for f in result.facts
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_ingest_reads_or_skips_each_corpus_case(corpus: Path, name: str) -> None:
    case = CASES[name]
    if name == "no_permission.txt" and IS_ROOT:
        pytest.skip("root reads files without read permission; see test_ingest_permission_denied_is_skipped")
    texts, skipped = read_sources([corpus])
    read = {raw.source.path.name: raw for raw in texts}
    unread = {s.path.name: s for s in skipped}
    if case.expect == "read":
        assert name in read, unread.get(name)
        assert read[name].source.encoding.startswith(case.encoding)
    else:
        assert name in unread, f"{name} was read as {read[name].source.encoding}" if name in read else name
        assert skip_kind(unread[name]) == case.expect, unread[name].reason


@pytest.mark.parametrize("name", READ)
def test_build_extracts_the_measure_from_each_readable_variant(corpus_build: BuildResult, name: str) -> None:
    """地区生产总值增长5.5% is read from every encoding, line ending and form of the same report."""
    indicator, value = generator.MEASURE
    found = [
        o
        for f in corpus_build.facts
        if f.report.source.path.name == name
        for o in f.observations
        if to_simplified(o.indicator).endswith(indicator)
        and o.quantity.value == Decimal(value)
        and o.aspect is Aspect.GROWTH
    ]
    assert found, f"no {indicator} {value}% growth in {name}"


@pytest.mark.parametrize("name", LOSSLESS)
def test_build_gives_the_same_facts_whatever_the_encoding(corpus_build: BuildResult, name: str) -> None:
    facts = _facts_by_file(corpus_build)
    assert facts[name] == facts["utf8.txt"]


def test_build_big5_is_not_misread_as_gb18030(corpus: Path) -> None:
    raw = read_source(corpus / "big5_traditional.txt")
    assert isinstance(raw, RawText)
    assert raw.source.encoding == "big5"
    assert "地區生產總值增長5.5%" in raw.text
    # The same bytes are valid GB18030 too: that reading is what must lose.
    assert (corpus / "big5_traditional.txt").read_bytes().decode("gb18030") != raw.text


def test_cli_build_lists_each_bad_file_and_summarises(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    expected_skips = {name for name, case in CASES.items() if case.expect != "read"}
    if IS_ROOT:
        expected_skips.discard("no_permission.txt")
    listed = dict(re.findall(r"^skipped (.+?): (\w+):", result.stderr, flags=re.MULTILINE))
    assert {Path(p).name for p in listed} == expected_skips
    assert all(CASES[Path(p).name].expect == kind for p, kind in listed.items())
    kinds = Counter(CASES[name].expect for name in expected_skips)
    why = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    read = len(CASES) - len(expected_skips)
    assert f"reports: {read} read, {len(expected_skips)} skipped ({why})" in result.stdout
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_cli_build_strict_exits_1_and_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--strict"])
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "empty.txt: empty:" in result.stderr
    assert not out.exists()


def test_cli_build_strict_passes_when_every_file_reads(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SEEDS / "002_913eb7918d03026b.txt"), "-o", str(tmp_path), "-q"])
    strict = CliRunner().invoke(
        main, ["build", str(SEEDS / "002_913eb7918d03026b.txt"), "-o", str(tmp_path), "-q", "--strict"]
    )
    assert result.exit_code == strict.exit_code == 0
    assert "reports: 1 read, 0 skipped" in strict.stdout


def test_ingest_permission_denied_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "locked.txt"
    report.write_text("地区生产总值增长5.5%。", encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = read_source(report)
    assert isinstance(result, Skipped)
    assert result.reason == "unreadable: Permission denied"


def test_ingest_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_sources([tmp_path / "missing.txt"])


def test_ingest_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    report = SEEDS / "002_913eb7918d03026b.txt"
    texts, _ = read_sources([report, SEEDS, report.resolve()])
    assert len(texts) == len(list(SEEDS.glob("*.txt")))


# --- size: no stage quadratic in the length of a line or a sentence ----------------------


def _one_line(size: int, *, sentence_ends: bool) -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))).replace("\n", "")
    if not sentence_ends:
        text = re.sub(r"[。！？!?；;]", "，", text)
    return (text * (size // len(text) + 1))[:size]


def test_build_one_line_of_2mb(tmp_path: Path) -> None:
    """A 2 MB report on one line (every line break lost) builds, with the facts of its parts."""
    path = tmp_path / "line.txt"
    path.write_text(_one_line(2_000_000 // 3, sentence_ends=True), encoding="utf-8")  # ~2 MB of UTF-8
    assert path.stat().st_size > 1_900_000
    result = build([path], BuildOptions(output_dir=None))
    assert max(len(s.text) for s in result.facts[0].report.sentences) <= 1000
    # The seeds over and over: a measure each copy restates is one measure (issue 14), so the whole
    # finds what one copy on one line finds.
    once = tmp_path / "once.txt"
    copy = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))).replace("\n", "")
    once.write_text(copy, encoding="utf-8")
    one_copy = build([once], BuildOptions(output_dir=None)).stats.observations
    assert one_copy > 300
    assert result.stats.observations >= one_copy


def test_segment_cuts_a_line_without_sentence_ends() -> None:
    """A run with no sentence end is cut at clause marks, so no stage sees a sentence longer than
    1,000 characters (how time grows with length is bench/big_input.py's figure)."""
    text = _one_line(240_000, sentence_ends=False)
    cleaned = clean(RawText(Source(Path("line.txt"), "0" * 64, "utf-8"), text))
    sentences = segment(cleaned, read_meta(cleaned), report_id="line").sentences
    assert max(len(s.text) for s in sentences) <= 1000
    assert "".join(s.text for s in sentences) == cleaned.text.replace("\n", "")


# --- hostile text: IRIs and literals -------------------------------------------------------

HOSTILE = [
    "a>b",
    'say "hi"',
    "two words",
    "line\nbreak",
    "cr\rlf",
    "tab\there",
    "frag#ment",
    "{brace}",
    "pipe|",
    "caret^",
    "back`tick",
    "back\\slash",
    "nul\x00bell\x07esc\x1bdel\x7f",
    "percent%41",
    "\u2028sep\u2029",
    "bom\ufeff",
    "emoji😀",
    "lone\ud800surrogate",
    "<script>alert(1)</script>",
    "> <http://evil/s> <http://evil/p> <http://evil/o> .\n<x",
    '" ; <http://evil/p> "injected',
    "长" * 5000,
    "",
]
# RFC 3987 IRI characters after kg's escaping: no space, no <>"{}|^`\, no controls.
_IRI_SAFE = re.compile(r"^[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]+$")


@pytest.mark.parametrize("name", HOSTILE)
def test_resolve_slug_makes_a_valid_iri(name: str) -> None:
    iri = f"{DEFAULT_BASE}project/{slug(name)}"
    assert _IRI_SAFE.match(iri)
    assert len(iri) < 1000
    assert pyoxigraph.NamedNode(iri).value == iri
    assert re.fullmatch(r"(?:[^%]|%[0-9A-F]{2})*", iri)
    # Escaping is one-to-one on short names: two names never share an IRI by accident.
    if 0 < len(name) <= 60:
        assert slug(name + "x") != slug(name)


# Every format kg writes, with rdflib's and rapper's names for it (raptor2 reads no JSON-LD).
RDFLIB = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
RAPPER = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}


def _parsers(data: bytes, fmt: str) -> dict[str, int]:
    """Triple counts of ``data`` (in format ``fmt``) as parsed by rdflib, pyoxigraph and (if installed) rapper."""
    media_type = FORMATS[fmt].media_type
    with warnings.catch_warnings():  # rdflib's own Dataset.parse calls its deprecated default_context
        warnings.filterwarnings("ignore", ".*deprecated, use Dataset", DeprecationWarning)
        dataset = Dataset()
        dataset.parse(data=data.decode("utf-8"), format=RDFLIB[fmt])
    counts = {
        "rdflib": len(set(dataset.quads())),
        "pyoxigraph": len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.from_media_type(media_type)))),
    }
    if fmt in RAPPER and (shutil.which("rapper") or os.environ.get("CI")):  # in CI a missing rapper fails
        run = subprocess.run(
            ["rapper", "-i", RAPPER[fmt], "-c", "-", "http://example.org/"],
            input=data,
            capture_output=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr.decode()
        counts["rapper"] = int(re.search(rb"returned (\d+) triples?", run.stderr).group(1))  # type: ignore[union-attr]
    return counts


@pytest.mark.parametrize("text", [h for h in HOSTILE if "\ud800" not in h])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_serialize_escapes_hostile_literals(text: str, fmt: str) -> None:
    graph = Graph()
    subject = URIRef(f"{DEFAULT_BASE}project/{slug(text)}")
    graph.add((subject, URIRef("https://w3id.org/govkg/ontology#evidence"), Literal(text, lang="zh")))
    graph.add((subject, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal(text)))
    data = serialize(graph, fmt)
    assert set(_parsers(data, fmt).values()) == {2}
    media_type = FORMATS[fmt].media_type
    values = {q.object.value for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.from_media_type(media_type))}
    assert values == {text}


HOSTILE_REPORT = (
    "2023年某区政府工作报告\n一、2022年工作回顾\n"
    '全年完成“A>B"C 项目#1{x}|^`\\”建设，投资5亿元。'
    '建成a<b>c"d\x01e 产业园项目。'
    '实施“\x07\x1b[31m红色 工程 > <http://evil/s> <http://evil/p> "x" .”行动，新增就业300人。'
    "地区生产总值增长5.5%。建成" + "很" * 300 + "长的项目。\n"
)


def test_build_hostile_report_gives_graph_every_parser_reads(tmp_path: Path) -> None:
    source = tmp_path / generator.HOSTILE_NAME
    source.write_text(HOSTILE_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    result = build([source], BuildOptions(output_dir=out, formats=tuple(FORMATS), html=False))
    assert result.stats.commitments >= 2
    graph = load_graph(out)
    labels = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert any("a<b>c" in label for label in labels), labels  # the hostile name is kept, as a literal
    expected = len(graph)
    for fmt, spec in FORMATS.items():  # one report: every triple is in exactly one named graph
        assert set(_parsers((out / f"graph.{spec.extension}").read_bytes(), fmt).values()) == {expected}, fmt
    turtle = (out / "graph.ttl").read_bytes()
    # Nothing was injected: every subject is one of kg's, every predicate from a known vocabulary.
    for s, p, _ in graph:
        assert str(s).startswith(DEFAULT_BASE) or str(s).startswith("https://w3id.org/govkg/ontology#")
        assert "evil" not in str(s) and "evil" not in str(p)
    assert validate(Graph().parse(data=turtle.decode("utf-8"), format="turtle")).conforms


# --- atomic writes and determinism ----------------------------------------------------------


def _kg_build(paths: list[Path], out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "build", *map(str, paths), "-o", str(out), "-q"]
    command += ["--format", "turtle", "--format", "ntriples"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    media = "text/turtle" if path.suffix == ".ttl" else "application/n-triples"
    return len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.from_media_type(media)))) > 0


def test_pipeline_killed_build_leaves_old_or_new_files_and_rerun_matches(tmp_path: Path) -> None:
    """kill -9 at random points: output/ holds only complete files, old or new; a rerun is byte-identical."""
    inputs = [SEEDS / "001_7756f7c55821148a.txt", SEEDS / "002_913eb7918d03026b.txt"]
    clean_out, out = tmp_path / "clean", tmp_path / "out"
    started = time.perf_counter()
    assert _kg_build(inputs, clean_out).wait(timeout=300) == 0
    duration = time.perf_counter() - started
    expected = written(clean_out)
    assert _kg_build(inputs[:1], out).wait(timeout=300) == 0
    old = written(out)
    assert old.keys() < expected.keys() and old != expected  # one report fewer: one partition fewer
    rng = random.Random(7)
    for _ in range(6):
        process = _kg_build(inputs, out)
        time.sleep(rng.uniform(0.4 * duration, 1.05 * duration))  # most kills land in the writing
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        for path in out.iterdir():
            if path.name.startswith(".") or not path.is_file():
                continue  # a temp file of the killed writer, never under a final name; or a folder
            assert path.read_bytes() in (old[path.name], expected[path.name]), path.name
            assert _complete(path), path.name
    assert _kg_build(inputs, out).wait(timeout=300) == 0
    assert written(out) == expected  # same bytes
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".kg"]  # temp files gone


def test_pipeline_write_atomic_removes_temp_files_of_dead_writers(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".graph.ttl.{pid}.abc123.tmp"
    stale.write_bytes(b"@prefix half")
    mine = tmp_path / f".graph.ttl.{os.getpid()}.def456.tmp"
    mine.write_bytes(b"in progress")
    kept = tmp_path / ".hidden.tmp"
    kept.write_bytes(b"not ours")
    assert remove_stale_temps(tmp_path) == (stale,)
    assert mine.exists() and kept.exists()
    write_atomic(tmp_path / "graph.ttl", b"done")
    assert (tmp_path / "graph.ttl").read_bytes() == b"done"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, kept.name, "graph.ttl"])


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_pipeline_written_files_are_readable_as_any_new_file(tmp_path: Path) -> None:
    """The temp file behind an atomic write is private (0600); the output must not stay so."""
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "graph.ttl", b"done")
    finally:
        os.umask(mask)
    assert (tmp_path / "graph.ttl").stat().st_mode & 0o777 == 0o666 & ~mask


def test_pipeline_same_bytes_whatever_order_files_are_given_in(tmp_path: Path) -> None:
    files = sorted(SEEDS.glob("*.txt"))[:3]
    shuffled = [files[2], files[0], files[1]]
    outputs = []
    for i, paths in enumerate([files, shuffled, list(reversed(files))]):
        out = tmp_path / str(i)
        build(paths, BuildOptions(output_dir=out, formats=tuple(FORMATS)))
        outputs.append(written(out))
    top = {name for name in outputs[0] if "/" not in name}
    assert len(top) == len(FORMATS) + 1  # every RDF format and the HTML page
    assert outputs[0] == outputs[1] == outputs[2]


def test_cli_same_bytes_whatever_order_and_folder_or_files(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    results = []
    for i, args in enumerate([[str(SEEDS)], list(reversed(files)), [files[3], str(SEEDS), files[0]]]):
        out = tmp_path / str(i)
        assert CliRunner().invoke(main, ["build", *args, "-o", str(out), "-q", "--no-html"]).exit_code == 0
        results.append((out / "graph.ttl").read_bytes())
    assert results[0] == results[1] == results[2]
