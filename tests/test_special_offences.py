"""Offences of the special Acts: classification and punishments, each with its source (issue 9, point 1).

`provision show "<ACT> <n>" --format json` is run as a user runs it; each expectation is what the
Act says (its own classification section) or, where it is silent, what Part II of the First
Schedule gives for the punishment. A second test re-derives every Part II classification in the
knowledge base from the Schedule rows themselves, read from the bare reference files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _show(run, citation: str, *extra: str) -> dict:
    r = run("provision", "show", citation, "--format", "json", *extra)
    assert r.code == 0, r.stderr
    data = json.loads(r.stdout)
    assert isinstance(data, dict), f"{citation} resolved to several sections"
    return data


def _entry(items: list[dict], label: str) -> dict:
    """The one entry whose applies_to starts with `label`."""
    found = [c for c in items if c["applies_to"].startswith(label)]
    assert len(found) == 1, f"{label!r} in {[c['applies_to'] for c in items]}"
    return found[0]


def _source_named(data: dict, *needles: str) -> None:
    """Each classification names its source; the needles must appear in the basis of every entry."""
    assert data["classification"], f"{data['id']}: no classification"
    for c in data["classification"]:
        assert c["basis"], c
        for n in needles:
            assert n in c["basis"], f"{data['id']} {c['applies_to']}: {n!r} not in {c['basis']!r}"


# (citation, applies_to prefix, cognizable, bailable, court contains, basis must name)
CASES = [
    ("ITPA 3", "3(1) first", True, False, "Judicial Magistrate of the first class", ["ITPA s.14", "Part II"]),
    ("ITPA 4", "4(1) child", True, False, "Court of Session", ["ITPA s.14", "Part II"]),
    ("ITPA 5", "5(1) proviso (i)", True, False, "Court of Session", ["ITPA s.14"]),
    ("ITPA 6", "6(1)", True, False, "Court of Session", ["ITPA s.14"]),
    ("ITPA 7", "7(1A)", True, False, "Court of Session", ["ITPA s.14"]),
    ("ITPA 8", "8 first", True, True, "Judicial Magistrate of the first class", ["ITPA s.14"]),
    ("ITPA 9", "9", True, False, "Court of Session", ["ITPA s.14"]),
    ("BLSA 16", "16", True, True, "Magistrate", ["BLSA s.22"]),
    ("BLSA 17", "17", True, True, "Magistrate", ["BLSA s.22"]),
    ("BLSA 18", "18", True, True, "Magistrate", ["BLSA s.22"]),
    ("BLSA 19", "19", True, True, "Magistrate", ["BLSA s.22"]),
    ("BLSA 20", "20", True, True, "Magistrate", ["BLSA s.22"]),
    ("POCSO 4", "4(2)", True, False, "Special Court", ["POCSO s.28(1)", "Part II"]),
    ("POCSO 6", "6(1)", True, False, "Special Court", ["POCSO s.28(1)", "Part II"]),
    ("POCSO 8", "8:", True, False, "Special Court", ["POCSO s.28(1)", "CrPC 1973", "BNSS 2023"]),
    ("POCSO 10", "10:", True, False, "Special Court", ["POCSO s.28(1)", "Part II"]),
    ("POCSO 12", "12:", True, False, "Special Court", ["POCSO s.28(1)", "Part II"]),
    ("POCSO 14", "14(1): second", True, False, "Special Court", ["POCSO s.28(1)"]),
    ("POCSO 21", "21(1)", False, True, "Special Court", ["Part II", "s.28"]),
    ("JJ Act 75", "75 third proviso", True, False, "Children's Court", ["s.86"]),
    ("JJ Act 79", "79", False, False, "Children's Court", ["s.86"]),
    ("JJ Act 81", "81 proviso", False, False, "Children's Court", ["s.86"]),
    ("JJ Act 83", "83(2)", False, False, "Children's Court", ["s.86(2)", "s.86(4)"]),
    ("JJ Act 56", "56(5)", False, False, "Children's Court", ["s.86(2)", "s.86(4)"]),
    ("JJ Act 65", "65(4)", False, True, "Children's Court", ["s.86(3)", "s.86(4)"]),
    ("ITPA 23", "23(3)", True, True, "Any Magistrate", ["ITPA s.14", "Part II"]),
    ("CLPRA 14", "14(1), 14(1A):", True, True, "Judicial Magistrate of the first class", ["s.14A", "Part II"]),
    ("CLPRA 14", "14(2):", True, False, "Judicial Magistrate of the first class", ["s.14A", "Part II"]),
    ("CLPRA 14", "14(3): first", False, True, "Judicial Magistrate of the first class", ["s.14D(1)", "Part II"]),
    ("PCMA 9", "9:", True, False, "Any Magistrate", ["PCMA s.15", "Part II"]),
    ("PCMA 10", "10:", True, False, "Any Magistrate", ["PCMA s.15"]),
    ("PCMA 11", "11(1) proviso", True, False, "Any Magistrate", ["PCMA s.15"]),
    ("IT Act 67B", "67B: second", True, False, "Magistrate of the first class", ["IT Act s.77B", "Part II"]),
    ("IT Act 67", "67: publishing", True, True, "Magistrate of the first class", ["IT Act s.77B"]),
    ("SC/ST Act 3", "3(1)(a)-(zc)", True, False, "Special Court", ["SC/ST Act s.14(1)", "Part II"]),
    ("SC/ST Act 3", "3(2)(iv)", True, False, "Special Court", ["SC/ST Act s.14(1)"]),
    ("Emigration Act 24", "24(3)", True, True, "Any Magistrate", ["Emigration Act s.26", "Part II"]),
    ("THOTA 19", "19:", True, False, "Judicial Magistrate of the first class", ["THOTA s.22(2)", "Part II"]),
    ("IFA 22", "22:", True, False, "Magistrate of the first class", ["BNSS 2023, First Schedule, Part II"]),
    ("NIA Act 17", "17(4)", True, False, "Magistrate of the first class", ["Part II"]),
]


@pytest.mark.parametrize(("citation", "label", "cognizable", "bailable", "court", "needles"), CASES,
                         ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_classification_with_its_source(run, citation, label, cognizable, bailable, court, needles) -> None:
    data = _show(run, citation)
    c = _entry(data["classification"], label)
    assert (c["cognizable"], c["bailable"]) == (cognizable, bailable), c
    assert court in (c["triable_by"] or ""), c
    for n in needles:
        assert n in c["basis"], f"{n!r} not in {c['basis']!r}"
    assert c["verification"] in ("primary", "secondary", "unverified")


@pytest.mark.parametrize("citation", sorted({c[0] for c in CASES}))
def test_every_entry_names_a_source_and_every_offence_has_a_punishment(run, citation) -> None:
    data = _show(run, citation)
    _source_named(data)
    assert data["punishments"], f"{citation}: no punishments"
    for c in data["classification"]:
        # the Act (its section) or the Schedule: never a bare inference
        assert re.search(r"s\.\d|Part II", c["basis"]), c["basis"]


@pytest.mark.parametrize(("citation", "applies_to", "min_years", "max_years", "life"), [
    ("POCSO 4", "4(1)", 10, None, True),
    ("POCSO 6", "6(1)", 20, None, True),
    ("POCSO 8", "8:", 3, 5, False),
    ("POCSO 10", "10:", 5, 7, False),
    ("POCSO 12", "12:", None, 3, False),
    ("JJ Act 83", "83(1)", None, 7, False),
    ("PCMA 9", "9:", None, 2, False),
    ("IT Act 67B", "67B: material", None, 5, False),
    ("SC/ST Act 3", "3(1)(a)-(zc)", 0.5, 5, False),
    ("THOTA 19", "19:", 5, 10, False),
])
def test_structured_punishments_read_from_the_text(run, citation, applies_to, min_years, max_years, life) -> None:
    p = _entry(_show(run, citation)["punishments"], applies_to)
    assert (p["min_years"], p["max_years"], p["life"]) == (min_years, max_years, life), p


def test_death_relative_punishments_and_convictions_are_fields_not_notes(run) -> None:
    """The data file uses the punishment schema's death, fine_to_victim, conviction and relation fields."""
    p6 = _entry(_show(run, "POCSO 6")["punishments"], "6(1)")
    assert (p6["death"], p6["fine_to_victim"], p6["life"]) == (True, True, True), p6
    sc = _show(run, "SC/ST Act 3")
    assert _entry(sc["punishments"], "3(2)(i): an innocent")["death"] is True
    assert _entry(sc["punishments"], "3(2)(vi)")["relation"] == "same_as"
    assert "not yet a field" not in sc["note"] and "(va)" not in sc["note"]
    p17 = _show(run, "POCSO 17")
    assert [(p["relation"], p["relative_to"]) for p in p17["punishments"]] == [("same_as", "that offence")]
    assert {(p["relation"], p["fraction"]) for p in _show(run, "POCSO 18")["punishments"]} == {
        ("fraction_of_life", 0.5), ("fraction_of_longest_term", 0.5)}
    assert [p["conviction"] for p in _show(run, "POCSO 14")["punishments"][:2]] == ["first", "subsequent"]
    assert [p["conviction"] for p in _show(run, "JJ Act 82")["punishments"][:2]] == ["first", "subsequent"]


