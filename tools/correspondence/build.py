"""Build the generated rows of provisions/{ipc-bns,crpc-bnss,iea-bsa}.yaml from the bare texts.

Run match.py first. Rows whose old section already has a hand-curated row in the table are left
to the curated row. Writes gen-<pair>.yaml (rows only) and rows-<pair>.csv (our decisions)."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import acts
import match
import overrides

HERE = Path(__file__).resolve().parent
TODAY = "2026-12-02"
LABEL = {"IPC": "IPC", "BNS": "BNS", "CRPC": "CrPC", "BNSS": "BNSS", "IEA": "IEA", "BSA": "BSA"}
OVR = {"ipc-bns": overrides.IPC, "crpc-bnss": overrides.CRPC, "iea-bsa": overrides.IEA}
SRC = {
    "BNS": ("Bharatiya Nyaya Sanhita, 2023 (45 of 2023)", "https://www.indiacode.nic.in/handle/123456789/20062", "primary"),
    "BNSS": ("Bharatiya Nagarik Suraksha Sanhita, 2023 (46 of 2023)", "https://www.indiacode.nic.in/handle/123456789/20099", "primary"),
    "BSA": ("Bharatiya Sakshya Adhiniyam, 2023 (47 of 2023)", "https://www.indiacode.nic.in/handle/123456789/20063", "primary"),
    "IPC": ("Indian Penal Code, 1860 (45 of 1860), India Code consolidated text as amended to 2018", "https://www.indiacode.nic.in/handle/123456789/2263", "secondary"),
    "CRPC": ("Code of Criminal Procedure, 1973 (2 of 1974), India Code consolidated text as amended to 2020", None, "secondary"),
    "IEA": ("Indian Evidence Act, 1872 (1 of 1872), India Code consolidated text as updated to 2020", None, "secondary"),
}


def words_title(t: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", t.lower()) if len(w) > 3}


def title_sim(a: str, b: str) -> float:
    x, y = words_title(a), words_title(b)
    return len(x & y) / max(len(x | y), 1)


def split_ref(ref: str) -> tuple[str, str]:
    m = re.match(r"^([A-Z]+-[0-9]+[A-Z]*)(.*)$", ref)
    assert m, ref
    return m.group(1), m.group(2)


def text_of(sections: dict, ref: str) -> str:
    sid, pin = split_ref(ref)
    sec = sections[sid.split("-", 1)[1]]
    if pin:
        label = pin.strip("()").split(")(")[0]
        if label in sec.units:
            return sec.units[label]
    return sec.raw


PUN = re.compile(r"(?:may extend to|not be less than|not less than|which shall not be less than) "
                 r"((?:[a-z]+ )?(?:[a-z]+ )?(?:years?|months?|days?|rupees|lakh rupees|thousand rupees))")


def punishments(text: str) -> list[str]:
    t = acts.normalise(text)
    out = [m.group(1) for m in PUN.finditer(t)]
    if "imprisonment for life" in t:
        out.append("imprisonment for life")
    if "death" in t and "punished with death" in t:
        out.append("death")
    if "community service" in t:
        out.append("community service")
    return out


def strip_labels(text: str) -> str:
    """Drop clause labels ("(1)", "(a)", "(iv)") and an old section's printed heading ("34. Acts done ...—")."""
    t = acts.clean(text)
    t = re.sub(r"^\s*\[?\s*\d+[A-Z]*\.\s[^\n]*?\u2014", "", t)
    return re.sub(r"\((?:[0-9]+[A-Z]?|[a-z]{1,2}|[ivx]{1,5})\)", " ", t)


def quote(ws: list[str], n: int = 12) -> str:
    ws = ["N" if w == "n" else w for w in ws]  # a renumbered reference
    s = " ".join(ws[:n]) + (" ..." if len(ws) > n else "")
    return s.replace('"', "'")


