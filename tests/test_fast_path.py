"""The fast path (lexkit.cli.fast) prints exactly what the Typer application prints.

Each command line runs twice as a real process, with the fast path and with
LEXKIT_NO_FAST_PATH=1, and stdout, stderr and the exit code must be the same bytes: good
look-ups and checklists, every --format, options before and after the argument, '--opt=value',
lexkit errors (not found, ambiguous, a bad date, a bad --fact or --event), and the usage errors
the fast path leaves to Typer. A checklist's -o files must be the same bytes too.
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


def _run(args: tuple[str, ...], fast: bool, columns: str = "120", cwd: Path | None = None) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": columns}
    env.pop("LEXKIT_NO_FAST_PATH", None)
    if not fast:
        env["LEXKIT_NO_FAST_PATH"] = "1"
    result = subprocess.run([sys.executable, "-m", "lexkit", *args], capture_output=True, env=env, timeout=300,
                            cwd=cwd, stdin=subprocess.DEVNULL)
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


BUILD = ("checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--now", "28/11/2026 08:00")
FACTS = ("--fact", "victim_age=15", "--fact", "victim_gender=female")
CASE = (*BUILD, *FACTS, "--no-input")

#: (argv, whether the fast path takes it, COLUMNS). --now everywhere: the clock would differ between the runs.
CHECKLIST_CASES: list[tuple[tuple[str, ...], bool, str]] = [
    # every format, and the table at both widths (cards below 120 columns)
    (CASE, True, "120"),
    (CASE, True, "80"),
    ((*CASE, "--format", "table"), True, "200"),
    ((*CASE, "--format", "json"), True, "120"),
    ((*CASE, "--format=md"), True, "120"),
    ((*CASE, "--format", "ics"), True, "120"),
    (("checklist", "build", "--no-input", *FACTS, "csec-rescue", "--at", "27/11/2026 22:00", "--now=28/11/2026 08:00"),
     True, "120"),
    ((*BUILD, *FACTS), True, "120"),  # no --no-input, and no terminal to ask at: nothing is asked
    # -o FILE: the suffix picks the format; never over a file without --force
    ((*CASE, "-o", "out.md"), True, "120"),
    ((*CASE, "--output", "out.json"), True, "120"),
    ((*CASE, "--output=out.ics", "--format", "ics"), True, "120"),
    ((*CASE, "-o", "out.txt"), True, "80"),
    ((*CASE, "-o", "exists.md"), True, "120"),
    ((*CASE, "-o", "exists.md", "--force"), True, "120"),
    ((*CASE, "-o", "out.md", "--format", "json"), True, "120"),
    ((*CASE, "-o", "missing-folder/out.md"), True, "120"),
    # events: offsets, an alias, a day without a time
    ((*CASE, "--event", "information_recorded=+2h", "--event", "medical_examination=28/11/2026 09:30"), True, "120"),
    ((*CASE, "--event", "fir=2026-11-26", "--format", "json"), True, "120"),
    ((*CASE, "--event=fir=+1d2h"), True, "120"),
    ((*CASE, "--offence-date", "2024-06-01", "--format", "md"), True, "120"),
    ((*CASE, "--event", "fir=20/06/2024 10:00"), True, "80"),
    # Hindi
    ((*CASE, "--lang", "hi"), True, "120"),
    ((*CASE, "--lang", "hi", "--format", "json"), True, "120"),
    ((*CASE, "--lang=hi", "--format", "md"), True, "120"),
    # bad input of each kind: template, --fact, dates, --event, a missing fact
    (("checklist", "build", "csec-rescu", "--at", "27/11/2026 22:00", *FACTS, "--no-input"), True, "120"),
    (("checklist", "build", "no-such-template", "--at", "27/11/2026 22:00", "--no-input"), True, "120"),
    ((*BUILD, "--fact", "victim_age=abc", "--fact", "victim_gender=female", "--no-input"), True, "120"),
    ((*BUILD, "--fact", "victim_age", "--no-input"), True, "120"),
    ((*BUILD, *FACTS, "--fact", "no_such_fact=1", "--no-input"), True, "120"),
    ((*BUILD, "--fact", "victim_age=15", "--fact", "victim_gender=x", "--no-input"), True, "120"),
    ((*BUILD, *FACTS, "--fact", "victim_age=16", "--no-input"), True, "120"),
    ((*BUILD, "--fact", "victim_age=15", "--no-input"), True, "120"),
    ((*BUILD, "--fact", "", "--no-input"), True, "120"),
    (("checklist", "build", "csec-rescue", "--at", "31/02/2026 10:00", *FACTS, "--no-input"), True, "120"),
    (("checklist", "build", "csec-rescue", "--at", "yesterday", *FACTS, "--no-input"), True, "120"),
    (("checklist", "build", "csec-rescue", "--at", "", *FACTS, "--no-input"), True, "120"),
    ((*CASE[:5], "--now", "soon", *FACTS, "--no-input"), True, "120"),
    ((*CASE, "--offence-date", "2024-13-01"), True, "120"),
    ((*CASE, "--event", "arrest"), True, "120"),
    ((*CASE, "--event", "arrest=soon"), True, "120"),
    ((*CASE, "--event", "no_such_event=+2h"), True, "120"),
    ((*CASE, "--event", "arrest=+2x"), True, "120"),
    ((*CASE, "--event", "fir=+1h", "--event", "information_recorded=+2h"), True, "120"),
    ((*CASE, "--event", "arrest=31/11/2026 10:00"), True, "120"),
    (("--kb", FIXTURE_KB, *CASE), True, "120"),
    # what the fast path leaves to Typer
    ((*CASE, "--help"), False, "120"),
    (("checklist", "build", "csec-rescue", *FACTS, "--no-input"), False, "120"),
    ((*CASE, "--format", "JSON"), False, "120"),
    ((*CASE, "--format", "xml"), False, "120"),
    ((*CASE, "--lang", "fr"), False, "120"),
    ((*CASE, "--state", "MH"), False, "120"),
    ((*CASE, "--due-within", "24h"), False, "120"),
    ((*CASE, "--no-pager"), False, "120"),
    ((*CASE, "-o=out.md"), False, "120"),
    ((*CASE, "-oout.md"), False, "120"),
    ((*CASE, "-o", ""), False, "120"),
    ((*CASE, "--force=yes"), False, "120"),
    ((*CASE, "--no-input"), False, "120"),
    ((*CASE, "--at", "28/11/2026 22:00"), False, "120"),
    ((*CASE, "-o", "a.md", "--output", "b.md"), False, "120"),
    ((*CASE, "csec-rescue"), False, "120"),
    ((*CASE, "--event", "-2h"), False, "120"),
    ((*CASE, "--debug"), False, "120"),
    (("checklist", "build"), False, "120"),
    (("checklist", "list"), False, "120"),
]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("args", "taken", "columns"), CHECKLIST_CASES,
                         ids=[f"{' '.join(a[2:])} ({c} columns)" for a, _, c in CHECKLIST_CASES])
def test_a_checklist_prints_and_writes_the_same_bytes_both_ways(args: tuple[str, ...], taken: bool, columns: str,
                                                                 tmp_path: Path) -> None:
    assert (parse(list(args)) is not None) == taken
    results = []
    for fast in (True, False):
        folder = tmp_path / ("fast" if fast else "typer")
        folder.mkdir()
        (folder / "exists.md").write_bytes(b"an earlier checklist\n")
        results.append((_run(args, fast, columns, cwd=folder), _files(folder)))
    assert results[0] == results[1]


def test_the_fast_path_itself_builds_writes_and_refuses(tmp_path: Path) -> None:
    """The comparison would prove little if both paths failed alike: on the fast path a checklist is
    built (0), written to -o FILE, and bad input ends as a lexkit error (1) or a usage error (2)."""
    code, out, err = _run(CASE, fast=True)
    assert code == 0 and b"RESCUE OF VICTIMS" in out.upper() and b"date not known" in err
    code, out, err = _run((*CASE, "-o", "out.md"), fast=True, cwd=tmp_path)
    assert code == 0 and out == b"" and (tmp_path / "out.md").read_bytes().startswith(b"# ")
    assert _run(("checklist", "build", "csec-rescu", "--at", "27/11/2026 22:00", "--no-input"), fast=True)[0] == 1
    assert _run((*BUILD, "--fact", "victim_age=abc", "--no-input"), fast=True)[0] == 2


def test_a_checklist_that_may_ask_at_a_terminal_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer's prompt asks a person at a terminal for a missing fact: without --no-input the fast path steps aside."""
    from lexkit.cli.fast import fast_path

    monkeypatch.delenv("LEXKIT_NO_FAST_PATH", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert parse([*BUILD, *FACTS]) is not None
    assert fast_path([*BUILD, *FACTS]) is None
