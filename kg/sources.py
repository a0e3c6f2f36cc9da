"""Source identity: which source IRIs of the store name one source, and which sources speak with one voice.

The extractor names the source of each figure article by article: a gazetteer source
(``ontology/sources.ttl``) by its IRI, any other by a slug of the name the text gives it, so
"KCM", "Kordofan Civilian Monitor (KCM)" and "the Kordofan Civilian Monitor" in three articles
are three IRIs. Those *raw* IRIs stay in the article graphs as written (how the article named
the source); this module works out, over the whole store, which of them are one source, and keeps
the answer in the sources graph (``SOURCES_GRAPH``)::

    <raw> kg:canonical <source> ; kg:voice <root of its family> .
    <source> kg:canonicalLabel "Kordofan Civilian Monitor" ; kg:alias "KCM" ; kg:sourceKind "Organization" .

Names meet when (docs/sources.md):

- they are the same once normalised (case, accents, "the", punctuation, "&" for "and");
- they are names of one gazetteer source (its label and alt labels);
- one is an acronym defined for the other anywhere in the store: a source named
  "Name (ACRONYM)" or the pattern in any article text, when the acronym's letters fit the name's
  initials; an acronym defined for two different names (or a gazetteer source's acronym defined
  for another name) is ambiguous and joins nothing;
- a two-word-or-longer name is the head of exactly one longer name before "for" ("Syrian
  Network" of "Syrian Network for Human Rights");
- an analyst merged them (``kg sources merge``), unless an analyst kept them apart
  (``kg sources unmerge``); two gazetteer sources never meet but by an analyst's merge.

A family is a source with the sources ``kg:partOf`` it (and people who ``kg:speaksFor`` it) in the
gazetteer: UNAMA and OHCHR are parts of the UN, CENTCOM and CJTF-OIR of the US government through
the Department of Defense. Every source of a family has the family's root as its ``kg:voice``;
the conflict analysis (``kg.analysis.findings``) compares voices, so a family's figures are one voice.

The identity is derived, never edited: from the gazetteer (the store's reference graph), a
registry of every raw source and acronym definition the loaded articles gave (kept in the
sources graph, added to as articles are analysed), and the analysts' statements (in
``SOURCE_CURATION_GRAPH``). ``observe`` works it out again whenever article graphs are analysed
or a statement changes, and says which raw sources changed canonical, canonical name or voice, so that
the findings (and listed rows) of their claims are worked out again; a learnt alias joins sources loaded long before.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg.model import slug
from kg.namespaces import GRAPH, KG, REFERENCE_GRAPH, SOURCE
from kg.stores.sparqlterms import string_literal

SOURCES_GRAPH = GRAPH["sources"]
SOURCE_CURATION_GRAPH = GRAPH["source-curation"]
IDENTITY_VERSION = "1"
KINDS = ("Organization", "Person", "Outlet")
_CHUNK = 500


# ---------------------------------------------------------------- names

def name_key(name: str) -> str:
    """A name as names are compared: 'The U.N.' -> 'un', 'Médecins Sans Frontières' -> 'medecins sans frontieres'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = text.replace("&", " and ").replace("'s ", " ").replace("\u2019s ", " ")
    text = re.sub(r"(?<=\w)\.(?=\w)|\.$|(?<=\b\w)\.", "", text)  # U.N. -> un
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


_LINKS = frozenset("of for and on the in de du des la le al el et y da di &".split())
_WORD = re.compile(r"[\w'\u2019.&-]+")
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,11})\s*\)")


def fits(name: str, acronym: str) -> bool:
    """Whether an acronym's letters are the name's initials: every capitalised word's, in order, the
    first one first; linking words ("for", "of") may give a letter or not, and one trailing word
    may give none ('ACLED' of 'Armed Conflict Location & Event Data Project')."""
    letters = [c for c in acronym.upper() if c.isalnum()]
    words = [w for w in _WORD.findall(name) if any(ch.isalnum() for ch in w)]
    parts = [p for w in words for p in re.split(r"-", w) if p]
    if len(letters) < 2 or len(parts) < 2 or not parts[0][:1].isupper():
        return False

    def match(i: int, j: int, skipped_tail: bool) -> bool:
        if j == len(letters):
            rest = [p for p in parts[i:] if p.lower() not in _LINKS]
            return not rest or (len(rest) == 1 and not skipped_tail)
        if i == len(parts):
            return False
        part = parts[i]
        linking = part.lower() in _LINKS
        if part[:1].upper() == letters[j] and (part[:1].isupper() or linking or part[:1].isdigit()):
            if match(i + 1, j + 1, skipped_tail):
                return True
        return linking and match(i + 1, j, skipped_tail)

    return match(0, 0, False)


