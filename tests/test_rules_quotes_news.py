"""Quotes, model-free: the attribution classes found on real news (issue 15).

Countries as speakers, datelines that are not, appeals ("urged X to ..."), quotes that lost
their quotation marks (block quotes after a colon, pull quotes signed by a name, a first-person
paragraph going on), pronouns after a joint subject, and "that" as a determiner.
"""

import spacy
from docbuild import make_doc, run
from spacy.tokens import Doc

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.facts import register_extensions
from newsgraph.nlp.quotes import _DocIndex, quote_spans

_vocab = spacy.blank("en").vocab


def quotes_in(doc):
    doc = run(doc, "newsgraph_entities", "newsgraph_quotes")
    return [(q.speaker.name, doc.text[q.start:q.end], q.direct) for q in doc._.ng_quotes], doc


def sentences(*parts):
    """A Doc from sentences given as [(word, head offset in the sentence, dep, pos, lemma)],
    with "\\n\\n" between two sentences that end and start a paragraph."""
    register_extensions()
    words, spaces, heads, deps, pos, lemmas = [], [], [], [], [], []
    for part in parts:
        if part == "\n\n":
            spaces[-1] = False
            words.append("\n\n")
            spaces.append(False)
            heads.append(len(words) - 2)
            deps.append("dep")
            pos.append("SPACE")
            lemmas.append("\n\n")
            continue
        base = len(words)
        for k, (word, head, dep, tag, lemma) in enumerate(part):
            words.append(word)
            following = part[k + 1][0] if k + 1 < len(part) else None
            spaces.append(following not in (None, ".", ",", ":", "'s"))
            heads.append(base + head)
            deps.append(dep)
            pos.append(tag)
            lemmas.append(lemma or word.lower())
        spaces[-1] = True
    spaces[-1] = False
    opening = True
    for k, word in enumerate(words):  # '"We ... fight," said': marks hug the words they enclose
        if word == '"':
            if opening:
                spaces[k] = False
            elif k:
                spaces[k - 1] = False
            opening = not opening
    return Doc(_vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def with_ents(doc, ents):
    spans = []
    for text, label in ents:
        start = doc.text.index(text)
        spans.append(doc.char_span(start, start + len(text), label=label))
    doc.ents = spans
    return doc


def test_a_country_speaks_as_the_subject_of_a_speech_verb():
    text = "South Korea says the broadcasts will continue ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (6, "nsubj"), (6, "aux"), (2, "ccomp"),
             (2, "punct")]
    doc = make_doc(text, ents={"South Korea": "GPE"}, parse=parse, lemmas={"says": "say"},
                   pos={"says": "VERB", "continue": "VERB", "will": "AUX"})
    found, _ = quotes_in(doc)
    assert found == [("South Korea", "the broadcasts will continue.", False)]


def test_the_place_of_a_dateline_is_not_a_speaker():
    text = "WINNIPEG , Manitoba , Feb 26 - it said sales rose ."
    # the parser hangs the dateline's place on the verb as a second subject
    parse = [(8, "nsubj"), (0, "punct"), (0, "appos"), (0, "punct"), (5, "compound"), (0, "npadvmod"),
             (0, "punct"), (8, "nsubj"), (8, "ROOT"), (10, "nsubj"), (8, "ccomp"), (8, "punct")]
    doc = make_doc(text, ents={"WINNIPEG": "GPE", "Manitoba": "GPE"}, parse=parse, lemmas={"said": "say"},
                   pos={"said": "VERB", "rose": "VERB", "it": "PRON", "-": "PUNCT"})
    found, _ = quotes_in(doc)
    assert found == []


def test_a_place_beside_an_organisation_subject_does_not_speak():
    text = "NEWARK , Acme Ltd said sales rose ."
    parse = [(4, "nsubj"), (0, "punct"), (3, "compound"), (4, "nsubj"), (4, "ROOT"), (6, "nsubj"), (4, "ccomp"),
             (4, "punct")]
    doc = make_doc(text, ents={"NEWARK": "GPE", "Acme Ltd": "ORG"}, parse=parse, lemmas={"said": "say"},
                   pos={"said": "VERB", "rose": "VERB"})
    found, _ = quotes_in(doc)
    assert [(speaker, words) for speaker, words, _ in found] == [("Acme Ltd", "sales rose.")]


