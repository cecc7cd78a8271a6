"""The SPARQL 1.1 Protocol endpoint and the Graph Store HTTP Protocol, as a mountable router.

- ``GET/POST /sparql``: queries (``?query=``, form ``query=``, ``application/sparql-query``),
  updates (form ``update=``, ``application/sparql-update``), and without a query the
  service description. The default graph is the union of all article graphs.
- ``/rdf-graphs?graph=IRI``: GET, PUT, POST, DELETE of one named graph.

Queries go to the store as text (no parse in Python), in a worker thread, with the
store's time limit. Writes need the bearer token and are refused outright when no
token is configured.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Annotated, Any
from urllib.parse import parse_qs

import pyoxigraph
from fastapi import APIRouter, Depends, Query, Request, Response
from rdflib import Graph

from ..errors import BadQuery, NotFound
from ..formats import BY_NAME
from .deps import ServiceState, get_state, require_sparql_write, store_update
from .errors import ERROR_RESPONSES, BadRequest, PayloadTooLarge, UnsupportedMediaType
from .negotiation import RDF_GRAPH, SPARQL_RESULTS, negotiate
from .sparql_guard import SparqlShape, check, with_dataset

log = logging.getLogger(__name__)

router = APIRouter(tags=["SPARQL"], responses=ERROR_RESPONSES)

TRUNCATED_HEADER = "X-Newsgraph-Truncated"
ROW_LIMIT_HEADER = "X-Newsgraph-Row-Limit"

_QUERY_BODY = {
    "requestBody": {
        "description": "A query (form field 'query' or a raw application/sparql-query body) or an update "
        "(form field 'update' or a raw application/sparql-update body; needs the bearer token).",
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
        },
    },
}

_RESULT_CONTENT: dict[str, dict[str, Any]] = {media: {} for media in list(SPARQL_RESULTS) + list(RDF_GRAPH)}


def media_type_of(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _check_length(state: ServiceState, text: str, what: str) -> None:
    limit = state.settings.max_query_chars
    if len(text) > limit:
        raise PayloadTooLarge(f"the {what} has {len(text):,} characters; the limit is {limit:,}")


def _validate_iri(iri: str, what: str) -> str:
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        raise BadRequest(f"{what} {iri!r} is not a valid IRI: {exc}") from None
    if ":" not in iri:
        raise BadRequest(f"{what} {iri!r} is not an absolute IRI")
    return iri


def graph_exists(store, iri: str) -> bool:
    result = store.own_query(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", accept="application/sparql-results+json")
    return bool(result.boolean)


def _check_dataset(iris: list[str]) -> None:
    """FROM/USING/default-graph-uri/named-graph-uri must be valid IRIs. A graph the store does
    not hold is an empty graph (SPARQL 1.1 Protocol): every backend newsgraph runs on looks
    graphs up in its own dataset and never fetches one (rdflib's loading is switched off in
    the memory store), so a URL here is only ever a name."""
    for iri in dict.fromkeys(iris):
        _validate_iri(iri, "graph")


async def run_query(
    state: ServiceState,
    text: str,
    accept: str | None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    stale_ok: bool = False,
) -> Response:
    _check_length(state, text, "query")
    if not text.strip():
        raise BadQuery("the query is empty")
    shape: SparqlShape = check(text, update=False)
    _check_dataset([*shape.graphs, *default_graphs, *named_graphs])
    media = negotiate(accept, RDF_GRAPH if shape.returns_graph else SPARQL_RESULTS)
    store = state.get_store()
    text = with_dataset(text, list(default_graphs), list(named_graphs))

    def execute():
        return store.query(text, accept=media, timeout=state.settings.query_timeout, stale_ok=stale_ok)

    result = await state.read(execute)
    if result.kind == "graph" and not shape.returns_graph:
        # The tokenizer could not tell the form; the negotiation must follow the result.
        media = negotiate(accept, RDF_GRAPH)
    headers = {}
    if result.truncated:
        headers[TRUNCATED_HEADER] = "true"
        headers[ROW_LIMIT_HEADER] = str(state.settings.max_rows)
    return Response(result.body, media_type=result.media_type or media, headers=headers)


async def run_update(state: ServiceState, text: str) -> Response:
    _check_length(state, text, "update")
    if not text.strip():
        raise BadQuery("the update is empty")
    shape = check(text, update=True)
    _check_dataset(shape.graphs)
    store = state.get_store()
    await state.write(store_update, store, text)
    return Response(status_code=204)


def _service_description(request: Request, state: ServiceState) -> Graph:
    endpoint = str(request.url.replace(query=""))
    update = "sd:SPARQL11Update" if state.settings.api_token else ""
    formats = "\n".join(
        f"    sd:resultFormat <http://www.w3.org/ns/formats/{name}> ;"
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                     "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
    )
    turtle = f"""
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query {", " + update if update else ""} ;
{formats}
    sd:feature sd:UnionDefaultGraph ;
    rdfs:comment \"\"\"newsgraph SPARQL endpoint. The default graph is the union of every article's named graph.
