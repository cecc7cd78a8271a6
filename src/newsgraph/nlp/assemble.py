"""Last component: turn the facts on ``doc._`` into plain, serialisable data.

The result (``doc._.ng_facts``) holds only dicts, lists, strings and numbers, so
Docs can cross process boundaries when ``nlp.pipe(n_process>1)`` is used. The
span-based extensions are cleared for the same reason.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .facts import EXTENSIONS, SOURCE_TEXT_KEY, TEXT_KEY, TOKEN_LOOKUP_KEY, EntityCluster, sentence_index, source_text

if not Doc.has_extension("ng_facts"):
    Doc.set_extension("ng_facts", default=None)


def evidence(doc: Doc, sentence: Span) -> dict:
    return {
        "sentence": sentence_index(doc, sentence),
        "start": sentence.start_char,
        "end": sentence.end_char,
        "text": source_text(doc)[sentence.start_char:sentence.end_char],  # Span.text joins its tokens
    }


def doc_to_facts(doc: Doc) -> dict:
    clusters: list[EntityCluster] = doc._.ng_entities or []
    text = source_text(doc)  # spans as slices of it: Span.text joins its tokens on each call
    ids = {id(cluster): f"e{n}" for n, cluster in enumerate(clusters, start=1)}

    def ref(cluster: EntityCluster | None) -> str | None:
        return None if cluster is None else ids.get(id(cluster))

    entities = [
        {
            "id": ids[id(c)],
            "type": c.type,
            "name": c.name,
            "aliases": list(c.aliases),
            "mentions": [{"start": m.start_char, "end": m.end_char, "text": text[m.start_char:m.end_char]}
                         for m in c.mentions],
        }
        for c in clusters
    ]
    roles = [
        {"person": ref(r.person), "role": r.role, "organization": ref(r.organization),
         "jurisdiction": ref(r.jurisdiction), "qualifier": r.qualifier,
         "evidence": evidence(doc, r.sentence), "confidence": r.confidence}
        for r in doc._.ng_roles or []
    ]
    figures = [
        {"text": text[f.span.start_char:f.span.end_char], "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
         "about": f.about, "subject": ref(f.subject), "period": f.period,
         "start": f.span.start_char, "end": f.span.end_char,
         "evidence": evidence(doc, f.span.sent), "confidence": f.confidence}
        for f in doc._.ng_figures or []
    ]
    quotes = [
        {"speaker": ref(q.speaker), "text": text[q.start:q.end], "verb": q.verb,
         "direct": q.direct, "start": q.start, "end": q.end,
         "evidence": evidence(doc, q.sentence), "confidence": q.confidence}
        for q in doc._.ng_quotes or []
    ]
    relations = [
        {"subject": ref(r.subject), "predicate": r.predicate, "object": ref(r.object),
         "evidence": evidence(doc, r.sentence), "confidence": r.confidence}
        for r in doc._.ng_relations or []
    ]
    dateline = doc._.ng_dateline
    return {
        "entities": entities,
        "roles": roles,
        "figures": figures,
        "quotes": quotes,
        "relations": relations,
        "dateline": None if dateline is None else {
            "place": dateline.place, "month": dateline.month, "day": dateline.day,
            "agency": dateline.agency,
        },
    }


@Language.component(
    "newsgraph_assemble",
    requires=["doc._.ng_entities"],
    assigns=["doc._.ng_facts"],
)
def assemble_facts(doc: Doc) -> Doc:
    doc._.ng_facts = doc_to_facts(doc)
    for name in EXTENSIONS:
        doc._.set(name, None)
    doc.user_data.pop("ng_sentence_starts", None)
    doc.user_data.pop("ng_has_dep", None)
    doc.user_data.pop(TEXT_KEY, None)
    doc.user_data.pop(TOKEN_LOOKUP_KEY, None)
    doc.user_data.pop(SOURCE_TEXT_KEY, None)
    return doc
