"""Structured punishments for every offence (issue 9, point 1): read from the First Schedules of the BNSS
and the CrPC by tools/import_acts.py, held to the section text, worded by lexkit.law.wording.

The table below was written from the Schedules and section texts in shared/reference/acts/ (BNSS First
Schedule, CrPC First Schedule resolved view, bns-2023.md, ipc-1860.md), not from lexkit's output."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lexkit.kb.knowledge import KnowledgeBase, default_root
from lexkit.kb.models import Punishment
from lexkit.kb.store import load
from lexkit.law.wording import punishment_text

ROOT = Path(__file__).resolve().parent.parent


def _importer() -> Any:
    spec = importlib.util.spec_from_file_location("import_acts", ROOT / "tools" / "import_acts.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["import_acts"] = mod
    spec.loader.exec_module(mod)
    return mod


IA = _importer()
ACTS = IA.find_acts_dir(ROOT)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(default_root())


def _entries(kb: KnowledgeBase, sid: str, label: str) -> list[Punishment]:
    got = [p for p in kb.sections[sid].punishments if p.applies_to.en.startswith(label)]
    assert got, f"{sid}: no punishment labelled {label!r}: {[p.applies_to.en for p in kb.sections[sid].punishments]}"
    return got


# (section, label the entry starts with, index among the entries so labelled, expected fields)
TABLE: list[tuple[str, str, int, dict[str, Any]]] = [
    # IPC 370: trafficking, each sub-section its own term (hand-curated record)
    ("IPC-370", "370(2)", 0, {"min_years": 7, "max_years": 10, "life": False, "fine": "required"}),
    ("IPC-370", "370(3)", 0, {"min_years": 10, "life": True, "fine": "required"}),
    ("IPC-370", "370(4)", 0, {"min_years": 10, "life": True, "fine": "required"}),
    ("IPC-370", "370(5)", 0, {"min_years": 14, "life": True, "fine": "required"}),
    ("IPC-370", "370(6)", 0, {"life": True, "life_meaning": "remainder_of_natural_life", "fine": "required"}),
    ("IPC-370", "370(7)", 0, {"life": True, "life_meaning": "remainder_of_natural_life", "fine": "required"}),
    ("IPC-376", "376: Rape", 0, {"min_years": 10, "life": True, "imprisonment": "rigorous", "fine": "required"}),
    ("IPC-376A", "376A", 0, {"min_years": 20, "life": True, "life_meaning": "remainder_of_natural_life",
                             "death": True, "imprisonment": "rigorous"}),
    ("IPC-376AB", "376AB", 0, {"min_years": 20, "life": True, "life_meaning": "remainder_of_natural_life",
                               "death": True, "fine": "required", "fine_to_victim": True}),
    ("IPC-376D", "376D", 0, {"min_years": 20, "life": True, "life_meaning": "remainder_of_natural_life",
                             "fine": "required", "fine_to_victim": True}),
    ("IPC-302", "302", 0, {"death": True, "life": True, "fine": "required"}),
    ("IPC-303", "303", 0, {"death": True, "life": False, "imprisonment": "none", "fine": "none"}),
    ("IPC-307", "307: Attempt to murder", 0, {"max_years": 10, "life": False, "fine": "required"}),
    ("IPC-120B", "120B: Criminal conspiracy to commit an offence punishable with death", 0,
     {"relation": "same_as", "relative_to": "abetment of the offence which is the object of the conspiracy",
      "fine": "relative"}),
    ("IPC-120B", "120B: Any other", 0, {"max_years": 0.5, "term_unit": "months", "max_term": 6, "fine": "or_both"}),
    ("IPC-109", "109", 0, {"relation": "same_as", "relative_to": "offence abetted"}),
    ("IPC-116", "116: Abetment of any offence", 0, {"relation": "fraction_of_longest_term", "fraction": 0.25,
                                                    "fine": "or_both"}),
    ("IPC-116", "116: If the abettor", 0, {"relation": "fraction_of_longest_term", "fraction": 0.5}),
    ("IPC-511", "511", 0, {"relation": "fraction_of_life", "fraction": 0.5, "fine": "or_both"}),
    ("IPC-511", "511", 1, {"relation": "fraction_of_longest_term", "fraction": 0.5, "fine": "or_both"}),
    ("IPC-354D", "354D", 0, {"max_years": 3, "fine": "required", "conviction": "first"}),
    ("IPC-354D", "354D", 1, {"max_years": 5, "fine": "required", "conviction": "subsequent"}),
    ("IPC-355", "355", 0, {"max_years": 2, "fine": "or_both", "conviction": None}),
    ("IPC-241", "241", 0, {"max_years": 2, "fine": "or_both",
                           "fine_multiple": (10, "the value of the coin counterfeited")}),
    ("IPC-126", "126", 0, {"max_years": 7, "fine": "required", "forfeiture": "forfeiture of certain property"}),
    ("IPC-345", "345", 0, {"max_years": 2, "relation": "in_addition_to",
                           "relative_to": "imprisonment under any other section"}),
    ("IPC-510", "510", 0, {"term_unit": "hours", "max_term": 24, "imprisonment": "simple", "fine": "or_both",
                           "fine_max_inr": 10}),
    ("IPC-216", "216", 1, {"max_years": 3, "fine": "optional"}),
    ("IPC-326A", "326A", 0, {"min_years": 10, "life": True, "fine": "required", "fine_to_victim": True}),
    ("BNS-64", "64(1)", 0, {"min_years": 10, "life": True, "imprisonment": "rigorous", "fine": "required"}),
    ("BNS-64", "64(2)", 0, {"min_years": 10, "life": True, "life_meaning": "remainder_of_natural_life"}),
    ("BNS-65", "65(1)", 0, {"min_years": 20, "life": True, "life_meaning": "remainder_of_natural_life",
                            "death": False, "fine_to_victim": True}),
    ("BNS-65", "65(2)", 0, {"min_years": 20, "death": True, "fine": "required", "fine_to_victim": True}),
    ("BNS-70", "70(1)", 0, {"min_years": 20, "life": True, "death": False}),
    ("BNS-70", "70(2)", 0, {"life": True, "life_meaning": "remainder_of_natural_life", "death": True}),
    ("BNS-103", "103(1)", 0, {"death": True, "life": True, "fine": "required"}),
    ("BNS-111", "111(2)(a)", 0, {"death": True, "life": True, "fine": "required", "fine_min_inr": 1_000_000}),
    ("BNS-111", "111(7)", 0, {"min_years": 3, "max_years": 10, "fine_min_inr": 100_000}),
    ("BNS-143", "143(2)", 0, {"min_years": 7, "max_years": 10, "imprisonment": "rigorous", "fine": "required"}),
    ("BNS-143", "143(6)", 0, {"life": True, "life_meaning": "remainder_of_natural_life"}),
    ("BNS-144", "144(1)", 0, {"min_years": 5, "max_years": 10, "imprisonment": "rigorous"}),
    ("BNS-144", "144(2)", 0, {"min_years": 3, "max_years": 7, "imprisonment": "rigorous"}),
    ("BNS-61", "61(2)(a)", 0, {"relation": "same_as",
                               "relative_to": "abetment of the offence which is the object of the conspiracy"}),
    ("BNS-62", "62", 1, {"relation": "fraction_of_longest_term", "fraction": 0.5}),
    ("BNS-60", "60(b)", 0, {"relation": "fraction_of_longest_term", "fraction": 0.125}),
    ("BNS-303", "303(2): Theft", 0, {"max_years": 3, "fine": "or_both", "conviction": "first"}),
    ("BNS-303", "303(2): Theft", 1, {"min_years": 1, "max_years": 5, "imprisonment": "rigorous",
                                     "conviction": "subsequent"}),
    ("BNS-303", "303(2): Where value", 0, {"community_service": True, "imprisonment": "none"}),
    ("BNS-355", "355", 0, {"term_unit": "hours", "max_term": 24, "fine_max_inr": 1000}),
    ("BNS-355", "355", 1, {"community_service": True}),
    ("BNS-202", "202", 1, {"community_service": True}),
    ("BNS-127", "127(4)", 0, {"max_years": 5, "fine": "required", "fine_min_inr": 10_000}),
    ("BNS-195", "195(1)", 0, {"max_years": 3, "fine": "or_both", "fine_min_inr": 25_000}),
    ("BNS-294", "294(2)", 1, {"max_years": 5, "fine_max_inr": 10_000, "conviction": "subsequent"}),
    ("BNS-122", "122(1)", 0, {"term_unit": "months", "max_term": 1, "fine_max_inr": 5000}),
    ("BNS-350", "350(2)", 0, {"max_years": 3, "relation": "same_as",
                              "relative_to": "the offence under sub-section (1)"}),
    ("BNS-230", "230(2)", 0, {"death": True, "imprisonment": "none"}),
    ("BNS-77", "77: Voyeurism", 0, {"min_years": 1, "max_years": 3, "conviction": "first"}),
    ("BNS-77", "77: Second", 0, {"min_years": 3, "max_years": 7, "conviction": "subsequent"}),
    # special Acts: no First Schedule, read from the section text
    ("POCSO-4", "4(1)", 0, {"min_years": 10, "life": True, "fine": "required", "fine_to_victim": True}),
    ("POCSO-4", "4(2)", 0, {"min_years": 20, "life": True, "life_meaning": "remainder_of_natural_life",
                            "fine_to_victim": False}),
    ("POCSO-6", "6", 0, {"min_years": 20, "death": True, "imprisonment": "rigorous", "fine_to_victim": True}),
    ("POCSO-8", "8", 0, {"min_years": 3, "max_years": 5, "fine": "required"}),
    ("POCSO-17", "17", 0, {"relation": "same_as", "relative_to": "that offence"}),
    ("ITA-67", "67", 0, {"max_years": 3, "fine_max_inr": 500_000, "conviction": "first"}),
    ("ITA-67", "67", 1, {"max_years": 5, "fine_max_inr": 1_000_000, "conviction": "subsequent"}),
    ("JJA-77", "77", 0, {"max_years": 7, "imprisonment": "rigorous", "fine_max_inr": 100_000}),
    ("IFA-22", "22", 0, {"min_years": 2, "max_years": 7, "fine_min_inr": 100_000, "fine_max_inr": 1_000_000}),
    ("PCMA-9", "9", 0, {"max_years": 2, "imprisonment": "rigorous", "fine": "or_both", "fine_max_inr": 100_000}),
    ("BNS-154", "154", 0, {"max_years": 7, "forfeiture": "forfeiture of certain property"}),
]


@pytest.mark.parametrize(("sid", "label", "index", "expected"), TABLE,
                         ids=[f"{t[0]}:{t[1][:12]}:{t[2]}" for t in TABLE])
def test_structured_punishment(kb: KnowledgeBase, sid: str, label: str, index: int,
                               expected: dict[str, Any]) -> None:
    p = _entries(kb, sid, label)[index]
    got = {k: getattr(p, k) for k in expected}
    assert got == expected, f"{sid} {p.applies_to.en}: {p}"


def test_common_intention_has_no_punishment(kb: KnowledgeBase) -> None:
    # IPC 34 / BNS 3(5) make no offence: the Schedules have no row for them
    assert not kb.sections["IPC-34"].punishments
    assert not kb.sections["BNS-3"].punishments


def test_every_punishment_of_bns_section_4_can_be_recorded(kb: KnowledgeBase) -> None:
    """BNS s.4 lists the punishments (death, life, imprisonment, forfeiture, fine, community service):
    each is a field of the schema, and each is recorded for some offence."""
    text = kb.sections["BNS-4"].text.en.lower()
    for kind in ("death", "imprisonment for life", "rigorous", "simple", "forfeiture of property", "fine",
                 "community service"):
        assert kind in text, kind
    ps = [p for s in kb.sections.values() if s.act == "BNS" for p in s.punishments]
    assert any(p.death for p in ps)
    assert any(p.life for p in ps)
    assert {"rigorous", "simple", "either"} <= {p.imprisonment for p in ps}
    assert any(p.forfeiture for p in ps)
    assert any(p.fine == "only" for p in ps)
    assert any(p.community_service for p in ps)


@pytest.mark.skipif(ACTS is None, reason="shared/reference/acts not found: the importer cannot run")
def test_importer_reports_no_offence_without_structured_punishments(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "import_acts.py"), "--check", "--report",
                           str(report)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = report.read_text(encoding="utf-8").splitlines()
    assert any(ln.startswith("BNS: 358 sections") for ln in lines), lines[:5]
    missing = [ln for ln in lines if "no structured punishments" in ln]
    assert missing == []


@pytest.mark.parametrize(("column", "expected"), [
    ("Death, or imprisonment for life, and fine.", [{"death": True, "life": True, "fine": "required"}]),
    ("Same as for offence abetted.", [{"relation": "same_as", "relative_to": "offence abetted", "fine": "relative"}]),
    ("Imprisonment extending to one-fourth of the longest term provided for the offence, or fine, or both.",
     [{"relation": "fraction_of_longest_term", "fraction": 0.25, "fine": "or_both"}]),
    ("Simple imprisonment for 1 month, or fine of 5,000 rupees, or both.",
     [{"max_term": 1, "fine_max_inr": 5000, "fine": "or_both", "imprisonment": "simple"}]),
    ("Imprisonment for 3 years, with or without fine.", [{"max_years": 3, "fine": "optional"}]),
    ("Imprisonment for life and fine, or imprisonment for 7 years and fine, or fine.",
     [{"life": True, "fine": "required"}, {"max_years": 7, "fine": "required"}, {"fine": "only"}]),
    ("Imprisonment for 1 year or fine, or both, or if treating only, fine only.",
     [{"max_years": 1, "fine": "or_both"}, {"fine": "only", "note": "Alternative 2 of 2. Where the offence is "
                                                                    "treating only."}]),
    ("Imprisonment of not less than 1 year but which may extend to 3 years and with fine for first conviction.",
     [{"min_years": 1, "max_years": 3, "fine": "required", "conviction": "first"}]),
    ("Imprisonment for 2 years, in addition to the punishment under section 351(1).",
     [{"max_years": 2, "relation": "in_addition_to", "relative_to": "the punishment under section 351(1)"}]),
    ("", []),
])
def test_parse_schedule_column(column: str, expected: list[dict[str, Any]]) -> None:
    got = IA.parse_punishment(column)
    for g in got:
        IA._finish_terms(g)  # the unit the Act states the term in, as the importer records it
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert {k: g.get(k) for k in e} == e, g


def test_as_above_repeats_the_entry_above_without_sharing_its_fine() -> None:
    got = IA.parse_punishment("Imprisonment for life, or as above.", "Imprisonment for 10 years and fine.")
    assert [(g["life"], g["max_years"], g["fine"]) for g in got] == [(True, None, "none"), (False, 10, "required")]
    with pytest.raises(IA.Unparsed):
        IA.parse_punishment("Death, or as above.", None)


def test_a_schedule_term_the_text_does_not_state_is_refused() -> None:
    p = IA.parse_punishment("Imprisonment for 5 years, or fine, or both.")[0]
    why = IA.check_against_text(p, "shall be punished with imprisonment for a term which may extend to two years")
    assert why and "max_years 5" in why


@pytest.mark.parametrize(("sid", "label", "index", "words"), [
    ("IPC-302", "302", 0, "death, or life + fine"),
    ("IPC-109", "109", 0, "the same as for offence abetted"),
    ("IPC-116", "116: Abetment", 0, "up to one-fourth of the longest term provided for the offence, or fine, or both"),
    ("BNS-303", "303(2): Theft", 1, "on second or subsequent conviction: RI 1 year to 5 years + fine"),
    ("BNS-355", "355", 0, "SI up to 24 hours, or fine up to Rs 1,000, or both"),
    ("BNS-355", "355", 1, "community service"),
    ("BNS-70", "70(2)", 0, "death, or life (remainder of natural life) + fine (fine paid to the victim)"),
    ("IPC-241", "241", 0, "up to 2 years, or fine up to 10 times the value of the coin counterfeited, or both"),
    ("IPC-345", "345", 0, "up to 2 years, in addition to imprisonment under any other section"),
    ("IPC-216", "216", 1, "up to 3 years, with or without fine"),
    ("BNS-350", "350(2)", 0, "up to 3 years, or fine, or both (the same as for the offence under sub-section (1))"),
    ("BNS-77", "77: Second", 0, "3 years to 7 years + fine"),
])
def test_wording(kb: KnowledgeBase, sid: str, label: str, index: int, words: str) -> None:
    assert punishment_text(_entries(kb, sid, label)[index]) == words


def test_provision_show_json_carries_the_new_fields(run) -> None:
    done = run("provision", "show", "BNS 303", "--format", "json")
    assert done.code == 0, done.stderr
    data = json.loads(done.stdout)
    record = data[0] if isinstance(data, list) else data
    ps = record["punishments"]
    assert [p["conviction"] for p in ps] == ["first", "subsequent", None]
    assert ps[2]["community_service"] is True
    assert ps[1]["summary"] == "on second or subsequent conviction: RI 1 year to 5 years + fine"


@pytest.mark.parametrize(("clause", "first", "reading"), [
    ("with imprisonment of either description for a term which shall not be less than three years but which may "
     "extend to five years, and shall also be liable to fine", False,
     "imprisonment for not less than three years but which may extend to five years and fine"),
    ("with rigorous imprisonment which may extend to two years or with fine which may extend to one lakh rupees or "
     "with both", False, "rigorous imprisonment which may extend to two years or fine which may extend to 1 lakh "
     "rupees, or both"),
])
def test_text_clause_in_the_schedules_shorthand(clause: str, first: bool, reading: str) -> None:
    assert IA.text_clause_to_schedule(clause.removeprefix("with "), first) == reading


def test_a_multiple_is_checked_against_the_text() -> None:
    """The importer refuses a 'twice' the text does not say (tools/import_acts.check_against_text)."""
    p = {"applies_to": "85", "min_years": None, "max_years": None, "life": False, "fine": "relative",
         "relation": "multiple_of", "factor": 2, "relative_to": "such offence"}
    assert IA.check_against_text(p, "shall be liable to twice the penalty provided for such offence") is None
    assert IA.check_against_text(p, "shall be liable to the penalty provided for such offence") is not None
    assert IA.check_against_text({**p, "factor": 3}, "liable to twice the penalty") is not None