Queries stop after {state.settings.query_timeout:g} s (503) and return at most {state.settings.max_rows:,} rows (header {TRUNCATED_HEADER} when cut).
SERVICE and LOAD are refused: the server never fetches URLs. FROM/USING of a graph the store does not hold reads an empty graph.
Updates {"need 'Authorization: Bearer <token>'" if update else "are disabled (no NEWSGRAPH_API_TOKEN configured)"}.\"\"\" ;
    sd:defaultDataset [ a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; rdfs:comment "union of all article graphs" ] ] .
"""
    return Graph().parse(data=turtle, format="turtle")


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the service description without a query",
    responses={200: {"content": _RESULT_CONTENT, "description": "Query results, or the service description"}},
)
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    state: ServiceState = Depends(get_state),
) -> Response:
    if named_graph_uri is None:
        named_graph_uri = []
    if default_graph_uri is None:
        default_graph_uri = []
    if "update" in request.query_params:
        raise BadRequest("SPARQL updates are sent with POST (form field 'update' or application/sparql-update)")
    if query is None:
        media = negotiate(request.headers.get("accept"), RDF_GRAPH)
        graph = _service_description(request, state)
        writer = BY_NAME[RDF_GRAPH[media]].rdflib
        assert writer is not None  # rdflib writes every graph format
        return Response(graph.serialize(format=writer), media_type=media)
    return await run_query(state, query, request.headers.get("accept"), default_graph_uri, named_graph_uri,
                           stale_ok=state.stale_ok(request))


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST)",
    openapi_extra=_QUERY_BODY,
    responses={
        200: {"content": _RESULT_CONTENT, "description": "Query results"},
        204: {"description": "Update applied"},
    },
)
async def sparql_post(request: Request, state: ServiceState = Depends(get_state)) -> Response:
    kind = media_type_of(request)
    body = await request.body()
    graphs = {
        "default": request.query_params.getlist("default-graph-uri"),
        "named": request.query_params.getlist("named-graph-uri"),
    }
    if kind == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise BadRequest("the form is not UTF-8") from None
        graphs["default"] += form.get("default-graph-uri", [])
        graphs["named"] += form.get("named-graph-uri", [])
        if "query" in form and "update" in form:
            raise BadRequest("send either 'query' or 'update', not both")
        if "update" in form:
            require_sparql_write(request)
            return await run_update(state, _single(form, "update"))
        if "query" in form:
            return await run_query(state, _single(form, "query"), request.headers.get("accept"), graphs["default"],
                                   graphs["named"], stale_ok=state.stale_ok(request))
        raise BadRequest("the form has neither a 'query' nor an 'update' field")
    if kind in ("application/sparql-query", "application/sparql-update"):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("the body is not UTF-8") from None
        if kind == "application/sparql-update":
            require_sparql_write(request)
            return await run_update(state, text)
        return await run_query(state, text, request.headers.get("accept"), graphs["default"], graphs["named"],
                               stale_ok=state.stale_ok(request))
    raise UnsupportedMediaType(
        f"POST /sparql takes application/x-www-form-urlencoded, application/sparql-query or "
        f"application/sparql-update, not {kind or 'a body without Content-Type'}"
    )


def _single(form: dict[str, list[str]], name: str) -> str:
    values = form[name]
    if len(values) != 1:
        raise BadRequest(f"send exactly one '{name}' field")
    return values[0]


# --- Graph Store HTTP Protocol -------------------------------------------------------

_GRAPH_PARAM = Query(description="IRI of the named graph.")


def _graph_target(graph: str | None, default: str | None) -> str | None:
    if graph is not None and default is not None:
        raise BadRequest("give either ?graph=IRI or ?default, not both")
    if graph is None and default is None:
        raise BadRequest("name the graph: ?graph=IRI (or ?default for the union default graph)")
    return None if graph is None else _validate_iri(graph, "graph")


def _parse_rdf(body: bytes, kind: str, base: str) -> list:
    try:
        rdf_format = pyoxigraph.RdfFormat.from_media_type(kind) if kind else None
    except ValueError:
        rdf_format = None
    jsonld = rdf_format == pyoxigraph.RdfFormat.JSON_LD
    if rdf_format is None or (rdf_format.supports_datasets and not jsonld):
        raise UnsupportedMediaType(
            f"send the graph as one of {', '.join(RDF_GRAPH)}, not {kind or 'a body without Content-Type'}"
        )
    try:
        parsed = list(pyoxigraph.parse(body, format=rdf_format, base_iri=base))
    except SyntaxError as exc:
        raise BadRequest(f"the {kind} body does not parse: {exc}") from None
    if jsonld:
        # A JSON-LD document may wrap its nodes in a named graph ({"@id": g, "@graph": [...]},
        # as GET /articles/{id} writes it): its triples are the graph's, whatever it is called.
        parsed = list(dict.fromkeys(q.triple for q in parsed))
    return parsed




def graph_as(store, construct: str, name: str, graph_name: str | None = None) -> bytes:
    """A CONSTRUCT's whole result in format ``name``; dataset formats put it in ``graph_name``."""
    from ..ontology import PREFIXES

    nt, _ = store.construct_ntriples(construct)
    triples = pyoxigraph.parse(nt, format=pyoxigraph.RdfFormat.N_TRIPLES)
    if name == "jsonld":  # compact, with @context and @type; a named graph keeps its name
        from ..jsonld import graph_bytes

        return graph_bytes(triples, graph_name)
    fmt = BY_NAME[name].oxigraph
    if not isinstance(fmt, pyoxigraph.RdfFormat):
        raise ValueError(f"{name} is a SPARQL results format, not an RDF one")
    quads: Iterable[pyoxigraph.Quad] = triples
    if fmt.supports_datasets:
        node = pyoxigraph.NamedNode(graph_name) if graph_name else pyoxigraph.DefaultGraph()
        quads = (pyoxigraph.Quad(t.subject, t.predicate, t.object, node) for t in triples)
    prefixes = {p: str(i) for p, i in PREFIXES.items()} if name in ("turtle", "trig", "rdfxml", "jsonld") else None
    return pyoxigraph.serialize(quads, format=fmt, prefixes=prefixes) or b""


