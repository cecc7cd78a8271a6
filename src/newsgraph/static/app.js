// newsgraph web UI: analyse an article, query with SPARQL, browse entities.
// Plain JavaScript on the service's own JSON and SPARQL endpoints; CodeMirror and
// Cytoscape are used when .ci/build-ui has copied them into /static/vendor/.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const TYPES = ["Person", "Organization", "Place", "Other"];
const TYPE_COLOURS = { Person: "#f6c744", Organization: "#7cc4f2", Place: "#8fd694", Other: "#d5b3f2" };
const ENTITY_PATH = /^(person|organization|place|other)\/[^/\s]+$/;
// Shown as prefixed names in query results (the full IRI stays in the tooltip).
const PREFIXES = {
  "schema:": "https://schema.org/",
  "ng:": "https://w3id.org/newsgraph/ontology#",
  "prov:": "http://www.w3.org/ns/prov#",
  "rdf:": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
  "xsd:": "http://www.w3.org/2001/XMLSchema#",
};

const state = {
  config: { base_iri: "", queries: [], vendor: [], token_required: false },
  analysis: null,        // {body, contentType, result, text}
  editor: null,          // CodeMirror instance, or null for the plain textarea
  lastQuery: null,       // the query text of the shown results
  lastResults: null,     // SPARQL JSON results of the shown query
  entityPage: { q: "", type: "", offset: 0, total: 0 },
  searchSeq: 0,
  graphs: {},            // cytoscape instances by container id
};

// --- small helpers ----------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setStatus(node, text, kind = "") {
  node.textContent = text;
  node.className = "status" + (kind ? " " + kind : "");
}

function showError(node, text) {
  node.textContent = text;
  node.hidden = !text;
}

function formatNumber(value) {
  if (typeof value !== "number") return String(value ?? "");
  return value.toLocaleString("en", { maximumFractionDigits: 6 });
}

function download(filename, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// An error from the API in plain words: its JSON {"error": {...}} or the HTTP status.
class ApiError extends Error {
  constructor(status, code, message, detail) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (err) {
    throw new ApiError(0, "network", "The server could not be reached. Is newsgraph still running?");
  }
  if (response.ok) return response;
  let code = "http_" + response.status;
  let message = `The server answered ${response.status} ${response.statusText}.`;
  let detail = null;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
      detail = body.error.detail;
    }
  } catch (err) { /* not JSON: keep the status line */ }
  throw new ApiError(response.status, code, message, detail);
}

async function getJSON(path) {
  return (await api(path, { headers: { Accept: "application/json" } })).json();
}

function plainWords(err, what) {
  const text = err.message.replace(/\.$/, "");
  switch (err.code) {
    case "bad_query": return `The query has a mistake: ${text}.`;
    case "query_timeout": return `The query took too long and was stopped: ${text}. Try a narrower query or add a LIMIT.`;
    case "empty_text": return "There is no text to analyse. Paste an article or drop a file first.";
    case "text_too_long": return `The article is too long: ${text}.`;
    case "network": return err.message;
    case "not_found": return `Not found: ${text}.`;
    default: return `${what} failed: ${text}.`;
  }
}

function loadScript(src) {
  return new Promise((resolve) => {
    const script = el("script", { src });
    script.onload = () => resolve(true);
    script.onerror = () => resolve(false);
    document.head.append(script);
  });
}

async function loadVendor(files) {
  for (const name of files) {
    if (name.endsWith(".css")) document.head.append(el("link", { rel: "stylesheet", href: "/static/vendor/" + name }));
    else await loadScript("/static/vendor/" + name);  // in order: the SPARQL mode needs CodeMirror first
  }
}

function entityIdFromIri(iri) {
  const base = state.config.base_iri;
  if (base && iri.startsWith(base)) {
    const rest = iri.slice(base.length);
    if (ENTITY_PATH.test(rest)) return rest;
  }
  return null;
}

function entityLink(ref, fallback = "") {
  if (!ref) return document.createTextNode(fallback);
  const label = ref.name || ref.id;
  return el("a", { href: "#entity/" + ref.id, class: "entity-link" }, label);
}

// Each cell carries its column name so narrow screens can show rows as stacked cards.
function labelCells(table) {
  const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((td, i) => { if (names[i] && !td.hasAttribute("colspan")) td.dataset.label = names[i]; });
  }
}

