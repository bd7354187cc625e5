"""The compiled store: fresh after every edit, safe under concurrency, never trusting a stranger's file.

Each test points the cache at its own folder and runs lexkit as a user would: in-process for the
library questions, as real processes where the point is processes (16 cold starts, Ctrl-C).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hostile import store_rows

from lexkit.kb.knowledge import shipped_root
from lexkit.kb.store import APPLICATION_ID, STORE_FORMAT, load, open_store

LEXKIT = [sys.executable, "-m", "lexkit"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LEXKIT_CACHE_DIR", str(folder))
    return folder


def _stores(folder: Path) -> list[Path]:
    return sorted(folder.glob("kb-*.sqlite"))


def _leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix != ".sqlite") if folder.is_dir() else []


def _title(kb_root: Path) -> str:
    return load(kb_root).sections["NEWC-20"].title.en


def test_an_edit_is_seen_on_the_next_run(minimal_kb: Path, cache: Path) -> None:
    assert _title(minimal_kb) == "A new offence"
    assert len(_stores(cache)) == 1
    path = minimal_kb / "provisions" / "new.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("A new offence", "An edited offence"), encoding="utf-8")
    assert _title(minimal_kb) == "An edited offence"
    assert len(_stores(cache)) == 1  # rebuilt in place, not beside the old one


def test_a_same_size_edit_in_the_same_instant_is_seen(minimal_kb: Path, cache: Path) -> None:
    """An edit within the same second as the build, size and modification time unchanged:
    only the content hash stored in the store can tell."""
    path = minimal_kb / "provisions" / "new.yaml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # just edited: its time is now
    assert _title(minimal_kb) == "A new offence"
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("A new offence", "A neW offence")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert _title(minimal_kb) == "A neW offence"


def test_a_warm_store_is_read_not_rebuilt(minimal_kb: Path, cache: Path) -> None:
    first = open_store(minimal_kb)
    assert first.built_seconds is not None and first.path is not None
    stamp = first.path.stat().st_mtime_ns
    second = open_store(minimal_kb)
    assert second.built_seconds is None and second.path == first.path
    assert second.path.stat().st_mtime_ns == stamp


def test_a_new_or_removed_file_is_seen(minimal_kb: Path, cache: Path) -> None:
    kb = load(minimal_kb)
    assert "NEWC-20" in kb.sections
    (minimal_kb / "provisions" / "new.yaml").unlink()
    (minimal_kb / "provisions" / "old-new.yaml").unlink()
    with pytest.raises(Exception) as caught:
        load(minimal_kb)
    assert "NEWC-20" not in str(caught.value) or "validate" in str(caught.value)


@pytest.mark.parametrize("stranger", ["garbage", "other sqlite", "other format"])
def test_a_foreign_or_corrupt_store_is_rebuilt(minimal_kb: Path, cache: Path, stranger: str) -> None:
    load(minimal_kb)
    (path,) = _stores(cache)
    if stranger == "garbage":
        path.write_bytes(b"this is not a database\n" * 100)
    else:
        path.unlink()
        con = sqlite3.connect(path)
        if stranger == "other sqlite":
            con.execute("CREATE TABLE sections (id TEXT, title TEXT)")
            con.execute("INSERT INTO sections VALUES ('NEWC-20', 'planted title')")
        else:  # a lexkit store of another format version, with a planted row
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute(f"PRAGMA user_version = {STORE_FORMAT + 1}")
            con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        con.commit()
        con.close()
    assert _title(minimal_kb) == "A new offence"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == STORE_FORMAT
    con.close()


def test_an_unusable_cache_folder_falls_back_to_memory_with_one_warning(minimal_kb: Path, unwritable_cache_folder: Path) -> None:
    folder = unwritable_cache_folder
    env = {**os.environ, "LEXKIT_CACHE_DIR": str(folder)}
    result = subprocess.run([*LEXKIT, "--kb", str(minimal_kb), "provision", "show", "NEWC 20", "--format", "json"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "NEWC-20"
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "compiled in memory" in warnings[0] and "LEXKIT_CACHE_DIR" in warnings[0]
    assert "Traceback" not in result.stderr


def test_home_unset_still_answers(minimal_kb: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "LEXKIT_CACHE_DIR")}
    result = subprocess.run([*LEXKIT, "--kb", str(minimal_kb), "provision", "show", "NEWC 20", "--format", "json"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "NEWC-20"
    assert "compiled in memory" in result.stderr


def test_sixteen_cold_starts_all_succeed_and_leave_one_store(cache: Path) -> None:
    env = {**os.environ, "LEXKIT_CACHE_DIR": str(cache)}
    args = [*LEXKIT, "provision", "show", "u/s 370(4) IPC", "--format", "json"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(16)]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for p in procs:
        p.stdout.close()  # type: ignore[union-attr]
        p.stderr.close()  # type: ignore[union-attr]
    assert [code for code, _, _ in results] == [0] * 16, [err for _, _, err in results]
    assert len({out for _, out, _ in results}) == 1
    assert json.loads(results[0][1])["id"] == "IPC-370"
    assert len(_stores(cache)) == 1
    assert _leftovers(cache) == []


def _big_kb(root: Path, sections: int) -> None:
    """A valid knowledge base large enough that compiling it takes a moment."""
    (root / "provisions").mkdir(parents=True)
    (root / "provisions" / "kb.yaml").write_text(
        'kb:\n  version: "2026.12.1"\n  date: "2026-12-01"\n  title: big\n  disclaimer: "Supports, and does not replace, legal advice."\n',
        encoding="utf-8")
    lines = [
        "act:", "  code: BIG", "  title: Big Act, 2026", '  number: "1 of 2026"', "  kind: special_act",
        "  aliases: [BIG]", '  in_force_from: "2026-01-01"',
        '  sources: [{citation: "test fixture", kind: secondary}]', "  verification: secondary",
        '  last_verified_on: "2026-12-01"', "sections:",
    ]
    body = " ".join(f"word{n % 97}" for n in range(300))
    for n in range(1, sections + 1):
        lines += [f"  - id: BIG-{n}", f'    number: "{n}"', f"    title: Section {n} of the big Act",
                  f"    text: {body}", "    text_kind: summary",
                  '    sources: [{citation: "test fixture", kind: secondary}]', "    verification: secondary",
                  '    last_verified_on: "2026-12-01"']
    (root / "provisions" / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ctrl_c_during_a_build_leaves_no_temporary_file(tmp_path: Path, cache: Path) -> None:
    kb = tmp_path / "big"
    _big_kb(kb, 6000)
    env = {**os.environ, "LEXKIT_CACHE_DIR": str(cache)}
    proc = subprocess.Popen([*LEXKIT, "--kb", str(kb), "kb", "build"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(cache.glob(".kb-*.tmp")) and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be interrupted: make the fixture bigger"
    assert list(cache.glob(".kb-*.tmp"))
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=120)
    stderr = proc.stderr.read()  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    assert code == 130, stderr
    assert "Traceback" not in stderr
    assert _leftovers(cache) == [] and _stores(cache) == []


def test_the_index_made_while_validating_is_the_one_made_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sections are indexed in a thread while the knowledge base is validated (lexkit.kb.compile):
    the shipped knowledge base's store is the same, row for row, as when they are indexed after it."""
    from lexkit.kb import compile as compile_module

    early: list[bool] = []
    finish = compile_module._EarlyIndex.finish
    monkeypatch.setattr(compile_module._EarlyIndex, "finish", lambda self: early.append(finish(self)) or early[-1])
    monkeypatch.setenv("LEXKIT_CACHE_DIR", str(tmp_path / "early"))
    first = open_store(shipped_root(), force=True).path
    assert early == [True]  # the early index was made, and used
    monkeypatch.setattr(compile_module._EarlyIndex, "start", classmethod(lambda cls, con, docs: None))
    monkeypatch.setenv("LEXKIT_CACHE_DIR", str(tmp_path / "after"))
    second = open_store(shipped_root(), force=True).path
    assert early == [True] and first is not None and second is not None
    assert first != second
    one, other = store_rows(first), store_rows(second)
    assert one["sections_fts_data"] and one["sections"]
    assert one == other