def split_defined(label: str) -> tuple[str, str] | None:
    """'Kordofan Civilian Monitor (KCM)' -> ('Kordofan Civilian Monitor', 'KCM') when the acronym fits."""
    m = re.fullmatch(r"\s*(.+?)\s*\(\s*([A-Z][A-Za-z0-9&.-]{1,11})\s*\)\s*", label)
    if m and fits(re.sub(r"^[Tt]he\s+", "", m.group(1)), m.group(2)):
        return re.sub(r"^[Tt]he\s+", "", m.group(1)), m.group(2)
    return None


def acronym_definitions(text: str) -> set[tuple[str, str]]:
    """Every 'Name (ACRONYM)' of a text whose acronym fits the name: the shortest run of name words
    before the bracket that starts with the acronym's first letter and fits."""
    found = set()
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        before = text[max(0, m.start() - 160):m.start()].rstrip()
        words = list(_WORD.finditer(before))
        run: list[str] = []
        for w in reversed(words):
            token = w.group(0)
            if not (token[:1].isupper() or token[:1].isdigit() or token.lower() in _LINKS):
                break
            run.insert(0, token)
            if len(run) > 12:
                break
        while run and run[0].lower() in _LINKS:
            run.pop(0)
        for start in range(len(run) - 2, -1, -1):
            name = " ".join(run[start:])
            if run[start][:1].upper() == acronym[0].upper() and fits(name, acronym):
                found.add((name, acronym))
                break
    return found


def head_of(key: str) -> str | None:
    """The name before ' for ' of a normalised name, when it has two words or more."""
    head, sep, _ = key.partition(" for ")
    return head if sep and len(head.split()) >= 2 else None


# ---------------------------------------------------------------- what identity is made from

@dataclass(frozen=True)
class GazetteerSource:
    iri: str
    label: str
    names: tuple[str, ...]
    kind: str
    part_of: str | None = None
    speaks_for: str | None = None
    same_as: tuple[str, ...] = ()


@dataclass
class Registry:
    """The raw sources the loaded articles name (IRI -> (name as written, kind)) and the acronym definitions found."""

    raw: dict[str, tuple[str, str]] = field(default_factory=dict)
    definitions: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class Statement:
    """An analyst's merge (``a`` joins ``b``, whose source it becomes) or split (``a`` kept apart from ``b``)."""

    iri: str
    kind: str  # "merge" | "split"
    a: str  # names as the analyst gave them (their keys are compared)
    b: str
    curator: str = ""
    at: str = ""


@dataclass
class Source:
    """A source as kg counts it: one canonical IRI for the raw IRIs that name it."""

    iri: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # raw IRIs
    voice: str
    parent: str | None = None
    gazetteer: bool = False
    same_as: tuple[str, ...] = ()


@dataclass
class Identity:
    canonical: dict[str, str] = field(default_factory=dict)  # raw IRI -> canonical IRI
    voice: dict[str, str] = field(default_factory=dict)  # raw IRI -> voice IRI
    sources: dict[str, Source] = field(default_factory=dict)  # canonical IRI -> Source

    def of(self, raw: str) -> tuple[str, str]:
        """(canonical, voice) of a raw source IRI; itself twice for a source the identity does not know."""
        canon = self.canonical.get(raw, raw)
        return canon, self.voice.get(raw, canon)

    def find(self, name: str) -> Source | None:
        """The source a name means: its label, an alias, or a raw IRI's name, in any case."""
        wanted = name_key(name)
        for source in self.sources.values():
            if wanted in {name_key(n) for n in (source.label, *source.aliases)} or name in (source.iri, *source.members):
                return source
        return None

    def names(self) -> list[str]:
        return sorted({n for s in self.sources.values() for n in (s.label, *s.aliases)})


# ---------------------------------------------------------------- working identity out

