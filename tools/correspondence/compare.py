"""Compare our rows (rows-<pair>.csv) with the public tables in public/ and write
disagreements.csv: one line per old section where a public table names a different provision.
A public row agrees when it names the same section as one of our rows for that old section (a
different or missing pinpoint within the same section is counted separately as 'pinpoint')."""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import acts
import match

HERE = Path(__file__).resolve().parent
TABLES = {"ipc-bns": ["t1", "t2", "t3", "t4"], "crpc-bnss": ["t1", "t2", "t4"], "iea-bsa": ["t1", "t2", "t4"]}
PREFIX = {"ipc-bns": ("IPC", "BNS"), "crpc-bnss": ("CRPC", "BNSS"), "iea-bsa": ("IEA", "BSA")}


def sec(ref: str) -> str:
    return re.match(r"^([0-9]+[A-Z]*)", ref).group(1) if ref and ref[0].isdigit() else ""


def explain(how: str, oid: str, ours: list[str], n_act: str) -> str:
    """Why we decided as we did, in words."""
    import overrides
    table = {**overrides.IPC, **overrides.CRPC, **overrides.IEA}
    if how.startswith("text"):
        c, t = how.split()[1].split("/")
        return (f"bare texts: {n_act} s.{'/'.join(ours)} contains {round(float(c) * 100)}% of the old section's "
                f"four-word sequences (headings' word overlap {round(float(t) * 100)}%)")
    if how == "hand":
        notes = [n for _, n in table.get(oid, []) if n]
        return "decided by hand after reading both texts" + (": " + notes[0] if notes else "")
    if how == "repealed":
        return "old section was repealed before 2023"
    if how == "curated row":
        return "hand-curated row in the table (sources cited in the row)"
    return how


_ACTS: dict = {}


def share(old_id: str, new_ref: str, n_act: str) -> float | None:
    """Share of the old section's four-word sequences found in a new provision (None if no such provision)."""
    o_act, o_num = old_id.split("-", 1)
    for a in (o_act, n_act):
        if a not in _ACTS:
            _ACTS[a] = acts.load(a)
    m = re.match(r"^([0-9]+[A-Z]*)((?:\([0-9A-Za-z]+\))*)", new_ref or "")
    if not m or m.group(1) not in _ACTS[n_act] or o_num not in _ACTS[o_act]:
        return None
    sec = _ACTS[n_act][m.group(1)]
    labels = re.findall(r"\(([0-9A-Za-z]+)\)", m.group(2))
    text = sec.units.get(labels[0], sec.raw) if labels else sec.raw
    og = match.grams(_ACTS[o_act][o_num].raw)
    return len(og & match.grams(text)) / max(len(og), 1)


def main() -> None:
    out = []
    summary = {}
    for pair, tabs in TABLES.items():
        o_act, n_act = PREFIX[pair]
        ours: dict[str, list[str]] = defaultdict(list)
        how: dict[str, str] = {}
        for r in csv.DictReader(open(HERE / f"rows-{pair}.csv", encoding="utf-8")):
            if r["from"]:
                ours[r["from"]].append(r["to"].split("-", 1)[1] if r["to"] else "")
                how[r["from"]] = r["how"]
        # curated rows live only in the YAML table
        import yaml
        y = yaml.safe_load(open(HERE.parents[1] / "provisions" / f"{pair}.yaml", encoding="utf-8")) if (HERE.parents[1] / "provisions" / f"{pair}.yaml").exists() else {"rows": []}
        for r in y["rows"]:
            if r["from"] and r["from"] not in ours:
                ours[r["from"]].append(r["to"].split("-", 1)[1] if r["to"] else "")
                how[r["from"]] = "curated row"
        pub: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for t in tabs:
            for r in csv.DictReader(open(HERE / "public" / f"{t}-{pair}.csv", encoding="utf-8")):
                old = re.match(r"^([0-9]+[A-Z]*)", r["old"]).group(1)
                pub[f"{o_act}-{old}"][t].append("" if r["new"] in ("None", "NA") else r["new"])
        counts = {t: Counter() for t in tabs}
        for oid in sorted(pub, key=lambda x: (int(re.match(r"\d+", x.split("-")[1]).group()), x)):
            mine = ours.get(oid, [])
            mine_secs = {sec(x) for x in mine}
            verdict = {}
            for t in tabs:
                if t not in pub[oid]:
                    continue
                theirs = pub[oid][t]
                ts = {sec(x) for x in theirs}
                if theirs and set(theirs) <= set(mine):
                    verdict[t] = "agree"
                elif ts and ts <= mine_secs:
                    verdict[t] = "pinpoint"
                elif ts & mine_secs:
                    verdict[t] = "partial"
                else:
                    verdict[t] = "disagree"
                counts[t][verdict[t]] += 1
            if any(v != "agree" for v in verdict.values()):
                agreeing = [t for t, v in verdict.items() if v == "agree"]
                out.append({
                    "pair": pair, "old": oid,
                    **{t: "|".join(pub[oid][t]) or "(none)" if t in pub[oid] else "" for t in ["t1", "t2", "t3", "t4"]},
                    **{f"{t}_verdict": verdict.get(t, "") for t in ["t1", "t2", "t3", "t4"]},
                    "ours": "|".join(m or "(omitted)" for m in mine) or "(no row)",
                    "decided_for": "+".join(agreeing) if agreeing else "neither",
                    "why": explain(how.get(oid, ""), oid, [m for m in mine if m], n_act),
                    "ours_share": "|".join(f"{share(oid, m, n_act):.2f}" for m in mine if m and share(oid, m, n_act) is not None),
                    "theirs_share": "|".join(f"{t}:{share(oid, x, n_act):.2f}" for t in ["t1", "t2", "t3", "t4"] if verdict.get(t) not in (None, "agree")
                                             for x in pub[oid].get(t, []) if x and share(oid, x, n_act) is not None),
                })
        summary[pair] = {t: dict(c) for t, c in counts.items()}
    with open(HERE / "disagreements.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["pair", "old", "t1", "t2", "t3", "t4", "t1_verdict", "t2_verdict", "t3_verdict", "t4_verdict", "ours", "decided_for", "why", "ours_share", "theirs_share"])
        w.writeheader()
        w.writerows(out)
    lines = ["# Our rows against the public tables (written by compare.py)", "",
             "A public row *agrees* when it names the section we name (same pinpoint or none), *pinpoint* when it names the",
             "same section with a different or missing sub-section, *partial* when it names only some of our sections,",
             "*disagree* otherwise. 'decided for' counts the lines of disagreements.csv by the tables that agree with our decision.", "",
             "| table | public table | old sections listed | agree | pinpoint | partial | disagree |", "|---|---|---|---|---|---|---|"]
    for pair, s in summary.items():
        print(pair, s)
        for t, c in s.items():
            lines.append(f"| {pair} | {t} | {sum(c.values())} | {c.get('agree', 0)} | {c.get('pinpoint', 0)} | {c.get('partial', 0)} | {c.get('disagree', 0)} |")
    lines += ["", "| table | decided for | lines |", "|---|---|---|"]
    for (pair, d), n in sorted(Counter((r["pair"], r["decided_for"]) for r in out).items()):
        lines.append(f"| {pair} | {d} | {n} |")
    (HERE / "comparison-summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("disagreement lines", Counter((r["pair"], r["decided_for"]) for r in out))


if __name__ == "__main__":
    main()