def test_jj_act_offence_before_the_2021_amendment_has_the_classification_of_s86_as_enacted(run) -> None:
    before = _show(run, "JJ Act 79", "--offence-date", "2020-06-01")
    after = _show(run, "JJ Act 79", "--offence-date", "2023-06-01")
    b, a = before["classification"][0], after["classification"][0]
    # s.86(2) as enacted: cognizable, non-bailable, Magistrate of the first class
    assert (b["cognizable"], b["bailable"], b["triable_by"]) == (True, False, "Magistrate of the first class")
    assert "as enacted" in b["basis"]
    # s.86(2) and (4) as substituted from 1 September 2022: non-cognizable, non-bailable, Children's Court
    assert (a["cognizable"], a["bailable"], a["triable_by"]) == (False, False, "Children's Court")
    assert "Act 23 of 2021" in a["basis"]
    assert before["version"] and "s.86 was substituted" in before["version"]["changes"]
    # the punishment itself did not change
    assert before["punishments"] == after["punishments"]


def test_jj_act_offences_stated_by_reference_to_others(run) -> None:
    """s.56(5) takes s.80's punishment; s.85 doubles the penalty; s.87 (abetment) takes the abetted offence's;
    s.66(3) is a penalty the registering authority imposes, which s.86 does not classify."""
    s56 = _show(run, "JJ Act 56", "--offence-date", "2023-06-01")
    p = _entry(s56["punishments"], "56(5)")
    assert (p["relation"], p["relative_to"].split(" (")[0]) == ("same_as", "section 80"), p
    # s.80's heaviest term is 3 years: s.86(2), before 2022 cognizable and triable by a Magistrate of the first class
    old = _show(run, "JJ Act 56", "--offence-date", "2021-06-01")
    c = _entry(old["classification"], "56(5)")
    assert (c["cognizable"], c["bailable"], c["triable_by"]) == (True, False, "Magistrate of the first class"), c
    assert "valid order from the Court" in old["text"] and "[District Magistrate]" in s56["text"]
    assert '"Court" read "District Magistrate"' in old["version"]["changes"]
    s85 = _show(run, "JJ Act 85")
    p85 = _entry(s85["punishments"], "85:")
    assert (p85["relation"], p85["factor"]) == ("multiple_of", 2), p85
    assert p85["summary"] == "twice the penalty provided for such offence"
    c85 = _entry(s85["classification"], "85:")
    assert (c85["cognizable"], c85["bailable"], c85["triable_by"]) == (None, None, "Children's Court"), c85
    c87 = _entry(_show(run, "JJ Act 87")["classification"], "87:")
    assert (c87["cognizable"], c87["bailable"]) == (None, None) and "punishment provided for that offence" in c87["basis"]
    s66 = _show(run, "JJ Act 66")
    p66 = _entry(s66["punishments"], "66(3)")
    assert (p66["fine"], p66["fine_max_inr"]) == ("only", 50000) and "registering authority" in s66["note"]
    assert s66["classification"] == []
    ema = _entry(_show(run, "Emigration Act 24")["punishments"], "24(5)")
    assert (ema["relation"], ema["factor"], ema["conviction"], ema["max_years"]) == ("multiple_of", 2, "subsequent", None)


