"""Render judgements as JSON-ready dicts, plain text and Markdown (CommonMark)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lexkit.kb.models import Source
from lexkit.law.judgements import Judgement, JudgementHit
from lexkit.render.markdown import md_escape, origin_line, origin_tag, source_dicts
from lexkit.render.safe import terminal_safe


@dataclass
class Page:
    """Lines of a document, written as plain text or as Markdown with the same content."""

    markdown: bool
    lines: list[str] = field(default_factory=list)

    def esc(self, text: str) -> str:
        return md_escape(text) if self.markdown else " ".join(terminal_safe(text).split())

    def title(self, text: str) -> None:
        self.lines.append(f"# {self.esc(text)}" if self.markdown else self.esc(text))

    def heading(self, text: str, level: int = 2, number: int | None = None) -> None:
        lead = f"{number}. " if number is not None else ""
        if self.markdown:
            self.lines += ["", f"{'#' * level} {lead}{self.esc(text)}", ""]
        else:
            text = self.esc(text)
            self.lines += ["", lead + text] + (["-" * len(lead + text)] if level == 2 else [])

    def para(self, text: str) -> None:
        self.lines.append(self.esc(text))
        if self.markdown:
            self.lines.append("")

    def field(self, label: str, value: str, indent: int = 0) -> None:
        if self.markdown:
            self.lines.append(f"- **{label}:** {self.esc(value)}")
        else:
            self.lines.append(f"{' ' * indent}{label}: {self.esc(value)}")

    def item(self, text: str, indent: int = 2) -> None:
        self.lines.append(f"- {self.esc(text)}" if self.markdown else f"{' ' * indent}{self.esc(text)}")

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        out = "\n".join(self.lines)
        out = re.sub(r"\n{3,}", "\n\n", out)
        return out.strip() + "\n"


def source_line(src: Source) -> str:
    return f"{src.label()} ({src.kind})" + (f": {src.note}" if src.note else "")


def sources_section(page: Page, sources: tuple[Source, ...], verification: str | None, verified_on: str | None,
                    origin: str | None = None, reason: str | None = None) -> None:
    page.heading("Sources")
    for src in sources:
        page.item(source_line(src))
    page.item(f"verification: {verification or 'unverified'}; last verified on {verified_on or 'not recorded'}")
    overlay = origin_line(origin, reason)
    if overlay:
        page.item(overlay)


def judgement_dict(j: Judgement, lang: str = "en") -> dict[str, Any]:
    return {
        "id": j.id,
        "name": j.name,
        "short_name": j.short_name,
        "court": j.court,
        "court_level": j.court_level,
        "bench": list(j.bench),
        "case_number": j.case_number,
        "decided_on": j.decided_on,
        "citations": [{"citation": c.citation, "reporter": c.reporter, "verification": c.verification}
                      for c in j.citations],
        "provisions": list(j.provisions),
        "topics": list(j.topics),
        "holding": j.holding.get(lang),
        "significance": j.significance.get(lang),
        "later_history": [
            {"relation": h.relation, "detail": h.detail.get(lang), "date": h.date, "verification": h.verification}
            for h in j.later_history
        ],
        "sources": source_dicts(j.sources),
        "origin": j.origin,
        "override_reason": j.override_reason,
        "verification": j.verification,
        "last_verified_on": j.last_verified_on,
        "file": j.file,
    }


def _citations(j: Judgement) -> str:
    return "; ".join(f"{c.citation} [{c.verification}]" for c in j.citations) or "none recorded"


def judgement_text(j: Judgement, lang: str = "en", markdown: bool = False) -> str:
    """One judgement as a prosecutor reads it: what was held, and why it matters in court."""
    page = Page(markdown)
    page.title(j.label)
    page.blank()
    page.field("Id", j.id)
    page.field("Court", j.court)
    page.field("Decided on", j.decided_on)
    if j.case_number:
        page.field("Case number", j.case_number)
    if j.bench:
        page.field("Bench", ", ".join(j.bench))
    page.field("Citations", _citations(j))
    page.field("Provisions", ", ".join(j.provisions) or "none")
    if j.topics:
        page.field("Topics", ", ".join(j.topics))
    page.heading("Holding")
    page.para(j.holding.get(lang))
    page.heading("Significance")
    page.para(j.significance.get(lang))
    if j.later_history:
        page.heading("Later history")
        for h in j.later_history:
            when = f" ({h.date})" if h.date else ""
            page.item(f"{h.relation}{when}: {h.detail.get(lang)} [{h.verification or 'unverified'}]")
    sources_section(page, j.sources, j.verification, j.last_verified_on, j.origin, j.override_reason)
    return page.text()


def list_dicts(judgements: list[Judgement], lang: str = "en") -> list[dict[str, Any]]:
    return [
        {
            "id": j.id,
            "name": j.name,
            "short_name": j.short_name,
            "court": j.court,
            "court_level": j.court_level,
            "decided_on": j.decided_on,
            "citations": [c.citation for c in j.citations],
            "provisions": list(j.provisions),
            "topics": list(j.topics),
            "verification": j.verification,
            "origin": j.origin,
        }
        for j in judgements
    ]


def list_text(judgements: list[Judgement], lang: str = "en", markdown: bool = False) -> str:
    """One line a judgement: id, date of decision, name, court, first citation."""
    if not judgements:
        return ""
    if markdown:
        return "\n".join(
            f"- **{md_escape(j.id)}** ({md_escape(j.decided_on)}, {md_escape(j.court)}): {md_escape(j.name)}"
            + (f"; {md_escape(j.citations[0].citation)}" if j.citations else "") + origin_tag(j.origin, md_escape)
            for j in judgements
        ) + "\n"
    width = max(len(j.id) for j in judgements)
    return terminal_safe("\n".join(
        f"{j.id:<{width}}  {j.decided_on:<10}  {j.name}; {j.court}"
        + (f"; {j.citations[0].citation}" if j.citations else "") + origin_tag(j.origin)
        for j in judgements
    ) + "\n")


def hits_dicts(hits: list[JudgementHit], lang: str = "en") -> list[dict[str, Any]]:
    return [{"id": h.id, "name": h.label, "snippet": h.snippet, "score": h.score, "origin": h.origin} for h in hits]


def hits_text(hits: list[JudgementHit], lang: str = "en", markdown: bool = False) -> str:
    """Ranked hits, best first, with the matching words in [brackets]."""
    if not hits:
        return ""
    if markdown:
        return "\n".join(
            f"{n}. **{md_escape(h.id)}**: {md_escape(h.label)}{origin_tag(h.origin, md_escape)}: {md_escape(h.snippet)}"
            for n, h in enumerate(hits, 1)
        ) + "\n"
    width = max(len(h.id) for h in hits)
    return terminal_safe("\n".join(f"{h.id:<{width}}  {h.label}{origin_tag(h.origin)}\n{'':<{width}}  {h.snippet}" for h in hits) + "\n")

