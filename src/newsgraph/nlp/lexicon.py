"""Word lists the rules share. Kept in one place so they are easy to extend."""

from __future__ import annotations

# spaCy NER label -> newsgraph entity type (labels not listed are not entities)
ENTITY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "PRODUCT": "Other",
    "EVENT": "Other",
    "WORK_OF_ART": "Other",
    "LAW": "Other",
}

# Last words that make a name a thing other than an organisation
OTHER_HEADS = {
    "treaty", "convention", "agreement", "accord", "accords", "protocol", "act", "bill", "law",
    "index", "indices", "ranking", "rankings", "report", "survey", "prize", "award",
    "awards", "cup", "games", "olympics", "championship", "championships", "tournament", "open",
    "summit", "expo", "festival", "war", "declaration", "initiative", "plan", "programme", "program",
    "strategy", "doctrine", "charter", "constitution", "amendment", "regulation", "directive",
    "expanded", "marathon", "grand prix", "league cup", "series",
}

# All-capital words that are not organisations when they stand alone
NOT_ORG_ACRONYMS = {
    "ceo", "cfo", "coo", "cto", "gdp", "gnp", "cpi", "ipo", "faq", "diy", "dna", "rna", "hiv", "aids",
    "covid", "sars", "mers", "usa", "uk", "uae", "us", "eu", "prc", "dprk", "drc", "rok", "ussr", "tv",
    "ai", "api", "pdf", "html", "url", "pc", "it", "vip", "mvp", "ok", "am", "pm", "gmt", "utc", "est",
    "pst", "bst", "cet", "qc", "kc", "sc", "mp", "mep", "msp", "mla", "mpp", "mha", "mna", "mlc", "phd", "mba", "led", "lcd",
    "suv", "atm", "pin", "sms", "gps", "usb", "vpn", "iq", "ufo", "rip", "lol", "omg", "asap", "etc",
    "ceos", "ipos", "ngo", "ngos", "nhs", "irs", "mri", "ct", "icu", "er", "cpu", "gpu", "ram", "rom",
    "ev", "evs", "lng", "lpg", "co2", "ghg", "vat", "gst", "hdi", "ppp", "bc", "ad", "bce", "ce",
}

# Words that make a name an organisation when the model said otherwise
ORG_HEADS = {
    "institute", "institution", "university", "college", "academy", "school", "association",
    "federation", "union", "council", "committee", "commission", "ministry", "department",
    "bureau", "administration", "agency", "authority", "office", "organization", "organisation",
    "corporation", "company", "group", "bank", "exchange", "court", "party", "parliament",
    "congress", "senate", "assembly", "board", "foundation", "society", "centre", "center",
    "laboratory", "lab", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corp.", "co",
    "co.", "airlines", "airways", "holdings", "news", "service", "services", "forces",
    "army", "navy", "police", "team", "club", "fc", "network", "press", "times", "post",
    "museum", "gallery", "org",
}

# Last words of company names that the short name leaves out ("Brightpath" for "Brightpath Systems")
COMPANY_NAME_TAILS = {"systems", "technologies", "technology", "industries", "pharmaceuticals", "motors", "energy",
                      "resources", "networks", "software", "labs", "partners", "capital", "entertainment", "media",
                      "communications", "bancorp", "bancorporation", "bancshares", "bankshares", "financial", "international", "enterprises", "brands", "foods",
                      "electronics", "therapeutics", "biosciences", "petroleum", "mining", "minerals", "telecom",
                      "pharma", "securities", "investments", "insurance", "logistics", "solutions", "corp",
                      "aircraft", "worldwide", "airlines", "airways", "chemicals", "seetransport", "shipping",
                      "films", "pictures", "studios", "productions", "health", "cargo", "freight"}

# Parties named by their members in the plural ("the Social Democrats", "the Greens", "the Tories")
PARTY_PLURALS = {"democrats", "republicans", "conservatives", "liberals", "greens", "socialists", "communists",
                 "tories", "nationalists", "unionists", "progressives", "libertarians", "whigs"}

# Last words of newspaper and magazine names ("Saudi Gazette", "Sydney Morning Herald")
MEDIA_HEADS = {"gazette", "herald", "journal", "tribune", "daily", "magazine", "chronicle", "telegraph",
               "observer", "times", "post", "news", "express", "courier", "standard", "guardian", "inquirer"}

