"""Figures: amounts, percentages, counts and quantities, with what they measure.

Candidates are the model's MONEY/PERCENT/QUANTITY/CARDINAL spans plus fractions it
misses ("a quarter"). Dates, years, ordinals and ranks ("No. 1") are not figures.
What a figure is about, and whose it is, come from the dependency parse: the noun a
number counts ("170 universities"), or the subject of the clause it is the value of
("R&D investment, which reached 223.66 billion yuan").
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import DEP, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .facts import EntityCluster, FigureFact, doc_text, entity_at, headline_end, sentence_start, tokens_where
from .lexicon import (
    CURRENCY_PLURALS,
    CURRENCY_WORDS,
    DOLLAR_COUNTRIES,
    NATIONAL_CURRENCIES,
    PERSON_NOUNS,
    PLACE_CURRENCIES,
    QUALIFIERS,
    ROLE_NOUNS,
    TIME_UNITS,
    UNIT_WORDS,
    WORLD_AGENCIES,
)
from .quantities import (
    PREFIX_SIGNS,
    Quantity,
    currency_of,
    is_unit_word,
    local_currency,
    parse_quantity,
    rate_against,
    unmarked_currency,
)

FIGURE_LABELS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
_RANK_WORDS = {"no", "no.", "number", "#", "rank", "ranked", "ranks", "ranking", "top", "page",
               "chapter", "article", "section", "grade", "level", "phase", "version", "room", "flight"}
# One notion of a year for both tests below: 1500-2099, or its decade ("the 1950s")
_YEAR_WORD = r"(?:1[5-9]\d\d|20\d\d)(?:s\b)?"
_YEAR = re.compile(rf"^{_YEAR_WORD}$")
_YEAR_IN = re.compile(rf"(?<!\d)(?<!\d[.,]){_YEAR_WORD}(?!\d|[.,]\d)")
_DIGITS = re.compile(r"\d[\d,]*(\.\d+)?")
_DATE_LIKE = re.compile(r"^\d+[-/:]\d+([-/:]\d+)?$")
_RELATIVE = {"which", "that", "who", "whom"}
_PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her"}
_NOUN_MODIFIERS = {"compound", "amod", "nmod"}
_TIME_NOUNS = {"year", "month", "day", "week", "quarter", "decade", "hour", "minute", "season", "time"}
_MAGNITUDE_NOUNS = {"level", "scale", "mark", "range", "size", "magnitude", "tune", "threshold"}
_WIRE_CURRENCY = {"dlrs", "dlr", "stg", "cts", "cents", "cent"}
_UNIT_TAIL = set(CURRENCY_WORDS) | set(UNIT_WORDS) | _WIRE_CURRENCY | {"percent", "pct", "%", "per", "cent", "u.s.", "us"}
# units written out in full, which after a bare number can mean nothing else ("20 milligrams")
_SPELLED_UNITS = {w for w in UNIT_WORDS if len(w) >= 4 and w.isalpha() and w != "square"}
_AMBIGUOUS_CURRENCY = {"won", "real", "rand", "dong", "franc"}  # currency names that are other words too
_CURRENCY_TAIL = (set(CURRENCY_WORDS) | _WIRE_CURRENCY) - _AMBIGUOUS_CURRENCY - {"$"}
_MONEY_OR_PERCENT_WORDS = _CURRENCY_TAIL | {"percent", "pct", "%"}
# what may stand between an amount and its currency: "2.1 billion | Swedish | crowns", "| D- | marks"
_CURRENCY_NATIONALITIES = {n for table in NATIONAL_CURRENCIES.values() for n in table} | set(DOLLAR_COUNTRIES)
_NATIONAL_CURRENCY_WORDS = {w for base in NATIONAL_CURRENCIES for w in (base, base + "s")} | set(CURRENCY_PLURALS)
_SCALE_TAIL = {"thousand", "million", "billion", "trillion", "bn", "mn", "m", "mln", "bln", "crore", "crores", "lakh",
               "lakhs"}
# Amounts the tokenizer or the model leave in pieces: "NZ$1.8 million", "Rs 8,400 crore"
_MONEY_TEXT = re.compile(
    r"(?<![\w$])(?:(?:NZ|AU|A|CA|C|HK|S|NT|US|R|FJ)?\$|€|£|¥|₹|(?:GH)?₵|Rs\.?|Rp\.?|RM|KSh\.?)\s?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|m|k|crores?|lakhs?)\b)?"
)


_FRACTION_WORDS = ("half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth")


_FRACTION_COUNTS = frozenset({"a", "one", "two", "three", "four"})
_HYPHENATED_FRACTIONS = frozenset(f"{count}-{part}" for count in ("one", "two", "three", "four")
                                  for part in _FRACTION_WORDS if part != "tenth")


def proportions(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of "one in three", "one out of four" (found from the few "in"/"out" tokens)."""
    found = []
    last = len(doc) - 1
    for i in tokens_where(doc, LOWER, ("in", "out")):
        if i == 0 or not doc[i - 1].like_num or doc[i - 1].lower_ in _SCALE_TAIL:
            continue  # "NZ$4.5 million in 2021": an amount and when, not a share
        if doc[i].lower_ == "in":
            if i < last and doc[i + 1].like_num and not _YEAR.match(doc[i + 1].text):  # "three in 2024": when
                found.append((i - 1, i + 2))
        elif i + 1 < last and doc[i + 1].lower_ == "of" and doc[i + 2].like_num:
            found.append((i - 1, i + 3))
    return found


def _compared_numbers(doc: Doc) -> list[Span]:
    """"up from nine the week before": the number a change is compared with, which the model reads
    as part of a date when a time phrase follows it."""
    found = []
    for i in tokens_where(doc, LOWER, ("from",)):
        if i == 0 or doc[i - 1].lower_ not in ("up", "down"):
            continue
        end = i + 1
        while end < len(doc) and (doc[end].like_num or (end > i + 1 and doc[end].lower_ in _SCALE_TAIL)) and \
                not _YEAR.match(doc[end].text):
            end += 1
        if end > i + 1 and not any(t.ent_type_ in FIGURE_LABELS for t in doc[i + 1:end]):
            found.append(Span(doc, i + 1, end, label="CARDINAL"))
    return found


