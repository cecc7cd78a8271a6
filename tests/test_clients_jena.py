"""Apache Jena, as Debian ships it (``libapache-jena-java``), against a real ``newsgraph serve``.

Jena's HTTP classes (``QueryExecutionHTTP``, ``UpdateExecutionHTTP``, ``GSP``) send through
the JDK's default ``HttpClient``, which offers an HTTP/2 upgrade (``Upgrade: h2c``) on every
request: the bodies of their writes are exactly what uvicorn's default parser used to drop
(issue 14). Every write here is read back, through Jena and through the API. Jena's own
command-line tools read the rest: ``arq.rsparql`` runs a query, ``riotcmd.riot --validate``
parses every RDF serialisation the service exports.

What Debian's Jena 4.5 cannot do, and the tests work around or state:
- its JSON-LD 1.1 reader (titanium) needs a Jakarta JSON-P implementation Debian does not
  package ("LOADING_DOCUMENT_FAILED" on any document), so JSON-LD is read with Jena's
  JSON-LD 1.0 reader (``--syntax=JSONLD10``, jsonld-java);
- ``GSP.DELETE()`` sends none of the request's extra headers (no ``Authorization``), so a
  graph is dropped with ``UpdateExecutionHTTP`` (``DROP GRAPH``) instead;
- a 401 whose challenge is not Basic or Digest (ours: ``WWW-Authenticate: Bearer``) makes
  Jena's ``AuthLib`` throw a NullPointerException instead of an HTTP error, so a write
  without the token is checked as "Jena fails and nothing was stored".

The client (tests/jena/JenaClient.java) is compiled with ``javac`` against Debian's jars.
Without Jena or a JDK the tests are skipped, except in CI (``CI=true``; ``.ci/system-packages``
installs both), where they fail instead.

Debian's ``jena-core.jar`` (4.5.0-2) moves Jena's copy of Xerces to the package ``xerces``
but leaves its message bundles under ``org/apache/jena/ext/xerces``, so Jena stops at
start-up (``XSSimpleTypeDecl.applyFacets1``: "internal error"). The tests put the bundles
where the classes look for them, on the class path, from the jar itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph
from reliability_server import Server, article_text

pytestmark = [pytest.mark.server, pytest.mark.model]

TOKEN = "jena-test-token"
JARS = Path("/usr/share/java")
# Jena's jars and those its Debian package depends on (no Class-Path in their manifests).
JAR_NAMES = [
    "jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-iri", "jena-shacl", "jena-rdfconnection",
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "dexx.collection", "gson", "guava", "httpclient", "httpclient-cache", "httpcore", "jackson-core", "jackson-databind",
    "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf", "slf4j-api", "slf4j-simple",
    "thrift", "titanium-json-ld",
]
SOURCE = Path(__file__).parent / "jena" / "JenaClient.java"
SCHEMA = "https://schema.org/"


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}; in CI it must be (.ci/system-packages installs it)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def jena(tmp_path_factory) -> list[str]:
    """``java -cp ...``: Debian's Jena, its dependencies and the compiled client."""
    java, javac = shutil.which("java"), shutil.which("javac")
    if java is None or javac is None:
        _missing("a JDK (java and javac) is not installed (apt-get install default-jdk-headless)")
    jars = [JARS / f"{name}.jar" for name in JAR_NAMES]
    absent = [jar.name for jar in jars if not jar.exists()]
    if absent:
        _missing(f"Debian's Jena is not installed (apt-get install libapache-jena-java): no {', '.join(absent)}")
    root = tmp_path_factory.mktemp("jena")
    bundles = root / "bundles"
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and not name.endswith((".class", "/")):
                target = bundles / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    classes = root / "classes"
    classpath = os.pathsep.join([*map(str, jars), str(bundles)])
    compiled = subprocess.run([javac, "-cp", classpath, "-d", str(classes), str(SOURCE)],
                              capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stderr
    return [java, "-cp", os.pathsep.join([classpath, str(classes)])]


@pytest.fixture(scope="module")
def server():
    with Server("memory", env={"NEWSGRAPH_API_TOKEN": TOKEN}) as running:
        with running.client(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=180) as client:
            # Two articles naming the same people: their names are stated in both graphs.
            for index in (0, 3):
                created = client.post("/articles", json={"text": article_text(1, index)})
                assert created.status_code == 201, created.text
        yield running


def run(jena: list[str], *args: str, main: str = "JenaClient", ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([*jena, main, *args], capture_output=True, text=True, timeout=300)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def client(jena: list[str], *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    return run(jena, *args, ok=ok)


def sparql(server: Server) -> str:
    return server.url + "sparql"


def gsp(server: Server) -> str:
    return server.url + "rdf-graphs"


def ntriples(text: str) -> Graph:
    return Graph().parse(data=text, format="nt")


def count_in(server: Server, graph: str) -> int:
    with server.client() as http:
        answer = http.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_jena_offers_http2_by_default(jena):
    """What makes these tests about issue 14: Jena's default client asks for HTTP/2, so on
    http:// each request carries the h2c upgrade offer."""
    assert client(jena, "http-version").stdout.strip() == "HTTP_2"


def test_select_and_ask_with_query_execution_http(jena, server):
    query = f"SELECT ?name WHERE {{ ?p a <{SCHEMA}Person> ; <{SCHEMA}name> ?name }}"
    rows = client(jena, "select", sparql(server), query).stdout.splitlines()
    names = [row.removeprefix("name=") for row in rows]
    assert names and all(name.startswith('"') for name in names)
    # The default graph is a set: a name both articles state is one row.
    shared = f"""SELECT ?name WHERE {{ GRAPH ?g {{ ?p a <{SCHEMA}Person> ; <{SCHEMA}name> ?name }}
                 FILTER(CONTAINS(STR(?g), "/graph/")) }} GROUP BY ?name HAVING (COUNT(DISTINCT ?g) > 1)"""
    assert client(jena, "select", sparql(server), shared).stdout.strip(), "no person is named in both articles"
    assert len(names) == len(set(names))
    with server.client() as http:
        api = http.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert sorted(n.strip('"') for n in names) == sorted(b["name"]["value"] for b in api)
    assert client(jena, "ask", sparql(server), f"ASK {{ ?a a <{SCHEMA}NewsArticle> }}").stdout.strip() == "true"
    assert client(jena, "ask", sparql(server), "ASK { <urn:x:none> ?p ?o }").stdout.strip() == "false"


def test_construct_with_query_execution_http(jena, server):
    query = f"CONSTRUCT {{ ?p a <{SCHEMA}Person> }} WHERE {{ ?p a <{SCHEMA}Person> }}"
    graph = ntriples(client(jena, "construct", sparql(server), query).stdout)
    with server.client() as http:
        people = http.get("/sparql", params={"query": f"SELECT DISTINCT ?p WHERE {{ ?p a <{SCHEMA}Person> }}"})
    assert len(graph) == len(people.json()["results"]["bindings"]) > 0


def test_bad_query_is_a_400_for_jena(jena, server):
    """The service's 400 reaches Jena as an HTTP error (Jena would refuse the text itself,
    so it is sent unparsed), and so does the 400 for a valid query the service does not run."""
    done = client(jena, "select-unparsed", sparql(server), "SELECT ?x WHERE { ?x ?y }", ok=False)
    assert done.returncode == 3 and done.stdout.startswith("http-error 400"), done.stdout + done.stderr
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    done = client(jena, "select", sparql(server), service, ok=False)
    assert done.returncode == 3 and done.stdout.startswith("http-error 400"), done.stdout + done.stderr


def test_update_execution_http_writes_with_the_token_only(jena, server):
    graph = "urn:x:jena-update"
    insert = f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:a> <urn:x:b> "one" , "two" , "three" }} }}'
    refused = client(jena, "update", sparql(server), "-", insert, ok=False)
    assert refused.returncode != 0 and "done" not in refused.stdout  # Jena 4.5 fails on the Bearer challenge
    assert count_in(server, graph) == 0
    assert client(jena, "update", sparql(server), TOKEN, insert).stdout.strip() == "done"
    assert count_in(server, graph) == 3  # the body arrived whole
    assert client(jena, "ask", sparql(server), f"ASK {{ GRAPH <{graph}> {{ <urn:x:a> <urn:x:b> \"two\" }} }}"
                  ).stdout.strip() == "true"
    client(jena, "update", sparql(server), TOKEN, f"DROP GRAPH <{graph}>")
    assert count_in(server, graph) == 0


