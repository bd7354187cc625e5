"""How the procedure is put into words, in one place: phases, modalities, periods, deadlines.

Shared by the SOP browser, checklists, handouts and quizzes, so a deadline reads the same
everywhere ("within 24 hours of the child being found (JJA-31.production; excluding journey time)").
"""

from __future__ import annotations

from lexkit.kb.models import period_text

#: The life of a case, in order: steps are shown phase by phase in this order.
PHASES = (
    "pre-rescue",
    "rescue",
    "post-rescue",
    "investigation",
    "prosecution",
    "trial",
    "rehabilitation",
    "repatriation",
    "monitoring",
)

#: How binding a step is, in the words a reader expects ("should" is good practice, not law).
MODALITY_WORDS = {
    "shall": "shall",
    "may": "may",
    "shall_not": "shall not",
    "should": "should (good practice)",
}

#: The legal moment that starts each clock, as a noun phrase ("within 24 hours of <phrase>").
TRIGGER_PHRASES = {
    "rescue": "the rescue",
    "child_found": "the child being found",
    "arrest": "the arrest",
    "information_received": "the information reaching the police",
    "information_recorded": "the recording of the information (FIR)",
    "report_received": "the report being received",
    "production_before_magistrate": "production before the magistrate",
    "magistrate_order": "the magistrate's order",
    "age_test_order": "the order for the age-determination test",
    "escort_order": "the escort order",
    "custody_order": "the custody order",
    "cognizance": "cognizance being taken",
    "charge_sheet": "the charge-sheet",
    "remand_start": "the start of detention on remand",
    "release_certificate": "the release certificate",
    "identification": "identification",
    "commencement_of_act": "the Act coming into force",
    "complaint": "the complaint",
    "medical_examination": "the medical examination",
    "accused_appearance": "the accused's appearance",
    "compensation_application": "the application or recommendation for compensation",
    "detention_order": "the detention order",
    "corrective_detention_order": "the order of detention in a corrective institution",
    "notice_received": "the notice being received",
    "closure_order": "the closure order",
    "removal_order": "the removal order",
    "notification_issued": "the notification being issued",
}

#: How each kind of time limit reads: (lead words, link word before the trigger).
KIND_PHRASES = {
    "deadline": ("within", "of"),
    "cap": ("for no more than", "from"),
    "target": ("as far as possible within", "of"),
    "minimum": ("for not less than", "from"),
}


def deadline_phrase(kind: str, amount: int, unit: str, trigger: str, rule_id: str, excludes: tuple[str, ...]) -> str:
    """'within 24 hours of the child being found (JJA-31.production; excluding journey time)'."""
    lead, link = KIND_PHRASES.get(kind, ("within", "of"))
    moment = TRIGGER_PHRASES.get(trigger, trigger.replace("_", " "))
    extra = "; excluding journey time" if "journey_time" in excludes else ""
    return f"{lead} {period_text(amount, unit)} {link} {moment} ({rule_id}{extra})"
