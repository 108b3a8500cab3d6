"""Graph → one self-contained HTML page to explore it (issue 6).

kg.view gives the browsable view as a networkx graph (entities as nodes; observations as
labelled edges region → indicator, "2020 目标 ≥6.5%"; commitments region → project/program)
and narrows it (a region's ego graph, a year, the N best-connected nodes); nodes are sized by
their degree there. pyvis turns it into vis-network nodes and edges and renders them through
our own Jinja2 template (kg/templates/graph.html), which inlines vis-network, its CSS, our
script and the data: the page opens from disk with no network. Report text travels only
inside a JSON block and is put on the page with ``textContent``, never as HTML. Output is
byte-identical for the same graph.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any

from pyvis.network import Network
from rdflib import RDF, Graph, URIRef

from kg import __version__
from kg.errors import InputError
from kg.view import (
    CLASS_ORDER,
    NODE_CLASSES,
    assessment_records,
    best_connected,
    focus,
    iris,
    regions_named,
    report_record,
    view_graph,
)
from kg.vocab import GOV

DEFAULT_TITLE = "kg：政府工作报告知识图谱"


# How fact edges are drawn, by kind; an edge holding several kinds is MIXED.
_EDGE_KINDS = {
    "target": {"zh": "目标", "color": "#d62728", "dashes": True},
    "actual": {"zh": "实际", "color": "#1f77b4", "dashes": False},
    "commitment": {"zh": "承诺", "color": "#ff7f0e", "dashes": False},
}
_MIXED, _LINK_COLOR, _BLACK = "#6a3d9a", "#b0b0b0", "#000"
# The outcome view: a met target in green, a missed one in red, an undetermined one in grey.
_OUTCOME_COLORS = {"met": "#2e7d32", "missed": "#c62828", "undetermined": "#9e9e9e"}
_ASSETS = ("graph.css", "graph.js", "vis-network.css", "vis-network.min.js")


def render_html(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    region: str | None = None,
    year: int | None = None,
    max_nodes: int | None = None,
) -> str:
    """A self-contained HTML page showing the graph, optionally narrowed to a region, a year and N nodes."""
    data = page_data(graph, title=title, region=region, year=year, max_nodes=max_nodes)
    drawn = network(data)
    # pyvis renders its nodes and edges through jinja2 with our template; the page's data and the
    # inlined scripts and styles are this environment's globals.
    drawn.set_template_dir(str(files("kg") / "templates"), "graph.html")
    drawn.templateEnv.filters["script_json"] = script_json
    drawn.templateEnv.globals.update(page=data, assets=_assets())
    page: str = drawn.generate_html()
    return page


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: sorted keys, and no '<', '>' or '&' that could close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def page_data(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    region: str | None = None,
    year: int | None = None,
    max_nodes: int | None = None,
) -> dict[str, Any]:
    """The JSON the page draws: nodes (with degree), fact edges (with evidence), direct links and reports."""
    view = view_graph(graph)
    chosen = regions_named(graph, region) if region is not None else set()
    shown = focus(view, chosen, year=year)
    if (region is not None or year is not None) and not any(fact for *_, fact in shown.edges(data="fact")):
        raise InputError(_nothing_matched(view, region, year))
    truncated = max_nodes is not None and len(shown) > max_nodes
    if max_nodes is not None:
        shown = best_connected(shown, max_nodes)
    facts = [fact for _, _, fact in shown.edges(data="fact") if fact is not None]
    links = sorted((source, target, label) for source, target, label in shown.edges(data="link") if label)
    reports = iris(graph.subjects(RDF.type, GOV.Report))
    # Targets against results, of the regions and indicators the page shows (and its year).
    assessments = [
        record
        for record in assessment_records(graph)
        if record["region"] in shown and record["indicator"] in shown and (year is None or record["year"] == year)
    ]
    # A target's edge carries its outcome and the result it was judged on.
    outcome_of = {record["target"]: record for record in assessments}
    facts = [fact | _outcome(outcome_of.get(fact["iri"])) for fact in facts]

    attrs = shown.nodes
    order = sorted(shown, key=lambda node: (CLASS_ORDER[attrs[node]["cls"]], attrs[node]["label"], str(node)))
    index = {node: number for number, node in enumerate(order)}
    report_index = {report: number for number, report in enumerate(reports)}
    sentences = sorted(
        {fact["evidence"] for fact in facts}
        | {record[key] for record in assessments for key in ("targetEvidence", "resultEvidence")}
    )
    sentence_index = {text: number for number, text in enumerate(sentences)}
    return {
        "title": title,
        "generator": f"kg {__version__}",
        "filter": {"region": region, "year": year, "maxNodes": max_nodes, "truncated": truncated},
        "classes": [{"key": c.key, "zh": c.zh, "en": c.en, "color": c.color, "shape": c.shape} for c in NODE_CLASSES],
        "kinds": _EDGE_KINDS,
        "colors": {"mixed": _MIXED, "link": _LINK_COLOR},
        "nodes": [
            {
                "label": attrs[node]["label"],
                "type": attrs[node]["cls"],
                "iri": str(node),
                "report": report_index.get(node),
                "degree": shown.degree(node),
            }
            for node in order
        ],
        "facts": sorted(
            (_public(fact, index, report_index, sentence_index) for fact in facts),
            key=lambda fact: (fact["from"], fact["to"], fact["year"] or 0, fact["kind"], fact["iri"]),
        ),
        "links": [{"from": index[source], "to": index[target], "label": label} for source, target, label in links],
        "reports": [report_record(graph, report) for report in reports],
        "sentences": sentences,
        "assessments": [
            record
            | {
                "region": index[record["region"]],
                "indicator": index[record["indicator"]],
                "targetEvidence": sentence_index[record["targetEvidence"]],
                "resultEvidence": sentence_index[record["resultEvidence"]],
            }
            for record in assessments
        ],
        "outcomeColors": _OUTCOME_COLORS,
    }


def _outcome(record: dict[str, Any] | None) -> dict[str, Any]:
    if record is None:
        return {}
    return {"outcome": record["outcome"], "result": record["resultShown"] or "（见原文）"}


def _nothing_matched(view: Any, region: str | None, year: int | None) -> str:
    """Say that a filter left no fact, and which years there are (issue 17: not an empty page and exit 0)."""
    asked = " and ".join(
        part for part in (f"region {region}" if region else "", f"year {year}" if year else "") if part
    )
    years = sorted({fact["year"] for *_, fact in view.edges(data="fact") if fact and fact["year"] is not None})
    have = ", ".join(map(str, years)) if years else "none"
    return f"no facts match {asked} in the graph; nothing written. Years with facts: {have}"


def network(data: dict[str, Any]) -> Network:
    """The page's nodes and edges as a pyvis Network: ids are node indexes, edges "p<n>" (facts) and "l<n>" (links)."""
    drawn = Network(directed=True, heading=data["title"])
    classes = {c.key: c for c in NODE_CLASSES}
    nodes = data["nodes"]
    facts = data["facts"]
    touching: Counter[int] = Counter()
    report_node = {node["report"]: number for number, node in enumerate(nodes) if node["report"] is not None}
    for fact in facts:
        ends = {fact["from"], fact["to"], fact.get("program"), fact["region"], report_node.get(fact["report"])}
        touching.update(end for end in ends if isinstance(end, int))
    for number, node in enumerate(nodes):
        cls = classes[node["type"]]
        drawn.add_node(
            number,
            label=_short(node["label"]),
            shape=cls.shape,
            group=cls.key,  # its colours: graph.js makes one vis-network group per class
            value=node["degree"] + 1,
            # vis-network 9 shows a string title with innerText, so it is text, not markup.
            title=f"{node['label']}\n{cls.zh} · {touching[number]} 条事实（点击查看）",
            **({"font": {"color": "#fff"}} if cls.shape == "box" else {}),  # a label inside a box
        )
    pairs: dict[tuple[int, int], list[int]] = {}
    for number, fact in enumerate(facts):
        pairs.setdefault((fact["from"], fact["to"]), []).append(number)
    for number, ((source, target), held) in enumerate(pairs.items()):
        drawn.add_edge(source, target, id=f"p{number}", facts=held, **_pair_style(data, source, target, held))
    for number, link in enumerate(data["links"]):
        drawn.add_edge(
            link["from"],
            link["to"],
            id=f"l{number}",
            label=link["label"],
            dashes=[2, 4],
            color={"color": _LINK_COLOR, "highlight": _BLACK},
            font={"size": 10, "color": "#888", "strokeWidth": 0},
        )
    return drawn


