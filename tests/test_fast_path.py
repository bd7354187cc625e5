"""The fast path (lexkit.cli.fast) prints exactly what the Typer application prints.

Each command line runs twice as a real process, with the fast path and with
LEXKIT_NO_FAST_PATH=1, and stdout, stderr and the exit code must be the same bytes: good
look-ups, every --format, options before and after the argument, '--opt=value', lexkit errors
(not found, ambiguous, a bad date), and the usage errors the fast path leaves to Typer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lexkit.cli.fast import parse

FIXTURE_KB = str(Path(__file__).parent / "fixtures" / "kb" / "minimal")

#: (argv, whether the fast path takes it): the fast path must take the plain forms people type.
CASES: list[tuple[tuple[str, ...], bool]] = [
    # provision show
    (("provision", "show", "BNS 143"), True),
    (("provision", "show", "BNS 143", "--format", "json"), True),
    (("provision", "show", "BNS 143", "--format=md"), True),
    (("provision", "show", "--format", "json", "u/s 370(4) IPC"), True),
    (("provision", "show", "u/s 370 r/w 120B IPC"), True),
    (("provision", "show", "BNS 143(3), 3(5)", "--format", "json"), True),
    (("provision", "show", "u/s 370(4) IPC", "--offence-date", "2024-08-01"), True),
    (("provision", "show", "IPC 370", "--offence-date=30/06/2024", "--format", "json"), True),
    (("provision", "show", "BNS 143", "--offence-date", "31/02/2024"), True),
    (("provision", "show", "BNS 143", "--offence-date", "0001-01-01"), True),
    (("provision", "show", "BNS 143", "--offence-date", ""), True),
    (("provision", "show", "BNS 99999"), True),
    (("provision", "show", "XYZ 1"), True),
    (("provision", "show", "370"), True),
    (("provision", "show", ""), True),
    (("provision", "show", "ITPA 5"), True),
    (("provision", "show", "बीएनएस 143"), True),
    (("--debug", "provision", "show", "BNS 99999"), False),
    (("provision", "show", "BNS 143", "--debug"), False),
    (("provision", "show"), False),
    (("provision", "show", "BNS 143", "IPC 370"), False),
    (("provision", "show", "BNS 143", "--format", "JSON"), False),
    (("provision", "show", "BNS 143", "--format", "xml"), False),
    (("provision", "show", "BNS 143", "--format"), False),
    (("provision", "show", "BNS 143", "--format", "json", "--format", "text"), False),
    (("provision", "show", "BNS 143", "--help"), False),
    (("provision", "show", "--", "BNS 143"), False),
    (("provision", "show", "-5"), False),
    (("provision", "show", "BNS 143", "--nope"), False),
    (("provision", "show", "BNS 143", "--kb", FIXTURE_KB), False),
    (("provision", "--format", "json", "show", "BNS 143"), False),
    # provision map
    (("provision", "map", "IPC 370"), True),
    (("provision", "map", "IPC 370", "--format", "json"), True),
    (("provision", "map", "BNS 143", "--format=json"), True),
    (("provision", "map", "IPC 370A"), True),
    (("provision", "map", "ITPA 5"), True),
    (("provision", "map", "nothing here"), True),
    (("provision", "map", "IPC 370", "--format", "md"), False),
    (("provision", "map"), False),
    # provision search
    (("provision", "search", "search without warrant"), True),
    (("provision", "search", "search without warrant", "--act", "ITPA", "--format", "json"), True),
    (("provision", "search", "trafficking", "--limit", "3"), True),
    (("provision", "search", "--limit=200", "child"), True),
    (("provision", "search", "u/s 370 IPC"), True),
    (("provision", "search", "BNS 143", "--format", "json"), True),
    (("provision", "search", "370"), True),
    (("provision", "search", "मानव व्यापार"), True),
    (("provision", "search", "zzqqxxnothing"), True),
    (("provision", "search", "   "), True),
    (("provision", "search", "child", "--act", "NOSUCHACT"), True),
    (("provision", "search", "child", "--act", ""), True),
    (("provision", "search", "370(4)"), True),
    (("provision", "search", 'a "quoted" OR NOT *'), True),
    (("provision", "search", "child", "--limit", "0"), False),
    (("provision", "search", "child", "--limit", "201"), False),
    (("provision", "search", "child", "--limit", "+5"), False),
    (("provision", "search", "child", "--limit", "٣"), False),
    (("provision", "search", "child", "--limit", "1_0"), False),
    # judgement show / search / list
    (("judgement", "show", "vishal-jeet-1990"), True),
    (("judgement", "show", "Vishal Jeet", "--format", "json"), True),
    (("judgement", "show", "(1996) 2 SCC 384", "--format", "md"), True),
    (("judgement", "show", "no such case at all"), True),
    (("judgement", "show", "State"), True),
    (("judgement", "search", "victim accused"), True),
    (("judgement", "search", "victim accused", "--limit", "2", "--format", "json"), True),
    (("judgement", "search", "rescue", "--format", "md"), True),
    (("judgement", "search", "zzqqxxnothing"), True),
    (("judgement", "list"), True),
    (("judgement", "list", "--format", "json"), True),
    (("judgement", "list", "--provision", "ITPA 15", "--court", "Supreme Court"), True),
    (("judgement", "list", "--court", "SC", "--year", "1990", "--format", "md"), True),
    (("judgement", "list", "--year", "19x0"), True),
    (("judgement", "list", "--provision", "XYZ 1"), True),
    (("judgement", "list", "extra"), False),
    (("judgement", "show"), False),
    # sop show
    (("sop", "show", "itpa-statutory"), True),
    (("sop", "show", "itpa-statutory", "--format", "json"), True),
    (("sop", "show", "mwcd-child-rescue-protocol-2006", "--format", "md"), True),
    (("sop", "show", "itpa-statutry"), True),
    (("sop", "show"), False),
    # overlays given with --kb, and what is not a look-up
    (("--kb", FIXTURE_KB, "provision", "show", "NEWC 20"), True),
    (("--kb=" + FIXTURE_KB, "provision", "map", "NEWC 20", "--format", "json"), True),
    (("--kb", "/nonexistent/lexkit-kb", "provision", "show", "BNS 143"), True),
    (("--kb", "", "provision", "show", "BNS 143"), False),
    (("--kb",), False),
    (("--version",), False),
    (("provision", "list", "--act", "ITPA"), False),
    (("sop", "list"), False),
    (("provision",), False),
    ((), False),
]


def _run(args: tuple[str, ...], fast: bool) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("LEXKIT_NO_FAST_PATH", None)
    if not fast:
        env["LEXKIT_NO_FAST_PATH"] = "1"
    result = subprocess.run([sys.executable, "-m", "lexkit", *args], capture_output=True, env=env, timeout=300)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module", autouse=True)
def warm_store() -> None:
    subprocess.run([sys.executable, "-m", "lexkit", "kb", "build"], check=True, capture_output=True, timeout=300)


@pytest.mark.parametrize(("args", "taken"), CASES, ids=[" ".join(a) or "(none)" for a, _ in CASES])
def test_both_paths_print_the_same_bytes(args: tuple[str, ...], taken: bool) -> None:
    assert (parse(list(args)) is not None) == taken
    assert _run(args, fast=True) == _run(args, fast=False)


def test_the_cases_cover_success_and_failure() -> None:
    """The comparison would prove little if every case failed the same way: some succeed, some do not."""
    codes = {_run(args, fast=True)[0] for args, taken in CASES if taken}
    assert 0 in codes and 1 in codes


def test_off_switch_is_honoured_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from lexkit.cli.fast import fast_path

    monkeypatch.setenv("LEXKIT_NO_FAST_PATH", "1")
    assert fast_path(["provision", "show", "BNS 143"]) is None
