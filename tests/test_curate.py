"""Curated claims: `kg claims --format csv` -> edit -> `kg load --claims FILE --curator NAME`."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.curate import _reachable, stored_graph
from kg.extract import EXTRACTOR_VERSION
from kg.load import store_article
from kg.model import Period, SourceRef
from kg.namespaces import KG
from kg.rdf import article_graph, article_iri
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference

from conftest import AIRWARS, make_article, make_claim

runner = CliRunner()

TEXT = ("CJTF-OIR assesses at least 817 civilians have been killed by its strikes.\n"
        "The Mosul health directorate put the number of wounded at 817 in a separate count.\n"
        "Airwars said more than 3,000 civilians were killed in Mosul in 2017.\n")
CORRECT = make_claim(quote="CJTF-OIR assesses at least 817 civilians have been killed", start=0, end=57)
HEALTH = SourceRef("mosul-health-directorate", "Mosul health directorate", known=False)
WRONG_QUOTE = "The Mosul health directorate put the number of wounded at 817"
WRONG = make_claim(metric="civilians-killed", value=Decimal(817), bound="exact", asserter=HEALTH,
                   period=Period("2017", "2017"), places=("mosul",), quote=WRONG_QUOTE,
                   start=TEXT.index(WRONG_QUOTE), end=TEXT.index(WRONG_QUOTE) + len(WRONG_QUOTE))
MISSING_QUOTE = "Airwars said more than 3,000 civilians were killed in Mosul in 2017"
# What an analyst would call right for this article: (metric, value, value_max).
GOLD = {("civilians-killed", 817, None), ("civilians-killed", 3000, None)}


def kg(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def seed(store_path: Path, *articles) -> None:
    from kg.vocab import vocabulary

    s = open_store(store_path)
    sync_reference(s, ontology_files())
    for article in articles:
        store_article(s, article, vocabulary())
    s.close()


def export(store_path: Path) -> list[dict]:
    r = kg("claims", "--store", store_path, "--format", "csv")
    assert r.exit_code == 0, r.output
    return list(csv.DictReader(io.StringIO(r.stdout)))


def write(path: Path, rows: list[dict]) -> Path:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def claims_json(store_path: Path) -> list[dict]:
    r = kg("claims", "--store", store_path, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def figure_scores(claims: list[dict]) -> tuple[int, int, int]:
    """(true positives, false positives, misses) on figures, as the eval scorer counts them."""
    got = {(c["metric"], c["value"], c["value_max"]) for c in claims}
    return len(got & GOLD), len(got - GOLD), len(GOLD - got)


def added_row(**over) -> dict:
    row = {"article": "hand.txt", "asserter": "Airwars", "metric": "civilians-killed", "value": "3,000",
           "bound": "more-than", "period_start": "2017", "period_end": "2017", "place": "Mosul",
           "quote": MISSING_QUOTE, "status": "added"}
    row.update(over)
    return row


def test_export_has_method_and_a_status_column_ready_for_editing(tmp_path):
    seed(tmp_path / "s", make_article(TEXT, [CORRECT, WRONG]))
    rows = export(tmp_path / "s")
    assert [(r["value"], r["method"], r["status"]) for r in rows] == [("817", "automatic", "ok")] * 2


def test_round_trip_marks_a_claim_wrong_adds_the_missing_one_and_the_scores_follow(tmp_path):
    store = tmp_path / "s"
    seed(store, make_article(TEXT, [CORRECT, WRONG]))
    assert figure_scores(claims_json(store)) == (1, 0, 1)  # the wrong 817 shares the figure; see full check below
    rows = export(store)
    for row in rows:
        if row["quote"] == WRONG_QUOTE:
            row["status"] = "wrong"
    rows.append(added_row())
    r = kg("load", "--claims", write(tmp_path / "edited.csv", rows), "--curator", "Jane Analyst", "--store", store)
    assert r.exit_code == 0, r.output
    assert "curated 1 article(s): 1 claim(s) removed as wrong, 1 added by Jane Analyst, 1 kept; 0 article(s) rejected" in r.stdout

    after = claims_json(store)
    assert sorted((c["asserter"], c["value"], c["bound"], c["method"]) for c in after) == [
        ("Airwars", 3000, "more-than", "manual"), ("CJTF-OIR", 817, "at-least", "automatic")]
    assert figure_scores(after) == (2, 0, 0)
    added = next(c for c in after if c["method"] == "manual")
    assert TEXT[added["start"]:added["end"]] == added["quote"] == MISSING_QUOTE
    assert (added["period_end"], added["place"], added["confidence"]) == ("2017", ["Mosul"], 1)
    assert not any(c["asserter"] == "Mosul health directorate" for c in after)

    # Provenance: attributed to the analyst (a kg:Person), generated by a curation associated with them.
    with open_store(store, read_only=True) as s:
        res = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?name ?method WHERE { ?c a kg:Claim ; kg:method ?method ; prov:wasAttributedTo ?p ;
              prov:wasGeneratedBy/prov:wasAssociatedWith ?p . ?p a kg:Person ; skos:prefLabel ?name }""")
        assert [(str(n), str(m)) for n, m in res.rows] == [("Jane Analyst", "manual")]
        triples = s.triple_count()

    # Applying the same table again changes nothing.
    again = kg("load", "--claims", tmp_path / "edited.csv", "--curator", "Jane Analyst", "--store", store)
    assert again.exit_code == 0, again.output
    assert "curated 0 article(s): 0 claim(s) removed as wrong, 0 added" in again.stdout
    assert "already removed" in again.stderr
    with open_store(store, read_only=True) as s:
        assert s.triple_count() == triples