# Words of a title held at a company: such a title has no country (no jurisdiction)
CORPORATE_TITLE_WORDS = {"ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "founder", "co-founder", "shareholder"}

# Nouns that head an unnamed public body ("the provincial market supervision administration")
BODY_HEADS = {
    "ministry", "department", "bureau", "administration", "agency", "authority", "office",
    "commission", "committee", "council", "regulator", "court", "government", "military", "navy",
    "army", "police", "coastguard",
}

# Single words the model tags as places or organisations that name neither
NOT_NAMES = {"north", "south", "east", "west", "islam", "christianity", "homeopathy", "crown", "satan", "moon"}
NOT_NAME_SUFFIXES = ("ism", "phobia", "pathy")

# Named sites and facilities are places even when the model calls them organisations
FACILITY_HEADS = {
    "arena", "stadium", "airport", "station", "hall", "square", "bridge", "tower", "towers", "mosque",
    "cathedral", "temple", "palace", "cave", "plaza", "terminal", "pier", "harbour", "harbor", "dam",
    "factory", "refinery", "base", "facility", "pool", "courthouse", "rink", "velodrome", "lido",
}
# Building words that make a name a place when it is where someone goes or is ("to the White House");
# as actors ("the White House said") such names stay organisations
BUILDING_WORDS = {"house", "building", "lodge", "manor", "castle", "mansion", "headquarters"}
LOCATIVE_PREPOSITIONS = {"to", "at", "in", "inside", "outside", "near", "into", "from"}

# Two-word heads of organisations whose last word alone would say place ("Irving School District")
ORG_COMPOUND_HEADS = {("school", "district"), ("school", "board"), ("water", "district"), ("geological", "survey"),
                      ("ordnance", "survey")}

# Facility words that are never surnames ("John Tower", "Arsenio Hall" are people)
SITE_WORDS = {"arena", "stadium", "airport", "station", "towers", "mosque", "cathedral", "terminal", "plaza"}

# Organisation words that name a body when capitalised after capitalised words the model left untagged
# ("joined the Sea Org", "the Arden Foundation")
UNTAGGED_ORG_HEADS = {"org", "foundation", "institute", "association", "society", "university", "college",
                      "academy", "corporation"}

FACILITY_CENTRES = {"convention", "exhibition", "shopping", "conference", "trade", "sports", "community", "aquatic",
                    "leisure", "recreation", "civic", "fitness", "swimming", "visitor", "visitors", "events"}

# Lowercase nouns of a land feature after its name: "the Reykjanes peninsula", "the Jordan valley"
LANDFORM_NOUNS = {"peninsula", "valley", "river", "basin", "plateau", "coast", "archipelago", "delta", "desert",
                  "mountains", "highlands", "lowlands", "strait", "gulf", "bay", "lake", "glacier", "volcano"}
# Lowercase nouns that name a settlement or an area: "the town of X", "X county"
SETTLEMENT_NOUNS = {"town", "city", "village", "province", "county", "district", "region", "state", "island",
                    "port", "municipality", "prefecture", "township", "suburb", "borough"}

# Short forms of a few names that news uses alongside the full one ("US" for "United States")
SHORT_FORMS = {
    "united states": {"us", "u.s.", "usa", "u.s.a.", "america", "united states of america"},
    "united kingdom": {"uk", "u.k.", "britain", "great britain"},
    "united nations": {"un", "u.n."},
    "european union": {"eu", "e.u."},
    "north korea": {"dprk", "democratic people's republic of korea"},
    "south korea": {"rok", "korea republic", "republic of korea"},
}

# Nouns that, in apposition or after a possessive, show that a name is a person's
# ("X, an Australian woman", "X's father")
PERSON_NOUNS = {"woman", "man", "girl", "boy", "teenager", "mother", "father", "daughter", "son", "wife",
                "husband", "sister", "brother", "widow", "grandmother", "grandfather", "aunt", "uncle",
                "niece", "nephew", "cousin", "parents", "child", "children", "boyfriend", "girlfriend"}

# What only a player does: "X's assist", "X's header" (after a name that is not a country)
PLAYER_ACTS = {"assist", "header", "shot", "attempt", "volley", "tackle", "save", "strike", "cross", "free-kick"}

# Verbs whose object is a person when their subject is one ("A replaced B")
PERSON_SWAP_VERBS = {"replace", "succeed", "substitute"}

# Kinds of named things that are neither organisations nor places: names given as examples of
# them ("gods such as Zeus", "religions such as Wicca") are left out
NOT_ENTITY_KINDS = {"god", "gods", "goddess", "goddesses", "deity", "deities", "religion", "religions", "faith",
                    "faiths", "language", "languages", "saint", "saints", "prophet", "prophets", "spirit", "spirits",
                    "myth", "myths", "hero", "heroes", "character", "characters"}

# Capitalised compass words that end a place's name ("Kowloon West", "Sydney North")
COMPASS_SUFFIXES = {"West", "East", "North", "South", "Central"}

PLACE_HEADS = {
    "area", "region", "province", "state", "county", "city", "district", "island", "islands",
    "river", "valley", "mountains", "sea", "ocean", "bay", "peninsula", "strait", "lake",
    "ward", "borough", "prefecture", "municipality", "oblast", "governorate", "canton",
}

# Words that name a role or a job ("director general", "chief executive", "researcher")
ROLE_NOUNS = {
    "forecaster", "meteorologist", "epidemiologist", "virologist", "seismologist", "volcanologist", "climatologist",
    "coordinator", "historian", "pollster", "commentator", "columnist", "firefighter", "paramedic",
    "president", "vice-president", "speaker", "whip", "director", "general", "chief", "executive", "officer", "head",
    "chairman", "chairwoman", "chair", "chairperson", "ceo", "cfo", "coo", "cto", "founder",
    "co-founder", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "manager",
    "governor", "mayor", "senator", "representative", "lawmaker", "deputy", "ambassador",
    "commissioner", "chancellor", "premier", "professor", "researcher", "scientist", "economist",
    "analyst", "editor", "reporter", "correspondent", "leader", "coach", "captain", "striker",
    "player", "midfielder", "defender", "goalkeeper", "owner", "partner", "member", "fellow",
    "adviser", "advisor", "consultant", "engineer", "lawyer", "attorney", "judge", "justice",
    "prosecutor", "dean", "rector", "principal", "superintendent", "commander", "colonel", "lieutenant", "sergeant", "official", "administrator", "treasurer",
    "strategist", "investor", "trader", "curator", "author", "journalist",
    "physician", "doctor", "surgeon", "nurse", "teacher", "student", "candidate", "nominee",
    "king", "queen", "prince", "princess", "emperor", "pope", "bishop", "archbishop", "cardinal",
    "envoy", "diplomat", "delegate", "vice", "assistant", "associate",
    "senior", "lead", "managing", "founding", "acting", "interim", "former",
    "president-elect", "prime", "foreign", "finance", "health", "defence", "defense",
    "trade", "interior", "economy", "education", "energy", "state", "shadow",
    "incoming", "outgoing", "councillor", "councilor", "councilman", "councilwoman", "legislator",
    "congressman", "congresswoman", "referee", "photographer", "publisher",
    "instructor", "lecturer", "homeopath", "athlete", "designer", "musician", "singer", "actor",
    "actress", "director-general", "secretary-general", "attorney-general", "chief-executive",
    "boss", "mp", "mpp", "qc", "creator", "poet", "artist", "model", "dj", "host", "anchor", "presenter",
    "comedian", "comedienne", "rapper", "songwriter", "singer-songwriter", "guitarist", "drummer",
    "bassist", "pianist", "composer", "producer", "writer", "novelist", "playwright", "screenwriter",
    "filmmaker", "painter", "sculptor", "architect", "chef", "dancer", "sultan", "shah", "emir", "sheikh",
    "duke", "duchess", "lord", "baron", "rabbi", "imam", "priest", "pastor", "reverend", "monk", "nun",
    "astronaut", "pilot", "soldier", "policeman", "detective", "inspector", "marshal",
    "admiral", "brigadier", "corporal", "chaplain", "archdeacon", "vicar", "provost", "trustee", "shareholder", "entrepreneur", "businessman", "businesswoman",
    "tycoon", "magnate", "banker", "activist", "campaigner", "organizer", "organiser",
    "sheriff", "consul", "consul-general", "magistrate", "mep", "undersecretary", "under-secretary",
    "vice-chancellor", "inspector-general", "alderman", "assemblyman", "assemblywoman", "politician", "supervisor", "auditor", "comptroller", "controller", "registrar", "clerk",
    # positions on a team and in a band, and staff posts, that the suffixes below miss or the tagger mistags
    "forward", "winger", "fullback", "halfback", "quarterback", "linebacker", "pitcher", "shortstop", "goalie",
    "defenceman", "defenseman", "frontman", "frontwoman", "vocalist", "keyboardist", "saxophonist", "trumpeter",
    "violinist", "cellist", "percussionist", "fiddler", "lyricist", "bandleader", "conductor", "aide", "staffer",
    # job words the suffix rule below misses ("counsel") or reads only when the tagger calls them nouns
    "mediator", "negotiator", "investigator", "ombudsman", "headteacher", "headmaster", "headmistress", "counsel",
}

# Role words that, before a name, are titles even without an organisation ("Senator Smith")
TITLE_WORDS = {
    "president", "senator", "governor", "mayor", "minister", "premier", "chancellor", "judge",
    "justice", "ambassador", "commissioner", "secretary", "general", "colonel", "captain",
    "professor", "dr", "dr.", "king", "queen", "prince", "princess", "pope", "bishop",
    "archbishop", "cardinal", "chairman", "chairwoman", "coach", "rep.", "sen.", "gov.",
    "prime", "chief", "director", "ceo", "lieutenant", "sergeant", "commander",
}

# Abbreviated titles before a name ("Minnesota Gov. Tim Pawlenty") and the title they stand for
TITLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
                       "col.": "colonel", "lt.": "lieutenant", "sgt.": "sergeant", "capt.": "captain",
                       "adm.": "admiral", "cmdr.": "commander", "supt.": "superintendent", "prof.": "professor",
                       "amb.": "ambassador", "insp.": "inspector", "det.": "detective",
                       # plurals before a list of names ("Sens. A and B"); the tokenizer keeps them whole
                       "sens.": "senator", "reps.": "representative", "govs.": "governor"}
