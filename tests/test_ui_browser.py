"""The web UI in a real browser: Playwright driving Debian's Chromium against a real
``newsgraph serve`` process with the samples loaded.

Skipped when /usr/bin/chromium or the playwright package is missing, except in CI
(``CI=true``), where they must run. Screenshots go to ``test-output/ui/``.
"""

import json
import os
import re
import shutil
import sys
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from reliability_server import Server

from newsgraph.api import create_app
from newsgraph.api.ui import VENDOR_FILES, sample_queries

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUTPUT = ROOT / "test-output" / "ui"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "ui-test-token"
PASTED = "business_battery_deal.txt"  # left out of the loaded samples so adding it writes (201)
TIMEOUT = 60_000  # ms; generous: the machine running the tests may be busy
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# --- the page's server side, without a browser ------------------------------------------


def test_index_static_and_config_are_served():
    from fastapi.testclient import TestClient

    client = TestClient(create_app(store=object(), nlp=object()))
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js">' in page.text
    # Nothing is loaded from another host.
    assert not re.search(r"""(src|href)=["']https?://""", page.text)
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    for outside in ("/static/%2e%2e/api/ui.py", "/static/..%2fapi/ui.py"):
        assert client.get(outside).status_code == 404
    missing = client.get("/static/no-such-file.js")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    config = client.get("/ui/config").json()
    assert config["base_iri"] == "https://w3id.org/newsgraph/id/"
    assert config["token_required"] is False
    assert {q["name"] for q in config["queries"]} == {p.stem for p in (SAMPLES / "queries").glob("*.rq")}
    assert set(config["vendor"]) <= set(VENDOR_FILES)
    assert "/ui/config" not in client.get("/openapi.json").json()["paths"]


def test_sample_queries_titles(tmp_path):
    (tmp_path / "b-two.rq").write_text("# Second one.\nSELECT * WHERE { ?s ?p ?o }\n")
    (tmp_path / "a-one.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n")
    (tmp_path / "notes.txt").write_text("# not a query\n")
    queries = sample_queries(tmp_path)
    assert [(q["name"], q["title"]) for q in queries] == [("a-one", "a one"), ("b-two", "Second one")]
    assert queries[1]["query"].startswith("# Second one.")
    assert sample_queries(tmp_path / "missing") == []


# --- browser tests -----------------------------------------------------------------------


def test_missing_browser_skips_locally_and_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="no-chromium"):
        _require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI they must run"):
        _require_browser()


