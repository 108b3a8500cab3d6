"""vocabulary: the fast lookups of heads, verbs and stems answer as the plain scans they replace (issue 16).

Each helper once scanned every head or trigger, or cut a whole name with jieba; it now looks
suffixes up in a set, searches one alternation, or cuts only where an answer could be. The
plain scans are kept here as the definition, and both are asked of every clause of the seeds
and every list item in them.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from kg import gazetteer
from kg.extract import vocabulary as v
from kg.extract.commitments import _CLAUSE_END, _split
from kg.model import SubjectType
from kg.segment import tokenizer

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture(scope="module")
def phrases() -> list[str]:
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    clauses = [clause for line in text.splitlines() for clause in _split(line, _CLAUSE_END)]
    items = {item for clause in clauses for item in re.split(r"[、和及与]", clause) if len(item) >= 2}
    found = sorted(set(clauses) | items)
    assert len(found) > 3000
    return found


def _head_word(name: str) -> str:
    return next((h.word for h in v.heads() if name.endswith(h.word) and len(name) > len(h.word)), "")


def _shared_head(last: str) -> str:
    table = {h.word for h in v.heads()}
    longest = max(map(len, table))
    for start in range(1, len(last)):
        if any(last[start : start + size] in table for size in range(1, longest + 1)):
            return last[start:]
    return ""


def _is_located(prefix: str) -> bool:
    place, generic = v._places()
    if gazetteer.opening_name(prefix) or place.search(generic.sub("", prefix)):
        return True
    return any(
        prefix.endswith(h.word) and len(prefix) > len(h.word) and not h.unlocated and h.type is SubjectType.PROJECT
        for h in v.heads()
    )


def _ending_verb(phrase: str) -> v.Trigger | None:
    return next((t for t in v.triggers() if t.after and phrase.endswith(t.verb) and len(phrase) > len(t.verb)), None)


def _program_head_at(text: str) -> str:
    return next((h.word for h in v.heads() if h.type is SubjectType.PROGRAM and text.startswith(h.word)), "")


def test_vocabulary_suffix_lookups_answer_as_scans(phrases: list[str]) -> None:
    for phrase in phrases:
        assert v.head_word(phrase) == _head_word(phrase), phrase
        assert v.shared_head(phrase) == _shared_head(phrase), phrase
        assert v.is_located(phrase) == _is_located(phrase), phrase
        assert v.ending_verb(phrase) == _ending_verb(phrase), phrase
        assert v.program_head_at(phrase) == _program_head_at(phrase), phrase
        assert v.located_name(phrase) == (bool(_head_word(phrase)) and _is_located(phrase[: -len(_head_word(phrase))]))


def _place_stem(name: str) -> int:
    place, _ = v._places()
    for end in itertools.accumulate(len(word.word) for word in tokenizer().cut(name)):
        if end >= 2 and place.search(name[end - 1 : end]) and v.head_type(name[end:]) is SubjectType.PROJECT:
            return end
    return 0


def _after_leading_verb(name: str) -> str:
    words = list(tokenizer().cut(name))
    if len(words) > 1 and words[0].word in v._clause_verbs() and len(name) - len(words[0].word) >= 3:
        return name[len(words[0].word) :]
    return name


def test_vocabulary_cuts_only_where_an_answer_could_be(phrases: list[str]) -> None:
    names = [phrase for phrase in phrases if len(phrase) <= 25]  # list items and short clauses: names
    stems = 0
    for name in names:
        stem = v.place_stem(name)
        assert stem == _place_stem(name), name
        assert v.after_leading_verb(name) == _after_leading_verb(name), name
        stems += stem > 0
    assert stems > 0  # some names open with a place: 乾佑河|国家级湿地公园