def test_an_inverted_attribution_does_not_reach_into_the_next_sentence():
    # '"We will win this fight," said the report. Washington grew.': the report speaks, not Washington
    doc = sentences(
        [('"', 8, "punct", "PUNCT", None), ("We", 3, "nsubj", "PRON", None), ("will", 3, "aux", "AUX", None),
         ("win", 8, "ccomp", "VERB", None), ("this", 5, "det", "DET", None), ("fight", 3, "dobj", "NOUN", None),
         (",", 8, "punct", "PUNCT", None), ('"', 8, "punct", "PUNCT", None), ("said", 8, "ROOT", "VERB", "say"),
         ("the", 10, "det", "DET", None), ("report", 8, "nsubj", "NOUN", None), (".", 8, "punct", "PUNCT", None)],
        [("Washington", 1, "nsubj", "PROPN", None), ("grew", 1, "ROOT", "VERB", None),
         (".", 1, "punct", "PUNCT", None)],
    )
    doc = with_ents(doc, [("Washington", "GPE")])
    found, _ = quotes_in(doc)
    assert found == []


def test_an_appeal_reports_what_the_speaker_asked_others_to_do():
    text = "Jane Roe asked the banks not to raise rates ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (7, "neg"), (7, "aux"),
             (2, "xcomp"), (7, "dobj"), (2, "punct")]
    doc = make_doc(text, ents={"Jane Roe": "PERSON"}, parse=parse, lemmas={"asked": "ask"},
                   pos={"asked": "VERB", "raise": "VERB", "not": "PART", "to": "PART"})
    found, _ = quotes_in(doc)
    assert found == [("Jane Roe", "not to raise rates.", False)]


def test_asking_to_do_something_oneself_is_no_report():
    text = "Jane Roe asked to remain at home today ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "aux"), (2, "xcomp"), (4, "prep"), (5, "pobj"),
             (4, "npadvmod"), (2, "punct")]
    doc = make_doc(text, ents={"Jane Roe": "PERSON"}, parse=parse, lemmas={"asked": "ask"},
                   pos={"asked": "VERB", "remain": "VERB", "to": "PART"})
    found, _ = quotes_in(doc)
    assert found == []


def test_a_paragraph_introduced_by_a_speaker_and_a_colon_is_their_block_quote():
    doc = sentences(
        [("The", 2, "det", "DET", None), ("Acme", 2, "compound", "PROPN", None),
         ("Company", 3, "nsubj", "PROPN", None), ("denied", 3, "ROOT", "VERB", "deny"),
         ("the", 5, "det", "DET", None), ("claims", 3, "dobj", "NOUN", None), (":", 3, "punct", "PUNCT", None)],
        "\n\n",
        [("We", 2, "nsubj", "PRON", None), ("never", 2, "neg", "ADV", None), ("kept", 2, "ROOT", "VERB", "keep"),
         ("anyone", 2, "dobj", "PRON", None), ("there", 2, "advmod", "ADV", None), (".", 2, "punct", "PUNCT", None)],
        [("Nobody", 2, "nsubjpass", "PRON", None), ("was", 2, "auxpass", "AUX", "be"),
         ("forced", 2, "ROOT", "VERB", "force"), (".", 2, "punct", "PUNCT", None)],
        [("They", 1, "nsubj", "PRON", None), ("claimed", 1, "ROOT", "VERB", "claim"),
         ("Jane", 3, "nsubj", "PROPN", None), ("lied", 1, "ccomp", "VERB", "lie"), (".", 1, "punct", "PUNCT", None)],
    )
    doc = with_ents(doc, [("Acme Company", "ORG"), ("Jane", "PERSON")])
    found, _ = quotes_in(doc)
    assert ("Acme Company", "We never kept anyone there. Nobody was forced.", True) in found
    # the narration after it goes back to reporting, and "they" is the organisation just quoted
    assert ("Acme Company", "Jane lied.", False) in found