def describe(old_t: str, new_t: str, o: str, n: str, shared: bool = False) -> tuple[str, bool]:
    """Our own account of the textual differences; True when nothing of substance differs."""
    a, b = match.canon(strip_labels(old_t)).split(), match.canon(strip_labels(new_t)).split()
    sm = SequenceMatcher(None, a, b, autojunk=False)
    # a word split or joined differently ("there by"/"thereby") is not a change
    trivial = {"n", "the", "a", "an"}  # "n" stands for a renumbered reference; articles carry no change

    def real(op: tuple) -> bool:
        x, y = a[op[1]:op[2]], b[op[3]:op[4]]
        if "".join(x) == "".join(y):
            return False
        return [w for w in x if w not in trivial] != [w for w in y if w not in trivial]
    ops = [op for op in sm.get_opcodes() if op[0] != "equal" and real(op)]
    if shared:
        # the new provision also holds other old sections: its extra text is theirs, so only what
        # this section lost or had reworded is reported
        ops = [op for op in ops if op[0] != "insert"]
        if not ops:
            return (f"Every passage of {o} is kept in {n}, apart from the new name of the law and renumbered cross-references.", False)
    if not ops:
        return (f"Same wording as {o}, apart from the new name of the law and renumbered cross-references.", True)
    ops.sort(key=lambda op: -max(op[2] - op[1], op[4] - op[3]))
    parts = []
    for tag, i1, i2, j1, j2 in ops[:3]:
        if tag == "replace":
            parts.append(f'"{quote(a[i1:i2])}" becomes "{quote(b[j1:j2])}"')
        elif tag == "insert":
            parts.append(f'adds "{quote(b[j1:j2])}"')
        else:
            parts.append(f'drops "{quote(a[i1:i2])}"')
    more = f" (and {len(ops) - 3} smaller wording changes)" if len(ops) > 3 else ""
    ratio = sm.ratio()
    head = "Minor wording changes" if ratio >= 0.95 else "Wording changed"
    if shared:
        s = f"What changed in {o}'s own words: " + "; ".join(parts) + more + "."
    else:
        s = f"{head} ({round(ratio * 100)}% of the words in common with {o}): " + "; ".join(parts) + more + "."
    po, pn = punishments(old_t), punishments(new_t)
    if sorted(po) != sorted(pn) and (po or pn):
        s += f" Punishment terms differ: {o} {', '.join(po) or 'none stated'}; {n} {', '.join(pn) or 'none stated'}."
    return s, False


def cite(act: str, ref: str) -> str:
    sid, pin = split_ref(ref)
    return f"{LABEL[act]} s.{sid.split('-', 1)[1]}{pin}"


def source_list(old_act: str, old_ref: str | None, new_act: str, new_ref: str | None) -> list[dict]:
    out = []
    for act, ref in ((new_act, new_ref), (old_act, old_ref)):
        if ref is None:
            continue
        title, url, kind = SRC[act]
        base, _, version = title.partition(", India Code")
        cit = f"{base}, s.{ref.split('-', 1)[1]}" + (f" (India Code{version})" if version else "")
        d = {"citation": cit, "kind": kind}
        if url:
            d["url"] = url
        if act in ("IPC", "CRPC", "IEA"):
            d["note"] = "text compared as printed in lexkit's reference copy of the repealed Act (reference/acts)"
        out.append(d)
    return out


