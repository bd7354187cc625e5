"""Overlays: an organisation's own folder on top of the shipped knowledge base, merged by id.

A new id is added; an existing id is replaced only by a record that says `overrides: true` with a
reason, and is refused otherwise (file:line). Every output that uses an overlay record says which
folder it came from. A folder with its own provisions/kb.yaml is a whole knowledge base.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ACT_HEAD = """act:
  code: ITPA
  title: Immoral Traffic (Prevention) Act, 1956
  number: "104 of 1956"
  kind: special_act
  aliases: [ITPA]
  in_force_from: "1958-05-01"
  sources: [{url: "https://www.indiacode.nic.in/handle/123456789/19243", kind: primary}]
  verification: primary
  last_verified_on: "2026-12-01"
sections:
"""

SECTION = """  - id: ITPA-{number}
    number: "{number}"
    title: {title}
    text: {text}
    text_kind: summary
{extra}    sources: [{{citation: "Maharashtra AHTU training note, 2026", kind: secondary}}]
    verification: secondary
    last_verified_on: "2026-12-01"
"""


def _overlay(tmp_path: Path, sections: str, name: str = "org-kb") -> Path:
    folder = tmp_path / name
    (folder / "provisions").mkdir(parents=True)
    (folder / "provisions" / "itpa-local.yaml").write_text(ACT_HEAD + sections, encoding="utf-8")
    return folder


def test_an_overlay_adds_a_new_record_and_says_where_it_came_from(run, tmp_path: Path) -> None:
    folder = _overlay(tmp_path, SECTION.format(number="99", title="A local note", text="Not an enacted section.", extra=""))
    result = run("--kb", str(folder), "provision", "show", "ITPA 99", "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["origin"] == str(folder) and data["override_reason"] is None
    text = run("--kb", str(folder), "provision", "show", "ITPA 99").stdout
    assert f"from the overlay at {folder}" in text
    shipped = json.loads(run("--kb", str(folder), "provision", "show", "ITPA 15", "--format", "json").stdout)
    assert shipped["origin"] is None and shipped["title"] == "Search without warrant"


def test_an_existing_id_without_overrides_is_refused_with_file_and_line(run, tmp_path: Path) -> None:
    folder = _overlay(tmp_path, SECTION.format(number="15", title="Planted", text="Planted text.", extra=""))
    result = run("--kb", str(folder), "provision", "show", "ITPA 15")
    assert result.code == 1 and result.stdout == ""
    assert f"{folder}/provisions/itpa-local.yaml:12: $.sections[0]" in result.stderr
    assert "ITPA-15 is already in the knowledge base" in result.stderr and "overrides: true" in result.stderr
    listed = run("kb", "validate", "--kb", str(folder))
    assert listed.code == 1 and "ITPA-15 is already in the knowledge base" in listed.stdout


def test_overrides_without_a_reason_is_refused(run, tmp_path: Path) -> None:
    folder = _overlay(tmp_path, SECTION.format(number="15", title="Planted", text="Planted text.", extra="    overrides: true\n"))
    result = run("--kb", str(folder), "provision", "show", "ITPA 15")
    assert result.code == 1 and "needs" not in result.stdout
    assert "only with a reason" in result.stderr


def test_an_override_with_a_reason_replaces_the_record_and_says_so(run, tmp_path: Path) -> None:
    extra = "    overrides: true\n    reason: The State notification of 2026 adds a district officer\n"
    folder = _overlay(tmp_path, SECTION.format(number="15", title="Search without warrant (State amendment)",
                                               text="As amended for the State.", extra=extra))
    data = json.loads(run("--kb", str(folder), "provision", "show", "ITPA 15", "--format", "json").stdout)
    assert data["title"] == "Search without warrant (State amendment)"
    assert data["origin"] == str(folder)
    assert data["override_reason"] == "The State notification of 2026 adds a district officer"
    text = run("--kb", str(folder), "provision", "show", "ITPA 15", "--format", "md").stdout
    assert "it replaces the record below: The State notification of 2026" in text
    assert run("--kb", str(folder), "kb", "validate").code == 0
    # The search holds the replacing record's words, not the replaced one's (its index is built
    # after validation here: lexkit.kb.compile indexes early only when no record is replaced).
    hits = json.loads(run("--kb", str(folder), "provision", "search", "amended State", "--format", "json").stdout)
    assert [(h["id"], h["origin"]) for h in hits if h["id"] == "ITPA-15"] == [("ITPA-15", str(folder))]
    gone = json.loads(run("--kb", str(folder), "provision", "search", "special police officer premises", "--format", "json").stdout)
    assert "ITPA-15" not in [h["id"] for h in gone] and gone


def test_lexkit_kb_joins_folders_with_the_path_separator(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _overlay(tmp_path, SECTION.format(number="98", title="First", text="First.", extra=""), "one")
    second = _overlay(tmp_path, SECTION.format(number="97", title="Second", text="Second.", extra=""), "two")
    monkeypatch.setenv("LEXKIT_KB", os.pathsep.join([str(first), str(second)]))
    assert json.loads(run("provision", "show", "ITPA 98", "--format", "json").stdout)["origin"] == str(first)
    assert json.loads(run("provision", "show", "ITPA 97", "--format", "json").stdout)["origin"] == str(second)


def test_a_folder_with_its_own_kb_yaml_is_a_whole_knowledge_base(run, minimal_kb: Path) -> None:
    result = run("--kb", str(minimal_kb), "provision", "show", "BNS 143")
    assert result.code == 1 and result.stdout == "" and "BNS-143" not in result.stderr
    assert run("--kb", str(minimal_kb), "provision", "show", "NEWC 20").code == 0


def test_an_overlay_sop_replaces_the_shipped_one_only_with_a_reason(run, tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[1] / "sops" / "itpa-statutory.yaml"
    folder = tmp_path / "state-sops"
    (folder / "sops").mkdir(parents=True)
    text = shipped.read_text(encoding="utf-8")
    (folder / "sops" / "itpa-statutory.yaml").write_text(text, encoding="utf-8")
    refused = run("--kb", str(folder), "sop", "show", "itpa-statutory")
    assert refused.code == 1 and "itpa-statutory is already in the knowledge base" in refused.stderr
    head = "sop:\n  overrides: true\n  reason: The State's own copy with district contacts\n"
    (folder / "sops" / "itpa-statutory.yaml").write_text(text.replace("sop:\n", head, 1), encoding="utf-8")
    data = json.loads(run("--kb", str(folder), "sop", "show", "itpa-statutory", "--format", "json").stdout)
    assert data["origin"] == str(folder) and data["override_reason"] == "The State's own copy with district contacts"


def test_search_and_list_say_which_records_come_from_an_overlay(run, tmp_path: Path) -> None:
    folder = _overlay(tmp_path, SECTION.format(number="99", title="A local note on decoy customers", text="Not an enacted section.", extra=""))
    hits = json.loads(run("--kb", str(folder), "provision", "search", "decoy customers", "--format", "json").stdout)
    assert hits[0]["id"] == "ITPA-99" and hits[0]["origin"] == str(folder)
    assert f"from the overlay at {folder}" in run("--kb", str(folder), "provision", "search", "decoy customers").stdout
    rows = {r["id"]: r for r in json.loads(run("--kb", str(folder), "provision", "list", "--act", "ITPA", "--format", "json").stdout)}
    assert rows["ITPA-99"]["origin"] == str(folder) and rows["ITPA-15"]["origin"] is None


def test_overrides_on_a_new_id_is_refused(run, tmp_path: Path) -> None:
    extra = "    overrides: true\n    reason: Nothing to replace here\n"
    folder = _overlay(tmp_path, SECTION.format(number="98", title="New", text="New.", extra=extra))
    result = run("--kb", str(folder), "provision", "show", "ITPA 98")
    assert result.code == 1 and "overrides: true, but no section ITPA-98 is below it" in result.stderr


def test_version_names_each_overlay_with_its_own_version_and_date(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An overlay may carry kb.yaml at its top (version, date); --version says it, or that it has none."""
    from lexkit import __version__

    dated = _overlay(tmp_path, SECTION.format(number="99", title="A local note", text="Not an enacted section.", extra=""), "mh-kb")
    (dated / "kb.yaml").write_text('kb:\n  version: "2026.12-mh"\n  date: "2026-12-01"\n', encoding="utf-8")
    plain = tmp_path / "pune-kb"
    (plain / "sops").mkdir(parents=True)
    broken = tmp_path / "thane-kb"
    (broken / "sops").mkdir(parents=True)
    (broken / "kb.yaml").write_text("kb: [not, a, record\n", encoding="utf-8")
    monkeypatch.setenv("LEXKIT_KB", str(plain))
    result = run("--kb", str(dated), "--version", "--kb", str(broken))
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"lexkit {__version__}"
    assert lines[1].startswith("knowledge base ") and " of " in lines[1]
    assert lines[2] == f"overlay {plain}: no version (it has no kb.yaml)"
    assert lines[3] == f"overlay {dated}: version 2026.12-mh of 2026-12-01"
    assert lines[4].startswith(f"overlay {broken}: version unknown ({broken}/kb.yaml:")
    assert len(lines) == 5