def test_graph_store_put_get_post_delete_with_gsp(jena, server, tmp_path):
    graph = "urn:x:jena-gsp"
    first = tmp_path / "first.ttl"
    first.write_text('@prefix s: <https://schema.org/> .\n<urn:x:p1> a s:Person ; s:name "Ada Quill" , "A. Quill" .\n',
                     encoding="utf-8")
    more = tmp_path / "more.nt"
    more.write_text('<urn:x:p2> <https://schema.org/name> "Bo Reyes" .\n', encoding="utf-8")
    assert client(jena, "gsp-put", gsp(server), "-", graph, str(first), ok=False).returncode != 0
    assert count_in(server, graph) == 0
    client(jena, "gsp-put", gsp(server), TOKEN, graph, str(first))
    assert count_in(server, graph) == 3  # PUT's body stored, not a 201 over nothing
    back = ntriples(client(jena, "gsp-get", gsp(server), graph).stdout)
    assert back.isomorphic(Graph().parse(first, format="turtle"))
    client(jena, "gsp-post", gsp(server), TOKEN, graph, str(more))
    assert len(ntriples(client(jena, "gsp-get", gsp(server), graph).stdout)) == 4
    client(jena, "gsp-put", gsp(server), TOKEN, graph, str(more))  # replaces
    assert len(ntriples(client(jena, "gsp-get", gsp(server), graph).stdout)) == 1
    # Jena 4.5's GSP.DELETE leaves the Authorization header out: refused, nothing dropped.
    assert client(jena, "gsp-delete", gsp(server), TOKEN, graph, ok=False).returncode != 0
    assert count_in(server, graph) == 1
    client(jena, "update", sparql(server), TOKEN, f"DROP GRAPH <{graph}>")
    assert count_in(server, graph) == 0
    missing = client(jena, "gsp-get", gsp(server), graph, ok=False)
    assert missing.returncode == 3 and missing.stdout.startswith("http-error 404"), missing.stdout


