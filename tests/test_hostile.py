"""The hostile-input catalogue (issue 8, point 3): each case, run through the real `lexkit`.

Each case asserts the exit code, the one-line message (with file:line or the argument), that no
traceback and no exit 3 appear, and that nothing in the working folder was lost or written.
README.md lists the same cases and codes (a test below keeps the two in step).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hostile import base_env, copy_minimal, run_lexkit, snapshot, without_privilege

README = Path(__file__).resolve().parents[1] / "README.md"
NEW = "provisions/new.yaml"


def _write(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def setup(kb: Path) -> None:
        path = kb / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return setup


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def setup(kb: Path) -> None:
        path = kb / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


def _alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _fifo(kb: Path) -> None:
    os.mkfifo(kb / "provisions" / "pipe.yaml")


def _device(kb: Path) -> None:
    # /dev/null through a link: a character device, without needing mknod (root) here.
    os.symlink("/dev/zero", kb / "provisions" / "zero.yaml")


def _folder(kb: Path) -> None:
    (kb / "provisions" / "x.yaml").mkdir()


def _loop(kb: Path) -> None:
    os.symlink("loop-b.yaml", kb / "provisions" / "loop-a.yaml")
    os.symlink("loop-a.yaml", kb / "provisions" / "loop-b.yaml")


def _dangling(kb: Path) -> None:
    os.symlink("nowhere.yaml", kb / "provisions" / "gone.yaml")


def _huge(kb: Path) -> None:
    with open(kb / "provisions" / "huge.yaml", "wb") as handle:  # sparse: no disk is used
        handle.truncate(64 * 1024 * 1024 + 1)


def _locked_folder(kb: Path) -> None:
    locked = kb.parent / "locked"
    (locked / "sops").mkdir(parents=True)
    os.chmod(locked, 0o000)


def _locked_subfolder(kb: Path) -> None:
    os.chmod(kb / "provisions", 0o000)


def _sheets(kb: Path) -> None:
    (kb.parent / "sheets.csv").write_text("participant,form,answers\nP01,pre,ABCD\n", encoding="utf-8")


def _old_output(kb: Path) -> None:
    (kb.parent / "old.md").write_text("the old file\n", encoding="utf-8")
    (kb.parent / "out.md").write_text("the file already there\n", encoding="utf-8")


@dataclass
class Case:
    id: str
    args: list[str]
    code: int
    message: str  # a regular expression stderr must match
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    shipped: bool = False  # run on the shipped knowledge base rather than a copy of the minimal one
    stdout: str = "pipe"  # or "full" (/dev/full) or "closed" (fd 1 closed, as with >&-)
    product: str | None = None  # a regular expression stdout must match ("" for: stdout stays empty)
    drop_env: tuple[str, ...] = ()  # variables removed from the environment (HOME, LEXKIT_NO_CACHE)
    unprivileged: bool = False  # run where file permissions apply (as root: without the capabilities that bypass them)


SHOW = ["provision", "show", "NEWC 20"]
BUILD = ["checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--no-input"]
GIRL = ["--fact", "victim_age=15", "--fact", "victim_gender=female"]
YEAR = r"the year must be between 1860 and 2200"

CASES = [
    # --- YAML ---------------------------------------------------------------------------------
    Case("yaml-syntax", SHOW, 1, r"provisions/new\.yaml:4: \$: YAML syntax error: did not find expected",
         _replace(NEW, "  title: {en", "  title: [{en")),
    Case("yaml-duplicate-key", SHOW, 1, r"provisions/new\.yaml:4: \$\.act\.title: duplicate key 'title' \(first at line 3\)",
         _replace(NEW, "  number:", "  title: again\n  number:")),
    Case("yaml-tab", SHOW, 1, r"provisions/new\.yaml:2: \$: YAML syntax error: a tab character: YAML indents with spaces only",
         _replace(NEW, "  code: NEWC", "\tcode: NEWC")),
    Case("yaml-tag-on-scalar", SHOW, 1, r"provisions/new\.yaml:2: \$: tag tag:yaml\.org,2002:str is not allowed",
         _replace(NEW, "code: NEWC", "code: !!str NEWC")),
    Case("yaml-tag-on-mapping", SHOW, 1, r"provisions/new\.yaml:3: \$: tag !custom is not allowed",
         _replace(NEW, "title: {en", "title: !custom {en")),
    Case("yaml-python-tag", SHOW, 1, r"provisions/evil\.yaml:1: \$: tag tag:yaml\.org,2002:python/object/apply:os\.system is not allowed",
         _write("provisions/evil.yaml", "act: !!python/object/apply:os.system ['touch pwned']\n")),
    Case("yaml-alias-bomb", SHOW, 1, r"provisions/bomb\.yaml:1: \$: anchor &a is not allowed",
         _write("provisions/bomb.yaml", _alias_bomb())),
    Case("yaml-alias-loop", SHOW, 1, r"provisions/loop\.yaml:1: \$: anchor &x is not allowed",
         _write("provisions/loop.yaml", "a: &x [*x]\n")),
    Case("yaml-alias", SHOW, 1, r"provisions/new\.yaml:\d+: \$: (anchor &s|alias \*s) is not allowed",
         _replace(NEW, 'sources: [{url: "https://example.invalid/new-code", kind: primary}]\n  verification',
                  'sources: &s [{url: "https://example.invalid/new-code", kind: primary}]\n  verification')),
    Case("yaml-number-too-long", SHOW, 1, r"provisions/digits\.yaml:1: \$\.n: a number of 5000 digits: no field takes one; quote it if it is text",
         _write("provisions/digits.yaml", "n: " + "7" * 5000 + "\n")),
    Case("yaml-deep-nesting", SHOW, 1, r"provisions/deep\.yaml:1: \$: nested more than 64 levels deep",
         _write("provisions/deep.yaml", "a: " + "[" * 500 + "]" * 500 + "\n")),
    Case("yaml-too-large", SHOW, 1, r"provisions/huge\.yaml:1: \$: the file is too large \(67,108,865 bytes; the limit is 67,108,864\)",
         _huge),
    Case("yaml-not-utf8", SHOW, 1, r"provisions/new\.yaml:3: \$: not UTF-8: byte 0xe9",
         lambda kb: (kb / NEW).write_bytes((kb / NEW).read_bytes().replace(b"New Code, 2023\"", b"Code \xe9\"", 1))),
    Case("yaml-utf16", SHOW, 1, r"provisions/new\.yaml:1: \$: the file is UTF-16, not UTF-8",
         lambda kb: (kb / NEW).write_bytes((kb / NEW).read_text(encoding="utf-8").encode("utf-16"))),
    Case("yaml-empty", SHOW, 1, r"provisions/empty\.yaml:1: \$: the file is empty", _write("provisions/empty.yaml", "")),
    # --- files that are not regular files: refused without being opened -------------------------
    Case("file-directory", SHOW, 1, r"provisions/x\.yaml:1: \$: a folder, not a file", _folder),
    Case("file-fifo", SHOW, 1, r"provisions/pipe\.yaml:1: \$: a FIFO \(named pipe\), not a regular file", _fifo),
    Case("file-device", SHOW, 1, r"provisions/zero\.yaml:1: \$: a character device, not a regular file", _device),
    Case("file-symlink-loop", SHOW, 1, r"provisions/loop-a\.yaml:1: \$: a symbolic link loop", _loop),
    Case("file-dangling-link", SHOW, 1, r"provisions/gone\.yaml:1: \$: a symbolic link to nothing", _dangling),
    # --- knowledge-base folders given with --kb or LEXKIT_KB: refused with one line, never skipped -----
    Case("kb-unreadable-folder", ["--kb", "{work}/locked", "provision", "show", "BNS 143"], 1,
         r"lexkit: error: --kb \S*/locked: the folder \S*/locked cannot be read \(permission denied\)", _locked_folder,
         shipped=True, unprivileged=True, product=""),
    Case("kb-unreadable-subfolder", SHOW, 1,
         r"lexkit: error: --kb \S*/kb: the folder \S*/kb/provisions cannot be read \(permission denied\)", _locked_subfolder,
         unprivileged=True, product=""),
    Case("kb-env-unreadable-folder", ["provision", "show", "BNS 143"], 1,
         r"lexkit: error: LEXKIT_KB \S*/locked: the folder \S*/locked cannot be read", _locked_folder,
         shipped=True, unprivileged=True, env={"LEXKIT_KB": "{work}/locked"}, product=""),
    Case("kb-empty-path", ["--kb", "", "provision", "show", "BNS 143"], 2, r"lexkit: error: --kb '': an empty path\n.*hint:",
         shipped=True, product=""),
    Case("kb-a-file", ["--kb", "{kb}/provisions/new.yaml", "provision", "show", "BNS 143"], 1,
         r"lexkit: error: --kb \S*/new\.yaml is a file, not a knowledge-base folder", shipped=True, product=""),
    Case("kb-a-device", ["--kb", "/dev/zero", "provision", "show", "BNS 143"], 1,
         r"lexkit: error: --kb /dev/zero is a device, not a knowledge-base folder", shipped=True, product=""),
    Case("kb-a-fifo", ["--kb", "{work}/pipe", "provision", "show", "BNS 143"], 1,
         r"lexkit: error: --kb \S*/pipe is a FIFO \(named pipe\), not a knowledge-base folder",
         lambda kb: os.mkfifo(kb.parent / "pipe"), shipped=True, product=""),
    Case("kb-validate-empty-path", ["kb", "validate", "--kb", ""], 2, r"lexkit: error: --kb '': an empty path", shipped=True),
    # --- records: kb validate names each problem with its file and line --------------------------
    Case("record-missing-source", ["kb", "validate"], 1, r"provisions/new\.yaml:13: \$\.sections\[0\]: 'sources' is a required property",
         _replace(NEW, '    sources: [{url: "https://example.invalid/new-code", kind: primary}]\n', "")),
    Case("record-unknown-reference", ["kb", "validate"], 1,
         r"provisions/old-new\.yaml:8: \$\.rows\[0\]\.to: NEWC-99 is not a provision in the knowledge base",
         _replace("provisions/old-new.yaml", "to: NEWC-20", "to: NEWC-99")),
    Case("record-duplicate-id", ["kb", "validate"], 1,
         r"provisions/zz-copy\.yaml:\d+: \$\.sections\[0\]\.id: duplicate id NEWC-20 \(also in provisions/new\.yaml\)",
         lambda kb: (kb / "provisions" / "zz-copy.yaml").write_text(
             (kb / NEW).read_text(encoding="utf-8").replace("code: NEWC", "code: NEWD").replace("  replaces: OLDC\n", "")
             .replace("aliases: [NEWC, New Code]", "aliases: [NEWD]"), encoding="utf-8")),
    Case("record-date-as-number", ["kb", "validate"], 1, r"provisions/new\.yaml:11: \$\.act\.last_verified_on: 20261123 is not of type 'string'",
         _replace(NEW, 'last_verified_on: "2026-11-23"', "last_verified_on: 20261123")),
    Case("record-version-as-number", ["kb", "validate"], 1, r"provisions/kb\.yaml:2: \$\.kb\.version: 2026\.11 is not of type 'string'",
         _replace("provisions/kb.yaml", 'version: "2026.11.0"', "version: 2026.11")),
    Case("record-template-without-events", ["checklist", "build", "no-events", "--at", "2026-11-27 10:00"], 1,
         r"lexkit: error: the knowledge base does not validate: checklists/no-events\.yaml:",
         _write("checklists/no-events.yaml", "checklist:\n  id: no-events\n  title: No events\n  summary: A template with no events.\n"
                "inputs:\n  facts: {}\n  events: {}\ninclude: []\n")),
    # --- arguments ------------------------------------------------------------------------------
    Case("arg-offence-date-year-1", ["provision", "show", "BNS 143", "--offence-date", "0001-01-01"], 2,
         r"lexkit: error: '0001-01-01': " + YEAR, shipped=True),
    Case("arg-checklist-offence-date", [*BUILD, *GIRL, "--offence-date", "31/12/9999"], 2, r"'31/12/9999': " + YEAR, shipped=True),
    Case("arg-at-year-out-of-range", ["checklist", "build", "csec-rescue", "--at", "0001-01-01", "--no-input", *GIRL], 2,
         r"'0001-01-01': " + YEAR, shipped=True),
    Case("arg-deadline-from-out-of-range", ["deadline", "--from", "9999-12-31", "--within", "1 day"], 2, r"'9999-12-31': " + YEAR,
         shipped=True),
    Case("arg-event-out-of-range", [*BUILD, *GIRL, "--event", "arrest=0001-01-01 10:00"], 2, r"'0001-01-01 10:00': " + YEAR,
         shipped=True),
    Case("arg-handout-date", ["handout", "build", "trafficking-csec", "--date", "0001-01-01"], 2, r"'0001-01-01': " + YEAR,
         shipped=True),
    Case("arg-impossible-date", ["deadline", "--from", "31/02/2026", "--within", "1 day"], 2, r"'31/02/2026' is not a real date",
         shipped=True),
    Case("arg-fact-underscore", [*BUILD, "--fact", "victim_age=1_5", "--fact", "victim_gender=female"], 2,
         r"--fact victim_age=1_5: not a whole number \(digits only\)", shipped=True),
    Case("arg-fact-sign", [*BUILD, "--fact", "victim_age=+15", "--fact", "victim_gender=female"], 2,
         r"--fact victim_age=\+15: not a whole number", shipped=True),
    Case("arg-count-underscore", ["quiz", "build", "trafficking-csec", "--count", "1_0"], 2,
         r"Invalid value for '--count': '1_0' is not a whole number", shipped=True),
    Case("arg-seed-negative", ["quiz", "build", "trafficking-csec", "--seed", "-1"], 2,
         r"Invalid value for '--seed': '-1' is not a whole number", shipped=True),
    Case("arg-journey-hours-nan", ["deadline", "--from", "2026-11-23", "--rule", "JJA-31.production", "--journey-hours", "nan"], 2,
         r"Invalid value for '--journey-hours': 'nan' is not a number of hours", shipped=True),
    Case("arg-period-huge", ["deadline", "--from", "2026-11-23", "--within", "9" * 5000 + " days"], 2,
         r"the period '9+…' is too long", shipped=True),
    Case("arg-citation-100kb", ["provision", "show", "BNS " + "1" * 100_000], 2,
         r"lexkit: error: '1+…' in 'BNS 1+…' is not a section number", shipped=True),
    Case("arg-citation-100kb-acts", ["provision", "show", "IPC BNS " * 12_000], 2,
         r"no section number found in 'IPC BNS IPC BNS", shipped=True),
    Case("arg-citation-100kb-charge", ["provision", "show", "u/s 370, 9999 IPC " * 6_000], 1,
         r"IPC-9999 \('u/s 370, 9999 IPC", shipped=True),
    Case("arg-unknown-act", ["provision", "show", "XYZ 143"], 1,
         r"lexkit: error: 'XYZ' is not an Act in the knowledge base\nlexkit: hint: Acts held: BLSA, BNS", shipped=True),
    Case("arg-act-typo", ["provision", "show", "BNSX 143"], 1, r"'BNSX' is not an Act .*\n.*hint: did you mean BNS or BNSS\?",
         shipped=True),
    Case("arg-unknown-section", ["provision", "show", "BNS 9999"], 1, r"BNS-9999 \('BNS 9999'\) is not in the knowledge base\n.*did you mean",
         shipped=True),
    Case("arg-unknown-template", ["checklist", "build", "csec-rescu", "--at", "2026-11-27 10:00"], 1,
         r"no checklist template 'csec-rescu'\n.*hint: did you mean csec-rescue\?", shipped=True),
    Case("arg-unknown-fact", [*BUILD, "--fact", "victim_agee=15"], 2,
         r"--fact victim_agee: template csec-rescue has no such fact\n.*hint: its facts are: victim_age", shipped=True),
    Case("arg-event-no-value", [*BUILD, *GIRL, "--event", "arrest"], 2,
         r"--event arrest: write it as NAME=DATE TIME or NAME=OFFSET\n.*hint: .*arrest='27/11/2026 22:00'.*arrest=\+2h", shipped=True),
    Case("arg-event-junk", [*BUILD, *GIRL, "--event", "arrest=soon"], 2,
         r"--event arrest=soon: neither a date and time nor an offset\n.*hint: .*2026-11-27T22:00.*\+1h30m", shipped=True),
    Case("arg-event-empty", [*BUILD, *GIRL, "--event", "arrest="], 2, r"--event arrest=: no time given\n.*hint: write NAME=DATE TIME",
         shipped=True),
    # --- input files given as arguments: only a regular file is read --------------------------------
    Case("input-sheets-fifo", ["quiz", "score", "{work}/sheets.csv", "--topic", "trafficking-csec"], 2,
         r"lexkit: error: answer-sheet \S*/sheets\.csv: a FIFO \(named pipe\), not a regular file",
         lambda kb: os.mkfifo(kb.parent / "sheets.csv"), shipped=True, product=""),
    Case("input-sheets-device", ["quiz", "score", "/dev/zero", "--topic", "trafficking-csec"], 2,
         r"lexkit: error: answer-sheet /dev/zero: a character device, not a regular file", shipped=True, product=""),
    Case("input-sheets-folder", ["quiz", "score", "{work}", "--topic", "trafficking-csec"], 2,
         r"lexkit: error: answer-sheet \S*/work: a folder, not a file", shipped=True, product=""),
    Case("input-sheets-missing", ["quiz", "score", "{work}/nowhere.csv", "--topic", "trafficking-csec"], 1,
         r"lexkit: error: no answer-sheet file \S*/nowhere\.csv", shipped=True, product=""),
    Case("input-sheets-not-utf8", ["quiz", "score", "{work}/sheets.csv", "--topic", "trafficking-csec"], 2,
         r"answer-sheet \S*/sheets\.csv: not UTF-8 \(byte 0xe9",
         lambda kb: (kb.parent / "sheets.csv").write_bytes(b"participant,form,answers\nP\xe9,pre,A\n"), shipped=True, product=""),
    Case("input-key-fifo", ["quiz", "score", "{work}/sheets.csv", "--key", "{work}/pre.json", "--key", "{work}/post.json"], 2,
         r"lexkit: error: key \S*/pre\.json: a FIFO \(named pipe\)",
         lambda kb: (_sheets(kb), os.mkfifo(kb.parent / "pre.json")), shipped=True, product=""),
    Case("input-import-device", ["case", "import", "/dev/zero", "--by", "police"], 2,
         r"lexkit: error: export /dev/zero: a character device, not a regular file", shipped=True, product="",
         env={"LEXKIT_DB": "{work}/../register.db"}),
    # --- the register (LEXKIT_DB): only a SQLite file, or a new one ---------------------------------
    Case("db-not-a-database", ["case", "list"], 1, r"lexkit: error: LEXKIT_DB \S*/notes\.txt is not a SQLite database",
         lambda kb: (kb.parent / "notes.txt").write_text("my notes\n", encoding="utf-8"), shipped=True,
         env={"LEXKIT_DB": "{work}/notes.txt"}, product=""),
    Case("db-a-folder", ["case", "list"], 1, r"lexkit: error: LEXKIT_DB \S*/kb is a folder, not a database file", shipped=True,
         env={"LEXKIT_DB": "{kb}"}, product=""),
    Case("db-a-fifo", ["case", "list"], 1, r"lexkit: error: LEXKIT_DB \S*/db is not a regular file",
         lambda kb: os.mkfifo(kb.parent / "db"), shipped=True, env={"LEXKIT_DB": "{work}/db"}, product=""),
    Case("db-a-device", ["case", "list"], 1, r"lexkit: error: LEXKIT_DB /dev/zero is not a regular file", shipped=True,
         env={"LEXKIT_DB": "/dev/zero"}, product=""),
    # --- output ---------------------------------------------------------------------------------
    Case("out-export-empty-name", ["kb", "export", "--sqlite", ""], 2, r"lexkit: error: --sqlite '': not a file name", shipped=True,
         product=""),
    Case("out-export-folder-name", ["kb", "export", "--sqlite", "{work}/"], 2, r"lexkit: error: --sqlite '\S*/work/': not a file name",
         shipped=True, product=""),
    Case("out-exists", [*BUILD, *GIRL, "--format", "md", "-o", "{work}/out.md"], 1,
         r"lexkit: error: \S*/out\.md already exists\nlexkit: hint: pass --force", _old_output, shipped=True),
    Case("out-folder", [*BUILD, *GIRL, "--format", "md", "-o", "{work}/out.md", "--force"], 1,
         r"lexkit: error: -o \S*/out\.md is a folder", lambda kb: (kb.parent / "out.md").mkdir(), shipped=True),
    Case("out-fifo", [*BUILD, *GIRL, "--format", "md", "-o", "{work}/out.md", "--force"], 1,
         r"-o \S*/out\.md is a FIFO \(named pipe\): lexkit writes only regular files", lambda kb: os.mkfifo(kb.parent / "out.md"),
         shipped=True),
    Case("out-device", [*BUILD, *GIRL, "--format", "md", "-o", "/dev/null", "--force"], 1,
         r"-o /dev/null is a device: lexkit writes only regular files", shipped=True),
    Case("out-dev-full", [*BUILD, *GIRL, "--format", "md", "-o", "/dev/full", "--force"], 1,
         r"-o /dev/full is a device", shipped=True),
    Case("out-symlink", [*BUILD, *GIRL, "--format", "md", "-o", "{work}/out.md", "--force"], 1,
         r"-o \S*/out\.md is a symbolic link", lambda kb: (_old_output(kb), (kb.parent / "out.md").unlink(), os.symlink("old.md", kb.parent / "out.md")),
         shipped=True),
    Case("stdout-full", ["kb", "unverified"], 1,
         r"lexkit: error: cannot write to standard output: No space left on device", shipped=True, stdout="full"),
    Case("stdout-closed", ["kb", "unverified"], 1, r"lexkit: error: standard output is closed", shipped=True, stdout="closed"),
    # --- environment ----------------------------------------------------------------------------
    Case("env-home-unset", ["provision", "show", "BNS 143"], 0, r"BNS-143: ", shipped=True, product=r"^BNS-143: ",
         drop_env=("HOME", "XDG_CACHE_HOME", "LEXKIT_NO_CACHE")),
    Case("env-xdg-relative", ["provision", "show", "BNS 143"], 0, r"BNS-143: ", shipped=True, product=r"^BNS-143: ",
         env={"XDG_CACHE_HOME": "relative-cache"}, drop_env=("LEXKIT_NO_CACHE",)),
    Case("env-lang-c-hindi", ["handout", "build", "trafficking-csec", "--lang", "hi"], 0, r"पॉकेट कार्ड",
         shipped=True, env={"LANG": "C", "LC_ALL": "C"}, product="^# मानव तस्करी"),
    Case("env-ascii-hindi", ["handout", "build", "trafficking-csec", "--lang", "hi"], 1,
         r"lexkit: error: standard output is ascii, which cannot show this text \(U\+092E and more\)\n"
         r"lexkit: hint: use a UTF-8 locale", shipped=True, env={"PYTHONIOENCODING": "ascii"}, product=""),
    Case("env-columns-10", [*BUILD, *GIRL], 0, r"deadline\(s\) have no date", shipped=True, env={"COLUMNS": "10"},
         product=r"(?si)Rescue of victims.*Knowledge base"),
    Case("env-columns-huge", [*BUILD, *GIRL], 0, r"deadline\(s\) have no date", shipped=True, env={"COLUMNS": "10000000"},
         product=r"(?s)^(?!.*[^\n]{401}).*Knowledge base"),
    Case("env-columns-junk", [*BUILD, *GIRL], 0, r"deadline\(s\) have no date", shipped=True, env={"COLUMNS": "wide"},
         product=r"(?si)Rescue of victims.*Knowledge base"),
    Case("arg-unknown-rule", ["deadline", "--from", "2026-11-23", "--rule", "JJA-31.productio"], 1,
         r"--rule JJA-31.productio: no such time limit\n.*did you mean JJA-31.production", shipped=True),
]


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    work = tmp_path / "work"
    work.mkdir()
    kb = copy_minimal(work / "kb")
    return work, kb, base_env(tmp_path / "cache")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case: Case, place: tuple[Path, Path, dict[str, str]]) -> None:
    work, kb, env = place
    if case.setup is not None:
        case.setup(kb)
    before = snapshot(work)
    args = [a.replace("{kb}", str(kb)).replace("{work}", str(work)) for a in case.args]
    env = {k: v for k, v in {**env, **{k: v.replace("{kb}", str(kb)).replace("{work}", str(work)) for k, v in case.env.items()}}.items()
           if k not in case.drop_env}
    args = args if case.shipped else ["--kb", str(kb), *args]
    prefix = without_privilege() if case.unprivileged else None
    if case.stdout == "full":
        with open("/dev/full", "wb") as full:
            ran = run_lexkit(args, cwd=work, env=env, stdout=full.fileno(), prefix=prefix)
    elif case.stdout == "closed":
        ran = run_lexkit(args, cwd=work, env=env, stdout=None, preexec_fn=lambda: os.close(1), prefix=prefix)
    else:
        ran = run_lexkit(args, cwd=work, env=env, prefix=prefix)
    assert ran.code == case.code, (ran.code, ran.stderr)
    if case.product is not None:
        assert re.search(case.product, ran.stdout), ran.stdout[:2000]
    # the product of `kb validate` (its list of problems) is on stdout; every other message on stderr
    assert re.search(case.message, ran.stderr + ran.stdout), (ran.stderr, ran.stdout)
    assert "Traceback" not in ran.stderr + ran.stdout
    assert snapshot(work) == before  # nothing lost, nothing written


def test_the_catalogue_never_expects_a_bug() -> None:
    """Exit 3 means a bug: no ordinary hostile input may be expected to produce it."""
    assert len(CASES) >= 20
    assert all(c.code in (0, 1, 2, 130) for c in CASES)


def test_every_case_is_listed_in_the_readme() -> None:
    """README's "Hostile input" table names each case (or a pattern covering it), so users see the list."""
    import fnmatch

    text = README.read_text(encoding="utf-8")
    section = text.split("## Hostile input", 1)[1].split("\n## ", 1)[0]
    names = re.findall(r"`([a-z0-9*-]+)`", section)
    missing = [c.id for c in CASES if not any(fnmatch.fnmatchcase(c.id, n) for n in names)]
    assert missing == []
