"""Pocket cards: one per topic and audience, what that audience must do and know, in English and Hindi.

Golden files: tests/golden/cards/trafficking-csec-<audience>.md and .html (English), and the
police card in Hindi, compared exactly. After a deliberate change, rewrite them and review the diff:

    LEXKIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_cards.py

The page count (at most two A4 pages) is checked in Chromium: tests/test_handout_browser.py.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from lexkit.kb.knowledge import FOLDERS, KnowledgeBase, default_root
from lexkit.kb.models import Text
from lexkit.kb.store import load
from lexkit.render.card import card_html, card_markdown
from lexkit.render.handout import FALLBACK_NOTE
from lexkit.training.card import CARD_SECTIONS, MAX_ROWS
from lexkit.training.handouts import AUDIENCES, StepRow, build_card, build_handout, list_topics
from lexkit.training.words import catalogue_path, load_catalogue

GOLDEN = Path(__file__).parent / "golden" / "cards"
UPDATE = os.environ.get("LEXKIT_UPDATE_GOLDEN") == "1"
TOPIC_IDS = [t.id for t in list_topics()]
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(default_root())


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"missing golden {path}: run LEXKIT_UPDATE_GOLDEN=1 pytest tests/test_cards.py"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, rerun with LEXKIT_UPDATE_GOLDEN=1"
    )


def _copy_kb(tmp_path: Path) -> Path:
    src, dest = default_root(), tmp_path / "kb"
    for folder in {f.split("/")[0] for f in FOLDERS}:
        if (src / folder).is_dir():
            shutil.copytree(src / folder, dest / folder)
    return dest


# --------------------------------------------------------------------------- goldens


@pytest.mark.parametrize("audience", AUDIENCES)
def test_golden_card_markdown(kb: KnowledgeBase, audience: str) -> None:
    _golden(f"trafficking-csec-{audience}.md", card_markdown(build_card(kb, "trafficking-csec", audience)))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_golden_card_html(kb: KnowledgeBase, audience: str) -> None:
    _golden(f"trafficking-csec-{audience}.html", card_html(build_card(kb, "trafficking-csec", audience)))


def test_golden_hindi_card(kb: KnowledgeBase) -> None:
    _golden("trafficking-csec-police.hi.md", card_markdown(build_card(kb, "trafficking-csec", "police", "hi")))


# --------------------------------------------------------------------------- what each audience gets


def test_each_audience_gets_its_own_sections(kb: KnowledgeBase) -> None:
    for audience, kinds in CARD_SECTIONS.items():
        card = build_card(kb, "trafficking-csec", audience)
        assert card.length == "card"
        assert [s.kind for s in card.sections] == list(kinds), audience
    police = build_card(kb, "trafficking-csec", "police").section("duties")
    assert police is not None
    duties = {r.id: r for r in police.rows if isinstance(r, StepRow)}
    # A legal duty of the police with its statutory time limit, and one without a period.
    assert duties["bnss-statutory/send-for-medical-examination"].deadline == (
        "within 24 hours of the information reaching the police (BNSS-184.send-for-examination)"
    )
    assert "itpa-statutory/produce-forthwith" in duties
    assert all(r.duty == "must" for r in duties.values())  # shall: the card lists legal duties only
    prosecutor = build_card(kb, "trafficking-csec", "prosecutor")
    charges = prosecutor.section("charges")
    assert charges is not None
    bns143 = next(r for r in charges.rows if r.id == "BNS-143")
    assert bns143.old == ("IPC s.370",) and bns143.new == "BNS s.143"  # type: ignore[union-attr]
    protection = prosecutor.section("witness-protection")
    assert protection is not None and "bnss-statutory/witness-protection" in {r.id for r in protection.rows}
    limits = build_card(kb, "trafficking-csec", "magistrate").section("limits")
    assert limits is not None and limits.rows[0].kind == "cap"  # type: ignore[union-attr]


def test_card_rows_are_those_of_the_full_handout(kb: KnowledgeBase) -> None:
    """The card chooses; it never words the law differently from the booklet."""
    booklet = build_handout(kb, "trafficking-csec", "police")
    procedure = booklet.section("procedure")
    assert procedure is not None
    deadlines = {r.id: r.deadline for r in procedure.rows if isinstance(r, StepRow)}
    duties = build_card(kb, "trafficking-csec", "police").section("duties")
    assert duties is not None
    for row in duties.rows:
        assert isinstance(row, StepRow) and deadlines[row.id] == row.deadline


def test_a_long_section_is_cut_and_says_so(kb: KnowledgeBase) -> None:
    for topic in TOPIC_IDS:
        for audience in AUDIENCES:
            card = build_card(kb, topic, audience)
            assert card.sections, f"{topic}/{audience}: an empty card"
            for section in card.sections:
                assert len(section.rows) <= MAX_ROWS
                if section.more:
                    assert "more in the full handout (--length full)" in card_markdown(card)


def test_every_card_states_version_date_and_disclaimer(kb: KnowledgeBase) -> None:
    disclaimer = " ".join(kb.meta.disclaimer.split())
    for topic in TOPIC_IDS:
        for audience in AUDIENCES:
            text = card_markdown(build_card(kb, topic, audience))
            assert f"Knowledge base {kb.meta.version} of {kb.meta.date}." in text
            assert disclaimer in text and "does not replace, legal advice" in text
            hindi = card_markdown(build_card(kb, topic, audience, "hi"))
            assert f"ज्ञानकोष {kb.meta.version}, दिनांक {kb.meta.date}।" in hindi
            assert "कानूनी सलाह में सहायता करता है, उसका स्थान नहीं लेता" in hindi


# --------------------------------------------------------------------------- helplines


def test_community_card_prints_only_sourced_helplines(kb: KnowledgeBase) -> None:
    card = build_card(kb, "trafficking-csec", "community")
    section = card.section("helplines")
    assert section is not None
    rows = [r for r in section.rows if isinstance(r, StepRow)]
    assert {r.id for r in rows} == {"helplines/childline-1098", "helplines/women-helpline-181", "helplines/emergency-112"}
    for row in rows:
        assert row.check.sources, row.id  # every number has its source
        assert row.check.verification in ("primary", "secondary", "unverified")
    text = card_markdown(card)
    assert "Call 1098 (Childline)" in text and "Call 181 (Women Helpline)" in text and "Call 112" in text
    # Signs of trafficking: none is sourced in the knowledge base, and the card says so.
    assert "holds no sourced list of the signs of trafficking" in text


def test_without_a_sourced_helpline_the_card_says_so_and_prints_no_number(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _copy_kb(tmp_path)
    (root / "sops" / "helplines.yaml").unlink()
    result = run("--kb", str(root), "handout", "build", "trafficking-csec", "--audience", "community")
    assert result.code == 0, result.stderr
    assert "holds no sourced helpline number" in result.stdout
    for number in ("1098", "181", "112"):
        assert not re.search(rf"(?<![\d.\-]){number}(?![\d)])", result.stdout.split("## Whom to tell")[0]), number


# --------------------------------------------------------------------------- Hindi


def test_hindi_card_has_no_fallback_banner(kb: KnowledgeBase, run) -> None:  # type: ignore[no-untyped-def]
    for topic in TOPIC_IDS:
        for audience in AUDIENCES:
            assert build_card(kb, topic, audience, "hi").fallbacks == 0, f"{topic}/{audience}"
    for audience in AUDIENCES:
        card = build_card(kb, "trafficking-csec", audience, "hi")
        text = card_markdown(card)
        assert FALLBACK_NOTE not in text, audience
        assert card.translation == "lexkit, unverified"
        assert "हिंदी अनुवाद: lexkit द्वारा, असत्यापित" in text
    result = run("handout", "build", "trafficking-csec", "--lang", "hi", "--audience", "police")
    assert result.code == 0 and result.stderr == ""  # no fallback note on stderr either
    assert result.stdout.startswith("# मानव तस्करी और व्यावसायिक यौन शोषण\n")
    assert "## बचाव के कर्तव्य: क्या करना है, और कब तक" in result.stdout
    row = next(x for x in result.stdout.splitlines() if x.startswith("| पीड़ित को 24 घंटे के भीतर चिकित्सा परीक्षा के लिए भेजें"))
    assert "| पुलिस को सूचना मिलने के 24 घंटे के भीतर (BNSS-184.send-for-examination) |" in row
    assert "(केवल जहाँ मामला यौन शोषण का हो और पीड़ित महिला हो या 18 वर्ष से कम आयु का बालक (बालिका या बालक) हो)" in row
    # The Acts cited, by their official Hindi short titles where the knowledge base holds them.
    assert "BNSS: भारतीय नागरिक सुरक्षा संहिता, 2023" in result.stdout
    assert "ITPA: अनैतिक व्यापार (निवारण) अधिनियम, 1956" in result.stdout
    page = run("handout", "build", "trafficking-csec", "--lang", "hi", "--format", "html")
    assert '<html lang="hi">' in page.stdout and "Noto Sans Devanagari" in page.stdout and "Lohit Devanagari" in page.stdout


def test_statutory_text_stays_as_held_with_one_note(kb: KnowledgeBase) -> None:
    card = build_card(kb, "trafficking-csec", "prosecutor", "hi")
    text = card_markdown(card)
    assert card.law_as_held > 0 and card.fallbacks == 0
    assert text.count("क़ानून का पाठ (धाराओं के शीर्षक") == 1
    assert "Trafficking of person" in text  # BNS s.143's title, as the knowledge base holds it
    assert "कठोर कारावास 7 वर्ष से 10 वर्ष तक + जुर्माना" in text  # lexkit's wording of the punishment


def test_a_missing_translation_shows_the_banner(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _copy_kb(tmp_path)
    sop = root / "sops" / "bnss-statutory.yaml"
    text = sop.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("    title: {en: \"Send the victim for medical"))
    sop.write_text(text.replace(line, "    title: Send the victim for medical examination within 24 hours"), encoding="utf-8")
    result = run("--kb", str(root), "handout", "build", "trafficking-csec", "--lang", "hi")
    assert result.code == 0
    assert f"{FALLBACK_NOTE} (1 strings)" in result.stdout and FALLBACK_NOTE in result.stderr
    assert "Send the victim for medical examination within 24 hours" in result.stdout


def test_hindi_catalogue_is_complete_and_recorded() -> None:
    raw = yaml.safe_load(catalogue_path().read_text(encoding="utf-8"))
    assert raw["translation"] == {"by": "lexkit", "verification": "unverified", "last_verified_on": "2026-12-02"}
    for key, entry in raw["labels"].items():
        assert entry["en"] and _DEVANAGARI.search(entry["hi"]), key
        assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["hi"])), key
    assert load_catalogue().translation.verification == "unverified"


def test_text_carries_its_translation_record() -> None:
    text = Text.of({"en": "Call 112", "hi": "112 पर फ़ोन करें",
                    "translation": {"by": "lexkit", "verification": "unverified", "last_verified_on": "2026-12-02"}})
    assert text.get("hi") == "112 पर फ़ोन करें" and text.translation is not None
    assert text.translation.by == "lexkit" and text.translation.verification == "unverified"
    assert Text.of("Call 112").translation is None


def test_a_translation_record_needs_the_translation(minimal_kb: Path, run) -> None:  # type: ignore[no-untyped-def]
    (minimal_kb / "sops").mkdir(exist_ok=True)
    sop = minimal_kb / "sops" / "bad-translation.yaml"
    sop.write_text(
        "sop:\n  id: bad-translation\n"
        '  title: {en: "A title", translation: {by: lexkit, verification: unverified, last_verified_on: "2026-12-02"}}\n'
        "  kind: advisory\n  summary: A summary.\n"
        '  sources: [{url: "https://example.org", kind: secondary}]\n  verification: secondary\n'
        '  last_verified_on: "2026-12-02"\n'
        "steps:\n  - {id: one, phase: rescue, actor: Police, modality: may, title: T, action: A}\n",
        encoding="utf-8",
    )
    result = run("kb", "validate", "--kb", str(minimal_kb))
    assert result.code == 1
    assert "sops/bad-translation.yaml" in result.stdout + result.stderr


def test_unverified_translations_are_listed_like_every_unverified_fact(run) -> None:  # type: ignore[no-untyped-def]
    result = run("kb", "unverified")
    assert result.code == 0
    # helplines.yaml: title, summary, and actor, title and action of its three steps = 11 fields.
    assert "sops/helplines.yaml: 11 Hindi translation(s) not yet checked" in result.stdout


def test_an_open_classification_reads_in_hindi(kb: KnowledgeBase) -> None:
    """JJ Act s.87 (abetment) leaves cognizable and bail to the offence abetted: its words have Hindi too,
    where the one line per Schedule row (s.82, whose labels hold ': ') is translated word for word."""
    from lexkit.training.rows import classification_lines
    from lexkit.training.words import Words

    for sid, expected in (("JJA-87", "संज्ञेय या नहीं (आधार देखें), जमानत (आधार देखें)"), ("JJA-82", "संज्ञेय या नहीं (आधार देखें), अजमानतीय")):
        section = kb.section(sid)
        assert section is not None, sid
        words = Words("hi")
        lines = [words.classification(line) for line in classification_lines(section.classification)]
        assert words.fallbacks == 0, words.untranslated
        assert any(line.endswith(expected) for line in lines), lines
        english = Words("en")
        assert [english.classification(x) for x in classification_lines(section.classification)] == list(
            classification_lines(section.classification))