class _Clusters:
    """Union-find over nodes ('iri:…', 'name:…'), refusing unions that would join two gazetteer
    sources (unless forced) or two names an analyst kept apart."""

    def __init__(self, gazetteer_iris: set[str], splits: list[tuple[str, str]]):
        self.parent: dict[str, str] = {}
        self.gaz: dict[str, set[str]] = {}
        self.keys: dict[str, set[str]] = {}
        self.gazetteer_iris = gazetteer_iris
        self.splits = splits

    def add(self, node: str) -> str:
        if node not in self.parent:
            self.parent[node] = node
            iri = node[4:] if node.startswith("iri:") else None
            self.gaz[node] = {iri} if iri in self.gazetteer_iris else set()
            self.keys[node] = {node[5:]} if node.startswith("name:") else set()
        return node

    def find(self, node: str) -> str:
        self.add(node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, x: str, y: str, force: bool = False) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return True
        if not force and self.gaz[rx] and self.gaz[ry] and self.gaz[rx] != self.gaz[ry]:
            return False
        for a, b in self.splits:
            if (a in self.keys[rx] and b in self.keys[ry]) or (b in self.keys[rx] and a in self.keys[ry]):
                return False
        self.parent[ry] = rx
        self.gaz[rx] |= self.gaz.pop(ry)
        self.keys[rx] |= self.keys.pop(ry)
        return True


def compute(gazetteer: dict[str, GazetteerSource], registry: Registry, statements: Iterable[Statement] = ()) -> Identity:
    """The identity of every raw source of the registry (see the module doc for the rules)."""
    statements = list(statements)
    splits = [(name_key(s.a), name_key(s.b)) for s in statements if s.kind == "split"]
    clusters = _Clusters(set(gazetteer), splits)
    display: dict[str, str] = {}  # name key -> the name as first written (gazetteer labels first)
    acronyms: set[str] = set()

    def name(text: str) -> str:
        key = name_key(text)
        display.setdefault(key, text.strip())
        return "name:" + key

    preferred = set()
    for s in statements:
        if s.kind == "merge":
            clusters.union(name(s.a), name(s.b), force=True)
            preferred.add(name_key(s.b))
    for term in gazetteer.values():
        name(term.label)
    for term in gazetteer.values():
        for n in term.names:
            if name_key(n):
                clusters.union("iri:" + term.iri, name(n))

    definitions = set(registry.definitions)
    for raw, (label, _) in registry.raw.items():
        pair = split_defined(label)
        if pair:
            definitions.add(pair)
    meanings: dict[str, set[str]] = {}
    gazetteer_names = {name_key(n): t.iri for t in gazetteer.values() for n in t.names}
    for full, acronym in definitions:
        full_key, acronym_key = name_key(full), name_key(acronym)
        acronyms.add(acronym_key)
        owner = gazetteer_names.get(full_key)
        meanings.setdefault(acronym_key, set()).add("gaz:" + owner if owner else full_key)
    for acronym_key, meant in meanings.items():
        owner = gazetteer_names.get(acronym_key)
        if owner:
            meant.add("gaz:" + owner)

    for raw in sorted(registry.raw):
        label, _ = registry.raw[raw]
        clusters.add("iri:" + raw)
        pair = split_defined(label)
        clusters.union("iri:" + raw, name(pair[0] if pair else label))
        if pair is None and name_key(label) in meanings:
            acronyms.add(name_key(label))
    for full, acronym in sorted(definitions):
        if len(meanings.get(name_key(acronym), ())) == 1:
            clusters.union(name(full), name(acronym))
    keys = sorted(k[5:] for k in clusters.parent if k.startswith("name:"))
    heads: dict[str, list[str]] = {}
    for key in keys:
        head = head_of(key)
        if head:
            heads.setdefault(head, []).append(key)
    for raw in sorted(registry.raw):
        key = name_key(registry.raw[raw][0])
        if len(key.split()) >= 2 and len(heads.get(key, ())) == 1:
            clusters.union("name:" + key, "name:" + heads[key][0])

    groups: dict[str, list[str]] = {}
    for node in list(clusters.parent):
        groups.setdefault(clusters.find(node), []).append(node)
    identity = Identity()
    for root, nodes in groups.items():
        members = sorted(n[4:] for n in nodes if n.startswith("iri:") and n[4:] in registry.raw)
        if not members:
            continue
        source = _source(nodes, members, gazetteer, registry, display, acronyms, preferred)
        identity.sources[source.iri] = source
        for raw in members:
            identity.canonical[raw] = source.iri
    for source in identity.sources.values():
        source.voice = _voice(source.iri, gazetteer)
        for raw in source.members:
            identity.voice[raw] = source.voice
    return identity


