"""`lexkit judgement ...` and the judgements library, on the shipped knowledge base's case law."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from lexkit.errors import Ambiguous, NotFound, UsageProblem
from lexkit.kb.models import Text
from lexkit.kb.store import load
from lexkit.law.judgements import all_judgements, find_judgement, list_judgements, parse_year, search_judgements
from lexkit.render.judgement import judgement_dict, md_escape


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load()


def _ids(stdout: str) -> list[str]:
    return [row["id"] for row in json.loads(stdout)]


@pytest.mark.parametrize(
    "query", ["vishal-jeet-1990", "Vishal Jeet", "vishal jeet v. union of india", "(1990) 3 SCC 318"]
)
def test_show_by_id_name_or_citation(run, query: str) -> None:
    result = run("judgement", "show", query, "--format", "json")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["id"] == "vishal-jeet-1990"
    for key in ("id", "name", "court", "decided_on", "citations", "provisions", "holding", "significance",
                "sources", "verification", "short_name", "court_level", "bench", "topics", "later_history"):
        assert key in data, key
    assert data["decided_on"] == "1990-05-02"
    assert {"citation": "(1990) 3 SCC 318", "reporter": "SCC", "verification": "secondary"} in data["citations"]
    assert data["sources"] and data["verification"] in ("primary", "secondary", "unverified")


def test_show_by_another_citation(run) -> None:
    result = run("judgement", "show", "(1996) 2 SCC 384", "--format", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "gurmit-singh-1996"


def test_show_text_has_holding_significance_and_sources(run) -> None:
    result = run("judgement", "show", "Bai Radha")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Bai Radha v State of Gujarat (1968)\n")
    for heading in ("Holding", "Significance", "Later history", "Sources"):
        assert f"\n{heading}\n" in out, heading
    assert "(1969) 1 SCC 43 [secondary]" in out
    assert "directory and not mandatory" in out
    assert result.stderr == ""


def test_show_markdown_is_commonmark_with_headings(run) -> None:
    result = run("judgement", "show", "bai-radha-1968", "--format", "md")
    assert result.code == 0, result.stderr
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Bai Radha v State of Gujarat (1968)"
    assert {"Holding", "Significance", "Sources"} <= set(headings)
    html = MarkdownIt("commonmark").render(result.stdout)
    assert "[secondary]" in html and "<em>" not in html


def test_ambiguous_name_lists_candidates(run) -> None:
    result = run("judgement", "show", "Bandhua Mukti Morcha")
    assert result.code == 1
    assert result.stdout == ""
    assert "fits 2 judgements" in result.stderr
    assert "bandhua-mukti-morcha-1984" in result.stderr and "bandhua-mukti-morcha-1991" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_judgement_suggests_a_close_one(run) -> None:
    result = run("judgement", "show", "Vishaal Jeet")
    assert result.code == 1
    assert result.stdout == ""
    assert "no judgement 'Vishaal Jeet'" in result.stderr
    assert "did you mean vishal-jeet-1990?" in result.stderr


def test_list_by_provision_matches_pinpoints_to_their_section(run) -> None:
    result = run("judgement", "list", "--provision", "ITPA 15", "--format", "json")
    assert result.code == 0, result.stderr
    assert "bai-radha-1968" in _ids(result.stdout)  # it cites ITPA-15(1) and ITPA-15(2)


def test_list_by_pinpoint(kb) -> None:  # type: ignore[no-untyped-def]
    assert "bai-radha-1968" in [j.id for j in list_judgements(kb, provision="u/s 15(2) ITPA")]
    assert "bai-radha-1968" not in [j.id for j in list_judgements(kb, provision="ITPA 15(6A)")]


def test_list_by_court(run) -> None:
    result = run("judgement", "list", "--court", "High Court", "--format", "json")
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all("High Court" in r["court"] for r in rows)
    assert "bombay-hc-corrective-home-release-2020" in [r["id"] for r in rows]
    by_level = _ids(run("judgement", "list", "--court", "high_court", "--format", "json").stdout)
    assert by_level == [r["id"] for r in rows]


def test_list_by_year(run) -> None:
    result = run("judgement", "list", "--year", "1990", "--format", "json")
    assert result.code == 0, result.stderr
    assert _ids(result.stdout) == ["vishal-jeet-1990"]


def test_list_text_is_oldest_first(run) -> None:
    result = run("judgement", "list")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(load().docs_of("judgement"))
    dates = [line.split()[1] for line in lines]
    assert dates == sorted(dates)


def test_list_markdown_is_a_list(run) -> None:
    result = run("judgement", "list", "--court", "Supreme", "--format", "md")
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    assert tokens[0].type == "bullet_list_open"
    assert sum(t.type == "list_item_open" for t in tokens) == len(result.stdout.splitlines())


@pytest.mark.parametrize("year", ["90", "19x0", "19900"])
def test_bad_year_is_a_usage_error(run, year: str) -> None:
    result = run("judgement", "list", "--year", year)
    assert result.code == 2
    assert result.stdout == ""
    assert "is not a year" in result.stderr


def test_list_with_no_match_says_so_on_stderr(run) -> None:
    result = run("judgement", "list", "--year", "1850", "--format", "json")
    assert result.code == 0
    assert json.loads(result.stdout) == []
    assert "no judgement matches" in result.stderr


def test_search_ranks_a_victim_or_accused_case_first(run) -> None:
    result = run("judgement", "search", "victim accused", "--format", "json")
    assert result.code == 0, result.stderr
    hits = json.loads(result.stdout)
    first = find_judgement(load(), hits[0]["id"])
    assert "victim-or-accused" in first.topics
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text_and_limit(run) -> None:
    result = run("judgement", "search", "bonded labour", "--limit", "2")
    assert result.code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 4  # two hits, two lines each


@pytest.mark.parametrize("query", ['370(4) "IPC', "AND OR NOT", "*", "s.15(2) (one a woman"])
def test_search_never_passes_raw_text_to_fts(kb, query: str) -> None:  # type: ignore[no-untyped-def]
    search_judgements(kb, query, 5)  # no sqlite3.OperationalError


def test_search_with_no_words_finds_nothing(run) -> None:
    result = run("judgement", "search", "--", "--!?")
    assert result.code == 0
    assert result.stdout == ""
    assert "no judgement matches" in result.stderr


def test_provision_show_lists_judgements_relying_on_it(run) -> None:
    result = run("provision", "show", "ITPA 15", "--format", "json")
    assert result.code == 0, result.stderr
    cited = json.loads(result.stdout)["cited_by"]
    assert {"kind": "judgement", "id": "bai-radha-1968", "title": "Bai Radha v State of Gujarat (1968)", "origin": None} in cited
    text = run("provision", "show", "ITPA 15").stdout
    assert "judgement bai-radha-1968: Bai Radha v State of Gujarat (1968)" in text.split("Relied on by")[1]


def test_library_errors(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Ambiguous) as amb:
        find_judgement(kb, "Gaurav Jain")
    assert [c.split()[0] for c in amb.value.candidates] == ["gaurav-jain-1989", "gaurav-jain-1997"]
    with pytest.raises(NotFound):
        find_judgement(kb, "no such case at all")
    with pytest.raises(UsageProblem):
        find_judgement(kb, "  ")
    with pytest.raises(UsageProblem):
        parse_year("1990s")
    assert parse_year("1990") == 1990


def test_every_judgement_renders_in_every_format(kb) -> None:  # type: ignore[no-untyped-def]
    from lexkit.render.judgement import judgement_text

    for j in all_judgements(kb):
        json.dumps(judgement_dict(j))
        assert judgement_text(j).startswith(j.label)
        tokens = MarkdownIt("commonmark").parse(judgement_text(j, markdown=True))
        assert tokens[0].type == "heading_open" and tokens[1].content == j.label


def test_hindi_falls_back_to_english(kb) -> None:  # type: ignore[no-untyped-def]
    j = find_judgement(kb, "vishal-jeet-1990")
    assert judgement_dict(j, lang="hi")["holding"] == j.holding.en
    hindi = j._replace(holding=Text(en=j.holding.en, hi="हिंदी सार"))
    assert judgement_dict(hindi, lang="hi")["holding"] == "हिंदी सार"
    assert judgement_dict(hindi)["holding"] == j.holding.en


@pytest.mark.parametrize("text", ["*not emphasis*", "a_b_c", "<b>html</b>", "[link](x)", "# heading", "1. list", "- item"])
def test_markdown_escape_keeps_text_literal(text: str) -> None:
    html = MarkdownIt("commonmark").render(md_escape(text))
    assert html.startswith("<p>")
    assert "<em>" not in html and "<a " not in html and "<b>" not in html


def test_missing_children_order_is_its_own_record(kb) -> None:  # type: ignore[no-untyped-def]
    # The FIR-for-every-missing-child order was made in WP(C) 75/2012 on 10 May 2013, not in the
    # 2011 circus-children case (WP(C) 51/2006).
    circus = find_judgement(kb, "bachpan-bachao-andolan-2011")
    missing = find_judgement(kb, "bachpan-bachao-andolan-2013")
    assert circus.case_number == "WP(C) 51/2006" and not circus.later_history
    assert missing.case_number == "WP(C) 75/2012" and str(missing.decided_on) == "2013-05-10"
    assert "CRPC-154" in missing.provisions and "BNSS-173" in missing.provisions


def test_audited_dates_and_citations(kb) -> None:  # type: ignore[no-untyped-def]
    assert str(find_judgement(kb, "p-sivaswamy-1988").decided_on) == "1988-08-10"
    assert str(find_judgement(kb, "sakshi-2004").decided_on) == "2004-05-26"
    assert str(find_judgement(kb, "bombay-hc-corrective-home-release-2020").decided_on) == "2020-09-24"
    # Karnataka High Court neutral citations are YEAR:KHC:NUMBER.
    karnataka = find_judgement(kb, "s-v-state-of-karnataka-2024")
    assert any(c.citation == "2024:KHC:20458" for c in karnataka.citations)


def test_default_bail_judgements_are_linked_to_the_time_limit_sections(run) -> None:
    cited = json.loads(run("provision", "show", "BNSS 187", "--format", "json").stdout)["cited_by"]
    ids = {c["id"] for c in cited if c["kind"] == "judgement"}
    assert {"ed-v-kapil-wadhawan-2023", "rakesh-kumar-paul-2017"} <= ids


def test_at_least_forty_judgements_each_with_sources_and_a_date_checked(kb) -> None:  # type: ignore[no-untyped-def]
    judgements = all_judgements(kb)
    assert len(judgements) >= 40
    assert all(j.sources for j in judgements)


def test_a_judgement_name_ranks_that_judgement_first(run) -> None:  # type: ignore[no-untyped-def]
    hits = json.loads(run("judgement", "search", "Vishal Jeet", "--format", "json").stdout)
    assert hits[0]["id"] == "vishal-jeet-1990"
    hits = json.loads(run("judgement", "search", "Bandhua Mukti Morcha", "--format", "json").stdout)
    assert hits[0]["id"].startswith("bandhua-mukti-morcha")