PLURAL_TITLE_ABBREVIATIONS = {"sens.", "reps.", "govs."}

# Portfolio words: capitalised inside a title they name a brief, not an organisation
# ("Defense Secretary", "Shadow Home Secretary", "Foreign Affairs Minister")
PORTFOLIO_WORDS = {
    "defense", "defence", "home", "foreign", "affairs", "interior", "justice", "treasury", "finance", "financial",
    "health", "education", "energy", "trade", "state", "shadow", "commerce", "labor", "labour",
    "transport", "transportation", "environment", "agriculture", "culture", "housing", "security", "homeland",
    "veterans", "immigration", "economy", "economic", "development", "industry",
    "tourism", "communications", "information", "science", "technology", "sport", "sports",
    "fisheries", "forestry", "mines", "mining", "works", "public", "social", "welfare", "women",
    "youth", "children", "family", "families", "digital", "climate", "resources", "natural",
    "budget", "revenue", "war", "navy", "army", "air", "force", "policy", "planning", "cabinet",
    "attorney", "solicitor", "general", "deputy", "prime", "first", "chief", "minority", "majority",
    "party", "opposition", "crown", "exchequer", "petroleum", "oil", "water", "power", "electricity", "irrigation",
    "railways", "aviation", "telecommunications", "services", "relations", "safety",
    "protection", "heritage", "consumer", "employment", "pensions", "equality", "equalities", "rural", "urban",
    "infrastructure", "cooperation", "lands", "wildlife", "regional", "food",
}

# Military ranks that qualify a title ("Brigadier General", "Rear Admiral")
RANK_WORDS = {"brigadier", "major", "rear", "vice", "lieutenant", "staff", "field", "air", "chief", "master",
              "first", "second", "command", "sergeant", "flight", "wing", "group", "fleet"}

# "former Prime Minister X", "the then president", "acting CEO": when the role is held
ROLE_QUALIFIERS = {
    "former": "former", "ex": "former", "acting": "acting", "then": "then", "interim": "interim",
    "incoming": "incoming", "outgoing": "outgoing", "retired": "former",
}
# Words that describe the holder, not the post: "a local MP", "conservative businessman X", "a prominent lawyer"
DESCRIPTIVE_ROLE_WORDS = {"local", "conservative", "liberal", "prominent", "leading", "well-known", "famous",
                          "veteran", "respected", "popular", "wealthy", "young", "renowned", "celebrated"}
