"""Parse the files of a big knowledge base in worker processes, one per CPU.

Files are independent, and parsing them (lexkit.kb.yamlload: libyaml's events, the line of every
value) is most of a cold compile: ~10 s of CPU for 50,000 sections. So a knowledge base of at
least ``PARALLEL_BYTES`` is parsed by workers while this process reads the files, hands them out
(the biggest first, so that the last to finish is a small one) and takes the answers back in the
files' order. The result is the serial one exactly: the same data, lines and problems, in the same
order (tests/test_parallel_parse.py compiles knowledge bases both ways and compares the stores
and `kb validate` byte for byte). A small knowledge base (the shipped one) is parsed here: starting
interpreters would cost more than it saves.

Why it is built this way:

- A worker is a fresh interpreter started by ``subprocess`` (fork and exec in C, nothing of this
  process runs in the child), never a bare ``fork``: lexkit is a library too, and forking a process
  in which another thread holds a lock (a web server, a notebook) can deadlock the child. A fresh
  interpreter inherits no lock and no file descriptor (not the lock on the cache folder, not the
  store being written) and imports only the loader. multiprocessing's "spawn" would be as safe,
  but it pickles every message, starts a resource-tracker process and imports the caller's main
  module again; and a pool hangs, or needs its private parts, when a worker dies.
- This process still reads every file (the regular-file checks and the SHA-256 of what was parsed
  stay in one place) and sends its bytes down the worker's stdin. The answer comes back as JSON
  text, never pickle: plain data by construction (dict, list, str, int, float, bool, None), and this
  process checks it (every problem names the file that was sent; there is one line per value). A
  clean file's lines are exactly a walk of its data in document order (lexkit.kb.yamlload builds
  them so): they travel as a flat list of numbers, and only the top two levels are put on their
  paths until a deeper one is asked for (WalkedLines); a file with problems sends its (path, line)
  pairs. Measured on one synthetic Act (7.6 MB, 2,500 sections, 104,000 values), medians: parsing
  ~400 ms; JSON ~80 ms out and ~45 ms in, plus ~17 ms for the lines; marshal ~30 and ~25 ms, pickle
  ~45 and ~27 ms. But the whole cold build of 50,000 sections, alternately, 4 runs each: JSON 15.7 s,
  marshal 16.3 s (medians): no gain beyond the noise, for a format that can carry more than data.
- Each worker runs in its own process group and ignores SIGINT: Ctrl-C at the terminal reaches
  lexkit alone, which kills its workers and removes its temporary file (exit 130, one line). A
  worker also ends when its stdin closes, so none outlives lexkit.
- A worker that dies (killed, out of memory) ends the parse with one clean error,
  ParseWorkerFailed; a Python exception inside a worker makes this process parse that file
  itself, so that the result, or the failure, is the serial one.

``LEXKIT_PARSE_WORKERS=N`` sets the number of workers whatever the size (1: parse in this process).
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from lexkit.errors import LexkitError, UsageProblem
from lexkit.kb.yamlload import JsonPath, LoadedDocument, LoadProblem, load_bytes, load_clean
from lexkit.threads import INTERRUPTS, interrupts_held

#: The size of knowledge base (bytes of YAML in all) from which workers are started. Measured cold
#: builds, one process against two workers, on an idle 2-CPU machine: the shipped 6.9 MB 1.11 s
#: against 1.10 s; 15 MB 2.27 against 2.34 s; 31 MB 3.50 against 3.05 s; 154 MB (50,000 sections)
#: 18.3 against 15.4 s (medians of 3 to 5). On a busy machine the workers only add their cost (the shipped knowledge base:
#: 1.2 against 1.8 s), so they start well above where they break even.
PARALLEL_BYTES = 24 * 1024 * 1024
#: Sets the number of worker processes whatever the size; 1 parses in this process.
WORKERS_VARIABLE = "LEXKIT_PARSE_WORKERS"
MAX_WORKERS = 64

# The worker's first line: its loop ("module:function"), then the parent's import path (the folder
# holding lexkit first, however the parent found it). -I: nothing from the environment or the
# working folder is imported before the path is set.
_BOOT = ("import sys; sys.path[:] = sys.argv[2:]; module, _, loop = sys.argv[1].partition(':'); "
         "getattr(__import__(module, fromlist=[loop]), loop)()")


class ParseWorkerFailed(LexkitError):
    """A worker process stopped while it parsed a file (killed, out of memory), or could not start."""

    exit_code = 1


def worker_count(total_bytes: int, files: int) -> int:
    """How many worker processes parse ``files`` files of ``total_bytes`` in all; 1: none, parse here."""
    given = os.environ.get(WORKERS_VARIABLE, "").strip()
    if given:
        if not re.fullmatch(r"[0-9]{1,3}", given) or not 1 <= int(given) <= MAX_WORKERS:
            raise UsageProblem(f"{WORKERS_VARIABLE}={given[:40]!r}: not a whole number from 1 to {MAX_WORKERS}",
                               hint=f"unset it, or set {WORKERS_VARIABLE}=1 to parse the knowledge base in one process")
        count = int(given)
    elif total_bytes < PARALLEL_BYTES:
        return 1
    else:
        count = _cpus()
    if not sys.executable:  # embedded: no interpreter to start
        return 1
    return max(1, min(count, files))


def helper_count() -> int:
    """How many worker processes help this one with other CPU-bound work of a compile (0: none).

    One fewer than the CPUs, as this process works too; ``LEXKIT_PARSE_WORKERS=N`` makes it N - 1.
    """
    if os.environ.get(WORKERS_VARIABLE, "").strip():
        return worker_count(0, MAX_WORKERS) - 1  # the number given, or the same usage error
    return _cpus() - 1 if sys.executable else 0


def _cpus() -> int:
    """The CPUs this process may run on (its affinity, where the system says), else all of them."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def load_in_workers(names: Sequence[str], sizes: Sequence[int], read: Callable[[int], bytes | LoadedDocument],
                    workers: int) -> list[LoadedDocument]:
    """Every file parsed by ``workers`` processes, in the order of ``names``.

    ``read(i)`` gives the bytes of file ``i``, or its LoadedDocument when the file is refused unread;
    files are read one at a time, as a worker becomes free, the biggest first.
    """
    results: list[LoadedDocument | None] = [None] * len(names)
    pool: list[_Worker] = []
    selector = selectors.DefaultSelector()
    idle: list[_Worker] = []

    def collect() -> None:
        for key, _mask in selector.select():
            worker: _Worker = key.data
            selector.unregister(key.fileobj)
            index, blob = worker.job
            decoded = _decode(worker.answer(), names[index])
            results[index] = decoded if decoded is not None else load_bytes(blob, names[index])  # the worker could not
            worker.job = (-1, b"")
            idle.append(worker)

    done = False
    try:
        with interrupts_held():  # a Ctrl-C while a worker starts must not leave it out of the pool
            for _ in range(workers):
                pool.append(_Worker())
        idle = list(reversed(pool))
        for i in sorted(range(len(names)), key=lambda i: -sizes[i]):  # stable: equal sizes keep their order
            got = read(i)
            if isinstance(got, LoadedDocument):
                results[i] = got
                continue
            while not idle:
                collect()
            worker = idle.pop()
            worker.send(i, names[i], got)
            selector.register(worker.stdout, selectors.EVENT_READ, worker)
        while len(idle) < len(pool):
            collect()
        done = True
    finally:
        with interrupts_held():  # every worker is stopped and waited for, even if Ctrl-C comes now
            selector.close()
            for worker in pool:
                worker.finish(kill=not done)
            for worker in pool:
                worker.reap()
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def start_worker(loop: str) -> subprocess.Popen[bytes]:
    """A fresh interpreter running ``loop`` ("module:function"), in its own process group, talking on stdin and stdout.

    Start it inside ``interrupts_held()``. OSError when it cannot be started.
    """
    package_parent = str(Path(__file__).resolve().parents[2])
    path = [package_parent, *(p for p in sys.path if p != package_parent)]
    return subprocess.Popen([sys.executable, "-I", "-c", _BOOT, loop, *path], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, process_group=0)


