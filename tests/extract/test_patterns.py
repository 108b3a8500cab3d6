"""patterns: every row of commitment_patterns.tsv compiles and finds its own example."""

from __future__ import annotations

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