def test_a_colon_after_a_reported_clause_introduces_a_list_not_a_quote():
    doc = sentences(
        [("Jane", 1, "compound", "PROPN", None), ("Roe", 2, "nsubj", "PROPN", None),
         ("said", 2, "ROOT", "VERB", "say"), ("they", 4, "nsubj", "PRON", None),
         ("agreed", 2, "ccomp", "VERB", "agree"), (":", 2, "punct", "PUNCT", None)],
        "\n\n",
        [("Prices", 2, "nsubjpass", "NOUN", None), ("are", 2, "auxpass", "AUX", "be"),
         ("reviewed", 2, "ROOT", "VERB", "review"), ("every", 4, "det", "DET", None),
         ("year", 2, "npadvmod", "NOUN", None), (".", 2, "punct", "PUNCT", None)],
    )
    doc = with_ents(doc, [("Jane Roe", "PERSON")])
    found, _ = quotes_in(doc)
    assert all(not words.startswith("Prices") for _, words, _ in found)


def _signed(last_words, then=None):
    parts = [
        [("Jane", 1, "compound", "PROPN", None), ("Roe", 2, "nsubj", "PROPN", None),
         ("left", 2, "ROOT", "VERB", "leave"), ("in", 2, "prep", "ADP", None), ("2007", 3, "pobj", "NUM", None),
         (".", 2, "punct", "PUNCT", None)],
        "\n\n",
        last_words,
        [("Jane", 1, "compound", "PROPN", None), ("Roe", 1, "ROOT", "PROPN", None)],
    ]
    if then:
        parts += ["\n\n", *then]
    doc = sentences(*parts)
    start = doc.text.index("Jane Roe")
    second = doc.text.index("Jane Roe", start + 1)
    doc.ents = [doc.char_span(start, start + 8, label="PERSON"), doc.char_span(second, second + 8, label="PERSON")]
    return doc


_FIRST_PERSON = [("I", 2, "nsubjpass", "PRON", None), ("was", 2, "auxpass", "AUX", "be"),
                 ("never", 2, "neg", "ADV", None), ("told", 2, "ROOT", "VERB", "tell"),
                 ("why", 2, "advmod", "ADV", None), (".", 2, "punct", "PUNCT", None)]


def test_a_first_person_paragraph_signed_by_a_name_is_that_persons_pull_quote():
    found, _ = quotes_in(_signed(_FIRST_PERSON))
    assert found == [("Jane Roe", "I was never told why.", True)]


def test_a_first_person_paragraph_after_a_pull_quote_goes_on_quoting():
    then = [[("I", 1, "nsubj", "PRON", None), ("wanted", 1, "ROOT", "VERB", "want"), ("out", 1, "prt", "ADP", None),
             (".", 1, "punct", "PUNCT", None)],
            [("The", 1, "det", "DET", None), ("ship", 2, "nsubj", "NOUN", None), ("sailed", 2, "ROOT", "VERB", "sail"),
             (".", 2, "punct", "PUNCT", None)]]
    found, _ = quotes_in(_signed(_FIRST_PERSON, then))
    assert found == [("Jane Roe", "I was never told why.", True), ("Jane Roe", "I wanted out.", True)]


def test_a_third_person_paragraph_ending_in_a_name_is_not_a_quote():
    caption = [("The", 1, "det", "DET", None), ("plant", 2, "nsubj", "NOUN", None),
               ("closed", 2, "ROOT", "VERB", "close"), ("in", 2, "prep", "ADP", None),
               ("May", 3, "pobj", "PROPN", None), (".", 2, "punct", "PUNCT", None)]
    found, _ = quotes_in(_signed(caption))
    assert found == []


def test_a_pronoun_after_a_joint_subject_gives_no_gender_to_its_first_member():
    text = "Tom Sam and his wife Ann Sam are on trial . She is ill ."
    parse = [(1, "compound"), (7, "nsubj"), (1, "cc"), (4, "poss"), (7, "nsubj"), (6, "compound"), (4, "appos"),
             (7, "ROOT"), (7, "prep"), (8, "pobj"), (7, "punct"),
             (12, "nsubj"), (12, "ROOT"), (12, "acomp"), (12, "punct")]
    doc = make_doc(text, ents={"Tom Sam": "PERSON", "Ann Sam": "PERSON"}, parse=parse,
                   pos={"She": "PRON", "his": "PRON", "are": "AUX", "is": "AUX"})
    doc = run(doc, "newsgraph_entities")
    index = _DocIndex(doc, quote_spans(doc.text))
    tom = next(c for c in doc._.ng_entities if c.name == "Tom Sam")
    assert index.gender.get(id(tom)) is None  # not "f": "She" may be his wife or anyone else


