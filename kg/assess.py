"""Targets against results: each target of a year that has a result for that year in the build.

A target (gov:Target) of year Y is assessed against a result (gov:Actual) of the same year, region
and indicator (after the resolver has merged the indicator's variant names), with the same aspect
(level, growth, percentage-point change) and base unit, from any report of the build, the one that
set the target included. Where several results qualify (an estimate in a December report, the final
figure a year later), the result of the latest report decides and the others are kept beside it.

The rules (``RULES``; one test each in tests/test_assess.py):

===========================  ===================  ===========================================
target as stated             indicator            met when the result ``a`` …
===========================  ===================  ===========================================
exact / at least (增长7%)    more is better       a ≥ t
exact / at least             less is better       a ≤ t
at most (控制在3%以内)       either               a ≤ t
approximately (6%左右)       more is better       a ≥ t − tolerance
approximately                less is better       a ≤ t + tolerance
range (6%—6.5%)              more is better       a ≥ the lower bound
range                        less is better       a ≤ the upper bound
===========================  ===================  ===========================================

The tolerance of "approximately" is 0.5 percentage points for a target in percent and 1% of the
target otherwise (``APPROX_POINTS``, ``APPROX_SHARE``). Less is better for the indicators whose
``better`` is ``lower`` in ``kg/lexicons/indicators.tsv`` (prices, unemployment, pollution, energy and
carbon intensity…).
A result stated as a bound (增长7%以上, 不到3%) that does not settle the comparison makes the outcome
undetermined, as does a result whose bound points the wrong way.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from kg import indicators
from kg.lexicons import read_tsv
from kg.model import (
    Aspect,
    Assessment,
    EntityType,
    Evidence,
    Facts,
    Kind,
    Observation,
    Outcome,
    Part,
    Qualifier,
    Resolution,
    ReviewPeriod,
    Sentence,
)
from kg.resolve import unframed

APPROX_POINTS = Decimal("0.5")  # percentage points, for targets in %
APPROX_SHARE = Decimal("0.01")  # of the target, for targets in any other unit

# A range as stated: "6%—6.5%", "6-6.5%", "6至6.5%".
_RANGE = re.compile(r"^(?P<low>\d+(?:\.\d+)?)%?\s*[-~～—–至到]\s*(?P<high>\d+(?:\.\d+)?)")

# (how the target is stated, whether less is better) → (side, bound): a "floor" the result must
# reach, or a "ceiling" it must stay at or under; the bound is the target, the target moved by the
# tolerance, or one end of a stated range.
RULES: dict[tuple[str, bool], tuple[str, str]] = {
    ("exact", False): ("floor", "target"),
    ("at_least", False): ("floor", "target"),
    ("exact", True): ("ceiling", "target"),
    ("at_least", True): ("ceiling", "target"),
    ("at_most", False): ("ceiling", "target"),
    ("at_most", True): ("ceiling", "target"),
    ("approx", False): ("floor", "target - tolerance"),
    ("approx", True): ("ceiling", "target + tolerance"),
    ("range", False): ("floor", "low"),
    ("range", True): ("ceiling", "high"),
}


@functools.cache
def lower_is_better() -> frozenset[str]:
    """Ids of the curated indicators where less is better (``better`` is ``lower`` in indicators.tsv)."""
    return frozenset(i.id for i in indicators.scheme() if i.better == "lower")


def assess(facts: Iterable[Facts], resolution: Resolution) -> tuple[Assessment, ...]:
    """Every target that has a comparable result in the build, with its outcome; in a stable order.

    One pass over ``facts`` that keeps only the observations and review sentences it may need, so the
    reports can come one at a time from disk."""
    gathered = Gathered()
    for report_facts in facts:
        gathered.add(report_facts)
    return gathered.assessments(resolution)


class Gathered:
    """What assessment needs of the reports, gathered one report at a time (``add``) before entities are
    resolved, so that the build can gather it in the pass that resolution makes: when each report was
    delivered, the targets, the yearly results, and the review sentences that may judge a target."""

    def __init__(self) -> None:
        self._when: dict[str, tuple[int, int, str]] = {}  # report → when it was delivered, to rank its results
        self._targets: list[Observation] = []
        self._results: list[Observation] = []
        # (issuer, report, year) → the report's review sentences of that year
        self._reviews: dict[tuple[str, str, int], list[Sentence]] = defaultdict(list)

    def add(self, report_facts: Facts) -> None:
        """Keep what assessment may need of one report."""
        meta = report_facts.report.meta
        report = report_facts.report.id
        self._when[report] = (meta.report_year or 0, meta.review_year or 0, report)
        # A year's result comes from a review of that year: a half-year's figures are not the year's,
        # and a five-year or term review's are mostly averages and totals over the period.
        yearly = meta.review_period is ReviewPeriod.YEAR
        if meta.region is not None and yearly:
            for sentence in report_facts.report.sentences:
                if sentence.part is Part.REVIEW and sentence.year is not None and _may_judge(sentence):
                    self._reviews[(meta.region, report, sentence.year)].append(sentence)
        for observation in report_facts.observations:
            if not _comparable(observation):
                continue
            if observation.kind is Kind.TARGET:
                self._targets.append(observation)
            elif yearly:
                self._results.append(observation)

    def assessments(self, resolution: Resolution) -> tuple[Assessment, ...]:
        """Every target gathered that has a comparable result, with its outcome; in a stable order."""
        reviews: dict[tuple[str, int], list[Sentence]] = defaultdict(list)  # (region, year) → review sentences
        for (issuer, report, year), sentences in self._reviews.items():
            reviews[(resolution.iri(EntityType.REGION, issuer, report), year)].extend(sentences)
        results: dict[tuple[str, ...], list[Observation]] = defaultdict(list)
        for observation in self._results:
            results[_key(observation, resolution)].append(observation)
        targets = [(target, _key(target, resolution)) for target in self._targets]
        return _judged(targets, results, reviews, self._when, resolution)


def _judged(
    targets: list[tuple[Observation, tuple[str, ...]]],
    results: dict[tuple[str, ...], list[Observation]],
    reviews: dict[tuple[str, int], list[Sentence]],
    when: dict[str, tuple[int, int, str]],
    resolution: Resolution,
) -> tuple[Assessment, ...]:
    # Reports from earliest to latest delivered (report year, then review year, then id).
    rank = {report: number for number, report in enumerate(sorted(when, key=lambda report: when[report]))}
    assessments: list[Assessment] = []
    for target, key in targets:
        candidates = results.get(key, [])
        if not candidates:
            stated = _stated_outcome(target, reviews, resolution)
            if stated is not None:
                assessments.append(stated)
            continue
        # The latest report's result decides; within a report, the first it states.
        ordered = sorted(candidates, key=lambda o: (-rank[o.evidence.report_id], o.evidence.start))
        actual, others = ordered[0], tuple(ordered[1:])
        outcome, difference = judge(target, actual)
        assessments.append(Assessment(target, actual, outcome, difference, others))
    return tuple(assessments)


def judge(target: Observation, actual: Observation) -> tuple[Outcome, Decimal]:
    """The outcome of a target against its result, and the gap: result − the bound the rule compares with."""
    q = target.quantity
    scale = q.base_value / q.value if q.value else Decimal(1)  # base units per stated unit (10⁸ for 亿元)
    ends = _range(q.stated)
    how = "range" if ends is not None else target.qualifier.value
    side, bound_name = RULES[(how, _less_is_better(target.indicator))]
    t = q.base_value
    tolerance = APPROX_POINTS if q.base_unit == "%" else abs(t) * APPROX_SHARE
    bounds = {"target": t, "target - tolerance": t - tolerance, "target + tolerance": t + tolerance}
    if ends is not None:
        bounds.update(low=ends[0] * scale, high=ends[1] * scale)
    bound = bounds[bound_name]
    a = actual.quantity.base_value
    difference = a - (bound if how == "range" else t)
    reached = a >= bound if side == "floor" else a <= bound
    # A result stated as a bound (增长7%以上, 不到3%) settles the comparison only when it bounds the rule's way.
    settles = {
        Qualifier.AT_LEAST: reached if side == "floor" else not reached,
        Qualifier.AT_MOST: not reached if side == "floor" else reached,
    }.get(actual.qualifier, True)
    if not settles:
        return Outcome.UNDETERMINED, difference
    return (Outcome.MET if reached else Outcome.MISSED), difference


# A share of the plan or target: "完成年计划的95%", "完成年度目标的102%".
_SHARE_OF_PLAN = re.compile(r"完成(?:了)?(?:年|年度|全年)?(?:计划|目标|任务)的(?P<share>\d+(?:\.\d+)?)%")


@functools.cache
def _outcome_phrases() -> re.Pattern[str]:
    rows = sorted(read_tsv("outcome_phrases.tsv"), key=lambda row: -len(row["phrase"]))
    return re.compile("|".join(re.escape(row["phrase"]) for row in rows))


@functools.cache
def _phrase_outcomes() -> dict[str, Outcome]:
    return {row["phrase"]: Outcome(row["outcome"]) for row in read_tsv("outcome_phrases.tsv")}


def _stated_outcome(
    target: Observation, reviews: dict[tuple[str, int], list[Sentence]], resolution: Resolution
) -> Assessment | None:
    """A target whose year's review names its indicator and says, without a number, that it was met or
    missed: the first such clause of a review of that year by the target's region."""
    if target.region is None or target.year is None:
        return None
    names = _names_of(target.indicator)
    region = resolution.iri(EntityType.REGION, target.region, target.evidence.report_id)
    for sentence in reviews.get((region, target.year), ()):
        for clause in _CLAUSE.split(sentence.simplified):
            named = min((clause.find(n) + len(n) for n in names if n in clause), default=-1)
            if named < 0:
                continue
            share = _SHARE_OF_PLAN.search(clause, named)
            if share is not None and share.start() - named <= _NEAR:
                met = Decimal(share.group("share")) >= 100
                return Assessment(target, None, Outcome.MET if met else Outcome.MISSED, None, (), Evidence.of(sentence))
            phrase = _outcome_phrases().search(clause, named)
            if phrase is not None and phrase.start() - named <= _NEAR:
                outcome = _phrase_outcomes()[phrase.group(0)]
                return Assessment(target, None, outcome, None, (), Evidence.of(sentence))
    return None


