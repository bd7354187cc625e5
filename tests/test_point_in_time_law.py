"""Point in time, the law's own versions: each recorded change, shown on either side of its date.

The structure is tested in test_point_in_time.py with a fixture; here the data in provisions/ is
checked: an offence the day before a change gets the earlier form (title, text, punishments,
classification) and a reason naming the amending Act; the day it took effect gets the present
form; a date before the section existed, or before its Act, says so. The rules on version dates
and sources that the schema cannot state are checked here for every shipped record.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lexkit.kb.yamlload import load_file

ROOT = Path(__file__).resolve().parents[1]


def show(run, citation: str, day: str) -> dict:
    result = run("provision", "show", citation, "--offence-date", day, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def maxima(data: dict) -> list:
    return [p["max_years"] for p in data["punishments"]]


def test_ipc_370_before_2013_is_the_slave_dealing_section(run) -> None:
    old = show(run, "IPC 370", "2013-02-02")
    assert old["title"] == "Buying or disposing of any person as a slave"
    assert "disposes of any person as a slave" in old["text"]
    assert maxima(old) == [7] and old["punishments"][0]["imprisonment"] == "either"
    assert [(c["cognizable"], c["bailable"]) for c in old["classification"]] == [(False, True)]
    assert old["version"]["in_force_to"] == "2013-02-02"
    assert "Criminal Law (Amendment) Act, 2013 (13 of 2013), s.8" in old["applicable"]["reason"]
    assert old["applicable"]["ids"] == ["IPC-370"]
    new = show(run, "IPC 370", "2013-02-03")
    assert new["title"] == "Trafficking of person" and new["version"] is None
    assert new["punishments"][0]["min_years"] == 7 and new["punishments"][0]["max_years"] == 10
    assert all(c["cognizable"] for c in new["classification"])


def test_ipc_370a_did_not_exist_before_2013(run) -> None:
    old = show(run, "IPC 370A", "2013-02-02")
    assert old["applicable"]["ids"] == []
    reason = old["applicable"]["reason"]
    assert "there was no IPC-370A" in reason and "Criminal Law (Amendment) Act, 2013 (13 of 2013)" in reason
    new = show(run, "IPC 370A", "2013-02-03")
    assert new["applicable"]["ids"] == ["IPC-370A"] and maxima(new) == [7, 5]


def test_jj_act_86_classification_before_and_after_1_sept_2022(run) -> None:
    old = show(run, "JJ Act s.86", "2022-08-31")
    assert "triable by a Magistrate of First Class" in old["text"]
    three_to_seven = [c for c in old["classification"] if "3 years and above" in c["applies_to"]]
    assert [(c["cognizable"], c["bailable"], c["triable_by"]) for c in three_to_seven] == [
        (True, False, "Magistrate of the first class")]
    assert "(23 of 2021), s.26" in old["applicable"]["reason"]
    new = show(run, "JJ Act s.86", "2022-09-01")
    assert new["version"] is None
    assert "such offence shall be non-cognizable and non-bailable" in new["text"]
    assert "triable by the Children's Court" in new["text"]


def test_clpra_14_penalties_before_and_after_1_sept_2016(run) -> None:
    old = show(run, "CLPRA 14", "2016-08-31")
    assert maxima(old) == [1, 2, 0.0833]
    assert old["punishments"][0]["min_years"] == 0.25 and old["punishments"][0]["fine_max_inr"] == 20000
    assert "fails to maintain a register" in old["text"]
    assert "Amendment Act, 2016 (35 of 2016), s.18" in old["applicable"]["reason"]
    new = show(run, "CLPRA 14", "2016-09-01")
    assert new["version"] is None and new["punishments"][0]["min_years"] == 0.5
    assert new["punishments"][0]["fine_max_inr"] == 50000


def test_clpra_2_and_3_before_2016(run) -> None:
    two = show(run, "CLPRA 2", "2016-08-31")
    assert "has not completed his fourteenth year of age;" in two["text"] and "adolescent" not in two["text"]
    assert "(35 of 2016), s.4" in two["applicable"]["reason"]
    assert "adolescent" in show(run, "CLPRA 2", "2016-09-01")["text"]
    three = show(run, "CLPRA 3", "2016-08-31")
    assert "Part A of the Schedule" in three["text"] and "(35 of 2016), s.5" in three["applicable"]["reason"]
    assert show(run, "CLPRA 3", "2016-09-01")["version"] is None


@pytest.mark.parametrize("number", ["3A", "14A", "14B", "14C", "14D"])
def test_clpra_sections_inserted_in_2016(run, number: str) -> None:
    old = show(run, f"CLPRA {number}", "2016-08-31")
    assert old["applicable"]["ids"] == []
    assert f"there was no CLPRA-{number}" in old["applicable"]["reason"]
    assert "(35 of 2016)" in old["applicable"]["reason"]
    assert show(run, f"CLPRA {number}", "2016-09-01")["applicable"]["ids"] == [f"CLPRA-{number}"]


def test_crpc_173_1a_before_and_after_2018_and_2009(run) -> None:
    mid = show(run, "CrPC 173", "2018-04-20")
    assert "rape of a child may be completed within three months" in mid["text"]
    assert "Criminal Law (Amendment) Act, 2018 (22 of 2018), s.14" in mid["applicable"]["reason"]
    early = show(run, "CrPC 173", "2009-12-30")
    assert "without sub-section (1A)" in early["text"]
    assert "(5 of 2009), s.16" in early["applicable"]["reason"]
    new = show(run, "CrPC 173", "2018-04-21")
    assert new["version"] is None and "two months" in new["text"]


def test_the_text_output_says_it_is_the_earlier_form(run) -> None:
    out = run("provision", "show", "IPC 370", "--offence-date", "10/01/1999").stdout
    assert "This is the earlier form" in out and "as a slave" in out and "commits the offence of trafficking" not in out


# Every section that carries dated versions, and the version files merged into it (issue 9 point 3):
# the IPC 376 family (2013, 2018) and POCSO ss.4, 5, 6, 14, 42, 42A (2013, 2018, 2019).
MERGED = ["IPC-376", "IPC-376A", "IPC-376AB", "IPC-376DA", "IPC-376DB", "IPC-376E",
          "POCSO-4", "POCSO-5", "POCSO-6", "POCSO-14", "POCSO-42", "POCSO-42A"]


def _records() -> dict[str, tuple[dict, dict]]:
    """Every shipped section, by id, with its Act header (read with lexkit's own YAML loader)."""
    out = {}
    for path in sorted((ROOT / "provisions").glob("*.yaml")):
        doc = load_file(path)
        assert not doc.problems, doc.problems
        if isinstance(doc.data, dict) and "act" in doc.data:
            for section in doc.data.get("sections") or ():
                out[section["id"]] = (doc.data["act"], section)
    return out


RECORDS = _records()
VERSIONED = sorted(sid for sid, (_, s) in RECORDS.items() if s.get("versions"))


def test_the_merged_sections_carry_their_versions() -> None:
    assert set(MERGED) <= set(VERSIONED)
    assert not (ROOT / "tools" / "versions").exists(), "tools/versions/ is merged into provisions/"


@pytest.mark.parametrize("sid", VERSIONED)
def test_each_version_is_shown_on_its_dates(run, sid: str) -> None:
    """For each earlier form: its last day and its first day show it, and say which Act changed it."""
    act, section = RECORDS[sid]
    citation = sid.replace("-", " ", 1)
    for version in section["versions"]:
        days = [version["in_force_to"]] + ([version["in_force_from"]] if version.get("in_force_from") else [])
        for day in days:
            shown = show(run, citation, day)
            reason = shown["applicable"]["reason"]
            assert shown["version"] is not None and shown["version"]["in_force_to"] == version["in_force_to"]
            if "text" in version:
                assert shown["applicable"]["ids"] == [sid]
                assert shown["text"] == version["text"]
                # an earlier form differs in its text, or (JJ Act s.86 in 2022) only in its classification
                assert (version["text"], version.get("classification")) != (section["text"], section.get("classification"))
                if version["text"] == section["text"]:
                    def held(rows: list[dict]) -> list[dict]:  # a null field ("follows the offence abetted") is not shown
                        return [{k: v for k, v in c.items() if v is not None} for c in rows]
                    assert held(shown["classification"]) == held(version["classification"])
                assert version["changed_by"] in reason and "in its present form is in force from" in reason
            else:
                assert shown["applicable"]["ids"] == [] and f"there was no {sid}" in reason
                assert version["changed_by"] in reason
    present = show(run, citation, section["in_force_from"])
    assert present["version"] is None and present["text"] == section["text"]
    assert present["applicable"]["ids"] == [sid]


@pytest.mark.parametrize("sid", VERSIONED)
def test_a_date_before_the_act_says_so(run, sid: str) -> None:
    act, _ = RECORDS[sid]
    day = (dt.date.fromisoformat(act["in_force_from"]) - dt.timedelta(days=1)).isoformat()
    shown = show(run, sid.replace("-", " ", 1), day)
    assert shown["applicable"]["ids"] == []
    assert f"came into force on {act['in_force_from']}" in shown["applicable"]["reason"]


def test_the_376_family_and_pocso_on_either_side_of_each_amendment(run) -> None:
    # IPC 376: the 2013 form (10 years' minimum) before 21 April 2018, 7 years' minimum before 3 Feb 2013
    assert "shall not be less than ten years" not in show(run, "IPC 376", "2013-02-02")["text"]
    mid = show(run, "IPC 376", "2018-04-20")
    assert "seven years" in mid["text"] and "Act, 2018 (22 of 2018)" in mid["applicable"]["reason"]
    # POCSO 4: seven years' minimum before 16 Aug 2019, ten from then
    assert min(p["min_years"] for p in show(run, "POCSO 4", "2019-08-15")["punishments"]) == 7
    assert "[ten years]" in show(run, "POCSO 4", "2019-08-16")["text"]
    # IPC 376A-376D were different offences from 1983 to 2 Feb 2013 (summaries), and did not exist before 1983
    for number in ("376A", "376B", "376C", "376D"):
        old = show(run, f"IPC {number}", "2013-02-02")
        assert old["applicable"]["ids"] == [f"IPC-{number}"] and old["version"]["in_force_from"] == "1983-12-25"
        assert "(13 of 2013), s.9" in old["applicable"]["reason"]
        none = show(run, f"IPC {number}", "1983-12-24")
        assert none["applicable"]["ids"] == [] and "(43 of 1983)" in none["applicable"]["reason"]
    assert "Gang rape" not in show(run, "IPC 376D", "2013-02-02")["title"]
    assert show(run, "IPC 376D", "2013-02-03")["title"] == "Gang rape"
    # IPC 376AB, 376DA, 376DB did not exist before 21 April 2018
    for number in ("376AB", "376DA", "376DB"):
        assert show(run, f"IPC {number}", "2018-04-20")["applicable"]["ids"] == []
        assert show(run, f"IPC {number}", "2018-04-21")["applicable"]["ids"] == [f"IPC-{number}"]


def version_problems(act: dict, section: dict) -> list[str]:
    """The rules kb validate does not check: a primary version has a primary source, a text has its
    text_kind, each version ends the day before the next-newer form begins and begins before it ends."""
    sid, out = section["id"], []
    if "versions" in section and "in_force_from" not in section:
        return [f"{sid}: versions need the section's in_force_from (when the present form began)"]
    for i, version in enumerate(section.get("versions") or ()):
        if version["verification"] == "primary" and not any(s.get("kind") == "primary" for s in version["sources"]):
            out.append(f"{sid}: versions[{i}]: verification primary needs a primary source")
        if "text" in version and "text_kind" not in version:
            out.append(f"{sid}: versions[{i}]: a text needs its text_kind")
    start = dt.date.fromisoformat(section.get("in_force_from") or act["in_force_from"])
    for i, version in enumerate(section.get("versions") or ()):
        end = dt.date.fromisoformat(version["in_force_to"])
        if end + dt.timedelta(days=1) != start:
            out.append(f"{sid}: versions[{i}] ends {end}, but the next-newer form begins {start}")
        start = dt.date.fromisoformat(version.get("in_force_from") or act["in_force_from"])
        if start > end:
            out.append(f"{sid}: versions[{i}] begins after it ends")
    return out


@pytest.mark.parametrize("sid", VERSIONED)
def test_each_shipped_version_chain_is_sound(sid: str) -> None:
    act, section = RECORDS[sid]
    assert version_problems(act, section) == []


def test_the_version_rules_catch_a_bad_chain() -> None:
    act, section = RECORDS["POCSO-4"]
    bad = copy.deepcopy(section)
    bad["versions"][0]["in_force_to"] = "2019-08-14"
    bad["versions"][0]["sources"] = [{"citation": "a test citation", "kind": "secondary"}]
    bad["versions"][0].pop("text_kind")
    found = version_problems(act, bad)
    assert "POCSO-4: versions[0]: verification primary needs a primary source" in found
    assert "POCSO-4: versions[0]: a text needs its text_kind" in found
    assert "POCSO-4: versions[0] ends 2019-08-14, but the next-newer form begins 2019-08-16" in found
    bad["versions"][0]["in_force_from"] = "2019-08-15"
    bad["versions"][0]["in_force_to"] = "2019-08-14"
    assert "POCSO-4: versions[0] begins after it ends" in version_problems(act, bad)


ACTS_DIR = ROOT.parent / "shared" / "reference" / "acts"


@pytest.mark.skipif(not ACTS_DIR.is_dir(), reason="the bare Acts (shared/reference/acts) are not here")
def test_the_importer_keeps_hand_curated_versions_on_its_own_records(tmp_path: Path) -> None:
    """Re-importing regenerates an importer-owned record yet keeps its in_force_from and versions."""
    kb = tmp_path / "kb"
    (kb / "provisions").mkdir(parents=True)
    shipped = (ROOT / "provisions" / "pocso-2012.yaml").read_text(encoding="utf-8")
    marker = "16 August 2019 the minimum rose from 7 to 10 years"
    assert marker in shipped
    # a hand change to a kept key must survive; a hand change to the imported text must not
    edited = shipped.replace(marker, marker + " (edited by the test)", 1)
    edited = edited.replace("[(1)] Whoever commits penetrative sexual assault shall be punished",
                            "TEXT EDITED BY THE TEST", 1)
    assert "TEXT EDITED BY THE TEST" in edited
    (kb / "provisions" / "pocso-2012.yaml").write_text(edited, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "import_acts.py"), "--acts", str(ACTS_DIR),
                           "--kb", str(kb), "--only", "POCSO"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = (kb / "provisions" / "pocso-2012.yaml").read_text(encoding="utf-8")
    assert "TEXT EDITED BY THE TEST" not in out
    assert out == shipped.replace(marker, marker + " (edited by the test)", 1)


def test_hindi_trafficking_query_finds_the_trafficking_section_first(run) -> None:
    result = run("provision", "search", "मानव तस्करी", "--format", "json")
    assert result.code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and hits[0]["id"] in {"BNS-143", "IPC-370"}


@pytest.mark.parametrize("query, expected", [
    ("बंधुआ मजदूरी", "BLSA-"), ("बाल श्रम", "CLPRA-"), ("बाल यौन शोषण", "POCSO-")])
def test_hindi_key_terms_find_their_act(run, query: str, expected: str) -> None:
    hits = json.loads(run("provision", "search", query, "--format", "json").stdout)
    assert hits and hits[0]["id"].startswith(expected)


def test_itpa_2a_from_its_insertion_in_1979_to_its_omission_in_2020(run) -> None:
    """Inserted by Act 46 of 1978 w.e.f. 2-10-1979; omitted by the J&K adaptation Order of 18-3-2020."""
    before = show(run, "ITPA 2A", "1979-10-01")
    assert before["applicable"]["ids"] == [] and "there was no ITPA-2A" in before["applicable"]["reason"]
    assert "Act 46 of 1978, s.3" in before["applicable"]["reason"]
    assert show(run, "ITPA 2A", "1979-10-02")["applicable"]["ids"] == ["ITPA-2A"]
    assert show(run, "ITPA 2A", "2020-03-17")["applicable"]["ids"] == ["ITPA-2A"]
    after = show(run, "ITPA 2A", "2020-03-18")
    assert after["applicable"]["ids"] == [] and "no longer in force" in after["applicable"]["reason"]
    assert after["in_force_to"] == "2020-03-17" and "S.O. 1123(E)" in after["note"]


def test_an_omitted_section_says_so_after_its_last_day(run) -> None:
    shown = show(run, "ITPA 10", "1987-01-26")
    assert shown["applicable"]["ids"] == []
    assert "ITPA-10 was in force until 1987-01-25" in shown["applicable"]["reason"]
    assert show(run, "ITPA 10", "1987-01-25")["applicable"]["ids"] == ["ITPA-10"]


def test_the_foreigners_act_gives_way_to_the_ifa_on_1_sept_2025(run) -> None:
    """The IFA is a new Act, not an amended section: a date before it is answered at Act level."""
    before = show(run, "IFA 21", "2025-08-31")
    assert before["applicable"]["ids"] == []
    assert "IFA came into force on 2025-09-01; on 2025-08-31 it was not yet in force" in before["applicable"]["reason"]
    assert show(run, "IFA 21", "2025-09-01")["applicable"]["ids"] == ["IFA-21"]
    act = RECORDS["IFA-36"][0]
    assert act["in_force_from"] == "2025-09-01"
    for words in ("Section 36(1) repeals", "the Foreigners Act, 1946 (31 of 1946)", "General Clauses Act s.6",
                  "before 1 September 2025 remains an offence under the repealed"):
        assert words in act["note"]
    assert "Foreigners Act, 1946 (31 of 1946)" in show(run, "IFA 36", "2025-09-01")["text"]


def test_kb_unverified_lists_the_unverified_earlier_forms(run) -> None:
    result = run("kb", "unverified")
    assert result.code == 0, result.stderr
    listed = result.stdout
    assert "earlier form of IPC-376 (1983-12-25 to 2013-02-02)" in listed
    assert "earlier form of IPC-376D (1983-12-25 to 2013-02-02)" in listed
    unverified = [f"earlier form of {sid}" for sid in VERSIONED
                  if any(v["verification"] == "unverified" for v in RECORDS[sid][1]["versions"])]
    assert all(label in listed for label in unverified)
    assert "earlier form of POCSO-4 " not in listed  # primary


@pytest.mark.parametrize("citation, day, act", [
    ("IPC 354A", "2013-02-03", "Act 13 of 2013, s.7"), ("IPC 166A", "2013-02-03", "Act 13 of 2013, s.3"),
    ("CrPC 198B", "2013-02-03", "Act 13 of 2013, s.19"), ("ITPA 21A", "1987-01-26", "Act 44 of 1986, s.21"),
    ("IEA 53A", "2013-02-03", "Act 13 of 2013, s.25")])
def test_a_section_the_importer_reads_as_inserted_did_not_exist_before(run, citation: str, day: str, act: str) -> None:
    """India Code's "Ins. by Act X, s. N (w.e.f. D)" footnote on a whole section dates its start."""
    before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    old = show(run, citation, before)
    sid = citation.replace(" ", "-").upper()
    assert old["applicable"]["ids"] == [] and f"there was no {sid}" in old["applicable"]["reason"]
    assert f"Inserted by {act}, with effect from" in old["applicable"]["reason"]
    assert show(run, citation, day)["applicable"]["ids"] == [sid]


def test_hand_curated_dates_win_over_the_importers_reading() -> None:
    """IPC 376AB is read as inserted by the importer too; the merged hand version (naming the Act) is kept."""
    versions = RECORDS["IPC-376AB"][1]["versions"]
    assert [v["changed_by"] for v in versions] == ["Criminal Law (Amendment) Act, 2018 (22 of 2018), s.5"]
    generated = [sid for sid in VERSIONED if any("read by tools/import_acts.py" in (s.get("note") or "")
                                                 for v in RECORDS[sid][1]["versions"] for s in v["sources"])]
    assert "IPC-354A" in generated and "IPC-376AB" not in generated and len(generated) >= 40
