"""How the law is put into words, in one place: punishments as a charge-sheet writes them.

Shared by provision look-ups, handouts and quizzes, so a punishment reads the same everywhere.
"""

from __future__ import annotations

from lexkit.kb.models import Punishment


def _years(value: float | None) -> str:
    if value is None:
        return ""
    if value * 12 < 0.95:  # under a month: the Act says days (ITPA s.8: "seven days" = 0.0192)
        days = round(value * 365)
        return f"{days} day" + ("" if days == 1 else "s")
    if value < 1:
        months = round(value * 12, 2)
        return f"{months:g} month" + ("" if months == 1 else "s")
    return f"{value:g} year" + ("" if value == 1 else "s")


FRACTION_WORDS = {0.125: "one-eighth", 0.25: "one-fourth", 0.5: "one-half"}
MULTIPLE_WORDS = {2.0: "twice", 3.0: "three times"}


def _term_text(value: float | None, unit: str | None, in_years: float | None) -> str:
    """A term in the unit the Act states it in ('24 hours', '1 month'), else from the years."""
    if unit and unit != "years" and value is not None:
        word = unit[:-1] if value == 1 else unit
        return f"{value:g} {word}"
    return _years(in_years)


def relative_text(p: Punishment) -> str:
    """'the same as for offence abetted', 'up to one-fourth of the longest term provided for the offence'."""
    target = p.relative_to or "the offence"
    if p.relation == "same_as":
        prep = "" if target.startswith(("if ", "as if ", "the original sentence")) else "for "
        return f"the same as {prep}{target}"
    if p.relation == "multiple_of":
        times = MULTIPLE_WORDS.get(p.factor or 0.0, f"{p.factor:g} times")
        return f"{times} the penalty provided for {target}"
    part = FRACTION_WORDS.get(p.fraction or 0.0, f"{p.fraction:g}")
    if p.relation == "fraction_of_life":
        return f"up to {part} of imprisonment for life"
    return f"up to {part} of the longest term provided for {target}"


def punishment_text(p: Punishment) -> str:
    """'RI 10 years to life + fine', in words a charge-sheet uses."""
    kind = {"rigorous": "RI ", "simple": "SI ", "either": "", "none": "", None: ""}[p.imprisonment]
    lo = _term_text(p.min_term, p.term_unit, p.min_years)
    hi = _term_text(p.max_term, p.term_unit, p.max_years)
    stated = p.life or p.min_years is not None or p.max_years is not None
    if p.relation in ("same_as", "fraction_of_longest_term", "fraction_of_life", "multiple_of") and not stated:
        term = relative_text(p)
        if p.relation not in ("same_as", "multiple_of") and kind:
            term = f"{kind}{term}"
    elif p.community_service:
        term = "community service"
    elif p.fine == "only":
        term = "fine only"
    elif p.life and p.min_years:
        term = f"{kind}{lo} to life"
    elif p.life and p.max_years:
        term = f"{kind}life, or up to {hi}"
    elif p.life:
        term = f"{kind}life"
    elif p.min_years and p.max_years:
        term = f"{kind}{lo} to {hi}"
    elif p.max_years:
        term = f"{kind}up to {hi}"
    elif p.min_years:
        term = f"{kind}not less than {lo}"
    elif p.death:
        term = ""
    else:
        term = "no imprisonment stated"
    if p.life_meaning == "remainder_of_natural_life":
        term += " (remainder of natural life)"
    if p.death:
        term = f"death, or {term}" if term else "death"
    amount = ""
    if p.fine_min_inr and p.fine_max_inr:
        amount = f" of {rupees(p.fine_min_inr)} to {rupees(p.fine_max_inr)}"
    elif p.fine_max_inr:
        amount = f" up to {rupees(p.fine_max_inr)}"
    elif p.fine_min_inr:
        amount = f" of at least {rupees(p.fine_min_inr)}"
    elif p.fine_multiple:
        amount = f" up to {p.fine_multiple[0]:g} times {p.fine_multiple[1]}"
    fine = {
        "required": f" + fine{amount}",
        "or_both": f", or fine{amount}, or both",
        "alternative": f", or fine{amount}",
        "only": amount,
        "none": "",
        "optional": f", with or without fine{amount}",
        "relative": "",
    }[p.fine]
    out = term + fine
    if p.fine_to_victim:
        out += " (fine paid to the victim)"
    if p.relation == "same_as" and stated:  # BNS 350(2): "as if he had committed" it; the Schedule gives the term
        out += f" ({relative_text(p)})"
    if p.relation == "in_addition_to":
        out += f", in addition to {p.relative_to}"
    if p.forfeiture:
        out += f", and {p.forfeiture}"
    if "conviction" in p.applies_to.en.lower():  # the label says which conviction (BNS 77)
        pass
    elif p.conviction == "first":
        out = "on first conviction: " + out
    elif p.conviction == "subsequent":
        out = "on second or subsequent conviction: " + out
    return out


def rupees(amount: int) -> str:
    """'Rs 1,00,000': Indian digit grouping (lakh and crore), as Indian documents write amounts."""
    sign, digits = ("-", str(-amount)) if amount < 0 else ("", str(amount))
    if len(digits) > 3:
        head, tail = digits[:-3], digits[-3:]
        groups: list[str] = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        digits = ",".join(groups) + "," + tail
    return f"Rs {sign}{digits}"


def rupees_in_words(amount: int) -> str:
    """'Rs 1 lakh', 'Rs 1.25 lakh', 'Rs 30,000': the amount as Indian prose says it."""
    if amount >= 10_000_000:
        return f"Rs {round(amount / 10_000_000, 2):g} crore"
    if amount >= 100_000:
        return f"Rs {round(amount / 100_000, 2):g} lakh"
    return rupees(amount)


def when_text(value: object) -> str:
    """'Sat 28 Nov 2026 22:00 IST' (a time) or 'Tue 08 Dec 2026, end of day' (a day)."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset == dt.timedelta(hours=5, minutes=30):
            zone = "IST"
        elif offset is None:
            zone = "IST"
        else:
            zone = "UTC" + value.strftime("%z")[:3] + ":" + value.strftime("%z")[3:]
        return value.strftime("%a %d %b %Y %H:%M ") + zone
    if isinstance(value, dt.date):
        return value.strftime("%a %d %b %Y") + ", end of day"
    raise TypeError(f"not a date or time: {value!r}")