def worker_signals() -> None:
    """A worker's first call: Ctrl-C is the parent's to handle, and the signals held at its start are let through."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Started while the parent held these (interrupts_held), and a signal mask survives exec.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)


class _Worker:
    """One worker process: a file's bytes go down its stdin, its answer comes up its stdout."""

    def __init__(self) -> None:
        try:
            self.proc = start_worker("lexkit.kb.parallel:serve")
        except OSError as exc:
            raise ParseWorkerFailed(f"cannot start a process to parse the knowledge base ({exc.strerror or exc})",
                                    hint=f"set {WORKERS_VARIABLE}=1 to parse it in one process") from None
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        self.job: tuple[int, bytes] = (-1, b"")
        self.name = ""

    def send(self, index: int, name: str, blob: bytes) -> None:
        self.job, self.name = (index, blob), name
        raw = name.encode("utf-8", "surrogateescape")
        try:
            self.stdin.write(b"%d %d\n" % (len(raw), len(blob)))
            self.stdin.write(raw)
            self.stdin.write(blob)
            self.stdin.flush()
        except OSError:  # the worker is gone (a broken pipe)
            raise self.failed() from None

    def answer(self) -> bytes:
        header = self.stdout.readline()
        try:
            size = int(header)
        except ValueError:
            raise self.failed() from None
        payload = self.stdout.read(size)
        if len(payload) != size:
            raise self.failed()
        return payload

    def failed(self) -> ParseWorkerFailed:
        """The error for a worker that stopped answering: how it ended, and the file it had."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # alive but saying nonsense: stopped here
            self.proc.kill()
            code = self.proc.wait()
        how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return ParseWorkerFailed(f"the process parsing {self.name} stopped unexpectedly ({how})",
                                 hint=f"run the command again; {WORKERS_VARIABLE}=1 parses the knowledge base in one process")

    def finish(self, *, kill: bool) -> None:
        """Close its stdin (it ends when it has read everything); kill it when its work is no longer wanted."""
        if kill and self.proc.poll() is None:
            self.proc.kill()
        close_input(self.proc)

    def reap(self) -> None:
        reap(self.proc)


def close_input(proc: subprocess.Popen[bytes]) -> None:
    """Close a worker's stdin: it ends when it has read everything."""
    assert proc.stdin is not None
    try:
        proc.stdin.close()
    except OSError:  # a broken pipe while flushing: the worker is gone already
        pass


