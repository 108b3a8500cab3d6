/* kg graph page. Reads the JSON block #kg-data: "network" holds the nodes and edges pyvis made
 * from kg's networkx view (ids are indexes into page.nodes; fact edges "p<n>" carry the indexes
 * of their facts, link edges "l<n>" are page.links[n]), "page" the facts, evidence and reports
 * for the side panel and the filters. vis-network draws them.
 *
 * Safety (issue 6): every string that comes from a report reaches the page through textContent,
 * attribute properties or the canvas, never through innerHTML; vis-network gets no HTML titles.
 * Size: physics runs until the layout stabilises and is then switched off, so a page of thousands
 * of nodes settles and stays responsive. Filters hide and show items; they never re-run the layout.
 * A larger graph comes as an overview (page.overview, issue 16): the network starts with one node
 * per region (page.overview.regions, with their counts), and a region's facts wait in their own
 * JSON block #kg-chunk-<n> until it is opened (a click on it, the region filter, a search); then
 * they join page.facts and page.sentences, its nodes and edges are drawn around it, and the layout
 * settles again.
 */
(function () {
  "use strict";

  const payload = JSON.parse(document.getElementById("kg-data").textContent);
  const data = payload.page;
  const drawn = payload.network;
  const nodes = data.nodes;
  const facts = data.facts;
  const links = data.links;
  const classes = new Map(data.classes.map(function (c) { return [c.key, c]; }));
  const overview = data.overview;  // null when the page is drawn whole
  const big = nodes.length > 800;
  const KIND = data.kinds;
  const MIXED = data.colors.mixed;
  const LINK_COLOR = data.colors.link;
  const PANEL_LIMIT = 200;
  const ASSESSMENTS = data.assessments || [];
  const OUTCOME_COLORS = data.outcomeColors || {};
  const OUTCOME_ZH = { met: "达成", missed: "未达成", undetermined: "无法判定" };
  // window.kgView: the page's network, data and filters, for the browser tests and the curious;
  // stableAt is set (and body[data-state=stable]) once the layout has settled and physics is off.
  const view = { stableAt: null };
  window.kgView = view;
  const state = { region: "", year: "", kind: "", types: new Set(data.classes.map(function (c) { return c.key; })) };

  // ---- indexes -------------------------------------------------------------------------------
  const degree = nodes.map(function (n) { return n.degree; });  // in the page's graph
  const nodeFacts = nodes.map(function () { return []; });
  const reportNode = new Map();
  nodes.forEach(function (n, i) { if (n.report !== null && n.report !== undefined) reportNode.set(n.report, i); });
  // Facts from ``start`` on: the nodes each touches (an overview adds facts as regions open).
  function indexFacts(start) {
    for (let i = start; i < facts.length; i++) {
      const f = facts[i];
      const touched = new Set([f.from, f.to]);
      if (typeof f.program === "number") touched.add(f.program);
      if (typeof f.region === "number") touched.add(f.region);
      if (reportNode.has(f.report)) touched.add(reportNode.get(f.report));
      touched.forEach(function (n) { nodeFacts[n].push(i); });
    }
  }
  indexFacts(0);
  // A fact edge holds every fact between its two ends.
  const pairList = drawn.edges.filter(function (e) { return Array.isArray(e.facts); });
  const pairById = new Map(pairList.map(function (p) { return [p.id, p]; }));
  // The links drawn (all of them on a page drawn whole; an overview's, as their ends appear).
  const drawnLinks = new Set(drawn.edges.filter(function (e) { return String(e.id)[0] === "l"; }).map(function (e) {
    return Number(String(e.id).slice(1));
  }));
  const regions = overview ? overview.regions : [];
  const chunkOf = new Map(regions.map(function (r, k) { return [r.node, k]; }));
  const opened = new Set();  // the overview's regions whose facts are drawn

  // ---- small DOM helpers: text only ----------------------------------------------------------
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function given(value) { return value !== undefined && value !== null && value !== ""; }

  // ---- the network ---------------------------------------------------------------------------
  // pyvis made the nodes and edges; when filters hide some facts, an edge is restyled the way
  // kg/viz.py styled it (_pair_style), from the facts still shown.
  function pairItem(p, visible) {
    const kinds = new Set(visible.map(function (i) { return facts[i].kind; }));
    const only = kinds.size === 1 ? KIND[Array.from(kinds)[0]] : null;
    const lines = visible.slice(0, 3).map(function (i) { return facts[i].text; });
    if (visible.length > 3) lines.push("… 共 " + visible.length + " 条");
    return {
      id: p.id, from: p.from, to: p.to, label: lines.join("\n"), arrows: "to",
      title: nodes[p.from].label + " → " + nodes[p.to].label + "\n" +
        visible.slice(0, 12).map(function (i) { return facts[i].text; }).join("\n") +
        (visible.length > 12 ? "\n…" : "") + "\n（点击查看原文依据）",
      color: { color: only ? only.color : MIXED, highlight: "#000", opacity: 0.8 },
      dashes: only ? only.dashes : false, hidden: visible.length === 0, facts: p.facts,
    };
  }
  // A seeded layout, so physics starts near its end and a large graph settles in few iterations:
  // every node sits in a sunflower around its best-connected neighbour (its "hub"), and the hubs
  // in a sunflower of their own, each given room for what hangs on it. Deterministic.
  function seedLayout(ids) {
    const GOLDEN = Math.PI * (3 - Math.sqrt(5));
    const present = new Set(ids);
    const neighbours = nodes.map(function () { return []; });
    pairList.forEach(function (p) { neighbours[p.from].push(p.to); neighbours[p.to].push(p.from); });
    links.forEach(function (l) {
      if (present.has(l.from) && present.has(l.to)) { neighbours[l.from].push(l.to); neighbours[l.to].push(l.from); }
    });
    const hub = nodes.map(function (n, i) {
      let best = -1;
      if (!present.has(i)) return best;
      neighbours[i].forEach(function (j) {
        if (degree[j] > degree[i] && (best < 0 || degree[j] > degree[best] || (degree[j] === degree[best] && j < best))) best = j;
      });
      return best;
    });
    const children = nodes.map(function () { return []; });
    hub.forEach(function (h, i) { if (h >= 0) children[h].push(i); });
    const size = nodes.map(function () { return 1; });
    const byDegree = ids.slice().sort(function (a, b) { return degree[a] - degree[b] || a - b; });
    byDegree.forEach(function (i) { if (hub[i] >= 0) size[hub[i]] += size[i]; });
    const radius = size.map(function (s) { return 60 + 40 * Math.sqrt(s); });
    const x = nodes.map(function () { return 0; });
    const y = nodes.map(function () { return 0; });
    const roots = byDegree.filter(function (i) { return hub[i] < 0; }).reverse();
    let area = 0;
    roots.forEach(function (i, k) {
      area += radius[i] * radius[i];
      const r = k === 0 ? 0 : 2 * Math.sqrt(area);
      x[i] = r * Math.cos(k * GOLDEN);
      y[i] = r * Math.sin(k * GOLDEN);
    });
    // Leaves fill a disc around their hub; children that are hubs themselves go on a ring outside
    // it, each far enough away for its own disc.
    byDegree.slice().reverse().forEach(function (i) {
      const leaves = children[i].filter(function (c) { return size[c] === 1; });
      const hubs = children[i].filter(function (c) { return size[c] > 1; });
      leaves.forEach(function (c, k) {
        const r = 60 + 40 * Math.sqrt(k + 1);
        x[c] = x[i] + r * Math.cos(k * GOLDEN + i);
        y[c] = y[i] + r * Math.sin(k * GOLDEN + i);
      });
      const disc = 60 + 40 * Math.sqrt(leaves.length + 1);
      hubs.forEach(function (c, k) {
        const r = disc + 2 * radius[c];
        const angle = 2 * Math.PI * k / hubs.length + i;
        x[c] = x[i] + r * Math.cos(angle);
        y[c] = y[i] + r * Math.sin(angle);
      });
    });
    return { x: x, y: y };
  }
  // A node as kg/viz.py (network) draws it; an overview's region also says what it holds.
  function short(label) { return label.length > 18 ? label.slice(0, 17) + "…" : label; }
  function nodeItem(i) {
    const n = nodes[i];
    const c = classes.get(n.type);
    const item = { id: i, label: short(n.label), shape: c.shape, group: c.key, value: n.degree + 1,
      title: n.label + "\n" + c.zh + " · " + nodeFacts[i].length + " 条事实（点击查看）" };
    if (c.shape === "box") item.font = { color: "#fff" };
    return item;
  }
  function regionCounts(r) {
    return [["目标", r.targets], ["实际", r.results], ["项目", r.projects], ["举措", r.programs], ["报告", r.reports]]
      .filter(function (c) { return c[1] > 0; }).map(function (c) { return c[0] + " " + c[1]; }).join(" · ");
  }
  function regionItem(r) {
    const counts = regionCounts(r);
    return Object.assign(nodeItem(r.node), {
      label: short(nodes[r.node].label) + (counts ? "\n" + counts : ""), value: r.facts + 1,
      title: nodes[r.node].label + "\n" + (counts || "没有事实") + "\n共 " + r.facts + " 条事实（点击展开）",
    });
  }
  function linkItem(i) {
    const l = links[i];
    return { id: "l" + i, from: l.from, to: l.to, label: l.label, dashes: [2, 4], arrows: "to",
      color: { color: LINK_COLOR, highlight: "#000" }, font: { size: 10, color: "#888", strokeWidth: 0 } };
  }
  const first = overview ? regions.map(function (r) { return regionItem(r); }) : drawn.nodes;
  const seeded = seedLayout(first.map(function (n) { return n.id; }));
  const visNodes = new vis.DataSet(first.map(function (n) {
    return Object.assign({}, n, { x: Math.round(seeded.x[n.id]), y: Math.round(seeded.y[n.id]) });
  }));
  if (overview) {
    links.forEach(function (l, i) { if (chunkOf.has(l.from) && chunkOf.has(l.to)) drawnLinks.add(i); });
  }
  const visEdges = new vis.DataSet(overview ? Array.from(drawnLinks).map(linkItem) : drawn.edges);
  // One group per class: pyvis gives every node its class as its group.
  const groups = {};
  data.classes.forEach(function (c) {
    groups[c.key] = { shape: c.shape, color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#000" }, hover: { background: c.color, border: c.color } } };
  });
  const network = new vis.Network(byId("kg-network"), { nodes: visNodes, edges: visEdges }, {
    layout: { randomSeed: 7, improvedLayout: false },
    groups: groups,
    nodes: {
      font: { size: 14, face: "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif" },
      scaling: { min: 8, max: 40, label: { enabled: true, min: 14, max: 30, drawThreshold: 4, maxVisible: 28 } },
      borderWidth: 1,
    },
    edges: {
      font: { size: 12, align: "horizontal", strokeWidth: 3, strokeColor: "#fff" },
      smooth: big ? false : { type: "continuous", roundness: 0.3 },
      width: 1.2, selectionWidth: 2,
    },
    physics: {
      solver: "barnesHut",
      barnesHut: { theta: big ? 1 : 0.8, gravitationalConstant: -9000, centralGravity: 0.1, springLength: 160, springConstant: 0.03, damping: 0.5, avoidOverlap: 0.1 },
      stabilization: { enabled: true, iterations: iterations(), updateInterval: big ? 1 : 5, fit: true },
      minVelocity: 1,
    },
    interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
  });

  function iterations() { return Math.max(25, Math.min(150, Math.round(60000 / Math.max(visNodes.length, 1)))); }
  const progress = byId("kg-progress");
  let whenSettled = [];  // what waits for the layout (focusing a node of a region just opened)
  function settled() {
    network.setOptions({ physics: false });
    progress.hidden = true;
    const waiting = whenSettled;
    whenSettled = [];
    waiting.forEach(function (then) { then(); });
    view.stableAt = performance.now();
    document.body.dataset.state = "stable";
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "布局计算中… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settled);
  if (visNodes.length === 0) setTimeout(settled, 0);

  // ---- the overview: a region's facts, drawn when it is opened --------------------------------
  // Its nodes start in a sunflower around it, then physics settles the whole network again.
  function openRegion(k) {
    if (k === null || k === undefined || opened.has(k)) return false;
    opened.add(k);
    const chunk = JSON.parse(byId("kg-chunk-" + k).textContent);
    const base = data.sentences.length;
    chunk.sentences.forEach(function (text) { data.sentences.push(text); });
    const start = facts.length;
    chunk.facts.forEach(function (f) { f.evidence += base; facts.push(f); });
    indexFacts(start);
    const pairs = new Map();
    for (let i = start; i < facts.length; i++) {
      const key = facts[i].from + " " + facts[i].to;
      if (!pairs.has(key)) pairs.set(key, { id: "p" + pairList.length + "-" + pairs.size, from: facts[i].from, to: facts[i].to, facts: [] });
      pairs.get(key).facts.push(i);
    }
    const hub = regions[k].node;
    const centre = network.getPositions([hub])[hub] || { x: 0, y: 0 };
    const GOLDEN = Math.PI * (3 - Math.sqrt(5));
    const fresh = chunk.nodes.filter(function (n) { return visNodes.get(n) === null; });
    visNodes.add(fresh.map(function (n, j) {
      const r = 60 + 40 * Math.sqrt(j + 1);
      return Object.assign(nodeItem(n), { x: Math.round(centre.x + r * Math.cos(j * GOLDEN)), y: Math.round(centre.y + r * Math.sin(j * GOLDEN)) });
    }));
    visNodes.update(nodeItem(hub));  // opened: an ordinary node, sized by its degree
    pairs.forEach(function (p) { pairList.push(p); pairById.set(p.id, p); });
    visEdges.add(Array.from(pairs.values()).map(function (p) { return pairItem(p, p.facts); }));
    const ends = new Set(visNodes.getIds());
    const more = [];
    links.forEach(function (l, i) { if (!drawnLinks.has(i) && ends.has(l.from) && ends.has(l.to)) { drawnLinks.add(i); more.push(linkItem(i)); } });
    visEdges.add(more);
    apply();
    document.body.dataset.state = "layout";
    progress.hidden = false;
    network.setOptions({ physics: { enabled: true } });
    const ids = [hub].concat(fresh);
    whenSettled.push(function () { network.fit({ nodes: ids, animation: false }); });
    network.once("stabilizationIterationsDone", settled);
    network.stabilize(iterations());
    return true;
  }


  // ---- filters -------------------------------------------------------------------------------
  function typeOn(n) { return state.types.has(nodes[n].type); }
  function factOn(f) {
    return (!state.region || f.region === Number(state.region)) &&
      (!state.year || f.year === Number(state.year)) &&
      (!state.kind || f.kind === state.kind) && typeOn(f.from) && typeOn(f.to);
  }
  function filtering() { return Boolean(state.region || state.year || state.kind); }

  function apply() {
    const on = facts.map(factOn);
    const shown = nodes.map(function (n, i) { return typeOn(i) && !filtering(); });
    if (filtering()) {
      facts.forEach(function (f, i) {
        if (!on[i]) return;
        shown[f.from] = true;
        shown[f.to] = true;
        if (reportNode.has(f.report) && typeOn(reportNode.get(f.report))) shown[reportNode.get(f.report)] = true;
      });
      if (state.region && typeOn(Number(state.region))) shown[Number(state.region)] = true;
      // An overview's unopened region stands for its facts until it is opened.
      regions.forEach(function (r, k) {
        if (!opened.has(k) && typeOn(r.node) && (!state.region || Number(state.region) === r.node)) shown[r.node] = true;
      });
    }
    const nodeUpdates = [];
    visNodes.forEach(function (item) {
      const hidden = !shown[item.id];
      if (Boolean(item.hidden) !== hidden) nodeUpdates.push({ id: item.id, hidden: hidden });
    });
    const edgeUpdates = pairList.map(function (p) {
      return pairItem(p, p.facts.filter(function (i) { return on[i]; }));
    }).concat(Array.from(drawnLinks).map(function (i) {
      return { id: "l" + i, hidden: !(shown[links[i].from] && shown[links[i].to]) };
    }));
    visNodes.update(nodeUpdates);
    visEdges.update(edgeUpdates);
    const count = visNodes.getIds({ filter: function (item) { return shown[item.id]; } }).length;
    byId("kg-summary").textContent = summary(count);
    hideTooltip();
    refreshPanel(shown);
  }
  // A hover tooltip belongs to the item under the pointer: after a filter (which may hide that
  // item) or once the pointer has left the network, it goes (issue 17).
  function hideTooltip() {
    document.querySelectorAll("div.vis-tooltip").forEach(function (tip) { tip.style.visibility = "hidden"; });
  }

  function summary(visible) {
    const parts = [nodes.length + " 个节点", facts.length + " 条事实", "来自 " + data.reports.length + " 份报告",
      "由 " + data.generator + " 生成"];
    let text = parts.join(" · ");
    const f = data.filter;
    if (f.region) text += " · 地区：" + f.region;
    if (f.year) text += " · 年份：" + f.year;
    if (f.truncated) text += " · 仅含关联最多的 " + f.maxNodes + " 个节点";
    if (overview) {
      text = [nodes.length + " 个节点", overview.facts + " 条事实", "来自 " + data.reports.length + " 份报告",
        "由 " + data.generator + " 生成"].join(" · ") + " · 概览：" + regions.length + " 个地区，点击地区展开其事实" +
        "（已展开 " + opened.size + " 个，当前显示 " + visible + " 个节点）";
    } else if (visible !== nodes.length) text += " · 当前显示 " + visible + " 个";
    return text;
  }

  function fillSelect(select, values) {
    values.forEach(function (v) {
      const option = el("option", v[1]);
      option.value = String(v[0]);
      select.appendChild(option);
    });
  }
  const regionIds = overview
    ? regions.filter(function (r) { return r.facts > 0 && nodes[r.node].type === "Region"; }).map(function (r) { return r.node; })
    : Array.from(new Set(facts.map(function (f) { return f.region; }).filter(function (r) {
      return typeof r === "number";
    }))).sort(function (a, b) { return a - b; });
  fillSelect(byId("kg-region"), regionIds.map(function (r) { return [r, nodes[r].label]; }));
  const years = overview ? overview.years : Array.from(new Set(facts.map(function (f) { return f.year; }).filter(function (y) {
    return typeof y === "number";
  }))).sort(function (a, b) { return b - a; });
  fillSelect(byId("kg-year"), years.map(function (y) { return [y, y + "年"]; }));
  // After a filter changes, frame what is left to see.
  function refit() {
    const ids = visNodes.getIds({ filter: function (n) { return !n.hidden; } });
    if (ids.length) network.fit({ nodes: ids, animation: false });
  }
  ["region", "year", "kind"].forEach(function (key) {
    byId("kg-" + key).addEventListener("change", function (event) {
      state[key] = event.target.value;
      if (key === "region" && state.region) openRegion(chunkOf.get(Number(state.region)));
      apply();
      refit();
    });
  });
  function reset() {
    state.region = state.year = state.kind = "";
    ["region", "year", "kind"].forEach(function (key) { byId("kg-" + key).value = ""; });
    data.classes.forEach(function (c) { state.types.add(c.key); });
    document.querySelectorAll("#kg-legend-nodes input").forEach(function (box) { box.checked = true; });
    apply();
    refit();
  }
  byId("kg-reset").addEventListener("click", reset);

  // ---- legend --------------------------------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function icon(shape, color) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    const shapes = {
      dot: ["circle", { cx: 8, cy: 8, r: 6 }],
      diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }],
      square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
      triangle: ["polygon", { points: "8,1 15,14 1,14" }],
      star: ["polygon", { points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }],
      box: ["rect", { x: 1, y: 3, width: 14, height: 10, rx: 2 }],
    };
    const spec = shapes[shape] || shapes.dot;
    const s = document.createElementNS(SVG, spec[0]);
    Object.keys(spec[1]).forEach(function (k) { s.setAttribute(k, String(spec[1][k])); });
    s.setAttribute("fill", color);
    svg.appendChild(s);
    return svg;
  }
  function line(color, dashes) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    const l = document.createElementNS(SVG, "line");
    [["x1", 1], ["y1", 5], ["x2", 27], ["y2", 5], ["stroke", color], ["stroke-width", 2]].forEach(function (a) {
      l.setAttribute(a[0], String(a[1]));
    });
    if (dashes) l.setAttribute("stroke-dasharray", dashes);
    svg.appendChild(l);
    return svg;
  }
  const typeCount = new Map();
  nodes.forEach(function (n) { typeCount.set(n.type, (typeCount.get(n.type) || 0) + 1); });
  data.classes.forEach(function (c) {
    const li = el("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.key;
    box.id = "kg-type-" + c.key;
    box.addEventListener("change", function () {
      if (box.checked) state.types.add(c.key); else state.types.delete(c.key);
      apply();
      refit();
    });
    const label = el("label", c.zh + " " + c.en);
    label.htmlFor = box.id;
    li.append(box, icon(c.shape, c.color), label, el("span", typeCount.get(c.key) || 0, "kg-count"));
    byId("kg-legend-nodes").appendChild(li);
  });
  [[KIND.target.color, "4,3", "目标值（地区 → 指标）"], [KIND.actual.color, "", "实际值（地区 → 指标）"],
    [MIXED, "", "目标与实际"], [KIND.commitment.color, "", "承诺事项（地区 → 项目/举措）"],
    [LINK_COLOR, "2,4", "隶属、发布等关系"]].forEach(function (e) {
    const li = el("li");
    li.append(line(e[0], e[1]), el("span", e[2]));
    byId("kg-legend-edges").appendChild(li);
  });

  // ---- the side panel ------------------------------------------------------------------------
  const panel = byId("kg-panel");
  const emptyPanel = Array.from(panel.childNodes).map(function (n) { return n.cloneNode(true); });
  // What the panel shows: {node: i} or {edge: id}, so that a filter redraws it with the facts it
  // lets through instead of leaving the previous, unfiltered list on screen (issue 17).
  let selected = null;
  function refreshPanel(shown) {
    if (selected === null) return;
    if ("node" in selected) {
      if (shown[selected.node]) showNode(selected.node);
      else clearPanel();
    } else if (pairById.has(selected.edge) || String(selected.edge)[0] === "l") {
      showEdge(selected.edge);
    }
  }
  function clearPanel() {
    selected = null;
    network.unselectAll();
    panel.replaceChildren.apply(panel, emptyPanel.map(function (n) { return n.cloneNode(true); }));
  }
  function nodeButton(i) {
    const b = el("button", nodes[i].label, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(i); });
    return b;
  }
  function factEntry(i) {
    const f = facts[i];
    const li = el("li", null, "kg-fact");
    const what = el("div", null, "kg-what");
    what.append(
      el("span", (f.year || "年份不详") + " " + KIND[f.kind].zh + " · "), nodeButton(f.from),
      el("span", " → "), nodeButton(f.to), el("span", given(f.shown) ? "：" + f.shown : "")
    );
    li.appendChild(what);
    const detail = [];
    // given(): a value of 0 ("与上年度持平") is shown, not taken for a missing one (issue 17).
    if (f.kind === "commitment") {
      if (given(f.status)) detail.push("状态：" + f.status);
      if (given(f.investment)) detail.push("投资：" + f.investment);
    } else {
      if (given(f.aspect)) detail.push("数值类型：" + f.aspect);
      if (given(f.qualifier)) detail.push("限定：" + f.qualifier);
      if (given(f.value)) detail.push("基本单位：" + f.value);
    }
    if (detail.length) li.appendChild(el("div", detail.join("；"), "kg-detail"));
    if (given(f.outcome)) {
      const o = li.appendChild(el("div", "完成情况：" + OUTCOME_ZH[f.outcome] + "（结果 " + f.result + "）", "kg-outcome"));
      o.style.color = OUTCOME_COLORS[f.outcome];
    }
    if (typeof f.program === "number") {
      const p = el("div", "工作举措：", "kg-detail");
      p.appendChild(nodeButton(f.program));
      li.appendChild(p);
    }
    li.appendChild(el("blockquote", data.sentences[f.evidence]));
    const report = data.reports[f.report];
    if (report) li.appendChild(el("cite", "出自：" + (report.title || report.source) + "（" + report.source + "）"));
    return li;
  }
  function factList(indexes) {
    const shown = indexes.filter(function (i) { return !filtering() || factOn(facts[i]); });
    shown.sort(function (a, b) { return (facts[b].year || 0) - (facts[a].year || 0) || a - b; });
    if (shown.length === 0) { panel.appendChild(el("p", "（当前筛选下没有事实）", "kg-note")); return; }
    let year = null;
    let list = null;
    shown.slice(0, PANEL_LIMIT).forEach(function (i) {
      const y = facts[i].year || "年份不详";
      if (y !== year) {
        year = y;
        panel.appendChild(el("h3", typeof y === "number" ? y + "年" : y));
        list = panel.appendChild(el("ul"));
      }
      list.appendChild(factEntry(i));
    });
    if (shown.length > PANEL_LIMIT) panel.appendChild(el("p", "另有 " + (shown.length - PANEL_LIMIT) + " 条未列出。", "kg-note"));
  }
  function heading(text, type) {
    panel.replaceChildren();
    const c = classes.get(type);
    const badge = el("span", c ? c.zh + " " + c.en : type, "kg-type");
    badge.style.background = c ? c.color : "#555";
    panel.append(badge, el("h2", text));
  }
  function showNode(i) {
    selected = { node: i };
    const n = nodes[i];
    heading(n.label, n.type);
    panel.appendChild(el("div", n.iri, "kg-iri"));
    const report = typeof n.report === "number" ? data.reports[n.report] : null;
    if (report) {
      const years = [["报告年份", report.reportYear], ["回顾年份", report.reviewYear], ["计划年份", report.planYear]];
      panel.appendChild(el("p", "文件：" + report.source + (report.region ? "；发布地区：" + report.region : "")));
      panel.appendChild(el("p", years.filter(function (y) { return y[1]; }).map(function (y) { return y[0] + " " + y[1]; }).join("；"), "kg-detail"));
    }
    const related = links.filter(function (l) { return l.from === i || l.to === i; });
    if (related.length) {
      panel.appendChild(el("h3", "关系"));
      const ul = panel.appendChild(el("ul"));
      related.forEach(function (l) {
        const li = el("li");
        const end = function (j) { return j === i ? el("strong", nodes[j].label) : nodeButton(j); };
        li.append(end(l.from), el("span", " " + l.label + " "), end(l.to));
        ul.appendChild(li);
      });
    }
    panel.appendChild(el("h3", "事实（" + nodeFacts[i].length + " 条）"));
    factList(nodeFacts[i]);
  }
  function showEdge(id) {
    selected = { edge: id };
    const pair = pairById.get(id);
    if (pair) {
      heading(nodes[pair.from].label + " → " + nodes[pair.to].label, "事实");
      factList(pair.facts);
      return;
    }
    const l = links[Number(String(id).slice(1))];
    heading(nodes[l.from].label + " " + l.label + " " + nodes[l.to].label, "关系");
    const p = panel.appendChild(el("p"));
    p.append(nodeButton(l.from), el("span", " → "), nodeButton(l.to));
  }
  // ---- the outcome view: targets against results, per region and indicator (issue 15) --------
  // Each indicator gets a small chart over the years: a target is a ring, its result a dot, both
  // in the outcome's colour (met green, missed red, undetermined grey); a result stated without a
  // number is a square at the target's height. Clicking a point or its line shows both sentences.
  function pointEvidence(a, box) {
    box.replaceChildren(
      el("div", a.year + "年 " + nodes[a.indicator].label + "：目标 " + a.targetShown + " → 结果 " +
        (a.resultShown || "（见原文）") + "（" + OUTCOME_ZH[a.outcome] + "）", "kg-what"),
      el("div", "目标：", "kg-detail"), el("blockquote", data.sentences[a.targetEvidence]),
      el("div", "结果：", "kg-detail"), el("blockquote", data.sentences[a.resultEvidence])
    );
  }
  function chart(rows, box) {
    const W = 320, H = 96, PAD = 18;
    const years = rows.map(function (a) { return a.year; });
    const values = [];
    rows.forEach(function (a) { values.push(a.targetValue); if (a.resultValue !== null) values.push(a.resultValue); });
    const y0 = Math.min.apply(null, years), y1 = Math.max.apply(null, years);
    let v0 = Math.min.apply(null, values), v1 = Math.max.apply(null, values);
    if (v0 === v1) { v0 -= 1; v1 += 1; }
    const x = function (year) { return y0 === y1 ? W / 2 : PAD + (W - 2 * PAD) * (year - y0) / (y1 - y0); };
    const y = function (v) { return H - PAD - (H - 2 * PAD) * (v - v0) / (v1 - v0); };
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", String(W));
    svg.setAttribute("height", String(H));
    svg.setAttribute("class", "kg-chart");
    function add(tag, attrs, a) {
      const s = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { s.setAttribute(k, String(attrs[k])); });
      if (a) {
        s.setAttribute("data-outcome", a.outcome);
        s.style.cursor = "pointer";
        s.addEventListener("click", function () { pointEvidence(a, box); });
        const title = document.createElementNS(SVG, "title");
        title.textContent = a.year + " 目标 " + a.targetShown + " · 结果 " + (a.resultShown || "（见原文）");
        s.appendChild(title);
      }
      svg.appendChild(s);
      return s;
    }
    add("line", { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, stroke: "#ccc" });
    Array.from(new Set(years)).forEach(function (year) {
      const t = add("text", { x: x(year), y: H - 4, "text-anchor": "middle", "font-size": 10, fill: "#666" });
      t.textContent = String(year);
    });
    rows.forEach(function (a, k) {
      const color = OUTCOME_COLORS[a.outcome];
      const cx = x(a.year) + (k % 3 - 1) * 6;
      const ty = y(a.targetValue);
      const ry = a.resultValue === null ? ty : y(a.resultValue);
      add("line", { x1: cx, y1: ty, x2: cx, y2: ry, stroke: color, "stroke-width": 1.5 }, a);
      add("circle", { cx: cx, cy: ty, r: 5, fill: "#fff", stroke: color, "stroke-width": 2, class: "kg-target" }, a);
      if (a.resultValue === null) add("rect", { x: cx - 4, y: ry - 4, width: 8, height: 8, fill: color, class: "kg-result" }, a);
      else add("circle", { cx: cx, cy: ry, r: 4, fill: color, class: "kg-result" }, a);
    });
    return svg;
  }
  function showOutcomes() {
    selected = null;
    heading("目标与结果对照", "Assessment");
    const shown = ASSESSMENTS.filter(function (a) {
      return (!state.region || String(a.region) === state.region) && (!state.year || String(a.year) === state.year);
    });
    if (!shown.length) { panel.appendChild(el("p", "（没有可对照的目标与结果）", "kg-note")); return; }
    const legend = panel.appendChild(el("p", null, "kg-note"));
    ["met", "missed", "undetermined"].forEach(function (o) {
      const s = legend.appendChild(el("span", "● " + OUTCOME_ZH[o] + "  "));
      s.style.color = OUTCOME_COLORS[o];
    });
    legend.appendChild(el("span", "（圆圈为目标，实心为结果；点击查看原文）"));
    const byRegion = new Map();
    shown.forEach(function (a) {
      if (!byRegion.has(a.region)) byRegion.set(a.region, new Map());
      const byIndicator = byRegion.get(a.region);
      if (!byIndicator.has(a.indicator)) byIndicator.set(a.indicator, []);
      byIndicator.get(a.indicator).push(a);
    });
    Array.from(byRegion.keys()).sort(function (a, b) { return nodes[a].label.localeCompare(nodes[b].label, "zh"); })
      .forEach(function (region) {
        panel.appendChild(el("h3", nodes[region].label));
        const byIndicator = byRegion.get(region);
        Array.from(byIndicator.keys()).sort(function (a, b) { return nodes[a].label.localeCompare(nodes[b].label, "zh"); })
          .forEach(function (indicator) {
            const rows = byIndicator.get(indicator).sort(function (a, b) { return a.year - b.year; });
            const block = panel.appendChild(el("div", null, "kg-outcome-block"));
            block.appendChild(el("div", nodes[indicator].label, "kg-what"));
            const box = el("div", null, "kg-fact");
            block.appendChild(chart(rows, box));
            rows.forEach(function (a) {
              const row = block.appendChild(el("div", a.year + " 目标 " + a.targetShown + " → 结果 " +
                (a.resultShown || "（见原文）") + " · " + OUTCOME_ZH[a.outcome], "kg-detail"));
              row.style.color = OUTCOME_COLORS[a.outcome];
              row.style.cursor = "pointer";
              row.addEventListener("click", function () { pointEvidence(a, box); });
            });
            block.appendChild(box);
          });
      });
  }
  const counted = { met: 0, missed: 0, undetermined: 0 };
  ASSESSMENTS.forEach(function (a) { counted[a.outcome] += 1; });
  byId("kg-outcome-count").textContent = ASSESSMENTS.length
    ? ASSESSMENTS.length + " 项目标有结果：达成 " + counted.met + "，未达成 " + counted.missed + "，无法判定 " + counted.undetermined
    : "本图没有可对照的目标与结果（需同一地区相邻两年的报告）。";
  byId("kg-outcomes").disabled = !ASSESSMENTS.length;
  byId("kg-outcomes").addEventListener("click", showOutcomes);

  byId("kg-network").addEventListener("mouseleave", hideTooltip);
  network.on("click", function (params) {
    if (params.nodes.length && chunkOf.has(params.nodes[0])) openRegion(chunkOf.get(params.nodes[0]));
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---- search --------------------------------------------------------------------------------
  const names = byId("kg-names");
  nodes.forEach(function (n) {
    const option = document.createElement("option");
    option.value = n.label;
    names.appendChild(option);
  });
  function findNode(query) {
    const q = query.trim();
    if (!q) return -1;
    const exact = nodes.findIndex(function (n) { return n.label === q; });
    return exact >= 0 ? exact : nodes.findIndex(function (n) { return n.label.indexOf(q) >= 0; });
  }
  function focusNode(i) {
    // A region of the overview opens; a node not drawn yet opens the region it belongs to.
    const opening = openRegion(visNodes.get(i) === null ? nodes[i].home : chunkOf.get(i));
    if (visNodes.get(i) === null) { showNode(i); return; }  // a node no region draws: its panel only
    if (visNodes.get(i).hidden) reset();
    network.selectNodes([i]);
    const glide = function () {
      network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    };
    if (opening) whenSettled.push(glide); else glide();
    showNode(i);
  }
  function search() {
    const query = byId("kg-search").value;
    const i = findNode(query);
    const status = byId("kg-search-status");
    if (i < 0) { status.textContent = query.trim() ? "未找到：" + query.trim() : ""; return; }
    status.textContent = "已定位：" + nodes[i].label;
    focusNode(i);
  }
  byId("kg-search-go").addEventListener("click", search);
  byId("kg-search").addEventListener("keydown", function (event) { if (event.key === "Enter") search(); });

  Object.assign(view, { network: network, nodes: visNodes, edges: visEdges, data: data, state: state,
    apply: apply, findNode: findNode, focusNode: focusNode, showOutcomes: showOutcomes, openRegion: openRegion,
    opened: opened });
  byId("kg-summary").textContent = summary(visNodes.length);
})();
