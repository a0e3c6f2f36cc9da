"""The README's pictures, made from the real pipeline on the seed articles (``make docs-images``).

    python -m kg.devtools.docs_images [OUT_DIR]     (default docs/img)

It runs the commands a reader would, in a scratch folder: ``kg load data/seeds`` (with the
folder's manifest), ``kg plot timeline --metric civilians-killed -o seed-timeline.png``, and
``kg export -o seeds.html``, whose page it opens in headless Chromium (Debian's, offline) to
click the Mosul contradiction and take ``seed-network.png``. Then ``kg serve`` on that store, and
the query workbench at / in Chromium with every request to another host refused: the workbench
as it opens (``workbench-empty.png``, docs/endpoint.md shows these three), a SELECT over the
claims on pages of 10 (``workbench-select.png``) and a CONSTRUCT's Turtle (``workbench-construct.png``).

Beside the pictures it writes ``seed-images.json``: a hash of the code that draws them (the
``kg.export`` package, the workbench's files in kg/server/static and this script) and a hash of
what they draw (the claims table
``kg export -o claims.csv`` writes for the seed store: claims, sources, outlets, conflicts).
``tests/test_docs.py`` computes both again and fails when either differs: the pictures are
older than their code or their data (a change to the extractor that changes the seeds' claims
makes them stale too; one that does not, does not).
"""

from __future__ import annotations

import hashlib
import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "seeds"
OUT = REPO / "docs" / "img"
RECORD = "seed-images.json"
PICTURES = ("seed-network.png", "seed-timeline.png")  # in README.md
WORKBENCH_PICTURES = ("workbench-empty.png", "workbench-select.png", "workbench-construct.png")  # docs/endpoint.md
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def drawing_code() -> list[Path]:
    """The files whose change can change a picture without changing the claims."""
    export = REPO / "kg" / "export"
    static = REPO / "kg" / "server" / "static"
    return (sorted(p for p in export.rglob("*") if p.is_file() and p.suffix in (".py", ".html"))
            + sorted(p for p in static.rglob("*") if p.is_file()) + [Path(__file__).resolve()])


def code_hash() -> str:
    digest = hashlib.sha256()
    for path in drawing_code():
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def kg(*args: str | Path, cwd: Path) -> str:
    run = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=cwd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"kg {' '.join(map(str, args))}: exit status {run.returncode}\n{run.stderr}")
    return run.stdout


def data_hash(store: Path) -> str:
    """The hash of the claims table of ``store``: what the pictures draw."""
    with tempfile.TemporaryDirectory() as tmp:
        kg("export", "-o", Path(tmp) / "claims.csv", "--store", store, cwd=Path(tmp))
        return hashlib.sha256((Path(tmp) / "claims.csv").read_bytes()).hexdigest()


def fingerprint(store: Path) -> dict[str, str]:
    return {"code": code_hash(), "data": data_hash(store)}


def screenshot_network(page_file: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright  # a test dependency: only this script needs it

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 820}, offline=True)
        page = context.new_page()
        page.goto(page_file.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=10_000)
        # the README describes the Mosul strike's contradiction (the coalition's 12, the BBC's "over 100"),
        # not whichever contradiction comes first: the one whose panel names the BBC, else the first
        contradictions = page.locator('#edges .edge-group:has(path[data-kind="contradiction"]) .edge-hit')
        for i in [*range(contradictions.count()), 0]:
            contradictions.nth(i).click()
            if "BBC" in page.inner_text("#panel h2"):
                break
        page.screenshot(path=str(out))
        browser.close()


# What the workbench pictures show: the seeds' claims, ten to a page, and a CONSTRUCT of the Mosul
# incident's claims as Turtle.
SELECT_CLAIMS = """PREFIX kg: <https://w3id.org/kg-claims/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
# a source's label is in the reference graph and in each article that names it: DISTINCT, per claim
SELECT DISTINCT (STRAFTER(STR(?c), "/claim/") AS ?claim) ?asserter ?metric ?value ?bound WHERE {
  ?c a kg:Claim ; kg:value ?value ; kg:bound ?bound ;
     kg:metric/skos:notation ?metric ; kg:assertedBy/skos:prefLabel ?asserter .
} ORDER BY ?asserter DESC(?value) ?claim"""
CONSTRUCT_INCIDENT = """PREFIX kg: <https://w3id.org/kg-claims/ns#>
CONSTRUCT { ?claim kg:assertedBy ?source ; kg:metric ?metric ; kg:value ?value ; kg:bound ?bound ; kg:incident ?incident }
WHERE { ?claim kg:incident ?incident ; kg:assertedBy ?source ; kg:metric ?metric ; kg:value ?value ; kg:bound ?bound }"""


def free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def serve(store: Path, cwd: Path) -> tuple[subprocess.Popen, str]:
    """``kg serve`` on port 8000 as docs/endpoint.md says (another if it is taken); its address from
    the discovery file it writes in the store."""
    port = "8000" if free(8000) else "0"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", port],
                            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kg serve: exit status {proc.returncode}\n{proc.stderr.read().decode()}")
        try:
            info = json.loads((store / "kg-serve.json").read_text())
        except (OSError, ValueError):
            info = {}
        if info.get("pid") == proc.pid:
            return proc, info["url"][: -len("sparql")]
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("kg serve did not start in 60 s")


def screenshot_workbench(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    def run(page, query: str) -> None:
        page.evaluate("q => document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.setValue(q)", query)
        page.evaluate("() => { window.__drawn = new Promise(d => kgWorkbench.getTab().getYasr().once('drawn', d)); }")
        page.click(".tabPanel.active .yasqe_queryButton")
        page.evaluate("window.__drawn.then(() => true)")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 960})
        outside = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:"))
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        page.goto(base)
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        height = page.evaluate("Math.ceil(document.querySelector('footer').getBoundingClientRect().bottom) + 12")
        page.screenshot(path=str(out / "workbench-empty.png"), clip={"x": 0, "y": 0, "width": 1280, "height": height})
        run(page, SELECT_CLAIMS)
        page.select_option(".tabPanel.active select.tableSizer", "10")  # the table's page size
        page.click(".tabPanel.active .dt-paging-button.next")
        page.screenshot(path=str(out / "workbench-select.png"), full_page=True)
        run(page, CONSTRUCT_INCIDENT)
        page.click(".tabPanel.active .select_response")
        page.wait_for_selector(".tabPanel.active .yasr .CodeMirror")
        page.screenshot(path=str(out / "workbench-construct.png"))
        browser.close()
    if outside:
        raise SystemExit(f"the workbench asked for {outside}: it must need no network")


def make(out: Path = OUT) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = work / "kg-data"
        kg("load", SEEDS, "--store", store, cwd=work)
        kg("plot", "timeline", "--metric", "civilians-killed", "-o", out / "seed-timeline.png", "--store", store, cwd=work)
        kg("export", "-o", work / "seeds.html", "--store", store, cwd=work)
        screenshot_network(work / "seeds.html", out / "seed-network.png")
        record = {**fingerprint(store), "made_by": "make docs-images (python -m kg.devtools.docs_images)"}
        server, base = serve(store, work)
        try:
            screenshot_workbench(base, out)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    (out / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    made = make(target)
    print(f"wrote {', '.join(PICTURES + WORKBENCH_PICTURES)} and {RECORD} in {target} "
          f"(code {made['code'][:12]}, data {made['data'][:12]})")
