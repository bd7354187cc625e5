"""The benchmark still runs and reports every figure: a correctness smoke test, never a timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"

# (start of the figure's name, knowledge base): one row each in RESULTS.md.
ROWS = [
    ('warm provision show "BNS 143" --format json', "shipped"),
    ('warm provision show "u/s 370(4) IPC"', "shipped"),
    ('warm provision map "IPC 370"', "shipped"),
    ("warm judgement show vishal-jeet-1990", "shipped"),
    ('warm provision show "SYNB ', "synthetic"),
    ('warm provision show "u/s ', "synthetic"),
    ('warm provision map "SYNA ', "synthetic"),
    ("warm judgement show syn-", "synthetic"),
    ("peak RSS of a warm look-up", "shipped"),
    ("peak RSS of a warm look-up", "synthetic"),
    ("search in-process", "shipped"),
    ("search in-process", "synthetic"),
    ("search whole-process", "shipped"),
    ("search whole-process", "synthetic"),
    ("checklist build csec-rescue --format json", "shipped"),
    ("checklist build csec-rescue (default table)", "shipped"),
    ("cold compile", "synthetic"),
    ("kb validate --kb SYNTH", "synthetic"),
]
TARGETED = 15  # look-ups 8, RSS, search 2, checklists 2, cold compile, validate


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        (tmp_path / name.lower()).mkdir(exist_ok=True)
        env[name] = str(tmp_path / name.lower())
    env["LEXKIT_CACHE_DIR"] = str(tmp_path / "xdg_cache_home" / "lexkit")
    env.pop("LEXKIT_KB", None)
    return env


def test_synthetic_kb_validates(tmp_path: Path, run, monkeypatch) -> None:
    for name, value in _isolated_env(tmp_path).items():
        if name in ("HOME", "XDG_CACHE_HOME", "LEXKIT_CACHE_DIR"):
            monkeypatch.setenv(name, value)
    kb = tmp_path / "synth"
    done = subprocess.run([sys.executable, str(BENCH / "make_synthetic.py"), str(kb), "--sections", "300"],
                          capture_output=True, text=True, env=_isolated_env(tmp_path))
    assert done.returncode == 0, done.stderr
    manifest = json.loads((kb / "synthetic.json").read_text())
    assert manifest["sections"] == 300
    result = run("kb", "validate", "--kb", str(kb))
    assert result.code == 0, result.stdout + result.stderr
    assert "300 sections" in result.stderr
    # The citations the benchmark looks up exist in it.
    for key in ("show_json", "show_pinpoint", "map"):
        assert run("--kb", str(kb), "provision", "show" if key != "map" else "map", manifest[key]).code == 0, key
    assert run("--kb", str(kb), "judgement", "show", manifest["judgement"]).code == 0


def test_synthetic_kb_is_reproducible(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import make_synthetic
    finally:
        sys.path.remove(str(BENCH))
    make_synthetic.make(tmp_path / "a", 120)
    make_synthetic.make(tmp_path / "b", 120)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    codes = {p.stem for p in (tmp_path / "a" / "provisions").glob("syn?.yaml")}
    shipped = {p.stem.split("-")[0] for p in (BENCH.parent / "provisions").glob("*.yaml")}
    assert codes and not codes & shipped


def test_run_quick_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "R.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--sections", "300", "--pairs", "2", "--out", str(out)],
        capture_output=True, text=True, env=_isolated_env(tmp_path), timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    text = out.read_text()
    for key in ("Date", "CPU", "Cores", "Python", "OS", "Load average", "lexkit", "Baseline"):
        assert f"- **{key}**: " in text, key
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("| Figure")]
    for name, kb in ROWS:
        assert any(r[0].startswith(name) and r[1] == kb for r in rows), (name, kb)
    results = [r[-1] for r in rows]
    assert results.count("PASS") + results.count("FAIL") == TARGETED, rows
    assert set(results) <= {"PASS", "FAIL", "info"}
    assert "installed wheel" in text  # the benchmark measured what pip install . gives, not the checkout