# Party labels before a title ("Labor senator X", "Labour MP X"): the holder's side, not the post nor a body
PARTY_LABELS = {"labour", "labor", "tory", "conservative", "liberal", "democrat", "republican", "green",
                "independent", "socialist", "nationalist", "unionist", "communist"}
# the seats a party's label goes before (not "Labour Minister": a brief; "Labour leader" leads the party)
PARTY_SEATS = {"mp", "mps", "senator", "councillor", "councilor", "lawmaker", "politician", "congressman",
               "congresswoman", "legislator", "assemblyman", "assemblywoman", "peer", "mayor", "backbencher"}

# Titles written after a name ("Mark Tedeschi QC", "Jane Roe MP")
POSTNOMINAL_TITLES = {"qc": "qc", "kc": "kc", "sc": "sc", "mp": "mp", "mep": "mep", "msp": "msp", "mla": "mla",
                      "mpp": "mpp"}

# Words that only qualify a role; a role is never made of these alone
ROLE_MODIFIERS = {
    "vice", "assistant", "associate", "senior", "lead", "managing", "founding", "acting",
    "interim", "former", "deputy", "executive", "chief", "general", "prime", "foreign",
    "finance", "health", "defence", "defense", "trade", "interior", "economy", "education",
    "energy", "state", "principal", "incoming", "outgoing", "shadow", "home", "co",
}

# Verbs that mean holding a role: "X, who heads Y" -> head
ROLE_VERBS = {
    "head": "head", "lead": "leader", "chair": "chair", "run": "head", "direct": "director",
    "manage": "manager", "found": "founder", "co-found": "co-founder", "own": "owner",
    "coach": "coach", "captain": "captain", "operate": "operator",
    "command": "commander", "form": "founder", "establish": "founder", "start": "founder",
}

# Verbs of joining, working and playing that tie a person to an organisation without a title;
# (verb lemma, preposition or None for a direct object) -> the role the verb implies
# ("X joined Y" -> member of Y, "X played for Y" -> player, "X works for Y" -> employee).
# A title in "as ..." ("X joined Y as chief economist") wins over the implied role.
AFFILIATION_VERBS = {
    ("join", None): "member", ("rejoin", None): "member",
    ("play", "for"): "player", ("play", "with"): "player",
    ("work", "for"): "employee", ("work", "at"): "employee",
    ("serve", "in"): "member", ("serve", "with"): "member", ("serve", "on"): "member", ("sit", "on"): "member",
    ("sign", "with"): "signee",  # "X signed with Y" (a label, a club): a contract, not a deal (that has an object)
    ("coach", "at"): "coach", ("coach", "for"): "coach",
    ("teach", "at"): "teacher", ("lecture", "at"): "lecturer",
    ("play", "in"): "player",  # "X played bass in Y": an instrument may be the object (see AFFILIATION_OBJECTS)
    ("sing", "for"): "singer", ("sing", "in"): "singer", ("drum", "for"): "drummer",
    ("record", "for"): "recording artist", ("write", "for"): "writer", ("report", "for"): "reporter",
}

# The same in the passive, the person being its subject: "X was hired by Y", "X is signed to Y",
# "X was elected to Y" (verb lemma, preposition or "by" for the agent) -> the role the verb implies
AFFILIATION_PASSIVE_VERBS: dict[tuple[str, str | None], str] = {
    ("hire", "by"): "employee", ("employ", "by"): "employee", ("employ", "at"): "employee",
    ("sign", "by"): "signee", ("sign", "to"): "signee", ("draft", "by"): "player",
    ("elect", "to"): "member", ("appoint", "to"): "member", ("second", "to"): "member",
}

# Verbs of AFFILIATION_VERBS whose bare object says how the post is held ("played bass in Y", "coached
# basketball at Y", "sang lead vocals for Y"); with an article or a possessive the object is a thing
# done for the organisation ("wrote a letter for Y"), and the verb implies no post
AFFILIATION_OBJECTS = {"play", "coach", "teach", "sing", "drum", "record", "write"}

# Recordings whose label names the artist's ("an album by X released by Y", "X's first single for Y")
WORK_NOUNS = {"album", "single", "record", "ep", "lp", "song", "recording", "release", "compilation",
              "soundtrack", "cd", "mixtape"}

# Words on a title that say when or how the holder holds it, not what the title is
# ("X, the current prime minister of Y", "X longtime mayor of Y", "the only living former mayors"):
# left out of the role
TENURE_WORDS = {"current", "incumbent", "longtime", "long-time", "sitting", "serving", "newly", "new", "elected",
                "appointed", "reelected", "re-elected", "de", "facto", "only", "sole", "living",
                "surviving"}

# Forms of address between a title and a name ("Prime Minister of India Dr. Manmohan Singh")
HONORIFICS = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame", "hon.", "hon", "honourable",
              "honorable", "tun", "datuk", "dato", "dato'", "tan", "sri", "sheikh", "sheik", "h.e.", "rt", "rt.",
              "lord", "lady", "baron", "baroness"}

# Titles of office held for a country, region or city: "President X of Finland", "Sultan X of Brunei"
# (the place after the name is the title's jurisdiction, not where the holder comes from)
OFFICE_TITLES = {"president", "vice-president", "premier", "minister", "chancellor", "governor", "mayor", "king",
                 "queen", "sultan", "emir", "shah", "emperor", "empress", "monarch", "taoiseach", "president-elect",
                 "leader", "dictator", "ruler", "ambassador", "consul", "attorney general", "lieutenant governor"}

