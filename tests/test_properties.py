"""Property tests (hypothesis): any text through the whole pipeline gives a graph every tool reads (issue 7).

Arbitrary Unicode (mixed scripts, control characters), random cuts of the seeds and texts
built from seed sentences go through clean → meta → segment → extract → resolve → RDF →
every output format; the build never raises, each serialisation parses in pyoxigraph with
every triple, and the graph passes the SHACL shapes (``kg validate``).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.extract import extract
from kg.ingest import decode, read_source
from kg.model import RawText, Skipped, Source
from kg.pipeline import BuildOptions, read_report
from kg.rdf import to_graph
from kg.resolve import DEFAULT_BASE, resolve, slug
from kg.serialize import FORMATS, serialize
from kg.validate import validate
from kg.vocab import GOV

ROOT = Path(__file__).parent.parent
SEED_TEXTS = tuple(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
SEED_SENTENCES = tuple(
    sentence for text in SEED_TEXTS for sentence in re.findall(r"[^。！？\n]+[。！？]?", text) if sentence.strip()
)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Scripts report text may mix: CJK (simplified and traditional), full-width forms, Latin,
# Cyrillic, Arabic, emoji, digits, the punctuation the grammar keys on, and control characters.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("地区生产总值增长同比亿万元个百分点项目工程建设实施完成力争以上左右約為區發展"),
    st.sampled_from("0123456789.%０１２３４５６７８９％．，。；：、“”（）！？—…\n\r\t "),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x400, max_codepoint=0x4FF),
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1F6FF),
    st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
)


@st.composite
def seed_cuts(draw: st.DrawFn) -> str:
    """A random slice of a seed report, possibly with junk spliced in."""
    text = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start, min(len(text), start + 3000)))
    junk = draw(st.text(_ALPHABET, max_size=20))
    at = draw(st.integers(start, end))
    return text[start:at] + junk + text[at:end]


@st.composite
def seed_sentence_mixes(draw: st.DrawFn) -> str:
    """Seed sentences in a new order, joined by line breaks, spaces or nothing."""
    sentences = draw(st.lists(st.sampled_from(SEED_SENTENCES), min_size=1, max_size=25))
    separators = draw(st.lists(st.sampled_from(["", "\n", "\r\n", "\r", "\n\n", " ", "\u3000"]), min_size=1))
    return "".join(s + separators[i % len(separators)] for i, s in enumerate(sentences))


TEXTS = st.one_of(
    st.text(max_size=400),
    st.text(_ALPHABET, max_size=600),
    seed_cuts(),
    seed_sentence_mixes(),
)


def _graph_of(text: str, options: BuildOptions | None = None) -> Graph:
    raw = RawText(Source(Path("prop.txt"), "0" * 64, "utf-8"), text)
    facts = extract(read_report(raw, "prop", options or BuildOptions()))
    return to_graph([facts], resolve([facts]))


def _assert_parses(graph: Graph) -> None:
    for name, spec in FORMATS.items():  # one report: every triple is in one named graph of N-Quads and TriG
        data = serialize(graph, name)
        parsed = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.from_media_type(spec.media_type)))
        assert len(parsed) == len(graph), name


@SLOW
@given(TEXTS)
def test_pipeline_any_text_builds_a_graph_that_parses_and_validates(text: str) -> None:
    """With the region and year known (found in the text or given, as --region/--year do)."""
    graph = _graph_of(text, BuildOptions(region="西宁市", year=2023))
    _assert_parses(graph)
    report = validate(graph)
    assert report.conforms, report.text()


_REGION_OR_YEAR = {GOV.region, GOV.year}


@SLOW
@given(TEXTS)
def test_pipeline_any_text_without_overrides_parses_and_only_lacks_region_or_year(text: str) -> None:
    """A fragment that names no region or year still builds and parses; the only SHACL results
    are the facts' missing gov:region / gov:year (the text does not say them: pass --region/--year)."""
    graph = _graph_of(text)
    _assert_parses(graph)
    report = validate(graph)
    unexpected = [v for v in report.violations if not (v.path in _REGION_OR_YEAR and "MinCount" in v.component)]
    assert not unexpected, report.text()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_resolve_slug_of_any_name_is_a_valid_iri(name: str) -> None:
    iri = f"{DEFAULT_BASE}project/{slug(name)}"
    assert pyoxigraph.NamedNode(iri).value == iri
    assert not re.search(r"[\x00-\x20<>\"{}|^`\\]", iri)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_ingest_any_bytes_read_or_skipped_never_raise(data: bytes) -> None:
    decoded = decode(data)
    assert decoded is None or isinstance(decoded[0], str)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=300))
@example("\x00000")  # UTF-16 starting with U+0000 looks like UTF-32's mark: once read as nothing
@example("\x00")
def test_ingest_unicode_encodings_with_a_bom_round_trip(text: str) -> None:
    for encoded in (
        codecs.BOM_UTF8 + text.encode("utf-8"),
        text.encode("utf-16"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        text.encode("utf-32"),
    ):
        decoded = decode(encoded)
        assert decoded is not None
        if decoded[0] != text:
            # FF FE 00 00 is UTF-32's mark and also UTF-16's followed by U+0000; bytes that are
            # valid UTF-32 (only texts of NULs and low code points can be) are read as UTF-32.
            assert encoded.startswith(codecs.BOM_UTF32_LE)
            assert decoded == (encoded.decode("utf-32"), "utf-32")
            continue
        assert decoded[0] == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_ingest_read_source_of_any_file_never_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    result = read_source(path)
    assert isinstance(result, RawText | Skipped)


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
@settings(max_examples=60, deadline=None)
@given(cut=seed_cuts())
def test_ingest_chinese_encodings_round_trip_on_report_text(encoding: str, cut: str) -> None:
    """A stretch of real report text (≥ 40 CJK characters) comes back as written, from GB18030 or Big5."""
    if encoding == "big5":
        import opencc

        cut = opencc.OpenCC("s2tw").convert(cut)
    data = cut.encode(encoding, errors="ignore")  # drop what this encoding cannot hold
    cut = data.decode(encoding)
    assume(len(re.findall(r"[\u4e00-\u9fff]", cut)) >= 40 and b"\x00" not in data)
    decoded = decode(data)
    assert decoded is not None
    assert decoded[0] == cut
