"""The HTML handout in a real browser: headless Chromium prints it to an A4 PDF and a screenshot.

Needs /usr/bin/chromium and pdftotext (poppler-utils). When they are missing the test installs
them with apt-get, once, but only when running as root with CI or LEXKIT_INSTALL_BROWSER set;
otherwise it is skipped with the reason shown (pytest -rs).

    LEXKIT_INSTALL_BROWSER=1 .venv/bin/python -m pytest -rs tests/test_handout_browser.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from lexkit.kb.knowledge import default_root
from lexkit.kb.store import load
from lexkit.render.handout import handout_html
from lexkit.training.handouts import build_handout

CHROMIUM = "/usr/bin/chromium"
PACKAGES = {"chromium": CHROMIUM, "poppler-utils": "pdftotext"}


def _present(tool: str) -> bool:
    return Path(tool).is_file() if tool.startswith("/") else shutil.which(tool) is not None


@lru_cache(maxsize=1)
def _install_once(packages: tuple[str, ...]) -> str | None:
    """Install with apt-get; None on success, else why not."""
    if os.geteuid() != 0:
        return "not root"
    if not (os.environ.get("CI") or os.environ.get("LEXKIT_INSTALL_BROWSER")):
        return "set CI or LEXKIT_INSTALL_BROWSER=1 to let the test install them"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", *packages]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200, check=False)
        if done.returncode != 0:
            return f"{' '.join(cmd[:2])} failed: {done.stderr.strip()[-300:]}"
    return None


def _require_tools() -> None:
    missing = tuple(pkg for pkg, tool in PACKAGES.items() if not _present(tool))
    if not missing:
        return
    why = _install_once(missing)
    still = [pkg for pkg, tool in PACKAGES.items() if not _present(tool)]
    if still:
        pytest.skip(f"needs {', '.join(still)} ({CHROMIUM}, pdftotext): {why or 'not found after installing'}")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def test_handout_prints_to_pdf_and_renders_in_chromium(tmp_path: Path) -> None:
    _require_tools()
    page = tmp_path / "trafficking-csec.html"
    page.write_text(handout_html(build_handout(load(default_root()), "trafficking-csec")), encoding="utf-8")
    url = page.resolve().as_uri()

    pdf, png = tmp_path / "h.pdf", tmp_path / "h.png"
    printed = _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    shot = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1240,1754", url)

    assert pdf.is_file() and pdf.stat().st_size > 20_000, printed.stderr[-500:]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert png.is_file() and png.stat().st_size > 20_000, shot.stderr[-500:]
    assert png.read_bytes().startswith(b"\x89PNG")

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    # Table cells wrap in print, so look for the words of the provisions table, not whole lines.
    assert "Key provisions" in text
    for word in ("Old", "Provision", "Title", "Punishment", "Cognizable", "bailable", "Checked"):
        assert word in text, word
    assert "BNS s.143" in text and "s.370" in text and "Trafficking of" in text
    assert "Knowledge base 2026" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=False).stdout
    size = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts", info)
    if size:  # A4 is 595.28 x 841.89 points
        assert abs(float(size.group(1)) - 595.28) < 2 and abs(float(size.group(2)) - 841.89) < 2, info