// "1 mention", "2 mentions".
function plural(count, one, many = one + "s") {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

function typeChip(type) {
  return type ? el("span", { class: "type-chip ent-" + type }, type) : "";
}

// --- graph drawing ---------------------------------------------------------------------

// nodes: [{id, label, type, main?}], edges: [{source, target, label}]. Draws with
// Cytoscape when it is loaded, else lists the edges as text.
function drawGraph(containerId, listId, nodes, edges, onNodeTap) {
  const container = document.getElementById(containerId);
  const list = document.getElementById(listId);
  if (state.graphs[containerId]) { state.graphs[containerId].destroy(); delete state.graphs[containerId]; }
  container.replaceChildren();
  list.replaceChildren();
  const names = Object.fromEntries(nodes.map((n) => [n.id, n.label]));
  for (const e of edges) list.append(el("li", {}, `${names[e.source]} — ${e.label} → ${names[e.target]}`));
  if (!edges.length) list.append(el("li", { class: "empty" }, nodes.length ? "No roles or relations link these entities." : "No entities."));
  if (!window.cytoscape || !nodes.length) return;
  const cy = window.cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({ data: { id: n.id, label: n.label, colour: TYPE_COLOURS[n.type] || "#ccc", main: n.main ? 1 : 0 } })),
      ...edges.map((e, i) => ({ data: { id: "edge" + i, source: e.source, target: e.target, label: e.label } })),
    ],
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 11, "text-valign": "bottom",
        "text-margin-y": 4, width: 22, height: 22, "border-width": 1, "border-color": "#8893a6", color: "#1d2330",
        "text-wrap": "wrap", "text-max-width": 110 } },
      { selector: "node[main = 1]", style: { width: 32, height: 32, "border-width": 3, "border-color": "#1d2330", "font-weight": "bold" } },
      { selector: "edge", style: { width: 1.5, "line-color": "#9aa3b5", "target-arrow-color": "#9aa3b5", "target-arrow-shape": "triangle",
        "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#3d4658", "text-rotation": "autorotate",
        "text-background-color": "#fbfcfe", "text-background-opacity": 1, "text-background-padding": 2 } },
    ],
    layout: nodes.length > 1
      ? { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 400000, idealEdgeLength: () => 110,
          nodeOverlap: 40, componentSpacing: 50, padding: 24 }
      : { name: "grid", padding: 24 },
    minZoom: 0.3,
    maxZoom: 1.6,  // a graph of two nodes should not fill the box with giant circles
  });
  readableLabels(cy);
  if (onNodeTap) cy.on("tap", "node", (evt) => onNodeTap(evt.target.id()));
  state.graphs[containerId] = cy;
}

// Labels stay readable however far the graph is zoomed out to fit its box (a phone): the
// font grows as the zoom shrinks, so it is drawn at LABEL_PX or more, and nodes whose
// labels would then overlap are moved apart before the graph is fitted again.
const LABEL_PX = 12;
const EDGE_LABEL_PX = 10;

function readableLabels(cy) {
  for (let round = 0; round < 4; round++) {
    const zoom = cy.zoom();
    const scale = Math.max(1, 1 / zoom);
    cy.style()
      .selector("node").style({ "font-size": LABEL_PX * scale, "text-max-width": 110 * scale, "text-margin-y": 4 * scale })
      .selector("edge").style({ "font-size": EDGE_LABEL_PX * scale })
      .update();
    if (!separateLabels(cy)) break;
    cy.fit(undefined, 24);
  }
}

// Pushes apart nodes whose label boxes overlap (a few passes); true when anything moved.
function separateLabels(cy) {
  let moved = false;
  const nodes = cy.nodes().toArray();
  for (let pass = 0; pass < 30; pass++) {
    let overlaps = 0;
    const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
        const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (dx <= 0 || dy <= 0) continue;
        overlaps++;
        // Move the two apart along the axis that needs the smaller push.
        const pi = nodes[i].position(), pj = nodes[j].position();
        if (dx < dy) {
          const push = dx / 2 + 2, sign = pi.x <= pj.x ? 1 : -1;
          nodes[i].position({ x: pi.x - sign * push, y: pi.y });
          nodes[j].position({ x: pj.x + sign * push, y: pj.y });
        } else {
          const push = dy / 2 + 2, sign = pi.y <= pj.y ? 1 : -1;
          nodes[i].position({ x: pi.x, y: pi.y - sign * push });
          nodes[j].position({ x: pj.x, y: pj.y + sign * push });
        }
        boxes[i] = nodes[i].boundingBox({ includeLabels: true, includeOverlays: false });
        boxes[j] = nodes[j].boundingBox({ includeLabels: true, includeOverlays: false });
        moved = true;
      }
    }
    if (!overlaps) break;
  }
  return moved;
}

// --- navigation ----------------------------------------------------------------------

const VIEWS = ["analyse", "query", "browse", "entity"];

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  let view = hash.split("/")[0] || "analyse";
  if (hash.startsWith("s-")) return;  // a sentence anchor inside the analysis
  if (!VIEWS.includes(view)) view = "analyse";
  for (const name of VIEWS) document.getElementById("view-" + name).hidden = name !== view;
  const tab = view === "entity" ? "browse" : view;
  for (const link of document.querySelectorAll("nav a[data-tab]")) {
    if (link.dataset.tab === tab) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (view === "entity") openEntity(hash.slice("entity/".length));
  if (view === "browse" && !$("#entity-list tbody").children.length) searchEntities(false);
  if (view === "query" && state.editor) setTimeout(() => state.editor.refresh(), 0);
  if (view === "analyse") Object.values(state.graphs).forEach((cy) => cy.resize());
}