def fractions(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of "a quarter", "two thirds", "one-half", in order."""
    found = [(i - 1, i + 1) for i in tokens_where(doc, LOWER, _FRACTION_WORDS)
             if i > 0 and doc[i - 1].lower_ in _FRACTION_COUNTS]
    found += [(i, i + 1) for i in tokens_where(doc, LOWER, _HYPHENATED_FRACTIONS)]
    return sorted(found)


def noun_phrase(token: Token, *, with_conjuncts: bool = True, skip: frozenset[int] | set[int] = frozenset()) -> str:
    """The noun with its compound/adjective modifiers (and "and"-conjuncts), as written."""
    kept = noun_phrase_tokens(token, with_conjuncts=with_conjuncts, skip=skip)
    return _join(kept) if kept else token.text


def noun_phrase_tokens(token: Token, *, with_conjuncts: bool = True,
                       skip: frozenset[int] | set[int] = frozenset()) -> list[Token]:
    """The words of :func:`noun_phrase` (empty when only the figure's own words were there)."""
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in _NOUN_MODIFIERS and not child.like_num and child.ent_type_ not in FIGURE_LABELS:
            left = min(left, child.left_edge.i if child.dep_ == "compound" else child.i)
    right = token.i
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "per":
            right = max(right, child.right_edge.i)
        if with_conjuncts and child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and \
                not any(c.dep_ in ("det", "poss") for c in child.children) and \
                not any(t.like_num for t in child.subtree):  # "voters and turnout rate of 58%": two figures
            right = max(right, child.i)  # "universities and research institutions", not "people and its budget"
    parts = hyphenated_word(doc[left]) | hyphenated_word(doc[right])
    tokens = list(doc[min(left, *parts):max(right, *parts) + 1])
    while tokens and (tokens[0].dep_ in ("det", "poss", "case") or tokens[0].is_punct or
                      (tokens[0].like_num and tokens[0].ent_type_ != "DATE") or  # "third quarter profits" stays
                      (tokens[0].lower_ in _UNIT_TAIL and tokens[0].i > 0 and  # "its 8.70 pct debentures"
                       doc[tokens[0].i - 1].like_num) or
                      tokens[0].i in skip):  # "a 35 pct increase": the figure is not what it measures
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    dashes = [k for k, t in enumerate(tokens) if t.text in ("-", "–", "—") and t.whitespace_ and k > 0 and
              tokens[k - 1].whitespace_ and k + 1 < len(tokens)]
    if dashes:
        tokens = tokens[dashes[-1] + 1:]  # "WASHINGTON, Feb 26 - U.S. M-1 money supply": the dateline is no part
    # "the other two opposition candidates", "the surrounding 2 km circumference": the figure
    # inside the phrase is not part of what it measures
    return [t for t in tokens if t.i not in skip]


def hyphenated_word(token: Token) -> set[int]:
    """The tokens of the hyphenated word a token is part of ("co-defendants": the tokenizer splits it
    in three, and the parser may make any part the noun), or just the token."""
    doc = token.doc
    start = end = token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and \
            not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ and \
            not doc[end + 1].whitespace_ and doc[end + 2].is_alpha:
        end += 2
    return set(range(start, end + 1))


def _join(tokens: list[Token]) -> str:
    """Tokens as written, with a space where words were left out between them."""
    out = []
    for k, t in enumerate(tokens):
        out.append(t.text)
        if k + 1 < len(tokens):
            out.append(t.whitespace_ if tokens[k + 1].i == t.i + 1 else " ")
    return "".join(out)


_BREAKS = {",", ";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”", "'", "‘", "’", "."}
_VERB_CONTEXT_SKIP = {"punct", "cc", "conj", "mark", "parataxis", "ccomp", "dep", "nsubj", "nsubjpass", "csubj",
                      "aux", "auxpass", "expl", "intj", "relcl", "appos", "advcl", "xcomp"}
_ABOUT_WORDS = 11  # longer descriptions stop being a label
_DIMENSIONS = {"high": "height", "tall": "height", "long": "length", "wide": "width", "deep": "depth",
               "thick": "thickness"}


def _chunk(token: Token, exclude: set[int]) -> list[Token]:
    """A dependent's words in order, up to the first comma, bracket or quotation mark after its head."""
    words: list[Token]
    words, depth = [], 0
    for t in token.subtree:
        if t.text in ("(", "["):
            depth += 1
            continue
        if t.text in (")", "]"):
            depth = max(0, depth - 1)
            continue
        if depth or t.i in exclude:
            continue  # "the hotel near the mosque (Grand Mosque) collapsed": the aside left out
        if t.text in _BREAKS:
            if t.i > token.i:
                break
            words = []  # "Today, ..." before the head: start again after the comma
            continue
        words.append(t)
    if len(words) == 1 and words[0].dep_ in ("prep", "agent"):
        return []  # "rate of [58%]": the preposition alone says nothing
    if token.dep_ == "prep" and any(c.dep_ == "pobj" and c.i in exclude for c in token.children):
        return []  # "a reward of [€500,000] for information": what hangs on the figure is not the noun's
    if token.dep_ == "prep" and any(t.tag_ in ("WDT", "WP") and t.head == token for t in words):
        return []  # "in which": the relative clause's link, not a description
    return words


def _counts_another(chunks: list[list[Token]], span: Span) -> bool:
    """"universities that owned 99,200 patents": the words describe a second figure, not this one."""
    for chunk in chunks:
        for t in chunk:
            if t.lower_ in _FRACTION_WORDS and t.i > 0 and t.doc[t.i - 1].lower_ in _FRACTION_COUNTS and \
                    not span.start <= t.i < span.end:
                return True  # "opened 300 crates, a third fewer than": the third is a figure of its own
            if span.start <= t.i < span.end or not t.like_num or t.lower_ == "one":  # "one or more donations"
                continue
            if t.ent_type_ in ("MONEY", "PERCENT") or \
                    (t.dep_ == "nummod" and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN")):
                return True
    return False


def _plain_relative(relcl: Token) -> bool:
    """A relative clause that says what the noun is: not "children it would pay for" (a pronoun
    doing the act says nothing) and not one that counts something else."""
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" and c.lower_ not in _RELATIVE
                   for c in relcl.children)


def _as_inner(token: Token) -> str:
    """A word as written inside a phrase: "Last year ..." moved after the noun is "last year"."""
    if token.pos_ == "PRON" or (token.is_sent_start and token.pos_ not in ("PROPN", "X") and not token.is_upper):
        return token.lower_
    return token.text


def _render(chunks: list[list[Token]], used: int = 0) -> str:
    """Chunks of words as text: each as written, chunks joined by a space, within the word budget."""
    out: list[str]
    out, count = [], used
    for chunk in chunks:
        if not chunk:
            continue
        words = sum(not t.is_punct for t in chunk)
        if out and count + words > _ABOUT_WORDS:
            room = _ABOUT_WORDS - count
            if room >= 4:  # the start of a long phrase still says where or when
                kept, taken = [], 0
                for t in chunk:
                    taken += not t.is_punct
                    if taken > room:
                        break
                    kept.append(t)
                while kept and (kept[-1].is_punct or not kept[-1].whitespace_ or kept[-1].dep_ in ("cc", "prep", "det")):
                    kept.pop()  # end on a whole word: "... near the Masjid", not "... Masjid Al-" or "... 250 and"
                out.append("".join(_as_inner(t) + t.whitespace_ for t in kept).strip())
            break
        count += words
        out.append("".join(_as_inner(t) + t.whitespace_ for t in chunk).strip())
    return " ".join(out)


def describe(noun: Token, span: Span) -> str:
    """What a figure counts, said in a few words from the parse.

    The noun with its modifiers ("Muslim pilgrims"), then what the sentence says of it:
    its verb when it is the verb's object or subject ("people South Korea evacuated in the
    town", "institutions that received the initial invitation", "players booked in the
    match"), the person whose tally it is ("votes of Eddie Chu"), or its own
    prepositional phrases ("traffic to the website").
    """
    doc = noun.doc
    counted = (span.root.head == noun and not span.root.is_ancestor(noun)) or \
        (span[-1].head == noun and span[-1].dep_ == "nummod") or \
        (span.root.head.dep_ == "compound" and span.root.head.head == noun and span.root.dep_ == "nummod")
    exclude = set(range(span.start, span.end))
    name = noun.head
    if counted and noun.dep_ == "compound" and name.pos_ == "PROPN" and name.dep_ in ("nsubj", "nsubjpass") and \
            name.head.pos_ == "VERB" and getattr(entity_at(doc, name), "type", None) == "Person":
        # "two veteran politicians Lee and Fung were defeated": the names stand in the clause for the noun
        verb = name.head
        base = noun_phrase(noun, skip=exclude)
        clause_skip = exclude | {t.i for t in name.subtree}
        auxiliaries = [t for t in verb.children if t.dep_ in ("aux", "neg") and t.i < verb.i]
        clause = [[verb] if name.dep_ == "nsubjpass" else [*auxiliaries, verb], *_verb_context(verb, clause_skip)]
        described = _render(clause, len(base.split()) + 1)
        if not described:
            return base
        return f"{base} {described}" if name.dep_ == "nsubjpass" else f"{base} that {described}"
    if counted and span.root.i < noun.i and span.root.is_ancestor(noun) and span.root.head.pos_ == "VERB" and \
            span.root.dep_ in ("nsubj", "nsubjpass"):
        # "one in three visits to the site came from BBC News": the "one" is the verb's subject
        base = noun_phrase(noun, skip=exclude)
        base_tokens = {t.i for t in noun.subtree if t.i <= noun.i} | hyphenated_word(noun)
        own = [_chunk(c, exclude | base_tokens) for c in noun.rights if c.dep_ == "prep"]
        verb = span.root.head
        auxiliaries = [t for t in verb.children if t.dep_ in ("aux", "auxpass", "neg") and t.i < verb.i]
        clause = [[*auxiliaries, verb], *_verb_context(verb, exclude | {t.i for t in span.root.subtree})]
        if _counts_another(clause, span):
            clause = []
        described = _render(own[:1], len(base.split()))
        base = f"{base} {described}" if described else base
        described = _render(clause, len(base.split()) + 1)
        return f"{base} that {described}" if described else base
    if counted:
        exclude |= {t.i for t in span.root.subtree}
    base = noun_phrase(noun, skip=exclude)
    base_tokens = {t.i for t in noun.subtree if t.i <= noun.i} | hyphenated_word(noun)
    own = [_chunk(c, exclude | base_tokens) for c in noun.rights
           if c.dep_ in ("prep", "acl") and c.lower_ not in ("according", "such", "like", "including")]
    verb = noun.head
    defining = any(c.dep_ == "prep" and c.lower_ == "of" and not any(o.pos_ == "PRON" for o in c.children)
                   for c in noun.rights)  # "branches of government", not "shells of them"
    copula = verb.lemma_ == "be" and any(c.dep_ == "attr" for c in verb.children)  # "the two were X and Y"
    if defining or copula or not counted or verb.pos_ not in ("VERB", "AUX") or noun.dep_ not in (
            "dobj", "nsubj", "nsubjpass", "npadvmod", "attr", "oprd", "pobj"):
        if counted and not own:
            own = [_chunk(c, exclude | base_tokens) for c in noun.rights if c.dep_ == "relcl" and _plain_relative(c)]
        own = [chunk for chunk in own if not _counts_another([chunk], span)]
        if counted and noun.dep_ == "pobj" and verb.lower_ in ("with", "by") and verb.head.pos_ in ("VERB", "AUX"):
            holder = _subject_of(verb.head)  # "elected with 84,121 votes": whose votes
            cluster = entity_at(doc, holder) if holder is not None else None
            if cluster is not None and cluster.type == "Person":
                return f"{base} of {cluster.name}"
        if counted and noun.dep_ == "pobj" and verb.dep_ in ("prep", "agent") and verb.head.pos_ in ("VERB", "AUX") \
                and (verb.lower_ in ("with", "by") or verb.dep_ == "agent" or
                     any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)):
            # "bases its exhibit around 100 Polaroids": an active clause around the noun is not
            # what the noun is; only "with"/"by" (the means) and passives ("used 1 million times")
            # "seeded galleries with 28,000 photographs", "used over one million times": what was done
            clause_verb = verb.head
            skip = exclude | {t.i for t in noun.subtree} | base_tokens | {verb.i}
            subject = _subject_of(clause_verb)
            if subject is not None and subject.pos_ == "PRON" and subject.tag_ not in ("WDT", "WP"):
                return base  # "he was released on $20,000 bail": the bail, not a clause about "he"
            head = [] if subject is None or subject.i in skip or subject.tag_ in ("WDT", "WP") else \
                _subject_words(subject)
            participle = _past_participle(clause_verb)
            if head and subject is not None and subject.dep_ == "nsubj" and participle is not None and \
                    not any(c.dep_ == "auxpass" for c in clause_verb.children):
                # "seeded galleries with 28,000 photographs": photographs seeded by the program
                context = [c for c in _verb_context(clause_verb, skip) if not (c and c[-1].head == clause_verb and
                                                                                 c[-1].dep_ == "dobj")]
                context = [c for c in context if c and not any(t.dep_ == "dobj" and t.head == clause_verb for t in c)]
                agent = f"{participle} by {_render([head])}"
                described = _render(context[:1], len(base.split()) + len(agent.split()))
                return " ".join(part for part in (base, agent, described) if part)
            auxiliaries = [t for t in clause_verb.children
                           if t.dep_ in ("aux", "auxpass", "neg") and t.i < clause_verb.i]
            described = _render([head, [*auxiliaries, clause_verb] if head else [clause_verb],
                                 *_verb_context(clause_verb, skip)], len(base.split()))
            return f"{base} {described}"
        described = _render(own, len(base.split()))
        return f"{base} {described}" if described else base
    skip = exclude | {t.i for t in noun.subtree} | base_tokens  # "co-defendants": all its parts
    rest = _verb_context(verb, skip)
    auxiliaries = [t for t in verb.children if t.dep_ in ("aux", "auxpass", "neg") and t.i < verb.i]
    if noun.dep_ == "nsubjpass":
        clause = [[verb], *rest]  # "pilgrims trampled", "players booked in the match"
    elif noun.dep_ == "nsubj":
        clause = [[*auxiliaries, verb], *rest]
        if _counts_another(clause, span):
            return base  # "170 universities owned 99,200 patents": the patents are the other figure
        described = _render(clause, len(base.split()) + 1)
        return f"{base} that {described}" if described else base
    else:
        subject = _subject_of(verb)
        head = [] if subject is None or subject.i in skip or subject.tag_ in ("WDT", "WP") else \
            _subject_words(subject)
        participle = _past_participle(verb)
        if participle is not None:
            # the object's side of the event: "asylum seekers rescued by fishermen on Friday"
            named = head and not (len(head) == 1 and head[0].pos_ == "PRON")  # "goals scored", not "by we"
            agent = f"{participle} by {_render([head])}" if named else participle
            rest = [chunk for chunk in rest if not _counts_another([chunk], span)]  # "tries scored in 13 matches"
            text = _render([*own[:1], *rest], len(base.split()) + len(agent.split()))
            return " ".join(part for part in (base, agent, text) if part)
        # "patents the institute has averaged": a verb with no passive worth saying (have, reach,
        # average) adds a whole clause and says nothing of what is counted; the noun and its own
        # phrase ("visitors to the festival") are the label
        described = _render(own[:1], len(base.split()))
        return f"{base} {described}" if described else base
    text = _render([*own[:1], *clause], len(base.split()))
    return f"{base} {text}" if text else base


# Past participles that are not the past tense or the regular "-ed" form
_IRREGULAR_PARTICIPLES = {
    "sell": "sold", "buy": "bought", "spend": "spent", "win": "won", "hold": "held", "make": "made",
    "take": "taken", "give": "given", "see": "seen", "get": "got", "pay": "paid", "lose": "lost",
    "build": "built", "send": "sent", "bring": "brought", "keep": "kept", "find": "found", "lead": "led",
    "leave": "left", "meet": "met", "write": "written", "draw": "drawn", "grow": "grown", "know": "known",
    "show": "shown", "choose": "chosen", "do": "done", "tell": "told", "say": "said", "think": "thought",
    "catch": "caught", "seek": "sought", "feed": "fed", "eat": "eaten", "begin": "begun", "drive": "driven",
    "fly": "flown", "break": "broken", "speak": "spoken", "steal": "stolen", "freeze": "frozen",
    "shoot": "shot", "fight": "fought", "teach": "taught", "hide": "hidden", "ride": "ridden", "throw": "thrown",
    "cut": "cut", "put": "put", "set": "set", "hit": "hit", "let": "let", "cost": "cost", "shut": "shut",
    "run": "run", "become": "become", "come": "come", "bear": "borne", "wear": "worn", "tear": "torn",
    "lend": "lent", "bend": "bent", "deal": "dealt", "mean": "meant", "sit": "sat", "stand": "stood",
    "understand": "understood", "fall": "fallen", "rise": "risen", "forget": "forgotten", "swim": "swum",
}
# Verbs whose object is no patient: "the company has 500 staff" is not "staff had by the company"
_NO_PASSIVE = {"be", "have", "include", "contain", "total", "reach", "number", "comprise", "exceed", "top",
               "average", "hit", "lack", "need", "want", "cost", "weigh", "measure", "equal", "represent"}


def _past_participle(verb: Token) -> str | None:
    """"rescued", "sold", "carried": the form for "N <participle> by S" (no inflection model needed)."""
    lemma = verb.lemma_.lower()
    if lemma in _NO_PASSIVE or not lemma.isalpha() or verb.pos_ != "VERB":
        return None
    if lemma in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[lemma]
    if verb.lower_.endswith("ed"):
        return verb.lower_
    if lemma.endswith("ed"):
        return lemma
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _verb_context(verb: Token, skip: set[int]) -> list[list[Token]]:
    """What a verb says besides its subject: objects, places, times ("in the area", "last year")."""
    rest = []
    for child in sorted(verb.children, key=lambda c: (c.i < verb.i, c.i)):  # after the verb first, then before
        if child.i in skip or child.lower_ == "according":
            continue
        timed = child.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in ("when", "after", "before")
                                              for c in child.children)  # "killed when the hotel collapsed"
        if (child.dep_ in _VERB_CONTEXT_SKIP and not timed) or \
                (child.dep_ == "advmod" and child.lower_ not in ("not", "never")):
            continue
        antecedent = _antecedent_noun(verb) if child.dep_ == "prep" and verb.dep_ == "relcl" else None
        if antecedent is not None and \
                any(c.dep_ == "pobj" and (c.tag_ in ("WDT", "WP") or c.lower_ in ("which", "whom"))
                    for c in child.children):
            # "the 1991 Hajj, in which 1,426 pilgrims were trampled": trampled in the Hajj
            rest.append([child, *noun_phrase_tokens(antecedent, with_conjuncts=False, skip=skip)])
            continue
        rest.append(_chunk(child, skip))
    return rest