def test_gsp_reads_the_default_graph_as_a_set(jena, server):
    union = ntriples(client(jena, "gsp-get", gsp(server), "default").stdout)
    with server.client() as http:
        counted = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert len(union) == int(counted.json()["results"]["bindings"][0]["n"]["value"]) > 0


def test_rsparql_command_line(jena, server, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{SCHEMA}NewsArticle> }}", encoding="utf-8")
    done = run(jena, "--service", sparql(server), "--query", str(query), "--results=CSV", main="arq.rsparql")
    assert done.stdout.split() == ["n", "2"], done.stdout


# Every RDF serialisation the service writes: the export (GET /graph) in its five formats,
# a graph (Graph Store GET of an article) in the graph formats, and CONSTRUCT as RDF/XML.
EXPORTS = [
    ("/graph?format=trig", None, "trig"),
    ("/graph?format=nquads", None, "nq"),
    ("/graph?format=turtle", None, "ttl"),
    ("/graph?format=ntriples", None, "nt"),
    ("/graph?format=jsonld", None, "jsonld"),
    ("article", "text/turtle", "ttl"),
    ("article", "application/n-triples", "nt"),
    ("article", "application/ld+json", "jsonld"),
    ("article", "application/rdf+xml", "rdf"),
    ("construct", "application/rdf+xml", "rdf"),
    ("construct", "application/ld+json", "jsonld"),
]