async function refreshStats() {
  try {
    const stats = await getJSON("/stats");
    const entities = Object.values(stats.entities || {}).reduce((a, b) => a + b, 0);
    $("#stats").textContent = `${formatNumber(stats.articles)} articles · ${formatNumber(entities)} entities · ${formatNumber(stats.triples)} triples`;
  } catch (err) {
    $("#stats").textContent = "";
  }
}

// --- Analyse -----------------------------------------------------------------------------

function articleRequest() {
  if (state.fileBody) return { body: state.fileBody.body, contentType: state.fileBody.contentType, text: state.fileBody.text };
  const text = $("#article-text").value;
  const title = $("#article-title").value.trim();
  const payload = { text };
  if (title) payload.title = title;
  return { body: JSON.stringify(payload), contentType: "application/json", text };
}

async function analyse(event) {
  event.preventDefault();
  const request = articleRequest();
  const status = $("#analyse-status");
  if (!request.text.trim()) {
    setStatus(status, "There is no text to analyse. Paste an article or drop a file first.", "bad");
    return;
  }
  const button = $("#analyse-btn");
  button.disabled = true;
  setStatus(status, "Analysing…", "busy");
  const started = performance.now();
  try {
    const response = await api("/extract", { method: "POST", headers: { "Content-Type": request.contentType, Accept: "application/json" }, body: request.body });
    const result = await response.json();
    state.analysis = { ...request, result };
    renderAnalysis(result, request.text, request.contentType);
    const ex = result.extraction;
    setStatus(status, `${ex.entities.length} entities, ${ex.roles.length} roles, ${ex.figures.length} figures, ${ex.quotes.length} quotes in ${((performance.now() - started) / 1000).toFixed(1)} s`, "ok");
    setStatus($("#add-status"), "");
  } catch (err) {
    setStatus(status, plainWords(err, "Analysis"), "bad");
  } finally {
    button.disabled = false;
  }
}

// The text the offsets refer to. For an HTML file the server extracted the text itself, so
// only the sentences the facts cite are known: they are shown in place, gaps marked.
function displayText(ex, text, contentType) {
  if (contentType !== "text/html") return text;
  const sentences = new Map();
  for (const item of [...ex.roles, ...ex.figures, ...ex.quotes, ...ex.relations]) sentences.set(item.evidence.start, item.evidence);
  const known = [...sentences.values()];
  for (const e of ex.entities) for (const m of e.mentions) known.push(m);
  const chars = new Array(Math.max(0, ...known.map((s) => s.end))).fill(" ");
  for (const s of known) for (let i = 0; i < s.text.length; i++) chars[s.start + i] = s.text[i];
  return chars.join("");
}