def _antecedent_noun(relcl: Token) -> Token | None:
    """The noun a relative clause describes, unless it is a date ("since 1998, in which ...")."""
    head = relcl.head
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("DATE", "TIME", "CARDINAL") or head.like_num:
        return None
    return head


# Verbs whose bare-number object is people: "killing 107", "evacuated 80"
_DONE_TO_PEOPLE = {"kill", "wound", "injure", "evacuate", "rescue", "arrest", "detain", "hospitalize", "hospitalise",
                   "displace", "save", "employ", "hire", "sack", "lay", "execute", "kidnap", "abduct", "infect"}


_PLURAL_PRONOUNS = {"them", "whom", "those", "these", "which"}


def _plural_antecedent(span: Span) -> Token | None:
    """The plural noun nearest before the figure in its sentence ("17 people ... 12 of them": people)."""
    for token in reversed(span.doc[span.sent.start:span.start]):
        if token.tag_ == "NNS" and token.pos_ == "NOUN":
            return token
    return None


def _worth_of(span: Span) -> Token | None:
    """"bribes worth €2.4 million", "contracts worth a total of €90 million": what the money is the worth of."""
    head = span.root.head
    if head.lower_ == "of" and head.head.lower_ in ("total", "sum"):
        head = head.head.head  # "a total of": the worth is still the contracts'
    if head.lower_ != "worth":
        return None
    owner = head.head
    if owner.pos_ in ("VERB", "AUX"):  # "taking bribes worth ...": the parser hangs "worth" on the verb
        owner = next((c for c in owner.children if c.dep_ == "dobj" and c.i == head.i - 1), owner)
    return owner if owner.pos_ in ("NOUN", "PROPN") and owner.i < head.i else None


def _done(span: Span) -> str | None:
    """"the navy saved 200 more": a bare number is about what was done to that many."""
    target = span.root
    if span.label_ == "CARDINAL" and target.dep_ in ("nsubj", "nsubjpass") and target.head.tag_ == "VBN" and \
            target.head.lemma_.lower() in _DONE_TO_PEOPLE:
        return f"people {target.head.lower_}"  # "12 killed and 47 injured": the people it was done to
    if target.head.lower_ in ("more", "others", "fewer", "less"):  # "saved 200 more"
        target = target.head
    verb = target.head
    if span.label_ != "CARDINAL" or verb.pos_ != "VERB" or not (
            target.dep_ == "dobj" or (target is not span.root and target.dep_ in ("advmod", "npadvmod"))):
        return None
    skip = set(range(span.start, span.end)) | {t.i for t in target.subtree}
    subject = _subject_of(verb)
    if subject is None and verb.dep_ == "conj" and verb.head.head.pos_ == "VERB":
        subject = _subject_of(verb.head.head)  # "killing 107 and wounding 238": the parser hangs the second verb on 107
    head = [] if subject is None or subject.tag_ in ("WDT", "WP") else _subject_words(subject)
    participle = _past_participle(verb)
    if participle is None:
        return _render([head, [verb], *_verb_context(verb, skip)[:1]]) or None
    # the counted side of the event: "killing 107" -> "people killed by crane"
    named = head and not (len(head) == 1 and head[0].pos_ == "PRON")
    done = f"{participle} by {_render([head])}" if named else participle
    if verb.lemma_.lower() in _DONE_TO_PEOPLE:
        done = f"people {done}"
    return done


def _subject_words(subject: Token) -> list[Token]:
    doc = subject.doc
    for mention in (m for m in (entity_at(doc, subject),) if m is not None):
        for span in mention.mentions:
            if span.start <= subject.i < span.end:
                return list(span)
    words = noun_phrase(subject, with_conjuncts=False).split()
    start = subject.i - len(words) + 1
    return list(doc[start:subject.i + 1]) if start >= 0 and doc[start:subject.i + 1].text.split() == words \
        else [subject]


def _dimension(span: Span) -> str | None:
    """"a 15 meter high pig": the height of the pig."""
    doc = span.doc
    word = doc[span.end] if span.end < len(doc) else None
    if word is None or word.lower_ not in _DIMENSIONS or (not word.whitespace_ and word.i + 1 < len(doc) and
                                                          doc[word.i + 1].text == "-"):
        return None  # "121 high-value patents" are not a height
    noun = word.head if word.head.pos_ in ("NOUN", "PROPN") else span.root.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in range(span.start, span.end):
        return None
    words = noun_phrase(noun).split()
    if words and words[0] == word.text and len(words) > 1:
        words = words[1:]  # "height of lantern", not "height of high lantern"
    return f"{_DIMENSIONS[word.lower_]} of {' '.join(words)}"


def _price(span: Span) -> str | None:
    """"agreed to buy the battery maker for $4.2 billion": the price of the battery maker."""
    root = span.root
    if span.label_ != "MONEY" or root.dep_ != "pobj" or root.head.lower_ != "for":
        return None
    verb = root.head.head
    if verb.pos_ != "VERB":
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return f"price of {noun_phrase(objects[0], with_conjuncts=False)}" if objects else "price"


_AREA_UNITS = {"m2", "km2", "ha", "acre", "acres", "sq ft", "ft2", "mi2", "sq mi"}


def _area(span: Span, unit: str) -> str | None:
    """"the 240,000 square meter park": the area of the park."""
    if unit not in _AREA_UNITS:
        return None
    heads = {t.head.i for t in span if not span.start <= t.head.i < span.end}
    head = span.doc[heads.pop()] if len(heads) == 1 else None
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i < span.start or \
            any(t.dep_ not in ("det", "nummod", "compound", "amod", "nmod", "npadvmod", "quantmod")
                for t in span if t.head == head):
        return None  # only a measure that modifies the noun after it
    return f"area of {noun_phrase(head, with_conjuncts=False)}"


_SPENDING = {"spend": ("spending", "on"), "invest": ("investment", "in"), "pay": ("payment", "for")}


def _spent_on(span: Span) -> str | None:
    """"Shenzhen spent 223.66 billion yuan on research": money spent by Shenzhen on research."""
    root = span.root
    if root.dep_ == "conj" and root.head.dep_ == "dobj":
        root = root.head  # "won the championship and $50,000"
    if span.label_ != "MONEY" or root.dep_ not in ("dobj", "npadvmod"):
        return None
    verb = root.head
    participle = _past_participle(verb) if verb.pos_ == "VERB" else None
    if participle is None:
        return None
    subject = _subject_of(verb)
    skip = set(range(span.start, span.end)) | {t.i for t in root.subtree}
    preps = [_chunk(c, skip) for c in verb.rights if c.dep_ == "prep" and c.lower_ not in ("according",)]
    who = [] if subject is None or subject.pos_ == "PRON" or subject.tag_ in ("WDT", "WP") else \
        _subject_words(subject)
    spending = _SPENDING.get(verb.lemma_.lower())
    if spending is not None and preps and preps[0] and preps[0][0].lower_ == spending[1]:
        # "Acme spent $5 million on research": spending on research (Acme is the figure's subject)
        return f"{spending[0]} {_render(preps[:1], 1)}"
    agent = f"money {participle} by {_render([who])}" if who else f"money {participle}"
    rest = _render(preps[:1], len(agent.split()))
    return f"{agent} {rest}" if rest else agent


# Nouns of a change: "an increase in profits to 21.6 mln dlrs"
_CHANGE_WORDS = {"increase", "rise", "decline", "fall", "drop", "gain", "jump", "growth", "decrease", "climb",
                 "surge", "cut", "reduction"}
# Verbs whose object is the level their subject reached: "sales totalled 5,000 cars"
_LEVEL_VERBS = {"reach", "total", "top", "exceed", "hit", "surpass", "near", "number"}
# Nouns that name a level ("attendance levels", "the death toll") rather than a thing that reaches something
_MEASURE_NOUNS = {"attendance", "toll", "turnout", "sales", "exports", "imports", "output", "production", "number",
                  "total", "tally", "count", "figure", "population", "enrollment", "enrolment", "membership",
                  "audience", "viewership", "ridership", "traffic", "revenue", "revenues", "profit", "loss",
                  "losses", "debt", "deficit", "surplus", "spending", "investment", "budget", "demand", "supply",
                  "capacity", "volume", "turnover", "earnings", "income", "cost", "costs", "price", "value", "level",
                  "rate", "unemployment", "inflation", "growth", "reserves", "shipments", "deliveries", "orders",
                  "enrollments", "registrations", "subscriptions", "subscribers", "casualties", "deaths", "visits"}


def _is_measure(noun: Token | None) -> bool:
    """"attendance levels", "the death toll", "investment": a noun naming a level."""
    if noun is None:
        return False
    words = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))]
    return any(w.lemma_.lower() in _MEASURE_NOUNS or w.lower_ in _MEASURE_NOUNS for w in words)


