"""`kg serve` under load: requests/s and p50/p99 latency for named queries, 16 concurrent clients, loopback.

Two stores: the seed articles (through the real `kg load` pipeline) and a 100k-claim store
(``bench.synthetic_claims``, kg's own triples without extraction). For each, a real `kg serve`
process is started and driven with ``wrk`` (Debian's) when it is installed, else with a
Python client; ``/health`` (no query) is the baseline in the same run, so the figures can be
read as a ratio to the server's bare HTTP cost. Results go to bench/RESULTS-serve.md.

    python -m bench.bench_serve [--work /tmp/kg-bench-serve] [--claims 100000] [--duration 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).parent / "kg"
CONNECTIONS = 16


def build_seed_store(path: Path) -> None:
    if path.exists():
        return
    subprocess.run([str(KG), "load", str(REPO / "data" / "seeds"), "--store", str(path), "--quiet"], check=True)


def build_big_store(path: Path, claims: int) -> None:
    if path.exists():
        return
    from bench.synthetic_claims import write_store

    info = write_store(path, claims)
    print(f"  built {info['claims']} claims in {info['articles']} articles ({info['quads']} quads) "
          f"in {info['seconds']:.0f} s", file=sys.stderr)


def start(store: Path, workers: int, timeout: float) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", "0", "--workers", str(workers),
                             "--timeout", str(timeout)], stderr=subprocess.PIPE, start_new_session=True)
    return proc, _wait(proc, store)


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wrk_ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_wrk(url: str, duration: int) -> dict:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{duration}s", "--latency",
                          "-H", "Accept: application/sparql-results+json", "--timeout", "60s", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _wrk_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _wrk_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "requests": total,
            "errors": int(errors.group(1)) if errors else 0, "tool": "wrk"}


def run_python(url: str, duration: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client():
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(req, timeout=60) as resp:
                    resp.read()
                ok = True
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed) if ok else None
                errors[0] += 0 if ok else 1

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {"rps": len(latencies) / wall, "p50_ms": q[49], "p99_ms": q[98], "requests": len(latencies),
            "errors": errors[0], "tool": "python"}


def single(url: str, timeout: float) -> tuple[float, str]:
    """One request alone: seconds and rows (or the error)."""
    started = time.perf_counter()
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
            capped = " (capped)" if resp.headers.get("X-KG-Truncated") else ""
        rows = f"{len(json.loads(body)['results']['bindings'])}{capped}" if body.startswith(b'{"head"') else "-"
    except urllib.error.HTTPError as exc:
        rows = f"HTTP {exc.code}"
    except OSError as exc:
        rows = f"error: {exc}"
    return time.perf_counter() - started, rows


def wait_idle(base: str, limit: float = 300.0) -> None:
    """Wait until the query workers are free: when a load test ends, the server still answers the
    requests its clients had sent (16 slow ones can keep it busy for a minute), and a request timed
    "alone" right after it would be timed behind them."""
    probe = base + "sparql?" + urlencode({"query": "SELECT (1 AS ?one) WHERE {}"})
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline and single(probe, limit)[0] > 0.05:
        time.sleep(0.5)


def measure(base: str, targets: dict[str, str], duration: int, single_timeout: float) -> dict[str, dict]:
    runner = run_wrk if shutil.which("wrk") else run_python
    results = {}
    for label, path in targets.items():
        url = base + path
        wait_idle(base)
        alone, rows = single(url, single_timeout)  # also warms the checkpoint and the workers
        if alone <= LOAD_TEST_LIMIT:
            alone, rows = single(url, single_timeout)
        if alone > LOAD_TEST_LIMIT:
            results[label] = {"alone_s": alone, "rows": rows, "rps": None}
            print(f"    {label:<40} alone {alone:7.1f} s ({rows}): too slow for a load test", file=sys.stderr)
            continue
        r = results[label] = {**runner(url, duration), "alone_s": alone, "rows": rows}
        print(f"    {label:<40} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:8.1f} ms  p99 {r['p99_ms']:8.1f} ms"
              f"  ({r['requests']} requests, {r['errors']} errors, {r['tool']})", file=sys.stderr)
    return results


def first_article(base: str) -> str:
    query = "PREFIX kg: <https://w3id.org/kg-claims/ns#> SELECT ?f WHERE { ?a kg:fileName ?f } ORDER BY ?f LIMIT 1"
    req = urllib.request.Request(base + "sparql?" + urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=600) as resp:
        return json.loads(resp.read())["results"]["bindings"][0]["f"]["value"]


def targets_for(base: str) -> dict[str, str]:
    article = first_article(base)
    claims_of_article = ("PREFIX kg: <https://w3id.org/kg-claims/ns#> SELECT ?claim ?value WHERE { "
                         f"?a kg:fileName {json.dumps(article)} . ?claim kg:reportedIn ?a ; kg:value ?value }}")
    count = "PREFIX kg: <https://w3id.org/kg-claims/ns#> SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"
    return {
        "/health (baseline, no query)": "health",
        "named: /queries/claims?article=FILE": "queries/claims?" + urlencode({"article": article}),
        "named: /queries/claims-of-article?article=FILE": "queries/claims-of-article?" + urlencode({"article": article}),
        "named: /queries/who-asserted?metric=civilians-killed": "queries/who-asserted?metric=civilians-killed",
        "ad hoc: claims of one article": "sparql?" + urlencode({"query": claims_of_article}),
        "ad hoc: COUNT of all claims": "sparql?" + urlencode({"query": count}),
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


PATHOLOGICAL = ("PREFIX kg: <https://w3id.org/kg-claims/ns#> SELECT (COUNT(*) AS ?n) WHERE { "
                "?a a kg:Claim ; ?p1 ?o1 . ?b a kg:Claim ; ?p2 ?o2 . ?c a kg:Claim ; ?p3 ?o3 . "
                "?d a kg:Claim ; ?p4 ?o4 . ?e a kg:Claim ; ?p5 ?o5 }")


def measure_timeout(store: Path, timeout: float = 2.0) -> list[str]:
    """A cross join over all claims against --timeout, while a second client keeps querying."""
    proc = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", "0", "--workers", "2",
                             "--timeout", str(timeout)], stderr=subprocess.PIPE, start_new_session=True)
    try:
        base = _wait(proc, store)
        simple = base + "sparql?" + urlencode({"query": "PREFIX kg: <https://w3id.org/kg-claims/ns#> "
                                                         "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"})
        single(simple, 30)
        alone = [single(simple, 30)[0] for _ in range(20)]
        outcome = {}

        def pathological():
            started = time.perf_counter()
            outcome["status"] = single(base + "sparql?" + urlencode({"query": PATHOLOGICAL}), 120)[1]
            outcome["seconds"] = time.perf_counter() - started

        thread = threading.Thread(target=pathological)
        thread.start()
        time.sleep(0.2)
        meanwhile = []
        while thread.is_alive():
            meanwhile.append(single(simple, 30)[0])
        thread.join()
        health = json.loads(urllib.request.urlopen(base + "health", timeout=10).read())
    finally:
        stop(proc)
    return [
        "",
        "## The time limit",
        "",
        f"`kg serve --timeout {timeout:g} --workers 2` on the seed store: a five-way cross join over all claims "
        "(`tests/test_serve_security.py`) sent once while a second client sends `COUNT` queries one after another.",
        "",
        f"- The pathological query was answered {outcome['status']} after {outcome['seconds']:.2f} s "
        f"(limit {timeout:g} s); the server reports {health['stopped_queries']} stopped query "
        "(its worker process killed and replaced).",
        f"- The second client meanwhile: {len(meanwhile)} answers, median {statistics.median(meanwhile) * 1000:.1f} ms "
        f"(max {max(meanwhile) * 1000:.1f} ms), against a median of {statistics.median(alone) * 1000:.1f} ms alone.",
    ]


def _wait(proc: subprocess.Popen, store: Path) -> str:
    discovery = store / "kg-serve.json"
    for _ in range(600):
        try:
            info = json.loads(discovery.read_text())
            if info["pid"] == proc.pid:
                base = info["url"][: -len("sparql")]
                urllib.request.urlopen(base + "health", timeout=5).read()
                return base
        except (OSError, ValueError, KeyError):
            pass
        if proc.poll() is not None:
            raise SystemExit(f"kg serve exited: {proc.stderr.read().decode()}")
        time.sleep(0.1)
    raise SystemExit("kg serve did not start")


LOAD_TEST_LIMIT = 5.0  # seconds for one request alone; slower ones are reported alone, not load-tested


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-serve"))
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers (the machine has 2 cores)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS-serve.md")
    parser.add_argument("--single-timeout", type=float, default=300.0,
                        help="seconds one request may take alone (also kg serve --timeout)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    stores = {"seeds (5 articles)": args.work / "seeds", f"{args.claims // 1000}k claims": args.work / f"claims-{args.claims}"}
    build_seed_store(stores["seeds (5 articles)"])
    build_big_store(stores[f"{args.claims // 1000}k claims"], args.claims)
    table = []
    for label, path in stores.items():
        print(f"  {label}", file=sys.stderr)
        proc, base = start(path, args.workers, args.single_timeout)
        try:
            results = measure(base, targets_for(base), args.duration, args.single_timeout)
        finally:
            stop(proc)
        for target, r in results.items():
            table.append((label, target, r))
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    tool = "wrk" if shutil.which("wrk") else "python"
    lines = [
        "# kg serve under load",
        "",
        f"- Date: {when}",
        f"- Machine: {machine()}",
        f"- Command: `python -m bench.bench_serve --claims {args.claims} --duration {args.duration} "
        f"--workers {args.workers}`",
        f"- Load: {CONNECTIONS} concurrent keep-alive clients on loopback for {args.duration} s per line "
        f"({'wrk -t2 -c16 --latency' if tool == 'wrk' else 'Python threads'}), answers as SPARQL JSON; "
        f"kg serve with {args.workers} query worker processes, default row cap 10,000. "
        "The load generator shares the 2 cores with the server.",
        f"- A request that takes more than {LOAD_TEST_LIMIT:g} s alone is reported alone (\"alone s\"), not "
        "load-tested: 16 clients would only queue behind the workers.",
        "",
        "| store | request | rows | alone s | req/s | p50 ms | p99 ms | p50 / baseline p50 | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    baselines = {label: r["p50_ms"] for label, target, r in table if target.startswith("/health") and r["rps"]}
    for label, target, r in table:
        if r["rps"] is None:
            lines.append(f"| {label} | `{target}` | {r['rows']} | {r['alone_s']:.1f} | – | – | – | – | – |")
            continue
        ratio = r["p50_ms"] / baselines[label] if baselines.get(label) else float("nan")
        lines.append(f"| {label} | `{target}` | {r['rows']} | {r['alone_s']:.3f} | {r['rps']:.1f} | "
                     f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {ratio:.1f} | {r['errors']} |")
    lines += measure_timeout(stores["seeds (5 articles)"])
    text = "\n".join(lines) + "\n"
    args.out.write_text(text)
    print(text)  # (not read back from --out: make bench passes /dev/null)


if __name__ == "__main__":
    main()