def test_jj_act_less_than_three_years_was_triable_by_any_magistrate_before_2022(run) -> None:
    b = _show(run, "JJ Act 74", "--offence-date", "2019-01-01")["classification"][0]
    a = _show(run, "JJ Act 74", "--offence-date", "2024-01-01")["classification"][0]
    assert (b["cognizable"], b["bailable"], b["triable_by"]) == (False, True, "Any Magistrate")
    assert (a["cognizable"], a["bailable"], a["triable_by"]) == (False, True, "Children's Court")
    # 74(2) read differently before 2022: the earlier form's text is the one shown
    assert "in cases where the case" in _show(run, "JJ Act 74", "--offence-date", "2019-01-01")["text"]


def test_child_labour_offences_before_2016_were_not_cognizable(run) -> None:
    """s.14A (cognizable) came with Act 35 of 2016 from 1 September 2016; before it Part II decided."""
    before = _show(run, "CLPRA 14", "--offence-date", "2015-03-01")["classification"]
    after = _show(run, "CLPRA 14", "--offence-date", "2017-03-01")["classification"]
    assert before and all(c["cognizable"] is False and c["bailable"] is True for c in before)
    assert all("No s.14A" in c["basis"] for c in before)
    assert _entry(after, "14(1), 14(1A):")["cognizable"] is True