def _set_object(span: Span, verb: Token | None) -> Token | None:
    """"raised its prime rate to 7.5 pct", "put the death toll at 50", "estimates the number of
    refugees at 40,000": the verb's object is set to the figure, so the object is what it measures."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("to", "at", "from", "by") or verb is None:
        return None
    if prep.head == verb:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
    elif prep.head.dep_ == "dobj" and prep.head.head == verb:
        objects = [prep.head]  # the parser hangs "at 40,000" on the object
    else:
        return None
    objects = [o for o in objects if o.pos_ in ("NOUN", "PROPN") and not span.start <= o.i < span.end and
               not o.like_num and o.ent_type_ not in FIGURE_LABELS and entity_at(o.doc, o) is None]
    return objects[0] if objects else None


# Verbs of a contest whose "by N" is the winning margin: "defeated the mayor by 312 votes"
_WIN_VERBS = {"defeat", "beat", "win", "edge", "lead", "top", "outpoll", "outvote", "outscore"}
_LOSE_VERBS = {"lose", "trail"}


def _margin(span: Span, noun: Token | None) -> str | None:
    """"Ho defeated Lee by 5,000 votes": the margin of Ho over Lee (in votes), not Ho's votes."""
    counted = noun is not None and span.root.head == noun
    target = noun if counted and noun is not None else span.root
    by = target.head
    if target.dep_ != "pobj" or by.lower_ != "by" or by.head.pos_ != "VERB":
        return None
    verb = by.head
    lemma = verb.lemma_.lower()
    if lemma not in _WIN_VERBS | _LOSE_VERBS:
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subject = _subject_of(verb)
    others = [c for c in (*verb.children, *target.children) if c.dep_ in ("agent", "prep") and c.lower_ == "by"
              and c != by]
    agent = next((o for c in others for o in c.children if o.dep_ == "pobj"), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma in _LOSE_VERBS:  # "lost to Ortiz by 85 votes"
        to = next((o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                   for o in c.children if o.dep_ == "pobj"), None)
        winner, loser = obj or to, subject
    elif passive:
        winner, loser = agent, subject
    else:
        winner, loser = subject, None if lemma == "win" else obj  # "won the seat": the prize, not the loser
    names = [_name_of(t, span) for t in (winner, loser)]
    if names == [None, None]:
        return None
    text = "margin" + (f" of {names[0]}" if names[0] else "") + (f" over {names[1]}" if names[1] else "")
    if counted and noun is not None:
        text += f" in {noun_phrase(noun, with_conjuncts=False, skip=set(range(span.start, span.end)))}"
    return text


def _cost(span: Span) -> str | None:
    """"the cap would cost growers $300 million": the cost of the cap to growers."""
    root = span.root
    verb = root.head
    if root.dep_ not in ("dobj", "npadvmod", "attr") or verb.lemma_.lower() != "cost" or verb.pos_ != "VERB":
        return None
    subject = _name_of(_subject_of(verb), span)
    payer = next((c for c in verb.children if c.dep_ in ("dative", "dobj") and c != root), None)
    text = "cost" + (f" of {subject}" if subject else "")
    if payer is not None and payer.pos_ in ("NOUN", "PROPN"):
        text += f" to {_name_of(payer, span)}"
    return text


def _name_of(token: Token | None, span: Span) -> str | None:
    """An entity's name, or a noun phrase; None for pronouns, relatives and the figure itself."""
    if token is None or token.pos_ == "PRON" or token.tag_ in ("WDT", "WP") or span.start <= token.i < span.end:
        return None
    cluster = entity_at(token.doc, token)
    if cluster is not None:
        return cluster.name
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:  # "another candidate, veteran politician Raymond Wong": the name
        named = entity_at(token.doc, child) if child.dep_ == "appos" else None
        if named is not None:
            return named.name
    return noun_phrase(token, with_conjuncts=False)


def _governing_verb(token: Token) -> Token | None:
    """The verb whose argument this token is (through prepositions and "an average of")."""
    current = token
    for _ in range(4):
        head = current.head
        if head is current:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.dep_ == "ROOT" and head.pos_ not in ("VERB", "AUX"):
            return None
        current = head
    return None


def _subject_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    # "Both teams unbeaten going in, the Brazilian team won": the subject nearest before the verb
    for child in sorted(subjects, key=lambda c: (c.i > verb.i, -c.i if c.i < verb.i else c.i))[:1]:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.dep_ == "advcl" and before is not None and before.dep_ == "pobj" and before.head.lower_ == "with" \
            and before.pos_ in ("NOUN", "PROPN"):
        return before  # "the match ended with England winning three points": England wins, not the match
    if verb.dep_ in ("conj", "advcl", "xcomp", "acomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject_of(verb.head)  # "Ip was re-elected with ...": the parser's acomp shares the subject
    return None


class FigureFinder:
    """spaCy component: builds ``doc._.ng_figures``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        candidates = [ent for ent in doc.ents if ent.label_ in FIGURE_LABELS]
        for match in _MONEY_TEXT.finditer(doc_text(doc)):
            span = doc.char_span(match.start(), match.end(), label="MONEY", alignment_mode="expand")
            if span is not None:
                candidates.append(span)
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        for start, end in proportions(doc):  # "one in three visits": a proportion
            if not any(t.ent_type_ in ("DATE", "TIME") for t in doc[start:end]):
                candidates.append(Span(doc, start, end, label="CARDINAL"))
        for start, end in fractions(doc):
            # "a quarter of revenue", "grew by a quarter", "a fifth less than": a share even when the
            # model read a date or an ordinal
            share = (end < len(doc) and (doc[end].lower_ == "of" or doc[end].tag_ in ("JJR", "RBR"))) or \
                (start > 0 and doc[start - 1].lower_ in ("by", "than"))
            if share or not any(i in taken for i in range(start, end)):
                candidates.append(Span(doc, start, end, label="CARDINAL"))
        for i in tokens_where(doc, DEP, ("nummod", "dobj")):
            # a number the model left unnamed: counting a noun ("roughly 100 Polaroids") or a verb's
            # object ("the Greens won 7")
            token = doc[i]
            if _counts_per_time(token):
                candidates.append(Span(doc, i, i + 1, label="CARDINAL"))
                continue
            if i in taken or not _DIGITS.fullmatch(token.text) or _YEAR.match(token.text):
                continue
            if (token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i == i + 1 and
                    token.head.ent_type_ == "") or (token.dep_ == "dobj" and token.head.pos_ == "VERB"):
                candidates.append(Span(doc, i, i + 1, label="CARDINAL"))
        candidates += _compared_numbers(doc)
        figures: list[FigureFact] = []
        by_root: dict[int, FigureFact] = {}
        seen: set[tuple] = set()
        body_start = headline_end(doc)
        years_by_sentence = _year_entities_by_sentence(doc)
        spans: list[Span] = []
        changes: dict[tuple[int, int], str] = {}  # "rose [$2 billion] to $40 billion": the change, by its verb
        levels: set[tuple[int, int]] = set()  # "rose $2 billion to [$40 billion]": a level, not a range's top
        for whole in sorted(filter_spans(candidates), key=lambda s: s.start):
            parts = _split_change(whole)
            if len(parts) == 2:
                verb = _governing_verb(whole.root)
                if whole.start > 0 and doc[whole.start - 1].lower_ == "from":
                    levels.add((parts[0].start, parts[0].end))  # "increased from 9 to 10": two levels
                elif not any(t.lower_ in _UNIT_TAIL | _SCALE_TAIL or t.text in ("$", "€", "£", "¥") for t in parts[0]):
                    spans.append(whole)  # "increase 15 to 20 pct": a range, one figure
                    continue
                else:
                    changes[(parts[0].start, parts[0].end)] = _CHANGE_NOUNS[verb.lemma_.lower()] \
                        if verb is not None else "change"
                levels.add((parts[1].start, parts[1].end))
            spans += parts
        for span in spans:
            part = (span.start, span.end)  # as split, before the unit tail moves its ends
            span = _with_unit_tail(span)
            if span.start_char < body_start or (_is_not_a_figure(span) and not (
                    (part in levels or part in changes) and not _is_not_a_figure_alone(span))):
                continue
            quantity = parse_quantity(span.text)
            if quantity is None:
                continue
            of = _whole_of_fraction(span) if quantity.unit == "fraction" else None
            if of is not None and of.lower_ in UNIT_WORDS and any(t.lower_ in ("a", "an") for t in of.lefts):
                # "a quarter of a mile": a distance in the unit it is a part of, not a share
                quantity = Quantity(quantity.value, UNIT_WORDS[of.lower_], quantity.qualifier)
            qualifier = quantity.qualifier or _qualifier_before(span)
            bottom = figures[-1] if figures and figures[-1].span.end == span.start - 1 else None
            read_whole = bool(figures) and figures[-1].span.start < span.start < figures[-1].span.end
            if part not in levels and _is_range_top(span, read_whole or bottom is not None) and \
                    (bottom is None or quantity.value >= bottom.value):
                # not "from 205,000 or 12.8 pct", "credits of 2,227,000 or four cts": a restatement
                if bottom is not None and bottom.unit == "count" and quantity.unit != "count" and \
                        not any(t.lower_ in _SCALE_TAIL for t in span):  # not "5 or 6 mln dlrs": 5 is not 5 dlrs
                    bottom.unit = quantity.unit  # "rose 5 or 6 pct": the range's unit is its top's
                continue
            if _is_indefinite_one(span, qualifier):
                continue
            about_token = _worth_of(span) or self._about_token(span)
            about_token = self._level_subject(about_token) or about_token
            if about_token is not None and about_token.lower_ in _PLURAL_PRONOUNS:
                about_token = _plural_antecedent(span)  # "killed 12 of them", "two of whom died": the people
            if about_token is not None and about_token.lower_ in _MONEY_OR_PERCENT_WORDS:
                # "55 pct still thought", "rises of 3.25 pct and 6.5 pct": a percent or a currency measures
                # nothing by itself ("45 mln acres of land" does: the land)
                about_token = None
            if about_token is not None and about_token.dep_ == "appos" and span.root.head == about_token and \
                    about_token.head.pos_ == "NOUN" and entity_at(doc, about_token.head) is None:
                about_token = about_token.head  # "the company's workforce, 3,000 people,": the workforce
            about = _dimension(span) or _area(span, quantity.unit) or _margin(span, about_token) or _cost(span) or (
                describe(about_token, span) if about_token is not None else
                _price(span) or _spent_on(span) or _done(span))
            about = _tidy(about)
            if about is not None and quantity.unit == "fraction" and about_token is not None and \
                    not about.startswith("share"):
                about = "share of " + about  # "one in three visits": a share of the visits
            if about is None:
                about = _line_label(span)
            root = span.root
            compared = _compared_figure(figures, span, quantity.unit)
            restated = _restates(span, compared, about)
            if about is None and root.dep_ == "appos" and root.head.i in by_root:
                previous = by_root[root.head.i]  # "223 billion yuan (about 31 billion dollars)"
                about, subject = previous.about, previous.subject
            elif restated is not None:
                about, subject = restated
                if compared is not None and _bare_amount_of(span, compared):
                    # "6.28 billion dlrs ... from 6.21 billion": dollars too
                    quantity = Quantity(quantity.value, compared.unit, quantity.qualifier)
            else:
                if part in changes:
                    first = about_token.left_edge if about_token is not None else None
                    if about and first is not None and first.is_sent_start and first.pos_ != "PROPN":
                        about = _lower_first(about)  # "Exports rose ...": "rise in exports"
                    about = f"{changes[part]} in {about}" if about else None
                elif part not in levels:
                    about = _change_about(span, quantity.unit, about_token, about)
                about = _percent_about(span, about)
                if about is None and quantity.unit in ("percent", "fraction"):
                    about = _gapped_share(span, quantity.unit, figures)
                subject = self._subject(span, about_token)
            figure = FigureFact(
                span=span, value=quantity.value, unit=quantity.unit, qualifier=qualifier,
                about=_tidy(about), subject=subject, period=_period(span, years_by_sentence),
                confidence=0.9 if span.label_ in ("MONEY", "PERCENT") else (0.8 if about else 0.6),
            )
            # the same large or exact amount of the same thing, said again later in the story
            key = (quantity.value, quantity.unit, about_token.lemma_.lower() if about_token is not None else None)
            if key in seen and (quantity.value >= 100 or quantity.unit != "count"):
                continue
            seen.add(key)
            figures.append(figure)
            for token in span:
                by_root[token.i] = figure
        _share_list_units(doc, figures)
        _local_currencies(doc, figures)
        doc._.ng_figures = figures
        return doc

    @staticmethod
    def _about_token(span: Span) -> Token | None:
        root = span.root
        head = root.head
        last = span[-1]
        if last.dep_ == "nummod" and last.head.i == span.end and last.head.pos_ in ("NOUN", "PROPN"):
            return last.head  # "one in three visits"
        # "5.2 percent year on year" measures no year: time nouns fall through to the clause
        if head.i not in range(span.start, span.end) and head.pos_ in ("NOUN", "PROPN") and \
                root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and \
                head.lemma_ not in _TIME_NOUNS:
            if head.lower_ in ("average", "total", "sum", "number", "tally", "record"):
                return None
            if head.dep_ == "compound" and head.head.i > head.i and head.lower_ not in _UNIT_TAIL and \
                    head.head.pos_ == "NOUN" and head.head.lemma_ not in _TIME_NOUNS and \
                    entity_at(root.doc, head.head) is None:
                return head.head  # "the record 4.15 mln unit sales rate": the rate, not the unit
            if head.lemma_ in _MAGNITUDE_NOUNS:  # "funds at the 100-billion-yuan level"
                prep = head.head if head.head.dep_ == "prep" else None
                holder = prep.head if prep is not None else None
                if holder is not None and prep is not None and holder.pos_ not in ("NOUN", "PROPN") and prep.i > 0:
                    holder = root.doc[prep.i - 1]  # "with funds at the 100-billion-yuan level": the parser hung
                    # "at" on the verb; the noun just before it is the one at that level
                return holder if holder is not None and holder.pos_ in ("NOUN", "PROPN") else None
            return head
        if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head  # "a contract worth $1.8 million"
        # "fund(s) of 2 billion", "an average of 4.7 patents", "sold 640 million euros of battery packs",
        # "120 millimetres of rain"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of" and span.label_ in ("CARDINAL", "MONEY", "QUANTITY"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN") and \
                head.head.lemma_ not in _MAGNITUDE_NOUNS and entity_at(root.doc, head.head) is None:
            return head.head  # "a target of around 5 percent", "a fund of 2 billion yuan"
        if span.label_ == "MONEY":
            for child in root.children:  # "$1 million in prize money", "3 billion dlrs in loans"
                if child.dep_ == "prep" and child.lower_ == "in":
                    objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN" and
                               c.ent_type_ == "" and c.lemma_ not in _TIME_NOUNS]
                    if objects:
                        return objects[0]
        if root.dep_ == "pobj" and head.lower_ in ("to", "from") and head.head.pos_ == "NOUN" and \
                head.head.lemma_.lower() in _CHANGE_WORDS:
            # "a 37 pct increase in third quarter profits to 21.6 mln dlrs": the profits
            objects = [o for c in head.head.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                       for o in c.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
        verb = _governing_verb(root)
        target = _set_object(span, verb)
        if target is not None:
            return target
        if verb is None:
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ != "ROOT" and head.i not in range(span.start, span.end):
                return head if root.dep_ != "appos" else None
            return None
        if span.label_ == "CARDINAL" and root.dep_ == "dobj" and root.head == verb and _past_participle(verb):
            return None  # "the storm killed 107": the subject did it to the 107, it is not what they are
        money_object = root.dep_ == "dobj" or (root.dep_ == "conj" and root.head.dep_ == "dobj")
        if span.label_ == "MONEY" and money_object and (root.head == verb or root.head.head == verb) and \
                _past_participle(verb) and re.fullmatch(r"[A-Z]{3}", span_unit(span) or "") and \
                not _is_measure(_subject_of(verb)):
            return None  # "the team won the cup and $50,000": money won by the team, not the team
        subject = _subject_of(verb)
        if subject is not None and subject.lower_ not in _PRONOUNS and not subject.like_num and \
                subject.pos_ in ("NOUN", "PROPN") and entity_at(subject.doc, subject) is None:
            return subject
        return None

    @staticmethod
    def _level_subject(about_token: Token | None) -> Token | None:
        """"attendance reached 11,000 visitors", "the death toll hit 50 people": the subject is
        what the number measures, the counted noun only its unit."""
        if about_token is None or about_token.dep_ != "dobj" or about_token.head.lemma_.lower() not in _LEVEL_VERBS:
            return None
        subject = _subject_of(about_token.head)
        if subject is None or subject.pos_ != "NOUN" or subject.tag_ in ("WDT", "WP") or \
                entity_at(subject.doc, subject) is not None:
            return None
        if not _is_measure(subject):
            return None  # "the money would reach 500 research groups": reaching them, no level
        return subject

    @staticmethod
    def _subject(span: Span, about_token: Token | None) -> EntityCluster | None:
        doc = span.doc
        candidates: list[Token] = []
        if about_token is not None:
            candidates += [c for c in about_token.children if c.dep_ == "poss"]
            for prep in (c for c in about_token.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "of")):
                candidates += [c for c in prep.children if c.dep_ == "pobj"]
        verb = _governing_verb(span.root)
        if verb is not None:
            subject = _subject_of(verb)
            if verb.dep_ == "xcomp" and verb.head.lemma_ in _ORDERING_VERBS:
                # "ordered Acme to pay $2 billion": who was ordered pays
                subject = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), subject)
            if subject is not None:
                candidates.append(subject)
                candidates += [c for c in subject.children if c.dep_ == "poss"]
                # "sales in Japan", "the unemployment rate of Spain"; not "a judge in New Orleans": where
                # a person sits owns nothing
                if subject.lemma_.lower() not in ROLE_NOUNS and subject.lemma_.lower() not in PERSON_NOUNS:
                    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "of")):
                        candidates += [c for c in prep.children if c.dep_ == "pobj"]
        for token in candidates:
            cluster = entity_at(doc, token)
            # a person owns a figure only through a possessive ("Smith's salary"), never as the doer
            if cluster is not None and (cluster.type in ("Organization", "Place") or
                                        (cluster.type == "Person" and token.dep_ == "poss")):
                return cluster
            if token.lower_ in _PRONOUNS:
                antecedent = _antecedent(span.sent, token)
                if antecedent is not None:
                    return antecedent
        return None


# Verbs whose object does what the clause after it says: "ordered Acme to pay", "forced the firm to sell"
_ORDERING_VERBS = {"order", "force", "require", "compel", "direct", "instruct", "sentence", "fine", "allow",
                   "permit", "authorize", "authorise", "ask", "urge", "tell"}
_COMPARED = {"vs", "vs.", "versus", "against"}
_MORE_OR_LESS = {"more": "increase", "higher": "increase", "up": "increase", "less": "decrease",
                 "lower": "decrease", "fewer": "decrease", "down": "decrease"}


def _lower_first(about: str) -> str:
    """"Exports" at a sentence's start is "exports" inside "rise in exports"; "M-1" and names stay."""
    first, sep, rest = about.partition(" ")
    letters = first.replace("-", "")
    if letters.isalpha() and first[:1].isupper() and letters[1:].islower():  # "Year-on-year" too
        return first.lower() + sep + rest
    return about


def _split_change(span: Span) -> list[Span]:
    """"rose $2 billion to $40 billion": the change and the new level, two figures the model read as one range."""
    doc = span.doc
    tos = [t for t in span[1:-1] if t.lower_ == "to"]
    verb = _governing_verb(span.root) if tos else None
    if verb is None or verb.lemma_.lower() not in _CHANGE_NOUNS or not any(t.like_num for t in doc[span.start:tos[0].i]):
        return [span]
    cut = tos[0].i
    return [Span(doc, span.start, cut, label=span.label_), Span(doc, cut + 1, span.end, label=span.label_)]


def _compared_figure(figures: list[FigureFact], span: Span, unit: str) -> FigureFact | None:
    """The figure a following one may restate: the one just before it, or for a compared one
    ("from", "vs") when that one has another unit, the sentence's latest one with the same unit
    ("238,000 shares, or 14.6 pct of the total, from 205,000": the shares)."""
    if not figures:
        return None
    previous = figures[-1]
    before = span.doc[span.start - 1] if span.start else None
    if previous.unit != unit and before is not None and before.lower_ in _COMPARED | {"from"} and \
            not _bare_amount_of(span, previous):
        start = sentence_start(span.doc, span.start)
        for earlier in reversed(figures[:-1]):
            if sentence_start(span.doc, earlier.span.start) != start:
                break
            if earlier.unit == unit:
                return earlier
    return previous


def _restates(span: Span, previous: FigureFact | None, about: str | None) -> tuple[str, EntityCluster | None] | None:
    """A figure said right after another of the same measure is about what the first is:
    "Net profit 3.6 mln vs 3.0 mln", "rose to 6.28 billion at end-January from 6.21 billion",
    "up from 200 mln" (the same measure earlier), "gains of 952,000 dlrs, or 11 cts per share"
    (the same gains per share), "18,287 votes, or 53 pct" (their share)."""
    if previous is None or previous.about is None or \
            sentence_start(span.doc, previous.span.start) != sentence_start(span.doc, span.start):
        return None
    doc = span.doc
    counted = previous.span.root.head if previous.span.root.dep_ == "nummod" else None
    gap = [t for t in doc[previous.span.end:span.start] if not t.is_punct and t != counted]  # "18,287 votes, or"
    words = [t.lower_ for t in gap]
    unit = span_unit(span)
    per_share = _says_per_share(doc[span.end:span.end + 2])
    said_per_share = _says_per_share(doc[previous.span.end:previous.span.end + 2])
    # "2.95 dlrs a share, from 63.2 mln dlrs": the profits; "Shr 1.53 dlrs vs 1.21 dlrs": a row's own measure
    measure = previous.about[:-len(" per share")] if previous.about.endswith(" per share") and said_per_share \
        else previous.about
    # "up from" says it is the same measure however far back that was said; a verb as an adjective
    # ("47 speeding tickets") starts no clause
    if words and words[-1] in _COMPARED | {"from"} and (len(gap) <= 8 or words[-2:-1] in (["up"], ["down"])) and \
            not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in gap) and \
            (about is None or previous.unit == unit or _bare_amount_of(span, previous)):
        # "66.0 mln dlrs, or 3.07 dlrs a share, from 66.2 mln dlrs": the profits, not per share
        return (f"{measure} per share" if per_share else measure), previous.subject
    following = doc[span.end] if span.end < len(doc) else None
    than = span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "than"
    if unit == "percent" and previous.unit != "percent" and about is None and span.start >= 2 and \
            doc[span.start - 1].lower_ in ("up", "down") and doc[span.start - 2].text == "," and len(gap) <= 8:
        # "a profit of 1.12 trillion yen for the quarter, up 94 percent": the change in that profit
        return f"{'rise' if doc[span.start - 1].lower_ == 'up' else 'fall'} in {measure}", previous.subject
    if unit in ("percent", "fraction") and previous.unit != unit and (about is None or than) and \
            following is not None and following.lower_ in _MORE_OR_LESS and len(gap) <= 12 and \
            not any(t.pos_ in ("VERB", "AUX") for t in gap):
        # "spend 1.1 billion euros on grants next year, forty percent more than in 2025", "a fifth less than"
        return f"{_MORE_OR_LESS[following.lower_]} in {measure}", previous.subject
    if words != ["or"]:
        return None
    if previous.unit == unit and per_share:
        return f"{measure} per share", previous.subject
    if unit == "percent" and previous.unit == "count" and about is None:
        return f"share of {previous.about}", previous.subject
    return None


def _says_per_share(words: Span) -> bool:
    """"a share", "per shr": the words after an amount that make it one share's."""
    return len(words) == 2 and words[0].lower_ in ("per", "a") and \
        (words[1].lemma_.lower() == "share" or words[1].lower_ in ("shr", "shrs"))


def _line_label(span: Span) -> str | None:
    """"Sales 7.9 mln vs 9.4 mln", "Avg shrs 2,332,397": a results table's row label."""
    doc = span.doc
    start = span.start
    dateline = doc._.ng_dateline
    # "CHICAGO, Feb 26 - Shr 39 cts vs 50 cts": the table's first row follows the dateline
    row_start = dateline.end if dateline is not None and dateline.end <= span.start_char else -1

    def starts_row(i: int) -> bool:
        return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_ or doc[i].idx == row_start

    while not starts_row(start) and span.start - start <= 4:
        start -= 1  # a label is a few words: no need to look further back
    if not starts_row(start):
        return None
    label = doc[start:span.start]
    if not 1 <= len(label) <= 4 or not label[0].is_title or \
            not all(t.is_alpha and t.pos_ in ("NOUN", "PROPN", "ADJ") and t.ent_type_ == "" for t in label):
        return None
    return spell_out_row_label([t.text for t in label])


# The wire's results tables abbreviate their row labels ("Shr", "Revs", "Avg shrs", "Qtly div").
_ROW_LABEL_WORDS = {
    "rev": "revenue", "revs": "revenues", "avg": "average", "qtly": "quarterly", "div": "dividend",
    "divs": "dividends", "oper": "operating", "mths": "months", "mth": "month", "qtr": "quarter",
    "shrs": "shares", "yr": "year", "yrs": "years",
}


def spell_out_row_label(words: list[str]) -> str:
    """A results table's row label in words: "Shr loss" -> "loss per share", "Revs" -> "revenues",
    "Avg shrs" -> "average shares", a bare "Net" -> "Net income"; other labels as they are."""
    lowered = [word.lower() for word in words]
    if lowered == ["net"]:
        return words[0] + " income"
    if not any(word in _ROW_LABEL_WORDS or word == "shr" for word in lowered):
        return " ".join(words)
    spelled = [_ROW_LABEL_WORDS.get(low, word) for word, low in zip(words, lowered) if low != "shr"]
    if "shr" in lowered:  # "Shr 39 cts": the earnings per share; "Oper shr profit": operating profit per share
        spelled = [*(spelled or ["earnings"]), "per", "share"]
    return " ".join(spelled)


def _bare_amount_of(span: Span, previous: FigureFact) -> bool:
    """"6.28 billion dlrs ... from 6.21 billion": a scaled number with no unit after an amount of money."""
    return span_unit(span) == "count" and previous.unit not in ("count", "fraction", "percent") and \
        any(t.lower_ in _SCALE_TAIL for t in span) and span_unit(previous.span) == previous.unit


def span_unit(span: Span) -> str | None:
    quantity = parse_quantity(span.text)
    return quantity.unit if quantity is not None else None


_VERSUS = re.compile(r"\s+(?:(?:vs\.?|versus)(?:\s+|$)|against\s+(?=[\d$]))", re.IGNORECASE)
_LOOSE_END = re.compile(r"(?:(?:^|\s+)(?:to|and|or|of|a|an|the|in|for|with|by|at|from|on|that|which))+$|\s*-$", re.IGNORECASE)


def _tidy(about: str | None) -> str | None:
    """An about that ends on a whole phrase: not "quarterly dividend of a share and", not "anti-"."""
    if about is None:
        return None
    about = _VERSUS.split(about)[0]  # "Net profit vs profit 3,020,000": the other side is not it
    previous = None
    while previous != about:
        previous, about = about, _LOOSE_END.sub("", about).strip()
    return about or None
# between listed numbers: "4,340, 4,345 and 4,350", "5 or 6", "3 to 4"; not ", or": "474,900, or 6.2 pct"
# restates the shares as a percentage
_LIST_GAP = re.compile(r"^(?![\s]*,\s*or\b)[\s,]*(?:and|or|to|-|–)?[\s,]*$")


def _share_list_units(doc: Doc, figures: list[FigureFact]) -> None:
    """"at 4,340, 4,345 and 4,350 dlrs": numbers listed before an amount share its currency (but "from
    1.31 billion and 9.6 pct in ...": no share is counted in billions)."""
    text = doc_text(doc)
    for later, earlier in zip(reversed(figures), reversed(figures[:-1])):
        if earlier.unit == "count" and later.unit not in ("count", "fraction") and \
                earlier.span.root.dep_ != "nummod" and \
                not (later.unit == "percent" and any(t.lower_ in _SCALE_TAIL for t in earlier.span)) and \
                _LIST_GAP.match(text[earlier.span.end_char:later.span.start_char]):
            earlier.unit = later.unit


def _antecedent(sentence: Span, pronoun: Token) -> EntityCluster | None:
    """The organisation or place a possessive pronoun most likely points to (never the
    dateline's place: "SAN JOSE, Calif. - Acme said it ...")."""
    doc = sentence.doc
    dateline = doc._.ng_dateline
    for token in sentence:
        if token.i >= pronoun.i:
            break
        if dateline is not None and token.idx < dateline.end:
            continue
        cluster = entity_at(doc, token)
        if cluster is not None and cluster.type in ("Organization", "Place") and \
                token.dep_ in ("nsubj", "nsubjpass", "poss", "compound"):
            return cluster
    return None


def _with_unit_tail(span: Span) -> Span:
    """Extend "223.66 billion" with a following "yuan" the model left out."""
    doc = span.doc
    start, end, label = span.start, span.end, span.label_
    # words the model took in that are no part of an amount: "Loans 299.2 mln", "five mln to"
    while end - start > 1 and not _amount_word(doc[start]) and doc[start].lower_ not in _QUALIFIER_WORDS:
        start += 1
    while end - start > 1 and not _amount_word(doc[end - 1]) and doc[end - 1].lower_ not in _UNIT_TAIL | _SCALE_TAIL \
            and not is_unit_word(doc[end - 1].text) and not (label == "QUANTITY" and end - start > 2 and doc[end - 2].lower_ == "per"):  # "miles per hour"
        end -= 1
    if end + 1 < len(doc) and UNIT_WORDS.get(doc[end - 1].lower_) in ("km", "mile") and (
            (doc[end].text == "/" and doc[end + 1].lower_.rstrip(".") in ("h", "hr")) or
            (doc[end].lower_ in ("an", "per") and doc[end + 1].lower_ == "hour")):
        end += 2  # a speed: "210 km/h" (cut at its slash), "20 miles an hour"
    tail_from = end
    while end < len(doc) and end - tail_from < 2 and not (
            doc[end].lower_ == "per" and (end + 1 >= len(doc) or doc[end + 1].lower_ != "cent")) and (  # "cts per share"
            doc[end].lower_ in _SCALE_TAIL or (doc[end].lower_ in _UNIT_TAIL and label != "CARDINAL") or
            (label == "CARDINAL" and _currency_after(doc[end]))):
        if label == "CARDINAL" and _currency_after(doc[end]):
            label = "MONEY"  # "12 dlrs", "1.4 billion dlrs" the model left as a bare number
        end += 1
    if label == "CARDINAL" and end + 1 < len(doc) and doc[end].lower_ == "times" and (
            doc[end + 1].lower_ in ("the", "as") or doc[end + 1].tag_ in ("JJR", "RBR")):
        end, label = end + 1, "QUANTITY"  # "four times the size", "three times as many", "ten times higher"
    for width in (1, 2):
        between = " ".join(t.lower_ for t in doc[end:end + width]).replace(" -", "")
        if end + width < len(doc) and doc[end].is_title and \
                doc[end + width].lower_ in _CURRENCY_TAIL | _NATIONAL_CURRENCY_WORDS and (
                between in _CURRENCY_NATIONALITIES) and (label != "CARDINAL" or doc[end - 1].lower_ in _SCALE_TAIL
                                                         or doc[end - 1].like_num):
            end, label = end + width + 1, "MONEY"  # "2.1 billion Swedish crowns", "2 billion D-marks"
            break
    if label == "CARDINAL" and end < len(doc) and (doc[end].lower_ in _SPELLED_UNITS or (
            len(doc[end]) >= 8 and is_unit_word(doc[end].text))):
        end, label = end + 1, "QUANTITY"  # "20 milligrams", "80 knots", "25 micrograms" the model left as a bare number
    if end + 1 < len(doc) and doc[end].lower_ in ("basis", "percentage") and doc[end + 1].lemma_.lower() == "point" \
            and label != "MONEY":
        end, label = end + 2, "QUANTITY"  # "50 basis points", "one percentage point": no count of points
    end = _rate_end(doc, end)
    if label != "MONEY" or doc[end - 1].lower_ in _SCALE_TAIL:
        end, label = _range_end(doc, start, end, label)
    if label == "CARDINAL" and end < len(doc) and doc[end].lower_ in ("pct", "percent", "%", "per cent"):
        end, label = end + 1, "PERCENT"  # "5.2 pct" the model left as a bare number
    if start > 0 and doc[start - 1].lower_.rstrip(".") in PREFIX_SIGNS:
        start, label = start - 1, "MONEY"
    if start >= 3 and doc[start - 1].lower_ == "and" and _DIGITS.fullmatch(doc[start - 2].text) and \
            doc[start - 3].lower_ == "between" and not doc[start - 2].ent_type_:
        start = start - 3  # "between 900 and | 1,200 jobs": the model took only the top; the range is read whole
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=label)