def test_removing_a_claim_leaves_exactly_the_graph_without_it(tmp_path, vocab):
    store = tmp_path / "s"
    article = make_article(TEXT, [CORRECT, WRONG])
    seed(store, article)
    rows = export(store)
    for row in rows:
        row["status"] = "wrong" if row["quote"] == WRONG_QUOTE else "ok"
    r = kg("load", "--claims", write(tmp_path / "e.csv", rows), "--curator", "J", "--store", store)
    assert r.exit_code == 0, r.output
    expected = article_graph(make_article(TEXT, [CORRECT]), vocab, EXTRACTOR_VERSION)
    with open_store(store, read_only=True) as s:
        assert isomorphic(stored_graph(s, article_iri(article.content_hash)), expected)


def test_reachability_keeps_a_whole_article_graph(vocab):
    g = article_graph(make_article(TEXT, [CORRECT, WRONG]), vocab, EXTRACTOR_VERSION)
    assert isomorphic(_reachable(g, article_iri(make_article(TEXT).content_hash)), g)


def test_a_bad_row_rejects_all_edits_of_its_article_and_only_those(tmp_path):
    store = tmp_path / "s"
    other_text = "Airwars said at least 7 civilians were killed in Raqqa.\n"
    seed(store, make_article(TEXT, [CORRECT, WRONG]),
         make_article(other_text, [], name="other.txt"))
    before = {c["claim"] for c in claims_json(store)}
    rows = export(store)
    for row in rows:
        if row["quote"] == WRONG_QUOTE:
            row["status"] = "wrong"
    rows += [added_row(quote="a sentence that is not in the article"),
             added_row(article="other.txt", quote="Airwars said at least 7 civilians were killed in Raqqa",
                       value="7", bound="at-least", place="Raqqa", period_start="", period_end=""),
             added_row(article="gone.txt")]
    r = kg("load", "--claims", write(tmp_path / "e.csv", rows), "--curator", "J", "--store", store)
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert any(l.startswith("error: ") and "e.csv row 4: quote 'a sentence that is not in the article' is not in "
               "the article text" in l for l in lines), r.stderr
    assert any("e.csv row 6: no article 'gone.txt' in the store" in l for l in lines), r.stderr
    after = claims_json(store)
    # hand.txt unchanged (its wrong claim is still there), other.txt got its added claim.
    assert {c["claim"] for c in after if c["article"] == "hand.txt"} == before
    assert [(c["article"], c["value"], c["method"]) for c in after if c["article"] == "other.txt"] == [
        ("other.txt", 7, "manual")]


def test_an_added_claim_breaking_the_shapes_is_refused_with_the_shape_message(tmp_path):
    store = tmp_path / "s"
    seed(store, make_article(TEXT, [CORRECT]))
    before = claims_json(store)
    r = kg("load", "--claims", write(tmp_path / "e.csv", [added_row(value="-5")]), "--curator", "J", "--store", store)
    assert r.exit_code == 1
    assert "rejected: violation: a claim needs one value: a decimal >= 0" in r.stderr
    assert claims_json(store) == before


def test_bad_rows_name_the_problem(tmp_path):
    store = tmp_path / "s"
    seed(store, make_article(TEXT, [CORRECT]))
    rows = [added_row(metric="deaths"), added_row(bound="roughly"), added_row(status="maybe"),
            added_row(place="Atlantis"), added_row(period_end="2017-13"), added_row(value="many")]
    r = kg("load", "--claims", write(tmp_path / "e.csv", rows), "--curator", "J", "--store", store)
    assert r.exit_code == 1
    for fragment in ("row 2: unknown metric 'deaths'", "row 3: bound 'roughly' is not one of",
                     "row 4: status 'maybe' is not one of ok, wrong, added", "row 5: unknown place 'Atlantis'",
                     "row 6: period date '2017-13' is not a real date", "row 7: value 'many' is not a number"):
        assert fragment in r.stderr, fragment


def test_claims_option_needs_a_curator_and_an_existing_file(tmp_path):
    r = kg("load", "--claims", tmp_path / "e.csv", "--store", tmp_path / "s")
    assert r.exit_code == 2 and "--claims needs --curator NAME" in r.stderr
    r = kg("load", "--claims", tmp_path / "e.csv", "--curator", "J", "--store", tmp_path / "s")
    assert r.exit_code == 2 and "claims table not found" in r.stderr
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    r = kg("load", "--claims", tmp_path / "x.csv", "--curator", "J", "--store", tmp_path / "s")
    assert r.exit_code == 2 and "claims table lacks column(s) article, metric, value, asserter, quote" in r.stderr


def test_the_curated_claim_is_attributed_to_the_asserter_too(tmp_path):
    store = tmp_path / "s"
    seed(store, make_article(TEXT, [CORRECT]))
    kg("load", "--claims", write(tmp_path / "e.csv", [added_row()]), "--curator", "J", "--store", store)
    with open_store(store, read_only=True) as s:
        res = s.query(f"SELECT ?a WHERE {{ ?c <{KG.method}> \"manual\" ; <{KG.assertedBy}> ?a }}")
        assert [str(a) for (a,) in res.rows] == ["https://w3id.org/kg-claims/source/" + AIRWARS.key]


def test_edits_to_a_row_marked_ok_are_ignored_with_a_warning(tmp_path):
    store = tmp_path / "s"
    seed(store, make_article(TEXT, [CORRECT]))
    rows = export(store)
    rows[0]["value"] = "900"
    r = kg("load", "--claims", write(tmp_path / "e.csv", rows), "--curator", "J", "--store", store, "--verbose")
    assert r.exit_code == 0, r.output
    assert "e.csv row 2: edits to value of a claim marked ok are ignored" in r.stderr
    assert [c["value"] for c in claims_json(store)] == [817]