# Offices whose title is also how the holder is named ("King Abdullah", "Pope Francis", "Queen Margrethe
# of Denmark"): the model keeps the word in the name, and the name still says the office
REIGNING_TITLES = {"king", "queen", "pope", "emperor", "empress", "sultan", "emir", "shah", "prince", "princess",
                   "tsar", "czar", "kaiser", "pharaoh"}

# What follows a company's name and says it is one ("Acme Inc", "Cypress Partners LP")
COMPANY_MARKS = frozenset({"Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Plc", "PLC", "plc", "LLC", "LP",
                           "L.P.", "LLP", "AG", "GmbH", "N.V.", "NV", "S.A.", "SpA", "S.p.A.", "B.V.", "Bhd",
                           "Corporation", "Incorporated", "Limited"})

# Kinds of things a name may name, said after it ("the Artemis program", "the Orion capsule")
THING_NOUNS = {"program", "programme", "mission", "capsule", "spacecraft", "lander", "probe", "rover", "telescope",
               "satellite", "vaccine", "app"}
# ... and what else is given a name of its own ("a storm named Ida", "the ship, called Ever Given"); not
# in THING_NOUNS, as a company's name stands before them too ("a Maersk ship")
# News agencies, by the names wire copy gives them: always an organisation
NEWS_AGENCIES = {"Reuter", "Reuters", "AP", "AFP", "UPI", "Xinhua", "Kyodo", "Bernama", "Tass", "TASS", "Yonhap",
                 "Interfax", "Itar-Tass", "ITAR-TASS", "ANSA", "EFE", "DPA", "PTI", "Antara", "Anadolu", "MENA",
                 "IRNA", "KCNA", "Jiji", "RIA Novosti", "Agence France-Presse", "Associated Press", "Press Trust of India"}
# The agencies that write for the world, in whose copy a bare "$" is the US dollar (others: "C$", "S$")
WORLD_AGENCIES = {"reuters", "reuter", "ap", "associated press", "afp", "agence france-presse", "bloomberg",
                  "dow jones"}
# Units of time a rate is counted per ("per hour", "three mornings a week")
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "night"}
# Kinds of vessel, whose name follows them ("the tanker Aurora Bay"): a ship, not a place or a person
VESSEL_NOUNS = {"ship", "vessel", "tanker", "freighter", "ferry", "yacht", "trawler", "liner", "submarine",
                "destroyer", "frigate", "cruiser", "barge", "tugboat", "boat", "supertanker", "warship"}
NAMED_THING_NOUNS = THING_NOUNS | {"ship", "vessel", "boat", "storm", "hurricane", "typhoon", "cyclone", "robot",
                                   "aircraft", "plane", "locomotive", "train", "asteroid", "comet", "operation",
                                   "dog", "horse"}

# Titles whose "of" names the place governed, never a person: "the mayor of Peso da Régua"
PLACE_OF_TITLES = {"mayor", "governor", "premier", "prime minister", "chief minister", "first minister"}

SPEECH_VERBS = {
    "say", "add", "tell", "state", "note", "emphasize", "emphasise", "stress", "explain",
    "argue", "claim", "insist", "warn", "announce", "declare", "remark", "observe", "comment",
    "point", "acknowledge", "admit", "affirm", "assert", "believe", "caution", "conclude",
    "confirm", "contend", "deny", "describe", "highlight", "maintain", "mention", "predict",
    "promise", "reiterate", "report", "reveal", "suggest", "urge", "write", "vow", "pledge",
    "underscore", "underline", "recall", "ask", "reply", "respond", "tweet", "estimate",
    "forecast", "hope", "expect", "concede", "allege", "indicate", "disclose", "tout", "call",
}

# Indirect-speech verbs that need a clause ("warned that ..."), not a direct quote
QUALIFIERS = {
    "about": "approximately", "around": "approximately", "approximately": "approximately",
    "roughly": "approximately", "some": "approximately", "circa": "approximately",
    "an estimated": "approximately", "estimated": "approximately", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "just under": "nearly", "over": "more than",
    "more than": "more than", "above": "more than", "exceeding": "more than",
    "in excess of": "more than", "upwards of": "more than", "greater than": "more than",
    "higher than": "more than", "beyond": "more than", "less than": "less than",
    "fewer than": "less than", "under": "less than", "below": "less than", "lower than": "less than",
    "at least": "at least", "no less than": "at least", "no fewer than": "at least",
    "at most": "at most", "up to": "up to", "as many as": "up to", "as much as": "up to",
    "exactly": "exactly", "only": "only", "just": "only", "a record": "record",
}

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
    "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "lakh": 1e5,
    "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "millions": 1e6, "billions": 1e9, "thousands": 1e3,
    "hundred": 1e2, "dozen": 12,
}