CORRESPONDENCE = """correspondence:
  id: itpa-bns
  from_act: ITPA
  to_act: BNS
  effective_on: "2024-07-01"
rows:
  - from: "ITPA-99"
    to: "BNS-143"
    relation: modified
    changes: "A local reading: the decoy-customer note is read with BNS s.143."
    sources: [{citation: "Maharashtra AHTU training note, 2026", kind: secondary}]
    verification: secondary
    last_verified_on: "2026-12-01"
"""


def _full_overlay(tmp_path: Path) -> Path:
    """An overlay with a section, a correspondence row, a judgement and an SOP, each new, each relying on shipped records."""
    root = Path(__file__).resolve().parents[1]
    folder = _overlay(tmp_path, SECTION.format(number="99", title="A local note on decoy customers", text="Not an enacted section.", extra=""))
    (folder / "provisions" / "itpa-bns.yaml").write_text(CORRESPONDENCE, encoding="utf-8")
    (folder / "judgements").mkdir()
    judgement = (root / "judgements" / "bai-radha-1968.yaml").read_text(encoding="utf-8")
    (folder / "judgements" / "local-radha.yaml").write_text(
        judgement.replace("id: bai-radha-1968", "id: local-radha-2026", 1).replace("Bai Radha", "Local Radha"), encoding="utf-8")
    (folder / "sops").mkdir()
    sop = (root / "sops" / "itpa-statutory.yaml").read_text(encoding="utf-8")
    (folder / "sops" / "local-itpa.yaml").write_text(sop.replace("id: itpa-statutory", "id: local-itpa", 1), encoding="utf-8")
    return folder


