"""`lexkit kb doctor`: what needs checking, relative to today; and `lexkit --version`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from lexkit import __version__

NEW = "provisions/new.yaml"


def _dated(kb: Path, day: dt.date) -> None:
    """Every last_verified_on of the copy set to ``day`` (the fixture's own dates age with the calendar)."""
    for path in (kb / "provisions").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'last_verified_on: "[0-9-]+"', f'last_verified_on: "{day.isoformat()}"', text), encoding="utf-8")


def test_a_clean_knowledge_base_lists_nothing_even_with_strict(run, minimal_kb: Path) -> None:
    _dated(minimal_kb, dt.date.today())
    result = run("--kb", str(minimal_kb), "kb", "doctor", "--strict")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == ["Unverified (0):", "  none",
                                          f"Last verified over 365 days before {dt.date.today()} (0):", "  none",
                                          "Overlay overrides (0):", "  none"]
    assert result.stderr == "lexkit: 0 unverified, 0 not verified for over a year, 0 overlay override(s)\n"


def test_unverified_and_stale_items_are_listed_and_strict_fails(run, minimal_kb: Path) -> None:
    today = dt.date.today()
    _dated(minimal_kb, today)
    old = (today - dt.timedelta(days=366)).isoformat()
    new = minimal_kb / NEW
    text = new.read_text(encoding="utf-8")
    # the section NEWC-20 is unverified; the Act itself was last checked a year and a day ago
    text = text.replace("    verification: primary\n", "    verification: unverified\n", 1)
    text = text.replace(f'  last_verified_on: "{today}"', f'  last_verified_on: "{old}"', 1)
    new.write_text(text, encoding="utf-8")
    relaxed = run("--kb", str(minimal_kb), "kb", "doctor")
    assert relaxed.code == 0, relaxed.stderr
    assert "Unverified (1):\n  provisions/new.yaml:13: NEWC-20 A new offence\n" in relaxed.stdout
    assert f"(1):\n  provisions/new.yaml: act NEWC (last verified on {old})\n" in relaxed.stdout
    assert run("--kb", str(minimal_kb), "kb", "doctor", "--strict").code == 1
    data = json.loads(run("--kb", str(minimal_kb), "kb", "doctor", "--format", "json").stdout)
    assert data["counts"] == {"unverified": 1, "stale": 1, "overrides": 0}
    assert data["stale"] == [{"file": NEW, "line": None, "item": "act NEWC", "verification": "primary", "last_verified_on": old}]
    assert data["today"] == today.isoformat()


def test_a_year_to_the_day_is_not_yet_stale(run, minimal_kb: Path) -> None:
    _dated(minimal_kb, dt.date.today() - dt.timedelta(days=365))
    assert run("--kb", str(minimal_kb), "kb", "doctor", "--strict").code == 0


def test_doctor_and_unverified_share_one_walker(run) -> None:
    unverified = run("kb", "unverified").stdout.splitlines()
    doctor = run("kb", "doctor").stdout.split("Last verified")[0].splitlines()[1:]
    assert [line.strip() for line in doctor] == unverified and unverified


def test_version_names_the_package_and_the_knowledge_base(run, minimal_kb: Path, monkeypatch) -> None:
    monkeypatch.setenv("LEXKIT_KB", str(minimal_kb))
    result = run("--version")
    assert result.code == 0
    assert result.stdout == f"lexkit {__version__}\nknowledge base 2026.11.0 of 2026-11-23 ({minimal_kb})\n"
