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
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import pytest

from lexkit.kb.knowledge import default_root
from lexkit.kb.store import load
from lexkit.render.card import card_html
from lexkit.render.handout import handout_html
from lexkit.render.quiz import quiz_html
from lexkit.training.handouts import build_card, build_handout
from lexkit.training.quiz import build_quiz

CHROMIUM = "/usr/bin/chromium"
DEVANAGARI_FONT = "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"
#: Debian package -> a file it installs (a tool on PATH, or an absolute path).
PACKAGES = {"chromium": CHROMIUM, "poppler-utils": "pdftotext", "fonts-noto-core": DEVANAGARI_FONT}


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


# --------------------------------------------------------------------------- pocket cards

CARD_TOPICS = ("trafficking-csec", "bonded-labour", "child-labour", "child-victims", "new-criminal-laws")
AUDIENCE_IDS = ("police", "prosecutor", "magistrate", "ngo", "community")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def _print_pdf(tmp_path: Path, name: str, page: str) -> tuple[Path, str]:
    """Print one page to PDF with its own browser profile, so that prints can run side by side."""
    folder = tmp_path / name
    folder.mkdir()
    html_file = folder / f"{name}.html"
    html_file.write_text(page, encoding="utf-8")
    pdf = folder / f"{name}.pdf"
    printed = _chromium(folder, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html_file.resolve().as_uri())
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), printed.stderr[-500:]
    return pdf, printed.stderr


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout


@pytest.mark.parametrize("topic", CARD_TOPICS)
def test_every_card_prints_on_at_most_two_a4_pages(tmp_path: Path, topic: str) -> None:
    _require_tools()
    kb = load(default_root())
    # Hindi for the topic whose cards are fully translated; the others print mostly the same English.
    langs = ("en", "hi") if topic == "trafficking-csec" else ("en",)
    jobs = {f"{topic}-{audience}-{lang}": card_html(build_card(kb, topic, audience, lang))
            for audience in AUDIENCE_IDS for lang in langs}
    with ThreadPoolExecutor(max_workers=min(6, os.cpu_count() or 1)) as pool:
        printed = dict(zip(jobs, pool.map(lambda item: _print_pdf(tmp_path, *item)[0], jobs.items()), strict=True))
    for name, pdf in printed.items():
        pages = _pages(pdf)
        assert 1 <= pages <= 2, f"{name}: {pages} pages"
        assert kb.meta.version in _pdf_text(pdf), f"{name}: no knowledge-base version in print"


def test_hindi_card_prints_devanagari_in_chromium(tmp_path: Path) -> None:
    _require_tools()
    card = build_card(load(default_root()), "trafficking-csec", "police", "hi")
    assert card.fallbacks == 0
    pdf, _ = _print_pdf(tmp_path, "police-hi", card_html(card))
    text = _pdf_text(pdf)
    # The words come back out of the PDF as Devanagari text (a font with the glyphs was used, not
    # boxes): the title, a heading and a step of the police duties.
    assert len(_DEVANAGARI.findall(text)) > 500
    for words in ("मानव तस्करी", "बचाव के कर्तव्य", "पुलिस"):
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "Devanagari" in fonts, fonts


def test_quiz_answer_key_prints_on_a_page_of_its_own(tmp_path: Path) -> None:
    _require_tools()
    quiz = build_quiz(load(default_root()), "trafficking-csec", count=6, seed=1, form="pre")
    pdf, _ = _print_pdf(tmp_path, "quiz", quiz_html(quiz, answers=True))
    pages = _pdf_text(pdf).split("\f")
    key_page = next(i for i, page in enumerate(pages) if "Answer key" in page)
    assert key_page >= 1, "the answer key shares the first page with the questions"
    assert pages[key_page].strip().startswith("Answer key (pre-training form)")
    assert "Choose one answer" not in pages[key_page]
    assert all("Answer key" not in page for page in pages[:key_page])
