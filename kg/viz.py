"""A store → one self-contained HTML page to explore it (issues 6 and 16).

kg.view reads the store with SPARQL into the browsable view (entities as nodes; observations as
labelled edges region → indicator, "2020 目标 ≥6.5%"; commitments region → project/program) and
narrows it (a region's ego graph, a year, the N best-connected nodes); nodes are sized by their
degree there. A page of up to ``overview_above`` nodes is drawn whole: pyvis turns the view into
vis-network nodes and edges. A larger one opens on an overview, one node per region (and per
report whose facts name no region) with its counts of targets, results, projects and programs
and reports; each region's facts and the sentences they quote are a JSON block of their own,
which the page parses and draws only when the region is opened (kg/templates/graph.js). The
blocks stay inside the page, not in files beside it: the page is one file to copy or mail, it
opens from disk (a browser will not fetch files from file://, and the page's CSP loads no
script from anywhere), and a JSON block costs the browser no more than scanning its text until
it is parsed. Everything goes through our own Jinja2 template (kg/templates/graph.html), which
inlines vis-network, its CSS and our script: the page needs no network. Report text travels
only inside JSON blocks and is put on the page with ``textContent``, never as HTML. Output is
byte-identical for the same graph.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2
from pyvis.network import Network

from kg import __version__
from kg.errors import InputError
from kg.view import (
    CLASS_ORDER,
    NODE_CLASSES,
    GraphView,
    best_connected,
    focus,
    read_view,
    regions_named,
    view_graph,
)

DEFAULT_TITLE = "kg：政府工作报告知识图谱"
# Above this many nodes the page opens on the overview of regions (issue 16): a page of thousands
# of nodes drawn whole is a hairball, its layout takes seconds (bench/viz.py) and it grows with
# the corpus, while the overview grows with the number of regions.
DEFAULT_OVERVIEW_ABOVE = 3000


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
    store: object,
    *,
    title: str = DEFAULT_TITLE,
    region: str | None = None,
    year: int | None = None,
    max_nodes: int | None = None,
    overview_above: int = DEFAULT_OVERVIEW_ABOVE,
) -> str:
    """A self-contained HTML page showing a pyoxigraph Store, optionally narrowed to a region, a year and N nodes.

    Above ``overview_above`` nodes the page opens on the overview of regions and draws a region when asked.
    """
    data = page_data(
        read_view(store), title=title, region=region, year=year, max_nodes=max_nodes, overview_above=overview_above
    )
    return render_page(data)


def render_page(data: dict[str, Any]) -> str:
    """The page for ``page_data``: drawn whole through pyvis, or as the overview and one JSON block per region."""
    chunks = data.get("chunks", [])
    page = {key: value for key, value in data.items() if key != "chunks"}
    if data["overview"] is None:
        drawn = network(data)
        nodes, edges = drawn.nodes, drawn.edges
    else:
        nodes, edges = [], []  # graph.js draws the overview and each region it opens
    return _template().render(heading=data["title"], nodes=nodes, edges=edges, page=page, chunks=chunks)


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: sorted keys, and no '<', '>' or '&' that could close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        if char in text:
            text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def page_data(
    view: GraphView,
    *,
    title: str = DEFAULT_TITLE,
    region: str | None = None,
    year: int | None = None,
    max_nodes: int | None = None,
    overview_above: int = DEFAULT_OVERVIEW_ABOVE,
) -> dict[str, Any]:
    """The JSON the page draws: nodes (with degree), fact edges (with evidence), direct links and reports.

    Above ``overview_above`` nodes the facts are not in ``facts`` but in ``chunks``, one per region of
    ``overview["regions"]``, each with the sentences its facts quote.
    """
    nodes, facts, links, truncated = _shown(view, region, year, max_nodes)
    # Targets against results, of the regions and indicators the page shows (and its year).
    assessments = [
        record
        for record in view.assessments
        if record["region"] in nodes and record["indicator"] in nodes and (year is None or record["year"] == year)
    ]
    # A target's edge carries its outcome and the result it was judged on.
    outcome_of = {record["target"]: record for record in assessments}
    facts = [fact | _outcome(outcome_of[fact["iri"]]) if fact["iri"] in outcome_of else fact for fact in facts]
    degree = Counter([fact["from"] for fact in facts] + [fact["to"] for fact in facts])
    degree.update([end for link in links for end in link[:2]])

    order = sorted(nodes, key=lambda node: (CLASS_ORDER[nodes[node][1]], nodes[node][0], node))
    index = {node: number for number, node in enumerate(order)}
    report_index = {report["iri"]: number for number, report in enumerate(view.reports)}
    overview = len(order) > overview_above
    sentences = sorted(
        ({fact["evidence"] for fact in facts} if not overview else set())
        | {record[key] for record in assessments for key in ("targetEvidence", "resultEvidence")}
    )
    sentence_index = {text: number for number, text in enumerate(sentences)}
    data = {
        "title": title,
        "generator": f"kg {__version__}",
        "filter": {"region": region, "year": year, "maxNodes": max_nodes, "truncated": truncated},
        "classes": [{"key": c.key, "zh": c.zh, "en": c.en, "color": c.color, "shape": c.shape} for c in NODE_CLASSES],
        "kinds": _EDGE_KINDS,
        "colors": {"mixed": _MIXED, "link": _LINK_COLOR},
        "nodes": [
            {
                "label": nodes[node][0],
                "type": nodes[node][1],
                "iri": node,
                "report": report_index.get(node),
                "degree": degree[node],
            }
            for node in order
        ],
        "facts": [] if overview else _public_facts(facts, index, report_index, sentence_index),
        "links": [{"from": index[source], "to": index[target], "label": label} for source, target, label in links],
        "reports": view.reports,
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
        "overview": None,
    }
    if overview:
        data |= _overview(data, facts, index, report_index)
    return data


def _shown(
    view: GraphView, region: str | None, year: int | None, max_nodes: int | None
) -> tuple[dict[str, tuple[str, str]], list[dict[str, Any]], list[tuple[str, str, str]], bool]:
    """The nodes, facts and links the page shows, and whether --max-nodes cut some nodes."""
    if region is None and year is None and (max_nodes is None or len(view.nodes) <= max_nodes):
        return view.nodes, view.facts, view.links, False
    drawn = view_graph(view)
    chosen = regions_named(view, region) if region is not None else set()
    shown = focus(drawn, chosen, year=year)
    if (region is not None or year is not None) and not any(fact for *_, fact in shown.edges(data="fact")):
        raise InputError(_nothing_matched(view, region, year))
    truncated = max_nodes is not None and len(shown) > max_nodes
    if max_nodes is not None:
        shown = best_connected(shown, max_nodes)
    facts = [fact for _, _, fact in shown.edges(data="fact") if fact is not None]
    links = sorted((source, target, label) for source, target, label in shown.edges(data="link") if label)
    return {node: view.nodes[node] for node in shown}, facts, links, truncated


def _overview(
    data: dict[str, Any], facts: list[dict[str, Any]], index: dict[str, int], reports: dict[str, int]
) -> dict[str, Any]:
    """The overview: one entry per region (or regionless report) with its counts, and its facts as a chunk.

    A region's chunk holds the facts that start at it, as ``facts`` would, with indexes into the
    chunk's own sentences. Each node gets ``home``, the first region whose chunk draws it, so that
    search can open that region.
    """
    nodes = data["nodes"]
    hubs = sorted(
        {index[fact["from"]] for fact in facts} | {n for n, node in enumerate(nodes) if node["type"] == "Region"}
    )
    chunk_of = {hub: number for number, hub in enumerate(hubs)}
    grouped: list[list[dict[str, Any]]] = [[] for _ in hubs]
    for fact in facts:
        grouped[chunk_of[index[fact["from"]]]].append(fact)
    report_node = {node["report"]: number for number, node in enumerate(nodes) if node["report"] is not None}
    chunks, regions = [], []
    home: dict[int, int] = {hub: number for number, hub in enumerate(hubs)}
    for number, (hub, held) in enumerate(zip(hubs, grouped, strict=True)):
        sentences = sorted({fact["evidence"] for fact in held})
        public = _public_facts(held, index, reports, {text: n for n, text in enumerate(sentences)})
        # What opening the region draws: the ends of its facts, their programs, reports and organizations.
        drawn = {hub} | {
            end
            for fact in public
            for end in (fact["to"], fact.get("program"), report_node.get(fact["report"]))
            if isinstance(end, int)
        }
        drawn |= {index[org] for fact in held for org in fact.get("involves", ()) if org in index}
        for end in sorted(drawn):
            home.setdefault(end, number)
        chunks.append({"facts": public, "sentences": sentences, "nodes": sorted(drawn)})
        kinds = Counter(fact["kind"] for fact in public)
        # Projects and programs it commits to, each counted once however many commitments name it.
        subjects = Counter(
            nodes[end]["type"] for end in {fact["to"] for fact in public if fact["kind"] == "commitment"}
        )
        regions.append(
            {
                "node": hub,
                "facts": len(public),
                "targets": kinds["target"],
                "results": kinds["actual"],
                "projects": subjects["Project"],
                "programs": subjects["Program"],
                "reports": len({fact["report"] for fact in public if fact["report"] is not None}),
            }
        )
    for number, node in enumerate(nodes):
        node["home"] = home.get(number)
    years = sorted({fact["year"] for fact in facts if fact["year"] is not None}, reverse=True)
    return {"overview": {"regions": regions, "years": years, "facts": len(facts)}, "chunks": chunks}


def _public_facts(
    facts: list[dict[str, Any]], index: dict[str, int], reports: dict[str, int], sentences: dict[str, int]
) -> list[dict[str, Any]]:
    """Facts with IRIs replaced by indexes into the page's node, report and sentence lists, in the page's order."""
    return sorted(
        (_public(fact, index, reports, sentences) for fact in facts),
        key=lambda fact: (fact["from"], fact["to"], fact["year"] or 0, fact["kind"], fact["iri"]),
    )


def _outcome(record: dict[str, Any]) -> dict[str, Any]:
    return {"outcome": record["outcome"], "result": record["resultShown"] or "（见原文）"}


def _nothing_matched(view: GraphView, region: str | None, year: int | None) -> str:
    """Say that a filter left no fact, and which years there are (issue 17: not an empty page and exit 0)."""
    asked = " and ".join(
        part for part in (f"region {region}" if region else "", f"year {year}" if year else "") if part
    )
    years = sorted({fact["year"] for fact in view.facts if fact["year"] is not None})
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
def _template() -> jinja2.Template:
    """kg/templates/graph.html, with the assets it inlines and the script_json filter."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(files("kg") / "templates")))
    environment.filters["script_json"] = script_json
    environment.globals["assets"] = _assets()
    return environment.get_template("graph.html")


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """The scripts and styles the template inlines, as they are (they are ours and vis-network's)."""
    folder = files("kg") / "templates"
    return {name: (folder / name).read_text(encoding="utf-8") for name in _ASSETS}


def _public(
    fact: dict[str, Any], index: dict[str, int], reports: dict[str, int], sentences: dict[str, int]
) -> dict[str, Any]:
    """A fact with IRIs replaced by indexes into the page's node, report and sentence lists."""
    public = dict(fact)
    public["from"], public["to"], public["region"] = index[fact["from"]], index[fact["to"]], index.get(fact["region"])
    if "program" in fact:
        public["program"] = index.get(fact["program"])
    public["report"] = reports.get(fact["report"])
    public["evidence"] = sentences[fact["evidence"]]
    return public
