"""`kg claims` and `kg query`: read the store with the named queries, a .rq file or ad-hoc SPARQL."""

from __future__ import annotations

from typing import List, Optional

import typer

from kg.analysis.filters import first_rows, listing_params, one_more
from kg.analysis.names import check_names
from kg.analysis.queries import catalog, dialect_form, prepare, resolve
from kg.cli.options import (FormatOpt, SinceOpt, StoreOpt, UntilOpt, fail, limit_option, note_limit, place_option, show,
                            window)
from kg.output import claim_records, render, render_result
from kg.stores import open_store, store_location
from kg.stores.bounded import query_bounded
from kg.stores.reader import default_memory_mib, memory_setting

CLAIM_COLUMNS = ["article", "asserter", "reported_by", "metric", "value", "value_max", "bound",
                 "period_start", "period_end", "place", "incident", "quote"]
CLAIM_FIELDS = ["claim", "article", "asserter", "reported_by", "metric", "value", "value_max", "bound",
                "period_start", "period_end", "place", "incident", "quote", "start", "end", "confidence", "method"]


def parse_params(params: list[str]) -> dict[str, str]:
    out = {}
    for p in params:
        if "=" not in p:
            fail(f"--param {p!r}: expected NAME=VALUE")
        k, v = p.split("=", 1)
        out[k.strip()] = v
    return out


def claims(
    store: Optional[str] = StoreOpt,
    fmt: str = FormatOpt,
    metric: Optional[str] = typer.Option(None, help="Only this metric (notation, e.g. civilians-killed)."),
    asserter: Optional[str] = typer.Option(None, help="Only claims by this source (name or alias)."),
    article: Optional[str] = typer.Option(None, help="Only claims of this article (file name)."),
    place: Optional[str] = place_option(),
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    limit: Optional[int] = limit_option("claims"),
) -> None:
    """List stored claims: figure, asserter, outlet, period, places, incident and quote."""
    window(since, until)
    params = {k: v for k, v in {"metric": metric, "asserter": asserter, "article": article}.items() if v is not None}
    with open_store(store, read_only=True, bounded=True) as kg_store:
        check_names(kg_store, **params)
        params.update(listing_params(kg_store, place, since, until))
        rows, more = first_rows(claim_records(_claims_result(kg_store, params, one_more(limit))), limit)
    note_limit(limit, more, "claims")
    columns = CLAIM_COLUMNS if fmt in ("table", "md") else CLAIM_FIELDS
    if fmt in ("csv", "tsv"):  # ready for curation: edit status to wrong, or add rows marked added (docs/inputs.md)
        columns = [*columns, "status"]
        rows = [{**r, "status": "ok"} for r in rows]
    if fmt in ("json", "jsonl"):
        rows = [{k: r.get(k) for k in CLAIM_FIELDS} for r in rows]
    show(render(rows, columns, fmt))


def _claims_result(kg_store, params: dict, limit: int | None = None):
    """One article's claims are looked up from the article (claims-of-article: SPARQL 1.2 LATERAL, or the
    store's own form of it); a remote store without LATERAL gets the claims listing filtered by article."""
    if "article" in params:
        try:
            return kg_store.query(prepare(resolve("claims-of-article", kg_store), params, limit))
        except ValueError as exc:
            if "LATERAL" not in str(exc):
                raise
    return kg_store.query(prepare(resolve("claims", kg_store), params, limit))


def query(
    name: Optional[str] = typer.Argument(None, help="A named query (see --list) or a .rq file."),
    sparql: Optional[str] = typer.Option(None, "--sparql", help="Ad-hoc SPARQL text instead of a named query."),
    param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, bound as a literal, or as an IRI when written <https://…> (repeatable)."),
    store: Optional[str] = StoreOpt,
    fmt: str = FormatOpt,
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
    memory: Optional[int] = typer.Option(None, "--memory", metavar="MIB",
                                         help="Memory the query may take, in MiB (default: half of this "
                                              "machine's; 0: no limit)."),
) -> None:
    """Run a named query, a .rq file or ad-hoc SPARQL over the union of all graphs."""
    if list_:
        for q in catalog().values():
            typer.echo(f"{q.name}: {q.title}")
            if q.description:
                typer.echo(f"    {q.description}")
            for p in q.params:
                typer.echo(f"    --param {p.name}=…  {'(optional) ' if p.optional else '(required) '}{p.doc}")
        return
    params = parse_params(param)
    if sparql is not None:
        from kg.analysis.queries import param_variable
        from kg.stores.sparqlterms import bind

        text = bind(sparql, {param_variable(k): v for k, v in params.items()})
    elif name:
        text = prepare(resolve(name), params)
    else:
        fail("give a query name, a .rq file, --sparql TEXT or --list")
    # the user's own text (--sparql, a .rq file) is read first, so that its FROM / FROM NAMED count;
    # kg's named queries have none, and parsing the longest costs a second
    user_text = sparql is not None or name.endswith(".rq")
    location = store_location(store)
    if memory is None:
        memory = memory_setting()
    if memory is None:
        memory = default_memory_mib()
    if memory and not location.startswith(("http://", "https://")):
        # in a child process with its heap capped: a runaway query ends in one line, not the OOM killer
        result = query_bounded(location, text, user_text, memory)
    else:
        with open_store(store, read_only=True) as kg_store:
            if sparql is None and dialect_form(name, kg_store) is not None:
                text = prepare(resolve(name, kg_store), params)  # the server's own form of the named query
            result = kg_store.query(text, user_query=user_text)
    show(render_result(result, fmt))
