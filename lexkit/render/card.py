"""Render a pocket card as Markdown and as one self-contained HTML page that prints on at most two
A4 pages (tests/test_handout_browser.py prints every card in Chromium and counts the pages).

The card reuses the handout's table renderers, so a row reads the same on the card and in the
booklet; its sources are listed in the full handout (``--length full``).
"""

from __future__ import annotations

from lexkit.render.handout import (
    FONTS,
    _dos,
    _entitlements,
    _h,
    _label,
    _provisions,
    _table,
    _tell,
    _time_limits,
    check_text,
    foot_lines,
    head_lines,
    page_html,
)
from lexkit.render.markdown import md_text
from lexkit.training.rows import DoDontRow, Handout, HandoutSection, ProvisionRow, StepRow, TellRow, TimeLimitRow


def _steps(rows: tuple[StepRow, ...], lang: str) -> list[str]:
    return _table(
        [_h(x, lang) for x in ("What", "By when", "Basis", "Checked")],
        ([md_text(r.text) + (f" ({md_text(r.condition)})" if r.condition else ""), md_text(r.deadline) or "—",
          ", ".join(md_text(b) for b in r.basis) or "—", check_text(r.check, lang)] for r in rows),
    )


def _helplines(rows: tuple[StepRow, ...], sources: dict[str, str], lang: str) -> list[str]:
    """Where to call: the number with its source printed on the card itself, since a card is
    often all a caller has."""
    return _table(
        [_h(x, lang) for x in ("Call", "Source", "Checked")],
        ([md_text(r.text), md_text(sources.get(r.id, "")) or "—", check_text(r.check, lang)] for r in rows),
    )


def _body(section: HandoutSection, lang: str) -> list[str]:
    rows = section.rows
    if section.kind == "helplines" and rows:
        steps = tuple(r for r in rows if isinstance(r, StepRow))
        return _helplines(steps, {r.id: r.check.sources[0].label() for r in steps if r.check.sources}, lang)
    if section.kind == "charges":
        return _provisions(tuple(r for r in rows if isinstance(r, ProvisionRow)), lang)
    if section.kind == "limits":
        return _time_limits(tuple(r for r in rows if isinstance(r, TimeLimitRow)), lang)
    if section.kind == "key-rules":
        return _dos(tuple(r for r in rows if isinstance(r, DoDontRow)), lang)
    if section.kind == "entitlements":
        return _entitlements(section, lang)
    if section.kind == "whom-to-tell":
        return _tell(tuple(r for r in rows if isinstance(r, TellRow)), lang)
    steps = tuple(r for r in rows if isinstance(r, StepRow))
    intro = [md_text(section.intro, block=True), ""] if section.intro else []
    return intro + (_steps(steps, lang) if steps else [])


def card_markdown(card: Handout) -> str:
    """The card as CommonMark with GFM pipe tables."""
    lang = card.lang
    lines = head_lines(card)
    if card.missing:
        lines += [f"> {_label('missing', lang)}: {', '.join(md_text(m) for m in card.missing)}", ""]
    for section in card.sections:
        lines += [f"## {_label(section.kind, lang)}", ""] + _body(section, lang)
        if section.more:
            lines += [f"*{md_text(_label('more', lang, n=section.more))}*", ""]
    for note in card.notes:  # the Acts cited, with their titles
        lines += [f"{_label('acts', lang)}: {md_text(note)}", ""]
    lines += [md_text(_label("sources-in-full", lang)), ""]
    lines += foot_lines(card)
    return "\n".join(lines).rstrip() + "\n"


CARD_CSS = f"""
@page {{ size: A4; margin: 10mm; }}
html {{ font-family: {FONTS};
       font-size: 8.5pt; line-height: 1.3; color: #111; background: #fff; }}
body {{ margin: 0 auto; max-width: 190mm; padding: 0; }}
h1 {{ font-size: 13pt; margin: 0 0 0.2em; }}
h2 {{ font-size: 10.5pt; margin: 0.7em 0 0.25em; border-bottom: 1px solid #555; break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 9pt; margin: 0.4em 0 0.2em; break-after: avoid; page-break-after: avoid; }}
p {{ margin: 0.25em 0; }}
ul {{ margin: 0.2em 0; padding-left: 1.2em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.2em 0 0.4em; font-size: 7.5pt; }}
thead {{ display: table-header-group; }}
tr, li, blockquote {{ break-inside: avoid; page-break-inside: avoid; }}
th, td {{ border: 0.75px solid #888; padding: 1.2pt 2.5pt; vertical-align: top; text-align: left;
         overflow-wrap: break-word; }}
li {{ overflow-wrap: anywhere; }}
th {{ background: #e8e8e8; }}
blockquote {{ margin: 0.2em 0; padding: 0.1em 0.6em; border-left: 2pt solid #b35900; background: #fff6ec; }}
blockquote p {{ margin: 0.1em 0; }}
hr {{ border: 0; border-top: 1px solid #888; margin: 0.5em 0 0.3em; }}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
@media screen {{ body {{ padding: 10mm; }} }}
""".strip()


def card_html(card: Handout) -> str:
    """One self-contained HTML page (no external resources) for A4 print."""
    title = f"{card.title} ({card.audience_label}, {_label('card', card.lang)})"
    return page_html(card_markdown(card), title, card.lang, CARD_CSS)


RENDERERS = {"md": card_markdown, "html": card_html}