def reap(proc: subprocess.Popen[bytes]) -> None:
    """Wait for a worker whose stdin is closed (killed if it has not ended within 10 s), and close its stdout."""
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    assert proc.stdout is not None
    proc.stdout.close()


def _decode(payload: bytes, name: str) -> LoadedDocument | None:
    """A worker's answer as the LoadedDocument the serial loader gives; None when the worker could not parse the file."""
    try:
        answer = json.loads(payload)
        if "error" in answer:
            return None
        return _document(answer, name)
    except (ValueError, KeyError, TypeError):  # not JSON, or not the shape of an answer
        raise _malformed(name, "an answer that is not one") from None


def _document(answer: dict[str, Any], name: str) -> LoadedDocument:
    data, lines, problems = answer["data"], answer["lines"], answer["problems"]
    doc = LoadedDocument(name, data)
    for file, line, path, message in problems:
        if file != name or type(line) is not int or type(path) is not str or type(message) is not str:
            raise _malformed(name, "a problem that is not about the file sent")
        doc.problems.append(LoadProblem(file, line, path, message))
    if not all(type(n) is int for n in (lines if answer["walk"] else (n for _path, n in lines))):
        raise _malformed(name, "a line that is not a number")
    if answer["walk"]:
        shallow = _shallow_lines(data, lines)
        if shallow is None:
            raise _malformed(name, "lines that do not fit the data")
        doc.lines = WalkedLines(data, lines, shallow)
    else:
        doc.lines = {tuple(path): n for path, n in lines}
    return doc


def _malformed(name: str, what: str) -> ParseWorkerFailed:
    return ParseWorkerFailed(f"the process parsing {name} answered with {what}",
                             hint=f"report it; {WORKERS_VARIABLE}=1 parses the knowledge base in one process")


class WalkedLines(Mapping[JsonPath, int]):
    """The line of every value of a clean file a worker parsed, kept as the numbers of a walk of its data.

    The top two levels (what indexing asks for: ``("sections", 4)``) are a dict from the start;
    every path is put on its line the first time a deeper one is asked for (the line of a
    problem). A valid knowledge base of 50,000 sections so never builds its 3.6 million paths:
    ~0.7 s of this process's CPU and ~0.4 GB of memory. Equal to the dict the loader builds.
    """

    __slots__ = ("_data", "_flat", "_shallow", "_whole")

    def __init__(self, data: Any, flat: list[int], shallow: dict[JsonPath, int]) -> None:
        self._data, self._flat, self._shallow = data, flat, shallow
        self._whole: dict[JsonPath, int] | None = None

    def __getitem__(self, path: JsonPath) -> int:
        return self._shallow[path] if len(path) <= _SHALLOW else self.whole()[path]

    def __contains__(self, path: object) -> bool:
        if isinstance(path, tuple) and len(path) <= _SHALLOW:
            return path in self._shallow
        return path in self.whole()

    def __iter__(self) -> Iterator[JsonPath]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self._flat)

    def whole(self) -> dict[JsonPath, int]:
        if self._whole is None:
            whole = _walk_lines(self._data, self._flat)
            if whole is None:  # checked when the answer came (_shallow_lines): the data was changed since
                raise RuntimeError("a parsed document was changed after it was loaded")
            self._whole = whole
        return self._whole


