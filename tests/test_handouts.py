"""Trainer handouts: content from the knowledge base, order by audience, safe Markdown and HTML.

Golden files: tests/golden/handouts/<topic>.md and .html hold each topic's handout for the police
in English, compared exactly. After a deliberate change to the knowledge base, the topics file or
the renderers, rewrite them and review the diff before committing:

    LEXKIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_handouts.py

The goldens do not depend on today's date: entitlements are picked for the knowledge base's own
date (kb.meta.date) unless a date is passed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from lexkit.kb.knowledge import FOLDERS, KnowledgeBase, default_root
from lexkit.kb.store import load
from lexkit.render.handout import FALLBACK_NOTE, handout_html, handout_markdown, md_text
from lexkit.training.handouts import (
    AUDIENCES,
    DoDontRow,
    ProvisionRow,
    build_handout,
    deadline_phrase,
    list_topics,
    load_topics,
)

GOLDEN = Path(__file__).parent / "golden" / "handouts"
UPDATE = os.environ.get("LEXKIT_UPDATE_GOLDEN") == "1"
TOPIC_IDS = [t.id for t in list_topics()]
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(default_root())


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"missing golden {path}: run LEXKIT_UPDATE_GOLDEN=1 pytest tests/test_handouts.py"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, rerun with LEXKIT_UPDATE_GOLDEN=1"
    )


def _copy_kb(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge base (only its folders, never the whole checkout)."""
    src, dest = default_root(), tmp_path / "kb"
    for folder in {f.split("/")[0] for f in FOLDERS}:
        if (src / folder).is_dir():
            shutil.copytree(src / folder, dest / folder)
    return dest


# --------------------------------------------------------------------------- topics and goldens


def test_topics_file_refers_only_to_what_the_knowledge_base_holds(kb: KnowledgeBase) -> None:
    assert {"trafficking-csec", "bonded-labour", "child-labour", "child-victims", "new-criminal-laws"} <= set(TOPIC_IDS)
    for topic in load_topics().topics:
        assert topic.title.hi, f"{topic.id} has no Hindi title"
        for audience in AUDIENCES:
            handout = build_handout(kb, topic.id, audience)
            assert handout.missing == (), f"{topic.id}/{audience}: {handout.missing}"


@pytest.mark.parametrize("topic", TOPIC_IDS)
def test_golden_markdown(kb: KnowledgeBase, topic: str) -> None:
    _golden(f"{topic}.md", handout_markdown(build_handout(kb, topic, "police", "en")))


@pytest.mark.parametrize("topic", TOPIC_IDS)
def test_golden_html(kb: KnowledgeBase, topic: str) -> None:
    _golden(f"{topic}.html", handout_html(build_handout(kb, topic, "police", "en")))


def test_goldens_do_not_depend_on_today(kb: KnowledgeBase) -> None:
    assert build_handout(kb, "bonded-labour").on_date == kb.meta.date


# --------------------------------------------------------------------------- Markdown and HTML


@pytest.mark.parametrize("topic", TOPIC_IDS)
def test_markdown_is_commonmark_with_intact_tables(kb: KnowledgeBase, topic: str) -> None:
    text = handout_markdown(build_handout(kb, topic, "magistrate"))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    separators = [line for line in text.splitlines() if line.startswith("|---")]
    assert sum(t.type == "table_open" for t in tokens) == len(separators) > 0
    # Every row of a table has exactly the cells of its header: no stray | from the knowledge base.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---"):
            width = len(_UNESCAPED_PIPE.findall(lines[i - 1]))
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert len(_UNESCAPED_PIPE.findall(lines[j])) == width, lines[j]
                j += 1


def test_html_is_self_contained_and_printable(kb: KnowledgeBase) -> None:
    page = handout_html(build_handout(kb, "trafficking-csec"))
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<title>Human trafficking and commercial sexual exploitation (Police)</title>" in page
    assert "@page { size: A4; margin: 15mm; }" in page
    assert "break-inside: avoid" in page
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page)
    assert not re.search(r"\b(src|href)=", page)
    assert not re.search(r"url\(", page)