def head_response(media: str, headers: dict[str, str] | None = None) -> Response:
    """A HEAD answer: the GET's headers, without a Content-Length the body was never measured for."""
    response = Response(media_type=media, headers=headers)
    del response.headers["content-length"]
    return response


def _insert_data(iri: str, triples: list) -> str:
    lines = " .\n".join(f"{t.subject} {t.predicate} {t.object}" for t in triples)
    return f"INSERT DATA {{ GRAPH <{iri}> {{\n{lines} }} }}"


@router.get(
    "/rdf-graphs",
    summary="Graph Store Protocol: read one named graph",
    tags=["Graph Store"],
    responses={200: {"content": {m: {} for m in RDF_GRAPH}, "description": "The graph"}},
)
@router.head(
    "/rdf-graphs",
    summary="Graph Store Protocol: the headers GET would send, without the graph",
    tags=["Graph Store"],
    operation_id="gsp_head",
    responses={200: {"content": {m: {} for m in RDF_GRAPH}, "description": "The graph's headers"}},
)
async def gsp_get(
    request: Request,
    graph: Annotated[str | None, _GRAPH_PARAM] = None,
    default: Annotated[str | None, Query(description="Present: the default (union) graph.")] = None,
    state: ServiceState = Depends(get_state),
) -> Response:
    iri = _graph_target(graph, default)
    store = state.get_store()
    if iri is not None and not await state.read(graph_exists, store, iri):
        raise NotFound(f"no graph {iri} in the store")
    media = negotiate(request.headers.get("accept"), RDF_GRAPH)
    if request.method == "HEAD":
        return head_response(media)
    pattern = f"GRAPH <{iri}> {{ ?s ?p ?o }}" if iri else "?s ?p ?o"
    # The whole graph, not cut at the row limit: this is a download, not a query.
    body = await state.read(graph_as, store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}", RDF_GRAPH[media])
    return Response(body, media_type=media)


