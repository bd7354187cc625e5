"""Citations as charge-sheets write them resolve to the right section and pinpoint."""

from __future__ import annotations

import pytest

from lexkit.errors import Ambiguous, NotFound, UsageProblem
from lexkit.kb.store import load
from lexkit.law.citations import CitationResolver

RESOLVER = CitationResolver(load())


@pytest.mark.parametrize(
    "query,section,pinpoint",
    [
        ("BNS-143", "BNS-143", "BNS-143"),
        ("BNS 143", "BNS-143", "BNS-143"),
        ("bns 143", "BNS-143", "BNS-143"),
        ("S. 143 BNS", "BNS-143", "BNS-143"),
        ("u/s 370(4) IPC", "IPC-370", "IPC-370(4)"),
        ("U/S 370 (4) I.P.C.", "IPC-370", "IPC-370(4)"),
        ("section 15(6A) of ITPA", "ITPA-15", "ITPA-15(6A)"),
        ("Sec. 164A Cr.P.C.", "CRPC-164A", "CRPC-164A"),
        ("s.164A CrPC", "CRPC-164A", "CRPC-164A"),
        ("JJ Act s.31", "JJA-31", "JJA-31"),
        ("Section 2(14) of the JJ Act", "JJA-2", "JJA-2(14)"),
        ("PITA 5", "ITPA-5", "ITPA-5"),
        ("S. 22AA ITPA", "ITPA-22AA", "ITPA-22AA"),
        ("CLPRA 14", "CLPRA-14", "CLPRA-14"),
        ("BLSA s.16", "BLSA-16", "BLSA-16"),
        ("POCSO 19(6)", "POCSO-19", "POCSO-19(6)"),
        ("BNSS 187(3)", "BNSS-187", "BNSS-187(3)"),
        ("GCA s.9", "GCA-9", "GCA-9"),
        ("Art. 23", "CONST-23", "CONST-23"),
        ("Article 21 of the Constitution", "CONST-21", "CONST-21"),
    ],
)
def test_resolves(query: str, section: str, pinpoint: str) -> None:
    citation = RESOLVER.resolve(query)
    assert (citation.section.id, citation.pinpoint_ref) == (section, pinpoint)


def test_bnss_is_not_read_as_bns() -> None:
    assert RESOLVER.resolve("BNSS 183").section.id == "BNSS-183"


def test_bare_number_is_ambiguous_and_lists_candidates() -> None:
    with pytest.raises(Ambiguous) as info:
        RESOLVER.resolve("302")
    assert {"IPC-302", "BNS-302"} <= set(info.value.candidates)


def test_bare_number_held_in_two_acts_lists_both() -> None:
    with pytest.raises(Ambiguous) as info:
        RESOLVER.resolve("s. 143")
    assert "BNS-143" in info.value.candidates


def test_unknown_section_suggests_close_ids() -> None:
    with pytest.raises(NotFound) as info:
        RESOLVER.resolve("BNS 1433")
    assert info.value.hint and "BNS-143" in info.value.hint


@pytest.mark.parametrize("query,named", [
    ("u/s 370(4), 370A IPC", ["IPC-370(4)", "IPC-370A"]),
    ("370/370A IPC", ["IPC-370", "IPC-370A"]),
    ("u/s 370 r/w 370A IPC", ["IPC-370", "IPC-370A"]),
    ("ss. 3, 4, 5 ITPA", ["ITPA-3", "ITPA-4", "ITPA-5"]),
    ("BNS 143(3), 144(1), 2(3)", ["BNS-143(3)", "BNS-144(1)", "BNS-2(3)"]),
    ("u/s 370 IPC and 5 ITPA", ["IPC-370", "ITPA-5"]),
    ("BNS 143 and ITPA 5", ["BNS-143", "ITPA-5"]),
    ("JJ Act 2015 s.31", ["JJA-31"]),
    ("u/s 370 " * 500 + "IPC", ["IPC-370"]),
])
def test_a_charge_names_every_section_in_order(query: str, named: list[str]) -> None:
    assert [c.pinpoint_ref for c in RESOLVER.resolve_all(query)] == named


def test_a_charge_with_an_unknown_section_is_an_error_not_a_gap() -> None:
    with pytest.raises(NotFound) as info:
        RESOLVER.resolve_all("u/s 370, 9999 IPC")
    assert "IPC-9999" in info.value.message


def test_text_without_a_number_is_a_usage_problem() -> None:
    with pytest.raises(UsageProblem):
        RESOLVER.resolve("trafficking IPC")


@pytest.mark.parametrize("query,section", [
    ("Sec 164-A CrPC", "CRPC-164A"), ("Sec 164 A CrPC", "CRPC-164A"), ("IPC 370-A", "IPC-370A"),
    ("IPC S.370-A", "IPC-370A"), ("ITPA 22-A", "ITPA-22A"), ("S. 22 AA ITPA", "ITPA-22AA"),
])
def test_a_split_section_letter_is_joined_never_dropped(query: str, section: str) -> None:
    assert RESOLVER.resolve(query).section.id == section


def test_a_split_letter_that_does_not_exist_is_not_found_not_the_bare_number() -> None:
    with pytest.raises(NotFound):
        RESOLVER.resolve("BNSS 176-A")


def test_one_of_several_sections_and_a_missing_pinpoint_are_warned() -> None:
    assert "names 3 sections" in RESOLVER.resolve("u/s 3,4,5 ITPA").warnings[0]
    assert RESOLVER.resolve("BNS 143(99)").warnings
    assert RESOLVER.resolve("u/s 370(4) IPC").warnings == ()


def test_a_long_query_is_shortened_in_the_message() -> None:
    with pytest.raises(Ambiguous) as info:
        RESOLVER.resolve("302 " + "x" * 5000)
    assert len(info.value.message) < 200
