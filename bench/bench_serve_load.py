"""`kg load` through a running `kg serve` against a direct `kg load`, in the same run (issue 20: 3 min 32 s
against 8.3 s for 612 articles, ~25x).

The same generated corpus (``bench.corpus``) is loaded into a fresh store folder directly, then into a
fresh folder that a `kg serve` holds (the load finds the server and writes through it). With
``--before PATH`` (a checkout of another revision, e.g. a git worktree of main) the same two loads run
with that code too. Markdown on stdout.

    python -m bench.bench_serve_load [--articles 600] [--work /tmp/kg-bench-serve-load] [--before PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _env(code: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(code)}


def kg(code: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=code, env=_env(code), capture_output=True,
                          text=True, **kwargs)


def direct(code: Path, corpus: Path, store: Path) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    proc = kg(code, "load", str(corpus), "--store", str(store), "-q")
    return {"wall": time.perf_counter() - started, "summary": proc.stdout.strip() or proc.stderr.strip()[-300:]}


def served(code: Path, corpus: Path, store: Path) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    subprocess.run([sys.executable, "-c", "import sys; from kg.stores import open_store; open_store(sys.argv[1]).close()",
                    str(store)], cwd=code, env=_env(code), check=True)
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0"],
                              cwd=code, env=_env(code), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        for _ in range(600):
            try:
                if json.loads((store / "kg-serve.json").read_text())["pid"] == server.pid:
                    break
            except (OSError, ValueError, KeyError):
                pass
            if server.poll() is not None:
                raise SystemExit(f"kg serve exited: {server.stderr.read().decode()}")
            time.sleep(0.1)
        time.sleep(1)
        started = time.perf_counter()
        proc = kg(code, "load", str(corpus), "--store", str(store), "-q")
        wall = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return {"wall": wall, "summary": proc.stdout.strip() or proc.stderr.strip()[-300:]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-serve-load"))
    ap.add_argument("--before", type=Path, help="a checkout of another revision, timed the same way")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / f"corpus-{args.articles}"
    if not corpus.exists():
        subprocess.run([sys.executable, "-m", "bench.corpus", str(corpus), "--articles", str(args.articles)],
                       cwd=REPO, check=True, capture_output=True)
    codes = [("this revision", REPO)] + ([("before", args.before.resolve())] if args.before else [])
    print(f"## kg load through kg serve ({args.articles} generated articles)\n")
    print("| code | direct s | through kg serve s | ratio | direct summary | served summary |")
    print("|---|---:|---:|---:|---|---|")
    for label, code in codes:
        d = direct(code, corpus, args.work / "direct")
        s = served(code, corpus, args.work / "served")
        print(f"| {label} | {d['wall']:.1f} | {s['wall']:.1f} | {s['wall'] / d['wall']:.1f}x | {d['summary']} | "
              f"{s['summary']} |", flush=True)


if __name__ == "__main__":
    main()
