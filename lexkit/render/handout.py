"""Render a handout as Markdown (CommonMark with GFM pipe tables) and as one self-contained HTML file.

Every knowledge-base string goes through ``md_text`` before it reaches the Markdown, so a ``|``
cannot break a table and a ``*``, ``_`` or ``<`` cannot turn into markup. The HTML is rendered
from that Markdown by markdown-it-py with raw HTML disabled, so nothing in the knowledge base
can become a tag: a ``<script>`` in a holding prints as text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from markdown_it import MarkdownIt

from lexkit.procedure.wording import PHASES
from lexkit.render.markdown import md_text
from lexkit.training.handouts import (
    ActRow,
    Check,
    CorrespondenceView,
    DoDontRow,
    EntitlementRow,
    Handout,
    HandoutSection,
    JudgementRow,
    ProvisionRow,
    StepRow,
    TellRow,
    TimeLimitRow,
)

FALLBACK_NOTE = "हिंदी अनुवाद उपलब्ध नहीं; English shown"
UNVERIFIED = "**(unverified)**"

#: Labels lexkit prints around the knowledge base's words, with Hindi where it is certain.
LABELS: dict[str, dict[str, str]] = {
    "provisions": {"en": "Key provisions", "hi": "मुख्य प्रावधान"},
    "procedure": {"en": "Procedure", "hi": "प्रक्रिया"},
    "time-limits": {"en": "Statutory time limits", "hi": "वैधानिक समय-सीमाएँ"},
    "dos-and-donts": {"en": "Do's and don'ts", "hi": "क्या करें और क्या न करें"},
    "judgements": {"en": "Landmark judgements", "hi": "महत्वपूर्ण न्यायिक निर्णय"},
    "entitlements": {"en": "The victim's entitlements", "hi": "पीड़ित के अधिकार"},
    "whom-to-tell": {"en": "Whom to tell", "hi": "किसे बताएँ"},
    "correspondence": {"en": "Old and new sections", "hi": "पुरानी और नई धाराएँ"},
    "codes": {"en": "Which code applies", "hi": "कौन-सी संहिता लागू होती है"},
    "sources": {"en": "Sources", "hi": "स्रोत"},
    "do": {"en": "Do", "hi": "क्या करें"},
    "dont": {"en": "Don't", "hi": "क्या न करें"},
    "for": {"en": "For", "hi": "किसके लिए"},
    "missing": {"en": "Not in this knowledge base (left out)", "hi": "Not in this knowledge base (left out)"},
    "kb": {"en": "Knowledge base", "hi": "Knowledge base"},
}

_PHASE_LABELS = {p: p[:1].upper() + p[1:] for p in PHASES}

def _label(key: str, lang: str) -> str:
    return LABELS[key].get(lang, LABELS[key]["en"])


def check_text(check: Check) -> str:
    """The verification marker of a row: unverified rows are marked so that nobody misses them."""
    return UNVERIFIED if check.unverified else md_text(check.verification)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        cells = [c if c else " " for c in row]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def _join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(md_text(i) for i in items if i)


# --------------------------------------------------------------------------- sections


def _provisions(rows: tuple[ProvisionRow, ...]) -> list[str]:
    def old(r: ProvisionRow) -> str:
        if r.old:
            return _join(r.old, ", ")
        return "— (new)" if r.relation == "new" else "—"

    return _table(
        ["Old code", "Provision", "Title", "Punishment", "Cognizable / bailable", "Checked"],
        ([old(r), md_text(r.new), md_text(r.title), _join(r.punishment) or "—", _join(r.classification) or "—",
          check_text(r.check)] for r in rows),
    )


def _procedure(rows: tuple[StepRow, ...]) -> list[str]:
    lines: list[str] = []
    phases = list(dict.fromkeys(r.phase for r in rows))
    for phase in phases:
        lines += [f"### {md_text(_PHASE_LABELS.get(phase, phase))}", ""]
        lines += _table(
            ["Who", "Duty", "What", "By when", "Basis", "Checked"],
            (
                [md_text(r.actor), md_text(r.duty),
                 md_text(r.text) + (f" ({md_text(r.condition)})" if r.condition else ""),
                 md_text(r.deadline) or "—", _join(r.basis, ", ") or "—", check_text(r.check)]
                for r in rows if r.phase == phase
            ),
        )
    return lines


def _time_limits(rows: tuple[TimeLimitRow, ...]) -> list[str]:
    return _table(
        ["Time limit", "What", "Who", "Checked"],
        ([md_text(r.when), md_text(r.what), md_text(r.who) or "—", check_text(r.check)] for r in rows),
    )


def _dos(rows: tuple[DoDontRow, ...], lang: str) -> list[str]:
    lines: list[str] = []
    for kind in ("do", "dont"):
        chosen = [r for r in rows if r.kind == kind]
        if not chosen:
            continue
        lines += [f"### {_label(kind, lang)}", ""]
        for r in chosen:
            extra = [r.duty, *r.basis] + ([r.condition] if r.condition else [])
            lines.append(f"- **{md_text(r.text)}** ({_join(extra, '; ')}) {check_text(r.check)}")
        lines.append("")
    return lines


def _judgements(rows: tuple[JudgementRow, ...]) -> list[str]:
    lines: list[str] = []
    for r in rows:
        cited = md_text(r.citation) + (f" {UNVERIFIED}" if r.citation_unverified else "") if r.citation else "no citation"
        lines += [
            f"### {md_text(r.label)}",
            "",
            f"{md_text(r.court)}, {md_text(r.decided_on)}; {cited}. Checked: {check_text(r.check)}",
            "",
            f"**Held:** {md_text(r.holding)}",
            "",
            f"**Why it matters:** {md_text(r.significance)}",
            "",
        ]
    return lines


def _entitlements(section: HandoutSection) -> list[str]:
    rows = [r for r in section.rows if isinstance(r, EntitlementRow)]
    lines = [md_text(section.intro, block=True), ""] if section.intro else []
    return lines + _table(
        ["What", "Amount", "Conditions", "Basis", "In force", "Checked"],
        ([md_text(r.what), md_text(r.amount) or "—", md_text(r.conditions) or "—", md_text(r.basis),
          md_text(r.in_force) or "—", check_text(r.check)] for r in rows),
    )


def _tell(rows: tuple[TellRow, ...]) -> list[str]:
    return [f"- {md_text(r.text, block=True)} ({md_text(r.basis)}) {check_text(r.check)}" for r in rows] + [""]


def _correspondence(rows: tuple[CorrespondenceView, ...]) -> list[str]:
    return _table(
        ["Old", "New", "Relation", "What changed", "Checked"],
        ([md_text(r.old) or "— (none)", md_text(r.new) or "— (none)", md_text(r.relation), md_text(r.changes),
          check_text(r.check)] for r in rows),
    )


def _codes(rows: tuple[ActRow, ...]) -> list[str]:
    return _table(
        ["Act", "In force from", "In force to", "Replaces", "Replaced by", "Checked"],
        ([md_text(r.title), md_text(r.in_force_from), md_text(r.in_force_to) or "in force", md_text(r.replaces) or "—",
          md_text(r.repealed_by) or "—", check_text(r.check)] for r in rows),
    )


def _section(section: HandoutSection, lang: str) -> list[str]:
    rows = section.rows
    body: list[str]
    if section.kind == "provisions":
        body = _provisions(tuple(r for r in rows if isinstance(r, ProvisionRow)))
    elif section.kind == "procedure":
        body = _procedure(tuple(r for r in rows if isinstance(r, StepRow)))
    elif section.kind == "time-limits":
        body = _time_limits(tuple(r for r in rows if isinstance(r, TimeLimitRow)))
    elif section.kind == "dos-and-donts":
        body = _dos(tuple(r for r in rows if isinstance(r, DoDontRow)), lang)
    elif section.kind == "judgements":
        body = _judgements(tuple(r for r in rows if isinstance(r, JudgementRow)))
    elif section.kind == "entitlements":
        body = _entitlements(section)
    elif section.kind == "whom-to-tell":
        body = _tell(tuple(r for r in rows if isinstance(r, TellRow)))
    elif section.kind == "correspondence":
        body = _correspondence(tuple(r for r in rows if isinstance(r, CorrespondenceView)))
    else:
        body = _codes(tuple(r for r in rows if isinstance(r, ActRow)))
    return [f"## {_label(section.kind, lang)}", ""] + body


def _sources(handout: Handout) -> list[str]:
    """Each source once, with the rows that rest on it."""
    used: dict[tuple[str, str], list[str]] = {}
    for section in handout.sections:
        for row in section.rows:
            for src in row.check.sources:
                used.setdefault((src.label(), src.kind), [])
                if row.id not in used[(src.label(), src.kind)]:
                    used[(src.label(), src.kind)].append(row.id)
    lines = [f"## {_label('sources', handout.lang)}", ""]
    for (label, kind), ids in used.items():
        lines.append(f"- {md_text(label, block=True)} ({md_text(kind)}): {_join(ids, ', ')}")
    return lines + [""]


def handout_markdown(handout: Handout) -> str:
    """The handout as CommonMark with GFM pipe tables."""
    lang = handout.lang
    lines = [
        f"# {md_text(handout.title)}",
        "",
        f"{_label('for', lang)}: {md_text(handout.audience_label)} · {_label('kb', lang)} "
        f"{md_text(handout.kb_version)} ({md_text(handout.kb_date)})",
        "",
    ]
    if lang != "en" and handout.fallbacks:
        lines += [f"> {FALLBACK_NOTE} ({handout.fallbacks} strings)", ""]
    lines += [f"> {md_text(n, block=True)}" for n in handout.notes] + ([""] if handout.notes else [])
    if handout.missing:
        lines += [f"> {_label('missing', lang)}: {_join(handout.missing, ', ')}", ""]
    for section in handout.sections:
        lines += _section(section, lang)
    lines += _sources(handout)
    lines += [
        "---",
        "",
        f"{_label('kb', lang)} {md_text(handout.kb_version)} of {md_text(handout.kb_date)}. "
        f"{md_text(handout.disclaimer)}",
        "",
        f"Entitlements as in force on {md_text(handout.on_date)}. Topic: {md_text(handout.topic)}; "
        f"audience: {md_text(handout.audience)}; language: {md_text(handout.lang)}.",
    ]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML

PRINT_CSS = """
@page { size: A4; margin: 15mm; }
html { font-family: "Noto Sans", "Noto Sans Devanagari", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       font-size: 10.5pt; line-height: 1.4; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 180mm; padding: 0; }
h1 { font-size: 18pt; margin: 0 0 0.3em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; border-bottom: 1.5px solid #555; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0.9em 0 0.3em; break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 0.9em; font-size: 9pt; }
thead { display: table-header-group; }
tr, li, blockquote { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #888; padding: 2.5pt 4pt; vertical-align: top; text-align: left;
         overflow-wrap: break-word; hyphens: manual; }
li { overflow-wrap: anywhere; }
th { background: #e8e8e8; }
blockquote { margin: 0.4em 0; padding: 0.2em 0.8em; border-left: 3pt solid #b35900; background: #fff6ec; }
blockquote p { margin: 0.2em 0; }
hr { border: 0; border-top: 1px solid #888; margin: 1.2em 0 0.6em; }
strong { font-weight: 700; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen { body { padding: 15mm; } }
""".strip()


def handout_html(handout: Handout) -> str:
    """One self-contained HTML file (no external resources), with an A4 print stylesheet."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = renderer.render(handout_markdown(handout))
    title = html.escape(f"{handout.title} ({handout.audience_label})", quote=True)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(handout.lang, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{PRINT_CSS}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )


RENDERERS = {"md": handout_markdown, "html": handout_html}
