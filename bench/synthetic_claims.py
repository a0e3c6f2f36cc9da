"""Realistic synthetic claim graphs, written straight to a store (no text, no extraction).

The world: many places (countries and their districts, so the place space grows with the
corpus) and sources of every kind (militaries, ministries, NGOs, UN offices, outlets).
Each *fact* is one true count: a monthly toll for a place, a running total since a
campaign start, an incident's toll, a stock of open reports. Several sources state each
fact, with the bias of their kind (militaries low and "at least", monitors higher, ranges
and "more than"), outlets repeat them across articles (corroboration) and sometimes get
them wrong (misreports); running totals come as monthly series by one source (revisions,
now and then going down); some figures cover a sub-region over an overlapping period
(not comparable). Claims are spread over articles of about five claims each and written
as the triples of kg's own RDF writer (``kg.rdf.article_triples``, checked on the first
articles), so the graphs are what `kg load` stores. Deterministic for a given seed.

    python -m bench.synthetic_claims STORE --claims 10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from kg.extract import EXTRACTOR_VERSION
from kg.load import content_hash
from kg.model import Article, ArticleMeta, Claim, Incident, Period, SourceRef, resolve_source
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference
from kg.stores.sparqlterms import string_literal
from kg.vocab import vocabulary

CLAIMS_PER_ARTICLE = 5
MONTHS = [f"{y}-{m:02d}" for y in range(2014, 2025) for m in range(1, 13)]
# metric, weight, typical monthly size for one place
METRICS = [("civilians-killed", 30, 40), ("people-killed", 10, 60), ("civilians-injured", 10, 60),
           ("strikes", 10, 300), ("combatants-killed", 6, 80), ("children-killed", 5, 10),
           ("people-displaced", 4, 5000), ("casualty-reports", 5, 100), ("credible-reports", 4, 10),
           ("open-reports", 4, 300), ("new-reports", 3, 30), ("completed-reports", 3, 60),
           ("people-injured", 6, 80)]
KINDS = [("monthly", 45), ("running", 20), ("incident", 20), ("stock", 10), ("sub-region", 5)]


@dataclass
class World:
    countries: list[str]
    districts: dict[str, list[str]]
    militaries: list[SourceRef]
    monitors: list[SourceRef]
    outlets: list[SourceRef]


def make_world(claims: int, rng: random.Random, vocab) -> World:
    """Real gazetteer places and sources first, then synthetic ones so the world grows with the corpus."""
    countries = sorted(k for k, t in vocab.places.items() if t.kind == "Country")
    n_countries = max(len(countries), claims // 5000)
    countries += [f"country-{i}" for i in range(n_countries - len(countries))]
    districts = {c: [f"{c}-district-{j}" for j in range(max(2, claims // 20000))] for c in countries}
    known = list(vocab.sources.values())
    militaries = [SourceRef(t.key, t.label) for t in known if t.extra.get("type") in ("military", "government")]
    monitors = [SourceRef(t.key, t.label) for t in known if t.extra.get("type") in ("ngo", "un", "research")]
    outlets = [SourceRef(t.key, t.label, "Outlet") for t in known if t.kind == "Outlet"]
    scale = max(1, claims // 2000)
    militaries += [SourceRef(f"military-{i}", f"Military {i}") for i in range(scale)]
    monitors += [SourceRef(f"monitor-{i}", f"Monitor {i}") for i in range(scale * 2)]
    outlets += [SourceRef(f"outlet-{i}", f"Outlet {i}", "Outlet") for i in range(scale * 3)]
    return World(countries, districts, militaries, monitors, outlets)


def pick(rng: random.Random, weighted: list[tuple]) -> tuple:
    return rng.choices(weighted, weights=[w[1] for w in weighted])[0]


def stated(rng: random.Random, truth: int, source_kind: str) -> tuple[Decimal, str, Decimal | None]:
    """A source's figure for a true count: militaries low and 'at least', monitors higher and ranges."""
    if source_kind == "military":
        value = max(0, int(truth * rng.uniform(0.2, 1.0)))
        bound = rng.choices(["exact", "at-least", "more-than"], [5, 4, 1])[0]
    else:
        value = max(0, int(truth * rng.uniform(0.8, 2.5)))
        bound = rng.choices(["exact", "at-least", "more-than", "approx", "range", "at-most", "less-than"],
                            [5, 2, 2, 2, 2, 1, 1])[0]
    vmax = Decimal(int(value * rng.uniform(1.1, 1.8)) + 1) if bound == "range" else None
    return Decimal(value), bound, vmax