def _counts_per_time(token: Token) -> bool:
    """"three mornings a week", "40 meals a day": a number counting what happens so often (the model
    reads "three mornings" as a time; a duration, "three days a week", stays none)."""
    doc = token.doc
    i = token.i
    noun = doc[i + 1] if i + 1 < len(doc) else None
    return token.dep_ == "nummod" and token.like_num and not _YEAR.match(token.text) and noun is not None and \
        token.head == noun and noun.tag_ == "NNS" and noun.lower_ not in _DURATION_WORDS and i + 3 < len(doc) and \
        doc[i + 2].lower_ in ("a", "an", "per", "each", "every") and doc[i + 3].lower_ in TIME_UNITS


def _home_currency(doc: Doc) -> str | None:
    """The currency of the country a story is set in: its dateline's ("PETERBOROUGH, Ontario"), or the
    country its places clearly are in (at least twice and half of all places named, or three times
    and a third)."""
    dateline = doc._.ng_dateline
    if dateline is not None and dateline.place:
        for part in reversed(dateline.place.lower().split(",")):  # the region after the city says the country
            code = PLACE_CURRENCIES.get(part.strip())
            if code is not None:
                return code
    mentions: Counter[str] = Counter()
    total = 0
    for cluster in doc._.ng_entities or []:
        if cluster.type != "Place":
            continue
        total += len(cluster.mentions)
        code = PLACE_CURRENCIES.get(cluster.name.lower().removeprefix("the "))
        if code is not None:
            mentions[code] += len(cluster.mentions)
    ranked = mentions.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    top = ranked[0][1]
    if 2 * top < total and not (top >= 3 and 3 * top >= total):  # a city story names many streets and sites
        return None
    return ranked[0][0]


