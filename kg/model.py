"""The typed data that flows between kg's pipeline stages.

Text moves one way: ``Source`` → ``RawText`` → ``CleanText`` → ``Report`` (with
``Sentence`` objects) → facts (``Observation``, ``Commitment``, ``ProgramTarget``)
→ ``BuildResult``. Every class here is frozen; stages build new values, never
mutate old ones. Numbers that become RDF literals are ``Decimal`` or ``int`` so
that output is byte-identical from run to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from pathlib import Path


class Part(str, Enum):
    """Whether a sentence reports results (review) or sets out plans (plan)."""

    REVIEW = "review"
    PLAN = "plan"


class Kind(str, Enum):
    """An observation is a reported result (actual) or a goal (target)."""

    ACTUAL = "actual"
    TARGET = "target"


class Aspect(str, Enum):
    """What a number measures about its indicator (GOLD.md: aspect)."""

    LEVEL = "level"
    GROWTH = "growth"
    PP_CHANGE = "pp_change"


class Qualifier(str, Enum):
    """How the stated number bounds the true one (GOLD.md: qualifier)."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    APPROX = "approx"


class Status(str, Enum):
    """Where a commitment stands in the year it is reported for."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"


class ReviewPeriod(str, Enum):
    """What the review part of a report looks back on; its figures belong to the period's last year."""

    YEAR = "year"
    HALF_YEAR = "half_year"
    FIVE_YEARS = "five_years"  # a five-year plan period: “十三五”时期, 过去五年
    TERM = "term"  # a government's term: 本届政府以来


class Outcome(str, Enum):
    """Whether a result met its target (kg.assess: the rules)."""

    MET = "met"
    MISSED = "missed"
    UNDETERMINED = "undetermined"  # the result is stated as a bound that does not settle it


class SubjectType(str, Enum):
    """What a commitment commits to."""

    PROJECT = "project"
    PROGRAM = "program"


@dataclass(frozen=True, slots=True)
class Source:
    """An input file: its path, the SHA-256 of its bytes, how it was decoded and its media type.

    ``media_type`` is what the file is (text/plain, text/html, application/pdf, the .docx
    type), as ``dcterms:format`` records it; for a page, PDF or Word file the raw text is the
    text kg took out of it.
    """

    path: Path
    sha256: str
    encoding: str
    media_type: str = "text/plain"

    @property
    def name(self) -> str:
        """The file name, as `dcterms:source` records it."""
        return self.path.name


@dataclass(frozen=True, slots=True)
class RawText:
    """The decoded text of a source, exactly as written."""

    source: Source
    text: str


