"""What a handout or card on one topic draws from the knowledge base, looked up once.

Every look-up records what the knowledge base lacks, so a page says what it left out rather than
failing or inventing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.models import Section
from lexkit.law.judgements import Judgement, all_judgements
from lexkit.procedure.sops import Sop, SopStep, all_sops
from lexkit.procedure.wording import PHASES
from lexkit.training.rows import DUTY_WORDS, Check
from lexkit.training.topics import AudienceEmphasis, Topic
from lexkit.training.words import Words


@dataclass
class Records:
    """One topic's records for one audience and language, with what was missing."""

    kb: KnowledgeBase
    topic: Topic
    audience: AudienceEmphasis
    words: Words
    on_date: str
    missing: list[str] = field(default_factory=list)
    #: The overlay folders whose records the page uses, in the order first met (the page says so).
    overlays: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sops = {s.id: s for s in all_sops(self.kb)}
        self.judgements = {j.id: j for j in all_judgements(self.kb)}

    # ---- look-ups that record what the knowledge base lacks
    def section(self, ref: str) -> Section | None:
        section = self.kb.section(ref)
        if section is None:
            self.lacks(f"provision {ref}")
        else:
            self.uses(section.origin)
        return section

    def sop(self, sop_id: str) -> Sop | None:
        sop = self.sops.get(sop_id)
        if sop is None:
            self.lacks(f"SOP {sop_id}")
        else:
            self.uses(sop.origin)
        return sop

    def step(self, ref: str) -> tuple[Sop, SopStep] | None:
        sop_id, _, step_id = ref.partition("/")
        sop = self.sops.get(sop_id)
        step = next((s for s in sop.steps if s.id == step_id), None) if sop else None
        if sop is None or step is None:
            self.lacks(f"SOP step {ref}")
            return None
        self.uses(sop.origin)
        return sop, step

    def judgement(self, jid: str) -> Judgement | None:
        j = self.judgements.get(jid)
        if j is None:
            self.lacks(f"judgement {jid}")
        else:
            self.uses(j.origin)
        return j

    def uses(self, origin: str | None) -> None:
        """Note that the page uses a record from the overlay at ``origin`` (None: the base)."""
        if origin is not None and origin not in self.overlays:
            self.overlays.append(origin)

    def lacks(self, what: str) -> None:
        if what not in self.missing:
            self.missing.append(what)

    # ---- the steps of the topic's SOPs, in the order of a case
    def steps(self) -> list[tuple[Sop, SopStep]]:
        found = []
        for sop_id in self.topic.sops:
            sop = self.sop(sop_id)
            if sop is not None:
                found += [(sop, s) for s in sop.steps if f"{sop.id}/{s.id}" not in self.topic.skip_steps]
        order = {p: i for i, p in enumerate(PHASES)}
        return sorted(found, key=lambda pair: order.get(pair[1].phase, len(PHASES)))  # stable within a phase

    @staticmethod
    def step_check(sop: Sop, step: SopStep) -> Check:
        return Check(step.verification or sop.verification, step.sources or sop.sources)

    def step_deadline(self, step: SopStep) -> str | None:
        d = step.deadline
        if d is None:
            return None
        if d.kind is None or d.amount is None or d.unit is None or d.trigger is None:
            self.lacks(f"time limit {d.rule_id}")
            return None
        return self.words.deadline(d.kind, d.amount, d.unit, d.trigger, d.rule_id, d.excludes)

    def duty(self, step: SopStep) -> str:
        return self.words.duty(step.modality, DUTY_WORDS.get(step.modality, step.modality))