def _named_variants(text: str, base: str) -> set[str]:
    """The codes of the national currencies called ``base`` a text names in full ("Chilean pesos")."""
    lowered = text.lower()
    forms = {base, base + "s"} | {plural for plural, singular in CURRENCY_PLURALS.items() if singular == base}
    pattern = "|".join(re.escape(form) for form in forms)
    return {code for nationality, code in NATIONAL_CURRENCIES[base].items()
            if re.search(rf"\b{re.escape(nationality)}\s+(?:{pattern})\b", lowered)}


def _local_currencies(doc: Doc, figures: list[FigureFact]) -> None:
    """Amounts in a currency several countries name alike, in the one the story means: "1.8 trillion
    pesos" in a story that names Chilean pesos or is set in Chile, "$1.4 million" in one datelined in
    Ontario; and an exchange rate ("1,010 per dollar") in the currency it counts, not the one it is
    against. Without such a sign the word's usual currency stays (US dollars for "$")."""
    text = doc_text(doc)
    home = _home_currency(doc)
    dateline = doc._.ng_dateline
    wire_agency = dateline is not None and (dateline.agency or "").lower() in WORLD_AGENCIES
    for k, figure in enumerate(figures):
        against = rate_against(figure.span.text)
        if against is not None and figure.unit in ("count", against):
            figure.unit = _rate_currency(figure.span, against, home, text) or "count"
            continue
        base = unmarked_currency(figure.span.text)
        if base is None or not re.fullmatch(r"[A-Z]{3}", figure.unit):
            continue
        named = _named_variants(text, base) if base != "dollar" else set()
        code = named.pop() if len(named) == 1 else local_currency(base, home)
        if code is None or code == figure.unit:
            continue
        if base == "dollar" and (_marks_local_dollars(text, code) or _converted(figure, figures[:k]) or
                                 ("$" in figure.span.text and wire_agency)):
            # "C$2 billion ($1.5 billion)": the story marks its own dollars, a bare "$" is the US one; so it is
            # in a world agency's copy ("SINGAPORE, May 4 (Reuters) -"), which writes others as "S$", "C$"
            # (a national agency's, "KINGSTON, Ontario (CP) -", writes its country's dollar as "$")
            continue
        figure.unit = code


