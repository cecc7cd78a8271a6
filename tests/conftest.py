import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real newsgraph pipeline (loads the spaCy model once per test run)."""
    from newsgraph.nlp.model import load_pipeline

    return load_pipeline()
