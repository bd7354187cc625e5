"""Benchmark lexkit as a user runs it, and write bench/RESULTS.md (a script, never a timed test).

Usage: python bench/run.py [--quick] [--sections N] [--pairs N] [--out FILE] [--python PY] [--budget S]

What it does, in a temporary folder that it deletes at the end:

1. Makes a virtual environment and installs lexkit into it from this checkout with
   ``pip install .`` (a wheel, not editable; pip compiles the .pyc files), unless ``--python``
   names an interpreter where lexkit is already installed.
2. Writes a synthetic knowledge base of ``--sections`` sections (bench/make_synthetic.py).
3. Times every figure (see bench/README.md) against the floor of any typer CLI,
   ``python -c "import typer"``, measured alternately in the same run (command, baseline,
   command, baseline, ...), and reports the medians and their ratio.

Every child process runs from that venv with PYTHONDONTWRITEBYTECODE unset, and with HOME,
XDG_CACHE_HOME, XDG_DATA_HOME, XDG_CONFIG_HOME and LEXKIT_CACHE_DIR pointing into the temporary
folder: the benchmark never reads or writes the real home folder.

A figure stops sampling early once it has spent ``--budget`` seconds and has at least a
minimum of samples (5 pairs, 10 queries): only a look-up that is seconds slow hits it, and its row
says so. ``--budget 0`` never stops early.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_synthetic  # noqa: E402  (bench/ is not a package)

SHIPPED_LOOKUPS = {
    "show_json": ["provision", "show", "BNS 143", "--format", "json"],
    "show_pinpoint": ["provision", "show", "u/s 370(4) IPC"],
    "map": ["provision", "map", "IPC 370"],
    "judgement": ["judgement", "show", "vishal-jeet-1990"],
}
LOOKUP_NAMES = {
    "show_json": 'provision show "{}" --format json',
    "show_pinpoint": 'provision show "{}"',
    "map": 'provision map "{}"',
    "judgement": "judgement show {}",
}
CHECKLIST = ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15",
             "--fact", "victim_gender=female", "--no-input"]
BASELINE = ["-c", "import typer"]

# 100 queries as people type them: words, phrases, Hindi words, section numbers, Act names and
# citations. Most words are in both the shipped and the synthetic vocabulary.
QUERIES = [
    # words
    "trafficking", "child", "brothel", "magistrate", "rescue", "bonded", "labour", "prostitution", "warrant",
    "search", "custody", "bail", "victim", "exploitation", "kidnapping", "begging", "wages", "minor",
    "compensation", "rehabilitation", "shelter", "repatriation", "interpreter", "medical", "statement",
    "cognizance", "presumption", "landlord", "premises", "abetment", "conspiracy", "slavery", "servitude",
    "juvenile", "guardian", "employer", "recruitment", "harbouring", "procuration", "detention",
    # phrases
    "search without warrant", "woman officer statement", "trafficking of a child", "bonded labour system",
    "produce before the magistrate", "within twenty four hours", "living on the earnings of prostitution",
    "release certificate", "child welfare committee", "video recording of statement", "previous conviction",
    "public servant", "notification by the state government", "compensation to the victim", "protective home", "speedy trial", "in camera trial",
    "age of the victim", "burden of proof", "forced labour", "debt bondage", "sexual exploitation of children",
    "special police officer", "corrective institution", "punishment for trafficking", "repeat offender",
    "medical examination of the victim", "identity not disclosed", "free legal aid", "organ removal",
    "inter-state rescue", "foreign national repatriation", "default bail", "charge sheet within", "rescue raid",
    # Hindi
    "बालक", "अधिनियम", "संहिता", "व्यापार", "मानव व्यापार", "बंधुआ श्रम", "पुलिस", "न्यायालय", "पीड़ित", "संरक्षण",
    # section numbers (a bare number is searched as text)
    "370", "143", "164A", "31", "98",
    # Act names
    "Immoral Traffic Prevention", "Juvenile Justice", "Bonded Labour System Abolition", "Child Labour",
    "Synthetic Act",
    # citations (resolved, not searched, where the Act exists)
    "u/s 370 IPC", "BNS 143", "section 5 of ITPA", "JJ Act s.31", "SYNB 12",
]
assert len(QUERIES) == 100, len(QUERIES)

TARGETS = {  # figure -> (limit, unit, the knowledge bases it applies to)
    "lookup": (1.3, "x", ("shipped", "synthetic")),
    "search_inproc": (30.0, "ms p95", ("synthetic",)),
    "search_process": (1.6, "x p95", ("synthetic",)),
    "checklist_json": (2.0, "x", ("shipped",)),
    "checklist_table": (2.5, "x", ("shipped",)),
    "cold": (25.0, "s", ("synthetic",)),
    "validate": (30.0, "s", ("synthetic",)),
    "rss": (60.0, "MB", ("synthetic",)),
}

# Run in the benchmark's venv: times lexkit's search API in one process (open the knowledge base
# once, then time each query) through search_or_resolve(), what `provision search` runs. The
# knowledge base comes from the compiled store (lexkit.kb.store.load) where it exists, else from
# today's loader (lexkit.kb.knowledge.load, a pickle cache).
INPROC = r"""
import json, sys, time
from pathlib import Path