def _marks_local_dollars(text: str, code: str) -> bool:
    """The story writes its country's dollar with a symbol of its own ("C$", "A$")."""
    symbols = [s for s, c in CURRENCY_WORDS.items() if c == code and s.endswith("$")]
    return any(re.search(rf"(?<![A-Za-z]){re.escape(s)}\s?\d", text, re.IGNORECASE) for s in symbols)


def _converted(figure: FigureFact, earlier: list[FigureFact]) -> bool:
    """"2 billion Canadian dollars ($1.5 billion)": an amount in brackets after one in another currency."""
    doc = figure.span.doc
    start = figure.span.start
    return start >= 2 and doc[start - 1].text == "(" and \
        any(f.span.end == start - 1 and f.unit != figure.unit and re.fullmatch(r"[A-Z]{3}", f.unit) for f in earlier)


def _rate_currency(span: Span, against: str, home: str | None, text: str) -> str | None:
    """The currency an exchange rate counts: the other one its sentence names ("the peso weakened to
    1,010 per dollar"), as the story means it, or else the story's own."""
    doc = span.doc
    for token in sorted(span.sent, key=lambda t: abs(t.i - span.start)):  # the nearest first
        if span.start <= token.i < span.end or token.lower_ not in _CURRENCY_WORDS_ANY:
            continue
        written = doc[max(span.sent.start, token.i - 2):token.i + 1].text  # with its nationality: "Chilean peso"
        code = currency_of(written)
        base = unmarked_currency(written)
        if base is not None:
            named = _named_variants(text, base) if base != "dollar" else set()
            code = named.pop() if len(named) == 1 else (local_currency(base, home) or code)
        if code is not None and code != against:
            return code
    return home if home is not None and home != against else None


_CURRENCY_WORDS_ANY = {w for w in CURRENCY_WORDS if w.isalpha() and len(w) > 2} - _AMBIGUOUS_CURRENCY | \
    _NATIONAL_CURRENCY_WORDS


def _rate_end(doc: Doc, end: int) -> int:
    """"25 micrograms | per cubic metre", "80 km | per hour": a measure's rate takes in what it is per."""
    if end + 1 >= len(doc) or doc[end].lower_ != "per" or not is_unit_word(doc[end - 1].text):
        return end
    after = end + 2 if doc[end + 1].lower_ in ("cubic", "square") else end + 1
    if after < len(doc) and (is_unit_word(doc[after].text) or doc[after].lower_ in TIME_UNITS):
        return after + 1
    return end


def _range_end(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """"between 310 million | and 340 million euros": the range runs to its top and takes the top's unit
    (one figure, given by its bottom, as "between 4 and 4.5 percent" is read whole)."""
    between = (start > 0 and doc[start - 1].lower_ == "between") or doc[start].lower_ == "between"
    if not between or end + 1 >= len(doc) or doc[end].lower_ != "and" or not _DIGITS.fullmatch(doc[end + 1].text) or \
            not doc[end + 1].whitespace_ or not any(_DIGITS.search(t.text) for t in doc[start:end]):
        # "between zero and 100 pct", "between six and seven billion": the value is read from digits, so
        # both ends need them; "between 5-5/16 and 5-9/16 pct": a top in pieces is no plain number
        return end, label
    top = end + 2
    while top < len(doc) and doc[top].lower_ in _SCALE_TAIL:
        top += 1
    if top < len(doc) and doc[top].lower_ in ("percent", "pct", "%"):
        return top + 1, "PERCENT"
    if top < len(doc) and _currency_after(doc[top]):
        return top + 1, "MONEY"
    if top < len(doc) and is_unit_word(doc[top].text):
        return _rate_end(doc, top + 1), "QUANTITY"
    if top > end + 2 or label == "CARDINAL":
        return top, label
    return end, label


def _currency_after(word: Token) -> bool:
    """A currency word after a bare number: "12 dlrs"; a word that is a verb or an adjective too only
    after a large amount it does not have as its subject ("3 trillion won", not "14 won and six lost")."""
    if word.lower_ in _CURRENCY_TAIL:
        return True
    if word.lower_ not in _AMBIGUOUS_CURRENCY or word.i == 0:
        return False
    amount = word.doc[word.i - 1]
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    large = amount.lower_ in _SCALE_TAIL or (re.fullmatch(r"\d{1,3}(,\d{3})+", amount.text) is not None)
    return large and not (amount.head == word and amount.dep_ in ("nsubj", "nsubjpass")) and \
        not (following is not None and following.pos_ in ("DET", "PRON"))  # "1 million won the"


_QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q.split()} | {"a", "an", "the", "additional", "another", "some"}


def _amount_word(token: Token) -> bool:
    """A word that is part of a written amount: a number, a number word, a currency or a fraction."""
    lower = token.lower_
    return token.like_num or bool(re.search(r"\d", token.text)) or lower in _UNIT_TAIL or lower in _SCALE_TAIL or \
        lower in ("half", "quarter", "third", "thirds", "quarters", "dozen", "hundred", "fold", "in", "out", "of") or \
        lower.rstrip(".") in PREFIX_SIGNS


def _is_not_a_figure_alone(span: Span) -> bool:
    """:func:`_is_not_a_figure` without the tests that look at a neighbouring number: a change's
    parts ("increased from 9 to 10") are no scoreline."""
    doc = span.doc
    text = span.text.strip()
    if span.label_ == "CARDINAL" and (_YEAR.match(text) or _DATE_LIKE.match(_whole_word(span)) or _is_age(span)):
        return True
    return any(entity_at(doc, t) is not None for t in span)


def _is_not_a_figure(span: Span) -> bool:
    doc = span.doc
    text = span.text.strip()
    whole_word = _whole_word(span)
    if span.label_ == "CARDINAL":
        if _YEAR.match(text) or _DATE_LIKE.match(whole_word):
            return True
        if text.lower() == "one" and span.end < len(doc) and doc[span.end].lower_ == "of":
            return True
        if _is_scoreline(span) or _is_identifier(span) or _is_age(span):
            return True
        if span.end < len(doc) and doc[span.end].lower_.rstrip(".") in _DURATION_WORDS:
            return True  # "12 mths", "three weeks": a duration, not a figure
        if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "time":
            return True  # "the five-time champions": how often, a word of the title
        if text.lower() == "one" and span.end + 1 < len(doc) and doc[span.end].text == "-" and \
                doc[span.end + 1].lower_ in ("off", "on", "way", "sided", "stop", "liner"):
            return True  # "a one-off", "a one-way ticket": a word, not a count
        if span[-1].lower_ in _FRACTION_WORDS and span.end + 1 < len(doc) and doc[span.end].text == "-" and \
                doc[span.end + 1].is_alpha:
            return True  # "the quarter-finals", "a half-brother": a word, not a share
        whole = _whole_of_fraction(span)
        if whole is not None and whole.lower_ in _DURATION_WORDS:
            return True  # "a quarter of an hour", "half of the year": a duration, not a share
    if span.end + 1 < len(doc) and doc[span.end].lower_ in _DURATION_WORDS and doc[span.end + 1].lower_ == "ago":
        return True  # "formed 4.6 billion years ago": when, however the model typed the number
    if _CODE.match(whole_word) and not _UNIT_SUFFIX.match(whole_word):
        return True  # "4chan", "A320", "G7": a name with a number in it
    before = [t.lower_ for t in doc[max(0, span.start - 2):span.start] if t.text != "."]
    if before and before[-1] in _RANK_WORDS:
        return True
    if any(entity_at(doc, t) is not None for t in span):
        return True  # a number inside a name: "Group of 20", "Formula 1"
    return not any(t.like_num or t.lower_ in ("half", "quarter", "third", "dozen") or
                   re.search(r"\d", t.text) for t in span) and span.label_ != "CARDINAL"


def _whole_of_fraction(span: Span) -> Token | None:
    """The noun a written fraction is a part of: "a quarter of [an hour]", "three quarters of [a mile]"
    (not a noun that only qualifies another: "a third of the season's games")."""
    doc = span.doc
    parts = [t for t in span if t.lower_.split("-")[-1] in _FRACTION_WORDS]
    if not parts:
        return None
    i = parts[-1].i + 1
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
    elif i >= len(doc) or doc[i].lower_ not in ("a", "an"):
        return None  # "grew by a quarter last year": the time is when, not what the part is of
    while i < len(doc) and doc[i].pos_ in ("DET", "ADJ"):
        i += 1
    if i >= len(doc) or doc[i].pos_ != "NOUN" or doc[i].dep_ == "compound" or \
            (i + 1 < len(doc) and doc[i + 1].tag_ == "POS"):
        return None
    return doc[i]


_DURATION_WORDS = {"mth", "mths", "month", "months", "wk", "wks", "week", "weeks", "yr", "yrs", "year", "years",
                   "day", "days", "night", "nights", "fortnight", "fortnights", "hour", "hours", "hrs", "minute",
                   "minutes", "mins", "seconds", "secs", "decade", "decades", "century", "centuries"}
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+$")
_UNIT_SUFFIX = re.compile(r"^\d+(\.\d+)?(k|m|bn|mn|b|tn|km|kg|mw|gw|kwh|th|st|nd|rd|s|pc|pct|ft|mi|cm|mm)$", re.I)
_DASHES = {"-", "–", "—", "to"}
_ONE_TOKEN_SCORE = re.compile(r"\d{1,2}[–—]\d{1,2}")
_AGE_WORDS = {"aged", "age", "ages"}


