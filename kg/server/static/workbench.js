// kg's query workbench: the vendored YASGUI (static/yasgui) set up for this endpoint, its prefixes and
// its named queries. Everything the page loads or asks comes from this server: YASGUI's completers that
// call prefix.cc and LOV are swapped for ones that use the bundled prefix list and this endpoint.
"use strict";

const ENDPOINT = new URL("/sparql", window.location.href).href;
const FIRST_QUERY = `PREFIX kg: <https://w3id.org/kg-claims/ns#>
SELECT ?claim ?value WHERE { ?claim a kg:Claim ; kg:value ?value } LIMIT 20`;
const GRAPHS = "<https://w3id.org/kg-claims/graph/ontology> <https://w3id.org/kg-claims/graph/reference>";

// Terms to complete: those the ontology declares and those the reference data and a few article
// graphs use. Asking every triple of a large store for its predicates would take seconds.
const TERM_QUERIES = {
  property: `PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kg: <https://w3id.org/kg-claims/ns#>
SELECT DISTINCT ?term WHERE {
  { { SELECT ?g WHERE { GRAPH ?g { ?article a kg:Article } } LIMIT 20 } UNION { VALUES ?g { ${GRAPHS} } }
    GRAPH ?g { ?s ?term ?o } }
  UNION { ?term a ?kind VALUES ?kind { rdf:Property owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } }
}`,
  class: `PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg: <https://w3id.org/kg-claims/ns#>
SELECT DISTINCT ?term WHERE {
  { { SELECT ?g WHERE { GRAPH ?g { ?article a kg:Article } } LIMIT 20 } UNION { VALUES ?g { ${GRAPHS} } }
    GRAPH ?g { ?s a ?term } }
  UNION { ?term a ?kind VALUES ?kind { owl:Class rdfs:Class } }
}`,
};

const $ = (id) => document.getElementById(id);
const termLists = {};
const watched = new WeakSet();
let namedQueries = [];

async function getJSON(path) {
  const response = await fetch(path, {headers: {Accept: "application/json"}});
  if (!response.ok) throw new Error(path + ": HTTP " + response.status);
  return response.json();
}

function terms(kind) {
  // one request per page and kind, on first use
  if (!termLists[kind]) {
    termLists[kind] = fetch(ENDPOINT, {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json"},
      body: new URLSearchParams({query: TERM_QUERIES[kind]}),
    }).then((r) => (r.ok ? r.json() : {results: {bindings: []}}))
      .then((data) => data.results.bindings.filter((b) => b.term.type === "uri").map((b) => b.term.value).sort())
      .catch(() => []);
  }
  return termLists[kind];
}

function registerCompleters(Yasqe, prefixes) {
  const bundled = Yasqe.Autocompleters.prefixes.get;  // the list built into YASQE (prefixCcApi is null)
  Yasqe.forkAutocompleter("prefixes", {
    name: "kg-prefixes",
    persistenceId: null,  // nothing in localStorage: the server's prefixes may change
    get: async (yasqe) => {
      const own = Object.entries(prefixes).map(([p, iri]) => `${p}: <${iri}>`);
      const others = (await bundled(yasqe)).filter((line) => !(line.split(":")[0] in prefixes));
      return [...own, ...others];
    },
  }, false);
  for (const kind of ["property", "class"]) {
    Yasqe.forkAutocompleter(kind, {
      name: "kg-" + kind,
      bulk: false,
      persistenceId: null,
      get: (yasqe, token) => terms(kind).then((all) => {
        const typed = (token && (token.autocompletionString || token.string)) || "";
        return all.filter((iri) => iri.startsWith(typed));
      }),
    }, false);
  }
  // Replaces YASQE's list (variables, prefixes, property, class), so LOV is never asked.
  Yasqe.defaults.autocompleters = ["variables", "kg-prefixes", "kg-property", "kg-class"];
}

function describe(tab) {
  const q = tab && namedQueries.find((n) => n.name === tab.getName());
  const doc = $("example-doc");
  doc.hidden = !q;
  if (!q) return;
  // the description is in the query's header comments; this says what the editor cannot
  let text = (q.title || q.name) + ".";
  if (q.params.length) {
    const params = q.params.map((p) => p.name + (p.optional ? "" : " (required)") + ": " + p.doc).join("; ");
    const link = "/queries/" + q.name + "?" + q.params.map((p) => p.name + "=…").join("&");
    text += " Its parameters are unbound here, so they filter nothing; " + link + " or kg query " + q.name +
      " --param binds them. " + params + ".";
  }
  doc.textContent = text;  // text, never HTML
}

function openNamed(yasgui, name) {
  const q = namedQueries.find((n) => n.name === name);
  if (!q) return;
  const open = Object.values(yasgui._tabs).find((tab) => tab.getName() === q.name);
  if (open) yasgui.selectTabId(open.getId());
  else yasgui.addTab(true, {name: q.name, yasqe: {value: q.sparql}});
  describe(yasgui.getTab());
}

function showCap(response) {
  // the server says when it cut an answer at its row cap; YASR would not
  const cut = response && response.headers && response.headers.get("X-KG-Truncated");
  $("notice").textContent = cut
    ? "Answer cut at the server's row cap: the first " + response.headers.get("X-KG-Row-Cap") +
      " rows (kg serve --max-rows). Page with LIMIT and OFFSET."
    : "";
}

async function start() {
  $("endpoint").textContent = ENDPOINT;
  const [prefixes, queries] = await Promise.all([
    getJSON("/prefixes").catch(() => ({})),
    getJSON("/queries").catch(() => []),
  ]);
  namedQueries = queries;
  const Yasgui = window.Yasgui;
  registerCompleters(Yasgui.Yasqe, prefixes);
  const yasgui = new Yasgui($("yasgui"), {
    persistenceId: "kg-workbench",
    copyEndpointOnNewTab: false,
    requestConfig: {
      endpoint: ENDPOINT,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",  // CONSTRUCT and DESCRIBE: a table of triples, or the Turtle
    },
    endpointCatalogueOptions: {getData: () => [{endpoint: ENDPOINT}]},
    yasqe: {value: FIRST_QUERY},
    yasr: {prefixes},
  });
  yasgui.on("queryBefore", (instance, tab) => {
    $("notice").textContent = "";
    const yasqe = tab.getYasqe();
    if (yasqe && !watched.has(yasqe)) {
      watched.add(yasqe);
      yasqe.on("queryResponse", (_yasqe, response) => showCap(response));
    }
  });
  // the active tab's named query, if it is one, described above the editor
  yasgui.on("tabSelect", (instance, tabId) => describe(instance.getTab(tabId)));
  yasgui.on("tabChange", () => describe(yasgui.getTab()));
  yasgui.on("tabClose", () => describe(yasgui.getTab()));

  for (const q of queries) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.title ? q.name + " — " + q.title : q.name;
    $("examples").appendChild(option);
  }
  $("examples").addEventListener("change", () => {
    openNamed(yasgui, $("examples").value);
    $("examples").value = "";
  });
  describe(yasgui.getTab());
  window.kgWorkbench = yasgui;  // for the console and the tests
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