def make_search(root):
    try:
        from lexkit.kb.store import load
    except ImportError:
        from lexkit.kb.knowledge import load
    from lexkit.law.provisions import search_or_resolve
    kb = load(Path(root) if root else None)
    return lambda q: search_or_resolve(kb, q, None, 10)[0], load.__module__

root, queries, budget, least = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
t = time.perf_counter()
search, api = make_search(root)
setup = time.perf_counter() - t
times, hits, start = [], 0, time.perf_counter()
for q in queries:
    t = time.perf_counter()
    found = search(q)
    times.append((time.perf_counter() - t) * 1000)
    hits += bool(found)
    if budget and len(times) >= least and time.perf_counter() - start > budget:
        break
print(json.dumps({"setup_ms": setup * 1000, "ms": times, "with_hits": hits, "api": api}))
"""


@dataclass
class Row:
    figure: str  # a key of TARGETS, or "" for a figure shown without a target
    name: str
    kb: str  # "shipped" or "synthetic"
    value: float  # what the target is about
    unit: str  # "x" (a ratio to the baseline), "ms", "s" or "MB"
    detail: str
    n: int = 0
    cut: bool = False  # stopped early by --budget

    def shown(self) -> str:
        return f"{self.value:.2f}x" if self.unit == "x" else f"{self.value:.1f} {self.unit}"

    def target(self) -> tuple[str, str]:
        if self.figure not in TARGETS:
            return "-", "info"
        limit, unit, sizes = TARGETS[self.figure]
        if self.kb not in sizes:
            return "-", "info"
        return f"<= {limit:g} {unit}", "PASS" if self.value <= limit else "FAIL"


@dataclass
class Bench:
    python: str
    lexkit: list[str]
    tmp: Path
    pairs: int
    budget: float
    quick: bool
    env_base: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def env(self, cache: Path) -> dict[str, str]:
        env = dict(self.env_base)
        env["XDG_CACHE_HOME"] = str(cache)
        env["LEXKIT_CACHE_DIR"] = str(cache / "lexkit")
        return env

    def spawn(self, argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
        """Run one process with its output thrown away: (seconds, peak RSS in MB, exit code)."""
        actions = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
        actions.append((os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0))
        t = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - t
        return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)

    def check(self, argv: list[str], env: dict[str, str]) -> str:
        """Run once, capturing output; stop the benchmark if the command fails."""
        done = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=self.tmp)
        if done.returncode != 0:
            raise SystemExit(f"bench: {' '.join(argv)} exited {done.returncode}:\n{done.stderr.strip()}")
        return done.stdout

    def paired(self, argv: list[str], env: dict[str, str], pairs: int, least: int) -> tuple[list[float], list[float], list[float], bool]:
        """Command, baseline, command, baseline ...: the seconds of each, the command's RSS, cut short?"""
        base = [self.python, *BASELINE]
        self.check(argv, env)  # warm: the cache is built and the files are in the page cache
        self.check(base, env)
        cmd_s: list[float] = []
        base_s: list[float] = []
        rss: list[float] = []
        start = time.perf_counter()
        for _ in range(pairs):
            s, mb, rc = self.spawn(argv, env)
            if rc != 0:
                self.check(argv, env)
                raise SystemExit(f"bench: {' '.join(argv)} exited {rc}")
            cmd_s.append(s)
            rss.append(mb)
            s, _, _ = self.spawn(base, env)
            base_s.append(s)
            if self.budget and len(cmd_s) >= least and time.perf_counter() - start > self.budget:
                return cmd_s, base_s, rss, len(cmd_s) < pairs
        return cmd_s, base_s, rss, False