function renderAnalysis(result, rawText, contentType) {
  const ex = result.extraction;
  const text = displayText(ex, rawText, contentType);
  const byId = Object.fromEntries(ex.entities.map((e) => [e.id, e]));
  $("#analysis").hidden = false;
  const d = ex.article.dateline;
  const dateline = d && [d.place, d.agency, d.date].filter(Boolean).join(", ");
  $("#article-meta").textContent = [
    ex.article.title && `“${ex.article.title}”`,
    `article ${ex.article.id}`,
    dateline && `dateline: ${dateline}`,
    `${formatNumber(result.triples)} triples in graph ${result.graph}`,
  ].filter(Boolean).join(" · ");

  // Legend with counts per type.
  const legend = $("#legend");
  legend.replaceChildren();
  for (const type of TYPES) {
    const n = ex.entities.filter((e) => e.type === type).length;
    if (n) legend.append(el("span", { class: "ent-" + type }, `${type} · ${n}`));
  }

  // Sentences the facts cite, as anchors; mentions highlighted inside them.
  const sentences = new Map();
  for (const item of [...ex.roles, ...ex.figures, ...ex.quotes, ...ex.relations]) sentences.set(item.evidence.sentence, item.evidence);
  const sentenceList = [...sentences.values()].sort((a, b) => a.start - b.start);
  const mentions = [];
  for (const entity of ex.entities) for (const m of entity.mentions) mentions.push({ ...m, entity });
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);

  const view = $("#article-view");
  view.replaceChildren();
  // Sparse text (from HTML): collapse the unknown stretches instead of showing blank pages.
  view.classList.toggle("sparse", contentType === "text/html");
  let cursor = 0;
  let mi = 0;
  const appendRange = (target, from, to) => {
    // Text from..to with the mentions that start inside it (clipped at its end).
    let pos = from;
    while (mi < mentions.length && mentions[mi].start < to) {
      const m = mentions[mi];
      if (m.start < pos) { mi++; continue; }  // overlaps one already drawn
      target.append(text.slice(pos, m.start));
      const end = Math.min(m.end, to);
      // The type label is drawn by CSS from data-type, so the text copies and reads cleanly.
      target.append(el("mark", { class: "ent ent-" + m.entity.type, title: `${m.entity.name} (${m.entity.type})`,
        "data-entity": m.entity.id, "data-type": m.entity.type }, text.slice(m.start, end)));
      pos = end;
      mi++;
    }
    target.append(text.slice(pos, to));
  };
  for (const s of sentenceList) {
    if (s.start < cursor) continue;
    appendRange(view, cursor, s.start);
    const span = el("span", { class: "sent", id: "s-" + s.sentence, tabindex: "-1" });
    appendRange(span, s.start, s.end);
    view.append(span);
    cursor = s.end;
  }
  appendRange(view, cursor, text.length);
  if (!text.trim()) view.append(el("p", { class: "empty" }, "No text to show."));

  const name = (id) => (byId[id] ? byId[id].name : "");
  const sentLink = (ev) => el("a", { href: "#s-" + ev.sentence, class: "sent-link", title: ev.text, "data-sentence": ev.sentence, onclick: jumpToSentence }, `sentence ${ev.sentence + 1}`);
  const fill = (tableId, countId, rows, makeRow, emptyText, columns) => {
    const body = $(`#${tableId} tbody`);
    body.replaceChildren();
    $("#" + countId).textContent = `(${rows.length})`;
    if (!rows.length) body.append(el("tr", {}, el("td", { colspan: columns, class: "empty" }, emptyText)));
    for (const row of rows) body.append(makeRow(row));
    labelCells($("#" + tableId));
  };
  fill("roles-table", "roles-count", ex.roles, (r) => el("tr", {},
    el("td", {}, name(r.person)), el("td", {}, r.role), el("td", {}, name(r.organization)), el("td", {}, sentLink(r.evidence))),
    "No roles found in this article.", 4);
  fill("figures-table", "figures-count", ex.figures, (f) => el("tr", {},
    el("td", { class: "num" }, formatNumber(f.value)), el("td", {}, f.unit), el("td", {}, f.about || ""),
    el("td", {}, name(f.subject)), el("td", {}, f.period || ""), el("td", {}, f.text), el("td", {}, sentLink(f.evidence))),
    "No figures found in this article.", 7);
  fill("quotes-table", "quotes-count", ex.quotes, (q) => el("tr", {},
    el("td", {}, name(q.speaker)), el("td", {}, q.verb), el("td", {}, (q.direct ? "“" + q.text + "”" : q.text)), el("td", {}, sentLink(q.evidence))),
    "No quotes found in this article.", 4);

  // Graph: entities that take part in a role or relation (all of them when none do).
  const edges = [];
  for (const r of ex.roles) if (r.organization) edges.push({ source: r.person, target: r.organization, label: r.role });
  for (const r of ex.relations) edges.push({ source: r.subject, target: r.object, label: r.predicate });
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  for (const r of ex.roles) linked.add(r.person);
  const shown = ex.entities.filter((e) => linked.has(e.id) || linked.size === 0);
  // A role with no organisation has no edge to draw: it goes under the person's name.
  const ownRoles = {};
  for (const r of ex.roles) if (!r.organization) (ownRoles[r.person] ||= []).push(r.role);
  const label = (e) => (ownRoles[e.id] ? `${e.name}\n(${ownRoles[e.id].join(", ")})` : e.name);
  drawGraph("article-graph", "article-graph-list", shown.map((e) => ({ id: e.id, label: label(e), type: e.type })), edges, (id) => {
    // A node shows the entity's first mention in the text.
    const mark = document.querySelector(`#article-view mark[data-entity="${CSS.escape(id)}"]`);
    if (!mark) return;
    mark.scrollIntoView({ behavior: "smooth", block: "center" });
    mark.classList.add("flash");
    setTimeout(() => mark.classList.remove("flash"), 1600);
  });
}

function jumpToSentence(event) {
  event.preventDefault();
  const target = document.getElementById("s-" + event.currentTarget.dataset.sentence);
  if (!target) return;
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  target.classList.add("flash");
  target.focus({ preventScroll: true });
  setTimeout(() => target.classList.remove("flash"), 1600);
}

function readFile(file) {
  if (!file) return;
  const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
  const reader = new FileReader();
  reader.onload = () => {
    const content = String(reader.result);
    if (isHtml) {
      // The server extracts the main text from HTML; show a readable preview here.
      const doc = new DOMParser().parseFromString(content, "text/html");
      doc.querySelectorAll("script, style, noscript").forEach((n) => n.remove());
      state.fileBody = { body: content, contentType: "text/html", text: (doc.body ? doc.body.textContent : "").trim() };
      $("#article-text").value = state.fileBody.text;
      if (!$("#article-title").value && doc.title) $("#article-title").value = doc.title;
    } else {
      state.fileBody = null;
      $("#article-text").value = content;
    }
    $("#file-name").textContent = `${file.name} (${isHtml ? "HTML: the server will extract its main text" : "text"})`;
  };
  reader.onerror = () => setStatus($("#analyse-status"), `Could not read ${file.name}.`, "bad");
  reader.readAsText(file);
}

