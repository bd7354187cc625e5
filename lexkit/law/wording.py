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
        amount = f" of Rs {p.fine_min_inr:,} to Rs {p.fine_max_inr:,}"
    elif p.fine_max_inr:
        amount = f" up to Rs {p.fine_max_inr:,}"
    elif p.fine_min_inr:
        amount = f" of at least Rs {p.fine_min_inr:,}"
    fine = {
        "required": f" + fine{amount}",
        "or_both": f", or fine{amount}, or both",
        "alternative": f", or fine{amount}",
        "only": amount,
        "none": "",
    }[p.fine]
    return term + fine
