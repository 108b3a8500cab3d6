"""Scoring: the facts in a graph against hand-checked gold facts (``shared/GOLD.md``).

The graph is what is scored, so what a user gets is what is measured: measures
and program targets are read back from ``gov:Observation`` nodes, projects and
programs from ``gov:Commitment`` nodes. Matching follows GOLD.md exactly: same
doc and type; regions agree (one name contains the other, a gold fact without a
region matches any); kind and year equal; values equal in the base unit within a
relative 1e-6; names overlap (containment or character-set Jaccard ≥ 0.5; an
indicator's name is its scheme label or any of its other names that the evidence
sentence writes, the name "as written" there); for projects the status too. Each
gold fact matches at most one prediction (a maximum bipartite matching);
predictions that match only optional gold are left out of both counts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from kg.clean import to_simplified
from kg.errors import GoldError
from kg.extract.numbers import to_base
from kg.vocab import GOV

FACT_TYPES = ("measure", "project", "program", "program_target")
_STATUS = {GOV.Planned: "planned", GOV.Ongoing: "ongoing", GOV.Completed: "completed"}


@dataclass(frozen=True, slots=True)
class Fact:
    """A gold or predicted fact, reduced to the fields GOLD.md matches on."""

    doc: str
    type: str
    region: str | None
    name: str
    year: int | None
    kind: str | None = None
    value: Decimal | None = None
    status: str | None = None
    program: str | None = None
    optional: bool = False
    region_aliases: tuple[str, ...] = ()  # other names of the predicted region (湟中县 for 湟中区)
    evidence: str = ""
    # The indicator's other names that its evidence sentence writes: the name "as written" there
    # when the scheme's label differs (农村户厕改造 of 农村户用卫生厕所).
    name_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and P/R/F1 for one fact type (or overall)."""

    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold over gold."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores per fact type and overall, with what did not match."""

    scores: dict[str, Score]
    missed: tuple[Fact, ...] = field(default=())
    spurious: tuple[Fact, ...] = field(default=())

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        """Scores as plain data (for ``--json``)."""
        return {
            name: {
                "gold": s.gold,
                "predicted": s.predicted,
                "matched": s.matched,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for name, s in self.scores.items()
        }


def load_gold(path: Path) -> tuple[Fact, ...]:
    """Read gold facts from a GOLD.md JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror}") from exc
    facts: list[Fact] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            facts.append(_gold_fact(json.loads(line)))
        except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
            raise GoldError(f"{path}:{number}: not a GOLD.md record ({exc}); see shared/GOLD.md") from exc
    return tuple(facts)


def _gold_fact(record: dict[str, object]) -> Fact:
    kind = str(record["type"])
    if kind not in FACT_TYPES:
        raise ValueError(f"unknown type {kind!r}")
    value = None
    if kind in ("measure", "program_target"):
        value, _ = to_base(Decimal(str(record["value"])), str(record["unit"]))
    name = record["indicator"] if kind in ("measure", "program_target") else record["name"]
    region = record.get("region")
    year = record.get("year")
    return Fact(
        doc=str(record["doc"]),
        type=kind,
        region=str(region) if region else None,
        name=str(name),
        year=int(str(year)) if year is not None else None,
        kind=str(record["kind"]) if "kind" in record else None,
        value=value,
        status=str(record["status"]) if "status" in record else None,
        program=str(record["program"]) if "program" in record else None,
        optional=bool(record.get("optional", False)),
        evidence=str(record.get("evidence", "")),
    )


def predicted_facts(graph: Graph) -> tuple[Fact, ...]:
    """The facts a graph states, in the shape gold facts have."""
    facts: list[Fact] = []
    for obs in sorted(set(graph.subjects(RDF.type, GOV.Observation)), key=str):
        evidence = _text(graph.value(obs, GOV.evidence))
        measure = Fact(
            doc=_source(graph, obs),
            type="measure",
            region=_zh_label(graph, graph.value(obs, GOV.region)),
            region_aliases=_aliases(graph, graph.value(obs, GOV.region)),
            name=_zh_label(graph, graph.value(obs, GOV.indicator)) or "",
            name_aliases=_written(graph, graph.value(obs, GOV.indicator), evidence),
            year=_int(graph.value(obs, GOV.year)),
            kind="target" if (obs, RDF.type, GOV.Target) in graph else "actual",
            value=_decimal(graph.value(obs, GOV.value)),
            evidence=evidence,
        )
        facts.append(measure)
        program = graph.value(obs, GOV.program)
        if program is not None:
            facts.append(replace(measure, type="program_target", program=_zh_label(graph, program)))
    for commitment in sorted(set(graph.subjects(RDF.type, GOV.Commitment)), key=str):
        project = graph.value(commitment, GOV.project)
        status = graph.value(commitment, GOV.status)
        facts.append(
            Fact(
                doc=_source(graph, commitment),
                type="project" if project is not None else "program",
                region=_zh_label(graph, graph.value(commitment, GOV.region)),
                region_aliases=_aliases(graph, graph.value(commitment, GOV.region)),
                name=_zh_label(graph, project or graph.value(commitment, GOV.program)) or "",
                year=_int(graph.value(commitment, GOV.year)),
                status=_STATUS.get(status) if isinstance(status, URIRef) else None,
                evidence=_text(graph.value(commitment, GOV.evidence)),
            )
        )
    return tuple(facts)


def _source(graph: Graph, fact: Node) -> str:
    """The file name of the report a fact was derived from."""
    report = graph.value(fact, PROV.wasDerivedFrom)
    return _text(graph.value(report, DCTERMS.source)) if report is not None else ""


def _text(node: Node | None) -> str:
    return str(node) if node is not None else ""


def _int(node: Node | None) -> int | None:
    return int(node) if isinstance(node, Literal) else None


def _decimal(node: Node | None) -> Decimal | None:
    return Decimal(str(node)) if isinstance(node, Literal) else None


def _zh(node: Node) -> bool:
    return isinstance(node, Literal) and node.language == "zh"


def _zh_label(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    for prop in (SKOS.prefLabel, RDFS.label):
        labels = sorted(str(o) for o in graph.objects(node, prop) if _zh(o))
        if labels:
            return labels[0]
    return None


def _written(graph: Graph, node: Node | None, evidence: str) -> tuple[str, ...]:
    """The other names of an indicator that its evidence sentence writes."""
    text = to_simplified(evidence)
    return tuple(alias for alias in _aliases(graph, node) if alias in text)


def _aliases(graph: Graph, node: Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    return tuple(sorted(str(o) for o in graph.objects(node, SKOS.altLabel) if _zh(o)))


def names_overlap(a: str, b: str) -> bool:
    """GOLD.md: one name contains the other, or their character sets have Jaccard ≥ 0.5."""
    a, b = to_simplified(a), to_simplified(b)
    if a in b or b in a:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= 0.5 if sa | sb else False


def regions_agree(gold: str | None, predicted: str | None) -> bool:
    """GOLD.md: a gold fact without a region matches any; else one name contains the other."""
    if gold is None:
        return True
    if predicted is None:
        return False
    gold, predicted = to_simplified(gold), to_simplified(predicted)
    return gold in predicted or predicted in gold


def matches(gold: Fact, predicted: Fact) -> bool:
    """Whether a prediction matches a gold fact under GOLD.md's rules."""
    if gold.doc != predicted.doc or gold.type != predicted.type:
        return False
    regions = (predicted.region, *predicted.region_aliases)
    if not any(regions_agree(gold.region, region) for region in regions) or gold.year != predicted.year:
        return False
    if not any(names_overlap(gold.name, name) for name in (predicted.name, *predicted.name_aliases)):
        return False
    if gold.type in ("measure", "program_target"):
        if gold.kind != predicted.kind or gold.value is None or predicted.value is None:
            return False
        if not _close(gold.value, predicted.value):
            return False
        if gold.type == "program_target":
            return names_overlap(gold.program or "", predicted.program or "")
        return True
    if gold.type == "project":
        return gold.status == predicted.status
    return True


def _close(a: Decimal, b: Decimal) -> bool:
    scale = max(abs(a), abs(b))
    return abs(a - b) <= Decimal("1e-6") * scale if scale else a == b


def evaluate(gold: tuple[Fact, ...], predicted: tuple[Fact, ...]) -> Evaluation:
    """Score predictions against gold, per fact type and overall (micro-averaged)."""
    docs = {fact.doc for fact in gold}
    predicted = tuple(fact for fact in predicted if fact.doc in docs)
    scores: dict[str, Score] = {}
    missed: list[Fact] = []
    spurious: list[Fact] = []
    for kind in FACT_TYPES:
        gold_of = [g for g in gold if g.type == kind]
        pred_of = [p for p in predicted if p.type == kind]
        required = [g for g in gold_of if not g.optional]
        optional = [g for g in gold_of if g.optional]
        pairs = _matching(required, pred_of)
        matched_pred = set(pairs.values())
        excused = {i for i, p in enumerate(pred_of) if i not in matched_pred and any(matches(g, p) for g in optional)}
        scores[kind] = Score(len(required), len(pred_of) - len(excused), len(pairs))
        missed.extend(g for i, g in enumerate(required) if i not in pairs)
        spurious.extend(p for i, p in enumerate(pred_of) if i not in matched_pred and i not in excused)
    total = Score(*(sum(getattr(s, f) for s in scores.values()) for f in ("gold", "predicted", "matched")))
    scores["overall"] = total
    return Evaluation(scores, tuple(missed), tuple(spurious))


def _matching(gold: list[Fact], predicted: list[Fact]) -> dict[int, int]:
    """Maximum one-to-one matching, gold index → prediction index."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(predicted):
        by_doc[p.doc].append(j)
    bipartite = nx.Graph()
    gold_nodes = [("g", i) for i in range(len(gold))]
    bipartite.add_nodes_from(gold_nodes)
    for i, g in enumerate(gold):
        for j in by_doc[g.doc]:
            if matches(g, predicted[j]):
                bipartite.add_edge(("g", i), ("p", j))
    matching = nx.bipartite.hopcroft_karp_matching(bipartite, top_nodes=gold_nodes)
    return {node[1]: partner[1] for node, partner in matching.items() if node[0] == "g"}


def evaluate_graph(graph: Graph, gold_path: Path) -> Evaluation:
    """Score the facts in ``graph`` against the gold file."""
    return evaluate(load_gold(gold_path), predicted_facts(graph))


__all__ = ["Evaluation", "Fact", "Score", "evaluate", "evaluate_graph", "load_gold", "predicted_facts"]