function setupDrop() {
  const zone = $("#drop-zone");
  const stop = (e) => { e.preventDefault(); e.stopPropagation(); };
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (e) => { stop(e); zone.classList.add("dragging"); }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, (e) => { stop(e); zone.classList.remove("dragging"); }));
  zone.addEventListener("drop", (e) => readFile(e.dataTransfer.files[0]));
  $("#article-file").addEventListener("change", (e) => readFile(e.target.files[0]));
  // Editing the text by hand means the dropped HTML no longer applies.
  $("#article-text").addEventListener("input", () => { state.fileBody = null; $("#file-name").textContent = ""; });
}

function askToken(reason) {
  const dialog = $("#token-dialog");
  $("#token-reason").textContent = reason;
  $("#token-input").value = "";
  dialog.returnValue = "";  // Escape keeps the last value; start clean so it means "cancel"
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok" ? $("#token-input").value.trim() : null), { once: true });
    dialog.showModal();
    $("#token-input").focus();
  });
}

async function addToGraph() {
  if (!state.analysis) return;
  const status = $("#add-status");
  const button = $("#add-btn");
  button.disabled = true;
  setStatus(status, "Storing…", "busy");
  try {
    if (state.config.token_required && !sessionStorage.getItem("newsgraph-token")) {
      // Asked up front: a request bound to fail would only add a 401 to the log.
      const entered = await askToken("This server needs a token to store articles.");
      if (!entered) { setStatus(status, "Not stored: no token given.", "bad"); return; }
      sessionStorage.setItem("newsgraph-token", entered);
    }
    for (;;) {
      const headers = { "Content-Type": state.analysis.contentType, Accept: "application/json" };
      const token = sessionStorage.getItem("newsgraph-token");
      if (token) headers.Authorization = "Bearer " + token;
      try {
        const response = await api("/articles", { method: "POST", headers, body: state.analysis.body });
        const body = await response.json();
        const triples = body.triples;
        setStatus(status, response.status === 201 ? `Added to the graph: ${formatNumber(triples)} triples.` : "Already in the graph; nothing written.", "ok");
        refreshStats();
        $("#entity-list tbody").replaceChildren();  // the browse list is stale now
        return;
      } catch (err) {
        if (err.status !== 401 && err.status !== 403) throw err;
        sessionStorage.removeItem("newsgraph-token");
        const reason = err.status === 401 ? "This server needs a token to store articles." : "That token was refused. Check it and try again.";
        const entered = await askToken(reason);
        if (!entered) { setStatus(status, "Not stored: no token given.", "bad"); return; }
        sessionStorage.setItem("newsgraph-token", entered);
      }
    }
  } catch (err) {
    setStatus(status, plainWords(err, "Storing"), "bad");
  } finally {
    button.disabled = false;
  }
}

async function downloadAnalysis(kind) {
  const a = state.analysis;
  if (!a) return;
  const stem = (a.result.extraction.article.id || "article");
  if (kind === "json") return download(stem + ".json", JSON.stringify(a.result.extraction, null, 2), "application/json");
  if (kind === "jsonld") return download(stem + ".jsonld", JSON.stringify(a.result.jsonld, null, 2), "application/ld+json");
  const status = $("#add-status");
  setStatus(status, "Preparing Turtle…", "busy");
  try {
    const response = await api("/extract", { method: "POST", headers: { "Content-Type": a.contentType, Accept: "text/turtle" }, body: a.body });
    download(stem + ".ttl", await response.text(), "text/turtle");
    setStatus(status, "");
  } catch (err) {
    setStatus(status, plainWords(err, "Turtle download"), "bad");
  }
}

// --- Query ---------------------------------------------------------------------------------

function queryText() {
  return state.editor ? state.editor.getValue() : $("#query-editor").value;
}

function setQueryText(text) {
  if (state.editor) state.editor.setValue(text);
  else $("#query-editor").value = text;
}

function setupEditor() {
  const textarea = $("#query-editor");
  const runKeys = (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); runQuery(); } };
  if (window.CodeMirror) {
    state.editor = window.CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query", lineNumbers: true, matchBrackets: true, indentUnit: 2, viewportMargin: Infinity,
      extraKeys: { "Ctrl-Enter": () => runQuery(), "Cmd-Enter": () => runQuery(), Tab: false, "Shift-Tab": false },
    });
    // Tab leaves the editor so the page stays keyboard reachable.
    state.editor.getInputField().setAttribute("aria-label", "SPARQL query");
  } else {
    textarea.addEventListener("keydown", runKeys);
  }
  const pick = $("#query-pick");
  for (const q of state.config.queries) pick.append(el("option", { value: q.name }, q.title));
  if (!state.config.queries.length) pick.append(el("option", { value: "", disabled: true }, "(no sample queries on this server)"));
  pick.addEventListener("change", () => {
    const chosen = state.config.queries.find((q) => q.name === pick.value);
    if (chosen) setQueryText(chosen.query);
  });
}

