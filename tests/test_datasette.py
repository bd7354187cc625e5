"""Sharing the knowledge base with an existing server: a real Datasette serves the export.

The test starts Datasette (installed with the test extra) on 127.0.0.1 on a free port, reads a
provision and a full-text search through its JSON API, and stops it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("datasette", reason="datasette is installed by the test extra: pip install '.[test]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_a_provision_and_a_search(run, tmp_path: Path) -> None:
    db = tmp_path / "lexkit.db"
    result = run("kb", "export", "--sqlite", str(db))
    assert result.code == 0, result.stderr
    meta = tmp_path / "lexkit.metadata.json"
    assert json.loads(meta.read_text(encoding="utf-8"))["license"].startswith("MIT")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "-m", str(meta),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/lexkit"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.2)
        rows = _get(f"{base}/sections.json?id=BNS-143&_shape=array")
        assert isinstance(rows, list) and rows[0]["title"] == "Trafficking of person"
        assert json.loads(rows[0]["record"])["verification"] == "primary"
        hits = _get(f"{base}/sections.json?_search=trafficking&_shape=array&_size=50")
        assert isinstance(hits, list) and "BNS-143" in {h["id"] for h in hits}
        # a search, not the table: sections without the word are not returned
        assert all("traffick" in (h["title"] + h["text"] + h["keywords"]).lower() for h in hits)
        assert _get(f"{base}/sections.json?_search=zzqqnomatch&_shape=array") == []
        found = _get(f"{base}/judgements.json?_search=Vishal&_shape=array")
        assert isinstance(found, list) and found and all("Vishal" in j["name"] for j in found)
        tables = {t["name"] for t in _get(f"{base}.json")["tables"]}  # type: ignore[index]
        assert {"sections", "sections_fts", "judgements_fts", "kb_meta"} <= tables and not {"files", "holiday_years", "holidays"} & tables
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()  # type: ignore[union-attr]


def test_export_refuses_to_overwrite_without_force(run, tmp_path: Path) -> None:
    db = tmp_path / "lexkit.db"
    db.write_text("keep me", encoding="utf-8")
    result = run("kb", "export", "--sqlite", str(db))
    assert result.code == 1 and "already exists" in result.stderr
    assert db.read_text(encoding="utf-8") == "keep me" and not (tmp_path / "lexkit.metadata.json").exists()
