"""Check the pending dated versions in tools/versions/ against the knowledge-base schema.

Each file holds one section's `id`, `in_force_from` (when its present form began) and `versions`
(its earlier forms, newest first), to be merged as the last keys of that section's record once the
section is in provisions/. A file is checked by wrapping it in a minimal Act document and
validating that with lexkit's own loader (quoted dates, no duplicate keys) and act.schema.json;
then the dates are checked: each version ends before the next-newer form begins.

    python tools/versions/check.py      # prints one line per problem; exit 1 if any
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from lexkit.kb.schemas import validators
from lexkit.kb.yamlload import load_file

FOLDER = Path(__file__).resolve().parent
#: The Act each id prefix belongs to, with its commencement (a version's default start).
ACTS = {"IPC": "1862-01-01", "POCSO": "2012-11-14", "CRPC": "1974-04-01", "JJA": "2016-01-15",
        "CLPRA": "1986-12-23", "IFA": "2025-09-01"}


def files() -> list[Path]:
    return sorted(FOLDER.glob("*.yaml"))


def problems(path: Path) -> list[str]:
    doc = load_file(path)
    if doc.problems:
        return [str(p) for p in doc.problems]
    data = doc.data
    out: list[str] = []
    if not isinstance(data, dict) or set(data) != {"id", "in_force_from", "versions"}:
        return [f"{path.name}: the file must hold exactly id, in_force_from and versions"]
    sid = data["id"]
    if path.stem != sid:
        out.append(f"{path.name}: the file name must be the section id ({sid}.yaml)")
    code, _, number = sid.partition("-")
    if code not in ACTS:
        return out + [f"{path.name}: unknown Act code {code}"]
    wrapper = {
        "act": {"code": code, "title": code, "number": "1 of 2000", "kind": "special_act", "aliases": [code],
                "in_force_from": ACTS[code],
                "sources": [{"citation": "wrapper for tools/versions", "kind": "secondary"}],
                "verification": "secondary", "last_verified_on": "2026-12-02"},
        "sections": [{"id": sid, "number": number, "title": "pending", "text": "pending",
                      "text_kind": "summary", "in_force_from": data["in_force_from"],
                      "versions": data["versions"],
                      "sources": [{"citation": "wrapper for tools/versions", "kind": "secondary"}],
                      "verification": "secondary", "last_verified_on": "2026-12-02"}],
    }
    for err in validators()["act.schema.json"].iter_errors(wrapper):
        where = "/".join(str(p) for p in err.absolute_path)
        out.append(f"{path.name}: {where}: {err.message}")
    if out:
        return out
    for i, version in enumerate(data["versions"]):
        if version["verification"] == "primary" and not any(s.get("kind") == "primary" for s in version["sources"]):
            out.append(f"{path.name}: versions[{i}]: verification primary needs a primary source")
        if "text" in version and "text_kind" not in version:
            out.append(f"{path.name}: versions[{i}]: a text needs its text_kind")
    start = dt.date.fromisoformat(data["in_force_from"])
    for i, version in enumerate(data["versions"]):
        end = dt.date.fromisoformat(version["in_force_to"])
        if end + dt.timedelta(days=1) != start:
            out.append(f"{path.name}: versions[{i}] ends {end}, but the next-newer form begins {start}")
        start = dt.date.fromisoformat(version.get("in_force_from") or ACTS[code])
        if start > end:
            out.append(f"{path.name}: versions[{i}] begins after it ends")
    return out


def main() -> int:
    found = [p for path in files() for p in problems(path)]
    for line in found:
        print(line)
    print(f"{len(files())} files, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
