"""`lexkit provision ...` on real output: stdout is the product, stderr the messages."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt


def test_show_text_has_everything_a_prosecutor_needs(run) -> None:
    result = run("provision", "show", "u/s 370(4) IPC")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert out.startswith("IPC-370 (pinpoint IPC-370(4)): Trafficking of person")
    for heading in ("Text (summary in our own words", "Punishment", "Classification", "Old and new codes", "Sources"):
        assert heading in out
    assert "BNS-143" in out
    # the pinpoint picks the First Schedule row of 370(4)
    assert "370(4)" in out.split("Classification")[1].split("Old and new codes")[0]
    assert result.stderr == ""


def test_show_json_keys_and_values(run) -> None:
    result = run("provision", "show", "S. 143 BNS", "--format", "json")
    data = json.loads(result.stdout)
    for key in ("id", "act", "section", "pinpoint", "title", "text", "text_kind", "in_force_from", "in_force_to",
                "punishments", "cognizable", "bailable", "triable_by", "predecessors", "successors", "time_limits",
                "sources", "verification", "last_verified_on"):
        assert key in data, key
    assert (data["id"], data["act"], data["section"], data["text_kind"]) == ("BNS-143", "BNS", "143", "statutory")
    assert data["in_force_from"] == "2024-07-01" and data["in_force_to"] is None
    grades = {p["applies_to"].split(":")[0]: p for p in data["punishments"]}
    assert (grades["143(2)"]["min_years"], grades["143(2)"]["max_years"], grades["143(2)"]["life"]) == (7, 10, False)
    assert grades["143(5)"]["min_years"] == 14 and grades["143(5)"]["life"] is True
    assert grades["143(7)"]["life_meaning"] == "remainder_of_natural_life"
    assert data["cognizable"] is True and data["bailable"] is False
    assert data["triable_by"] == "Court of Session"
    assert [p["id"] for p in data["predecessors"]] == ["IPC-370"]
    assert data["predecessors"][0]["relation"] == "modified" and "beggary" in data["predecessors"][0]["changes"]
    assert data["successors"] == []
    assert data["sources"][0]["url"].startswith("https://www.indiacode.nic.in/")
    assert "applicable" not in data


def test_months_are_fractions_of_a_year(run) -> None:
    data = json.loads(run("provision", "show", "POCSO 21", "--format", "json").stdout)
    assert any(p["max_years"] == 0.5 for p in data["punishments"])


def test_offence_before_1_july_2024_is_charged_under_ipc(run) -> None:
    data = json.loads(run("provision", "show", "BNS 143", "--offence-date", "30/06/2024", "--format", "json").stdout)
    assert data["applicable"]["id"] == "IPC-370"
    assert "before BNS came into force on 2024-07-01" in data["applicable"]["reason"]


def test_offence_after_1_july_2024_is_charged_under_bns(run) -> None:
    data = json.loads(run("provision", "show", "IPC 370A", "--offence-date", "2024-07-01", "--format", "json").stdout)
    assert data["applicable"]["id"] == "BNS-144"
    assert "after IPC was repealed" in data["applicable"]["reason"]


def test_new_bns_offence_has_no_earlier_equivalent(run) -> None:
    data = json.loads(run("provision", "show", "BNS 95", "--offence-date", "2023-01-01", "--format", "json").stdout)
    assert data["applicable"]["id"] is None
    assert "no predecessor" in data["applicable"]["reason"]


def test_special_act_applies_on_any_date_it_is_in_force(run) -> None:
    data = json.loads(run("provision", "show", "ITPA 15", "--offence-date", "2025-03-01", "--format", "json").stdout)
    assert data["applicable"]["id"] == "ITPA-15"


def test_show_markdown_is_valid_commonmark(run) -> None:
    result = run("provision", "show", "JJ Act s.31", "--format", "md")
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "JJA-31: Production before Committee"
    assert "Time limits" in headings and "Sources" in headings
    assert "JJA-31.production" in result.stdout


def test_show_lists_time_limits_with_journey_time(run) -> None:
    data = json.loads(run("provision", "show", "JJ Act s.31", "--format", "json").stdout)
    limit = data["time_limits"][0]
    assert (limit["id"], limit["period"]["amount"], limit["period"]["unit"]) == ("JJA-31.production", 24, "hours")
    assert limit["excludes"] == ["journey_time"] and limit["rolls"] is False


def test_map_old_to_new(run) -> None:
    data = json.loads(run("provision", "map", "IPC 373", "--format", "json").stdout)
    assert data["from"]["id"] == "IPC-373"
    assert [t["id"] for t in data["to"]] == ["BNS-99"]
    assert data["to"][0]["relation"] == "modified" and data["to"][0]["sources"]


def test_map_new_to_old(run) -> None:
    data = json.loads(run("provision", "map", "BNSS 183", "--format", "json").stdout)
    assert [t["id"] for t in data["to"]] == ["CRPC-164"]


def test_map_text(run) -> None:
    result = run("provision", "map", "IPC 366A")
    assert result.code == 0
    assert result.stdout.startswith("IPC-366A (") and "BNS-96" in result.stdout and "relation:" in result.stdout


def test_search_ranks_and_snippets(run) -> None:
    hits = json.loads(run("provision", "search", "search without warrant", "--format", "json").stdout)
    assert hits[0]["id"] == "ITPA-15"
    assert set(hits[0]) == {"id", "title", "snippet", "score", "origin"}
    assert "[warrant]" in hits[0]["snippet"]


def test_search_filters_by_act_and_limits(run) -> None:
    hits = json.loads(run("provision", "search", "child", "--act", "JJ Act", "--limit", "3", "--format", "json").stdout)
    assert 0 < len(hits) <= 3 and all(h["id"].startswith("JJA-") for h in hits)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_with_a_citation_goes_to_the_resolver(run) -> None:
    result = run("provision", "search", "u/s 370(4) IPC", "--format", "json")
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == ["IPC-370"]
    assert "is a citation" in result.stderr


def test_search_with_parentheses_is_not_an_fts_syntax_error(run) -> None:
    result = run("provision", "search", "370(4) (exploitation", "--format", "json")
    assert result.code == 0 and "Traceback" not in result.stderr


def test_unknown_citation_exits_1_with_suggestion(run) -> None:
    result = run("provision", "show", "BNS 1433")
    assert result.code == 1 and result.stdout == ""
    assert "not in the knowledge base" in result.stderr and "BNS-143" in result.stderr


def test_ambiguous_citation_lists_candidates(run) -> None:
    result = run("provision", "show", "302")
    assert result.code == 1
    assert "candidates:" in result.stderr and "IPC-302" in result.stderr and "BNS-302" in result.stderr


def test_usage_errors_exit_2_without_traceback(run) -> None:
    for args in (("provision", "show", "BNS 143", "--format", "xml"),
                 ("provision", "show", "BNS 143", "--offence-date", "31/02/2024"),
                 ("provision", "nope"),
                 ("provision", "search", "x", "--limit", "0")):
        result = run(*args)
        assert result.code == 2, args
        assert result.stdout == ""
        assert result.stderr.startswith("lexkit: error:"), result.stderr
        assert "Traceback" not in result.stderr


def test_bad_offence_date_names_the_accepted_formats(run) -> None:
    result = run("provision", "show", "BNS 143", "--offence-date", "yesterday")
    assert "YYYY-MM-DD or DD/MM/YYYY" in result.stderr


def test_missing_knowledge_base_is_a_clear_error(run, tmp_path) -> None:
    result = run("--kb", str(tmp_path / "nowhere"), "provision", "show", "BNS 143")
    assert result.code == 1
    assert "knowledge base folder not found" in result.stderr and "Traceback" not in result.stderr


def test_broken_knowledge_base_points_to_validate(run, minimal_kb) -> None:
    path = minimal_kb / "provisions" / "new.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sections: []\n", encoding="utf-8")
    result = run("--kb", str(minimal_kb), "provision", "show", "NEWC 20")
    assert result.code == 1
    assert "duplicate key 'sections'" in result.stderr and "lexkit kb validate" in result.stderr


def test_version(run) -> None:
    result = run("--version")
    assert result.code == 0 and result.stdout.startswith("lexkit ")


def test_bare_command_prints_help_and_succeeds(run) -> None:
    result = run()
    assert result.code == 0 and "Commands:" in result.stdout and result.stderr == ""


def test_debug_is_accepted_anywhere(run) -> None:
    assert run("provision", "show", "BNS 143", "--debug").code == 0


def test_empty_search_is_a_usage_error(run) -> None:
    result = run("provision", "search", " ")
    assert result.code == 2 and "empty" in result.stderr


def test_a_pasted_charge_sheet_becomes_a_short_query(run) -> None:
    # Thousands of repeated prefix terms once took minutes in FTS5: words are de-duplicated and capped.
    from lexkit.law.search import MAX_WORDS, _fts_query

    query = _fts_query("u/s 370 " * 2000 + " ".join(f"w{n}" for n in range(50)), "AND")
    assert query is not None and query.count('"') == 2 * MAX_WORDS
    # A word of one or two letters is never a prefix ("u"* and "s"* name most of the index).
    assert query.startswith('"u" AND "s" AND "370"*')
    result = run("provision", "search", "u/s 370 " * 2000, "--format", "json")
    assert result.code == 0 and json.loads(result.stdout)


def test_a_charge_shows_every_section_named_in_order(run) -> None:
    result = run("provision", "show", "u/s 370(4), 370A IPC", "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and [d["pinpoint"] for d in data] == ["IPC-370(4)", "IPC-370A"]
    assert [s["id"] for s in data[0]["successors"]] == ["BNS-143"]
    text = run("provision", "show", "ss. 3, 4 ITPA").stdout
    assert text.index("ITPA-3:") < text.index("ITPA-4:")
    single = json.loads(run("provision", "show", "ITPA 3", "--format", "json").stdout)
    assert isinstance(single, dict) and single["id"] == "ITPA-3"


def test_provision_list_names_what_is_held(run) -> None:
    rows = json.loads(run("provision", "list", "--act", "PITA", "--format", "json").stdout)
    assert rows and all(r["id"].startswith("ITPA-") for r in rows)
    assert {"ITPA-15", "ITPA-5"} <= {r["id"] for r in rows}
    assert run("provision", "list", "--act", "XYZ").code == 2


def test_a_section_number_in_a_query_ranks_that_section_first(run) -> None:
    hits = json.loads(run("provision", "search", "143", "--format", "json").stdout)
    assert hits[0]["id"] == "BNS-143"
    hits = json.loads(run("provision", "search", "370A exploitation", "--format", "json").stdout)
    assert hits[0]["id"] == "IPC-370A"
    # several Acts have a section 370: the offence comes before the procedure code's section of that number
    ids = [h["id"] for h in json.loads(run("provision", "search", "370", "--format", "json").stdout)]
    assert ids[0] == "IPC-370" and ids.index("IPC-370") < ids.index("BNSS-370") < ids.index("CRPC-370")


@pytest.mark.parametrize("charge,named,other", [
    ("u/s 370(4), 34 IPC", ["IPC-370(4)", "IPC-34"], ["BNS-143", "BNS-3(5)"]),
    ("370/34 IPC", ["IPC-370", "IPC-34"], ["BNS-143", "BNS-3(5)"]),
    ("u/s 370 r/w 120B IPC", ["IPC-370", "IPC-120B"], ["BNS-143", "BNS-61(2)"]),
    ("ss. 3, 4, 5 ITPA", ["ITPA-3", "ITPA-4", "ITPA-5"], [None, None, None]),
    ("BNS 143(3), 3(5), 61(2)", ["BNS-143(3)", "BNS-3(5)", "BNS-61(2)"], ["IPC-370", None, "IPC-120B"]),
])
def test_the_charges_a_charge_sheet_writes(run, charge: str, named: list[str], other: list[str | None]) -> None:
    """Issue 9 point 4: every section named, in order, each with the other code beside it."""
    result = run("provision", "show", charge, "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["pinpoint"] for d in data] == named
    for d, counterpart in zip(data, other, strict=True):
        if counterpart is not None:  # ITPA and BNS 3(5) have no single counterpart to name here
            assert counterpart in [x["id"] for x in d["successors"] + d["predecessors"]]