def _source(nodes: list[str], members: list[str], gazetteer: dict[str, GazetteerSource], registry: Registry,
            display: dict[str, str], acronyms: set[str], preferred: set[str]) -> Source:
    keys = sorted(n[5:] for n in nodes if n.startswith("name:"))
    gaz = sorted(n[4:] for n in nodes if n.startswith("iri:") and n[4:] in gazetteer)
    if gaz:
        chosen = next((g for g in gaz if {name_key(n) for n in gazetteer[g].names} & preferred), gaz[0])
        term = gazetteer[chosen]
        iri, label, kind = term.iri, term.label, term.kind
    else:
        wanted = [k for k in keys if k in preferred]
        if not wanted:
            full = [k for k in keys if k not in acronyms]
            wanted = sorted(full or keys, key=lambda k: (-len(k), k))
        label = display.get(wanted[0], wanted[0])
        key = name_key(label)
        same = [m for m in members if name_key(registry.raw[m][0]) == key]
        iri = same[0] if same else str(SOURCE[slug(label)])
        kinds = Counter(registry.raw[m][1] for m in members)
        kind = "Outlet" if kinds.get("Outlet") else kinds.most_common(1)[0][0] if kinds else "Organization"
    names = {display.get(k, k) for k in keys} | {registry.raw[m][0].strip() for m in members}
    aliases = tuple(sorted((n for n in names if name_key(n) != name_key(label) and n), key=str.casefold))
    term = gazetteer.get(iri)
    return Source(iri, label, kind, aliases, tuple(members), iri, term.part_of if term else None, term is not None,
                  term.same_as if term else ())


def _voice(iri: str, gazetteer: dict[str, GazetteerSource]) -> str:
    seen = {iri}
    while True:
        term = gazetteer.get(iri)
        up = term and (term.part_of or term.speaks_for)
        if not up or up in seen:
            return iri
        seen.add(up)
        iri = up


# ---------------------------------------------------------------- the store

_GAZETTEER_CACHE: dict[str, dict[str, GazetteerSource]] = {}


def read_gazetteer(store) -> dict[str, GazetteerSource]:
    """The gazetteer as stored in the reference graph (the shipped sources and any `kg load --sources` file)."""
    digest = [str(r[0]) for r in store.rows(f"SELECT ?h WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ <{REFERENCE_GRAPH}> <{KG.contentHash}> ?h }} }}")]
    key = digest[0] if digest else ""
    if key and key in _GAZETTEER_CACHE:
        return _GAZETTEER_CACHE[key]
    kinds = " ".join(f"<{KG[k]}>" for k in (*KINDS, "Spokesperson"))
    rows = store.rows(f"""SELECT ?s ?kind ?p ?o WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{
        ?s a ?kind . VALUES ?kind {{ {kinds} }}
        ?s ?p ?o . VALUES ?p {{ <{SKOS.prefLabel}> <{SKOS.altLabel}> <{KG.partOf}> <{KG.speaksFor}> <http://www.w3.org/2002/07/owl#sameAs> }} }} }}""")
    found: dict[str, dict] = {}
    for s, kind, p, o in rows:
        entry = found.setdefault(s, {"kinds": set(), "label": None, "names": set(), "part_of": None,
                                     "speaks_for": None, "same_as": set()})
        entry["kinds"].add(kind.rsplit("#", 1)[-1])
        if p == str(SKOS.prefLabel):
            entry["label"] = o
        elif p == str(SKOS.altLabel):
            entry["names"].add(o)
        elif p == str(KG.partOf):
            entry["part_of"] = o
        elif p == str(KG.speaksFor):
            entry["speaks_for"] = o
        else:
            entry["same_as"].add(o)
    gazetteer = {}
    for s, e in found.items():
        label = e["label"] or s.rsplit("/", 1)[-1]
        kind = next((k for k in ("Outlet", "Person") if k in e["kinds"]), "Person" if "Spokesperson" in e["kinds"] else "Organization")
        gazetteer[s] = GazetteerSource(s, label, tuple(sorted({label, *e["names"]})), kind, e["part_of"],
                                       e["speaks_for"], tuple(sorted(e["same_as"])))
    if key:
        _GAZETTEER_CACHE.clear()
        _GAZETTEER_CACHE[key] = gazetteer
    return gazetteer


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def sources_in(store, graphs: Iterable[str]) -> Registry:
    """The raw sources and acronym definitions of some article graphs (read from them)."""
    found = Registry()
    kinds = " ".join(f"<{KG[k]}>" for k in KINDS)
    graphs = sorted({str(g) for g in graphs})
    for chunk in _chunks(graphs):
        for s, kind, label in store.rows(f"""SELECT ?s ?kind ?label WHERE {{ {_values('g', chunk)}
                GRAPH ?g {{ ?s a ?kind ; <{SKOS.prefLabel}> ?label }} VALUES ?kind {{ {kinds} }} }}"""):
            kind = kind.rsplit("#", 1)[-1]
            known = found.raw.get(s)
            if known is None or (kind == "Outlet" and known[1] != "Outlet"):
                found.raw[s] = (label, kind)
        for (text,) in store.rows(f"""SELECT ?text WHERE {{ {_values('g', chunk)}
                GRAPH ?g {{ ?g a <{KG.Article}> ; <{KG.text}> ?text }} }}"""):
            found.definitions |= acronym_definitions(text or "")
    return found