def test_that_before_a_noun_the_report_points_back_to_stays_in_the_report():
    text = "The Acme Church estimates that number is closer to 400 ."
    parse = [(2, "det"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (6, "mark"), (6, "nsubj"), (3, "ccomp"),
             (6, "acomp"), (7, "prep"), (8, "pobj"), (3, "punct")]
    doc = make_doc(text, ents={"Acme Church": "ORG"}, parse=parse, lemmas={"estimates": "estimate", "is": "be"},
                   pos={"estimates": "VERB", "is": "AUX", "that": "SCONJ", "400": "NUM"})
    found, _ = quotes_in(doc)
    assert found == [("Acme Church", "that number is closer to 400.", False)]


def test_that_as_a_complementiser_still_goes():
    text = "The Acme Church said that prices will rise ."
    parse = [(2, "det"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (7, "mark"), (7, "nsubj"), (7, "aux"),
             (3, "ccomp"), (3, "punct")]
    doc = make_doc(text, ents={"Acme Church": "ORG"}, parse=parse, lemmas={"said": "say"},
                   pos={"said": "VERB", "will": "AUX", "rise": "VERB", "that": "SCONJ"})
    found, _ = quotes_in(doc)
    assert found == [("Acme Church", "prices will rise.", False)]


def test_a_dateline_word_is_never_a_speaker_whatever_its_type():
    text = "ZELNOR , Wyo. , March 4 - Zelnor Mills Inc said it cut its debt ."
    parse = [(10, "nsubj"), (0, "punct"), (0, "appos"), (0, "punct"), (5, "compound"), (0, "npadvmod"),
             (0, "punct"), (9, "compound"), (9, "compound"), (10, "nsubj"), (10, "ROOT"), (12, "nsubj"),
             (10, "ccomp"), (14, "poss"), (12, "dobj"), (10, "punct")]
    # the model read the dateline's town as a person
    doc = make_doc(text, ents=[("ZELNOR", "PERSON"), ("Zelnor Mills Inc", "ORG")], parse=parse,
                   lemmas={"said": "say"}, pos={"said": "VERB", "cut": "VERB", "it": "PRON", "its": "PRON"})
    found, _ = quotes_in(doc)
    assert [speaker for speaker, _, _ in found] == ["Zelnor Mills Inc"]


def test_a_one_word_name_opening_a_company_name_speaks_for_the_company():
    text = "Zelnor Mills Inc grew . Zelnor said sales rose ."
    parse = [(1, "compound"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (3, "punct"),
             (6, "nsubj"), (6, "ROOT"), (8, "nsubj"), (6, "ccomp"), (6, "punct")]
    doc = make_doc(text, ents=[("Zelnor Mills Inc", "ORG"), ("Zelnor", "PERSON")], parse=parse,
                   lemmas={"said": "say"}, pos={"said": "VERB", "rose": "VERB", "grew": "VERB"})
    found, _ = quotes_in(doc)
    assert found == [("Zelnor Mills Inc", "sales rose.", False)]


def test_a_title_subject_speaks_through_the_name_that_closes_it():
    text = "Executive director of the Zelnor Trust Ann Lee said prices rose ."
    parse = [(1, "amod"), (8, "nsubj"), (1, "prep"), (5, "det"), (5, "compound"), (2, "pobj"),
             (7, "compound"), (5, "appos"), (8, "ROOT"), (10, "nsubj"), (8, "ccomp"), (8, "punct")]
    doc = make_doc(text, ents={"Zelnor Trust": "ORG", "Ann Lee": "PERSON"}, parse=parse, lemmas={"said": "say"},
                   pos={"said": "VERB", "rose": "VERB", "Executive": "ADJ", "of": "ADP", "the": "DET"})
    found, _ = quotes_in(doc)
    assert found == [("Ann Lee", "prices rose.", False)]


def test_the_one_named_example_of_a_plural_subject_speaks():
    text = "Other papers such as Zelnor Daily have said that they will print it ."
    parse = [(1, "amod"), (7, "nsubj"), (3, "amod"), (1, "prep"), (5, "compound"), (3, "pobj"), (7, "aux"),
             (7, "ROOT"), (11, "mark"), (11, "nsubj"), (11, "aux"), (7, "ccomp"), (11, "dobj"), (7, "punct")]
    doc = make_doc(text, ents={"Zelnor Daily": "ORG"}, parse=parse, lemmas={"said": "say"},
                   pos={"said": "VERB", "print": "VERB", "have": "AUX", "will": "AUX", "such": "ADJ", "as": "ADP",
                        "they": "PRON", "it": "PRON"})
    doc[1].tag_ = "NNS"
    found, _ = quotes_in(doc)
    assert found == [("Zelnor Daily", "they will print it.", False)]


def test_a_plural_subject_with_several_examples_names_no_one_speaker():
    text = "Papers such as Zelnor Daily and Acme Post said they will print it ."
    parse = [(8, "nsubj"), (2, "amod"), (0, "prep"), (4, "compound"), (2, "pobj"), (4, "cc"), (7, "compound"),
             (4, "conj"), (8, "ROOT"), (11, "nsubj"), (11, "aux"), (8, "ccomp"), (11, "dobj"), (8, "punct")]
    doc = make_doc(text, ents={"Zelnor Daily": "ORG", "Acme Post": "ORG"}, parse=parse, lemmas={"said": "say"},
                   pos={"said": "VERB", "print": "VERB", "will": "AUX", "such": "ADJ", "as": "ADP",
                        "they": "PRON", "it": "PRON", "and": "CCONJ"})
    doc[0].tag_ = "NNS"
    found, _ = quotes_in(doc)
    assert found == []


def _with_role(text, parse, ents, role, pos):
    from newsgraph.nlp.facts import RoleFact

    doc = run(make_doc(text, ents=ents, parse=parse, lemmas={"said": "say"}, pos=pos), "newsgraph_entities")
    person = next(c for c in doc._.ng_entities if c.type == "Person")
    doc._.ng_roles = [RoleFact(person=person, role=role, organization=None, sentence=doc[0:5], confidence=0.9)]
    doc = run(doc, "newsgraph_quotes")
    return [(q.speaker.name, doc.text[q.start:q.end]) for q in doc._.ng_quotes]


def test_the_title_alone_speaks_for_the_one_person_given_it_before():
    text = "Police chief Tom Barrow arrived . The police chief said the suspect fled ."
    parse = [(1, "compound"), (3, "compound"), (3, "compound"), (4, "nsubj"), (4, "ROOT"), (4, "punct"),
             (8, "det"), (8, "compound"), (9, "nsubj"), (9, "ROOT"), (11, "det"), (12, "nsubj"), (9, "ccomp"),
             (9, "punct")]
    pos = {"said": "VERB", "fled": "VERB", "arrived": "VERB", "The": "DET", "Police": "NOUN", "chief": "NOUN"}
    found = _with_role(text, parse, {"Tom Barrow": "PERSON"}, "police chief", pos)
    assert found == [("Tom Barrow", "the suspect fled.")]
    # a title nobody was given names no speaker
    found = _with_role(text, parse, {"Tom Barrow": "PERSON"}, "mayor", pos)
    assert found == []


def test_a_transcript_line_is_the_answer_of_the_person_it_names():
    doc = sentences(
        [("Jane", 1, "compound", "PROPN", None), ("Roe", 2, "nsubj", "PROPN", None),
         ("spoke", 2, "ROOT", "VERB", "speak"), (".", 2, "punct", "PUNCT", None)],
        "\n\n",
        [("Jane", 1, "compound", "PROPN", None), ("Roe", 1, "ROOT", "PROPN", None), (":", 1, "punct", "PUNCT", None),
         ("We", 5, "nsubj", "PRON", None), ("never", 5, "neg", "ADV", None), ("planned", 1, "dep", "VERB", "plan"),
         ("it", 5, "dobj", "PRON", None), (".", 1, "punct", "PUNCT", None)],
        "\n\n",
        [("Roe", 0, "ROOT", "PROPN", None), (":", 0, "punct", "PUNCT", None), ("It", 3, "nsubj", "PRON", None),
         ("happened", 0, "dep", "VERB", "happen"), ("fast", 3, "advmod", "ADV", None),
         (".", 0, "punct", "PUNCT", None)],
    )
    text = doc.text
    first, second = text.index("Jane Roe"), text.index("Jane Roe", 5)
    doc.ents = [doc.char_span(first, first + 8, label="PERSON"), doc.char_span(second, second + 8, label="PERSON")]
    found, _ = quotes_in(doc)
    assert found == [("Jane Roe", "We never planned it.", True), ("Jane Roe", "It happened fast.", True)]


def test_a_document_speaks_for_its_named_issuer_only():
    text = "The report , published by Zelnor Watch , says that prisoners were abused ."
    parse = [(1, "det"), (8, "nsubj"), (1, "punct"), (1, "acl"), (3, "agent"), (6, "compound"), (4, "pobj"),
             (1, "punct"), (8, "ROOT"), (12, "mark"), (12, "nsubjpass"), (12, "auxpass"), (8, "ccomp"), (8, "punct")]
    doc = make_doc(text, ents={"Zelnor Watch": "ORG"}, parse=parse, lemmas={"says": "say"},
                   pos={"says": "VERB", "published": "VERB", "abused": "VERB", "were": "AUX", "by": "ADP",
                        "The": "DET", "that": "SCONJ"})
    doc[3].tag_ = "VBN"
    found, _ = quotes_in(doc)
    assert found == [("Zelnor Watch", "prisoners were abused.", False)]
    text = "Zelnor Watch met . The report says that prisoners were abused ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (5, "det"), (6, "nsubj"), (6, "ROOT"),
             (10, "mark"), (10, "nsubjpass"), (10, "auxpass"), (6, "ccomp"), (6, "punct")]
    doc = make_doc(text, ents={"Zelnor Watch": "ORG"}, parse=parse, lemmas={"says": "say"},
                   pos={"says": "VERB", "met": "VERB", "abused": "VERB", "were": "AUX", "The": "DET",
                        "that": "SCONJ"})
    found, _ = quotes_in(doc)
    assert found == []  # a document with no named issuer is nobody's words


def test_according_to_a_statement_from_an_organisation_is_its_report():
    text = "Zelnor Post wrote . According to a statement from the Red Cross , 40 people died ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (15, "prep"), (4, "prep"), (7, "det"),
             (5, "pobj"), (7, "prep"), (11, "det"), (11, "compound"), (8, "pobj"), (15, "punct"), (14, "nummod"),
             (15, "nsubj"), (15, "ROOT"), (15, "punct")]
    doc = make_doc(text, ents={"Zelnor Post": "ORG", "Red Cross": "ORG"}, parse=parse,
                   lemmas={"wrote": "write", "died": "die"},
                   pos={"wrote": "VERB", "died": "VERB", "According": "VERB", "to": "ADP", "from": "ADP",
                        "40": "NUM", "a": "DET", "the": "DET"})
    found, _ = quotes_in(doc)
    assert found == [("Red Cross", "40 people died.", False)]


def test_a_participle_adding_a_report_speaks_for_the_subject_of_its_verb():
    text = "Ann Lee spoke , adding that costs fell ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (2, "advcl"), (7, "mark"), (7, "nsubj"),
             (4, "ccomp"), (2, "punct")]
    doc = make_doc(text, ents={"Ann Lee": "PERSON"}, parse=parse, lemmas={"adding": "add", "spoke": "speak"},
                   pos={"spoke": "VERB", "adding": "VERB", "fell": "VERB", "that": "SCONJ"})
    doc[4].tag_ = "VBG"
    found, _ = quotes_in(doc)
    assert found == [("Ann Lee", "costs fell.", False)]


