"""`lexkit sop ...` on real output, on the shipped SOPs and on a small SOP of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from lexkit.kb.knowledge import default_root
from lexkit.kb.store import load
from lexkit.kb.yamlload import load_file
from lexkit.procedure.sops import PHASES, all_sops, condition_words, find_sop

SOPS = default_root() / "sops"

# A small SOP whose steps are out of phase order, with every kind of step field; its deadline
# rule lives in a small Act added to the minimal knowledge base.
TEST_ACT = """\
act:
  code: TST
  title: Test Act, 2015
  number: "9 of 2015"
  kind: special_act
  aliases: [TST, Test Act]
  in_force_from: "2016-01-15"
  sources: [{url: "https://example.invalid/test-act", kind: primary}]
  verification: primary
  last_verified_on: "2026-11-23"
sections:
  - id: TST-31
    number: "31"
    title: Production of a child
    text: A summary of the duty to produce a child.
    text_kind: summary
    time_limits:
      - id: TST-31.production
        what: Produce the child before the committee
        trigger: child_found
        period: {amount: 24, unit: hours}
        kind: deadline
        excludes: [journey_time]
        rolls: false
        sources: [{url: "https://example.invalid/test-act", kind: primary}]
        verification: primary
        last_verified_on: "2026-11-23"
    sources: [{url: "https://example.invalid/test-act", kind: primary}]
    verification: secondary
    last_verified_on: "2026-11-23"
"""

TEST_SOP = """\
sop:
  id: test-rescue-sop
  title: {en: "Test rescue SOP", hi: "परीक्षण एसओपी"}
  issued_by: Test Ministry
  issued_on: "2020-05"
  reference: "TM OM No. 1/2020"
  kind: sop
  summary: A small SOP for the tests.
  sources: [{url: "https://example.invalid/sop", kind: secondary}]
  verification: secondary
  last_verified_on: "2026-11-23"
steps:
  - id: rehabilitate
    phase: rehabilitation
    actor: District Magistrate
    modality: should
    title: Plan rehabilitation
    action: Draw up a rehabilitation plan.
    verification: unverified
  - id: produce-child
    phase: post-rescue
    actor: Rescue officer
    modality: shall
    title: Produce the child
    action: Produce the child before the committee.
    basis: [TST-31]
    deadline: {rule: TST-31.production}
    when: {victim_age: {lt: 18}}
    verification: primary
  - id: no-lockup
    phase: rescue
    actor: Police
    modality: shall_not
    title: Do not lock up a victim
    action: Keep a rescued person in a police lock-up.
    basis: [NEWC-20(1)]
    when: {any_of: [{inter_state: true}, {nationality: {in: [NP, BD]}}]}
    verification: secondary
  - id: plan-raid
    phase: pre-rescue
    actor: AHTU
    modality: may
    title: Plan the raid
    action: Plan the raid with an NGO.
    deadline:
      id: test-rescue-sop.plan
      trigger: information_received
      period: {amount: 2, unit: days}
      kind: target
      rolls: false
      sources: [{url: "https://example.invalid/sop", kind: secondary}]
      verification: secondary
      last_verified_on: "2026-11-23"
    notes: Good practice from the field.
    verification: secondary
  - id: second-rescue-step
    phase: rescue
    actor: Police
    modality: shall_not
    title: Do not photograph the victim
    action: Photograph or film a rescued person.
    verification: secondary
entitlements:
  - id: immediate-help
    kind: immediate_assistance
    scheme: TEST-SCHEME
    valid_from: "2020-05-01"
    amount_inr: 30000
    amount_is: up_to
    conditions: Paid at once by the District Magistrate.
    when: {victim_gender: female}
    sources: [{url: "https://example.invalid/sop", kind: secondary}]
    verification: secondary
    last_verified_on: "2026-11-23"