def test_an_interrupt_while_the_sections_are_indexed_stops_the_index_first(tmp_path: Path, cache: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the knowledge base is validated: the thread indexing its sections is stopped before the store is thrown away."""
    from lexkit.kb import validate as validate_module

    kb = tmp_path / "big"
    _big_kb(kb, 6000)

    def indexing() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "lexkit-early-index"]

    running: list[list[threading.Thread]] = []

    def interrupted(*args: object, **kwargs: object) -> None:
        running.append(indexing())
        raise KeyboardInterrupt

    monkeypatch.setattr(validate_module, "checked_knowledge_base", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_store(kb, force=True)
    assert len(running) == 1 and len(running[0]) == 1  # it was indexing when the interrupt came
    assert indexing() == []
    assert _leftovers(cache) == [] and _stores(cache) == []


def test_kb_build_says_where_and_how_long(run, minimal_kb: Path, cache: Path) -> None:
    result = run("--kb", str(minimal_kb), "kb", "build")
    assert result.code == 0, result.stderr
    (path,) = _stores(cache)
    assert f"into {path} in " in result.stdout and result.stdout.rstrip().endswith(" s")


def test_an_invalid_knowledge_base_is_refused_by_every_look_up(run, minimal_kb: Path, cache: Path) -> None:
    path = minimal_kb / "provisions" / "old-new.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("to: NEWC-20", "to: NEWC-21"), encoding="utf-8")
    for args in (("provision", "show", "NEWC 20"), ("provision", "search", "offence"), ("kb", "unverified")):
        result = run("--kb", str(minimal_kb), *args)
        assert result.code == 1 and result.stdout == ""
        assert "provisions/old-new.yaml:8: $.rows[0].to: NEWC-21 is not a provision" in result.stderr
        assert "lexkit kb validate" in result.stderr


def test_a_racy_file_is_hashed_once_then_trusted_by_its_time(minimal_kb: Path, cache: Path) -> None:
    """A file edited just before the build is compared byte for byte; once it is old enough the
    store records that, so later look-ups go back to a stat."""
    from lexkit.kb import store as store_module

    path = minimal_kb / "provisions" / "new.yaml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    built = open_store(minimal_kb)
    assert built.path is not None
    stamp_of = "SELECT value FROM meta WHERE key = 'built_at_ns'"
    first = int(built.one(stamp_of)[0])
    assert path.stat().st_mtime_ns >= first - store_module.RACY_NS  # racy: hashed on every open
    time.sleep(store_module.RACY_NS / 1e9 + 0.2)
    again = open_store(minimal_kb)
    assert again.built_seconds is None  # warm, not rebuilt
    restamped = int(sqlite3.connect(again.path).execute(stamp_of).fetchone()[0])  # type: ignore[arg-type]
    assert restamped > first and path.stat().st_mtime_ns < restamped - store_module.RACY_NS


def test_devanagari_words_are_found_whole(tmp_path: Path, cache: Path) -> None:
    from lexkit.law.search import search

    folder = tmp_path / "hindi"
    (folder / "provisions").mkdir(parents=True)
    (folder / "provisions" / "note.yaml").write_text("""act:
  code: BLSA
  title: Bonded Labour System (Abolition) Act, 1976
  number: "19 of 1976"
  kind: special_act
  aliases: [BLSA]
  in_force_from: "1975-10-25"
  sources: [{url: "https://www.indiacode.nic.in/handle/123456789/1491", kind: primary}]
  verification: primary
  last_verified_on: "2026-12-01"
sections:
  - id: BLSA-99
    number: "99"
    title: {en: "A training note on bonded labour", hi: "बंधुआ मजदूरी पर प्रशिक्षण टिप्पणी"}
    text: Not an enacted section.
    text_kind: summary
    sources: [{citation: "test fixture", kind: secondary}]
    verification: secondary
    last_verified_on: "2026-12-01"
""", encoding="utf-8")
    kb = load(folder)
    assert [h.id for h in search(kb, "मजदूरी")][:1] == ["BLSA-99"]
    assert [h.id for h in search(kb, "बंधुआ मजदूरी")][:1] == ["BLSA-99"]
    assert search(kb, "दूरी") == []  # the end of a word is not a word of its own: words are indexed whole


def test_a_store_damaged_inside_is_built_again(minimal_kb: Path, cache: Path) -> None:
    """Damage past the header (a disk error) shows only when the rows are read: the store is
    discarded and built again, once, with a warning; never an internal error."""
    env = {**os.environ, "LEXKIT_CACHE_DIR": str(cache)}
    args = [*LEXKIT, "--kb", str(minimal_kb), "provision", "show", "NEWC 20", "--format", "json"]
    assert subprocess.run(args, capture_output=True, text=True, env=env, timeout=120).returncode == 0
    (path,) = _stores(cache)
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sections'").fetchone()[0]
    con.close()
    with open(path, "r+b") as handle:  # spoil the sections table's root page; the header and meta stay whole
        handle.seek((root - 1) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "NEWC-20"
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert subprocess.run(args, capture_output=True, text=True, env=env, timeout=120).stderr == ""


@pytest.mark.parametrize("collecting", [True, False])
def test_a_compile_never_collects_and_leaves_the_collector_as_it_was(minimal_kb: Path, cache: Path, collecting: bool) -> None:
    """The cyclic GC stays off through a whole compile (switched on between its steps, it walked
    every object parsed so far: ~1 s of 50,000 sections), then is as it was before."""
    import gc

    from lexkit.kb import compile as compile_module

    rounds: list[int] = []
    during: list[bool] = []
    real = compile_module._compile_store

    def watched(*args, **kwargs) -> None:
        gc.callbacks.append(counted)
        try:
            real(*args, **kwargs)
            during.append(gc.isenabled())
        finally:
            gc.callbacks.remove(counted)

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            rounds.append(info["generation"])

    before = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(compile_module, "_compile_store", watched)
            store = open_store(minimal_kb, force=True)
        after = gc.isenabled()
    finally:
        (gc.enable if before else gc.disable)()
    assert store.con.execute("SELECT count(*) FROM sections").fetchone()[0] > 0
    assert during == [False] and rounds == []
    assert after is collecting
