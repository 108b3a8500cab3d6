"""patterns: every row of commitment_patterns.tsv compiles and finds its own example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.patterns import Pattern, compile_pattern, match_patterns, patterns
from kg.lexicons import read_tsv


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.source)
def test_patterns_row_finds_its_example(pattern: Pattern) -> None:
    names = [found.name for found in match_patterns(pattern.example) if found.pattern is pattern]
    assert any(name.endswith(pattern.example_name) for name in names), names


def test_patterns_words_are_unique_per_class() -> None:
    rows = [(row["class"], row["word"]) for row in read_tsv("pattern_words.tsv")]
    assert rows and len(rows) == len(set(rows))


@pytest.mark.parametrize(
    ("source", "text", "name"),
    [
        ("《 [ NAME @document_head ] 》", "印发《城乡融合发展实施方案》", "城乡融合发展实施方案"),
        ("[ @standing_program ] !@continues", "建成全民健身中心", None),
        ("[ NAME:project ] 完成 ANY? @milestone", "城南水厂完成可研批复", "城南水厂"),
    ],
)
def test_patterns_tokens(source: str, text: str, name: str | None) -> None:
    regex, _ = compile_pattern(source)
    found = regex.search(text)
    assert (found.group("name") if found else None) == name


def test_patterns_unknown_word_class_is_an_error() -> None:
    with pytest.raises(ValueError, match="no_such_class"):
        compile_pattern("[ NAME @no_such_class ]")


def test_patterns_anchor_skips_only_clauses_a_row_cannot_match() -> None:
    """A row's anchor (words every match holds) changes nothing: on every clause of the seeds, the rows
    find the same spans as when every row scans every clause."""
    seeds = Path(__file__).parents[2] / "seeds"
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt")))
    clauses = [clause for clause in re.split(r"[，。；：,;:\n]", text) if clause]
    anchored = 0
    for clause in clauses:
        every = [(p, f.group("name"), f.start("name")) for p in patterns() for f in p.regex.finditer(clause)]
        assert [(m.pattern, m.name, m.start) for m in match_patterns(clause)] == every
        anchored += sum(p.anchor is not None and not p.anchor.search(clause) for p in patterns())
    assert len(clauses) > 1000 and anchored > len(clauses)  # most rows skip most clauses