def build(pair: str, curated_from: set[str], curated_to: set[str], curated_pairs: list = ()) -> list[dict]:
    old_act, new_act = match.PAIRS[pair]
    old, new = acts.load(old_act), acts.load(new_act)
    rows_m = {r["old"]: r for r in csv.DictReader(open(HERE / f"match-{pair}.csv", encoding="utf-8"))}
    ovr = OVR[pair]
    decided: list[dict] = []
    for oid, m in rows_m.items():
        if oid in curated_from:
            continue
        num = oid.split("-", 1)[1]
        if m["status"]:
            decided.append({"from": oid, "to": None, "note": "Repealed or omitted from the Code long before 2023 (the consolidated text keeps only the entry); nothing was carried over.",
                            "how": "repealed", "verification": "secondary"})
            continue
        if oid in ovr:
            for to, note in ovr[oid]:
                decided.append({"from": oid, "to": to, "note": note, "how": "hand", "verification": "secondary"})
            continue
        sec = m["new_section"]
        to = f"{new_act}-{sec}" + (f"({m['pin']})" if m["pin"] else "")
        c = float(m["containment"])
        ts = title_sim(m["title"], m["new_title"])
        ok = c >= 0.6 or (c >= 0.25 and ts >= 0.5)
        decided.append({"from": oid, "to": to if sec else None, "note": None, "how": f"text {c:.2f}/{ts:.2f}",
                        "verification": "secondary" if ok else "unverified"})
    # relations
    by_to: dict[str, list[str]] = defaultdict(list)
    by_from: dict[str, list[str]] = defaultdict(list)
    for d in decided:
        if d["to"]:
            by_to[d["to"]].append(d["from"])
            by_from[d["from"]].append(d["to"])
    for f, t in curated_pairs:
        if f and t:
            by_to[t].append(f)
    out = []
    for d in decided:
        o, t = d["from"], d["to"]
        if t is None:
            rel = "omitted"
            if d["how"] == "repealed":
                ch = d["note"]
            else:
                ch = "Not carried into the " + LABEL[new_act] + ". " + (d["note"] or "")
        else:
            sid = split_ref(t)[0]
            if sid.split("-", 1)[1] not in new:
                raise SystemExit(f"{o} -> {t}: no such section")
            old_t = old[o.split("-", 1)[1]].raw
            new_t = text_of(new, t)
            shared = len(by_to[t]) > 1
            desc, same = describe(old_t, new_t, cite(old_act, o), cite(new_act, t), shared)
            if len(by_from[o]) > 1:
                rel = "split"
            elif len(by_to[t]) > 1 or any(x != t and split_ref(x)[0] == sid and not split_ref(x)[1] and not split_ref(t)[1] for x in by_to):
                rel = "merged"
            else:
                rel = "same" if same else "modified"
            if rel == "split":
                others = [cite(new_act, x) for x in by_from[o] if x != t]
                pre = f"{cite(old_act, o)} is divided; this part is {cite(new_act, t)} (the rest: {', '.join(others)}). "
            elif rel == "merged":
                others = [cite(old_act, x) for x in by_to[t] if x != o]
                pre = (f"{cite(new_act, t)} combines this section with {', '.join(others)}. " if others else
                       f"Now part of {cite(new_act, t)}. ")
            else:
                pre = ""
            ch = pre + (d["note"] + " " if d["note"] else "") + desc
        if d["verification"] == "unverified":
            ch += f" The automatic text match is weak ({d['how']}) and was not confirmed by hand."
        out.append({"from": o, "to": t, "relation": rel, "changes": ch.strip(),
                    "sources": source_list(old_act, o, new_act, t), "verification": d["verification"], "how": d["how"]})
    # new provisions: sections of the new Act that no row points to
    targeted = {split_ref(d["to"])[0] for d in out if d["to"]} | {split_ref(x)[0] for x in curated_to}
    old_grams = {s.number: match.grams(s.raw) for s in old.values()}
    for s in new.values():
        if s.id in targeted:
            continue
        g = match.grams(s.raw)
        best, bnum = 0.0, ""
        for num, og in old_grams.items():
            if not og:
                continue
            share = len(g & og) / max(len(g), 1)
            if share > best:
                best, bnum = share, num
        ver = "secondary" if best < 0.3 or s.id in overrides.NEW else "unverified"
        ch = (overrides.NEW[s.id] + " " if s.id in overrides.NEW else f"New in the {LABEL[new_act]}: {s.title}. ")
        ch += f"No {LABEL[old_act]} section reproduces its text"
        ch += f" (largest overlap {round(best * 100)}% of its words, with {LABEL[old_act]} s.{bnum})." if bnum else "."
        if ver == "unverified":
            ch += " The overlap is large enough that a predecessor may exist; not confirmed by hand."
        out.append({"from": None, "to": s.id, "relation": "new", "changes": ch,
                    "sources": source_list(old_act, None, new_act, s.id), "verification": ver, "how": f"new {best:.2f}"})
    for ref, note in overrides.NEW_PARTS.items():
        if not ref.startswith(new_act + "-"):
            continue
        sid, pin = split_ref(ref)
        label = pin.strip("()")
        assert label in new[sid.split("-", 1)[1]].units, ref
        assert not any(d["to"] == ref for d in out), ref
        out.append({"from": None, "to": ref, "relation": "new",
                    "changes": note + f" The rest of {LABEL[new_act]} s.{sid.split('-', 1)[1]} re-enacts {LABEL[old_act]} provisions (see their rows); no {LABEL[old_act]} section reproduces this sub-section.",
                    "sources": source_list(old_act, None, new_act, ref), "verification": "secondary", "how": "new part, hand"})
    return out


def yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_yaml(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        lines.append(f"  - from: {yaml_str(r['from']) if r['from'] else 'null'}")
        lines.append(f"    to: {yaml_str(r['to']) if r['to'] else 'null'}")
        lines.append(f"    relation: {r['relation']}")
        lines.append(f"    changes: {yaml_str(r['changes'])}")
        lines.append("    sources:")
        for s in r["sources"]:
            inner = ", ".join(f"{k}: {yaml_str(v)}" for k, v in s.items())
            lines.append(f"      - {{{inner}}}")
        lines.append(f"    verification: {r['verification']}")
        lines.append(f'    last_verified_on: "{TODAY}"')
        lines.append("")
    return "\n".join(lines)


MARKER = "  # ---- Rows below are generated by tools/correspondence/build.py from the bare texts; rows above are curated by hand. ----\n"

HEADERS = {
    "iea-bsa": """# Indian Evidence Act, 1872 -> Bharatiya Sakshya Adhiniyam, 2023: every section.
# Built by comparing the bare texts (tools/correspondence/); how each row was decided and where
# public tables disagree is in tools/correspondence/disagreements.csv.
correspondence:
  id: iea-bsa
  from_act: IEA
  to_act: BSA
  effective_on: "2024-07-01"
  note: >-
    Every section of the Indian Evidence Act (as updated to 2020 in India Code's consolidation) to
    its Bharatiya Sakshya Adhiniyam provision, and the BSA's new sections. 'secondary': both bare
    texts were compared (the BSA as on India Code; the repealed Act from lexkit's reference copy
    of India Code's consolidated text); 'unverified': the text match was weak and not confirmed by
    hand. 'changes' are our own account of the textual differences.
rows:
""",
}


def assemble(pair: str, path: Path) -> tuple[set, set, list, str]:
    """Split a table file into its curated part and return the curated ids and pairs."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADERS[pair]
    head = text.split(MARKER)[0].rstrip("\n") + "\n"
    import yaml
    data = yaml.safe_load(head) or {}
    cf, ct, cp = set(), set(), []
    for r in data.get("rows") or []:
        if r["from"]:
            cf.add(r["from"])
        if r["to"]:
            ct.add(r["to"])
        cp.append((r["from"], r["to"]))
    return cf, ct, cp, head


if __name__ == "__main__":
    import sys
    from collections import Counter
    root = HERE.parents[1] / "provisions"
    for pair in sys.argv[1:] or match.PAIRS:
        path = root / f"{pair}.yaml"
        cf, ct, cp, head = assemble(pair, path)
        rows = build(pair, cf, ct, cp)
        gen = to_yaml(rows)
        (HERE / f"gen-{pair}.yaml").write_text(gen, encoding="utf-8")
        path.write_text(head + "\n" + MARKER + "\n" + gen, encoding="utf-8")
        with open(HERE / f"rows-{pair}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", "relation", "verification", "how"])
            for r in rows:
                w.writerow([r["from"] or "", r["to"] or "", r["relation"], r["verification"], r["how"]])
        print(pair, len(rows), Counter(r["relation"] for r in rows), Counter(r["verification"] for r in rows))
