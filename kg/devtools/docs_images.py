"""The README's pictures, made from the real pipeline on the seed articles (``make docs-images``).

    python -m kg.devtools.docs_images [OUT_DIR]     (default docs/img)

It runs the commands a reader would, in a scratch folder: ``kg load data/seeds`` (with the
folder's manifest), ``kg plot timeline --metric civilians-killed -o seed-timeline.png``, and
``kg export -o seeds.html``, whose page it opens in headless Chromium (Debian's, offline) to
click the Mosul contradiction and take ``seed-network.png``.

Beside the pictures it writes ``seed-images.json``: a hash of the code that draws them (the
``kg.export`` package and this script) and a hash of what they draw (the claims table
``kg export -o claims.csv`` writes for the seed store: claims, sources, outlets, conflicts).
``tests/test_docs.py`` computes both again and fails when either differs: the pictures are
older than their code or their data (a change to the extractor that changes the seeds' claims
makes them stale too; one that does not, does not).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "seeds"
OUT = REPO / "docs" / "img"
RECORD = "seed-images.json"
PICTURES = ("seed-network.png", "seed-timeline.png")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def drawing_code() -> list[Path]:
    """The files whose change can change a picture without changing the claims."""
    export = REPO / "kg" / "export"
    return sorted(p for p in export.rglob("*") if p.is_file() and p.suffix in (".py", ".html")) + [Path(__file__).resolve()]


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
        page.locator('#edges .edge-group:has(path[data-kind="contradiction"]) .edge-hit').first.click()
        page.screenshot(path=str(out))
        browser.close()


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
    (out / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    made = make(target)
    print(f"wrote {', '.join(PICTURES)} and {RECORD} in {target} (code {made['code'][:12]}, data {made['data'][:12]})")