# Currency words and symbols -> ISO 4217
CURRENCY_WORDS = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "dollar": "USD", "dollars": "USD", "usd": "USD", "us$": "USD", "$": "USD", "u.s.$": "USD",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "€": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "£": "GBP",
    "yen": "JPY", "jpy": "JPY", "¥": "JPY",
    "rupee": "INR", "rupees": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "₹": "INR",
    "rp": "IDR", "rm": "MYR", "ksh": "KES",
    "won": "KRW", "krw": "KRW", "₩": "KRW",
    "franc": "CHF", "francs": "CHF", "chf": "CHF",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rub": "RUB", "₽": "RUB",
    "real": "BRL", "reais": "BRL", "r$": "BRL", "brl": "BRL",
    "peso": "MXN", "pesos": "MXN", "lira": "TRY", "liras": "TRY", "₺": "TRY",
    "rand": "ZAR", "naira": "NGN", "₦": "NGN", "shilling": "KES", "shillings": "KES",
    "ringgit": "MYR", "baht": "THB", "dong": "VND", "rupiah": "IDR", "riyal": "SAR",
    "riyals": "SAR", "dirham": "AED", "dirhams": "AED", "shekel": "ILS", "shekels": "ILS",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "zloty": "PLN", "zlotys": "PLN",
    "złoty": "PLN", "złotys": "PLN", "zlotych": "PLN", "złotych": "PLN", "koruna": "CZK", "korunas": "CZK",
    "leu": "RON", "lei": "RON", "hryvnia": "UAH", "hryvnias": "UAH", "forint": "HUF", "forints": "HUF",
    "bitcoin": "BTC", "bitcoins": "BTC",
    "metical": "MZN", "meticais": "MZN", "kwacha": "ZMW", "cedi": "GHS", "cedis": "GHS", "birr": "ETB",
    "sol": "PEN", "soles": "PEN", "gh₵": "GHS", "₵": "GHS", "fj$": "FJD",
    "taka": "BDT", "kyat": "MMK", "tenge": "KZT", "lari": "GEL", "manat": "AZN",
    "nz$": "NZD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD",
    "s$": "SGD", "nt$": "TWD", "j$": "JMD",
    # the currencies the euro replaced, and others wire copy names: "72 mln guilders", "500 mln lire"
    "guilder": "NLG", "guilders": "NLG", "lire": "ITL", "peseta": "ESP", "pesetas": "ESP", "escudo": "PTE",
    "escudos": "PTE", "schilling": "ATS", "schillings": "ATS", "drachma": "GRD", "drachmas": "GRD",
    "drachmae": "GRD", "ecu": "XEU", "ecus": "XEU", "punt": "IEP", "punts": "IEP", "markka": "FIM",
    "markkaa": "FIM", "cruzado": "BRC", "cruzados": "BRC", "austral": "ARA", "australs": "ARA",
    "marks": "DEM", "deutschmarks": "DEM", "deutschemarks": "DEM",
}

# Currency words several countries use: the nationality before the word says whose ("French
# francs", "Swedish crowns", "Kuwaiti dinars"); without one, CURRENCY_WORDS decides ("" there: no
# country can be told, so no code is given)
NATIONAL_CURRENCIES = {
    "franc": {"french": "FRF", "belgian": "BEF", "luxembourg": "LUF", "swiss": "CHF"},
    "crown": {"swedish": "SEK", "danish": "DKK", "norwegian": "NOK", "czech": "CZK", "slovak": "SKK"},
    "krona": {"swedish": "SEK", "icelandic": "ISK"},
    "krone": {"danish": "DKK", "norwegian": "NOK"},
    "mark": {"west german": "DEM", "german": "DEM", "deutsche": "DEM", "d": "DEM", "finnish": "FIM"},
    "dinar": {"kuwaiti": "KWD", "iraqi": "IQD", "jordanian": "JOD", "bahraini": "BHD", "algerian": "DZD",
              "libyan": "LYD", "tunisian": "TND", "serbian": "RSD"},
    "peso": {"mexican": "MXN", "argentine": "ARS", "argentinian": "ARS", "philippine": "PHP", "chilean": "CLP",
             "colombian": "COP", "cuban": "CUP", "uruguayan": "UYU"},
    "rupee": {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR", "nepalese": "NPR", "mauritian": "MUR"},
    "riyal": {"saudi": "SAR", "qatari": "QAR", "omani": "OMR", "yemeni": "YER"},
    "lira": {"italian": "ITL", "turkish": "TRY", "maltese": "MTL"},
    "leu": {"romanian": "RON", "moldovan": "MDL"},
    "pound": {"egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP", "irish": "IEP", "cypriot": "CYP",
              "sudanese": "SDG"},
    "shilling": {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "austrian": "ATS", "somali": "SOS"},
}
# forms that do not end in a plain "s", and the wire's abbreviations
CURRENCY_PLURALS = {"kronor": "krona", "kroner": "krone", "lire": "lira", "lei": "leu", "dlrs": "dollar",
                    "dlr": "dollar"}

# Titles a capitalised brief comes before ("Steel Minister", "Trade and Industry Secretary")
BRIEF_TITLES = {"minister", "secretary", "undersecretary", "under-secretary"}

# Adjectives that pick a dollar ("Australian dollars")
DOLLAR_COUNTRIES = {
    "u.s.": "USD", "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "taiwan": "TWD",
    "zimbabwean": "ZWL", "jamaican": "JMD",
}
NATIONAL_CURRENCIES["dollar"] = DOLLAR_COUNTRIES  # "Canadian dollars"; without a country, US dollars

# Places a story is set in whose currency shares its name with other countries' ("dollars", "pesos",
# "rupees", "pounds"): the country, the regions datelines name after a city, and cities datelines
# give alone. The United States and Britain are here so that a story set there is set somewhere.
PLACE_CURRENCIES = {
    **dict.fromkeys(("united states", "u.s.", "us", "usa", "america", "washington", "new york", "california",
                     "texas", "florida", "chicago", "los angeles"), "USD"),
    **dict.fromkeys(("britain", "united kingdom", "u.k.", "uk", "england", "scotland", "wales", "london"), "GBP"),
    **dict.fromkeys(("canada", "ontario", "ont.", "quebec", "que.", "british columbia", "b.c.", "alberta", "alta.",
                     "manitoba", "man.", "saskatchewan", "sask.", "nova scotia", "n.s.", "new brunswick", "n.b.",
                     "newfoundland", "prince edward island", "p.e.i.", "toronto", "montreal", "ottawa", "vancouver",
                     "calgary", "edmonton", "winnipeg"), "CAD"),
    **dict.fromkeys(("australia", "new south wales", "n.s.w.", "nsw", "queensland", "tasmania", "western australia",
                     "south australia", "northern territory", "sydney", "melbourne", "brisbane", "adelaide",
                     "canberra"), "AUD"),
    **dict.fromkeys(("new zealand", "auckland", "christchurch"), "NZD"),
    **dict.fromkeys(("jamaica", "montego bay"), "JMD"),
    # not Taiwan: its wire copy gives trade and reserves in bare "dlrs" that are US ones
    "hong kong": "HKD", "singapore": "SGD",
    **dict.fromkeys(("mexico", "mexico city", "guadalajara", "monterrey"), "MXN"),
    **dict.fromkeys(("chile", "valparaiso", "valparaíso"), "CLP"),
    **dict.fromkeys(("argentina", "buenos aires"), "ARS"),
    **dict.fromkeys(("colombia", "bogota", "bogotá", "medellin", "medellín"), "COP"),
    **dict.fromkeys(("philippines", "manila", "quezon city"), "PHP"),
    **dict.fromkeys(("cuba", "havana"), "CUP"),
    **dict.fromkeys(("uruguay", "montevideo"), "UYU"),
    **dict.fromkeys(("india", "new delhi", "mumbai"), "INR"),
    **dict.fromkeys(("pakistan", "islamabad", "karachi", "lahore", "sindh", "balochistan", "khyber pakhtunkhwa",
                     "peshawar"), "PKR"),
    **dict.fromkeys(("sri lanka", "colombo"), "LKR"),
    **dict.fromkeys(("nepal", "kathmandu"), "NPR"),
    **dict.fromkeys(("egypt", "cairo"), "EGP"),
    **dict.fromkeys(("lebanon", "beirut"), "LBP"),
    **dict.fromkeys(("kenya", "nairobi"), "KES"),
    **dict.fromkeys(("uganda", "kampala"), "UGX"),
    **dict.fromkeys(("tanzania", "dar es salaam"), "TZS"),
}

FRACTIONS = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
    "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}

PERCENT_WORDS = {"percent", "per cent", "%", "pct", "percentage points", "points"}

UNIT_WORDS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    # the gold conventions' name for a metric ton ("3.2 tonnes", wire "tonnes", "metric tons"); a bare
    # "tons" in news is almost always the same weight, and the text cannot tell a short ton from it
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "tonne": "tonnes", "tonnes": "tonnes", "ton": "tonnes",
    "tons": "tonnes", "pound-weight": "lb", "lb": "lb", "lbs": "lb", "barrel": "barrel",
    "barrels": "barrel", "bbl": "barrel", "bbls": "barrel", "bpd": "bpd", "litre": "l", "litres": "l", "liter": "l", "liters": "l",
    "hectare": "ha", "hectares": "ha", "acre": "acre", "acres": "acre", "mw": "MW",
    "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW", "gigawatts": "GW",
    "kwh": "kWh", "twh": "TWh", "degree": "degree", "degrees": "degree", "square": "square",
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
    "cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
    "inch": "inch", "inches": "inch", "foot": "ft", "feet": "ft", "ft": "ft",
    "gram": "g", "grams": "g", "gramme": "g", "grammes": "g", "milligram": "mg", "milligrams": "mg", "mg": "mg",
    "ounce": "oz", "ounces": "oz", "oz": "oz", "gallon": "gallon", "gallons": "gallon", "yard": "yd", "yards": "yd",
    "knot": "knot", "knots": "knot", "kilowatt": "kW", "kilowatts": "kW", "kw": "kW",
    "mph": "mph", "kph": "km/h", "kmh": "km/h",  # speeds (quantities also reads "km/h", "kilometres per hour")
}