@dataclass(frozen=True, slots=True)
class CleanText:
    """Text with the page layout undone.

    ``text`` keeps the characters as the source wrote them (traditional stays
    traditional); ``simplified`` is the same string with traditional characters
    converted, character for character, so both share offsets. ``offsets[i]``
    is the position in ``RawText.text`` of ``text[i]``.
    """

    source: Source
    text: str
    simplified: str
    offsets: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a report, with the part and year it speaks of.

    ``start``/``end`` index into ``CleanText.text``; ``text`` is the source's
    wording and ``simplified`` its simplified-character view of equal length.
    """

    report_id: str
    index: int
    start: int
    end: int
    text: str
    simplified: str
    part: Part
    year: int | None
    heading: bool = False


@dataclass(frozen=True, slots=True)
class FrameOverride:
    """What a user states of a report's frame (``--region``/``--year`` or a manifest row).

    ``None`` leaves a field to be read from the text. ``year`` is the year the report was
    delivered; ``review_year``/``plan_year`` the years it reviews and plans, where they differ
    from the year before and the year of delivery.
    """

    region: str | None = None
    year: int | None = None
    review_year: int | None = None
    plan_year: int | None = None

    def over(self, fallback: FrameOverride) -> FrameOverride:
        """This override, with ``fallback``'s fields where this one leaves them open."""
        return FrameOverride(
            self.region or fallback.region,
            self.year if self.year is not None else fallback.year,
            self.review_year if self.review_year is not None else fallback.review_year,
            self.plan_year if self.plan_year is not None else fallback.plan_year,
        )


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """Who issued a report and which years it delivers, reviews and plans."""

    title: str
    region: str | None
    report_year: int | None
    review_year: int | None
    plan_year: int | None
    # The region the report names its issuer part of, where the gazetteer does not know it.
    region_parent: str | None = None
    review_period: ReviewPeriod = ReviewPeriod.YEAR
    # The congress session the report was delivered to: (term, session), 第十七届…第二次会议 → (17, 2).
    session: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A segmented report: its metadata and its sentences in order."""

    id: str
    source: Source
    meta: ReportMeta
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: report, sentence, and the span within the clean text."""

    report_id: str
    sentence_index: int
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, sentence: Sentence) -> Evidence:
        """The evidence a whole sentence gives."""
        return cls(sentence.report_id, sentence.index, sentence.start, sentence.end, sentence.text)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, as stated and in the unit's base unit.

    ``stated`` is the text as written ("6.2亿元"); ``value``/``unit`` are the
    number and unit as written (6.2, "亿元"); ``base_value``/``base_unit`` are
    converted (620000000, "元").
    """

    stated: str
    value: Decimal
    unit: str
    base_value: Decimal
    base_unit: str


@dataclass(frozen=True, slots=True)
class Observation:
    """A number about an indicator: a result (actual) or a goal (target)."""

    kind: Kind
    region: str | None
    indicator: str
    aspect: Aspect
    quantity: Quantity
    qualifier: Qualifier
    year: int | None
    evidence: Evidence
    program: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """A region undertaking a project or program in a year."""

    region: str | None
    subject: str
    subject_type: SubjectType
    status: Status
    year: int | None
    evidence: Evidence
    investment: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ProgramTarget:
    """A program tied, in one clause, to the number it aims to move."""

    program: str
    observation: Observation


@dataclass(frozen=True, slots=True)
class Participation:
    """An organization a report names with its part in the region's year: 落地, 投产, 入选."""

    organization: str
    role: str  # the verb that states the part, as written
    region: str | None
    year: int | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Assessment:
    """A target of a year against the result given for that year (same region, indicator, aspect, unit).

    ``actual`` is the result as a number; where a review gives none but says the target was met or
    missed ("城镇新增就业完成年度目标任务", "完成年计划的95%"), ``actual`` is None and ``statement`` is
    that sentence. ``difference`` is result − target in the target's base unit (for a range, result −
    the end the rule compares with), None without a number; ``others`` are further results for the
    same year that the latest one outranks.
    """

    target: Observation
    actual: Observation | None
    outcome: Outcome
    difference: Decimal | None
    others: tuple[Observation, ...] = ()
    statement: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one report."""

    report: Report
    observations: tuple[Observation, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    program_targets: tuple[ProgramTarget, ...] = ()
    participations: tuple[Participation, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a build keeps in memory of one report whose facts wait on disk (``key`` names them in the cache):
    its frame, for warnings and for dating reports by each other, and its counts, for the summary."""

    id: str
    path: Path
    meta: ReportMeta
    key: str
    observations: int
    commitments: int
    program_targets: int
    participations: int
    reused: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class BuildStats:
    """Counts a build reports in its summary."""

    reports: int
    skipped: int
    observations: int
    commitments: int
    program_targets: int
    triples: int
    participations: int = 0
    assessments: int = 0


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What `kg.build` returns: the facts, the RDF graph, counts, files written.

    A build into an output folder streams each report to disk and keeps neither: its ``facts`` are empty
    and its ``graph`` None (``kg.dataset.load_graph`` reads the files back); ``reused`` counts the reports
    whose facts an earlier build into the folder had extracted."""

    facts: tuple[Facts, ...]
    graph: object | None  # rdflib.Graph; typed loosely so importing kg.model stays light
    stats: BuildStats
    skipped: tuple[Skipped, ...] = ()
    files: tuple[Path, ...] = field(default=())
    resolution: Resolution | None = None
    # What of a report's frame could not be read and how to supply it: one line each, for stderr.
    warnings: tuple[str, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    reused: int = 0


class EntityType(str, Enum):
    """The classes of named things in the graph (the `gov:` class of the same name)."""

    REGION = "Region"
    INDICATOR = "Indicator"
    PROJECT = "Project"
    PROGRAM = "Program"
    ORGANIZATION = "Organization"


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing with a stable IRI, however many reports name it.

    ``label`` is the canonical name (@zh), ``label_en`` an English one where
    known, ``alt_labels`` the other names seen in text, ``subtype`` a finer class
    (Province, City, District, County for regions), ``parent`` the IRI of the
    region it is part of, ``curated`` whether it comes from a kg lexicon, ``code``
    a region's 6-digit division code.
    """

    iri: str
    type: EntityType
    label: str
    label_en: str | None = None
    alt_labels: tuple[str, ...] = ()
    subtype: str | None = None
    parent: str | None = None
    curated: bool = False
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """Mentions resolved to entities: ``iris[(type, name)]`` is the IRI a name stands for;
    ``local[(report id, name)]`` the region a name shared by several (鼓楼区) stands for in one report."""

    base: str
    entities: tuple[Entity, ...]
    iris: dict[tuple[EntityType, str], str]
    merged: tuple[tuple[str, tuple[str, ...]], ...] = ()
    local: dict[tuple[str, str], str] = field(default_factory=dict)

    def iri(self, kind: EntityType, name: str, report_id: str | None = None) -> str:
        """The IRI of the entity ``name`` was resolved to (in report ``report_id``, for a region)."""
        if report_id is not None and (report_id, name) in self.local:
            return self.local[(report_id, name)]
        return self.iris[(kind, name)]


def _pickled_as_tuple(cls: type) -> None:
    """Pickle ``cls``'s objects as the tuple of their fields' values. A frozen dataclass with slots
    otherwise pickles through ``dataclasses.fields`` once per object, which made reading a report's
    cached facts back (three times a build: resolve, assess, write) 2.3 times slower.

    The values are set back by a function made for the class, as ``dataclasses`` makes ``__init__``:
    it unpacks the tuple and calls each slot's setter once, 3.5 times as fast as a loop over
    ``object.__setattr__`` (a report's facts are ~600 objects, read back twice a build)."""
    names = tuple(f.name for f in fields(cls))
    get = attrgetter(*names)
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}  # the slots' descriptors

    def state(self: object) -> tuple[object, ...]:
        values = get(self)
        return values if len(names) > 1 else (values,)  # attrgetter of one name gives the value itself

    body = "".join(f"\n    _set_{name}(self, {name})" for name in names)
    code = f"def restore(self, values):\n    {', '.join(names)}, = values{body}\n"
    exec(code, setters)  # made from the dataclass's own field names, as dataclasses makes __init__
    setattr(cls, "__getstate__", state)  # noqa: B010 (mypy rejects assigning a method to a class)
    setattr(cls, "__setstate__", setters["restore"])  # noqa: B010


# The classes that go through worker processes and the facts cache.
_PICKLED: tuple[type, ...] = (
    *(Source, RawText, FrameOverride, Sentence, ReportMeta, Report, Evidence, Quantity, Observation, Commitment),
    *(ProgramTarget, Participation, Assessment, Facts, ReportSummary, Entity, Resolution),
)
for _cls in _PICKLED:
    _pickled_as_tuple(_cls)
