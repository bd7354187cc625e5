"""Benchmark lexkit's look-up path and print the figures (never a timed test).

Usage: python bench/bench.py [--runs N]

Measures, on this machine: a whole `lexkit provision show` process (what a prosecutor waits
for), loading the knowledge base, resolving citations, full-text search and validation.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _row(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{name:<44} n={len(ms):<4} median={statistics.median(ms):8.1f} ms  p90={p90:8.1f} ms  min={ms[0]:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    from lexkit.kb.knowledge import default_root
    from lexkit.kb.store import load
    from lexkit.kb.validate import validate
    from lexkit.law.citations import CitationResolver
    from lexkit.law.search import search

    cli = [sys.executable, "-m", "lexkit"]
    rows = []
    for argv in (["provision", "show", "u/s 370(4) IPC"], ["provision", "show", "BNS 143", "--format", "json"],
                 ["provision", "search", "search without warrant"], ["--version"],
                 ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15",
                  "--fact", "victim_gender=female", "--no-input", "--format", "json"]):
        rows.append(_row("process: lexkit " + " ".join(argv[:3]), _timed(
            lambda argv=argv: subprocess.run(cli + argv, check=True, capture_output=True), args.runs)))
    rows.append(_row("load the knowledge base", _timed(load, args.runs)))
    kb = load()
    resolver = CitationResolver(kb)
    queries = ["u/s 370(4) IPC", "Sec. 164A Cr.P.C.", "JJ Act s.31", "section 15(6A) of ITPA", "Art. 23"]
    rows.append(_row("resolve 5 citations", _timed(lambda: [resolver.resolve(q) for q in queries], args.runs * 10)))
    rows.append(_row("full-text search (index built per query)", _timed(lambda: search(kb, "woman officer statement"), args.runs * 5)))
    rows.append(_row("validate the whole knowledge base", _timed(lambda: validate(default_root()), max(3, args.runs // 3))))
    print(f"lexkit benchmark: {len(kb.sections)} provisions, {len(kb.time_limits)} time limits, "
          f"{len(kb.documents)} files; Python {sys.version.split()[0]}")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