def _may_judge(sentence: Sentence) -> bool:
    """Whether a review sentence holds a share of plan or an outcome phrase: only those can judge a target."""
    return bool(_SHARE_OF_PLAN.search(sentence.simplified) or _outcome_phrases().search(sentence.simplified))


_CLAUSE = re.compile(r"[；;。！]")
_NEAR = 12  # characters between the indicator's name and the phrase that judges it


def _names_of(indicator: str) -> tuple[str, ...]:
    """The names a review may give the target's indicator: as the target wrote it, bare, and the scheme's."""
    bare = unframed(indicator)
    curated = indicators.lookup(bare)
    names = {indicator, bare, *((curated.pref_zh, *curated.alt_zh) if curated else ())}
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


def _range(stated: str) -> tuple[Decimal, Decimal] | None:
    match = _RANGE.match(stated)
    return (Decimal(match.group("low")), Decimal(match.group("high"))) if match else None


def _less_is_better(name: str) -> bool:
    curated = indicators.lookup(name)
    return curated is not None and curated.id in lower_is_better()


def _comparable(observation: Observation) -> bool:
    """Whether an observation can be set against another: it has a region and a year, and its indicator
    is not one that no target is judged by (unassessed.tsv)."""
    return not (observation.region is None or observation.year is None or observation.indicator.endswith(_unassessed()))


