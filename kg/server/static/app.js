// The query page: every value from the server is put in the page as text (textContent),
// never as HTML, so an article containing <script> stays text.
"use strict";

const $ = (id) => document.getElementById(id);
let examples = [];

function show(element, text) {
  element.textContent = text;
}

function termText(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}

function render(data, truncatedHeader) {
  const thead = $("table").tHead;
  const tbody = $("table").tBodies[0];
  thead.replaceChildren();
  tbody.replaceChildren();
  if (typeof data.boolean === "boolean") {
    show($("status"), "ASK: " + data.boolean);
    return;
  }
  const vars = data.head.vars;
  const headRow = thead.insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    headRow.appendChild(th);
  }
  for (const binding of data.results.bindings) {
    const row = tbody.insertRow();
    for (const v of vars) row.insertCell().textContent = termText(binding[v]);
  }
  const n = data.results.bindings.length;
  let status = n + (n === 1 ? " row" : " rows");
  if (data.kg && data.kg.truncated) status += " — " + data.kg.message;
  else if (truncatedHeader) status += " — truncated by the server's row cap";
  show($("status"), status);
  $("status").classList.toggle("truncated", Boolean((data.kg && data.kg.truncated) || truncatedHeader));
}

async function runQuery() {
  const query = $("query").value;
  $("error").hidden = true;
  show($("status"), "running…");
  $("run").disabled = true;
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
      body: new URLSearchParams({query}),
    });
    if (!response.ok) {
      show($("error"), "HTTP " + response.status + ": " + (await response.text()));
      $("error").hidden = false;
      show($("status"), "");
      return;
    }
    render(await response.json(), response.headers.get("X-KG-Truncated"));
  } catch (err) {
    show($("error"), String(err));
    $("error").hidden = false;
    show($("status"), "");
  } finally {
    $("run").disabled = false;
  }
}

async function loadExamples() {
  const response = await fetch("/queries", {headers: {"Accept": "application/json"}});
  if (!response.ok) return;
  examples = await response.json();
  for (const q of examples) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.title ? q.name + " — " + q.title : q.name;
    $("examples").appendChild(option);
  }
}

function pickExample() {
  const q = examples.find((e) => e.name === $("examples").value);
  if (!q) return;
  $("query").value = q.sparql;
  const params = q.params.map((p) => "?param_" + p.name.replace(/-/g, "_") + " — " + p.doc).join("; ");
  show($("example-doc"), q.description + (params ? " Parameters (unbound here, so they filter nothing): " + params : ""));
}

document.addEventListener("DOMContentLoaded", () => {
  show($("endpoint"), new URL("/sparql", window.location.href).href);
  $("run").addEventListener("click", runQuery);
  $("examples").addEventListener("change", pickExample);
  $("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runQuery();
  });
  loadExamples();
});