# Places whose last word is an organisation word ("Soviet Union"): the name, not the head, decides
PLACE_NAMES_WITH_BODY_WORDS = {"soviet union", "former soviet union", "union of soviet socialist republics"}

# Kinds of organisations and of places, plural: a name given as an example of one is one
# ("bands such as the Velvet Underground", "companies like Alstom", "cities such as Lagos")
ORG_KINDS = {"bands", "companies", "firms", "groups", "organisations", "organizations", "parties", "newspapers",
             "papers", "broadcasters", "networks", "clubs", "teams", "banks", "airlines", "carmakers", "retailers",
             "universities", "charities", "agencies", "publications", "outlets", "websites", "insurers",
             "lenders", "brokers", "labels", "studios", "manufacturers", "automakers", "startups", "unions",
             "alliances", "coalitions", "associations", "federations", "foundations", "institutes", "regulators",
             "watchdogs", "conglomerates", "consortiums", "cooperatives", "nonprofits", "orchestras", "portals",
             "collectives", "miners", "discounters", "supermarkets", "operators"}
PLACE_KINDS = {"cities", "towns", "countries", "nations", "states", "provinces", "regions", "villages", "islands",
               "ports", "capitals"}

# What a company does that a product does not ("Twitter gave him an internship"): with such a
# verb, a name the model read as a product or a work is the company behind it
AGENT_VERBS = {"give", "offer", "invite", "hire", "employ", "acquire", "buy", "sue", "ban", "pay", "sign",
               "agree", "decide", "invest", "refuse", "suspend", "block", "fire", "own", "sell", "apologise",
               "apologize", "plan", "say", "announce", "tell", "confirm", "deny", "reply", "respond", "state",
               "claim", "warn", "ask", "partner", "sponsor", "fund", "donate", "award", "reject", "accept"}

# Capitalised compass words that open a place's name when the model left them out ("East Los Angeles")
COMPASS_PREFIXES = {"East", "West", "North", "South", "Central", "Northern", "Southern", "Eastern", "Western"}