def read_registry(store) -> tuple[Registry, bool]:
    """The registry kept in the sources graph, and whether the store has one (False: never worked out)."""
    registry = Registry()
    g = SOURCES_GRAPH
    for raw, label, kind in store.rows(f"""SELECT ?raw ?label ?kind WHERE {{ GRAPH <{g}> {{
            ?raw <{KG.nameInText}> ?label ; <{KG.sourceKind}> ?kind }} }}"""):
        registry.raw[raw] = (label, kind)
    for (text,) in store.rows(f"SELECT ?d WHERE {{ GRAPH <{g}> {{ <{g}> <{KG.acronymDefinition}> ?d }} }}"):
        pair = split_defined(text)
        if pair:
            registry.definitions.add(pair)
    present = bool(store.query(f"ASK {{ GRAPH <{g}> {{ <{g}> <{KG.identityVersion}> {string_literal(IDENTITY_VERSION)} }} }}").boolean)
    return registry, present


def read_statements(store) -> list[Statement]:
    """The analysts' merges and splits, oldest first."""
    from rdflib.namespace import PROV

    rows = store.rows(f"""SELECT ?s ?type ?a ?b ?who ?at WHERE {{ GRAPH <{SOURCE_CURATION_GRAPH}> {{
        ?s a ?type ; <{KG.sourceName}> ?a ; <{KG.otherSourceName}> ?b .
        OPTIONAL {{ ?s <{PROV.wasAttributedTo}> ?agent . ?agent <{SKOS.prefLabel}> ?who }}
        OPTIONAL {{ ?s <{PROV.generatedAtTime}> ?at }} }} }}""")
    out = []
    for s, kind, a, b, who, at in rows:
        out.append(Statement(s, "merge" if kind == str(KG.SourceMerge) else "split", a, b, who or "", at or ""))
    return sorted(out, key=lambda st: (st.at, st.iri))


def read_identity(store) -> Identity:
    """The identity as stored (raw IRI -> canonical, voice); empty for a store where it was never worked out."""
    identity = Identity()
    for raw, canon, voice in store.rows(f"""SELECT ?raw ?c ?v WHERE {{ GRAPH <{SOURCES_GRAPH}> {{
            ?raw <{KG.canonical}> ?c ; <{KG.voice}> ?v }} }}"""):
        identity.canonical[raw] = canon
        identity.voice[raw] = voice
    return identity


def identity_triples(identity: Identity) -> set[tuple]:
    out: set[tuple] = set()
    for raw, canon in identity.canonical.items():
        out.add((URIRef(raw), KG.canonical, URIRef(canon)))
        out.add((URIRef(raw), KG.voice, URIRef(identity.voice.get(raw, canon))))
    for source in identity.sources.values():
        node = URIRef(source.iri)
        out.add((node, KG.canonicalLabel, Literal(source.label)))
        out.add((node, KG.sourceKind, Literal(source.kind)))
        out.update((node, KG.alias, Literal(a)) for a in source.aliases)
    return out