def test_md_text_escapes_markup() -> None:
    assert md_text("a | b") == r"a \| b"
    assert md_text("*x* _y_ <z> [l](u) &amp;") == r"\*x\* \_y\_ \<z\> \[l\](u) \&amp;"
    assert md_text("1. first", block=True) == r"1\. first"
    assert md_text("2026.11.1") == "2026.11.1"


def test_kb_strings_cannot_inject_markup(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _copy_kb(tmp_path)
    judgement = root / "judgements" / "bai-radha-1968.yaml"
    text = judgement.read_text(encoding="utf-8")
    assert "  holding: >-\n    The safeguards" in text
    judgement.write_text(
        text.replace("  holding: >-\n    The safeguards", "  holding: >-\n    <script>alert(1)</script> The safeguards"),
        encoding="utf-8",
    )
    bns = root / "provisions" / "bns-2023.yaml"
    text = bns.read_text(encoding="utf-8")
    assert "    title: Trafficking of person\n" in text
    bns.write_text(text.replace("    title: Trafficking of person\n", '    title: "Trafficking | of *person* _x_ <b>y</b>"\n', 1),
                   encoding="utf-8")

    page = run("--kb", str(root), "handout", "build", "trafficking-csec", "--format", "html", "--length", "full")
    assert page.code == 0, page.stderr
    assert "<script>" not in page.stdout and "alert(1)</script>" not in page.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; The safeguards" in page.stdout
    assert "<b>y</b>" not in page.stdout and "<em>" not in page.stdout
    assert "Trafficking | of *person* _x_ &lt;b&gt;y&lt;/b&gt;" in page.stdout

    md = run("--kb", str(root), "handout", "build", "trafficking-csec", "--length", "full")
    assert md.code == 0, md.stderr
    row = next(line for line in md.stdout.splitlines() if "| BNS s.143 |" in line)
    assert r"Trafficking \| of \*person\* \_x\_ \<b\>y\</b\>" in row
    assert len(_UNESCAPED_PIPE.findall(row)) == 7  # six cells


# --------------------------------------------------------------------------- content


def test_deadlines_are_written_relative(kb: KnowledgeBase) -> None:
    limit = kb.time_limits["JJA-31.production"]
    assert deadline_phrase(limit.kind, limit.amount, limit.unit, limit.trigger, limit.id, limit.excludes) == (
        "within 24 hours of the child being found (JJA-31.production; excluding journey time)"
    )
    handout = build_handout(kb, "trafficking-csec")
    section = handout.section("time-limits")
    assert section is not None
    whens = {row.id: row.when for row in section.rows}  # type: ignore[union-attr]
    assert whens["ITPA-17.custody-cap"] == "for no more than 10 days from the magistrate's order (ITPA-17.custody-cap)"


def test_provisions_show_old_and_new_codes(kb: KnowledgeBase) -> None:
    section = build_handout(kb, "trafficking-csec").section("provisions")
    assert section is not None
    rows = {r.id: r for r in section.rows if isinstance(r, ProvisionRow)}
    assert rows["BNS-143"].old == ("IPC s.370",) and rows["BNS-143"].new == "BNS s.143"
    assert rows["BNS-143"].classification == ("cognizable, non-bailable",)
    assert "143(2): trafficking of a person: RI 7 years to 10 years + fine" in rows["BNS-143"].punishment
    assert rows["ITPA-15"].old == ()
    # IPC 370A -> BNS 144 was checked against both bare texts on 2026-12-03: printed as secondary.
    assert not rows["BNS-144"].check.unverified
    text = handout_markdown(build_handout(kb, "trafficking-csec"))
    line = next(x for x in text.splitlines() if x.startswith("| IPC s.370A | BNS s.144 |"))
    assert line.rstrip().endswith("| secondary |")
    # what is still unverified is marked in print: the Prajwala SCC citation
    assert "(2016) 1 SCC 667 **(unverified)**" in text


def test_new_criminal_laws_shows_every_correspondence_row(kb: KnowledgeBase) -> None:
    section = build_handout(kb, "new-criminal-laws").section("correspondence")
    assert section is not None
    expected = [r for r in kb.correspondence if r.table in ("ipc-bns", "crpc-bnss")]
    assert len(section.rows) == len(expected) > 0
    codes = build_handout(kb, "new-criminal-laws").section("codes")
    assert codes is not None and {r.id for r in codes.rows} == {"IPC", "BNS", "CRPC", "BNSS"}


def test_dos_and_donts_carry_the_core_rules(kb: KnowledgeBase) -> None:
    section = build_handout(kb, "trafficking-csec").section("dos-and-donts")
    assert section is not None
    rows = {r.id: r for r in section.rows if isinstance(r, DoDontRow)}
    assert rows["unodc-csec-investigation-2007/victim-not-accused"].kind == "do"
    assert rows["unodc-csec-investigation-2007/victim-not-accused"].check.verification == "secondary"
    assert rows["mwcd-child-rescue-protocol-2006/no-mass-raids"].kind == "dont"
    assert rows["itpa-statutory/two-women-police-officers"].duty == "must"
    assert rows["unodc-csec-investigation-2007/no-publicity"].kind == "do"
    pocso = build_handout(kb, "child-victims").section("dos-and-donts")
    assert pocso is not None
    donts = {r.id for r in pocso.rows if isinstance(r, DoDontRow) and r.kind == "dont"}
    assert {"pocso-statutory/no-uniform", "pocso-statutory/no-night-in-police-station"} <= donts


def test_entitlements_are_those_in_force_on_the_date(kb: KnowledgeBase) -> None:
    def amounts(day: str | None) -> list[str]:
        section = build_handout(kb, "bonded-labour", on_date=day).section("entitlements")
        assert section is not None
        return [f"{r.what}={r.amount}" for r in section.rows if getattr(r, "amount", None)]

    now = amounts(None)
    assert "Immediate assistance=up to Rs 30,000" in now
    assert "Rehabilitation assistance (category: extreme)=Rs 3,00,000" in now  # Indian grouping
    then = amounts("2019-06-01")
    assert "Immediate assistance=Rs 20,000" in then and "Immediate assistance=up to Rs 30,000" not in then
    compensation = build_handout(kb, "trafficking-csec").section("entitlements")
    assert compensation is not None
    assert any("BNSS s.396" in r.basis and "CrPC s.357A" in r.basis for r in compensation.rows)  # type: ignore[union-attr]


def test_audience_changes_order_never_the_law(kb: KnowledgeBase) -> None:
    first = {
        "police": "procedure",
        "prosecutor": "provisions",
        "magistrate": "time-limits",
        "ngo": "entitlements",
        "community": "whom-to-tell",
    }
    baseline = build_handout(kb, "trafficking-csec", "police")

    def content(h):  # type: ignore[no-untyped-def]
        return {s.kind: sorted(r.id for r in s.rows) for s in h.sections}

    for audience, kind in first.items():
        handout = build_handout(kb, "trafficking-csec", audience)
        assert handout.sections[0].kind == kind
        assert content(handout) == content(baseline)
    magistrate = build_handout(kb, "trafficking-csec", "magistrate").section("time-limits")
    assert magistrate is not None and magistrate.rows[0].kind == "cap"  # type: ignore[union-attr]


def test_every_handout_states_version_date_and_disclaimer(kb: KnowledgeBase) -> None:
    for topic in TOPIC_IDS:
        text = handout_markdown(build_handout(kb, topic, "community"))
        assert f"Knowledge base {kb.meta.version} of {kb.meta.date}." in text
        assert " ".join(kb.meta.disclaimer.split()) in text


# --------------------------------------------------------------------------- Hindi


def test_hindi_falls_back_to_english_with_one_visible_note(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    # A step whose Hindi is missing (here removed from a copy of the knowledge base) is shown in
    # English, under one banner that counts the strings.
    root = _copy_kb(tmp_path)
    sop = root / "sops" / "jj-act-statutory.yaml"
    text = sop.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith('    action: {en: "Produce the child before the Child Welfare'))
    english_action = line.split('{en: "', 1)[1].split('", hi:', 1)[0]
    sop.write_text(text.replace(line, f'    action: "{english_action}"'), encoding="utf-8")
    result = run("--kb", str(root), "handout", "build", "child-victims", "--lang", "hi", "--length", "full")
    assert result.code == 0
    assert result.stdout.startswith("# पीड़ित बच्चे: किशोर न्याय अधिनियम और पॉक्सो\n")
    assert result.stdout.count(FALLBACK_NOTE) == 1
    assert f"{FALLBACK_NOTE} (1 strings)" in result.stdout and english_action in result.stdout
    assert "## मुख्य प्रावधान" in result.stdout
    english = run("--kb", str(root), "handout", "build", "child-victims", "--length", "full")
    assert FALLBACK_NOTE not in english.stdout
    page = run("--kb", str(root), "handout", "build", "child-victims", "--lang", "hi", "--format", "html", "--length", "full")
    assert '<html lang="hi">' in page.stdout and page.stdout.count(FALLBACK_NOTE) == 1


def test_every_handout_in_hindi_has_no_fallback(run) -> None:  # type: ignore[no-untyped-def]
    """Every word lexkit wrote for the booklets is translated; the law stays as held."""
    for topic in TOPIC_IDS:
        for audience in ("police", "prosecutor", "magistrate", "ngo", "community"):
            result = run("handout", "build", topic, "--lang", "hi", "--length", "full", "--audience", audience)
            assert result.code == 0 and result.stderr == "", result.stderr
            assert FALLBACK_NOTE not in result.stdout, (topic, audience)
            assert result.stdout.count("क़ानून का पाठ (धाराओं के शीर्षक") == 1
    trafficking = run("handout", "build", "trafficking-csec", "--lang", "hi", "--length", "full")
    assert "| विशेष पुलिस अधिकारी या तस्करी पुलिस अधिकारी | अनिवार्य |" in trafficking.stdout


def test_hindi_shows_act_titles_where_the_kb_has_them(kb: KnowledgeBase) -> None:
    handout = build_handout(kb, "new-criminal-laws", lang="hi")
    codes = handout.section("codes")
    assert codes is not None
    titles = {r.id: r.title for r in codes.rows}  # type: ignore[union-attr]
    assert titles["BNS"] == "भारतीय न्याय संहिता, 2023"
    assert titles["IPC"] == "Indian Penal Code, 1860"  # no Hindi title in the knowledge base: as held
    # An Act's title is the law as held: one note says so, and it is no fallback of lexkit's words.
    assert handout.law_as_held > 0 and handout.fallbacks == 0


# --------------------------------------------------------------------------- the CLI


def test_handout_list(run) -> None:  # type: ignore[no-untyped-def]
    result = run("handout", "list")
    assert result.code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == TOPIC_IDS


def test_unknown_topic_and_audience(run) -> None:  # type: ignore[no-untyped-def]
    result = run("handout", "build", "no-such-topic")
    assert result.code == 1 and "no handout topic" in result.stderr and "trafficking-csec" in result.stderr
    result = run("handout", "build", "bonded-labour", "--audience", "judge")
    assert result.code == 2


def test_output_file_is_never_overwritten_without_force(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "handout.html"
    first = run("handout", "build", "child-labour", "--format", "html", "-o", str(target))
    assert first.code == 0 and first.stdout == "" and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    target.write_text("keep me", encoding="utf-8")
    refused = run("handout", "build", "child-labour", "--format", "html", "-o", str(target))
    assert refused.code == 1
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.html"]  # no temporary file left

    forced = run("handout", "build", "child-labour", "--format", "html", "-o", str(target), "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.html"]
