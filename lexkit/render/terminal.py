"""The only module that imports rich: the checklist as a compact table for a wide terminal."""

from __future__ import annotations

from lexkit.procedure.checklists import GROUP_TITLES, GROUPS, Checklist
from lexkit.procedure.wording import MODALITY_WORDS
from lexkit.render.checklist import (
    _due_text,
    basis_lines,
    checklist_cards,
    entitlement_amount,
    event_lines,
    fact_text,
    header_lines,
    summary_line,
)

#: Below this many columns a table squeezes its basis column until citations break: use cards.
TABLE_MIN_WIDTH = 120


def checklist_text(c: Checklist, width: int | None = None) -> str:
    """Cards below 120 columns, a compact table from 120; the width is the terminal's (COLUMNS)."""
    import shutil

    size = width or shutil.get_terminal_size((120, 24)).columns
    if size < TABLE_MIN_WIDTH:
        return checklist_cards(c, size)
    return checklist_table(c, size)


def checklist_table(c: Checklist, width: int | None = None) -> str:
    """A checklist as a rich table, rendered to text (no colour when NO_COLOR is set)."""
    import io
    import os
    import shutil

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    size = width or shutil.get_terminal_size((120, 24)).columns
    console = Console(file=buffer, width=max(size, TABLE_MIN_WIDTH), no_color="NO_COLOR" in os.environ,
                      force_terminal=False, highlight=False, soft_wrap=False)
    console.print(Text(c.title, style="bold"))
    for line in header_lines(c):
        console.print(line, markup=False)
    console.print("Case: " + "; ".join(f"{k}={fact_text(v)}" for k, v in c.facts.items()), markup=False)
    console.print("Events: " + "; ".join(event_lines(c)), markup=False)
    for a in c.assumptions:
        console.print(f"Assumed: {a.text()}", markup=False)
    console.print(summary_line(c), markup=False)
    # The basis column is as wide as its longest citation, so no citation is ever folded.
    longest = max((len(part) for s in c.steps for line in basis_lines(s) for part in line.split("; ")), default=12)
    basis_width = min(max(longest, 14), 40)
    n = 0
    for group in GROUPS:
        steps = [s for s in c.steps if s.group == group]
        if not steps:
            continue
        table = Table(title=GROUP_TITLES[group], title_justify="left", show_lines=False, expand=True, pad_edge=False)
        table.add_column("#", no_wrap=True, justify="right")
        table.add_column("Due", ratio=2, overflow="fold", min_width=22)
        table.add_column("Step; who", ratio=5, overflow="fold")
        table.add_column("Basis", min_width=basis_width, max_width=basis_width, overflow="fold")
        for s in steps:
            n += 1
            due = _due_text(s) or "-"
            if s.rule is not None:
                due += f"\n[{s.rule.id}]"
            step = f"{s.title}\n{s.actor} ({MODALITY_WORDS[s.modality]}; {s.phase})"
            table.add_row(Text(str(n)), Text(due), Text(step), Text("\n".join(basis_lines(s))))
        console.print(table)
    if c.entitlements:
        for e in c.entitlements:
            console.print(f"Entitlement: {e.kind.replace('_', ' ')}: {entitlement_amount(e)} ({e.scheme}; "
                          f"{e.verification})", markup=False)
    elif c.entitlement_note:
        console.print(c.entitlement_note, markup=False)
    console.print(f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}", markup=False)
    return buffer.getvalue()