def registry_triples(registry: Registry) -> set[tuple]:
    g = URIRef(SOURCES_GRAPH)
    out = {(g, KG.identityVersion, Literal(IDENTITY_VERSION))}
    for raw, (label, kind) in registry.raw.items():
        out.add((URIRef(raw), KG.nameInText, Literal(label)))
        out.add((URIRef(raw), KG.sourceKind, Literal(kind)))
    out.update((g, KG.acronymDefinition, Literal(f"{full} ({acronym})")) for full, acronym in registry.definitions)
    return out


@dataclass
class Change:
    """A worked-out identity, what changed from the stored one, and how to store it (``save``)."""

    identity: Identity
    changed: set[str]  # raw IRIs whose canonical source, its name, or voice changed (or that are new)
    registry: Registry
    stored: set[tuple]

    def save(self, store) -> None:
        """Write the registry and the identity to the sources graph: what changed, in one update."""
        wanted = registry_triples(self.registry) | identity_triples(self.identity)
        # a raw IRI that is a canonical too has kg:sourceKind twice at most (raw and canonical): both wanted
        gone, new = self.stored - wanted, wanted - self.stored
        if not gone and not new:
            return
        parts = []
        if gone:
            parts.append(f"DELETE DATA {{ GRAPH <{SOURCES_GRAPH}> {{ {_ntriples(gone)} }} }}")
        if new:
            parts.append(f"INSERT DATA {{ GRAPH <{SOURCES_GRAPH}> {{ {_ntriples(new)} }} }}")
        store.update(" ;\n".join(parts))


def _ntriples(triples: Iterable[tuple]) -> str:
    lines = []
    for s, p, o in sorted(triples):
        obj = f"<{o}>" if isinstance(o, URIRef) else string_literal(str(o))
        lines.append(f"<{s}> <{p}> {obj} .")
    return "\n".join(lines)


def _stored_triples(store) -> set[tuple]:
    out = set()
    for s, p, o, is_iri in store.rows(f"SELECT ?s ?p ?o (isIRI(?o) AS ?i) WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?s ?p ?o }} }}"):
        out.add((URIRef(s), URIRef(p), URIRef(o) if is_iri in ("true", "1") else Literal(o)))
    return out


def forget(store, registry: Registry, taught: Registry | None = None) -> None:
    """Drop from ``registry`` what no stored article gives any more, after articles were removed:
    of ``taught`` (what the removed articles gave, read before they went: ``sources_in``), or of
    the whole registry when that is not known (a removal whose analysis a crash interrupted). A raw
    source stays while an article graph names it (with a name as written that one gives), an acronym
    definition while an article's text holds it; a definition only a removed article held is
    forgotten with it, and so is the alias it taught. Reads every article text that holds one of the
    acronyms (no index: a scan of the texts)."""
    raws = sorted(taught.raw if taught is not None else registry.raw)
    kinds = " ".join(f"<{KG[k]}>" for k in KINDS)
    named: dict[str, set[tuple[str, str]]] = {}
    for chunk in _chunks([r for r in raws if r in registry.raw]):
        for s, kind, label in store.rows(f"""SELECT DISTINCT ?s ?kind ?label WHERE {{ {_values('s', chunk)}
                GRAPH ?g {{ ?g a <{KG.Article}> . ?s a ?kind ; <{SKOS.prefLabel}> ?label }} VALUES ?kind {{ {kinds} }} }}"""):
            named.setdefault(s, set()).add((label, kind.rsplit("#", 1)[-1]))
    for raw in raws:
        if raw not in registry.raw:
            continue
        if raw not in named:
            del registry.raw[raw]
        elif registry.raw[raw] not in named[raw]:  # its name as written came from a removed article
            entries = sorted(named[raw])
            registry.raw[raw] = next((e for e in entries if e[1] == "Outlet"), entries[0])
    defined = sorted(d for d in (taught.definitions if taught is not None else registry.definitions)
                     if d in registry.definitions)
    held: set[tuple[str, str]] = set()
    for chunk in _chunks(sorted({acronym for _, acronym in defined}), 50):
        wanted = " || ".join(f"CONTAINS(?text, {string_literal(a)})" for a in chunk)
        for (text,) in store.rows(f"""SELECT ?text WHERE {{ GRAPH ?g {{ ?g a <{KG.Article}> ; <{KG.text}> ?text }}
                FILTER({wanted}) }}"""):
            held |= acronym_definitions(text or "")
    registry.definitions -= set(defined) - held