def _colon_doc(second):
    return sentences(
        [("Lena", 1, "compound", "PROPN", None), ("Vogt", 2, "nsubj", "PROPN", None),
         ("was", 2, "ROOT", "AUX", "be"), ("blunter", 2, "acomp", "ADJ", None), (":", 2, "punct", "PUNCT", None),
         ('"', 7, "punct", "PUNCT", None), ("This", 7, "nsubj", "PRON", None), ("is", 2, "ccomp", "AUX", "be"),
         ("a", 9, "det", "DET", None), ("crime", 7, "attr", "NOUN", None), (".", 7, "punct", "PUNCT", None),
         ('"', 7, "punct", "PUNCT", None)],
        "\n\n",
        second,
    )


def test_a_quote_after_a_colon_belongs_to_the_subject_of_the_clause_before_it():
    doc = _colon_doc([("It", 1, "nsubj", "PRON", None), ("rained", 1, "ROOT", "VERB", "rain"),
                      (".", 1, "punct", "PUNCT", None)])
    doc = with_ents(doc, [("Lena Vogt", "PERSON")])
    found, _ = quotes_in(doc)
    assert found == [("Lena Vogt", "This is a crime.", True)]
    assert doc._.ng_quotes[0].verb == "said"


def test_a_quote_across_a_paragraph_break_goes_on_only_when_it_says_i_or_we():
    second = [("The", 1, "det", "DET", None), ("plan", 2, "nsubj", "NOUN", None), ("has", 2, "ROOT", "VERB", "have"),
              ("a", 4, "det", "DET", None), ("goal", 2, "dobj", "NOUN", None), (":", 2, "punct", "PUNCT", None),
              ('"', 7, "punct", "PUNCT", None), ("cut", 4, "appos", "VERB", None),
              ("emissions", 7, "dobj", "NOUN", None), ("by", 7, "prep", "ADP", None), ("half", 9, "pobj", "NOUN", None),
              ('"', 7, "punct", "PUNCT", None), (".", 2, "punct", "PUNCT", None)]
    doc = with_ents(_colon_doc(second), [("Lena Vogt", "PERSON")])
    found, _ = quotes_in(doc)
    assert [words for _, words, _ in found] == ["This is a crime."]
    second = [("Costs", 1, "nsubj", "NOUN", None), ("matter", 1, "ROOT", "VERB", None),
              ('"', 4, "punct", "PUNCT", None), ("to", 4, "aux", "PART", None), ("me", 1, "dobj", "PRON", None),
              ("most", 4, "advmod", "ADV", None), ('"', 4, "punct", "PUNCT", None), (".", 1, "punct", "PUNCT", None)]
    doc = with_ents(_colon_doc(second), [("Lena Vogt", "PERSON")])
    found, _ = quotes_in(doc)
    assert [(speaker, words) for speaker, words, _ in found] == [("Lena Vogt", "This is a crime."),
                                                                  ("Lena Vogt", "to me most")]


