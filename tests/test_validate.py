"""kg.validate: the SHACL shapes accept a well-formed graph and name what breaks a bad one."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.validate import ValidationReport, Violation, validate
from kg.vocab import GOV

ID = Namespace("https://w3id.org/govkg/id/")
# rdflib's XSD namespace warns when pytest probes module attributes, so the IRI is spelt out.
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
REPORT = ID["report/chengdong-2020"]
REGION = ID["region/qinghai/xining/chengdong"]
OBSERVATION = ID["observation/chengdong-2020-gdp-target"]
COMMITMENT = ID["commitment/chengdong-2020-caojiazhai"]
PROJECT = ID["project/caojiazhai"]
PROGRAM = ID["program/toilet-revolution"]

VALID = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix id: <https://w3id.org/govkg/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/govkg/id/report/chengdong-2020> a gov:Report ;
    dcterms:title "开启新时代幸福西宁建设东区新篇章"@zh ;
    dcterms:source "000_6a8a5062bf73147d.txt" ;
    dcterms:format "text/plain" ;
    gov:issuedBy <https://w3id.org/govkg/id/region/qinghai/xining/chengdong> ;
    gov:reportYear 2020 ; gov:reviewYear 2019 ; gov:planYear 2020 .

<https://w3id.org/govkg/id/region/qinghai/xining/chengdong> a gov:District ;
    rdfs:label "城东区"@zh , "Chengdong"@en .

<https://w3id.org/govkg/id/indicator/gdp> a gov:Indicator ;
    skos:prefLabel "地区生产总值"@zh , "gross regional product"@en ;
    skos:altLabel "GDP"@en ;
    skos:inScheme gov:indicators .

<https://w3id.org/govkg/id/observation/chengdong-2020-gdp-target> a gov:Target ;
    gov:region <https://w3id.org/govkg/id/region/qinghai/xining/chengdong> ;
    gov:indicator <https://w3id.org/govkg/id/indicator/gdp> ;
    gov:year 2020 ;
    gov:value 6.5 ;
    gov:unit "%" ;
    gov:statedValue "6.5%左右" ;
    gov:statedUnit "%" ;
    gov:aspect gov:Growth ;
    gov:qualifier gov:Approximately ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/report/chengdong-2020> ;
    gov:evidence "地区生产总值增长6.5%左右"@zh .

<https://w3id.org/govkg/id/project/caojiazhai> a gov:Project ;
    rdfs:label "曹家寨片区改造"@zh ;
    gov:locatedIn <https://w3id.org/govkg/id/region/qinghai/xining/chengdong> .

<https://w3id.org/govkg/id/program/toilet-revolution> a gov:Program ;
    rdfs:label "厕所革命"@zh .

<https://w3id.org/govkg/id/commitment/chengdong-2020-caojiazhai> a gov:Commitment ;
    gov:region <https://w3id.org/govkg/id/region/qinghai/xining/chengdong> ;
    gov:project <https://w3id.org/govkg/id/project/caojiazhai> ;
    gov:status gov:Planned ;
    gov:year 2020 ;
    gov:investment 620000000.0 ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/report/chengdong-2020> ;
    gov:evidence "启动曹家寨片区改造"@zh .

<https://w3id.org/govkg/id/region/qinghai/xining/chengdong> gov:commits <https://w3id.org/govkg/id/project/caojiazhai> .
"""


def valid_graph() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def test_validate_valid_graph_conforms() -> None:
    report = validate(valid_graph())
    assert report.conforms, report.text()
    assert report.violations == ()
    assert report.text().startswith("Conforms: yes")


def test_validate_does_not_change_its_input() -> None:
    graph = valid_graph()
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def _drop(g: Graph, s: URIRef, p: URIRef) -> None:
    g.remove((s, p, None))


def _set(g: Graph, s: URIRef, p: URIRef, o: Literal | URIRef) -> None:
    g.set((s, p, o))


def missing_year(g: Graph) -> None:
    _drop(g, OBSERVATION, GOV.year)


def value_as_string(g: Graph) -> None:
    _set(g, OBSERVATION, GOV.value, Literal("6.5"))


def two_regions(g: Graph) -> None:
    g.add((OBSERVATION, GOV.region, ID["region/qinghai/xining"]))
    g.add((ID["region/qinghai/xining"], RDF.type, GOV.City))
    g.add((ID["region/qinghai/xining"], RDFS.label, Literal("西宁市", lang="zh")))