# Last words of a sports club's name that no place has ("Leeds United", "Bolton Wanderers")
CLUB_NAME_TAILS = {"united", "rovers", "wanderers", "athletic", "albion", "hotspur", "fc", "f.c.", "afc", "sfc"}
# Last words of the names of streets and roads ("Cedar Street", "Route 9" aside): no person's name ends so
STREET_HEADS = {"street", "avenue", "road", "boulevard", "highway", "motorway", "expressway", "st.", "ave.", "blvd."}
# Sports whose name, with a country's, names the body that runs it ("New Zealand Rugby", "Cricket Australia")
SPORT_WORDS = {"rugby", "cricket", "football", "soccer", "hockey", "basketball", "athletics", "tennis", "golf",
               "cycling", "rowing", "netball", "baseball", "softball", "swimming", "volleyball", "handball",
               "gymnastics", "boxing", "skiing", "sailing", "triathlon"}

# Wire words the model tags as names: time zones, market terms, results-table row labels ("1700 GMT",
# "LIBOR", "Oper shr 70 cts"); a name never starts with one
WIRE_TERMS = {"gmt", "utc", "edt", "est", "pdt", "pst", "bst", "cet", "libor", "fob", "cif", "adr", "adrs", "lng",
              "lpg", "gdp", "gnp", "cpi", "ipo", "vat", "cmos", "shr", "shrs", "oper", "revs", "qtly", "avg", "mths"}

# Words that open a broadcaster's name ("Radio France International", "Television Serbia"): in a
# monitoring service's source line a city comes before them ("Paris Radio France International")
BROADCAST_WORDS = {"radio", "television", "tv"}

# What is done only to a person: "shot Lincoln", "Kennedy was assassinated", "X was arrested" (a name the model read as
# an organisation or a place is then the victim), and the nouns for it ("Kennedy's murder",
# "the Kennedy slaying"); "execute" is left out (contracts and orders are executed)
VICTIM_VERBS = {"kill", "assassinate", "murder", "shoot", "slay", "stab", "strangle", "behead", "arrest", "sentence",
                "jail", "imprison"}
VICTIM_NOUNS = {"assassination", "murder", "killing", "slaying", "assassin", "murderer", "killer", "widow"}

# Titles only a person holds: "Foday Sankoh, former leader of the RUF", "X has served as ambassador",
# "X was the first woman to ..." (an organisation can be an "owner", "partner" or "member": not here)
PERSON_TITLES = TITLE_WORDS | {"leader", "founder", "co-founder", "spokesman", "spokeswoman", "spokesperson",
                               "lawmaker", "chairperson", "premier", "emperor", "admiral", "dean", "rector"}

# Titles a country gives, never a person: in "Sierra Leone's President Ernest Koroma" and "Togo's
# Prime Minister X" what comes before "'s" is a place even when the model read a person ("Putin's
# foreign minister" is a person's: only heads of state and government here)
HEAD_OF_STATE_TITLES = {"president", "vice-president", "king", "queen", "emperor", "sultan", "monarch", "emir",
                        "premier"}

# What only a person has: "Leoni's presidency" (kin are in PERSON_NOUNS; a band has a "career" too)
PERSON_POSSESSIONS = {"presidency", "premiership", "chancellorship", "papacy", "reign", "wife", "husband",
                      "widow", "funeral", "autobiography", "memoir", "memoirs", "birthday"}

# Staff only a body has: "Healy president George Malina", "another Emery employee" (a person has a
# spokesman or a lawyer, not a president or employees)
BODY_STAFF = {"president", "chairman", "chairwoman", "ceo", "cfo", "employee", "employees", "shareholders",
              "stockholders", "executives"}

# Plural last words of places' names ("the Cayman Islands", "Palm Springs"): "The New York Dolls" is a
# band, "The Golan Heights" a place
PLACE_PLURALS = {"islands", "isles", "states", "emirates", "territories", "highlands", "lowlands", "heights",
                 "falls", "springs", "rapids", "mountains", "hills", "lakes", "keys", "alps", "plains", "flats",
                 "wells", "woods", "forks", "gardens", "fields", "sands", "narrows", "provinces", "regions",
                 "downs", "glades", "cays", "banks", "rocks", "shoals", "caves", "meadows", "pines", "oaks"}

# Places in a band ("Cheap Trick bassist X", "bassist X of Yes"): the name around them is the band's
BAND_POSITIONS = {"guitarist", "bassist", "drummer", "singer", "vocalist", "frontman", "frontwoman", "keyboardist",
                  "pianist", "saxophonist", "trumpeter", "violinist", "cellist", "percussionist", "fiddler",
                  "lyricist", "bandleader", "songwriter", "singer-songwriter", "rapper", "mc", "dj"}

# Capitalised words before a band position that name no band: genres ("Country singer", "Jazz
# pianist"), parts and kinds of playing ("Lead guitarist", "Session drummer"), and praise or time
NOT_BAND_WORDS = {"rock", "pop", "jazz", "blues", "country", "folk", "soul", "punk", "metal", "gospel", "reggae",
                "rap", "hip", "hop", "funk", "disco", "opera", "classical", "indie", "grunge", "techno", "house",
                "bluegrass", "lead", "rhythm", "bass", "backing", "session", "touring", "studio", "guest", "solo",
                "veteran", "legendary", "famed", "former", "ex", "founding", "original", "new", "young", "old",
                "grammy", "oscar", "emmy", "christian", "latin", "electronic", "alternative", "heavy", "glam",
                "r&b", "ska", "salsa", "cabaret", "broadway", "west", "end", "east", "north", "south"}

# Calendar words, lower case (months with their abbreviations): dates, not names
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec"}