def test_every_output_that_uses_an_overlay_record_names_its_folder(run, tmp_path: Path) -> None:
    """Provision map, 'relied on by', judgement list/search/show and sop list/show: text, md and json."""
    folder = _full_overlay(tmp_path)
    tag = f"from the overlay at {folder}"

    def ok(*args: str) -> str:
        result = run("--kb", str(folder), *args)
        assert result.code == 0, result.stderr
        return result.stdout

    # provision map: the correspondence row and the section both come from the overlay
    mapped = json.loads(ok("provision", "map", "ITPA 99", "--format", "json"))
    assert mapped["from"]["origin"] == str(folder) and mapped["to"][0]["origin"] == str(folder)
    text = ok("provision", "map", "ITPA 99")
    assert text.splitlines()[0].endswith(f"[{tag}]") and f"    {tag}" in text
    back = json.loads(ok("provision", "map", "BNS 143", "--format", "json"))
    assert {(x["id"], x["origin"]) for x in back["to"]} >= {("ITPA-99", str(folder))}
    assert all(x["origin"] is None for x in back["to"] if x["id"] != "ITPA-99")
    # provision show: the old-and-new lines and the 'relied on by' list
    shown = json.loads(ok("provision", "show", "ITPA 15", "--format", "json"))
    cited = {(c["id"], c["origin"]) for c in shown["cited_by"]}
    assert ("local-radha-2026", str(folder)) in cited and ("bai-radha-1968", None) in cited
    assert any(i.startswith("local-itpa/") and o == str(folder) for i, o in cited)
    for fmt in ("text", "md"):
        relied = ok("provision", "show", "ITPA 15", "--format", fmt).split("Relied on by")[1]
        line = next(x for x in relied.splitlines() if "local-radha-2026" in x.replace("\\", ""))
        assert tag in line.replace("\\", "")
        assert tag not in next(x for x in relied.splitlines() if "bai-radha-1968" in x.replace("\\", ""))
    assert tag in ok("provision", "show", "BNS 143").split("Old and new codes")[1]
    # judgements: list, search, show
    listed = {j["id"]: j["origin"] for j in json.loads(ok("judgement", "list", "--format", "json"))}
    assert listed["local-radha-2026"] == str(folder) and listed["bai-radha-1968"] is None
    for fmt in ("text", "md"):
        line = next(x for x in ok("judgement", "list", "--format", fmt).splitlines() if "local-radha-2026" in x.replace("\\", ""))
        assert tag in line.replace("\\", "")
    hits = json.loads(ok("judgement", "search", "Local Radha", "--format", "json"))
    assert hits[0]["id"] == "local-radha-2026" and hits[0]["origin"] == str(folder)
    for fmt in ("text", "md"):
        assert tag in ok("judgement", "search", "Local Radha", "--format", fmt).replace("\\", "")
        assert tag in ok("judgement", "show", "local-radha-2026", "--format", fmt).replace("\\", "")
    # SOPs: list and show
    sops = {s["id"]: s["origin"] for s in json.loads(ok("sop", "list", "--format", "json"))}
    assert sops["local-itpa"] == str(folder) and sops["itpa-statutory"] is None
    for fmt in ("text", "md"):
        line = next(x for x in ok("sop", "list", "--format", fmt).splitlines() if "local-itpa" in x.replace("\\", ""))
        assert tag in line.replace("\\", "")
        assert tag in ok("sop", "show", "local-itpa", "--format", fmt).replace("\\", "")


