"""Match every old section to its best new provision by comparing normalised texts.

Writes match-<pair>.csv: old id, best new section, pinpoint, containment of the old text in the
new provision (share of the old section's word 4-grams found there), coverage (share of the new
provision's 4-grams found in the old section), a second candidate, and the text ratio.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import acts

HERE = Path(__file__).resolve().parent
PAIRS = {"ipc-bns": ("IPC", "BNS"), "crpc-bnss": ("CRPC", "BNSS"), "iea-bsa": ("IEA", "BSA")}

# Renamings that are not changes of substance.
SUBS = [
    (r"indian penal code", "sanhita"), (r"bharatiya nyaya sanhita 2023 45 of 2023", "sanhita"),
    (r"bharatiya nyaya sanhita", "sanhita"), (r"code of criminal procedure 1973 2 of 1974", "sanhita"),
    (r"code of criminal procedure", "sanhita"), (r"bharatiya nagarik suraksha sanhita 2023 46 of 2023", "sanhita"),
    (r"bharatiya nagarik suraksha sanhita", "sanhita"), (r"\bcode\b", "sanhita"),
    (r"bharatiya sakshya adhiniyam", "adhiniyam"), (r"indian evidence act 1872 1 of 1872", "adhiniyam"),
    (r"\bthis act\b", "this adhiniyam"), (r"\bsections?\s+[0-9][0-9a-z]*(\s+(and|or|to)\s+[0-9][0-9a-z]*)*", "section n"),
    (r"\bsub section\s+[0-9a-z]+", "sub section n"), (r"\b[0-9]+ of [0-9]{4}\b", "n"),
    (r"\b(clause|chapter|schedule|rule|article|form)\s+[0-9ivxl]+[a-z]?\b", r"\1 n"),
    (r"\b(and|or|to)\s+[0-9]+[a-z]?\b(?=\s+(of|and|or)\b)", r"\1 n"),
]
REPEALED = re.compile(r"\]\s*(Rep\.|Omitted)\b")


def canon(text: str) -> str:
    t = acts.normalise(text)
    for pat, rep in SUBS:
        t = re.sub(pat, rep, t)
    return re.sub(r"\s+", " ", t).strip()


def grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    w = canon(text).split()
    return {tuple(w[i:i + n]) for i in range(max(len(w) - n + 1, 1))} if w else set()


def is_repealed(sec: acts.Section) -> bool:
    if re.match(r"^\[(Repealed|Omitted)\.?\]$", sec.title.strip()):
        return True
    body = acts.clean(sec.raw)
    return bool(REPEALED.search(body)) and len(body.split()) < 90


def run(pair: str) -> list[dict[str, str]]:
    old_act, new_act = PAIRS[pair]
    old, new = acts.load(old_act), acts.load(new_act)
    cands: list[tuple[str, str | None, set]] = []
    index: dict[tuple, set[int]] = defaultdict(set)
    for s in new.values():
        cands.append((s.number, None, grams(s.raw)))
        for label, text in s.units.items():
            cands.append((s.number, label, grams(text)))
    for i, (_, _, g) in enumerate(cands):
        for x in g:
            index[x].add(i)
    rows = []
    for o in old.values():
        if is_repealed(o):
            rows.append({"old": o.id, "title": o.title, "status": "repealed-before-2023"})
            continue
        og = grams(o.raw)
        hits: dict[int, int] = defaultdict(int)
        for x in og:
            for i in index.get(x, ()):
                hits[i] += 1
        scored = []
        for i, h in hits.items():
            num, label, g = cands[i]
            cont = h / max(len(og), 1)
            cov = h / max(len(g), 1)
            scored.append((cont, cov, num, label))
        secs = sorted([x for x in scored if x[3] is None], reverse=True)
        best = secs[0] if secs else (0, 0, "", None)
        second = secs[1] if len(secs) > 1 else (0, 0, "", None)
        units = sorted([x for x in scored if x[2] == best[2] and x[3] is not None], reverse=True)
        bu = units[0] if units else None
        pin = ""
        if bu and len(new[best[2]].units) > 1 and best[1] < 0.75 and bu[0] >= 0.8 * best[0]:
            pin = bu[3]
        target = new.get(best[2])
        ratio = 0.0
        if target is not None:
            a = canon(o.raw)
            b = canon(target.units[pin]) if pin else canon(target.raw)
            ratio = SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()
        rows.append({
            "old": o.id, "title": o.title, "status": "",
            "new_section": best[2], "pin": pin, "containment": f"{best[0]:.2f}", "coverage": f"{best[1]:.2f}",
            "unit_containment": f"{bu[0]:.2f}" if bu else "", "unit_coverage": f"{bu[1]:.2f}" if bu else "",
            "second": second[2], "second_containment": f"{second[0]:.2f}", "ratio": f"{ratio:.3f}",
            "new_title": target.title if target else "",
        })
    with open(HERE / f"match-{pair}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["old", "title", "status", "new_section", "pin", "containment", "coverage",
                                          "unit_containment", "unit_coverage", "second", "second_containment",
                                          "ratio", "new_title"])
        w.writeheader()
        w.writerows(rows)
    return rows


if __name__ == "__main__":
    for p in sys.argv[1:] or PAIRS:
        r = run(p)
        print(p, len(r))