def _require_browser():
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install playwright)")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; in CI they must run")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require_browser()
    folder = tmp_path_factory.mktemp("samples")
    for file in SAMPLES.glob("*.txt"):
        if file.name != PASTED:
            shutil.copy(file, folder / file.name)
    # The default kind of store, every sample but one loaded, writes behind a token.
    store = tmp_path_factory.mktemp("store") / "oxigraph"
    running = Server(f"oxigraph:{store}", extra=["--load", str(folder)], env={"NEWSGRAPH_API_TOKEN": TOKEN})
    yield running
    running.stop()


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page at desktop width; fails the test if the page logged any console error or
    warning other than the failed requests a test provokes on purpose (see ``_expect_failed_request``)."""
    context = browser.new_context(viewport=DESKTOP, base_url=server.url, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    tab = context.new_page()
    errors: list[str] = []
    tab.expected_failures = []
    tab.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    tab.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    # Everything the page loads comes from this server: no CDN, no web fonts, no trackers.
    elsewhere: list[str] = []
    tab.on("request", lambda req: elsewhere.append(req.url)
           if not req.url.startswith((server.url, "data:", "blob:")) else None)
    tab.goto("/")
    tab.wait_for_selector("body[data-ready='true']")
    yield tab
    context.close()
    assert elsewhere == [], "the page fetched from other hosts: " + ", ".join(elsewhere)
    errors = [e for e in errors if not any(f"status of {status} " in e for status in tab.expected_failures)]
    assert errors == [], "the page logged errors:\n" + "\n".join(errors)


def _expect_failed_request(page, status: int) -> None:
    """Chromium logs every 4xx response as a console error; a test that provokes one says so."""
    page.expected_failures.append(status)


def _vendor_built() -> bool:
    return all((ROOT / "src/newsgraph/static/vendor" / name).is_file() for name in VENDOR_FILES)


def _screenshot(page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the window"


def _set_query(page, text: str) -> None:
    if page.locator(".CodeMirror").count():
        page.evaluate("text => document.querySelector('.CodeMirror').CodeMirror.setValue(text)", text)
    else:
        page.fill("#query-editor", text)


def _run_query_with_keyboard(page) -> None:
    if page.locator(".CodeMirror").count():
        page.click(".CodeMirror-lines")
    else:
        page.focus("#query-editor")
    page.keyboard.press("Control+Enter")


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_analyse_shows_entities_roles_figures_and_adds_to_graph(page, api):
    text = (SAMPLES / PASTED).read_text(encoding="utf-8")
    dry_run = api.post("/extract", json={"text": text}).json()
    expected = dry_run["extraction"]
    assert expected["roles"] and expected["figures"], "the pasted sample should have roles and figures"
    names = {e["id"]: e["name"] for e in expected["entities"]}

    page.fill("#article-text", text)
    page.click("#analyse-btn")
    page.wait_for_selector("#article-view mark.ent")
    page.wait_for_selector("#analyse-status.ok")

    # Every mention highlighted, with its type.
    marks = page.locator("#article-view mark.ent")
    mentions = sorted((m["start"], m["text"], e["type"]) for e in expected["entities"] for m in e["mentions"])
    assert marks.count() == len(mentions)
    shown = page.eval_on_selector_all("#article-view mark.ent", "ms => ms.map(m => [m.textContent, m.className])")
    assert [(t, f"ent ent-{ty}") for _, t, ty in mentions] == [tuple(s) for s in shown]

    # Roles: one row each, with the person, role and organisation names.
    role_rows = page.locator("#roles-table tbody tr")
    assert role_rows.count() == len(expected["roles"])
    first = expected["roles"][0]
    cells = role_rows.nth(0).locator("td")
    assert cells.nth(0).inner_text() == names[first["person"]]
    assert cells.nth(1).inner_text() == first["role"]
    assert cells.nth(2).inner_text() == (names[first["organization"]] if first["organization"] else "")

    # Figures: value, unit and the words as written.
    figure_rows = page.locator("#figures-table tbody tr")
    assert figure_rows.count() == len(expected["figures"])
    figure = expected["figures"][0]
    cells = figure_rows.nth(0).locator("td")
    assert float(cells.nth(0).inner_text().replace(",", "")) == pytest.approx(figure["value"], rel=1e-6)
    assert cells.nth(1).inner_text() == figure["unit"]
    assert cells.nth(5).inner_text() == figure["text"]
    assert page.locator("#quotes-table tbody tr").count() == max(1, len(expected["quotes"]))

    # A row's sentence link shows that sentence in the text.
    link = figure_rows.nth(0).locator("a.sent-link")
    link.click()
    sentence = page.locator(f"#s-{figure['evidence']['sentence']}")
    assert sentence.text_content() == figure["evidence"]["text"]
    assert page.evaluate("document.activeElement.id") == f"s-{figure['evidence']['sentence']}"

    # The graph of the article is drawn (or listed when Cytoscape is not built).
    if _vendor_built():
        page.wait_for_selector("#article-graph canvas")
    else:
        assert page.locator("#article-graph-list li").count() >= 1
    _screenshot(page, "analyse-desktop")

    # Downloads: the Turtle holds the same triples the dry run reported; the JSON is the Extraction.
    with page.expect_download() as turtle:
        page.click("#dl-turtle")
    graph = Graph().parse(turtle.value.path(), format="turtle")
    assert len(graph) == dry_run["triples"]
    assert turtle.value.suggested_filename == f"{expected['article']['id']}.ttl"
    with page.expect_download() as as_json:
        page.click("#dl-json")
    assert json.loads(Path(as_json.value.path()).read_text(encoding="utf-8")) == expected

    # Add to graph: the server wants a token, the page asks for it.
    article_id = expected["article"]["id"]
    assert api.get(f"/articles/{article_id}").status_code == 404
    # Cancelling stores nothing.
    page.click("#add-btn")
    page.wait_for_selector("#token-dialog[open]")
    page.click("#token-cancel")
    page.wait_for_selector("#add-status.bad")
    assert page.inner_text("#add-status") == "Not stored: no token given."
    assert api.get(f"/articles/{article_id}").status_code == 404
    # A wrong token is refused and the page asks again; the right one, typed and Enter, stores it.
    _expect_failed_request(page, 403)
    page.click("#add-btn")
    page.wait_for_selector("#token-dialog[open]")
    page.fill("#token-input", "not-the-token")
    page.press("#token-input", "Enter")
    page.wait_for_function("document.querySelector('#token-reason').textContent.startsWith('That token was refused')")
    page.wait_for_selector("#token-dialog[open]")
    page.fill("#token-input", TOKEN)
    page.press("#token-input", "Enter")
    page.wait_for_selector("#add-status.ok")
    assert "Added to the graph" in page.inner_text("#add-status")
    stored = api.get(f"/articles/{article_id}")
    assert stored.status_code == 200 and stored.json()["triples"] > 0
    # A second press finds it stored and writes nothing.
    page.click("#add-btn")
    page.wait_for_function("document.querySelector('#add-status').textContent.includes('Already in the graph')")

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    _no_sideways_scroll(page)
    if _vendor_built():  # the article's whole entity graph, readable on a phone
        _assert_readable_graph(page, "article-graph")
    _screenshot(page, "analyse-phone")


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_sample_query_results_and_entity_view(page, api):
    query = next(q for q in sample_queries() if q["name"] == "most-mentioned")
    answer = api.post("/sparql", data={"query": query["query"]}, headers={"Accept": "application/sparql-results+json"}).json()
    variables, expected = answer["head"]["vars"], answer["results"]["bindings"]
    assert expected and {"entity", "name"} <= set(variables)

    page.click("#tab-query")
    page.wait_for_selector("#view-query:not([hidden])")
    if _vendor_built():
        page.wait_for_selector(".CodeMirror .cm-keyword")  # highlighted SPARQL
    page.select_option("#query-pick", "most-mentioned")
    _run_query_with_keyboard(page)
    page.wait_for_selector("#query-status.ok")
    rows = page.locator("#query-results tbody tr")
    assert rows.count() == len(expected)
    assert page.inner_text("#query-status").startswith(f"{len(expected)} rows in ")
    headers = page.eval_on_selector_all("#query-results thead th", "ths => ths.map(t => t.textContent)")
    assert headers == [f"?{v}" for v in variables]
    top = expected[0]
    assert rows.nth(0).locator("td").nth(variables.index("name")).inner_text() == top["name"]["value"]
    _screenshot(page, "query-desktop")

    # Download CSV gets the server's CSV of the same query.
    with page.expect_download() as download:
        page.click("#dl-csv")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].replace("\r", "") == ",".join(variables)
    assert len(csv_text.strip().splitlines()) == len(expected) + 1
    with page.expect_download() as download:
        page.click("#dl-results-json")
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["results"]["bindings"] == expected

    # An entity IRI opens the entity view.
    entity_iri = top["entity"]["value"]
    entity_id = entity_iri.removeprefix("https://w3id.org/newsgraph/id/")
    rows.nth(0).locator("td").nth(variables.index("entity")).locator("a.iri").click()
    page.wait_for_selector("#entity-detail:not([hidden])")
    detail = api.get(f"/entities/{entity_id}").json()
    assert page.url.endswith(f"#entity/{entity_id}")
    assert page.inner_text("#entity-name").startswith(detail["name"])
    assert page.locator("#entity-articles li").count() == len(detail["articles"])
    assert page.locator("#entity-roles tbody tr").count() == max(1, len(detail["roles_held"]) + len(detail["roles_at"]))
    if _vendor_built():
        page.wait_for_selector("#entity-graph canvas")
    _screenshot(page, "entity-desktop")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    _no_sideways_scroll(page)
    _screenshot(page, "entity-phone")


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_bad_query_shows_the_error_in_plain_words(page):
    page.goto("/#query")
    page.wait_for_selector("#view-query:not([hidden])")
    _set_query(page, "SELECT ?x WHERE { ?x ?y ")
    _expect_failed_request(page, 400)
    page.click("#run-query")
    error = page.locator("#query-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("The query has a mistake at line 1, column ")
    assert page.locator("#query-error details").count() == 1  # the parser's words, folded
    assert page.locator("#query-results-card").is_hidden()
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    _no_sideways_scroll(page)
    _screenshot(page, "query-error-phone")
    # A good query clears the error.
    _set_query(page, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://schema.org/Person> } }")
    _run_query_with_keyboard(page)
    page.wait_for_selector("#query-status.ok")
    assert error.is_hidden()
    assert int(page.inner_text("#query-results tbody td")) > 0

    # A mistake after a good query clears that query's results: they are not this query's.
    _set_query(page, "SELECT ?x WHERE { ?x ?y ")
    page.click("#run-query")
    error.wait_for(state="visible")
    assert page.locator("#query-results-card").is_hidden()
    assert page.locator("#query-results tr").count() == 0
    assert page.locator("#dl-csv").is_disabled() and page.locator("#dl-results-json").is_disabled()

    # A query the server stopped for taking too long (its 503 answer, replayed here so the
    # test need not wait for a slow query).
    timeout_body = {"error": {"code": "query_timeout", "message": "the query ran longer than 30 s", "detail": {"limit": 30}}}
    page.route("**/sparql", lambda route: route.fulfill(status=503, json=timeout_body), times=1)
    _expect_failed_request(page, 503)
    page.click("#run-query")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("The query took too long and was stopped: the query ran longer than 30 s.")


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_browse_search_by_name_and_type(page, api):
    page.click("#tab-browse")
    page.wait_for_selector("#entity-list tbody tr")
    total = api.get("/entities", params={"limit": 1}).json()["total"]
    assert page.inner_text("#entity-status") == f"{total:,} entities"

    people = api.get("/entities", params={"type": "Person", "limit": 1}).json()
    name = people["items"][0]["name"]
    fragment = name.split()[-1][:4].lower()
    expected = api.get("/entities", params={"type": "Person", "q": fragment, "limit": 1000}).json()
    page.fill("#entity-q", fragment)
    page.select_option("#entity-type", "Person")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#entity-list tbody tr').length === n && !document.querySelector('#entity-status').classList.contains('busy')",
        arg=min(expected["total"], 50),
    )
    types = page.eval_on_selector_all("#entity-list tbody td:nth-child(2)", "tds => tds.map(t => t.textContent)")
    assert set(types) == {"Person"}
    assert name in page.inner_text("#entity-list tbody")

    page.fill("#entity-q", "zzzz-no-such-entity")
    page.click("#entity-search-form button[type=submit]")
    page.wait_for_selector("#entity-list td.empty")
    assert page.inner_text("#entity-list td.empty") == "No entity matches."
    _screenshot(page, "browse-desktop")


LABELS_JS = """id => {
  const cy = state.graphs[id];
  if (!cy) return null;
  const zoom = cy.zoom();
  const nodes = cy.nodes().toArray().filter(n => n.data('label'));
  return {
    sizes: nodes.map(n => parseFloat(n.style('font-size')) * zoom),
    boxes: nodes.map(n => n.renderedBoundingBox({includeLabels: true, includeOverlays: false})),
    labels: nodes.map(n => n.data('label')),
  };
}"""


def _assert_readable_graph(page, container: str) -> None:
    """Every node label drawn at 11 px or more, and no two nodes' label boxes overlapping."""
    page.wait_for_selector(f"#{container} canvas")
    page.wait_for_timeout(400)  # a resize redraws after 150 ms
    drawn = page.evaluate(LABELS_JS, container)
    assert drawn and drawn["sizes"], "no graph drawn"
    assert min(drawn["sizes"]) >= 11, f"labels drawn at {min(drawn['sizes']):.1f} px"
    boxes = drawn["boxes"]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            dx = min(a["x2"], b["x2"]) - max(a["x1"], b["x1"])
            dy = min(a["y2"], b["y2"]) - max(a["y1"], b["y1"])
            assert dx <= 1 or dy <= 1, f"labels overlap: {drawn['labels'][i]!r} and {drawn['labels'][j]!r}"


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_phone_graph_labels_plurals_and_numeric_columns(page, api):
    if not _vendor_built():
        pytest.skip("the graph drawing needs the npm libraries (.ci/build-ui)")
    # The best-connected entity's neighbourhood, on a phone from the start.
    top = api.get("/entities", params={"limit": 1}).json()["items"][0]
    page.set_viewport_size(PHONE)
    page.goto(f"/#entity/{top['id']}")
    page.wait_for_selector("#entity-detail:not([hidden])")
    _assert_readable_graph(page, "entity-graph")
    _screenshot(page, "entity-graph-phone")
    # Desktop, then narrowed to a phone: redrawn readable.
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(400)
    _assert_readable_graph(page, "entity-graph")
    page.set_viewport_size(PHONE)
    _assert_readable_graph(page, "entity-graph")

    # One mention is "1 mention".
    total = api.get("/entities", params={"limit": 1}).json()["total"]
    last = api.get("/entities", params={"limit": 1, "offset": total - 1}).json()["items"][0]
    assert last["mentions"] == 1 and last["articles"] == 1
    page.set_viewport_size(DESKTOP)
    page.goto(f"/#entity/{last['id']}")
    page.wait_for_function("iri => document.querySelector('#entity-meta').textContent.endsWith(iri)", arg=last["iri"])
    meta = page.inner_text("#entity-meta")
    assert meta.startswith("1 mention in 1 article · "), meta
    assert "1 mention" in page.inner_text("#entity-articles") and "1 mentions" not in page.inner_text("#entity-articles")

    # Numeric columns: headers aligned like their numbers.
    page.goto("/#browse")
    page.wait_for_selector("#entity-list tbody tr")
    aligns = page.eval_on_selector_all("#entity-list th", "ths => ths.map(t => getComputedStyle(t).textAlign)")
    assert aligns == ["left", "left", "right", "right"]
    page.goto("/#query")
    page.wait_for_selector("#view-query:not([hidden])")
    page.select_option("#query-pick", "most-mentioned")
    page.click("#run-query")
    page.wait_for_selector("#query-status.ok")
    heads = page.eval_on_selector_all(
        "#query-results th", "ths => ths.map(t => [t.textContent, getComputedStyle(t).textAlign])")
    cells = page.eval_on_selector_all(
        "#query-results tbody tr:first-child td", "tds => tds.map(t => getComputedStyle(t).textAlign)")
    for (name, align), cell in zip(heads, cells):
        assert align == cell, (name, align, cell)
        assert align == ("right" if name in ("?mentions", "?articles") else "left"), (name, align)


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_html_file_is_read_by_the_server(page, api, tmp_path):
    text = (SAMPLES / "short_quake.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    html = (f"<html><head><title>Quake page</title><script>var tracking = 1;</script></head>"
            f"<body><nav>Home | World</nav><article>{paragraphs}</article></body></html>")
    file = tmp_path / "quake.html"
    file.write_text(html, encoding="utf-8")
    expected = api.post("/extract", content=html.encode(), headers={"Content-Type": "text/html"}).json()["extraction"]
    assert expected["entities"]

    page.set_input_files("#article-file", str(file))
    page.wait_for_function("document.querySelector('#file-name').textContent.includes('quake.html')")
    assert page.input_value("#article-title") == "Quake page"
    assert "tracking" not in page.input_value("#article-text")
    page.click("#analyse-btn")
    page.wait_for_selector("#analyse-status.ok")
    # Highlights sit on the server's own text of the page: every mention, with its words.
    shown = page.eval_on_selector_all("#article-view mark.ent", "ms => ms.map(m => m.textContent)")
    mentions = sorted((m for e in expected["entities"] for m in e["mentions"]), key=lambda m: (m["start"], -m["end"]))
    assert shown == [m["text"] for m in mentions]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_page_works_without_the_npm_libraries(page, api):
    """Without .ci/build-ui's files (no npm): a plain query box and edge lists, same answers."""

    def without_vendor(route):
        config = route.fetch().json()
        config["vendor"] = []
        route.fulfill(json=config)

    page.route("**/ui/config", without_vendor)
    page.goto("/?plain=1#query")  # a new URL, so the page really loads again
    page.wait_for_selector("body[data-ready='true']")
    assert page.evaluate("typeof window.CodeMirror") == "undefined"
    assert page.locator(".CodeMirror").count() == 0
    page.fill("#query-editor", "SELECT ?p WHERE { GRAPH ?g { ?p a <https://schema.org/Person> } }")
    page.focus("#query-editor")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#query-status.ok")
    people = api.post("/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p a <https://schema.org/Person> } }"},
                      headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"][0]["n"]["value"]
    assert page.locator("#query-results tbody tr").count() == int(people)

    page.click("#tab-analyse")
    page.fill("#article-text", (SAMPLES / "wire_rail_link.txt").read_text(encoding="utf-8"))
    page.click("#analyse-btn")
    page.wait_for_selector("#analyse-status.ok")
    assert page.locator("#article-graph canvas").count() == 0
    edges = page.eval_on_selector_all("#article-graph-list li", "lis => lis.map(li => li.textContent)")
    assert (edges and all(" → " in e for e in edges)) or edges == ["No roles or relations link these entities."]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.model
def test_keyboard_alone_can_analyse_and_switch_sections(page):
    page.evaluate("document.activeElement.blur()")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "article-text":
            break
    else:
        pytest.fail("Tab never reached the article box")
    page.keyboard.insert_text((SAMPLES / "short_quake.txt").read_text(encoding="utf-8"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "analyse-btn"
    page.keyboard.press("Enter")
    page.wait_for_selector("#analyse-status.ok")
    assert page.locator("#article-view mark.ent").count() > 0

    page.focus("#tab-browse")
    page.keyboard.press("Enter")
    page.wait_for_selector("#view-browse:not([hidden])")
    assert page.get_attribute("#tab-browse", "aria-current") == "page"
