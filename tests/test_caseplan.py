"""The case plan (issue 10): each duty once, in time order, dated from the rescue, in the code that governs.

Scenarios a user depends on, asserted on real output; expected dates are worked out by hand.
Golden files pin the Markdown and the 80-column text of one scenario:

    LEXKIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_caseplan.py   # then review the diff
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from lexkit.law.deadlines import parse_datetime
from lexkit.law.wording import rupees, rupees_in_words, when_text
from lexkit.procedure.checklists import FactSpec, event_time
from lexkit.procedure.wording import PHASES

GOLDEN = Path(__file__).parent / "golden" / "checklists"
UPDATE = os.environ.get("LEXKIT_UPDATE_GOLDEN") == "1"
REPO = Path(__file__).resolve().parents[1]

# The README's Quick start case, seen on the morning after the rescue.
GIRL_15 = ("csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female",
           "--no-input", "--now", "28/11/2026 08:00")


def build(run, *args: str) -> dict:
    result = run("checklist", "build", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden {path}: run LEXKIT_UPDATE_GOLDEN=1 pytest tests/test_caseplan.py"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, rerun with LEXKIT_UPDATE_GOLDEN=1")


def test_girl_of_15_each_duty_once_in_time_order_dated_from_the_rescue(run) -> None:
    c = build(run, *GIRL_15)
    steps = c["steps"]
    # Each duty once, and each SOP step in one item only.
    duties = [s["duty"] for s in steps if s["duty"]]
    assert len(duties) == len(set(duties)) and len(duties) >= 8
    sop_steps = [ref for s in steps for ref in s["sop_steps"]]
    assert len(sop_steps) == len(set(sop_steps))
    # The duplicates users tripped on are one item each, with every basis, statute first.
    women = next(s for s in steps if s["duty"] == "women-officers-in-search-party")
    assert set(women["sop_steps"]) == {"itpa-statutory/two-women-police-officers",
                                       "unodc-csec-investigation-2007/two-women-officials",
                                       "mwcd-child-rescue-protocol-2006/women-police-for-rescue"}
    assert women["bases"][0] == {"kind": "statute", "ref": "ITPA-15(6A)", "label": "ITPA-15(6A)", "modality": "shall",
                                 "verification": "primary"}
    assert [b["kind"] for b in women["bases"]] == ["statute", "sop", "sop"] and women["modality"] == "shall"
    fir = [s for s in steps if any("FIR" in x for x in (s["title"],)) and s["duty"] == "record-fir"]
    assert len(fir) == 1 and len(fir[0]["sop_steps"]) == 3
    assert not any(s["title"].startswith("Step ") for s in steps)  # no SOP numbering in a checklist
    # Time order: phase, then due time (dated before undated within a phase).
    keys = [(PHASES.index(s["phase"]), s["deadline"] is None, s["deadline"] and parse_datetime(
        s["deadline"]["due"] if "T" in s["deadline"]["due"] else s["deadline"]["due"] + "T23:59:59")) for s in steps]
    for a, b in zip(keys, keys[1:], strict=False):
        assert a[:2] <= b[:2], (a, b)
        if a[:2] == b[:2] and a[2] and b[2]:
            assert a[2] <= b[2]
    # At least 8 deadlines dated from the rescue time alone, each assumption listed.
    dated = {s["rule"]["id"]: s["deadline"]["due"] for s in steps if s["deadline"]}
    assert len(dated) >= 8
    assert dated["JJA-31.production"] == "2026-11-28T22:00:00+05:30"  # Fri 22:00 + 24 h
    assert dated["BNSS-58.production"] == "2026-11-28T22:00:00+05:30"  # arrest taken as the rescue
    assert dated["BNSS-184.send-for-examination"] == "2026-11-28T22:00:00+05:30"
    assert dated["BNSS-193.investigation"] == "2027-01-27"  # two calendar months from 27 Nov (GCA s.3(35))
    assert dated["BNSS-193.victim-update"] == "2027-02-25"  # 90 days, 27 Nov excluded (GCA s.9)
    assumed = {a["event"] for a in c["assumptions"]}
    assert {"arrest", "information_recorded", "information_received", "remand_start", "report_received"} == assumed
    assert all("give --event" in a["text"] for a in c["assumptions"])
    # Grouped relative to now (28 Nov 08:00): the 24-hour limits fall due in the next 24 hours.
    assert {s["group"] for s in steps if s["deadline"] and s["rule"]["period"]["unit"] == "hours"} == {"next_24h"}
    assert c["counts"]["overdue"] == 0 and c["counts"]["dated"] == len(dated)
    assert c["governing"]["procedure"] == "BNSS" and "531(2)(a)" in c["governing"]["reason"]


def test_80_column_text_never_breaks_a_citation(run, monkeypatch: pytest.MonkeyPatch) -> None:
    data = build(run, *GIRL_15, "--fact", "foreign_national=true")
    monkeypatch.setenv("COLUMNS", "80")
    text = run("checklist", "build", *GIRL_15, "--fact", "foreign_national=true").stdout
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    import re

    from lexkit.render.checklist import CITATION_PATTERNS

    citations = {ref for s in data["steps"] for ref in s["legal_basis"]}
    citations |= {s["rule"]["id"] for s in data["steps"] if s["rule"]}
    citations |= {ref for s in data["steps"] for b in s["bases"] if b["kind"] == "statute" for ref in b["label"].split(", ")}
    prose = " ".join(s["action"] + " " + " ".join(b["label"] for b in s["bases"]) for s in data["steps"])
    reports = {m for pattern in CITATION_PATTERNS for m in re.findall(pattern, prose)}
    assert "ITPA s.7" in reports  # "do not book her under ITPA s.7 or s.8": kept on one line
    citations |= reports
    assert len(citations) > 40
    for citation in citations:
        assert any(citation in line for line in lines), f"{citation!r} is broken across lines"
    old = run("checklist", "build", "cross-border-repatriation", "--at", "01/02/2023 22:00", "--fact", "victim_age=19",
              "--fact", "victim_gender=female", "--no-input").stdout.splitlines()
    assert max(len(line) for line in old) <= 80
    for citation in ("(2003) 4 SCC 601", "AIR 2003 SC 2053", "CrPC s.273", "CRPC-273"):
        assert any(citation in line for line in old), citation
    # Title, who, due and basis each start a line of their own.
    assert any(line.startswith("    Who:   ") for line in lines) and any(line.startswith("    Basis: ") for line in lines)
    # The date-not-known note is on stderr once, not in the product.
    for fmt in ("table", "md"):
        result = run("checklist", "build", *GIRL_15, "--format", fmt)
        assert result.stderr.count("date not known") == 1 and "deadline(s) have no date" not in result.stdout


def test_wide_terminal_gets_a_compact_table(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    text = run("checklist", "build", *GIRL_15).stdout
    assert "Due in the next 24 hours" in text and "┃" in text or "│" in text
    assert max(len(line) for line in text.splitlines()) <= 140
    data = build(run, *GIRL_15)
    for rule in {s["rule"]["id"] for s in data["steps"] if s["rule"]}:
        assert rule in text, f"{rule} is folded in the table"


def test_golden_markdown_and_80_column_text(run, monkeypatch: pytest.MonkeyPatch) -> None:
    _golden("girl-15.md", run("checklist", "build", *GIRL_15, "--format", "md").stdout)
    monkeypatch.setenv("COLUMNS", "80")
    _golden("girl-15-80.txt", run("checklist", "build", *GIRL_15).stdout)


def test_a_2023_case_is_in_crpc_terms(run) -> None:
    # Rescue and FIR on Fri 10 Mar 2023: the CrPC governs (BNSS s.531(2)(a)); s.173(1A) gives two
    # months from the FIR: 10 May 2023. The FIR duty reads in CrPC words.
    c = build(run, "csec-rescue", "--at", "10/03/2023 21:00", "--fact", "victim_age=15", "--fact", "victim_gender=female",
              "--no-input", "--now", "11/03/2023 09:00")
    assert c["governing"]["procedure"] == "CRPC" and c["governing"]["penal"] == "IPC"
    assert "before 1 July 2024" in c["governing"]["reason"]
    [investigation] = [s for s in c["steps"] if s["rule"] and s["rule"]["id"] == "CRPC-173.investigation"]
    assert investigation["deadline"]["due"] == "2023-05-10"
    fir = next(s for s in c["steps"] if s["duty"] == "record-fir")
    assert "CrPC s.154" in fir["title"] and "CRPC-154" in fir["legal_basis"]
    assert not any(r.startswith("BNSS-17") or r.startswith("BNSS-18") for s in c["steps"] for r in s["legal_basis"])
    report = next(s for s in c["steps"] if s["duty"] == "medical-report-to-io")
    assert "without delay (CrPC s.164A)" in report["title"] and report["deadline"] is None
    update = next(s for s in c["steps"] if s["duty"] == "victim-progress-update")
    assert "no 90-day update under the CrPC" in update["title"] and update["deadline_status"] == "not_in_force"
    production = next(s for s in c["steps"] if s["rule"] and s["rule"]["id"] == "CRPC-57.production")
    assert production["deadline"]["due"] == "2023-03-11T21:00:00+05:30"
    md = run("checklist", "build", "csec-rescue", "--at", "10/03/2023 21:00", "--fact", "victim_age=15", "--fact",
             "victim_gender=female", "--no-input", "--format", "md").stdout
    assert "Procedure: the CrPC" in md.split("## ", 1)[0]


def test_the_fir_event_decides_the_code(run) -> None:
    later = build(run, "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=30", "--fact", "victim_gender=female",
                  "--no-input", "--event", "fir=01/05/2024 10:00")
    assert later["governing"]["procedure"] == "CRPC"
    assert "FIR" in later["governing"]["reason"] and later["events"]["information_recorded"] == "2024-05-01T10:00:00+05:30"


def test_march_2016_bonded_labour_rescue_says_why_there_is_no_entitlement(run) -> None:
    c = build(run, "bonded-labour-release", "--at", "15/03/2016 10:00", "--fact", "victim_age=30", "--fact",
              "victim_gender=male", "--no-input")
    assert c["entitlements"] == []
    assert "17 May 2016" in c["entitlement_note"] and "Tue 15 Mar 2016" in c["entitlement_note"]
    assert c["governing"]["procedure"] == "CRPC"
    md = run("checklist", "build", "bonded-labour-release", "--at", "15/03/2016 10:00", "--fact", "victim_age=30",
             "--fact", "victim_gender=male", "--no-input", "--format", "md").stdout
    assert "No entitlement is held" in md
    # Every date a scheme covers gives its rows, in Indian notation.
    for day, amount in (("2016-06-01", "Rs 1,00,000"), ("2019-06-01", "Rs 1,00,000"), ("2023-06-01", "Rs 1,00,000")):
        c = build(run, "bonded-labour-release", "--at", day + "T10:00", "--fact", "victim_age=30", "--fact",
                  "victim_gender=male", "--no-input")
        assert amount in {e["amount_text"] for e in c["entitlements"]}, day


def test_cross_border_defaults_to_a_foreign_national_with_testimony_by_video_link(run) -> None:
    c = build(run, "cross-border-repatriation", "--at", "27/11/2026 22:00", "--fact", "victim_age=19", "--fact",
              "victim_gender=female", "--no-input")
    assert c["facts"]["foreign_national"] is True
    refs = {ref for s in c["steps"] for ref in s["sop_steps"]}
    assert "mha-foreign-nationals-2012/inform-mission" in refs
    vc = next(s for s in c["steps"] if s["duty"] == "testimony-by-video-link-from-home-country")
    assert {"BNSS-530", "BNSS-308"} <= set(vc["legal_basis"])
    assert any("(2003) 4 SCC 601" in b["label"] for b in vc["bases"])
    shown = json.loads(run("checklist", "show", "cross-border-repatriation", "--format", "json").stdout)
    assert shown["facts"]["foreign_national"]["default"] is True
    assert shown["events"]["arrest"]["with_primary"] is True and shown["events"]["information_recorded"]["aliases"] == ["fir"]
    # The same duty in the victim-witness template, for a foreign national.
    w = build(run, "victim-witness-trial", "--at", "01/12/2026 11:00", "--fact", "victim_age=19", "--fact",
              "victim_gender=female", "--fact", "foreign_national=true", "--no-input")
    assert any(s["duty"] == "testimony-by-video-link-from-home-country" for s in w["steps"])
    # Under the CrPC the same duty rests on Praful B Desai and s.273, and says so.
    old = build(run, "cross-border-repatriation", "--at", "01/02/2023 22:00", "--fact", "victim_age=19", "--fact",
                "victim_gender=female", "--no-input")
    vc_old = next(s for s in old["steps"] if s["duty"] == "testimony-by-video-link-from-home-country")
    assert "Praful B Desai" in vc_old["action"] and "CRPC-273" in vc_old["legal_basis"]


def test_checklist_list_and_show_list_every_fact_and_event(run) -> None:
    text = run("checklist", "show", "csec-rescue").stdout
    assert "--fact foreign_national=...  (boolean; default false)" in text
    assert "--fact victim_gender=...  (string; required; one of female, male, transgender)" in text
    assert "arrest: Arrest of an accused [taken as the rescue time unless given" in text
    listing = run("checklist", "list").stdout
    assert listing.count("Facts:") == 5 and "information_recorded (also --event fir=...)" in listing


def test_due_within_offsets_and_output_suffix(run, tmp_path: Path) -> None:
    soon = build(run, *GIRL_15, "--due-within", "24h")
    assert soon["filtered"] and soon["steps"]
    assert all(s["deadline"] and s["group"] in ("overdue", "next_24h") for s in soon["steps"])
    later = build(run, *GIRL_15, "--event", "arrest=+2h")
    [production] = [s for s in later["steps"] if s["rule"] and s["rule"]["id"] == "BNSS-58.production"]
    assert production["deadline"]["due"] == "2026-11-29T00:00:00+05:30"
    assert "arrest" not in {a["event"] for a in later["assumptions"]}
    ics = tmp_path / "rescue.ics"
    assert run("checklist", "build", *GIRL_15, "-o", str(ics)).code == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    bad = run("checklist", "build", *GIRL_15, "--format", "json", "-o", str(tmp_path / "rescue.md"))
    assert bad.code == 2 and "suffix .md" in bad.stderr and "Traceback" not in bad.stderr
    offset = run("checklist", "build", *GIRL_15, "--event", "arrest=+2x")
    assert offset.code == 2 and "+2h" in offset.stderr


def test_short_answers_and_indian_conventions() -> None:
    gender = FactSpec("victim_gender", "string", "Gender", True, ("female", "male", "transgender"))
    assert [gender.parse(x) for x in ("F", "m", "T", "female")] == ["female", "male", "transgender", "female"]
    assert FactSpec("foreign_national", "boolean", "Foreign?").parse("y") is True
    assert rupees(100000) == "Rs 1,00,000" and rupees(12500000) == "Rs 1,25,00,000" and rupees(30000) == "Rs 30,000"
    assert rupees_in_words(100000) == "Rs 1 lakh" and rupees_in_words(125000) == "Rs 1.25 lakh"
    assert when_text(parse_datetime("28/11/2026 22:00")) == "Sat 28 Nov 2026 22:00 IST"
    primary = parse_datetime("27/11/2026 22:00")
    assert event_time("+1h30m", primary) == parse_datetime("27/11/2026 23:30")
    assert event_time("-1d", primary) == parse_datetime("26/11/2026 22:00")


def test_kb_validate_checks_duties(run, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    for folder in ("provisions", "sops", "duties", "checklists", "judgements"):
        shutil.copytree(REPO / folder, kb / folder)
    step = kb / "sops" / "nhrc-sop-2017.yaml"
    step.write_text(step.read_text(encoding="utf-8").replace("duty: record-fir", "duty: record-the-fir", 1), encoding="utf-8")
    result = run("kb", "validate", "--kb", str(kb))
    assert result.code == 1
    assert "unknown duty record-the-fir" in result.stdout + result.stderr


def test_what_else_users_tripped_on(run) -> None:
    # deadline prints the weekday
    due = run("deadline", "--rule", "JJA-31.production", "--from", "27/11/2026 22:00").stdout
    assert due.splitlines()[0] == "Due: 2026-11-28T22:00:00+05:30, Sat 28 Nov 2026 22:00 IST"
    # judgement list --court takes SC and HC
    sc = run("judgement", "list", "--court", "SC", "--format", "json")
    hc = run("judgement", "list", "--court", "HC", "--format", "json")
    assert sc.code == 0 and hc.code == 0
    assert {j["court_level"] for j in json.loads(sc.stdout)} == {"supreme_court"}
    assert {j["court_level"] for j in json.loads(hc.stdout)} == {"high_court"}
    # the verification mark of every classification row, in text and Markdown
    for fmt in ("text", "md"):
        out = run("provision", "show", "IPC 370", "--format", fmt).stdout
        rows = [line for line in out.splitlines() if "triable by" in line]
        marks = ("; primary]", "; secondary]", "; unverified]")
        if fmt == "md":  # Markdown escapes the brackets of knowledge-base text
            marks = tuple(m.replace("]", "\\]") for m in marks)
        assert rows and all(line.rstrip().endswith(marks) for line in rows)


def test_sop_show_still_shows_each_sop_as_written(run) -> None:
    text = run("sop", "show", "unodc-csec-investigation-2007").stdout
    assert "Put two women officials in the rescue team" in text  # its own step, not the merged duty
    nhrc = run("sop", "show", "nhrc-sop-2017").stdout
    assert "Step 3: file where convenient" in nhrc


def test_interactive_asks_required_and_step_dropping_facts_listing_choices_once(
        run, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import typer

    from lexkit.cli import checklist_build

    asked: list[str] = []
    answers = iter(["15", "F", "y", "n", "n", "n", "n", "n"])

    def prompt(text: str, **_: object) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(typer, "prompt", prompt)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    result = run("checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--format", "json",
                 "--now", "28/11/2026 08:00")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["facts"]["victim_age"] == 15 and data["facts"]["victim_gender"] == "female"
    assert asked[1] == "Victim's gender (female, male or transgender)"  # its choices once, and F was taken
    # Optional facts whose default would drop steps are asked too, each with y/n once.
    assert asked[2] == "Is the victim a foreign national? [y/n]" and data["facts"]["foreign_national"] is True
    assert any(s["sop_steps"][0].startswith("mha-foreign-nationals-2012/") for s in data["steps"])
    assert checklist_build.should_page("x\n" * 500, no_pager=True) is False


def test_pager_only_for_a_long_terminal_output(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from lexkit.cli.checklist_build import should_page

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("PAGER", raising=False)
    assert should_page("x\n" * 100, no_pager=False) is True
    assert should_page("x\n" * 10, no_pager=False) is False
    assert should_page("x\n" * 100, no_pager=True) is False


def test_a_long_checklist_in_a_terminal_goes_through_the_pager() -> None:
    """In a real terminal (a pseudo-terminal) with PAGER=cat: the pager shows the whole checklist, exit 0."""
    import pty
    import sys

    pid, fd = pty.fork()
    if pid == 0:  # the child: lexkit on the terminal, as a person runs it
        env = {**os.environ, "PAGER": "cat", "COLUMNS": "80", "LINES": "24", "NO_COLOR": "1"}
        env.pop("LEXKIT_NO_FAST_PATH", None)
        os.execve(sys.executable, [sys.executable, "-m", "lexkit", "checklist", "build", "csec-rescue", "--at",
                                   "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female",
                                   "--no-input", "--now", "28/11/2026 08:00"], env)
    shown = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal closes when the child ends
            break
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    text = shown.decode("utf-8").replace("\r\n", "\n")
    assert os.waitstatus_to_exitcode(status) == 0, text[-2000:]
    assert "internal error" not in text
    assert text.count("\n") > 24 and "[1] " in text and "== Entitlements ==" in text


def test_readme_quick_start_dates_every_deadline_the_facts_allow(run) -> None:
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = readme.split("## Quick start", 1)[1].split("```", 2)[1].splitlines()[1]
    args = shlex.split(first.split(".venv/bin/lexkit ", 1)[1])
    assert args[:2] == ["checklist", "build"]
    c = build(run, *args[2:])
    undated = {s["rule"]["trigger"] for s in c["steps"] if s["rule"] and s["deadline"] is None}
    # Only the events no rescue can tell: the medical examination, the CWC's age-test and escort orders.
    assert undated == {"medical_examination", "age_test_order", "escort_order"}
    assert c["counts"]["dated"] >= 8 and c["assumptions"]