async function runQuery() {
  const query = queryText();
  const status = $("#query-status");
  const errorBox = $("#query-error");
  const button = $("#run-query");
  if (!query.trim()) { showError(errorBox, "The query is empty. Write one or pick a sample."); return; }
  showError(errorBox, "");
  button.disabled = true;
  setStatus(status, "Running…", "busy");
  const started = performance.now();
  try {
    const response = await api("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query }),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const truncated = response.headers.get("X-Newsgraph-Truncated");
    const type = (response.headers.get("Content-Type") || "").split(";")[0];
    state.lastQuery = query;
    $("#query-results-card").hidden = false;
    if (type === "application/sparql-results+json") {
      const results = await response.json();
      state.lastResults = results;
      const count = renderResults(results);
      setStatus(status, `${count} ${count === 1 ? "row" : "rows"} in ${seconds} s` + (truncated ? ` (cut at the server's row limit)` : ""), "ok");
      $("#dl-csv").disabled = !("results" in results);
      $("#dl-results-json").disabled = false;
    } else {
      const text = await response.text();
      state.lastResults = null;
      $("#query-results").replaceChildren();
      const pre = $("#query-graph-result");
      pre.hidden = false;
      pre.textContent = text || "(an empty graph)";
      setStatus(status, `graph result in ${seconds} s`, "ok");
      $("#dl-csv").disabled = true;
      $("#dl-results-json").disabled = true;
    }
  } catch (err) {
    setStatus(status, "");
    clearQueryResults();  // results of an earlier query must not look like this one's
    showQueryError(err);
  } finally {
    button.disabled = false;
  }
}

function clearQueryResults() {
  state.lastQuery = null;
  state.lastResults = null;
  $("#query-results").replaceChildren();
  $("#query-graph-result").textContent = "";
  $("#query-graph-result").hidden = true;
  $("#query-results-card").hidden = true;
  $("#dl-csv").disabled = true;
  $("#dl-results-json").disabled = true;
}

// A syntax error names its line and column: say so in words, put the cursor there, and keep
// the parser's full list of what it expected one click away.
function showQueryError(err) {
  const box = $("#query-error");
  const at = err.code === "bad_query" && /(?:at|line) (\d+):(\d+)/.exec(err.message);
  if (!at) { showError(box, plainWords(err, "The query")); return; }
  const line = Number(at[1]);
  const column = Number(at[2]);
  box.replaceChildren(
    el("p", { class: "error-title" }, `The query has a mistake at line ${line}, column ${column}.`),
    el("details", {}, el("summary", {}, "What the parser expected"), el("code", {}, err.message)));
  box.hidden = false;
  if (state.editor) {
    state.editor.focus();
    state.editor.setCursor({ line: line - 1, ch: Math.max(0, column - 1) });
  }
}

function renderTerm(term) {
  if (!term) return "";
  if (term.type === "uri") {
    const id = entityIdFromIri(term.value);
    if (id) return el("a", { href: "#entity/" + id, class: "iri", title: term.value }, id);
    for (const [prefix, ns] of Object.entries(PREFIXES)) {
      if (term.value.startsWith(ns) && /^[\w-]+$/.test(term.value.slice(ns.length))) {
        return el("span", { class: "iri", title: term.value }, prefix + term.value.slice(ns.length));
      }
    }
    return el("span", { class: "iri" }, term.value);
  }
  if (term.type === "bnode") return el("span", { class: "iri" }, "_:" + term.value);
  return term.value;
}

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMBER_TYPES = ["integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
  "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"].map((t) => XSD + t);

function isNumberTerm(term) {
  return term.type !== "uri" && term.type !== "bnode" && NUMBER_TYPES.includes(term.datatype);
}

function renderResults(results) {
  const table = $("#query-results");
  $("#query-graph-result").hidden = true;
  table.replaceChildren();
  if ("boolean" in results) {
    table.append(el("tbody", {}, el("tr", {}, el("td", {}, results.boolean ? "Yes (true)" : "No (false)"))));
    return 1;
  }
  const vars = results.head.vars || [];
  const rows = results.results.bindings;
  // A column whose every value is a number is right-aligned, header included.
  const numeric = new Set(vars.filter((v) => rows.some((r) => r[v]) && rows.every((r) => !r[v] || isNumberTerm(r[v]))));
  const cls = (v) => (numeric.has(v) ? { class: "num" } : {});
  table.append(el("thead", {}, el("tr", {}, vars.map((v) => el("th", { scope: "col", ...cls(v) }, "?" + v)))));
  const body = el("tbody");
  if (!rows.length) body.append(el("tr", {}, el("td", { colspan: Math.max(vars.length, 1), class: "empty" }, "No results.")));
  for (const row of rows) body.append(el("tr", {}, vars.map((v) => el("td", cls(v), renderTerm(row[v])))));
  table.append(body);
  labelCells(table);
  return rows.length;
}

async function downloadResults(kind) {
  if (kind === "json") return download("results.json", JSON.stringify(state.lastResults, null, 2), "application/sparql-results+json");
  try {
    const response = await api("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/csv" },
      body: new URLSearchParams({ query: state.lastQuery }),
    });
    download("results.csv", await response.blob(), "text/csv");
  } catch (err) {
    showError($("#query-error"), plainWords(err, "The CSV download"));
  }
}

