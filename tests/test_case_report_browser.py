"""The monthly report's HTML in a real browser: Debian's headless Chromium prints it on A4.

Uses the handout test's helpers (tests/test_handout_browser.py): they install chromium and
poppler-utils with apt-get when allowed (root with CI or LEXKIT_INSTALL_BROWSER), else skip with
the reason shown.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from test_case_scenario import _follow_the_case
from test_handout_browser import _chromium, _require_tools


def test_the_monthly_report_prints_on_a4_in_chromium(run, tmp_path: Path, monkeypatch) -> None:
    _require_tools()
    monkeypatch.setenv("LEXKIT_DB", str(tmp_path / "cases.db"))
    case = _follow_the_case(run)
    page = tmp_path / "report-2026-10.html"
    result = run("case", "report", "--month", "2026-10", "--format", "html", "-o", str(page))
    assert result.code == 0, result.stderr
    url = page.resolve().as_uri()

    pdf, png = tmp_path / "r.pdf", tmp_path / "r.png"
    printed = _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    shot = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1240,1754", url)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), printed.stderr[-500:]
    assert png.is_file() and png.read_bytes().startswith(b"\x89PNG"), shot.stderr[-500:]

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    flat = " ".join(text.split())
    for heading in ("Accountability matrix", "Victim participation index", "Indicators for 2026-10",
                    "Overdue, by department"):
        assert heading in flat, heading
    assert case in flat and "0.67" in flat and "(4/6)" in flat
    assert "does not replace, legal advice" in flat and "Knowledge base 2026" in flat
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=False).stdout
    size = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts", info)
    assert size, info
    assert abs(float(size.group(1)) - 595.28) < 2 and abs(float(size.group(2)) - 841.89) < 2, info
    # Nothing is cut off at the right edge: every matrix row's last column made it onto the page.
    assert "victim-progress-update" in flat