def ms(seconds: float) -> float:
    return seconds * 1000


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def machine(python: str) -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.system()} {platform.release()})"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    pyver = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0], sys.implementation.name)"],
                           capture_output=True, text=True).stdout.strip()
    mem = ""
    try:
        kb = int(next(li for li in Path("/proc/meminfo").read_text().splitlines() if li.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"CPU": cpu, "Cores": f"{os.cpu_count()} ({usable} usable)", "Memory": mem, "Python": pyver, "OS": osname}


LOADS: list[float] = []


def phase(what: str) -> None:
    """Say what runs next, and sample the 1-minute load average (the results report its peak)."""
    if hasattr(os, "getloadavg"):
        LOADS.append(os.getloadavg()[0])
    print(f"bench: {what}", file=sys.stderr)


def load_now() -> str:
    try:
        one, five, fifteen = os.getloadavg()
        return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"
    except OSError:
        return "unknown"


def make_venv(tmp: Path, env: dict[str, str]) -> str:
    venv = tmp / "venv"
    print(f"bench: making a venv and installing lexkit from {ROOT} (pip install .) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    python = str(venv / "bin" / "python")
    # Copy the sources first: pip must not build from (or write into) the checkout.
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv*", ".git", "__pycache__", "*.egg-info", "build", "dist"))
    done = subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(src)],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: pip install . failed:\n{done.stderr[-3000:]}")
    shutil.rmtree(src, ignore_errors=True)
    return python


def install_kind(python: str, env: dict[str, str]) -> str:
    code = ("import lexkit, pathlib, sys; p = pathlib.Path(lexkit.__file__).parent; "
            "print(lexkit.__version__, p, any((p / '__pycache__').glob('*.pyc')), p.parent.name)")
    out = subprocess.run([python, "-c", code], env=env, capture_output=True, text=True, cwd="/")
    if out.returncode != 0:
        raise SystemExit(f"bench: lexkit is not installed for {python}:\n{out.stderr.strip()}")
    version, where, pyc, parent = out.stdout.split()
    wheel = parent in ("site-packages", "dist-packages")
    kind = "installed wheel" if wheel else "source checkout or editable install (figures do not represent the wheel)"
    return f"lexkit {version} from {where}: {kind}; compiled .pyc present: {pyc == 'True'}"


def shipped_sections() -> int:
    return sum(line.startswith("  - id: ") for p in (ROOT / "provisions").glob("*.yaml") for line in p.read_text().splitlines())


def lookups(b: Bench, kb_label: str, kb_args: list[str], cmds: dict[str, list[str]], cache: Path, least: int) -> None:
    env = b.env(cache)
    peak: list[float] = []
    base_all: list[float] = []
    for key, argv in cmds.items():
        cmd_s, base_s, rss, cut = b.paired([*b.lexkit, *kb_args, *argv], env, b.pairs, least)
        c, r = statistics.median(cmd_s), statistics.median(base_s)
        name = "warm " + LOOKUP_NAMES[key].format(argv[2])
        b.rows.append(Row("lookup", name, kb_label, c / r, "x", f"{ms(c):.0f} ms vs {ms(r):.0f} ms", len(cmd_s), cut))
        peak.extend(rss)
        base_all.append(r)
        print(f"  {kb_label:9} {name:58} {c / r:6.2f}x  ({ms(c):.0f} / {ms(r):.0f} ms, n={len(cmd_s)})", file=sys.stderr)
    size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
    b.rows.append(Row("rss", "peak RSS of a warm look-up (max over the 4 above)", kb_label, max(peak), "MB",
                      f"{max(peak):.0f} MB (median {statistics.median(peak):.0f} MB)", len(peak)))
    b.rows.append(Row("", "cache folder after warm look-ups", kb_label, size / 1e6, "MB", f"{size / 1e6:.1f} MB"))


def searches(b: Bench, kb_label: str, kb_root: str, kb_args: list[str], cache: Path, queries: list[str]) -> None:
    env = b.env(cache)
    least = min(10, len(queries))
    out = b.check([b.python, "-c", INPROC, kb_root, json.dumps(queries), str(b.budget), str(least)], env)
    got = json.loads(out)
    times = got["ms"]
    b.rows.append(Row("search_inproc", f"search in-process, {len(queries)} queries: p95 (p50)", kb_label, pct(times, 95), "ms",
                      f"p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms; setup {got['setup_ms']:.0f} ms, "
                      f"{got['with_hits']} with hits; {got['api']}.load", len(times), len(times) < len(queries)))
    print(f"  {kb_label:9} search in-process p95 {pct(times, 95):.1f} ms (n={len(times)})", file=sys.stderr)
    base = [b.python, *BASELINE]
    b.check([*b.lexkit, *kb_args, "provision", "search", queries[0]], env)
    cmd_s: list[float] = []
    base_s: list[float] = []
    start = time.perf_counter()
    for q in queries:
        s, _, rc = b.spawn([*b.lexkit, *kb_args, "provision", "search", q], env)
        if rc != 0:
            b.check([*b.lexkit, *kb_args, "provision", "search", q], env)
            raise SystemExit(f"bench: provision search {q!r} exited {rc}")
        cmd_s.append(s)
        base_s.append(b.spawn(base, env)[0])
        if b.budget and len(cmd_s) >= least and time.perf_counter() - start > b.budget:
            break
    r = statistics.median(base_s)
    p50, p95 = pct(cmd_s, 50), pct(cmd_s, 95)
    b.rows.append(Row("search_process", f"search whole-process, {len(queries)} queries: p95 / baseline", kb_label, p95 / r, "x",
                      f"p50 {ms(p50):.0f} ms ({p50 / r:.2f}x), p95 {ms(p95):.0f} ms, baseline median {ms(r):.0f} ms",
                      len(cmd_s), len(cmd_s) < len(queries)))
    print(f"  {kb_label:9} search whole-process p95 {p95 / r:.2f}x (n={len(cmd_s)})", file=sys.stderr)


def thrice(b: Bench, argv: list[str], fresh_cache: bool, cache_root: Path) -> tuple[float, list[float]]:
    """The median of 3 runs, and the 3 times.

    Three even when a run takes seconds: on this 2-CPU virtual machine the same build has taken
    anywhere from 19 to 26 s minutes apart, so one run says more about the machine than lexkit.
    """
    times = []
    for i in range(3):
        cache = cache_root / f"run{i}"
        if fresh_cache:
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir(parents=True)
        s, _, rc = b.spawn(argv, b.env(cache))
        if rc != 0:
            b.check(argv, b.env(cache))
            raise SystemExit(f"bench: {' '.join(argv)} exited {rc}")
        times.append(s)
        shutil.rmtree(cache, ignore_errors=True)  # a 50,000-section store is 370 MB
    return statistics.median(times), times


def _runs(times: list[float]) -> str:
    return f"median of {', '.join(f'{t:.2f}' for t in times)} s"


def render(rows: list[Row], head: dict[str, str], notes: list[str]) -> str:
    lines = ["# lexkit benchmark", ""]
    lines += [f"- **{k}**: {v}" for k, v in head.items()]
    lines += ["", "| Figure | KB | n | Value | Detail | Target | Result |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        target, result = r.target()
        n = f"{r.n}{' (budget)' if r.cut else ''}" if r.n else "1"
        lines.append(f"| {r.name} | {r.kb} | {n} | {r.shown()} | {r.detail} | {target} | {result} |")
    lines += ["", *notes, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="A smoke run: 5 pairs, 2,000 sections, 10 queries.")
    parser.add_argument("--sections", type=int, help="Sections of the synthetic knowledge base (default 50,000).")
    parser.add_argument("--pairs", type=int, help="Command/baseline pairs per look-up (default 15).")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="Where to write the results (bench/RESULTS.md).")
    parser.add_argument("--python", help="Use this interpreter, where lexkit is installed, instead of a fresh venv.")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="Seconds after which a figure stops sampling once it has its minimum (default 60; 0: never).")
    args = parser.parse_args(argv)
    sections = args.sections or (2_000 if args.quick else 50_000)
    pairs = args.pairs or (5 if args.quick else 15)
    queries = QUERIES[::10] if args.quick else QUERIES
    started = time.perf_counter()
    load_before = load_now()
    tmp = Path(tempfile.mkdtemp(prefix="lexkit-bench-"))
    cwd = os.getcwd()
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "PYTHONHOME", "LEXKIT_KB", "LEXKIT_NO_CACHE", "VIRTUAL_ENV")}
        for name in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            (tmp / name.lower()).mkdir()
            env[name] = str(tmp / name.lower())
        env["LEXKIT_CACHE_DIR"] = str(tmp / "xdg_cache_home" / "lexkit")
        if args.python:
            python = args.python
        else:
            # pip reads the user's pip config (an index, find-links) from the real home; its cache
            # goes to the temporary XDG_CACHE_HOME, so nothing is written there.
            pip_env = {k: v for k, v in env.items() if k != "XDG_CONFIG_HOME"}
            pip_env["HOME"] = os.environ.get("HOME", env["HOME"])
            if os.environ.get("XDG_CONFIG_HOME"):
                pip_env["XDG_CONFIG_HOME"] = os.environ["XDG_CONFIG_HOME"]
            python = make_venv(tmp, pip_env)
        install = install_kind(python, env)
        script = Path(python).parent / "lexkit"
        lexkit = [str(script)] if script.is_file() else [python, "-m", "lexkit"]
        os.chdir(tmp)  # children start here: not in the checkout
        b = Bench(python, lexkit, tmp, pairs, args.budget, args.quick, env)
        has_build = subprocess.run([*lexkit, "kb", "build", "--help"], env=env, capture_output=True).returncode == 0

        t = time.perf_counter()
        synth = tmp / "synthetic-kb"
        manifest = make_synthetic.make(synth, sections)
        gen_s = time.perf_counter() - t
        synth_mb = sum(f.stat().st_size for f in synth.rglob("*.yaml")) / 1e6
        print(f"bench: synthetic knowledge base of {sections} sections ({synth_mb:.0f} MB) in {gen_s:.1f} s", file=sys.stderr)
        synth_cmds = {k: [*LOOKUP_NAMES[k].split()[:2], str(manifest[k])] + (["--format", "json"] if k == "show_json" else [])
                      for k in LOOKUP_NAMES}
        kb_synth = ["--kb", str(synth)]
        least = min(5, pairs)

        phase("warm look-ups")
        lookups(b, "shipped", [], SHIPPED_LOOKUPS, tmp / "cache-shipped", least)
        lookups(b, "synthetic", kb_synth, synth_cmds, tmp / "cache-synthetic", least)

        phase("search")
        searches(b, "shipped", "", [], tmp / "cache-shipped", queries)
        searches(b, "synthetic", str(synth), kb_synth, tmp / "cache-synthetic", queries)

        phase("checklists")
        env_shipped = b.env(tmp / "cache-shipped")
        for key, extra, label in (("checklist_json", ["--format", "json"], " --format json"), ("checklist_table", [], " (default table)")):
            cmd_s, base_s, _, cut = b.paired([*lexkit, *CHECKLIST, *extra], env_shipped, pairs, least)
            c, r = statistics.median(cmd_s), statistics.median(base_s)
            b.rows.append(Row(key, "checklist build csec-rescue" + label, "shipped", c / r, "x",
                              f"{ms(c):.0f} ms vs {ms(r):.0f} ms", len(cmd_s), cut))

        phase("cold compile and validate")
        # Today there is no 'kb build': the first look-up on an empty cache builds it.
        what = "kb build" if has_build else "first look-up"
        for label, kb_args, first in (("shipped", [], SHIPPED_LOOKUPS["show_json"]), ("synthetic", kb_synth, synth_cmds["show_json"])):
            argv_ = [*lexkit, *kb_args, *(["kb", "build"] if has_build else first)]
            s, runs = thrice(b, argv_, True, tmp / f"cold-{label}")
            b.rows.append(Row("cold", f"cold compile: {what}, empty cache", label, s, "s", _runs(runs), len(runs)))
        s, runs = thrice(b, [*lexkit, "kb", "validate", "--kb", str(synth)], False, tmp / "cache-validate")
        b.rows.append(Row("validate", "kb validate --kb SYNTH", "synthetic", s, "s", _runs(runs), len(runs)))

        order = {"lookup": 0, "rss": 1, "": 2, "search_inproc": 3, "search_process": 4, "checklist_json": 5,
                 "checklist_table": 6, "cold": 7, "validate": 8}
        b.rows.sort(key=lambda r: (order[r.figure], r.kb != "shipped"))
        total = time.perf_counter() - started
        head = {
            "Date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            **machine(python),
            "Load average": f"{load_before} before, {load_now()} after, peak 1-min {max(LOADS, default=0):.2f} "
                            f"sampled at each phase, on {os.cpu_count()} cores (other work on the machine skews figures)",
            "lexkit": install,
            "Commit": _commit(),
            "Knowledge bases": f"shipped ({shipped_sections()} sections); synthetic ({sections} sections in "
                               f"{manifest['acts']} Acts, {manifest['judgements']} judgements, {synth_mb:.0f} MB of YAML, "
                               f"made in {gen_s:.1f} s, used whole with --kb)",
            "Baseline": f'`{Path(python).name} -c "import typer"` from the same venv, run alternately with each command',
            "Run": f"{'--quick, ' if args.quick else ''}{pairs} pairs per look-up, {len(queries)} search queries, "
                   f"budget {args.budget:g} s per figure; took {total / 60:.1f} min",
        }
        notes = [
            "Ratios are the median of the command over the median of the baseline in the same pairs. "
            "Search whole-process: the p95 of the queries over the median baseline. "
            "'n (budget)': the figure stopped early after --budget seconds. What each figure means: bench/README.md.",
        ]
        text = render(b.rows, head, notes)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        _print_table(b.rows)
        print(f"\nwrote {args.out} ({total / 60:.1f} min)")
        return 0
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp, ignore_errors=True)


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
        if head.returncode == 0:
            return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        pass
    return "unknown"


def _print_table(rows: list[Row]) -> None:
    print(f"{'Figure':<62} {'KB':<10} {'n':>6} {'Value':>10}  {'Target':<14} Result")
    for r in rows:
        target, result = r.target()
        n = f"{r.n}{'*' if r.cut else ''}" if r.n else "1"
        print(f"{r.name[:62]:<62} {r.kb:<10} {n:>6} {r.shown():>10}  {target:<14} {result}")


if __name__ == "__main__":
    sys.exit(main())
