"""Recognisers as data: rows of ``commitment_patterns.tsv`` read by one small engine.

A row is a shape of report grammar written as tokens, in the manner of spaCy's Matcher:
``program  ongoing  [ NAME @campaign_head ] !@pilot_unit`` reads "a name ending in a
campaign head, not followed by the units its pilots are counted in, is a program". Words
live in ``pattern_words.tsv`` (``@class``); the shapes live in the patterns file; each row
carries an example sentence that a test runs. The engine only finds spans: the caller
decides where a name starts (after a verb or a preposition) and what it overlaps.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.lexicons import read_tsv
from kg.model import Status, SubjectType

# Characters a name may hold: none of a clause's or a list's punctuation, quotes or brackets.
_NAME = r"[^，。；：,;:、“”\"《》()（）\s]"
_TOKENS = {
    "NAME": _NAME + "{2,25}?",
    "COUNT": r"[\d一二三四五六七八九十两百千]+(?:条|项|个|大|件)",
    "ANY": r"[^，。；,;]{0,6}?",
    # A title: a name that holds no conjunction, so that two events held together stay two.
    "TITLE": r"[^，。；：,;:、“”\"《》()（）\s和及与]{2,25}?",
    # The words before an abbreviated event's short head, from one character: 世(博会), 全(运会).
    "SHORT_TITLE": r"[^，。；：,;:、“”\"《》()（）\s和及与]{1,25}?",
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row: what its bracketed span names, its status in a review, and its compiled shape."""

    type: SubjectType
    review: Status
    source: str
    regex: re.Pattern[str]
    # NAME:project: the span must end in a head of this type (checked by the caller).
    head: SubjectType | None
    # Whether the span opens with NAME, which runs from wherever the clause allows: the
    # caller finds where the name starts.
    open_name: bool
    example: str
    example_name: str
    # Words one of which every match holds: a clause without any is not scanned by ``regex``.
    anchor: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """A span a pattern found in a clause: the name and where it starts."""

    pattern: Pattern
    name: str
    start: int


@functools.cache
def _words(word_class: str) -> str:
    return "(?:" + "|".join(map(re.escape, _class_words(word_class))) + ")"


def _class_words(word_class: str) -> list[str]:
    words = sorted({r["word"] for r in read_tsv("pattern_words.tsv") if r["class"] == word_class}, key=len)[::-1]
    if not words:
        raise ValueError(f"commitment_patterns.tsv: no words of class @{word_class} in pattern_words.tsv")
    return words


def compile_pattern(source: str) -> tuple[re.Pattern[str], SubjectType | None]:
    """A row's tokens → one regex with the bracketed span as group ``name``, and the head it needs."""
    parts: list[str] = []
    head: SubjectType | None = None
    for token in source.split():
        optional = token.endswith("?") and len(token) > 1
        token = token.removesuffix("?") if optional else token
        if token == "[":
            piece = "(?P<name>"
        elif token == "]":
            piece = ")"
        elif token.startswith("!@"):
            piece = f"(?!{_words(token[2:])})"
        elif token.startswith("@"):
            piece = _words(token[1:])
        elif token.split(":")[0] in _TOKENS:
            word, _, constraint = token.partition(":")
            head = SubjectType(constraint) if constraint else head
            piece = _TOKENS[word]
        else:
            piece = re.escape(token)
        parts.append(f"(?:{piece})?" if optional and piece not in ("(?P<name>", ")") else piece)
    return re.compile("".join(parts)), head


def anchor(source: str) -> re.Pattern[str] | None:
    """The words of a row's last token that every match must hold (a word class or a literal), as one regex.

    Searching a clause for them is much cheaper than trying a row that opens with NAME at every position.
    """
    words = _anchor_words(source)
    return re.compile("|".join(map(re.escape, words))) if words is not None else None


def _anchor_words(source: str) -> list[str] | None:
    """The words ``anchor`` searches for: a word class's, or a literal; None if the row requires none."""
    required = [
        token
        for token in source.split()
        if not (token.endswith("?") and len(token) > 1)
        and token not in ("[", "]")
        and not token.startswith("!@")
        and token.split(":")[0] not in _TOKENS
    ]
    if not required:
        return None
    last = required[-1]
    return _class_words(last[1:]) if last.startswith("@") else [last]


@functools.cache
def patterns() -> tuple[Pattern, ...]:
    """Every row of ``commitment_patterns.tsv``, compiled once."""
    compiled = []
    for row in read_tsv("commitment_patterns.tsv"):
        regex, head = compile_pattern(row["pattern"])
        compiled.append(
            Pattern(
                type=SubjectType(row["type"]),
                review=Status(row["status"]),
                source=row["pattern"],
                regex=regex,
                head=head,
                open_name=row["pattern"].replace(" ", "").startswith(("[NAME", "《[NAME")),
                example=row["example"],
                example_name=row["name"],
                anchor=anchor(row["pattern"]),
            )
        )
    return tuple(compiled)


@functools.cache
def words_of(word_class: str) -> tuple[str, ...]:
    """The words of one class of ``pattern_words.tsv``, longest first."""
    found = {r["word"] for r in read_tsv("pattern_words.tsv") if r["class"] == word_class}
    return tuple(sorted(found, key=lambda word: (-len(word), word)))


@functools.cache
def _all_words() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("pattern_words.tsv"))


def is_pattern_word(text: str) -> bool:
    """Whether a text is one of the pattern words itself (a bare head: "专项行动")."""
    return text in _all_words()


@functools.cache
def _any_anchor() -> re.Pattern[str] | None:
    """The anchors of all rows as one regex (None if a row has none): most clauses hold none of them.
    One flat alternation of words, which the regex engine scans for by their first characters: the
    rows' patterns nested in groups are tried whole at every position, five times slower."""
    anchors = [_anchor_words(row["pattern"]) for row in read_tsv("commitment_patterns.tsv")]
    if any(words is None for words in anchors):
        return None
    words = {word for found in anchors if found is not None for word in found}
    return re.compile("|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word)))))


def match_patterns(clause: str) -> list[PatternMatch]:
    """Every span any pattern finds in a clause, in the order of the rows."""
    anchors = _any_anchor()
    if anchors is not None and not anchors.search(clause):
        return []
    return [
        PatternMatch(pattern, found.group("name"), found.start("name"))
        for pattern in patterns()
        if pattern.anchor is None or pattern.anchor.search(clause)
        for found in pattern.regex.finditer(clause)
    ]