@pytest.mark.parametrize(("what", "accept", "extension"), EXPORTS, ids=[f"{w}-{e}" for w, _, e in EXPORTS])
def test_riot_validates_every_rdf_export(jena, server, tmp_path, what, accept, extension):
    with server.client() as http:
        if what == "article":
            graph = http.get("/articles").json()["items"][0]["graph"]
            response = http.get("/rdf-graphs", params={"graph": graph}, headers={"Accept": accept})
        elif what == "construct":
            response = http.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
                                headers={"Accept": accept})
        else:
            response = http.get(what)
    assert response.status_code == 200, response.text
    assert response.content
    path = tmp_path / f"export.{extension}"
    path.write_bytes(response.content)
    syntax = ["--syntax=JSONLD10"] if extension == "jsonld" else []
    done = run(jena, *syntax, "--validate", "--count", str(path), main="riotcmd.riot", ok=False)
    # riot exits 1 on any error or warning (a bad IRI, an ill-formed literal) and says which.
    assert done.returncode == 0, done.stderr
    assert "WARN" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    # What Jena read is what rdflib reads: the same number of statements.
    found = re.search(r"(Triples|Quads) = (\d+)", done.stdout + done.stderr)
    assert found, done.stdout + done.stderr
    if extension in ("trig", "nq", "jsonld") and what.startswith("/graph"):
        parsed = Dataset()
        parsed.parse(data=response.content, format={"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[extension])
        expected = sum(len(g) for g in parsed.graphs())
    else:
        expected = len(Graph().parse(data=response.content,
                                     format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}[extension]))
    assert int(found.group(2)) == expected > 0


def test_riot_reads_the_export_as_many_quads_as_the_store_holds(jena, server, tmp_path):
    """riot counts what it parsed: the N-Quads export parsed by Jena holds every quad."""
    with server.client() as http:
        export = http.get("/graph", params={"format": "nquads"})
        counted = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    path = tmp_path / "all.nq"
    path.write_bytes(export.content)
    done = run(jena, "--count", str(path), main="riotcmd.riot")
    quads = int(counted.json()["results"]["bindings"][0]["n"]["value"])
    assert re.search(rf"Quads = {quads}\b", done.stdout + done.stderr), done.stdout + done.stderr


def test_jena_writes_are_seen_through_httpx_too(jena, server, tmp_path):
    """A write through Jena is a write for every client: read back over plain HTTP/1.1."""
    body = tmp_path / "g.ttl"
    body.write_text("<urn:x:s> <urn:x:p> <urn:x:o1> , <urn:x:o2> .\n", encoding="utf-8")
    client(jena, "gsp-put", gsp(server), TOKEN, "urn:x:jena-cross", str(body))
    answer = httpx.get(gsp(server), params={"graph": "urn:x:jena-cross"}, headers={"Accept": "application/n-triples"})
    assert answer.status_code == 200 and len(answer.text.strip().splitlines()) == 2
    client(jena, "update", sparql(server), TOKEN, "DROP GRAPH <urn:x:jena-cross>")


@pytest.mark.parametrize("backend", ["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def test_person_names_once_through_jena_on_other_backends(jena, backend, request, tmp_path):
    """Issue 14's person-names query, sent by Jena, names each person once on the embedded
    store and on Virtuoso too (the module's server covers memory)."""
    env = {"NEWSGRAPH_API_TOKEN": TOKEN}
    if backend == "virtuoso":
        virtuoso = request.getfixturevalue("virtuoso_server")
        spec = virtuoso.spec
        env.update(NEWSGRAPH_STORE_USER=virtuoso.user, NEWSGRAPH_STORE_PASSWORD=virtuoso.password)
    else:
        spec = f"oxigraph:{tmp_path / 'store'}"
    with Server(spec, env=env) as running:
        with running.client(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=180) as http:
            for index in (0, 3):  # both name the same person
                created = http.post("/articles", json={"text": article_text(1, index)})
                assert created.status_code in (200, 201), created.text
        query = f"SELECT ?name WHERE {{ ?p a <{SCHEMA}Person> ; <{SCHEMA}name> ?name }}"
        names = client(jena, "select", sparql(running), query).stdout.splitlines()
        assert names and len(names) == len(set(names)), names
        statements = client(jena, "select", sparql(running),
                            f"SELECT ?p ?q ?o WHERE {{ ?p a <{SCHEMA}Person> ; ?q ?o }}").stdout.splitlines()
        assert statements and len(statements) == len(set(statements))  # no triple twice
