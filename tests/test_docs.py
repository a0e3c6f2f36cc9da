"""Docs as tests: every `kg` command in a fenced code block of README.md and docs/*.md runs, and
the output the doc shows is checked.

How the Markdown is read (README.md, "Examples in the docs are tests", says the same for writers):

- A fenced block (``` or ```sh/shell/bash/console) with at least one line whose command is `kg`
  (after an optional `$ ` prompt and `NAME=value` assignments) is one test. Its lines run in
  order, each with bash, in one fresh folder holding `kg-data` (a copy of the seed store,
  `kg load data/seeds` with its manifest, built once per session), `data/seeds`, the files in
  tests/doc_examples/ the examples name (article.txt, corpus/, meta.csv, page.html,
  feed.jsonl.gz, …, and `some-scraper` on the PATH) and `backup.nq` (the seed store exported).
  Other lines in the block (`python -c …`) run too, as set-up. Every line must exit with status 0.
- In a block written with prompts (`$ kg …`), the lines after a command up to the next prompt are
  its output as the doc shows it. Each shown line must be in the command's output (standard output
  and standard error, as a terminal shows them), in the doc's order; other lines may come between.
  `…` in a shown line stands for any text, and a line that is only `…` says lines were left out.
  Lines are compared without trailing spaces; the folder's path is taken out of the output.
- `<!-- store: gold claims -->` before a block runs it on a store of the seed articles' gold
  claims (tests/seed_figures.py) instead: docs/conflicts.md's examples are those claims.
- `<!-- not run: REASON -->` before a block leaves the block out; `<!-- not run "TEXT": REASON -->`
  leaves out its lines containing TEXT (a server in the foreground, a network). Every such line
  is listed in NOT_RUN below, so that they stay few and a new one is a decision.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.devtools import docs_images
from kg.load import store_article
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference
from kg.vocab import vocabulary

from seed_figures import seed_articles

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
EXAMPLES = Path(__file__).resolve().parent / "doc_examples"
BIN = REPO / ".venv" / "bin"
KG = BIN / "kg"
SHELL_FENCES = {"", "sh", "shell", "bash", "console"}

# Every example the docs mark as not run, by file and command: keep this list short.
NOT_RUN = {
    ("README.md", "kg load page.html feed.jsonl.gz https://example.org/story"),
    ("README.md", "kg serve --port 8000"),
    ("docs/endpoint.md", "kg serve --store ./kg-data"),
    ("docs/endpoint.md", "kg serve --host 0.0.0.0 --port 8080 --timeout 20 --max-rows 5000"),
    ("docs/endpoint.md", "KG_SERVE_TOKEN=… kg serve --allow-update"),
    ("docs/inputs.md", "kg load https://example.org/news/2018/10/26/strike"),
    ("docs/scale.md", "kg load corpus/ --dask tcp://scheduler:8786"),
    ("docs/scale.md", "kg extract corpus/ --output nq/ --dask tcp://scheduler:8786"),
}


@dataclass
class Step:
    """One line of a block: a shell command, and the output the doc shows for it (prompt form)."""
    line: int
    command: str
    shown: list[str] = field(default_factory=list)

    @property
    def is_kg(self) -> bool:
        return is_kg_command(self.command)


@dataclass
class Example:
    doc: str  # path relative to the repository
    line: int  # of the opening fence
    steps: list[Step]
    store: str = "seeds"
    not_run: list[tuple[str, str]] = field(default_factory=list)  # (command, reason)

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=\S*\s+")
COMMENT = re.compile(r"<!--(.*?)-->")
NOT_RUN_MARK = re.compile(r'\s*not run((?:\s+"[^"]+")*)\s*:\s*(\S.*?)\s*$', re.S)
STORE_MARK = re.compile(r"\s*store:\s*([a-z ]+?)\s*(\(.*\))?\s*$", re.S)


def is_kg_command(command: str) -> bool:
    rest = command
    while (m := ASSIGNMENT.match(rest)):
        rest = rest[m.end():]
    return rest == "kg" or rest.startswith("kg ")


def read_examples(path: Path) -> list[Example]:
    """The runnable blocks of one Markdown file, with the markers written before each."""
    doc = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else path.name
    lines = path.read_text(encoding="utf-8").splitlines()
    examples: list[Example] = []
    marks: list[str] = []
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        fence = re.match(r"(`{3,}|~{3,})\s*([\w-]*)", text)
        if not fence:
            if text.startswith("<!--"):
                marks += COMMENT.findall(text)
            elif text:
                marks = []
            i += 1
            continue
        start, close = i + 1, fence.group(1)
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(close):
            body.append((i + 1, lines[i]))
            i += 1
        i += 1
        if fence.group(2).lower() in SHELL_FENCES:
            example = block_example(doc, start, body, marks)
            if example is not None:
                examples.append(example)
        marks = []
    return examples


def block_example(doc: str, start: int, body: list[tuple[int, str]], marks: list[str]) -> Example | None:
    prompted = any(text.startswith("$ ") for _, text in body)
    steps: list[Step] = []
    for number, text in body:
        if prompted:
            if text.startswith("$ "):
                steps.append(Step(number, text[2:].strip()))
            elif steps and text.strip():
                steps[-1].shown.append(text.rstrip())
        elif text.strip() and not text.lstrip().startswith("#"):
            steps.append(Step(number, text.strip()))
    if not any(step.is_kg for step in steps):
        return None
    example = Example(doc, start, steps)
    for mark in marks:
        if (m := STORE_MARK.match(mark)):
            example.store = m.group(1)
        elif (m := NOT_RUN_MARK.match(mark)):
            texts, reason = re.findall(r'"([^"]+)"', m.group(1)), m.group(2)
            for step in list(example.steps):
                if not texts or any(t in step.command for t in texts):
                    example.not_run.append((step.command, reason))
                    example.steps.remove(step)
    return example


ALL = [example for path in DOCS for example in read_examples(path)]
RUN = [example for example in ALL if example.steps]


def shown_in(shown: list[str], output: str) -> str | None:
    """None when each shown line is an output line, in order (`…` standing for any text);
    otherwise the first shown line that is missing."""
    actual = [line.rstrip() for line in output.splitlines()]
    at = 0
    for line in shown:
        if line.strip() in ("", "…"):  # a line of its own `…` only says that lines were left out
            continue
        pattern = re.compile(".*".join(map(re.escape, line.split("…"))))
        while at < len(actual) and not pattern.fullmatch(actual[at]):
            at += 1
        if at == len(actual):
            return line
        at += 1
    return None


# -- the stores and the folder an example runs in


@pytest.fixture(scope="session")
def doc_stores(tmp_path_factory) -> dict[str, Path]:
    """The stores the examples run on, each built once: the seed store as `kg load data/seeds`
    makes it (with its manifest) and the seed articles' gold claims; and the seed store exported."""
    root = tmp_path_factory.mktemp("doc-stores")
    seeds = root / "seeds"
    run = subprocess.run([str(KG), "load", str(REPO / "data" / "seeds"), "--store", str(seeds)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    gold = root / "gold"
    store, vocab = open_store(gold), vocabulary()
    sync_reference(store, ontology_files())
    for article in seed_articles():
        store_article(store, article, vocab)
    store.flush()
    store.close()
    backup = subprocess.run([str(KG), "export", "-o", str(root / "backup.nq"), "--store", str(seeds)],
                            capture_output=True, text=True)
    assert backup.returncode == 0, backup.stderr
    return {"seeds": seeds, "gold claims": gold, "backup": root / "backup.nq"}


def workdir(tmp_path: Path, stores: dict[str, Path], store: str) -> Path:
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work)
    shutil.copytree(REPO / "data" / "seeds", work / "data" / "seeds")
    shutil.copytree(stores[store], work / "kg-data")
    shutil.copy(stores["backup"], work / "backup.nq")
    with open(work / "feed.jsonl", "rb") as src, gzip.open(work / "feed.jsonl.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    return work


def shell_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(PATH=os.pathsep.join([str(BIN), str(work / "bin"), env.get("PATH", "")]),
               PYTHONUNBUFFERED="1", MPLBACKEND="Agg", COLUMNS="100")
    return env


# -- the tests


@pytest.mark.parametrize("example", RUN, ids=[e.id for e in RUN])
def test_doc_example_runs_and_shows_what_the_doc_shows(example, doc_stores, tmp_path):
    assert example.store in doc_stores, f"{example.id}: no store named {example.store!r}"
    work = workdir(tmp_path, doc_stores, example.store)
    env = shell_env(work)
    for step in example.steps:
        run = subprocess.run(["bash", "-c", step.command], cwd=work, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
        where = f"{example.doc}:{step.line}: {step.command}"
        assert run.returncode == 0, f"{where}\nexit status {run.returncode}\n{run.stdout}"
        missing = shown_in(step.shown, run.stdout.replace(str(work) + os.sep, ""))
        assert missing is None, f"{where}\nthe doc shows {missing!r}; the command printed:\n{run.stdout}"


def test_the_examples_not_run_are_the_listed_few_and_say_why():
    not_run = {(e.doc, re.sub(r"\s+#.*", "", command)) for e in ALL for command, _ in e.not_run}
    assert not_run == NOT_RUN
    assert all(reason for e in ALL for _, reason in e.not_run)


def test_every_doc_with_commands_has_examples_that_run():
    counts = {}
    for example in RUN:
        counts[example.doc] = counts.get(example.doc, 0) + sum(step.is_kg for step in example.steps)
    assert counts["README.md"] >= 20
    assert {"docs/conflicts.md", "docs/inputs.md", "docs/scale.md", "docs/security.md"} <= set(counts)


def test_a_shown_line_missing_from_the_output_fails():
    output = "3 new, 0 unchanged, 0 rejected article(s); 5 claim(s) stored\nwarning: x\n"
    assert shown_in(["3 new, 0 unchanged, …"], output) is None
    assert shown_in(["4 new, 0 unchanged, …"], output) == "4 new, 0 unchanged, …"
    assert shown_in(["warning: x", "3 new, …"], output) == "3 new, …"  # order counts


def test_markers_and_prompts_are_read_from_the_markdown(tmp_path):
    doc = tmp_path / "probe.md"
    doc.write_text('<!-- store: gold claims -->\n<!-- not run "kg serve": a server -->\n\n```console\n'
                   "$ kg serve\n$ kg stats -f csv\nwhat,count\narticles,5\n```\n\n```python\nkg = 1\n```\n")
    [example] = read_examples(doc)
    assert example.store == "gold claims"
    assert example.not_run == [("kg serve", "a server")]
    assert [(s.command, s.shown) for s in example.steps] == [("kg stats -f csv", ["what,count", "articles,5"])]


def test_the_readme_pictures_are_newer_than_the_code_and_the_claims_they_draw(doc_stores):
    """`make docs-images` records what it drew from; the same hashes now mean the pictures are current.
    The workbench pictures in docs/endpoint.md are made and recorded with them."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\((docs/img/[^)]+)\)", readme)
    assert sorted(pictures) == sorted(f"docs/img/{name}" for name in docs_images.PICTURES)
    assert all((REPO / picture).stat().st_size > 10_000 for picture in pictures)
    endpoint = (REPO / "docs" / "endpoint.md").read_text(encoding="utf-8")
    workbench = re.findall(r"!\[[^\]]*\]\(img/(workbench-[^)]+)\)", endpoint)
    assert sorted(workbench) == sorted(docs_images.WORKBENCH_PICTURES)
    assert all((docs_images.OUT / name).stat().st_size > 10_000 for name in workbench)
    recorded = json.loads((docs_images.OUT / docs_images.RECORD).read_text(encoding="utf-8"))
    now = docs_images.fingerprint(doc_stores["seeds"])
    assert recorded["code"] == now["code"], "the code that draws the pictures (README, docs/endpoint.md) changed: run make docs-images"
    assert recorded["data"] == now["data"], "the seeds' claims changed since the README pictures: run make docs-images"