def _key(observation: Observation, resolution: Resolution) -> tuple[str, ...]:
    """What a comparable target and its result share: region, indicator (resolved), aspect, base unit and year."""
    assert observation.region is not None and observation.year is not None  # _comparable
    indicator, aspect = _rate_of(observation) or (
        resolution.iri(EntityType.INDICATOR, observation.indicator),
        observation.aspect,
    )
    return (
        resolution.iri(EntityType.REGION, observation.region, observation.evidence.report_id),
        indicator,
        aspect.value,
        observation.quantity.base_unit,
        str(observation.year),
    )


@functools.cache
def _unassessed() -> tuple[str, ...]:
    return tuple(row["suffix"] for row in read_tsv("unassessed.tsv"))


@functools.cache
def _rate_suffixes() -> tuple[str, ...]:
    return tuple(row["word"] for row in read_tsv("indicator_framing.tsv") if row["position"] == "rate")


def _rate_of(observation: Observation) -> tuple[str, Aspect] | None:
    """A rate indicator of the scheme, one way or the other: the growth of 居民消费价格 ("上涨3%") is the
    level of 居民消费价格涨幅 ("涨幅3%左右"); both are keyed as the level of the scheme's indicator."""
    if observation.quantity.base_unit != "%":
        return None
    name = unframed(observation.indicator)
    curated = indicators.lookup(name)
    if curated is not None and curated.pref_zh.endswith(_rate_suffixes()):
        pass  # 居民消费价格涨幅 3%, CPI 上涨3%: either way the level of the rate
    elif observation.aspect is Aspect.GROWTH:
        curated = next(filter(None, (indicators.lookup(name + suffix) for suffix in _rate_suffixes())), None)
    else:
        return None
    return (f"indicator:{curated.id}", Aspect.LEVEL) if curated is not None else None
