"""Duties: one thing someone must (or should) do in a case, however many sources describe it.

Two women police officers on the search are required by ITPA s.15(6A), and recommended by the
UNODC investigation SOP and the MWCD child-rescue protocol. Each SOP step that describes it
points at the duty (``duty: women-officers-in-search-party``), so a checklist shows the duty
once, with every basis: the statute first, then each SOP, and the strongest modality among
them ("shall" over "should" over "may"). The SOPs themselves stay as their authors wrote them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.models import Source, Text, sources_of

#: How binding a modality is: a legal duty (or prohibition) over good practice over a power.
MODALITY_STRENGTH = {"shall": 3, "shall_not": 3, "should": 2, "may": 1}


def strongest(modalities: list[str]) -> str:
    """The strongest of several modalities ("shall" over "should" over "may"); the first on a tie."""
    best = modalities[0]
    for m in modalities[1:]:
        if MODALITY_STRENGTH.get(m, 0) > MODALITY_STRENGTH.get(best, 0):
            best = m
    return best


class DutyWording(NamedTuple):
    """How the duty reads in a case under the CrPC (BNSS s.531(2)(a)), where it reads differently."""

    title: Text | None
    action: Text | None


class Duty(NamedTuple):
    """One duty (duties/*.yaml) that steps of several SOPs may describe."""

    id: str
    phase: str
    title: Text
    action: Text
    actor: Text
    modality: str | None  # what the statute says; None when only SOPs describe the duty
    basis: tuple[str, ...]
    authorities: tuple[Source, ...]  # judgements and rules that are not provisions in the KB
    deadline_rule: str | None
    crpc: DutyWording | None
    verification: str
    sources: tuple[Source, ...]
    last_verified_on: str | None
    file: str
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base

    @classmethod
    def of(cls, raw: dict[str, Any], file: str, origin: str | None = None) -> Duty:
        crpc = raw.get("crpc")
        return cls(
            id=raw["id"],
            phase=raw["phase"],
            title=Text.of(raw["title"]),
            action=Text.of(raw["action"]),
            actor=Text.of(raw["actor"]),
            modality=raw.get("modality"),
            basis=tuple(raw.get("basis") or ()),
            authorities=tuple(Source.of(a) for a in raw.get("authorities") or ()),
            deadline_rule=(raw.get("deadline") or {}).get("rule"),
            crpc=DutyWording(Text.of(crpc["title"]) if crpc.get("title") else None,
                             Text.of(crpc["action"]) if crpc.get("action") else None) if crpc else None,
            verification=raw.get("verification", "unverified"),
            sources=sources_of(raw),
            last_verified_on=raw.get("last_verified_on"),
            file=file,
            origin=origin,
        )


def duties(kb: KnowledgeBase) -> dict[str, Duty]:
    """Every duty of the knowledge base (files in duties/), by id."""
    out: dict[str, Duty] = {}
    for doc in kb.docs_of("duty"):
        for raw in doc.data.get("duties") or ():
            out[raw["id"]] = Duty.of(raw, doc.file, doc.origin)
    return out
