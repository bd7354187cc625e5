"""The only module that imports rich: tables for a terminal."""

from __future__ import annotations

from lexkit.procedure.checklists import Checklist
from lexkit.render.checklist import _due_text, fact_text
from lexkit.render.safe import terminal_safe

MIN_WIDTH, MAX_WIDTH = 60, 400


def checklist_table(c: Checklist, width: int | None = None) -> str:
    """A checklist as a rich table, rendered to text (no colour when NO_COLOR is set)."""
    import io
    import os

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    import shutil

    # The terminal's own width (COLUMNS when set); 120 when output goes to a pipe or a file.
    # Kept within 60-400: a table narrower than 60 folds every word, and COLUMNS=10000000 made
    # rich pad every row to ten million spaces.
    size = width or shutil.get_terminal_size((120, 24)).columns
    console = Console(file=buffer, width=min(max(size, MIN_WIDTH), MAX_WIDTH), no_color="NO_COLOR" in os.environ,
                      force_terminal=False, highlight=False)
    console.print(Text(c.title, style="bold"))
    console.print("Case: " + "; ".join(f"{k}={fact_text(v)}" for k, v in c.facts.items()), markup=False)
    console.print("Events: " + "; ".join(f"{k} {v.strftime('%d %b %Y %H:%M %z')}" for k, v in c.events.items()), markup=False)
    table = Table(show_lines=True, expand=True)
    for column, ratio in (("#", 0), ("Phase", 0), ("Step", 4), ("Who", 2), ("Due", 2), ("Legal basis", 1)):
        # fold, never "…": a cut legal basis or deadline is worse than a tall row
        table.add_column(column, ratio=ratio or None, no_wrap=not ratio, overflow="fold")
    for i, s in enumerate(c.steps, 1):
        due = _due_text(s)
        if s.rule is not None:
            due = f"{due}\n{s.rule.describe()}\n[{s.rule.id}]"
        cells = (str(i), s.phase, f"{s.title}\n{s.action}", f"{s.actor} ({s.modality.replace('_', ' ')})",
                 due, ", ".join(s.legal_basis))
        table.add_row(*(Text(cell) for cell in cells))  # Text: knowledge-base strings are never markup
    console.print(table)
    for e in c.entitlements:
        amount = {"up_to": "up to ", "at_least": "at least "}.get(e.amount_is, "") + f"Rs {e.amount_inr:,}"
        console.print(f"Entitlement: {e.kind.replace('_', ' ')}: {amount} ({e.scheme}; {e.verification})", markup=False)
    for w in c.warnings:
        console.print(f"Note: {w}", markup=False)
    console.print(f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}", markup=False)
    return terminal_safe(buffer.getvalue())  # rich keeps control characters inside Text as they are