def _numbers_around_dash(span: Span) -> tuple[Token, Token] | None:
    """The two numbers of "1 – 0" / "3-5" when the span is one of them."""
    doc = span.doc
    root = span.root
    if span.end + 1 < len(doc) and doc[span.end].text in _DASHES and doc[span.end + 1].like_num:
        return root, doc[span.end + 1]
    if span.start >= 2 and doc[span.start - 1].text in _DASHES and doc[span.start - 2].like_num:
        return doc[span.start - 2], root
    if len(span) == 3 and span[1].text in _DASHES and span[0].like_num and span[2].like_num:
        return span[0], span[2]
    return None


def _is_scoreline(span: Span) -> bool:
    """"Sweden beat Korea 1 – 0": small numbers either side of a dash with no unit or noun after."""
    doc = span.doc
    if len(span) == 1 and _ONE_TOKEN_SCORE.fullmatch(span.text):  # "2–1", which the tokenizer keeps whole
        return span.end == len(doc) or not (doc[span.end].pos_ == "NOUN" or doc[span.end].lower_ in _UNIT_TAIL) \
            or _names_a_result(doc[span.end])
    pair = _numbers_around_dash(span)
    if pair is None or not all(re.fullmatch(r"\d{1,2}", t.text) for t in pair):
        return False
    if pair[1].text == "to" or any(t.text == "to" for t in span):
        return False
    after = span.doc[pair[1].i + 1] if pair[1].i + 1 < len(span.doc) else None
    return after is None or not (after.pos_ == "NOUN" or after.lower_ in _UNIT_TAIL or after.lower_ in _SCALE_TAIL) \
        or _names_a_result(after)


# What a scoreline before a noun is the score of: "a 2 – 1 derby win", "a 0 - 3 home defeat"
_RESULT_NOUNS = {"win", "victory", "defeat", "loss", "draw", "lead", "triumph", "scoreline", "thrashing", "drubbing",
                 "rout", "comeback", "result", "deficit", "reverse", "upset", "aggregate"}


def _names_a_result(first: Token) -> bool:
    """The words after two numbers either side of a dash name a match's result (a noun counted by
    a range, "3 - 4 weeks", or a unit, "3 - 4 metres", does not)."""
    doc = first.doc
    for token in doc[first.i:first.i + 3]:
        if token.lower_ in _UNIT_TAIL or token.lower_ in _SCALE_TAIL or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        if token.lemma_.lower() in _RESULT_NOUNS:
            return True
    return False


def _is_identifier(span: Span) -> bool:
    """"posts 542 and 543", "Studio 54", "Flight 370": a number naming the thing before it."""
    doc = span.doc
    if len(span) != 1 or not re.fullmatch(r"\d{1,5}", span.text):
        return False
    token = span[0]
    if token.dep_ == "conj" and token.head.like_num and token.head.i < token.i:
        return _is_identifier(doc[token.head.i:token.head.i + 1]) or _bare_pair(token.head, token)
    pair = next((c for c in token.children if c.dep_ == "conj" and c.like_num), None)
    if pair is not None and _bare_pair(token, pair):
        return True
    previous = doc[token.i - 1] if token.i > 0 else None
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if previous is None or previous.pos_ not in ("NOUN", "PROPN") or previous.ent_type_ in ("MONEY", "PERCENT"):
        return False
    if following is not None and (following.pos_ == "NOUN" or following.lower_ in _UNIT_TAIL or
                                  following.lower_ in _SCALE_TAIL or following.text in ("%",)):
        return False  # "Coffee 155,221 bags" is a table row, not a label
    return (previous.lower_ not in _TIME_NOUNS and not previous.lower_.endswith("s")) or previous.pos_ == "PROPN" \
        or previous.lower_ in ("posts", "rooms", "gates", "flights", "routes", "lines", "platforms")


def _bare_pair(first: Token, second: Token) -> bool:
    """"near posts 542 and 543": two plain integers joined by "and" that count nothing."""
    doc = first.doc
    after = doc[second.i + 1] if second.i + 1 < len(doc) else None
    return all(re.fullmatch(r"\d{2,5}", t.text) for t in (first, second)) and \
        doc[first.i + 1].lower_ == "and" and second.i == first.i + 2 and \
        (after is None or (after.pos_ not in ("NOUN", "PROPN") and after.lower_ not in _UNIT_TAIL | _SCALE_TAIL))


def _is_age(span: Span) -> bool:
    """"aged 14", "Thomas Sam, 42,", "when she was six": ages are not figures."""
    doc = span.doc
    token = span.root
    previous = doc[span.start - 1] if span.start > 0 else None
    if previous is not None and previous.lower_ in _AGE_WORDS:
        return True
    if token.dep_ in ("appos", "npadvmod", "amod") and token.head.ent_type_ == "PERSON" and \
            previous is not None and previous.text == ",":
        return True  # "Daniel Montalvo, 19, ..."
    if previous is not None and previous.text == "," and span.end < len(doc) and doc[span.end].text == "," and \
            len(span) == 1 and token.is_digit and 0 < int(token.text) <= 110 and span.start >= 2 and \
            (doc[span.start - 2].ent_type_ == "PERSON" or doc[span.start - 2].lemma_ in PERSON_NOUNS or
             doc[span.start - 2].lemma_ in ROLE_NOUNS or
             (token.dep_ == "appos" and token.head.i == span.start - 2 and token.head.tag_ == "NN")):
        return True  # "The Tottenham forward, 25, volleyed": an age between commas after a person
    if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be" and not any(
            c.dep_ == "prep" for c in token.children):
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        return subject is not None and (subject.lower_ in ("he", "she", "i", "we", "they") or
                                        subject.ent_type_ == "PERSON")
    return False


def _is_indefinite_one(span: Span, qualifier: str | None) -> bool:
    """"One poster admitted ...", "as one stipulation": "one" as an article, not a count ("fired one shell" counts)."""
    if span.text.strip().lower() != "one" or qualifier is not None:
        return False
    head = span.root.head
    return span.root.is_sent_start or head.dep_ in ("nsubj", "nsubjpass") or \
        (head.dep_ == "pobj" and head.head.lower_ == "as") or span.root.dep_ in ("nsubj", "nsubjpass")


def _is_range_top(span: Span, has_bottom: bool) -> bool:
    """"two or three goals", "between 40 and 45 mln acres": the range is one figure, given by its first
    number ("between ... and" only when its bottom is a figure: the top is all there is of the range)."""
    doc = span.doc
    if span.start < 2 or not (doc[span.start - 2].like_num or doc[span.start - 2].lower_ in _SCALE_TAIL):
        return False
    if doc[span.start - 1].lower_ == "and":
        return has_bottom and any(t.lower_ == "between" for t in doc[max(0, span.start - 5):span.start - 2])
    return doc[span.start - 1].lower_ in ("or", "to", "-", "–") and doc[span.start - 2].like_num


def _whole_word(span: Span) -> str:
    """The whitespace-delimited word around a span: "06" in "2025-06-14" gives the date."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_:
        end += 1
    return doc[start:end].text.strip(".,;:()")


def _qualifier_before(span: Span) -> str | None:
    doc = span.doc
    lowers = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]  # the words before, read once
    for size in (3, 2, 1):
        if size > len(lowers):
            continue
        words = " ".join(lowers[-size:])
        if words in QUALIFIERS:
            return QUALIFIERS[words]
    return None


# A change verb and the noun for its change: "revenue grew 18 percent" measures revenue growth
_CHANGE_NOUNS = {"rise": "rise", "increase": "increase", "grow": "growth", "fall": "fall", "drop": "drop",
                 "decline": "decline", "jump": "jump", "climb": "rise", "surge": "surge", "soar": "rise",
                 "slip": "fall", "plunge": "fall", "shrink": "fall", "decrease": "decrease", "gain": "gain",
                 "tumble": "fall", "slide": "fall", "dip": "fall", "expand": "growth", "contract": "fall"}


def _change_about(span: Span, unit: str, about_token: Token | None, about: str | None) -> str | None:
    """"exports rose 4 percent": the rise in exports (the percentage is the change, not the level;
    "rose to 4 percent" is the level and keeps "exports")."""
    if about is None or about_token is None or (unit not in ("percent", "fold", "percentage points", "basis points") and
                                                not re.fullmatch(r"[A-Z]{3}", unit)):
        return about  # a change by an amount of money too: "supply rose 2.1 billion dlrs"
    root = span.root
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ == "by":
        verb = verb.head  # "grew by 18 percent"
    elif root.dep_ not in ("dobj", "npadvmod", "advmod", "attr"):
        return about
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _CHANGE_NOUNS or _subject_of(verb) != about_token:
        return about
    first = about_token.left_edge
    if first.is_sent_start and first.pos_ != "PROPN" and about.startswith(first.text):
        about = _lower_first(about)  # "Shares in Acme rose": "rise in shares in Acme"; "M-1" stays
    return f"{_CHANGE_NOUNS[verb.lemma_.lower()]} in {about}"


def _percent_about(span: Span, about: str | None) -> str | None:
    """"6.46 percent of GDP" is a share of GDP."""
    if span.label_ != "PERCENT":
        return about
    for child in span.root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                owner = [c for c in objects[0].children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
                whose = f"{noun_phrase(owner[0], with_conjuncts=False)}'s " if owner else ""
                return f"share of {whose}" + noun_phrase(objects[0], with_conjuncts=False)  # "the company's shares"
    return about


def _gapped_share(span: Span, unit: str, figures: list[FigureFact]) -> str | None:
    """"Labour took 41 percent of the vote, the Greens 12 percent", "Labour's share of the vote fell
    to 29 percent, while the Greens won 12 percent": a share listed after a share of a named whole,
    with the verb left out, said again, or done by another named holder, is a share of the same whole
    (not "... while analysts expect 5 percent": no holder of a share)."""
    doc = span.doc
    start = sentence_start(doc, span.start)
    earlier = next((f for f in reversed(figures) if f.unit == unit), None)
    if earlier is None or sentence_start(doc, earlier.span.start) != start or earlier.about is None or \
            not earlier.about.startswith("share of "):
        return None
    verb = _governing_verb(span.root)
    first = _governing_verb(earlier.span.root)
    holder = _subject_of(verb) if verb is not None else None
    if verb is None or (first is not None and verb.lemma_ == first.lemma_) or \
            (holder is not None and entity_at(doc, holder) is not None):
        return earlier.about
    return None


def _year_entities_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """The entities that name a year, by the start of their sentence: one pass per document
    (``Span.ents`` scans every entity of the document, quadratic on long articles)."""
    by_sentence: dict[int, list[Span]] = {}
    for ent in doc.ents:
        # the model sometimes calls a bare year CARDINAL ("in 2023")
        if (ent.label_ == "DATE" and _YEAR_IN.search(ent.text)) or (ent.label_ == "CARDINAL" and _YEAR.match(ent.text)):
            by_sentence.setdefault(sentence_start(doc, ent.start), []).append(ent)
    return by_sentence


def _period(span: Span, years_by_sentence: dict[int, list[Span]]) -> str | None:
    """The year or year range a sentence gives for a figure, nearest first."""
    dates = years_by_sentence.get(sentence_start(span.doc, span.start))
    if not dates:
        return None
    nearest = min(dates, key=lambda ent: abs(ent.start - span.start))
    years = _YEAR_IN.findall(nearest.text)
    if not years:
        return None
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


@Language.factory(
    "newsgraph_figures",
    requires=["doc.ents", "token.dep", "doc._.ng_token_entity"],
    assigns=["doc._.ng_figures"],
)
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder(nlp, name)