@pytest.mark.parametrize("sid", ["POCSO-4", "POCSO-6", "POCSO-14"])
def test_pocso_forms_before_2019_carry_a_classification(run, sid) -> None:
    """Until tools/versions is merged, the earlier form's classification waits there; after, show has it."""
    pending = ROOT / "tools" / "versions" / f"{sid}.yaml"
    citation = sid.replace("-", " ")
    shown = _show(run, citation, "--offence-date", "2018-01-01")
    if shown.get("version"):
        assert shown["classification"], f"{sid}: the 2018 form shows no classification"
        assert all("Special Court" in c["triable_by"] for c in shown["classification"])
    elif pending.is_file():
        forms = yaml.safe_load(pending.read_text(encoding="utf-8"))["versions"]
        for v in forms:
            assert v.get("classification"), f"{pending}: the form to {v['in_force_to']} has no classification"
            assert all(c["cognizable"] is True and c["bailable"] is False for c in v["classification"])
    else:
        pytest.fail(f"{sid}: neither a merged version nor {pending}")


# ----------------------------------------------------------------------------------------------
# Part II re-derived from the Schedules themselves
# ----------------------------------------------------------------------------------------------

def _acts_dir() -> Path | None:
    for base in [ROOT, *ROOT.parents]:
        d = base / "shared" / "reference" / "acts"
        if d.is_dir():
            return d
    return None


def _part_ii_rows(path: Path) -> list[tuple[str, str, str, str]]:
    text = path.read_text(encoding="utf-8")
    part = text[text.index("CLASSIFICATION OF OFFENCES AGAINST OTHER LAWS"):]
    rows = []
    for line in part.splitlines():
        cells = [c.strip().rstrip(".") for c in line.strip().strip("|").split("|")]
        if line.startswith("| If punishable"):
            rows.append(tuple(cells[:4]))
    return rows


