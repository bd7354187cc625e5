"""Render a pre/post score report as Markdown, CSV or JSON-ready data."""

from __future__ import annotations

import csv
import io
from typing import Any

from lexkit.render.markdown import md_text
from lexkit.training.scoring import ScoreReport


def _n(value: float | None, sign: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if sign else f"{value:.1f}"


def score_markdown(report: ScoreReport, kb_line: str, disclaimer: str) -> str:
    lines = [
        "# Pre- and post-training scores",
        "",
        f"{md_text(kb_line)} · {report.questions} questions per form · {len(report.participants)} participants, "
        f"{report.matched} sat both forms",
        "",
        "## The group",
        "",
        "| Participants with both forms | Mean pre (%) | Mean post (%) | Mean gain (points) |",
        "|---|---|---|---|",
        f"| {report.matched} | {_n(report.pre_mean)} | {_n(report.post_mean)} | {_n(report.gain, True)} |",
        "",
        "## Each question",
        "",
        "Question n of the pre form and of the post form are of the same kind, on different facts.",
        "",
        "| Question | Pre right | Pre (%) | Post right | Post (%) | Change (points) |",
        "|---|---|---|---|---|---|",
    ]
    for i in report.items:
        lines.append(f"| {i.number} | {i.pre_right}/{i.pre_sheets} | {_n(i.pre_pct)} | {i.post_right}/{i.post_sheets} | "
                     f"{_n(i.post_pct)} | {_n(i.change, True)} |")
    lines += ["", "## Each participant", "", "| Participant | Pre (%) | Post (%) | Gain (points) |", "|---|---|---|---|"]
    for p in report.participants:
        lines.append(f"| {md_text(p.participant)} | {_n(p.pre)} | {_n(p.post)} | {_n(p.gain, True)} |")
    lines += ["", "---", "", md_text(disclaimer, block=True)]
    return "\n".join(lines) + "\n"


def score_csv(report: ScoreReport) -> str:
    """One row per question, then one for the group: scope, question, pre and post figures, change."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["scope", "question", "pre_right", "pre_sheets", "pre_pct", "post_right", "post_sheets", "post_pct",
                     "change_points"])
    for i in report.items:
        writer.writerow(["question", i.number, i.pre_right, i.pre_sheets, _n(i.pre_pct), i.post_right, i.post_sheets,
                         _n(i.post_pct), _n(i.change, True)])
    writer.writerow(["group", "", "", report.matched, _n(report.pre_mean), "", report.matched, _n(report.post_mean),
                     _n(report.gain, True)])
    return out.getvalue()


def score_dict(report: ScoreReport, kb: dict[str, str]) -> dict[str, Any]:
    return {
        "kb": kb,
        "questions": report.questions,
        "group": {"matched": report.matched, "pre_mean_pct": report.pre_mean, "post_mean_pct": report.post_mean,
                  "gain_points": report.gain},
        "items": [{"number": i.number, "pre_right": i.pre_right, "pre_sheets": i.pre_sheets, "pre_pct": i.pre_pct,
                   "post_right": i.post_right, "post_sheets": i.post_sheets, "post_pct": i.post_pct,
                   "change_points": i.change} for i in report.items],
        "participants": [{"participant": p.participant, "pre_pct": p.pre, "post_pct": p.post, "gain_points": p.gain}
                         for p in report.participants],
    }
