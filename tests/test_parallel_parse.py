"""A big knowledge base is parsed by worker processes (lexkit.kb.parallel): the same result as one process, safely.

Everything here runs real workers (LEXKIT_PARSE_WORKERS forces them below the size that starts
them on their own) and compares with the serial path: the loader's documents, lines and problems;
the compiled stores row by row; `kb validate` byte for byte. Ctrl-C and a killed worker are real
signals sent to real processes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import FIXTURES, base_env, copy_minimal, lexkit_command, store_rows
from test_hostile import CASES

from lexkit.errors import UsageProblem
from lexkit.kb.knowledge import discover_all, load_files, shipped_root
from lexkit.kb.parallel import PARALLEL_BYTES, WORKERS_VARIABLE, ParseWorkerFailed, _cpus, _decode, worker_count
from lexkit.kb.validate import validate

BENCH = Path(__file__).resolve().parents[1] / "bench"
#: Files the loader's own tests know to be tricky for the line of a value (refused keys keep nested lines).
TRICKY = {
    "dup-nested.yaml": "a:\n  b: 1\n  c: [1, 2]\na:\n  b: 2\n  d: {e: [x, {f: g}]}\nz: 3\n",
    "merge.yaml": "base: {x: 1}\nuse:\n  <<: {y: 2}\n  k: v\n",
    "key-mapping.yaml": "? {a: 1}\n: value\nb: [1, 2.5, -0.0, 1.0e999, true, null, '07', 07, ~]\n",
    "dates.yaml": "when: 2024-07-01\nlist: [2024-07-02, {at: 2024-07-03 10:00}]\n",
    "two-docs.yaml": "a: 1\n---\nb: 2\n",
    "root-scalar.yaml": "just text\n",
    "root-list.yaml": "- a\n- [b, {c: d}]\n- - e\n",
    "null.yaml": "~\n",
    "hindi.yaml": "title: {en: Trafficking, hi: व्यापार}\ntext: \"तस्करी\\u200d \\U0001F600\"\n",
    "bad-utf8.yaml": b"a: 1\nb: caf\xe9\n",
    "\udcff-undecodable-name.yaml": "a: 1\n",
}


def _load_both_ways(monkeypatch: pytest.MonkeyPatch, roots: tuple[Path, ...]) -> list[tuple[object, object]]:
    files = discover_all(roots)
    results = []
    for workers in ("1", "2"):
        monkeypatch.setenv(WORKERS_VARIABLE, workers)
        seen: list[tuple[str, bytes | None]] = []
        docs, problems = load_files(files, lambda name, blob, seen=seen: seen.append((name, blob)))
        # repr tells 1 from 1.0 from True, and shows dict order: "the same" means the same objects
        results.append(([(d.kind, d.file, repr(d.data), repr(list(d.lines.items())), d.origin) for d in docs],
                        [repr(p) for p in problems], sorted(seen, key=lambda s: s[0])))
    return results


def _hostile_and_tricky(tmp_path: Path) -> list[Path]:
    roots = [copy_minimal(tmp_path / "base")]
    for case in CASES:
        if case.id.startswith(("yaml-", "file-")) and case.setup is not None:
            root = copy_minimal(tmp_path / case.id)
            case.setup(root)
            roots.append(root)
    tricky = tmp_path / "tricky"
    (tricky / "provisions").mkdir(parents=True)
    for name, content in TRICKY.items():
        (tricky / "provisions" / name).write_bytes(content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content)
    roots.append(tricky)
    return roots


def test_workers_load_every_hostile_and_tricky_file_as_one_process_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roots = _hostile_and_tricky(tmp_path)
    serial, parallel = _load_both_ways(monkeypatch, tuple(roots))
    assert serial == parallel
    docs, problems, seen = serial
    assert len(roots) > 15 and len(docs) > 50 and len(problems) > 20 and len(seen) == len(discover_all(tuple(roots)))


#: What the loader refuses or reports, each alone in an otherwise clean file, beside what it takes.
EDGES = {
    "key-sequence.yaml": "? [a, b]\n: value\n", "key-mapping.yaml": "? {a: 1}\n: value\n",
    "anchor-mapping.yaml": "a: &x {b: 1}\n", "anchor-scalar.yaml": "a: &x 1\n", "alias.yaml": "a: 1\nb: *x\n",
    "tag-scalar.yaml": "a: !!str 1\n", "tag-mapping.yaml": "a: !thing {b: 1}\n", "tag-bang.yaml": "a: ! 1\n",
    "merge.yaml": "a: {b: 1}\nc:\n  <<: {d: 2}\n", "merge-quoted.yaml": "'<<': 1\n",
    "duplicate.yaml": "a: 1\nb: 2\na: 3\n", "duplicate-nested.yaml": "a:\n  - {b: 1, b: 2}\n",
    "date.yaml": "a: [x, 2024-07-01]\n", "date-quoted.yaml": "a: '2024-07-01'\n",
    "digits.yaml": "n: " + "7" * 4001 + "\n", "deep.yaml": "a: " + "[" * 70 + "]" * 70 + "\n",
    "deep-enough.yaml": "a: " + "[" * 60 + "1" + "]" * 60 + "\n", "two.yaml": "a: 1\n---\nb: 2\n",
    "empty.yaml": "", "comment.yaml": "# nothing\n", "null.yaml": "null\n", "scalar.yaml": "just text\n",
    "syntax.yaml": "a: [1, 2\n", "tab.yaml": "a:\n\tb: 1\n", "keys.yaml": "1: a\ntrue: b\n'x y': [c, {d: ~}]\n",
    "flow.yaml": "{a: [1, -2.5e3, 0x1F, 07, .inf, yes, No, ''], b: {c: d}}\n",
}


def test_the_workers_fast_path_answers_as_the_loader_or_leaves_the_file_to_it(tmp_path: Path) -> None:
    """load_clean (the parse workers' path): for a clean file the data and the lines load_text gives
    (the lines as a walk's numbers), and None for every file in which load_text finds a problem."""
    from lexkit.kb.files import FileRefused, decode_utf8
    from lexkit.kb.yamlload import load_clean, load_text

    edges = tmp_path / "edges" / "provisions"
    edges.mkdir(parents=True)
    for name, text in EDGES.items():
        (edges / name).write_text(text, encoding="utf-8")
    roots = [*_hostile_and_tricky(tmp_path), edges.parent, shipped_root()]
    files = [path for root in roots for path in sorted(root.rglob("*.yaml")) if path.is_file() and not path.is_symlink()]
    files += sorted((FIXTURES / "invalid").glob("*.yaml"))
    clean = refused = 0
    for path in files:
        try:
            text = decode_utf8(path.read_bytes())
        except FileRefused:
            continue
        full, fast = load_text(text, path.name), load_clean(text)
        if full.problems or full.data is None:
            assert fast is None, path
            refused += 1
        else:
            assert fast is not None, path
            assert (repr(fast[0]), fast[1]) == (repr(full.data), list(full.lines.values())), path
            clean += 1
    assert clean > 100 and refused > 40


def test_workers_load_the_shipped_knowledge_base_as_one_process_does(monkeypatch: pytest.MonkeyPatch) -> None:
    serial, parallel = _load_both_ways(monkeypatch, (shipped_root(),))
    assert serial == parallel and not serial[1]


def test_every_problem_of_the_invalid_fixtures_is_the_same_with_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema and reference problems in files that load cleanly: their lines come from the worker's walk of the data."""
    fixtures = sorted((FIXTURES / "invalid").glob("*.yaml"))
    for fixture in fixtures:
        root = copy_minimal(tmp_path / fixture.stem)
        shutil.copy(fixture, root / "provisions" / "new.yaml")
        reports = []
        for workers in ("1", "2"):
            monkeypatch.setenv(WORKERS_VARIABLE, workers)
            report = validate(root)
            reports.append(([str(p) for p in report.problems], report.counts, report.files))
        assert reports[0] == reports[1] and reports[0][0], fixture.name
    assert len(fixtures) >= 7


def test_a_file_the_loader_cannot_take_fails_the_same_way_in_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever one process does with a file (here Python's limit on the digits of an int), the workers do too."""
    root = copy_minimal(tmp_path / "kb")
    (root / "provisions" / "digits.yaml").write_text("n: " + "7" * 5000 + "\n", encoding="utf-8")
    outcomes = []
    for workers in ("1", "2"):
        monkeypatch.setenv(WORKERS_VARIABLE, workers)
        try:
            docs, problems = load_files(discover_all((root,)))
            outcomes.append(([repr(d.data) for d in docs], [repr(p) for p in problems]))
        except Exception as exc:  # noqa: BLE001 - the point is that both ways end alike
            outcomes.append((type(exc).__name__, str(exc)))
    assert outcomes[0] == outcomes[1]
    # and the way is a problem with its file and line, not an exception (Python reads at most 4,300 digits)
    assert "a number of 5000 digits" in " ".join(outcomes[0][1]), outcomes[0]


# --------------------------------------------------------------------------- whole builds, both ways


def _synthetic(root: Path, sections: int, acts: int) -> Path:
    sys.path.insert(0, str(BENCH))
    try:
        import make_synthetic
    finally:
        sys.path.remove(str(BENCH))
    make_synthetic.make(root, sections, acts)
    return root


def _broken_in_two_files(root: Path) -> Path:
    copy_minimal(root)
    new = root / "provisions" / "new.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("  title: {en", "  title: [{en", 1), encoding="utf-8")
    old = root / "provisions" / "old.yaml"
    text = old.read_text(encoding="utf-8")
    old.write_text(text.replace("  number:", "  title: again\n  number:", 1) + "extra: 2024-01-01\n", encoding="utf-8")
    return root


def _run(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([*lexkit_command(), *args], env=env, capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("kind", ["shipped", "synthetic", "broken-in-two-files"])
def test_a_build_and_kb_validate_are_the_same_with_workers(kind: str, tmp_path: Path) -> None:
    kb = {"shipped": lambda p: None, "synthetic": lambda p: _synthetic(p, 3000, 6),
          "broken-in-two-files": _broken_in_two_files}[kind](tmp_path / "kb")
    where = [] if kb is None else ["--kb", str(kb)]
    outputs = []
    for workers in ("1", "2"):
        cache = tmp_path / f"cache-{workers}"
        env = {**base_env(cache), WORKERS_VARIABLE: workers, "LEXKIT_CACHE_DIR": str(cache)}
        env.pop("LEXKIT_NO_CACHE")
        code, _out, err = _run([*where, "kb", "build"], env)  # stdout says where the store went: a folder of its own
        assert code == (1 if kind == "broken-in-two-files" else 0), err
        (store,) = cache.glob("kb-*.sqlite")
        checks = [_run(["kb", "validate", *where, "--format", fmt], env) for fmt in ("text", "json")]
        outputs.append((store_rows(store), checks, code, err))
    assert outputs[0] == outputs[1]
    rows, checks, _code, _err = outputs[0]
    if kind == "broken-in-two-files":
        problems = [(file, line) for _n, file, line, _path, _message in rows["problems"]]
        assert ("provisions/new.yaml", 4) in problems and ("provisions/old.yaml", 4) in problems
        assert checks[0][0] == 1 and b"YAML syntax error" in checks[0][1] and b"duplicate key 'title'" in checks[0][1]
        assert b"unquoted date 2024-01-01" in checks[0][1]
    else:
        assert not rows["problems"] and len(rows["sections"]) >= 3000 * (kind == "synthetic")
        assert [c[0] for c in checks] == [0, 0]


# --------------------------------------------------------------------------- interrupted, or a worker killed


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _start_build(tmp_path: Path, sections: int, **popen: object) -> tuple[subprocess.Popen[str], Path]:
    """`kb build` of a synthetic knowledge base of ``sections`` sections, with two workers, started."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the worker processes")
    kb = _synthetic(tmp_path / "big", sections, 4)
    cache = tmp_path / "cache"
    env = {**base_env(cache), WORKERS_VARIABLE: "2", "LEXKIT_CACHE_DIR": str(cache)}
    env.pop("LEXKIT_NO_CACHE")
    proc = subprocess.Popen([*lexkit_command(), "--kb", str(kb), "kb", "build"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env, **popen)  # type: ignore[call-overload]
    return proc, cache


def _build_with_workers_running(tmp_path: Path, **popen: object) -> tuple[subprocess.Popen[str], Path, list[int]]:
    """`kb build` of a big knowledge base, caught while its two workers parse it."""
    proc, cache = _start_build(tmp_path, 12000, **popen)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) == 2 and list(cache.glob(".kb-*.tmp")):
            break
        time.sleep(0.01)
    assert proc.poll() is None and len(workers) == 2, "the parse ended before it could be caught: make the fixture bigger"
    return proc, cache, workers


def _ended(proc: subprocess.Popen[str]) -> tuple[int, str]:
    code = proc.wait(timeout=120)  # a hang fails here
    stderr = proc.stderr.read()  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    return code, stderr


@pytest.mark.parametrize("how", ["to-lexkit", "terminal"])
def test_ctrl_c_during_the_parallel_parse_leaves_nothing_behind(how: str, tmp_path: Path) -> None:
    """The terminal sends SIGINT to the whole foreground group; the workers, in groups of their own, never see it."""
    proc, cache, workers = _build_with_workers_running(tmp_path, process_group=0)
    _interrupted_leaves_nothing(proc, how, cache, workers)


def _interrupted_leaves_nothing(proc: subprocess.Popen[str], how: str, cache: Path, workers: list[int]) -> None:
    """Ctrl-C (to lexkit, or to its terminal's process group): exit 130, one line, no file left, every worker gone."""
    if how == "terminal":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    code, stderr = _ended(proc)
    assert (code, stderr) == (130, "lexkit: interrupted\n")
    assert sorted(p.name for p in cache.iterdir()) == []  # no store, no temporary file
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []  # every worker ended and was reaped


_HELD_WHILE_A_THREAD_RUNS = """
import os, signal, sys, threading, time
from lexkit.threads import in_thread, interrupts_held, start
release = threading.Event()
waited = in_thread(release.wait) if sys.argv[1] == "in_thread" else None
if sys.argv[1] == "start":
    thread = threading.Thread(target=release.wait, daemon=True)
    start(thread)
where = "before the block"
try:
    with interrupts_held():
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))  # to the process: the system picks a thread that takes it
        where = "inside the block"
        end = time.monotonic() + 0.3
        while time.monotonic() < end:  # Python code running: a pending interrupt would be raised here
            pass
        where = "after the block"
except KeyboardInterrupt:
    print("interrupted", where)
release.set()
"""


@pytest.mark.parametrize("how", ["in_thread", "start"])
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_an_interrupt_held_in_the_main_thread_waits_while_lexkit_threads_run(how: str, signum: str, tmp_path: Path) -> None:
    """A signal mask is one thread's: the threads lexkit starts hold the interrupts too, or the process's Ctrl-C goes to them.

    It did: the compile's holidays thread took a Ctrl-C sent while a parse worker was being
    started (inside interrupts_held), the interrupt was raised inside subprocess.Popen, and that
    worker was left running after lexkit ended (CI, 2026-12-03).
    """
    if not hasattr(signal, "pthread_sigmask"):
        pytest.skip("no signal masks on this system")
    script = tmp_path / "held.py"
    prelude = "from lexkit.cli.main import _handle_signals; _handle_signals()\n"  # each interrupt as lexkit takes it
    script.write_text(prelude + _HELD_WHILE_A_THREAD_RUNS)
    done = subprocess.run([sys.executable, str(script), how, signum], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "interrupted after the block\n", "")


def _is_ranking(pid: int) -> bool:
    try:
        return b"lexkit.kb.impacts:serve" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.parametrize("how", ["to-lexkit", "terminal"])
def test_ctrl_c_while_the_impact_lists_are_ranked_leaves_nothing_behind(how: str, tmp_path: Path) -> None:
    """20,000 sections get impact lists (lexkit.kb.impacts), ranked here and by a worker process: Ctrl-C then too."""
    from lexkit.kb.impacts import IMPACT_FROM

    proc, cache = _start_build(tmp_path, IMPACT_FROM, process_group=0)
    deadline = time.monotonic() + 300
    rankers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and not rankers:
        rankers = [pid for pid in _children(proc.pid) if _is_ranking(pid)]
        time.sleep(0.01)
    assert proc.poll() is None and rankers, "the lists were ranked before they could be caught: make the fixture bigger"
    _interrupted_leaves_nothing(proc, how, cache, rankers)


def test_a_killed_worker_is_one_clean_error_not_a_hang(tmp_path: Path) -> None:
    proc, cache, workers = _build_with_workers_running(tmp_path)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    code, stderr = _ended(proc)
    lines = stderr.splitlines()
    assert code == 1, stderr
    assert len(lines) == 2 and "Traceback" not in stderr
    assert lines[0].startswith("lexkit: error: the process parsing provisions/syn") and lines[0].endswith(
        "stopped unexpectedly (killed by SIGKILL)")
    assert lines[1] == f"lexkit: hint: run the command again; {WORKERS_VARIABLE}=1 parses the knowledge base in one process"
    assert sorted(p.name for p in cache.iterdir()) == []
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


@pytest.mark.parametrize("answer,what", [
    (b"not json", "an answer that is not one"),
    (b'{"data": {"a": 1}}', "an answer that is not one"),
    (b'{"data": {"a": 1}, "walk": true, "lines": [1, 1], "problems": [["other.yaml", 1, "$", "x"]]}',
     "a problem that is not about the file sent"),
    (b'{"data": {"a": 1}, "walk": true, "lines": [1, "1"], "problems": []}', "a line that is not a number"),
    (b'{"data": {"a": [1, 2]}, "walk": true, "lines": [1, 1, 2], "problems": []}', "lines that do not fit the data"),
    (b'{"data": {"a": 1}, "walk": true, "lines": [1, 1, 1], "problems": []}', "lines that do not fit the data"),
])
def test_an_answer_that_does_not_fit_is_refused(answer: bytes, what: str) -> None:
    with pytest.raises(ParseWorkerFailed) as caught:
        _decode(answer, "provisions/a.yaml")
    assert caught.value.message == f"the process parsing provisions/a.yaml answered with {what}"


def test_a_fitting_answer_is_the_document() -> None:
    doc = _decode(b'{"data": {"a": [1, {"b": 2}]}, "walk": true, "lines": [1, 1, 2, 3, 3], "problems": []}', "p.yaml")
    assert doc is not None and doc.data == {"a": [1, {"b": 2}]}
    assert doc.lines == {(): 1, ("a",): 1, ("a", 0): 2, ("a", 1): 3, ("a", 1, "b"): 3}
    assert _decode(b'{"error": "ValueError: too many digits"}', "p.yaml") is None  # parsed again here


# --------------------------------------------------------------------------- when workers start


def test_workers_start_only_for_a_big_knowledge_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    assert worker_count(PARALLEL_BYTES - 1, 500) == 1
    assert worker_count(PARALLEL_BYTES, 500) == min(_cpus(), 500)
    assert worker_count(PARALLEL_BYTES * 10, 1) == 1  # one file: nothing to share
    shipped = sum(path.stat().st_size for _f, path, _n, _o in discover_all((shipped_root(),)))
    assert shipped < PARALLEL_BYTES / 2  # the shipped knowledge base is parsed in one process, with room to grow
    monkeypatch.setenv(WORKERS_VARIABLE, "3")
    assert worker_count(0, 500) == 3 and worker_count(0, 2) == 2


@pytest.mark.parametrize("value", ["two", "0", "-1", "1.5", "65", "²", "9" * 50])
def test_a_bad_worker_count_is_a_usage_error(value: str, run, minimal_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEXKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(WORKERS_VARIABLE, value)
    with pytest.raises(UsageProblem):
        worker_count(PARALLEL_BYTES, 10)
    result = run("--kb", str(minimal_kb), "kb", "build")
    assert result.code == 2, result.stderr
    assert result.stderr.splitlines()[0] == f"lexkit: error: {WORKERS_VARIABLE}={value[:40]!r}: not a whole number from 1 to 64"
    assert not list((tmp_path / "cache").glob("*"))