async def _gsp_write(request: Request, state: ServiceState, graph: str | None, default: str | None, replace: bool) -> Response:
    require_sparql_write(request)
    iri = _graph_target(graph, default)
    if iri is None:
        raise BadRequest("the default graph is the union of all named graphs and cannot be written; use ?graph=IRI")
    triples = _parse_rdf(await request.body(), media_type_of(request), iri)
    store = state.get_store()

    def write() -> bool:
        existed = graph_exists(store, iri)
        statements = [f"DROP SILENT GRAPH <{iri}>"] if replace else []
        if triples:
            statements.append(_insert_data(iri, triples))
        if statements:
            store_update(store, " ;\n".join(statements))
        return existed

    existed = await state.write(write)
    return Response(status_code=204 if existed else 201)


@router.put("/rdf-graphs", summary="Graph Store Protocol: replace one named graph", tags=["Graph Store"],
            status_code=201, responses={204: {"description": "Replaced"}, 201: {"description": "Created"}})
async def gsp_put(
    request: Request,
    graph: Annotated[str | None, _GRAPH_PARAM] = None,
    default: Annotated[str | None, Query()] = None,
    state: ServiceState = Depends(get_state),
) -> Response:
    return await _gsp_write(request, state, graph, default, replace=True)


@router.post("/rdf-graphs", summary="Graph Store Protocol: add triples to one named graph", tags=["Graph Store"],
             status_code=201, responses={204: {"description": "Merged"}, 201: {"description": "Created"}})
async def gsp_post(
    request: Request,
    graph: Annotated[str | None, _GRAPH_PARAM] = None,
    default: Annotated[str | None, Query()] = None,
    state: ServiceState = Depends(get_state),
) -> Response:
    return await _gsp_write(request, state, graph, default, replace=False)


@router.delete("/rdf-graphs", summary="Graph Store Protocol: delete one named graph", tags=["Graph Store"],
               status_code=204)
async def gsp_delete(
    request: Request,
    graph: Annotated[str | None, _GRAPH_PARAM] = None,
    default: Annotated[str | None, Query()] = None,
    state: ServiceState = Depends(get_state),
) -> Response:
    require_sparql_write(request)
    iri = _graph_target(graph, default)
    if iri is None:
        raise BadRequest("the default graph is the union of all named graphs and cannot be deleted; use ?graph=IRI")
    store = state.get_store()

    def drop() -> bool:
        if not graph_exists(store, iri):
            return False
        store_update(store, f"DROP GRAPH <{iri}>")
        return True

    if not await state.write(drop):
        raise NotFound(f"no graph {iri} in the store")
    return Response(status_code=204)


def mount(app, settings, store, *, prefix: str = "") -> None:
    """Add the SPARQL endpoint and the Graph Store Protocol to another FastAPI app, on ``store``.

    Errors get newsgraph's JSON error shape through its exception handlers.
    """
    from .errors import install_error_handlers

    if not hasattr(app.state, "newsgraph"):
        app.state.newsgraph = ServiceState(settings, store=store, nlp=None)
    install_error_handlers(app)
    app.include_router(router, prefix=prefix)