def observe(store, graphs: Iterable[str] = (), everything: bool = False, removed: Registry | None = None) -> Change:
    """Work the identity out again with the sources of ``graphs`` added to the registry (every
    article graph when ``everything`` or when the store has no registry yet); nothing is written
    until ``save``. When some of ``graphs`` are gone from the store, what only they gave is
    forgotten (``forget``): ``removed``, what they gave, read before they went, when known."""
    registry, present = read_registry(store)
    stored = _stored_triples(store) if present else set()
    if not present or everything:
        graphs = [str(g) for g in store.article_graphs()]
    elif any(not store.has_graph(URIRef(str(g))) for g in graphs):
        forget(store, registry, removed)
    new = sources_in(store, graphs)
    for raw, entry in new.raw.items():
        registry.raw.setdefault(raw, entry)
    registry.definitions |= new.definitions
    identity = compute(read_gazetteer(store), registry, read_statements(store))
    before = read_identity(store) if present else Identity()
    changed = {raw for raw in identity.canonical if identity.of(raw) != before.of(raw)}
    # a source whose canonical name changed: its claims' listed rows show that name (kg.analysis.rows)
    named = {str(s): str(o) for s, p, o in stored if p == KG.canonicalLabel}
    changed |= {raw for raw, canon in identity.canonical.items()
                if canon in identity.sources and named.get(canon, identity.sources[canon].label) != identity.sources[canon].label}
    return Change(identity, changed, registry, stored)


def graphs_asserting(store, raws: Iterable[str]) -> list[str]:
    """The article graphs with claims asserted by any of these raw sources."""
    out: set[str] = set()
    for chunk in _chunks(sorted(set(raws))):
        out.update(r[0] for r in store.rows(f"""SELECT DISTINCT ?g WHERE {{ {_values('s', chunk)}
            GRAPH ?g {{ ?c <{KG.assertedBy}> ?s }} }}"""))
    return sorted(out)


# ---------------------------------------------------------------- listing

def claim_counts(store) -> Counter:
    """Claims per raw source IRI."""
    return Counter({s: int(n) for s, n in store.rows(
        f"SELECT ?s (COUNT(?c) AS ?n) WHERE {{ ?c <{KG.assertedBy}> ?s }} GROUP BY ?s")})


def source_rows(store, identity: Identity | None = None) -> list[dict]:
    """One row per source with claims: name, kind, aliases, parent and voice, claims, raw IRIs merged, Wikidata."""
    if identity is None:
        identity = current(store)
    gazetteer = read_gazetteer(store)
    counts = claim_counts(store)
    rows = []
    for source in identity.sources.values():
        claims = sum(counts.get(m, 0) for m in source.members)
        if not claims:
            continue
        parent = gazetteer[source.parent].label if source.parent in gazetteer else None
        voice = identity.sources[source.voice].label if source.voice in identity.sources else \
            gazetteer[source.voice].label if source.voice in gazetteer else source.label
        rows.append({"source": source.label, "kind": source.kind.lower(), "aliases": list(source.aliases),
                     "part_of": parent, "voice": voice, "claims": claims, "iri": source.iri,
                     "merged": len(source.members), "same_as": list(source.same_as)})
    return sorted(rows, key=lambda r: (-r["claims"], r["source"].casefold()))


def current(store) -> Identity:
    """The identity as the store's registry and statements give it now (the stored map may lag an
    analyst's statement by one interrupted write; this never does)."""
    registry, present = read_registry(store)
    if not present:
        registry = sources_in(store, [str(g) for g in store.article_graphs()])
    return compute(read_gazetteer(store), registry, read_statements(store))


__all__ = ["SOURCES_GRAPH", "SOURCE_CURATION_GRAPH", "Identity", "Source", "Statement", "Change", "name_key",
           "fits", "split_defined", "acronym_definitions", "compute", "observe", "forget", "sources_in", "read_identity",
           "current", "source_rows", "graphs_asserting"]