"""


@pytest.fixture
def sop_kb(minimal_kb: Path) -> Path:
    (minimal_kb / "provisions" / "tst.yaml").write_text(TEST_ACT, encoding="utf-8")
    (minimal_kb / "sops").mkdir()
    (minimal_kb / "sops" / "test-rescue-sop.yaml").write_text(TEST_SOP, encoding="utf-8")
    return minimal_kb


def _shipped_ids() -> list[str]:
    return sorted(load_file(p, p.name).data["sop"]["id"] for p in SOPS.glob("*.yaml"))


def _headings(markdown: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


# --- on the shipped knowledge base (whatever sops/ holds when the tests run) ---------------------

def test_sop_list_lists_every_file_in_sops(run) -> None:
    result = run("sop", "list", "--format", "json")
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(r["id"] for r in rows) == _shipped_ids()
    assert all(r["title"] and r["kind"] for r in rows)
    text = run("sop", "list").stdout
    assert [line.split()[0] for line in text.splitlines()] == sorted(_shipped_ids())


def test_sop_list_markdown(run) -> None:
    result = run("sop", "list", "--format", "md")
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    assert sum(t.type == "list_item_open" for t in tokens) == len(_shipped_ids())


def test_every_shipped_sop_shows_in_every_format(run) -> None:
    for sop_id in _shipped_ids():
        data = json.loads(run("sop", "show", sop_id, "--format", "json").stdout)
        assert data["id"] == sop_id
        phases = [p["phase"] for p in data["phases"]]
        assert phases == [p for p in PHASES if p in phases]
        assert [s["modality_words"] for s in data["steps"] if s["modality"] == "shall_not"] == [
            "shall not" for s in data["steps"] if s["modality"] == "shall_not"
        ]
        headings = _headings(run("sop", "show", sop_id, "--format", "md").stdout)
        assert headings[0] == (1, data["title"])
        assert [h for level, h in headings if level == 2 and h.startswith("Phase: ")] == [f"Phase: {p}" for p in phases]


def test_show_a_shipped_sop_as_text(run) -> None:
    sop_id = "itpa-statutory" if "itpa-statutory" in _shipped_ids() else _shipped_ids()[0]
    result = run("sop", "show", sop_id)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert "\nSummary\n-------\n" in result.stdout and "\nSources\n" in result.stdout


def test_unknown_sop_exits_1_with_a_suggestion(run) -> None:
    result = run("sop", "show", "nhrc-sop-2071")
    assert result.code == 1
    assert result.stdout == ""
    assert "no SOP 'nhrc-sop-2071'" in result.stderr
    assert "did you mean" in result.stderr or "SOPs held" in result.stderr


# --- on a knowledge base of our own -------------------------------------------------------------

def test_the_test_sop_is_a_valid_knowledge_base(run, sop_kb: Path) -> None:
    result = run("kb", "validate", "--kb", str(sop_kb))
    assert result.code == 0, result.stdout + result.stderr


def test_steps_are_grouped_by_phase_in_case_order(run, sop_kb: Path) -> None:
    result = run("--kb", str(sop_kb), "sop", "show", "test-rescue-sop")
    assert result.code == 0, result.stderr
    out = result.stdout
    order = [out.index(f"Phase: {p}") for p in ("pre-rescue", "rescue", "post-rescue", "rehabilitation")]
    assert order == sorted(order)
    assert "Phase: trial" not in out
    # steps are numbered in reading order, the two rescue steps in the order of the file
    assert "1. Plan the raid (plan-raid)" in out
    assert "2. Do not lock up a victim (no-lockup)" in out
    assert "3. Do not photograph the victim (second-rescue-step)" in out
    assert "4. Produce the child (produce-child)" in out
    assert "5. Plan rehabilitation (rehabilitate)" in out
    assert out.index("Issued by: Test Ministry") < out.index("Summary") < out.index("Phase: pre-rescue")
    assert out.index("Phase: rehabilitation") < out.index("Entitlements") < out.index("\nSources")


def test_each_step_says_modality_actor_basis_deadline_condition(run, sop_kb: Path) -> None:
    out = run("--kb", str(sop_kb), "sop", "show", "test-rescue-sop").stdout
    steps = {block.split("\n", 1)[0]: block for block in out.split("\n\n") if "Modality:" in block}
    lockup = steps["2. Do not lock up a victim (no-lockup)"]
    assert "Modality: shall not" in lockup
    assert "Actor: Police" in lockup
    assert "Legal basis: NEWC-20(1)" in lockup
    assert "When: (inter_state or nationality is one of NP, BD)" in lockup
    produce = steps["4. Produce the child (produce-child)"]
    assert "Modality: shall\n" in produce
    assert "Deadline: within 24 hours of the child being found (TST-31.production; excluding journey time)" in produce
    assert "When: victim_age < 18" in produce
    assert "Verification: primary" in produce
    raid = steps["1. Plan the raid (plan-raid)"]
    assert "Modality: may" in raid
    assert "Deadline: as far as possible within 2 days of the information reaching the police (test-rescue-sop.plan)" in raid
    assert "Notes: Good practice from the field." in raid
    assert "Modality: should (good practice)" in steps["5. Plan rehabilitation (rehabilitate)"]


def test_every_shall_not_step_is_rendered_shall_not(run, sop_kb: Path) -> None:
    data = json.loads(run("--kb", str(sop_kb), "sop", "show", "test-rescue-sop", "--format", "json").stdout)
    shall_not = [s for s in data["steps"] if s["modality"] == "shall_not"]
    assert [s["id"] for s in shall_not] == ["no-lockup", "second-rescue-step"]
    assert all(s["modality_words"] == "shall not" for s in shall_not)
    md = run("--kb", str(sop_kb), "sop", "show", "test-rescue-sop", "--format", "md").stdout
    html = MarkdownIt("commonmark").render(md)
    assert html.count("<strong>Modality:</strong> shall not") == 2


def test_json_has_phases_deadlines_and_entitlements(run, sop_kb: Path) -> None:
    result = run("--kb", str(sop_kb), "sop", "show", "test-rescue-sop", "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("id", "title", "kind", "issued_by", "issued_on", "reference", "summary", "phases", "steps",
                "entitlements", "sources", "verification", "last_verified_on"):
        assert key in data, key
    assert data["phases"] == [
        {"phase": "pre-rescue", "steps": ["plan-raid"]},
        {"phase": "rescue", "steps": ["no-lockup", "second-rescue-step"]},
        {"phase": "post-rescue", "steps": ["produce-child"]},
        {"phase": "rehabilitation", "steps": ["rehabilitate"]},
    ]
    produce = next(s for s in data["steps"] if s["id"] == "produce-child")
    assert produce["deadline"]["statutory"] is True
    assert produce["deadline"]["period"] == {"amount": 24, "unit": "hours"}
    assert produce["condition"] == {"victim_age": {"lt": 18}}
    (help_,) = data["entitlements"]
    assert help_["amount_text"] == "up to Rs 30,000" and help_["when"] == "victim_gender = female"


def test_markdown_document_structure(run, sop_kb: Path) -> None:
    md = run("--kb", str(sop_kb), "sop", "show", "test-rescue-sop", "--format", "md").stdout
    headings = _headings(md)
    assert headings[0] == (1, "Test rescue SOP")
    level2 = [h for level, h in headings if level == 2]
    assert level2 == ["Summary", "Phase: pre-rescue", "Phase: rescue", "Phase: post-rescue",
                      "Phase: rehabilitation", "Entitlements", "Sources"]
    level3 = [h for level, h in headings if level == 3]
    assert level3[0] == "1. Plan the raid (plan-raid)"
    assert "<em>" not in MarkdownIt("commonmark").render(md)  # child_found stays literal


def test_sop_list_on_own_kb(run, sop_kb: Path) -> None:
    result = run("--kb", str(sop_kb), "sop", "list")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("test-rescue-sop  sop")
    assert "(5 steps, 1 entitlement)" in result.stdout


def test_unknown_sop_in_own_kb_suggests_the_close_id(run, sop_kb: Path) -> None:
    result = run("--kb", str(sop_kb), "sop", "show", "test-rescue")
    assert result.code == 1
    assert "did you mean test-rescue-sop?" in result.stderr


def test_hindi_title_and_english_fallback(sop_kb: Path) -> None:
    from lexkit.render.sop import sop_dict, sop_text

    sop = find_sop(load(sop_kb), "test-rescue-sop")
    assert sop_dict(sop, lang="hi")["title"] == "परीक्षण एसओपी"
    assert sop_dict(sop, lang="hi")["summary"] == "A small SOP for the tests."
    assert sop_text(sop, lang="hi").startswith("परीक्षण एसओपी\n")
    assert [s.id for s in all_sops(load(sop_kb))] == ["test-rescue-sop"]


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        ({"victim_age": {"lt": 18}}, "victim_age < 18"),
        ({"inter_state": False}, "not inter_state"),
        ({"victim_age": {"ge": 18, "le": 21}}, "victim_age >= 18 and victim_age <= 21"),
        ({"not": {"nationality": "IN"}}, "not (nationality = IN)"),
        ({"any_of": [{"a": True}]}, "a"),
    ],
)
def test_condition_words(condition: dict[str, object], words: str) -> None:
    assert condition_words(condition) == words


def test_foreign_nationals_advisory_says_the_foreigners_act_is_repealed(run) -> None:
    # The Foreigners Act 1946 was repealed from 1 Sept 2025 by the Immigration and Foreigners Act
    # 2025, s.36(1): the 2012 advisory and the step against prosecuting a victim must say so.
    out = run("sop", "show", "mha-foreign-nationals-2012").stdout
    assert "1 Sept 2025" in out and "Immigration and Foreigners Act 2025" in out
    assert "https://www.indiacode.nic.in/handle/123456789/21918" in out
    data = json.loads(run("sop", "show", "mha-foreign-nationals-2012", "--format", "json").stdout)
    step = next(s for s in data["steps"] if s["id"] == "no-foreigners-act-prosecution")
    assert "Immigration and Foreigners Act 2025" in json.dumps(step)