#: The depth of the paths WalkedLines keeps from the start.
_SHALLOW = 2


def _children(value: Any) -> Iterator[tuple[str | int, Any]]:
    return iter(value.items()) if type(value) is dict else enumerate(value) if type(value) is list else iter(())


def _shallow_lines(data: Any, flat: list[int]) -> dict[JsonPath, int] | None:
    """The lines of the top two levels, from a walk's numbers; None unless there is one number per value."""

    def count(value: Any) -> int:  # the values in a container, itself included
        n = 1
        for item in value.values() if type(value) is dict else value:
            n += count(item) if type(item) is dict or type(item) is list else 1
        return n

    if not flat:
        return None
    shallow: dict[JsonPath, int] = {(): flat[0]}
    at = 1  # the walk visits a value before its children, in document order
    try:
        for first, item in _children(data):
            shallow[(first,)] = flat[at]
            at += 1
            for second, inner in _children(item):
                shallow[(first, second)] = flat[at]
                at += count(inner) if type(inner) is dict or type(inner) is list else 1
    except IndexError:
        return None
    return shallow if at == len(flat) else None


def _walk_lines(data: Any, flat: list[int]) -> dict[JsonPath, int] | None:
    """The line of every value, from the numbers of a walk of ``data`` in document order; None if they do not fit."""
    lines: dict[JsonPath, int] = {}
    take = iter(flat).__next__

    def walk(value: Any, path: JsonPath) -> None:
        lines[path] = take()
        if type(value) is dict:
            for key, item in value.items():
                if type(item) is dict or type(item) is list:
                    walk(item, (*path, key))
                else:
                    lines[(*path, key)] = take()
        elif type(value) is list:
            for i, item in enumerate(value):
                if type(item) is dict or type(item) is list:
                    walk(item, (*path, i))
                else:
                    lines[(*path, i)] = take()

    try:
        walk(data, ())
    except StopIteration:
        return None
    return lines if len(lines) == len(flat) else None


# --------------------------------------------------------------------------- the worker's side


def serve() -> None:
    """A worker's loop: read a file (a header line 'NAME_BYTES SIZE', the name, the bytes), answer with its JSON."""
    import gc

    worker_signals()
    # Each file is plain data, freed by reference counting once answered: the cyclic collector
    # only walked it as it grew (~6% of a worker's time, measured with gc.callbacks).
    gc.disable()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        while True:
            header = stdin.readline()
            if not header:
                return
            name_size, size = (int(n) for n in header.split())
            name = stdin.read(name_size).decode("utf-8", "surrogateescape")
            blob = stdin.read(size)
            if len(blob) != size:
                return
            try:
                payload = _encode_clean(blob) or _encode(load_bytes(blob, name))
            except Exception as exc:  # the parent parses this file itself: the same result, or the same failure
                payload = json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode("ascii")
            stdout.write(b"%d\n" % len(payload))
            stdout.write(payload)
            stdout.flush()
    except OSError:  # the parent is gone
        return


def _encode_clean(blob: bytes) -> bytes | None:
    """A clean file's answer, from the loader's fast path (lexkit.kb.yamlload.load_clean); None for any other file."""
    from lexkit.kb.files import FileRefused, decode_utf8

    try:
        clean = load_clean(decode_utf8(blob))
    except FileRefused:
        return None
    if clean is None:
        return None
    data, lines = clean
    return _answer(data, True, lines, [])


def _encode(doc: LoadedDocument) -> bytes:
    """One file's answer: its data, its lines (a walk's numbers when the file is clean) and its problems."""
    walk = doc.data is not None and not doc.problems
    lines: list[Any] = list(doc.lines.values()) if walk else [[list(path), n] for path, n in doc.lines.items()]
    problems = [[p.file, p.line, p.path, p.message] for p in doc.problems]
    return _answer(doc.data, walk, lines, problems)


def _answer(data: Any, walk: bool, lines: list[Any], problems: list[list[Any]]) -> bytes:
    # ASCII (\u escapes): json writes it ~3 times as fast as UTF-8 text with Hindi in it.
    return json.dumps({"data": data, "walk": walk, "lines": lines, "problems": problems}, separators=(",", ":")).encode("ascii")