// --- Browse --------------------------------------------------------------------------------

async function searchEntities(more) {
  const page = state.entityPage;
  if (!more) {
    page.q = $("#entity-q").value.trim();
    page.type = $("#entity-type").value;
    page.offset = 0;
  }
  const seq = ++state.searchSeq;  // a newer search makes this one's answer stale
  const params = new URLSearchParams({ limit: "50", offset: String(page.offset) });
  if (page.q) params.set("q", page.q);
  if (page.type) params.set("type", page.type);
  const status = $("#entity-status");
  setStatus(status, "Searching…", "busy");
  try {
    const data = await getJSON("/entities?" + params);
    if (seq !== state.searchSeq) return;
    const body = $("#entity-list tbody");
    if (!more) body.replaceChildren();
    for (const e of data.items) {
      body.append(el("tr", {}, el("td", {}, entityLink(e)), el("td", {}, typeChip(e.type)),
        el("td", { class: "num" }, formatNumber(e.mentions)), el("td", { class: "num" }, formatNumber(e.articles))));
    }
    labelCells($("#entity-list"));
    page.offset += data.items.length;
    page.total = data.total;
    if (!data.total) body.append(el("tr", {}, el("td", { colspan: 4, class: "empty" }, page.q || page.type ? "No entity matches." : "The graph is empty. Analyse an article and add it.")));
    setStatus(status, `${formatNumber(data.total)} ${data.total === 1 ? "entity" : "entities"}`);
    $("#entity-more").hidden = page.offset >= page.total;
  } catch (err) {
    if (seq !== state.searchSeq) return;
    setStatus(status, plainWords(err, "The search"), "bad");
  }
}

async function openEntity(id) {
  const loading = $("#entity-loading");
  const detail = $("#entity-detail");
  const errorBox = $("#entity-error");
  showError(errorBox, "");
  detail.hidden = true;
  setStatus(loading, "Loading…", "busy");
  try {
    const entity = await getJSON("/entities/" + id.split("/").map(encodeURIComponent).join("/"));
    if (location.hash.slice(1) !== "entity/" + id && decodeURIComponent(location.hash.slice(1)) !== "entity/" + id) return;  // moved on
    renderEntity(entity);
    setStatus(loading, "");
    detail.hidden = false;
    document.title = `${entity.name || entity.id} · newsgraph`;
    loadNeighbourhood(entity);
  } catch (err) {
    setStatus(loading, "");
    showError(errorBox, plainWords(err, "Loading the entity"));
  }
}

function renderEntity(e) {
  $("#entity-name").replaceChildren(e.name || e.id, " ", typeChip(e.type));
  // Facts are dated by their article (published, else its dateline's date): oldest first.
  const reported = e.first_reported ? `reported ${e.first_reported}${e.last_reported && e.last_reported !== e.first_reported ? " – " + e.last_reported : ""} · ` : "";
  $("#entity-meta").textContent = `${plural(e.mentions, "mention")} in ${plural(e.articles.length, "article")} · ${reported}${e.iri}`;
  const byDate = (rows) => [...rows].sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"));
  const others = [...new Set([...e.names, ...e.aliases])].filter((n) => n !== e.name);
  $("#entity-aliases").replaceChildren(others.length ? el("span", {}, el("strong", {}, "Also called: "), others.join(", ")) : el("span", { class: "muted" }, "No other names."));

  const fill = (tableId, countId, rows, makeRow, emptyText, columns) => {
    const body = $(`#${tableId} tbody`);
    body.replaceChildren();
    $("#" + countId).textContent = `(${rows.length})`;
    if (!rows.length) body.append(el("tr", {}, el("td", { colspan: columns, class: "empty" }, emptyText)));
    for (const row of rows) body.append(makeRow(row));
    labelCells($("#" + tableId));
  };
  const roles = byDate([...e.roles_held, ...e.roles_at]);
  fill("entity-roles", "entity-roles-count", roles, (r) => el("tr", {}, el("td", {}, r.date || ""),
    el("td", {}, entityLink(r.person)), el("td", {}, r.role), el("td", {}, r.organization ? entityLink(r.organization) : ""),
    el("td", { class: "evidence" }, r.evidence.text)), "No roles.", 5);
  fill("entity-figures", "entity-figures-count", byDate(e.figures), (f) => el("tr", {}, el("td", {}, f.date || ""),
    el("td", { class: "num" }, formatNumber(f.value)), el("td", {}, f.unit), el("td", {}, f.about || ""), el("td", {}, f.period || ""),
    el("td", { class: "evidence" }, f.evidence.text)), "No figures about it.", 6);
  fill("entity-quotes", "entity-quotes-count", e.quotes, (q) => el("tr", {},
    el("td", {}, q.verb), el("td", {}, q.direct ? "“" + q.text + "”" : q.text), el("td", { class: "evidence" }, q.evidence.text)), "No quotes.", 3);

  const list = $("#entity-articles");
  list.replaceChildren();
  $("#entity-articles-count").textContent = `(${e.articles.length})`;
  if (!e.articles.length) list.append(el("li", { class: "empty" }, "No articles."));
  for (const a of e.articles) {
    list.append(el("li", {}, el("strong", {}, a.title || "Untitled article"), " ",
      el("span", { class: "muted" }, [a.published ? a.published.slice(0, 10) : "", plural(a.mentions, "mention"), a.id].filter(Boolean).join(" · "))));
  }
}

