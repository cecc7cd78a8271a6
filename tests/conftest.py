import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real newsgraph pipeline (loads the spaCy model once per test run)."""
    from newsgraph.nlp.model import load_pipeline

    return load_pipeline()


# --- Stores: every store test runs on memory, embedded Oxigraph and Virtuoso --------

STORE_BACKENDS = ["memory", "oxigraph", "virtuoso"]


@pytest.fixture(scope="session")
def virtuoso_server():
    """A private Virtuoso on a free loopback port for the whole run (skipped when not installed, except in CI)."""
    from virtuoso import require_virtuoso, start

    server = start(require_virtuoso())
    yield server
    server.stop()


def make_store(backend: str, request, tmp_path, **overrides):
    """A fresh, empty store of ``backend``; Virtuoso's article graphs are cleared first."""
    from newsgraph.settings import Settings
    from newsgraph.store import open_store

    if backend == "memory":
        return open_store(Settings(**overrides), spec="memory")
    if backend == "oxigraph":
        return open_store(Settings(**overrides), spec=f"oxigraph:{tmp_path / 'oxigraph'}")
    server = request.getfixturevalue("virtuoso_server")
    store = open_store(
        Settings(store_user=server.user, store_password=server.password, **overrides), spec=server.spec
    )
    store.clear()
    # The Virtuoso server is shared by the whole run: drop newsgraph graphs other tests left
    # under other base IRIs too, or they would join this test's union-graph queries.
    leftovers = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER(STRSTARTS(STR(?p), "https://w3id.org/newsgraph/ontology#")) }'
    )
    for row in leftovers:
        store.update(f"DROP SILENT GRAPH <{row['g']}>")
    return store


@pytest.fixture(params=STORE_BACKENDS)
def any_store(request, tmp_path):
    """An empty store, once per backend."""
    store = make_store(request.param, request, tmp_path)
    yield store
    store.close()
