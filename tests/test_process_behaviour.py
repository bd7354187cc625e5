"""What the real `lexkit` process does with pipes, signals, full disks, races and permissions.

The hostile-input catalogue (test_hostile.py) covers one command line at a time; these cases need
more than one: two writers at once, a signal in the middle, a reader that goes away.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hostile import TIMEOUT, base_env, copy_minimal, lexkit_command, run_lexkit, snapshot, without_privilege

from lexkit.cli.output import write_atomic
from lexkit.errors import OutputRefused

#: --now fixes the "As of" line: two runs either side of a minute boundary must write the same file.
BUILD = ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--no-input", "--now", "28/11/2026 09:00",
         "--fact", "victim_age=15", "--fact", "victim_gender=female", "--format", "md"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return base_env(tmp_path / "cache")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_force_replaces_a_regular_file_and_keeps_its_mode(tmp_path: Path, env: dict[str, str]) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    ran = run_lexkit([*BUILD, "-o", str(target), "--force"], cwd=tmp_path, env=env)
    assert ran.code == 0, ran.stderr
    assert target.read_text(encoding="utf-8").startswith("# Rescue of victims")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_of_two_writers_racing_to_a_new_file_one_wins(tmp_path: Path) -> None:
    """Each round: two threads write the same new file at once; exactly one may succeed.

    (A rename over the name, as before, let both 'succeed' and the second silently replace the first.)
    """
    def writer(path: Path, barrier: threading.Barrier, outcomes: list[str], text: str) -> None:
        barrier.wait()
        try:
            write_atomic(path, text * 20_000, force=False)
            outcomes.append("won:" + text)
        except OutputRefused as exc:
            outcomes.append("refused: " + exc.message)

    for round_ in range(20):
        path = tmp_path / f"race-{round_}.md"
        barrier = threading.Barrier(2)
        outcomes: list[str] = []
        threads = [threading.Thread(target=writer, args=(path, barrier, outcomes, t)) for t in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        won = [o for o in outcomes if o.startswith("won:")]
        assert len(won) == 1, outcomes
        assert path.read_text(encoding="utf-8") == won[0][4:] * 20_000  # the winner's bytes, whole
        assert any("already exists" in o for o in outcomes)
    assert _leftovers(tmp_path) == []


def test_a_full_disk_gives_a_clear_message_and_leaves_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    """A file-size limit stands in for a full disk: the write fails part-way, as on a full disk."""

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    target = tmp_path / "out.md"
    ran = run_lexkit([*BUILD, "-o", str(target)], cwd=tmp_path, env=env, preexec_fn=small_files)
    assert ran.code == 1, ran.stderr
    assert f"lexkit: error: cannot write {target}: File too large" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not target.exists() and _leftovers(tmp_path) == []


@pytest.mark.parametrize("args", [
    ["kb", "unverified"],  # a few kB: the broken pipe shows at the final flush
    ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--no-input",  # 160 kB: inside the command
     "--fact", "victim_age=15", "--fact", "victim_gender=female"],
], ids=["small", "large"])
def test_a_reader_that_closes_the_pipe_early_is_not_an_error(tmp_path: Path, env: dict[str, str], args: list[str]) -> None:
    proc = subprocess.Popen(lexkit_command() + args, cwd=tmp_path, env={**env, "COLUMNS": "400"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before lexkit writes a byte
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(TIMEOUT) == 0, err
    assert "error" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_head_reading_one_line_is_exit_0(tmp_path: Path, env: dict[str, str]) -> None:
    command = " ".join(f"'{c}'" for c in lexkit_command())
    proc = subprocess.run(["bash", "-c", f"set -o pipefail; {command} provision search trafficking --limit 200 | head -1"],
                          cwd=tmp_path, env=env, capture_output=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.decode().splitlines()) == 1
    assert b"Traceback" not in proc.stderr and b"error" not in proc.stderr


def test_ctrl_c_while_stdout_is_blocked_is_exit_130(tmp_path: Path, env: dict[str, str]) -> None:
    """A reader that stops reading: lexkit blocks writing a 160 kB table into a full pipe, then Ctrl-C."""
    command = ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--no-input",
               "--fact", "victim_age=15", "--fact", "victim_gender=female"]
    proc = subprocess.Popen(lexkit_command() + command, cwd=tmp_path, env={**env, "COLUMNS": "400"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    wchan = Path(f"/proc/{proc.pid}/wchan")
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        if wchan.exists() and "pipe_write" in wchan.read_text():
            break
        time.sleep(0.05)
    assert proc.poll() is None, "lexkit finished without blocking: its output no longer fills a pipe"
    proc.send_signal(signal.SIGINT)
    _, err_bytes = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 130
    err = err_bytes.decode()
    assert err.strip().endswith("lexkit: interrupted"), err
    assert "Traceback" not in err


def _wait_until_loaded(proc: subprocess.Popen[bytes], module: str) -> None:
    """Until the process has loaded a shared library (e.g. _sqlite3: the moment lexkit opens its store)."""
    maps = Path(f"/proc/{proc.pid}/maps")
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if module in maps.read_text():
                return
        except OSError:
            pass
        time.sleep(0.01)


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.4, 0.8])
def test_ctrl_c_leaves_no_partial_file(tmp_path: Path, env: dict[str, str], delay: float) -> None:
    """Interrupted at any moment of its work: exit 130 (or 0 if it finished), the file whole or absent, no temporary file.

    (Python's own start-up, before lexkit's code runs, is Python's: the signal is sent once the
    knowledge base is being read.)
    """
    target = tmp_path / "out.md"
    expected = run_lexkit([*BUILD], cwd=tmp_path, env=env).stdout
    proc = subprocess.Popen(lexkit_command() + [*BUILD, "-o", str(target)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    _wait_until_loaded(proc, "_sqlite3")  # the compiled store is being opened
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err_bytes = proc.communicate(timeout=TIMEOUT)
    err = err_bytes.decode()
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err
    if proc.returncode == 130:
        assert "lexkit: interrupted" in err
    if target.exists():
        assert target.read_text(encoding="utf-8") == expected
    else:
        assert proc.returncode == 130
    assert _leftovers(tmp_path) == []


def _without_privilege() -> list[str]:
    return without_privilege()


def test_an_unreadable_file_is_refused_with_its_name(tmp_path: Path, env: dict[str, str]) -> None:
    work = tmp_path / "work"
    kb = copy_minimal(work / "kb")
    secret = kb / "provisions" / "secret.yaml"
    secret.write_text("act: {}\n", encoding="utf-8")
    os.chmod(secret, 0o000)
    before = snapshot(work)
    ran = run_lexkit(["--kb", str(kb), "provision", "show", "NEWC 20"], cwd=work, env=env, prefix=_without_privilege())
    assert ran.code == 1, ran.stderr
    assert "provisions/secret.yaml:1: $: cannot be read: permission denied" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert snapshot(work) == before


def test_a_read_only_home_still_answers(tmp_path: Path, env: dict[str, str]) -> None:
    work = tmp_path / "work"
    home = work / "home"
    home.mkdir(parents=True)
    os.chmod(home, 0o555)
    env = {**env, "HOME": str(home)}
    for key in ("XDG_CACHE_HOME", "LEXKIT_NO_CACHE"):
        env.pop(key, None)
    before = snapshot(work)
    ran = run_lexkit(["provision", "show", "BNS 143"], cwd=work, env=env, prefix=_without_privilege())
    assert ran.code == 0, ran.stderr
    assert ran.stdout.startswith("BNS-143: ")
    assert "Traceback" not in ran.stderr
    assert snapshot(work) == before


def _interrupt_at_import(argv0: str, then: str = "") -> subprocess.CompletedProcess[bytes]:
    """A process that is lexkit (by its argv[0]) receives Ctrl-C right after ``import lexkit``, before any command code."""
    code = ("import os, signal, sys, time\n"
            f"sys.argv[0] = {argv0!r}\n"
            "import lexkit\n"
            "os.kill(os.getpid(), signal.SIGINT)\n"
            f"{then}\n"
            "time.sleep(0.5)\n"
            "print('still running', file=sys.stderr)\n")
    env = base_env(Path("/nonexistent-cache"))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=TIMEOUT)


def test_ctrl_c_while_lexkit_is_still_loading_is_one_line_and_exit_130() -> None:
    """The console script's first import installs the handler: no traceback even before lexkit.cli.main loads."""
    proc = _interrupt_at_import("/usr/local/bin/lexkit", then="import lexkit.cli.main")
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.decode() == "lexkit: interrupted\n"


def test_a_program_importing_lexkit_keeps_its_own_ctrl_c() -> None:
    """As a library, lexkit changes no signal handler: the program's KeyboardInterrupt is its own."""
    proc = _interrupt_at_import("my-program.py")
    assert proc.returncode != 130
    assert b"KeyboardInterrupt" in proc.stderr
    assert b"lexkit: interrupted" not in proc.stderr
