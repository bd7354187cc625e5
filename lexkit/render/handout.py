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
from lexkit.training.rows import (
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
from lexkit.training.words import header, label, load_catalogue

FALLBACK_NOTE = "हिंदी अनुवाद उपलब्ध नहीं; English shown"
UNVERIFIED = "**(unverified)**"

def phase_label(phase: str, lang: str) -> str:
    """'Rescue', or its Hindi."""
    english = phase[:1].upper() + phase[1:] if phase in PHASES else phase
    return english if lang == "en" else str(load_catalogue().section("phases").get(phase) or english)


def _label(key: str, lang: str, **values: str | int) -> str:
    return label(key, lang, **values)


def _h(english: str, lang: str) -> str:
    """A table header or fixed word lexkit prints, in ``lang`` (lexkit's Hindi from data/hindi.yaml)."""
    return header(english, lang)


def check_text(check: Check, lang: str = "en") -> str:
    """The verification marker of a row: unverified rows are marked so that nobody misses them."""
    if check.unverified:
        return UNVERIFIED if lang == "en" else f"**({_h('unverified', lang)})**"
    return md_text(_h(check.verification, lang))


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


def _provisions(rows: tuple[ProvisionRow, ...], lang: str) -> list[str]:
    def old(r: ProvisionRow) -> str:
        if r.old:
            return _join(r.old, ", ")
        return f"— {_h('(new)', lang)}" if r.relation == "new" else "—"

    return _table(
        [_h(x, lang) for x in ("Old code", "Provision", "Title", "Punishment", "Cognizable / bailable", "Checked")],
        ([old(r), md_text(r.new), md_text(r.title), _join(r.punishment) or "—", _join(r.classification) or "—",
          check_text(r.check, lang)] for r in rows),
    )


def _procedure(rows: tuple[StepRow, ...], lang: str) -> list[str]:
    lines: list[str] = []
    phases = list(dict.fromkeys(r.phase for r in rows))
    for phase in phases:
        lines += [f"### {md_text(phase_label(phase, lang))}", ""]
        lines += _table(
            [_h(x, lang) for x in ("Who", "Duty", "What", "By when", "Basis", "Checked")],
            (
                [md_text(r.actor), md_text(r.duty),
                 md_text(r.text) + (f" ({md_text(r.condition)})" if r.condition else ""),
                 md_text(r.deadline) or "—", _join(r.basis, ", ") or "—", check_text(r.check, lang)]
                for r in rows if r.phase == phase
            ),
        )
    return lines


def _time_limits(rows: tuple[TimeLimitRow, ...], lang: str) -> list[str]:
    return _table(
        [_h(x, lang) for x in ("Time limit", "What", "Who", "Checked")],
        ([md_text(r.when), md_text(r.what), md_text(r.who) or "—", check_text(r.check, lang)] for r in rows),
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
            lines.append(f"- **{md_text(r.text)}** ({_join(extra, '; ')}) {check_text(r.check, lang)}")
        lines.append("")
    return lines


def _judgements(rows: tuple[JudgementRow, ...], lang: str) -> list[str]:
    lines: list[str] = []
    for r in rows:
        unverified = UNVERIFIED if lang == "en" else f"**({_h('unverified', lang)})**"
        cited = md_text(r.citation) + (f" {unverified}" if r.citation_unverified else "") if r.citation else _h(
            "no citation", lang)
        lines += [
            f"### {md_text(r.label)}",
            "",
            f"{md_text(r.court)}, {md_text(r.decided_on)}; {cited}. {_h('Checked:', lang)} {check_text(r.check, lang)}",
            "",
            f"**{_h('Held', lang)}:** {md_text(r.holding)}",
            "",
            f"**{_h('Why it matters', lang)}:** {md_text(r.significance)}",
            "",
        ]
    return lines


def _entitlements(section: HandoutSection, lang: str) -> list[str]:
    rows = [r for r in section.rows if isinstance(r, EntitlementRow)]
    lines = [md_text(section.intro, block=True), ""] if section.intro else []
    return lines + _table(
        [_h(x, lang) for x in ("What", "Amount", "Conditions", "Basis", "In force", "Checked")],
        ([md_text(r.what), md_text(r.amount) or "—", md_text(r.conditions) or "—", md_text(r.basis),
          md_text(r.in_force) or "—", check_text(r.check, lang)] for r in rows),
    )


def _tell(rows: tuple[TellRow, ...], lang: str) -> list[str]:
    return [f"- {md_text(r.text, block=True)} ({md_text(r.basis)}) {check_text(r.check, lang)}" for r in rows] + [""]


def _correspondence(rows: tuple[CorrespondenceView, ...], lang: str) -> list[str]:
    none = f"— {_h('(none)', lang)}"
    return _table(
        [_h(x, lang) for x in ("Old", "New", "Relation", "What changed", "Checked")],
        ([md_text(r.old) or none, md_text(r.new) or none, md_text(r.relation), md_text(r.changes),
          check_text(r.check, lang)] for r in rows),
    )


def _codes(rows: tuple[ActRow, ...], lang: str) -> list[str]:
    return _table(
        [_h(x, lang) for x in ("Act", "In force from", "In force to", "Replaces", "Replaced by", "Checked")],
        ([md_text(r.title), md_text(r.in_force_from), md_text(r.in_force_to) or _h("in force", lang),
          md_text(r.replaces) or "—", md_text(r.repealed_by) or "—", check_text(r.check, lang)] for r in rows),
    )


def _section(section: HandoutSection, lang: str) -> list[str]:
    rows = section.rows
    body: list[str]
    if section.kind == "provisions":
        body = _provisions(tuple(r for r in rows if isinstance(r, ProvisionRow)), lang)
    elif section.kind == "procedure":
        body = _procedure(tuple(r for r in rows if isinstance(r, StepRow)), lang)
    elif section.kind == "time-limits":
        body = _time_limits(tuple(r for r in rows if isinstance(r, TimeLimitRow)), lang)
    elif section.kind == "dos-and-donts":
        body = _dos(tuple(r for r in rows if isinstance(r, DoDontRow)), lang)
    elif section.kind == "judgements":
        body = _judgements(tuple(r for r in rows if isinstance(r, JudgementRow)), lang)
    elif section.kind == "entitlements":
        body = _entitlements(section, lang)
    elif section.kind == "whom-to-tell":
        body = _tell(tuple(r for r in rows if isinstance(r, TellRow)), lang)
    elif section.kind == "correspondence":
        body = _correspondence(tuple(r for r in rows if isinstance(r, CorrespondenceView)), lang)
    else:
        body = _codes(tuple(r for r in rows if isinstance(r, ActRow)), lang)
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
    for (where, kind), ids in used.items():
        lines.append(f"- {md_text(where, block=True)} ({md_text(kind)}): {_join(ids, ', ')}")
    return lines + [""]


def language_notes(handout: Handout) -> list[str]:
    """On a Hindi page: the fallback banner (only when lexkit's own words are in English), the
    one-line note on the law printed as held, and who translated the Hindi and how far it is checked."""
    lang = handout.lang
    if lang == "en":
        return []
    lines = []
    if handout.fallbacks:
        lines.append(f"> {FALLBACK_NOTE} ({handout.fallbacks} strings)")
    if handout.law_as_held:
        lines.append(f"> {md_text(_label('law-as-held', lang), block=True)}")
    if handout.translation:
        by, _, status = handout.translation.partition(", ")
        lines.append(f"> {md_text(_label('translated-by', lang, by=by, status=_h(status, lang)), block=True)}")
    return [x for line in lines for x in (line, "")]


def head_lines(handout: Handout) -> list[str]:
    lang = handout.lang
    kind = f"{_label('card', lang)} · " if handout.length == "card" else ""
    return [
        f"# {md_text(handout.title)}",
        "",
        f"{kind}{_label('for', lang)}: {md_text(handout.audience_label)} · {_label('kb', lang)} "
        f"{md_text(handout.kb_version)} ({md_text(handout.kb_date)})",
        "",
        *language_notes(handout),
        *overlay_notes(handout),
    ]


def overlay_notes(handout: Handout) -> list[str]:
    """A page that uses an overlay's records says so, once for each folder, at its top."""
    return [x for origin in handout.overlays
            for x in (f"> {md_text(f'Uses records from the overlay at {origin}, not only the shipped knowledge base.', block=True)}", "")]


def foot_lines(handout: Handout) -> list[str]:
    """The knowledge-base version and date, the disclaimer, and what the page was built for."""
    lang = handout.lang
    ids = dict(topic=md_text(handout.topic), audience=md_text(handout.audience), language=md_text(handout.lang))
    if lang == "en":
        kb_line = f"Knowledge base {md_text(handout.kb_version)} of {md_text(handout.kb_date)}."
        ids_line = (f"Entitlements as in force on {md_text(handout.on_date)}. Topic: {ids['topic']}; "
                    f"audience: {ids['audience']}; language: {ids['language']}.")
    else:
        kb_line = md_text(_label("kb-line", lang, version=handout.kb_version, date=handout.kb_date))
        ids_line = md_text(_label("as-in-force", lang, date=handout.on_date) + " " + _label("footer-ids", lang, **ids))
    return ["---", "", f"{kb_line} {md_text(handout.disclaimer)}", "", ids_line]


def handout_markdown(handout: Handout) -> str:
    """The handout as CommonMark with GFM pipe tables."""
    lang = handout.lang
    lines = head_lines(handout)
    lines += [f"> {md_text(n, block=True)}" for n in handout.notes] + ([""] if handout.notes else [])
    if handout.missing:
        lines += [f"> {_label('missing', lang)}: {_join(handout.missing, ', ')}", ""]
    for section in handout.sections:
        lines += _section(section, lang)
    lines += _sources(handout)
    lines += foot_lines(handout)
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML

PRINT_CSS = """
@page { size: A4; margin: 15mm; }
html { font-family: {FONTS};
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


#: Latin first, then Devanagari faces (Debian: fonts-noto-core, fonts-lohit-deva; Windows: Nirmala UI, Mangal).
FONTS = ('"Noto Sans", "Noto Sans Devanagari", "Lohit Devanagari", "Nirmala UI", "Mangal", "DejaVu Sans", '
         '"Liberation Sans", Arial, sans-serif')
PRINT_CSS = PRINT_CSS.replace("{FONTS}", FONTS)


def page_html(markdown: str, title: str, lang: str, css: str) -> str:
    """One self-contained HTML page from lexkit's Markdown (raw HTML off), with a print stylesheet."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = renderer.render(markdown)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title, quote=True)}</title>\n"
        f"<style>\n{css}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )


def handout_html(handout: Handout) -> str:
    """One self-contained HTML file (no external resources), with an A4 print stylesheet."""
    return page_html(handout_markdown(handout), f"{handout.title} ({handout.audience_label})", handout.lang, PRINT_CSS)


RENDERERS = {"md": handout_markdown, "html": handout_html}