def test_it_speaks_for_the_organisation_that_was_the_subject_just_before():
    text = "Zelnor Corp reported a loss . It said sales fell ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "punct"),
             (7, "nsubj"), (7, "ROOT"), (9, "nsubj"), (7, "ccomp"), (7, "punct")]
    doc = make_doc(text, ents={"Zelnor Corp": "ORG"}, parse=parse, lemmas={"said": "say", "reported": "report"},
                   pos={"said": "VERB", "fell": "VERB", "reported": "VERB", "It": "PRON", "a": "DET"})
    found, _ = quotes_in(doc)
    assert found == [("Zelnor Corp", "sales fell.", False)]
    # two organisations as subjects before: "it" is unknown
    text = "Zelnor Corp and Acme Ltd reported losses . It said sales fell ."
    parse = [(1, "compound"), (5, "nsubj"), (1, "cc"), (4, "compound"), (1, "conj"), (5, "ROOT"), (5, "dobj"),
             (5, "punct"), (9, "nsubj"), (9, "ROOT"), (11, "nsubj"), (9, "ccomp"), (9, "punct")]
    doc = make_doc(text, ents={"Zelnor Corp": "ORG", "Acme Ltd": "ORG"}, parse=parse,
                   lemmas={"said": "say", "reported": "report"},
                   pos={"said": "VERB", "fell": "VERB", "reported": "VERB", "It": "PRON", "and": "CCONJ"})
    doc[4].dep_ = "nsubj"  # the parser may give both their own subject arc
    found, _ = quotes_in(doc)
    assert found == []
