"""Point in time, the law's own versions: each recorded change, shown on either side of its date.

The structure is tested in test_point_in_time.py with a fixture; here the data in provisions/ is
checked: an offence the day before a change gets the earlier form (title, text, punishments,
classification) and a reason naming the amending Act; the day it took effect gets the present
form. The versions still waiting for their sections (tools/versions/) are checked against the
schema.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PENDING = ROOT / "tools" / "versions"


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


def _checker():
    spec = importlib.util.spec_from_file_location("versions_check", PENDING / "check.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


PENDING_FILES = sorted(p.name for p in PENDING.glob("*.yaml"))


def test_pending_versions_are_there() -> None:
    assert {"IPC-376.yaml", "IPC-376A.yaml", "IPC-376E.yaml", "IPC-376AB.yaml", "IPC-376DA.yaml", "IPC-376DB.yaml", "POCSO-4.yaml",
            "POCSO-5.yaml", "POCSO-6.yaml", "POCSO-14.yaml", "POCSO-42.yaml"} <= set(PENDING_FILES)


@pytest.mark.parametrize("name", PENDING_FILES)
def test_each_pending_versions_file_validates(name: str) -> None:
    assert _checker().problems(PENDING / name) == []


def test_the_checker_catches_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "POCSO-4.yaml"
    bad.write_text('id: POCSO-4\nin_force_from: "2019-08-16"\nversions:\n'
                   '  - in_force_to: "2019-08-14"\n    changed_by: x\n    changes: y\n'
                   '    sources: [{citation: a test citation, kind: secondary}]\n    verification: primary\n'
                   '    last_verified_on: "2026-12-02"\n', encoding="utf-8")
    found = _checker().problems(bad)
    assert any("changed_by" in p for p in found)  # too short for the schema
    bad.write_text(bad.read_text().replace("changed_by: x", "changed_by: Some Act, 2019"), encoding="utf-8")
    found = _checker().problems(bad)
    assert any("needs a primary source" in p for p in found)
    assert any("ends 2019-08-14, but the next-newer form begins 2019-08-16" in p for p in found)


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


_HEADS = {
    "IPC": ('act:\n  code: IPC\n  title: Indian Penal Code, 1860\n  number: "45 of 1860"\n  kind: penal_code\n'
            '  aliases: [IPC]\n  in_force_from: "1862-01-01"\n  in_force_to: "2024-06-30"\n'),
    "POCSO": ('act:\n  code: POCSO\n  title: Protection of Children from Sexual Offences Act, 2012\n'
              '  number: "32 of 2012"\n  kind: special_act\n  aliases: [POCSO]\n  in_force_from: "2012-11-14"\n'),
}


@pytest.mark.parametrize("name", PENDING_FILES)
def test_each_pending_file_works_once_merged(run, tmp_path: Path, name: str) -> None:
    """Merged into a stand-in record (through an overlay), each pending file gives the earlier form."""
    import yaml

    data = yaml.safe_load((PENDING / name).read_text(encoding="utf-8"))
    sid, code = data["id"], data["id"].split("-")[0]
    shipped = run("provision", "show", sid.replace("-", " ", 1), "--format", "json")
    if shipped.code == 0:
        pytest.skip(f"{sid} is now in provisions/: merge tools/versions/{name} into it and delete the file")
    record = {"id": sid, "number": sid.split("-", 1)[1], "title": "Present form (stand-in)",
              "text": "Present text (stand-in).", "text_kind": "summary",
              "sources": [{"citation": "test stand-in", "kind": "secondary"}],
              "verification": "secondary", "last_verified_on": "2026-12-02",
              "in_force_from": data["in_force_from"], "versions": data["versions"]}
    folder = tmp_path / "kb"
    (folder / "provisions").mkdir(parents=True)
    head = _HEADS[code] + ('  sources: [{citation: "test stand-in", kind: secondary}]\n'
                           '  verification: secondary\n  last_verified_on: "2026-12-02"\n')
    body = "sections: " + json.dumps([record], ensure_ascii=False) + "\n"  # JSON is YAML, dates stay quoted
    (folder / "provisions" / "pending.yaml").write_text(head + body, encoding="utf-8")
    checked = run("kb", "validate", "--kb", str(folder))
    assert checked.code == 0, checked.stdout + checked.stderr
    for version in data["versions"]:
        result = run("--kb", str(folder), "provision", "show", sid.replace("-", " ", 1),
                     "--offence-date", version["in_force_to"], "--format", "json")
        assert result.code == 0, result.stderr
        shown = json.loads(result.stdout)
        reason = shown["applicable"]["reason"]
        if "text" in version:
            assert shown["text"] == version["text"] and version["changed_by"] in reason
        else:
            assert shown["applicable"]["ids"] == [] and f"there was no {sid}" in reason
    after = json.loads(run("--kb", str(folder), "provision", "show", sid.replace("-", " ", 1),
                           "--offence-date", data["in_force_from"], "--format", "json").stdout)
    assert after["text"] == "Present text (stand-in)." and after["version"] is None
