"""The stand-ins for the model's attribute ruler and lemmatizer give the model's own output,
and the model's layers multiply through numpy to the same predictions."""

from __future__ import annotations

import pytest
import spacy
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import NumpyOps

from newsgraph.nlp.speedups import AttributeTable, CachedLemmas, speed_up

# patterns of the kinds a trained English model ships, in an order where later ones override
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBN"]}}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    # from here on, not a tag-only pattern: answered token by token
    {"patterns": [[{"TAG": "DT", "LOWER": "the"}]], "attrs": {"MORPH": "Definite=Def|PronType=Art"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "report"}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"TAG": "PRP", "LOWER": "she"}]], "attrs": {"LEMMA": "she", "MORPH": "Gender=Fem"}},
    {"patterns": [[{"LOWER": {"REGEX": "^w[aeiou]s$"}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": -1},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "VBD", "DEP": "aux"}], [{"TAG": "VBN", "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    # an operator the table does not answer: left to spaCy's Matcher, still in its turn
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADV"}},
    # a later pattern wins over the earlier ones above
    {"patterns": [[{"LOWER": "report"}]], "attrs": {"POS": "PROPN"}},
]

WORDS = ["The", "report", "was", "gon", "na", "say", "that", "she", "had", "left", "\n", "let", "'s",
         "go", ";", "that", "very", "very", "big", "dog", "the"]
TAGS = ["DT", "NN", "VBD", "VBG", "TO", "VB", "DT", "PRP", "VBD", "VBN", "_SP", "VB", "PRP",
        "VB", ":", "DT", "RB", "RB", "JJ", "NN", "DT"]
DEPS = ["det", "nsubj", "aux", "ROOT", "aux", "xcomp", "nsubj", "nsubj", "aux", "ccomp", "dep", "conj",
        "nsubj", "ccomp", "punct", "det", "advmod", "advmod", "amod", "dobj", "dep"]
HEADS = [1, 3, 3, 3, 5, 3, 9, 9, 9, 5, 9, 3, 13, 11, 3, 19, 18, 18, 19, 13, 19]


def build(vocab) -> Doc:
    return Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


def annotation(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_attribute_table_gives_the_rulers_output():
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(PATTERNS)
    expected = annotation(ruler(build(vocab)))
    table = AttributeTable(ruler)
    assert annotation(table(build(vocab))) == expected
    # the cases the patterns are there for really happened (so the comparison says something)
    by_word = {(row[0], i): row for i, row in enumerate(expected)}
    assert by_word[("The", 0)][2:4] == ("DET", "Definite=Def|PronType=Art")
    assert by_word[("report", 1)][2] == "PROPN"  # the later pattern won
    assert by_word[("was", 2)][2] == "AUX"  # regular expression
    assert by_word[("na", 4)][4] == "to" and by_word[("'s", 12)][4] == "us"  # index 1 and -1
    assert by_word[("that", 6)][2] == "PRON"  # NOT_IN on the dependency
    assert by_word[("had", 8)][2] == "AUX"  # second alternative of one pattern
    assert by_word[("\n", 10)][2] == "SPACE"
    assert by_word[("very", 16)][2] == "ADV"  # the Matcher's part
    assert by_word[("dog", 19)][2:4] == ("NOUN", "Number=Sing")  # only the tag-only rule applied


def test_attribute_table_leaves_untested_tokens_and_empty_docs_alone():
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(PATTERNS)
    table = AttributeTable(ruler)
    doc = Doc(vocab, words=["Xyz", "!"], tags=["NNP", "."], pos=["PROPN", "PUNCT"])
    assert [t.pos_ for t in table(doc)] == ["PROPN", "PUNCT"]
    assert len(table(Doc(vocab, words=[]))) == 0


def _rule_lemmatizer(vocab) -> Lemmatizer:
    lemmatizer = Lemmatizer(vocab, None, mode="rule")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""], ["ing", ""]]})
    lookups.add_table("lemma_exc", {"verb": {"went": ["go"]}})
    lookups.add_table("lemma_index", {"noun": ["dog"], "verb": ["walk", "go"]})
    lemmatizer.initialize(lookups=lookups)
    return lemmatizer


def test_cached_lemmas_equal_the_rule_lemmatizers_and_keep_set_lemmas():
    vocab = spacy.blank("en").vocab
    words = ["dogs", "walked", "went", "walking", "dogs", "Paris", "us"]
    pos = ["NOUN", "VERB", "VERB", "VERB", "NOUN", "PROPN", "PRON"]
    lemmatizer = _rule_lemmatizer(vocab)
    expected = [t.lemma_ for t in lemmatizer(Doc(vocab, words=words, pos=pos))]
    assert expected[:4] == ["dog", "walk", "go", "walk"]
    cached = CachedLemmas(lemmatizer)
    for _ in range(2):  # the second time from the cache
        assert [t.lemma_ for t in cached(Doc(vocab, words=words, pos=pos))] == expected
    # a lemma set earlier (by the attribute ruler) is kept, as the lemmatizer keeps it
    preset = Doc(vocab, words=["dogs"], pos=["NOUN"], lemmas=["hound"])
    assert cached(preset)[0].lemma_ == "hound"


def test_speed_up_replaces_only_components_it_can_stand_in_for():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    nlp.add_pipe("sentencizer")
    speed_up(nlp)
    assert nlp.pipe_names == ["attribute_ruler", "sentencizer"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    # a lookup-mode lemmatizer is not the rule lemmatizer the cache stands for
    other = spacy.blank("en")
    other.add_pipe("lemmatizer", config={"mode": "lookup"})
    speed_up(other)
    assert type(other.get_pipe("lemmatizer")).__name__ != "CachedLemmas"


def test_speed_up_moves_every_layer_to_numpy_matmul_with_the_same_scores():
    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("tagger")
    examples = [Example.from_dict(nlp.make_doc(text), {"tags": tags}) for text, tags in [
        ("Ann Lee sold shares", ["NNP", "NNP", "VBD", "NNS"]),
        ("The bank raised rates", ["DT", "NN", "VBD", "NNS"]),
    ]]
    nlp.initialize(lambda: examples)
    layers = list(tagger.model.walk())
    assert all(getattr(layer.ops, "use_blis", True) for layer in layers)  # thinc's default: BLIS
    doc = nlp.make_doc("The bank sold shares to Ann Lee")
    before = tagger.model.predict([doc])
    speed_up(nlp)
    assert all(type(layer.ops) is NumpyOps and layer.ops.use_blis is False for layer in tagger.model.walk())
    after = tagger.model.predict([doc])
    assert len(after) == 1 and after[0].shape == before[0].shape
    assert abs(after[0] - before[0]).max() < 1e-4


@pytest.mark.model
def test_the_pipeline_reads_like_the_stock_model(nlp):
    from newsgraph.nlp.model import load_base_model

    stock = load_base_model()
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmas)
    text = ("She wasn't gonna say it, but they've had enough: \"Let's go,\" the mayor's aide said. "
            "There were 3 bids.\n\nIt'd been years since the firm's shares rose 4 pct.")
    model_parts = [name for name in nlp.pipe_names if not name.startswith("newsgraph_")]
    with nlp.select_pipes(enable=model_parts):
        ours = nlp(text)
    theirs = stock(text)
    assert annotation(ours) == annotation(theirs)