def test_checklist_items_from_an_overlay_sop_say_so_in_every_format(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A state's own copies of SOPs the template includes: their items name the overlay (table, cards, md, json, ics)."""
    folder = tmp_path / "state-sops"
    (folder / "sops").mkdir(parents=True)
    head = "sop:\n  overrides: true\n  reason: The State's own copy with district contacts\n"
    for name in ("itpa-statutory", "bnss-statutory"):
        shipped = Path(__file__).resolve().parents[1] / "sops" / f"{name}.yaml"
        (folder / "sops" / f"{name}.yaml").write_text(shipped.read_text(encoding="utf-8").replace("sop:\n", head, 1), encoding="utf-8")
    tag = f"from the overlay at {folder}"
    build = ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--now", "28/11/2026 09:00", "--no-input",
             "--fact", "victim_age=15", "--fact", "victim_gender=female"]

    def ok(*args: str) -> str:
        result = run("--kb", str(folder), *build, *args)
        assert result.code == 0, result.stderr
        return result.stdout

    steps = json.loads(ok("--format", "json"))["steps"]
    from_overlay = [s for s in steps if any(x.startswith(("itpa-statutory/", "bnss-statutory/")) for x in s["sop_steps"])]
    assert from_overlay and all(s["origins"] == [str(folder)] for s in from_overlay)
    assert all(s["origins"] == [] for s in steps if s not in from_overlay)
    md = ok("--format", "md").replace("\\", "")
    assert md.count(tag) == len(from_overlay)
    for columns in ("80", "140"):  # cards and the table
        monkeypatch.setenv("COLUMNS", columns)
        table = tmp_path / f"checklist-{columns}.txt"
        result = run("--kb", str(folder), *build, "--format", "table", "-o", str(table))
        assert result.code == 0, result.stderr
        assert "from the overlay at" in table.read_text(encoding="utf-8")
    from icalendar import Calendar

    events = Calendar.from_ical(ok("--format", "ics")).walk("VEVENT")
    dated = [s for s in from_overlay if s["deadline"] is not None]
    with_tag = [e for e in events if tag in str(e.get("description"))]
    assert len(with_tag) == len(dated) and dated
    shipped_only = run(*build, "--format", "md").stdout
    assert "from the overlay" not in shipped_only


@pytest.mark.parametrize("length", ["full", "card"])
def test_a_handout_that_uses_an_overlay_record_says_so(run, tmp_path: Path, length: str) -> None:
    """A handout or pocket card drawing on a state's own SOP names the overlay folder (Markdown and HTML)."""
    shipped = Path(__file__).resolve().parents[1] / "sops" / "itpa-statutory.yaml"
    folder = tmp_path / "state-sops"
    (folder / "sops").mkdir(parents=True)
    head = "sop:\n  overrides: true\n  reason: The State's own copy with district contacts\n"
    (folder / "sops" / "itpa-statutory.yaml").write_text(shipped.read_text(encoding="utf-8").replace("sop:\n", head, 1), encoding="utf-8")
    build = ["handout", "build", "trafficking-csec", "--length", length]
    md = run("--kb", str(folder), *build, "--format", "md")
    assert md.code == 0, md.stderr
    assert f"Uses records from the overlay at {folder}" in md.stdout.replace("\\", "")
    html = run("--kb", str(folder), *build, "--format", "html")
    assert html.code == 0 and f"Uses records from the overlay at {folder}" in html.stdout
    assert "from the overlay" not in run(*build, "--format", "md").stdout