def project_and_program(g: Graph) -> None:
    g.add((COMMITMENT, GOV.program, PROGRAM))


def neither_project_nor_program(g: Graph) -> None:
    _drop(g, COMMITMENT, GOV.project)


def label_without_language(g: Graph) -> None:
    _set(g, PROJECT, RDFS.label, Literal("曹家寨片区改造"))


def year_as_decimal(g: Graph) -> None:
    _set(g, COMMITMENT, GOV.year, Literal("2020.0", datatype=XSD_DECIMAL))


def negative_investment(g: Graph) -> None:
    _set(g, COMMITMENT, GOV.investment, Literal("-1", datatype=XSD_DECIMAL))


def unknown_aspect(g: Graph) -> None:
    _set(g, OBSERVATION, GOV.aspect, GOV.Level + "Typo")


def neither_target_nor_actual(g: Graph) -> None:
    g.remove((OBSERVATION, RDF.type, GOV.Target))
    g.add((OBSERVATION, RDF.type, GOV.Observation))


def both_target_and_actual(g: Graph) -> None:
    g.add((OBSERVATION, RDF.type, GOV.Actual))


def evidence_without_language(g: Graph) -> None:
    _set(g, COMMITMENT, GOV.evidence, Literal("启动曹家寨片区改造"))


def region_untyped(g: Graph) -> None:
    g.remove((REGION, RDF.type, None))


def indicator_english_only(g: Graph) -> None:
    indicator = ID["indicator/gdp"]
    g.remove((indicator, SKOS.prefLabel, Literal("地区生产总值", lang="zh")))


def two_sources(g: Graph) -> None:
    g.add((REPORT, URIRef("http://purl.org/dc/terms/source"), Literal("other.txt")))


def missing_derivation(g: Graph) -> None:
    _drop(g, OBSERVATION, PROV.wasDerivedFrom)


BROKEN = [
    # (variant, focus node, path or None for node-level constraints, text the message must contain)
    (missing_year, OBSERVATION, GOV.year, "gov:year"),
    (value_as_string, OBSERVATION, GOV.value, "xsd:decimal"),
    (two_regions, OBSERVATION, GOV.region, "exactly one gov:region"),
    (project_and_program, COMMITMENT, None, "gov:project"),
    (neither_project_nor_program, COMMITMENT, None, "gov:program"),
    (label_without_language, PROJECT, RDFS.label, "language tag"),
    (year_as_decimal, COMMITMENT, GOV.year, "xsd:integer"),
    (negative_investment, COMMITMENT, GOV.investment, "at least 0"),
    (unknown_aspect, OBSERVATION, GOV.aspect, "gov:aspect"),
    (neither_target_nor_actual, OBSERVATION, None, "gov:Target or a gov:Actual"),
    (both_target_and_actual, OBSERVATION, None, "gov:Target or a gov:Actual"),
    (evidence_without_language, COMMITMENT, GOV.evidence, "language tag"),
    (region_untyped, OBSERVATION, GOV.region, "gov:Region"),
    (indicator_english_only, ID["indicator/gdp"], SKOS.prefLabel, "(@zh)"),
    (two_sources, REPORT, URIRef("http://purl.org/dc/terms/source"), "dcterms:source"),
    (missing_derivation, OBSERVATION, PROV.wasDerivedFrom, "prov:wasDerivedFrom"),
]


@pytest.mark.parametrize(("variant", "focus", "path", "message"), BROKEN, ids=[b[0].__name__ for b in BROKEN])
def test_validate_broken_variant_names_path(variant, focus, path, message) -> None:  # type: ignore[no-untyped-def]
    graph = valid_graph()
    variant(graph)
    report = validate(graph)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == focus and v.path == path and message in v.message]
    assert hits, report.text()
    assert all(v.severity == "Violation" for v in hits)


def test_validate_report_text_groups_and_counts() -> None:
    graph = valid_graph()
    for n in range(5):
        obs = ID[f"observation/extra-{n}"]
        for p, o in graph.predicate_objects(OBSERVATION):
            graph.add((obs, p, o))
        graph.remove((obs, GOV.year, None))
    text = validate(graph).text()
    assert text.startswith("Conforms: no (5 violations)")
    assert "    5 Violation  gov:year  An observation has exactly one gov:year" in text
    assert "… and 2 more" in text


def test_validate_report_is_frozen() -> None:
    report = validate(valid_graph())
    assert isinstance(report, ValidationReport)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]
    assert not hasattr(report, "__dict__")
    assert Violation.__slots__
