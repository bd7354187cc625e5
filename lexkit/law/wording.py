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


def punishment_text(p: Punishment) -> str:
    """'RI 10 years to life + fine', in words a charge-sheet uses."""
    kind = {"rigorous": "RI ", "simple": "SI ", "either": "", "none": "", None: ""}[p.imprisonment]
    if p.fine == "only":
        term = "fine only"
    elif p.life and p.min_years:
        term = f"{kind}{_years(p.min_years)} to life"
    elif p.life and p.max_years:
        term = f"{kind}life, or up to {_years(p.max_years)}"
    elif p.life:
        term = f"{kind}life"
    elif p.min_years and p.max_years:
        term = f"{kind}{_years(p.min_years)} to {_years(p.max_years)}"
    elif p.max_years:
        term = f"{kind}up to {_years(p.max_years)}"
    elif p.min_years:
        term = f"{kind}not less than {_years(p.min_years)}"
    else:
        term = "no imprisonment stated"
    if p.life_meaning == "remainder_of_natural_life":
        term += " (remainder of natural life)"
    amount = ""
    if p.fine_min_inr and p.fine_max_inr:
        amount = f" of {rupees(p.fine_min_inr)} to {rupees(p.fine_max_inr)}"
    elif p.fine_max_inr:
        amount = f" up to {rupees(p.fine_max_inr)}"
    elif p.fine_min_inr:
        amount = f" of at least {rupees(p.fine_min_inr)}"
    fine = {
        "required": f" + fine{amount}",
        "or_both": f", or fine{amount}, or both",
        "alternative": f", or fine{amount}",
        "only": amount,
        "none": "",
    }[p.fine]
    return term + fine


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