def _resolve_ditto(rows):
    out, prev = [], None
    for r in rows:
        r = tuple(p if c == "Ditto" else c for c, p in zip(r, prev or r, strict=True))
        out.append(r)
        prev = r
    return out


def _expected(rows, heaviest: float) -> tuple[bool, bool, str]:
    """The Schedule row for a punishment whose heaviest term is `heaviest` years (99 for life)."""
    if heaviest > 7:
        row = next(r for r in rows if "more than 7 years" in r[0] and "life" in r[0])
    elif heaviest >= 3:
        row = next(r for r in rows if "3 years and upwards" in r[0])
    else:
        row = next(r for r in rows if "less than 3 years" in r[0])
    return row[1] == "Cognizable", row[2] == "Bailable", row[3]


def test_part_ii_of_the_crpc_and_the_bnss_give_the_same_classification() -> None:
    acts = _acts_dir()
    if acts is None:
        pytest.skip("shared/reference/acts not found: the First Schedules are needed to check Part II")
    crpc = _resolve_ditto(_part_ii_rows(acts / "crpc-1973-first-schedule.md"))
    bnss = _resolve_ditto(_part_ii_rows(acts / "bnss-2023-first-schedule.md"))
    assert len(crpc) == len(bnss) == 3
    assert [r[1:] for r in crpc] == [r[1:] for r in bnss]


def test_every_part_ii_classification_in_the_knowledge_base_matches_the_schedule() -> None:
    """Each field a special Act's classification takes from Part II is what the Schedule row gives."""
    acts = _acts_dir()
    if acts is None:
        pytest.skip("shared/reference/acts not found: the First Schedules are needed to check Part II")
    rows = _resolve_ditto(_part_ii_rows(acts / "bnss-2023-first-schedule.md"))
    data = yaml.safe_load((ROOT / "tools" / "import_data" / "special_offences.yaml").read_text(encoding="utf-8"))
    checked = 0
    for f in ["pocso-2012", "pcma-2006", "emigration-1983", "thota-1994", "ifa-2025", "it-act-2000", "sc-st-poa-1989"]:
        for s in yaml.safe_load((ROOT / "provisions" / f"{f}.yaml").read_text(encoding="utf-8"))["sections"]:
            if s["id"] not in data["offences"] or "classification" in data["offences"][s["id"]]:
                continue  # not in the data file, or classified by hand (relative punishments)
            limbs = {p["applies_to"]: p for p in data["offences"][s["id"]]["punishments"]}
            for c in s.get("classification", []):
                if "Part II" not in c["basis"]:
                    continue
                p = limbs[c["applies_to"]]
                heaviest = 99 if p.get("life") or p.get("death") else p.get("part_ii_as", p.get("max_years")) or 0
                cog, bail, court = _expected(rows, heaviest)
                by_schedule = c["basis"].split("Part II", 1)[0].rsplit(";", 1)[-1]
                if "cognizable" in by_schedule:
                    assert c["cognizable"] is cog, (s["id"], c)
                if "bail" in by_schedule:
                    assert c["bailable"] is bail, (s["id"], c)
                if "court" in by_schedule:
                    assert c["triable_by"] == court, (s["id"], c)
                checked += 1
    assert checked >= 30


def test_the_importer_keeps_the_data_on_a_re_import() -> None:
    """tools/import_acts.py --check: the files in provisions/ are what a re-import writes."""
    if _acts_dir() is None:
        pytest.skip("shared/reference/acts not found: the importer needs the bare Acts")
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "import_acts.py"), "--check",
                        "--only", "POCSO", "JJA", "PCMA", "EMA", "THOTA", "IFA", "ITA", "SCST"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]


def test_a_real_process_shows_the_classification_and_its_source() -> None:
    r = subprocess.run([sys.executable, "-m", "lexkit", "provision", "show", "PCMA 10", "--format", "json"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["cognizable"] is True and data["bailable"] is False
    assert "PCMA s.15" in data["classification"][0]["basis"]
    assert any("20099" in (s.get("url") or "") for s in data["sources"])