def claims_of_fact(rng: random.Random, world: World, fact_id: int) -> list[Claim]:
    kind = pick(rng, KINDS)[0]
    metric, _, size = pick(rng, METRICS)
    country = rng.choice(world.countries[: max(8, len(world.countries) // (1 + rng.randint(0, 3)))])
    places: tuple[str, ...] = (country,) if rng.random() < 0.7 else tuple(sorted({country, rng.choice(world.countries)}))
    month = rng.randrange(24, len(MONTHS) - 20)  # room for a series of monthly totals after it
    truth = max(1, int(rng.expovariate(1 / size)))
    speakers = [(rng.choice(world.militaries), "military")] + \
        [(rng.choice(world.monitors), "monitor") for _ in range(rng.choice([0, 1, 1, 2, 3]))] + \
        [(rng.choice(world.outlets), "outlet") for _ in range(rng.choice([0, 0, 1]))]
    out: list[Claim] = []
    if kind == "running":
        source, skind = speakers[0]
        start = MONTHS[rng.randrange(0, 12)]
        total = truth * 10
        for step in range(rng.randint(3, 18)):  # a monthly series of running totals by one source
            end = MONTHS[min(month + step, len(MONTHS) - 1)]
            total += int(truth * rng.uniform(0, 0.3)) if rng.random() > 0.05 else -int(truth * 0.2)
            value, bound, vmax = stated(rng, total, skind)
            out.append(Claim(metric, value, bound, vmax, source, period=Period(start, end, cumulative=True), places=places))
        for source, skind in speakers[1:]:  # others' totals near the series' last end
            value, bound, vmax = stated(rng, total, skind)
            end = MONTHS[min(month + rng.randint(0, 2), len(MONTHS) - 1)]
            out.append(Claim(metric, value, bound, vmax, source, period=Period(start, end, cumulative=True), places=places))
        return out
    if kind == "incident":
        inc_place = rng.choice(world.districts[country])
        day = f"{MONTHS[month]}-{rng.randint(1, 28):02d}"
        incident = Incident(f"incident-{fact_id}", f"Strike {fact_id} in {inc_place}", day, (inc_place,))
        for source, skind in speakers:
            value, bound, vmax = stated(rng, truth, skind)
            period = Period(day, day) if rng.random() < 0.5 else Period(day[:7], day[:7])
            out.append(Claim(metric, value, bound, vmax, source, period=period, places=(inc_place, country),
                             incident=incident))
        return out
    if kind == "stock":
        source = speakers[0][0]
        for step in range(rng.randint(1, 4)):
            end = MONTHS[min(month + step, len(MONTHS) - 1)]
            out.append(Claim("open-reports", Decimal(max(0, truth + rng.randint(-50, 50))), "exact", None, source,
                             period=Period(None, end), places=places))
        return out
    start = end = MONTHS[month]
    if kind == "sub-region":  # a figure for one country over months that overlap the others'
        start = MONTHS[month - rng.randint(1, 6)]
    for source, skind in speakers:
        value, bound, vmax = stated(rng, truth, skind)
        sub = (places[0],) if kind == "sub-region" else places
        out.append(Claim(metric, value, bound, vmax, source, period=Period(start, end), places=sub))
    return out


def generate_claims(n: int, seed: int = 7, vocab=None):
    """(claims, world): about n claims, with re-reports and misreports of some of them."""
    rng = random.Random(seed)
    vocab = vocab or vocabulary()
    world = make_world(n, rng, vocab)
    claims: list[Claim] = []
    fact = 0
    while len(claims) < n:
        for c in claims_of_fact(rng, world, fact):
            claims.append(c)
            if rng.random() < 0.15:  # an outlet repeats the figure in another article
                claims.append(_copy(c))
            if rng.random() < 0.02:  # or gets it wrong
                wrong = _copy(c)
                wrong.value = c.value + max(1, int(c.value * Decimal("0.3")))
                if wrong.value_max is not None:
                    wrong.value_max = max(wrong.value_max, wrong.value)
                claims.append(wrong)
        fact += 1
    del claims[n:]
    rng.shuffle(claims)
    return claims, world


def _copy(c: Claim) -> Claim:
    return Claim(c.metric, c.value, c.bound, c.value_max, c.asserter, period=c.period, places=c.places,
                 incident=c.incident)


def articles(claims: list[Claim], world: World, seed: int = 7):
    """Group claims into articles of about five, each with an outlet, a month and a quote per claim."""
    rng = random.Random(seed + 1)
    for index in range(0, len(claims), CLAIMS_PER_ARTICLE):
        batch = claims[index:index + CLAIMS_PER_ARTICLE]
        lines = []
        for i, c in enumerate(batch):
            line = f"{c.asserter.label} said {c.value} ({c.metric}, {c.bound}) in article {index // CLAIMS_PER_ARTICLE}, claim {i}."
            c.quote, c.start = line, sum(len(x) + 1 for x in lines)
            c.end = c.start + len(line)
            c.confidence, c.rule, c.method = 0.9, "synthetic", "manual"
            lines.append(line)
        text = "\n".join(lines) + "\n"
        ends = sorted(c.period.end for c in batch if c.period.end)
        published = (ends[-1] if ends else rng.choice(MONTHS))[:7]
        outlet = rng.choice(world.outlets)
        meta = ArticleMeta(f"synthetic-{index // CLAIMS_PER_ARTICLE:07d}.txt", publisher=outlet.label, published=published)
        yield Article(meta, text, content_hash(text), batch)


# ---------------------------------------------------------------- fast N-Quads writer

class FastWriter:
    """The triples of ``kg.rdf.article_triples`` as N-Quads text, about 50 times faster.

    Nodes shared between articles (sources, places, periods, instants) are built once by
    kg.rdf's own GraphBuilder and cached; the article and claim triples are written as text.
    ``check`` compares the result with kg.rdf for a few articles, so a change in kg.rdf that
    is not mirrored here fails loudly instead of benchmarking a different graph.
    """

    def __init__(self, vocab):
        from kg import rdf

        self.rdf, self.vocab = rdf, vocab
        self._nodes: dict[tuple, tuple[str, list[tuple]]] = {}
        self.starts = [c.extra.get("start") for c in vocab.campaigns.values()]

    def _shared(self, kind: str, value) -> tuple[str, list[tuple]]:
        key = (kind, value)
        if key not in self._nodes:
            b = self.rdf.GraphBuilder(self.vocab)
            node = {"source": b.source, "place": b.place, "period": lambda p: b.period(p, None)}[kind](value)
            self._nodes[key] = (node.n3(), [(s.n3(), p.n3(), o.n3()) for s, p, o in b.triples])
        return self._nodes[key]

    def article(self, article: Article, extractor_version: str) -> str:
        from kg.analysis import rules
        from kg.namespaces import ACTIVITY, CLAIM

        rdf = self.rdf
        art = rdf.article_iri(article.content_hash)
        g = " " + art.n3() + " .\n"
        A = art.n3()
        K, X = "<https://w3id.org/kg-claims/ns#", "<http://www.w3.org/2001/XMLSchema#"
        T, OA = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/ns/oa#"
        out: set[str] = set()
        add = out.add
        meta = article.meta
        add(f"{A} {T} {K}Article>")
        add(f"{A} {T} <https://schema.org/NewsArticle>")
        add(f"{A} {K}contentHash> {string_literal(article.content_hash)}")
        add(f"{A} {K}text> {string_literal(article.text)}")
        add(f"{A} {K}fileName> {string_literal(meta.file_name)}")
        if meta.published:
            add(f"{A} <https://schema.org/datePublished> {rdf.date_literal(meta.published).n3()}")
        shared: list[tuple] = []
        if meta.publisher:
            node, triples = self._shared("source", resolve_source(meta.publisher, self.vocab, "Outlet"))
            add(f"{A} <https://schema.org/publisher> {node}")
            shared += triples
        act = ACTIVITY[article.content_hash[:16]].n3()
        soft = rdf.SOFTWARE.n3()
        add(f"{act} {T} {K}Extraction>")
        add(f"{act} <http://www.w3.org/ns/prov#used> {A}")
        add(f"{act} <http://www.w3.org/ns/prov#wasAssociatedWith> {soft}")
        add(f"{act} {K}extractorVersion> {string_literal(extractor_version)}")
        add(f"{soft} {T} <http://www.w3.org/ns/prov#SoftwareAgent>")
        add(f"{soft} <http://www.w3.org/2000/01/rdf-schema#label> \"kg extractor\"@en")
        for index, c in enumerate(article.claims):
            C = CLAIM[f"{article.content_hash[:16]}-{index:03d}"].n3()
            add(f"{C} {T} {K}Claim>")
            add(f"{C} {K}reportedIn> {A}")
            add(f"{C} <http://www.w3.org/ns/prov#wasGeneratedBy> {act}")
            add(f"{C} {K}metric> <{self.vocab.metric_iri(c.metric)}>")
            add(f"{C} {K}value> \"{c.value}\"^^{X}decimal>")
            if c.value_max is not None:
                add(f"{C} {K}valueMax> \"{c.value_max}\"^^{X}decimal>")
            add(f"{C} {K}bound> {K}{c.bound}>")
            node, triples = self._shared("source", c.asserter)
            add(f"{C} {K}assertedBy> {node}")
            shared += triples
            node, triples = self._shared("period", c.period)
            add(f"{C} {K}period> {node}")
            shared += triples
            for place in c.places:
                node, triples = self._shared("place", place)
                add(f"{C} {K}place> {node}")
                shared += triples
            if c.incident is not None:
                inc = f"<https://w3id.org/kg-claims/incident/{c.incident.key}>"
                add(f"{C} {K}incident> {inc}")
                add(f"{inc} {T} {K}Incident>")
                add(f"{inc} <http://www.w3.org/2000/01/rdf-schema#label> {string_literal(c.incident.label)}")
                if c.incident.date:
                    add(f"{inc} {K}date> {string_literal(c.incident.date)}")
                for place in c.incident.places:
                    node, triples = self._shared("place", place)
                    add(f"{inc} <https://schema.org/location> {node}")
                    shared += triples
            add(f"{C} {K}confidence> \"{Decimal(str(round(c.confidence, 3)))}\"^^{X}decimal>")
            if c.rule:
                add(f"{C} {K}rule> {string_literal(c.rule)}")
            add(f"{C} {K}method> {string_literal(c.method)}")
            add(f"{C} {K}comparisonKey> {string_literal(rdf.comparison_key(c))}")
            p, incident = c.period, (c.incident.key if c.incident else None)
            running = rules.is_running_total(p.start, p.end, p.cumulative, self.starts)
            for key in rules.comparison_buckets(c.metric, incident, c.places, p.start, p.end, running):
                add(f"{C} {K}comparisonBucket> {string_literal(key)}")
            add(f"{C} {K}seriesKey> {string_literal(rules.series_key(c.metric, incident, c.places, p.start))}")
            for key in rules.overlap_buckets(c.metric, incident, c.places, p.end):
                add(f"{C} {K}overlapBucket> {string_literal(key)}")
            if running:
                add(f"{C} {K}runningTotal> \"true\"^^{X}boolean>")
            base = C[1:-1]
            ev, qs, ps = f"<{base}#evidence>", f"<{base}#quote>", f"<{base}#position>"
            add(f"{C} {K}evidence> {ev}")
            add(f"{ev} {T} {OA}SpecificResource>")
            add(f"{ev} {OA}hasSource> {A}")
            add(f"{ev} {OA}hasSelector> {qs}")
            add(f"{ev} {OA}hasSelector> {ps}")
            add(f"{qs} {T} {OA}TextQuoteSelector>")
            add(f"{qs} {OA}exact> {string_literal(c.quote)}")
            add(f"{ps} {T} {OA}TextPositionSelector>")
            add(f"{ps} {OA}start> \"{c.start}\"^^{X}integer>")
            add(f"{ps} {OA}end> \"{c.end}\"^^{X}integer>")
        out.update(f"{s} {p} {o}" for s, p, o in shared)
        return g.join(sorted(out)) + g

    def check(self, samples: list[Article], extractor_version: str) -> None:
        for article in samples:
            name = self.rdf.article_iri(article.content_hash)
            fast = {q.triple for q in ox.parse(self.article(article, extractor_version), format=ox.RdfFormat.N_QUADS)}
            real = {q.triple for q in ox.parse(self.rdf.to_nquads(self.rdf.article_triples(article, self.vocab, extractor_version), name),
                                              format=ox.RdfFormat.N_QUADS)}
            if fast != real:
                raise RuntimeError(f"bench.synthetic_claims is out of date with kg.rdf: {len(fast - real)} triples only "
                                   f"here (e.g. {sorted(map(str, fast - real))[:2]}), {len(real - fast)} only in kg.rdf "
                                   f"(e.g. {sorted(map(str, real - fast))[:2]})")


def write_store(path: Path, n: int, seed: int = 7, batch_articles: int = 20000, progress=None) -> dict:
    """Generate about n claims into a new store at path; returns counts and timings."""
    vocab = vocabulary()
    t0 = time.perf_counter()
    claims, world = generate_claims(n, seed, vocab)
    store = open_store(path)
    sync_reference(store, ontology_files())
    raw: ox.Store = store._store  # bulk loading: no per-article transaction for a generated corpus
    writer = FastWriter(vocab)
    chunks: list[str] = []
    n_articles = 0
    for article in articles(claims, world, seed):
        if n_articles < 50:
            writer.check([article], EXTRACTOR_VERSION)
        chunks.append(writer.article(article, EXTRACTOR_VERSION))
        n_articles += 1
        if n_articles % batch_articles == 0:
            raw.bulk_load("".join(chunks).encode(), format=ox.RdfFormat.N_QUADS)
            chunks.clear()
            if progress:
                progress(n_articles * CLAIMS_PER_ARTICLE)
    raw.bulk_load("".join(chunks).encode(), format=ox.RdfFormat.N_QUADS)
    raw.optimize()
    triples = len(raw)
    store.close()
    return {"claims": len(claims), "articles": n_articles, "quads": triples, "seconds": time.perf_counter() - t0}


def write_analysed_store(path: Path, n: int, seed: int = 7) -> dict:
    """``write_store``, then the findings worked out as `kg analyse` does (the generator writes claims
    the way a bulk loader would); the counts and timings gain ``findings`` and ``analyse``."""
    from kg.analysis import findings

    build = write_store(path, n, seed)
    t = time.perf_counter()
    with open_store(path) as store:
        build["findings"] = findings.rebuild(store)
    build["analyse"] = time.perf_counter() - t
    return build


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.store.exists():
        sys.exit(f"{args.store}: already exists; give a new folder")
    info = write_store(args.store, args.claims, args.seed,
                       progress=lambda k: print(f"  {k} claims", file=sys.stderr, flush=True))
    print(f"{info['claims']} claims in {info['articles']} articles, {info['quads']} quads, {info['seconds']:.0f} s")


if __name__ == "__main__":
    main()
