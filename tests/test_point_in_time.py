"""Point in time: a provision as it read on the offence date, and why.

The versions here are the structure's own tests; the law's versions are data in provisions/.
"""

from __future__ import annotations

import json
from pathlib import Path

ACT = """act:
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
  - id: ITPA-90
    number: "90"
    title: Present form
    text: The present text.
    text_kind: summary
    in_force_from: "2010-01-01"
    punishments:
      - {applies_to: "90", min_years: 7, max_years: 10, life: false, fine: required}
    sources: [{citation: "test fixture", kind: secondary}]
    verification: secondary
    last_verified_on: "2026-12-01"
    versions:
      - in_force_to: "2009-12-31"
        title: Earlier form
        text: The earlier text.
        text_kind: summary
        punishments:
          - {applies_to: "90", min_years: null, max_years: 2, life: false, fine: or_both}
        changed_by: Test Amendment Act, 2009
        changes: Punishment raised from up to 2 years to 7-10 years.
        sources: [{citation: "test fixture", kind: secondary}]
        verification: secondary
        last_verified_on: "2026-12-01"
  - id: ITPA-91
    number: "91"
    title: Inserted
    text: A section inserted in 2010.
    text_kind: summary
    in_force_from: "2010-01-01"
    sources: [{citation: "test fixture", kind: secondary}]
    verification: secondary
    last_verified_on: "2026-12-01"
    versions:
      - in_force_to: "2009-12-31"
        changed_by: Test Amendment Act, 2009
        changes: Inserted; there was no section 91 before.
        sources: [{citation: "test fixture", kind: secondary}]
        verification: secondary
        last_verified_on: "2026-12-01"
"""


def _overlay(tmp_path: Path) -> Path:
    folder = tmp_path / "versions"
    (folder / "provisions").mkdir(parents=True)
    (folder / "provisions" / "itpa-test.yaml").write_text(ACT, encoding="utf-8")
    return folder


def test_an_offence_before_an_amendment_gets_the_earlier_form(run, tmp_path: Path) -> None:
    folder = _overlay(tmp_path)
    old = json.loads(run("--kb", str(folder), "provision", "show", "ITPA 90", "--offence-date", "2005-06-01",
                         "--format", "json").stdout)
    assert old["title"] == "Earlier form" and old["text"] == "The earlier text."
    assert [p["max_years"] for p in old["punishments"]] == [2]
    assert old["version"]["in_force_to"] == "2009-12-31" and old["version"]["changed_by"] == "Test Amendment Act, 2009"
    assert "form in force from 1958-05-01 to 2009-12-31" in old["applicable"]["reason"]
    new = json.loads(run("--kb", str(folder), "provision", "show", "ITPA 90", "--offence-date", "2011-06-01",
                         "--format", "json").stdout)
    assert new["title"] == "Present form" and new["version"] is None
    assert [p["max_years"] for p in new["punishments"]] == [10]
    text = run("--kb", str(folder), "provision", "show", "ITPA 90", "--offence-date", "2005-06-01").stdout
    assert "This is the earlier form" in text and "The earlier text." in text and "The present text." not in text


def test_a_date_before_a_section_existed_says_so(run, tmp_path: Path) -> None:
    folder = _overlay(tmp_path)
    data = json.loads(run("--kb", str(folder), "provision", "show", "ITPA 91", "--offence-date", "2005-06-01",
                          "--format", "json").stdout)
    assert data["applicable"]["ids"] == []
    assert "there was no ITPA-91" in data["applicable"]["reason"] and "Inserted" in data["applicable"]["reason"]