def _pair_style(data: dict[str, Any], source: int, target: int, held: list[int]) -> dict[str, Any]:
    """How an edge holding some facts looks; graph.js restyles it the same way when filters hide some."""
    texts = [data["facts"][number]["text"] for number in held]
    kinds = {data["facts"][number]["kind"] for number in held}
    only = _EDGE_KINDS[next(iter(kinds))] if len(kinds) == 1 else None
    lines = texts[:3] + ([f"… 共 {len(texts)} 条"] if len(texts) > 3 else [])
    names = f"{data['nodes'][source]['label']} → {data['nodes'][target]['label']}"
    more = "\n…" if len(texts) > 12 else ""
    return {
        "label": "\n".join(lines),
        "title": f"{names}\n" + "\n".join(texts[:12]) + f"{more}\n（点击查看原文依据）",
        "color": {"color": only["color"] if only else _MIXED, "highlight": _BLACK, "opacity": 0.8},
        **({"dashes": True} if only and only["dashes"] else {}),
    }


def _short(label: str) -> str:
    return f"{label[:17]}…" if len(label) > 18 else label


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """The scripts and styles the template inlines, as they are (they are ours and vis-network's)."""
    folder = files("kg") / "templates"
    return {name: (folder / name).read_text(encoding="utf-8") for name in _ASSETS}


def _public(
    fact: dict[str, Any], index: dict[URIRef, int], reports: dict[URIRef, int], sentences: dict[str, int]
) -> dict[str, Any]:
    """A fact with IRIs replaced by indexes into the page's node, report and sentence lists."""
    public = dict(fact)
    for key in ("from", "to", "region", "program"):
        if key in public:
            public[key] = index.get(public[key])
    public["report"] = reports.get(fact["report"])
    public["evidence"] = sentences[fact["evidence"]]
    return public