// Entities linked to this one by any triple in any article graph (worksFor, basedIn, ...).
async function loadNeighbourhood(e) {
  const types = "<https://schema.org/Person>, <https://schema.org/Organization>, <https://schema.org/Place>, <https://w3id.org/newsgraph/ontology#Other>";
  const query = `SELECT DISTINCT ?s ?p ?o ?name ?type WHERE {
  GRAPH ?g {
    { BIND(<${e.iri}> AS ?s) ?s ?p ?o . ?o a ?type ; <https://schema.org/name> ?name . FILTER(?type IN (${types})) }
    UNION
    { BIND(<${e.iri}> AS ?o) ?s ?p ?o . ?s a ?type ; <https://schema.org/name> ?name . FILTER(?type IN (${types})) }
  }
} LIMIT 300`;
  const nodes = new Map([[e.iri, { id: e.iri, label: e.name || e.id, type: e.type, main: true }]]);
  const edges = new Map();
  try {
    const response = await api("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
      body: new URLSearchParams({ query }),
    });
    const data = await response.json();
    for (const row of data.results.bindings) {
      const other = row.s.value === e.iri ? row.o.value : row.s.value;
      if (!nodes.has(other)) nodes.set(other, { id: other, label: row.name.value, type: row.type.value.split(/[/#]/).pop() });
      const label = row.p.value.split(/[/#]/).pop();
      edges.set(`${row.s.value} ${label} ${row.o.value}`, { source: row.s.value, target: row.o.value, label });
    }
  } catch (err) {
    $("#entity-graph-list").replaceChildren(el("li", { class: "empty" }, plainWords(err, "Loading the neighbourhood")));
    return;
  }
  drawGraph("entity-graph", "entity-graph-list", [...nodes.values()], [...edges.values()], (iri) => {
    const id = entityIdFromIri(iri);
    if (id && iri !== e.iri) location.hash = "entity/" + id;
  });
}

// --- start -----------------------------------------------------------------------------------

async function start() {
  try {
    state.config = await getJSON("/ui/config");
  } catch (err) {
    console.warn("newsgraph: /ui/config unavailable", err.message);
  }
  await loadVendor(state.config.vendor || []);
  $("#analyse-form").addEventListener("submit", analyse);
  $("#article-text").addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "Enter") analyse(e); });
  setupDrop();
  $("#add-btn").addEventListener("click", addToGraph);
  $("#token-cancel").addEventListener("click", () => $("#token-dialog").close("cancel"));
  $("#dl-turtle").addEventListener("click", () => downloadAnalysis("turtle"));
  $("#dl-jsonld").addEventListener("click", () => downloadAnalysis("jsonld"));
  $("#dl-json").addEventListener("click", () => downloadAnalysis("json"));
  setupEditor();
  $("#run-query").addEventListener("click", runQuery);
  $("#dl-csv").addEventListener("click", () => downloadResults("csv"));
  $("#dl-results-json").addEventListener("click", () => downloadResults("json"));
  $("#entity-search-form").addEventListener("submit", (e) => { e.preventDefault(); searchEntities(false); });
  $("#entity-more").addEventListener("click", () => searchEntities(true));
  $("#entity-type").addEventListener("change", () => searchEntities(false));
  window.addEventListener("hashchange", route);
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => Object.values(state.graphs).forEach((cy) => {
      cy.resize();
      cy.fit(undefined, 20);
      readableLabels(cy);
    }), 150);
  });
  route();
  refreshStats();
  document.body.dataset.ready = "true";  // for tests and scripts: the page is wired up
}

start();
