"""Write a synthetic lexkit knowledge base of N sections, for the benchmark (never shipped).

Usage: python bench/make_synthetic.py DIR [--sections 50000] [--acts 20] [--seed 7]

DIR gets the shipped layout, valid under ``lexkit kb validate --kb DIR``:

- ``provisions/kb.yaml``: version and date;
- ``provisions/syna.yaml`` ... one file per Act, the sections spread evenly over the Acts, each
  with a title (some with a Hindi title), a few hundred words of text (numbered sub-provisions)
  drawn from a fixed vocabulary, sub-provision summaries, and for some of them punishments,
  classification, time limits, cross-references and tags;
- ``provisions/syna-synb.yaml``: an old->new correspondence table (SYNA -> SYNB, one row per
  section of SYNA, plus 'new' rows for SYNB), as IPC->BNS;
- ``judgements/syn-*.yaml``: one judgement per 100 sections, citing synthetic sections;
- ``synthetic.json``: what was made (sections, seed) and the citations the benchmark looks up
  (they exist at any size). lexkit ignores it: it reads only ``*.yaml`` in its folders.

The same arguments always write the same bytes (a seeded RNG, no clock).

Act codes are SYNA, SYNB, ... (an Act code is letters only, ``^[A-Z]+$``, so not SYN1) with
aliases 'Synthetic Act A' ...: none collides with a shipped code or alias, so the folder also
works as an overlay on top of the shipped knowledge base. For now ``bench/run.py`` uses it as a
whole knowledge base, ``--kb DIR`` in place of the shipped one (today's CLI replaces the knowledge
base with ``--kb``). When ``--kb`` adds overlays instead, the same folder and the same citations
work unchanged; only ``provisions/kb.yaml`` may have to go if an overlay must not carry its own
version file (``--no-meta`` leaves it out).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

DATE = "2026-11-23"
SOURCE = '[{citation: "Synthetic benchmark data (bench/make_synthetic.py)", kind: secondary}]'
PRIMARY = '[{url: "https://example.invalid/synthetic", kind: primary}]'

# Words of the statutes this knowledge base holds, so that real queries find synthetic hits.
WORDS = """
whoever person persons child children woman women minor girl boy victim victims accused offender
officer police magistrate court session judge prosecutor public servant guardian parent employer
labour bonded forced debt advance wages employment work worker workers factory establishment
trafficking trafficked traffic exploitation exploit exploited sexual prostitution brothel premises
kidnapping abduction procuration recruitment transport transfer harbouring receipt purpose
threat force coercion fraud deception abuse power inducement payment benefit consent consented
punishment punishable imprisonment rigorous simple term years months life fine rupees compensation
extend less than not more shall may must within hours days period time limit custody remand bail
arrest warrant search seizure rescue raid release certificate rehabilitation repatriation shelter
protective home welfare committee board district state central government notification rule rules
order orders inquiry investigation report charge sheet evidence statement recorded recording video
interpreter special educator medical examination age proof presumption burden proof contrary
section sub-section clause proviso explanation schedule chapter act code sanhita enactment repeal
offence offences cognizable bailable compoundable triable summons complaint information first
sessions trial speedy day-to-day in-camera identity disclosure prohibited media publication name
address school photograph family relative community trust caste religion economic vulnerability
begging organ removal servitude slavery practices similar domestic marriage adoption surrogacy
migrant inter-state border foreign national passport visa deportation embassy consulate juvenile
justice care protection need conflict law probation officer unit anti human rescue-team ngo
civil society survivor survivors support person legal aid counsel advocate free services free
premises owner landlord tenant lessee occupier agent manager keeper living earnings detention
corrective institution undertrial shelter home inmate visit inspection records register maintain
contravention penalty penalties attempt abetment abettor conspiracy common intention organised
crime gang habitual repeat subsequent conviction previous second enhanced minimum maximum
""".split()
HINDI = """
अधिनियम संहिता धारा अपराध बालक बालिका महिला पीड़ित पुलिस मजिस्ट्रेट न्यायालय दंड कारावास जुर्माना
व्यापार मानव शोषण श्रम बंधुआ बचाव पुनर्वास संरक्षण गिरफ्तारी जमानत तलाशी वारंट अभियुक्त साक्षी
कथन परिवाद सूचना अन्वेषण आरोप विचारण सत्र अवधि घंटे दिन मास वर्ष प्रतिकर आश्रय गृह समिति
""".split()
TITLE_HEADS = ["Punishment for", "Procedure for", "Powers of", "Duty of", "Presumption as to", "Protection of",
               "Special provisions relating to", "Offences by", "Penalty for", "Rescue of", "Inquiry into"]
TRIGGERS = ["rescue", "child_found", "arrest", "information_received", "information_recorded", "report_received",
            "production_before_magistrate", "magistrate_order", "cognizance", "charge_sheet", "complaint"]
COURTS = ["Court of Session", "Magistrate of the first class", "Any Magistrate", "Special Court"]


def act_code(i: int) -> str:
    """SYNA, SYNB, ... SYNZ, SYNBA, SYNBB, ...: letters only, as an Act code must be."""
    letters = ""
    i_ = i
    while True:
        letters = chr(ord("A") + i_ % 26) + letters
        i_ //= 26
        if i_ == 0:
            return "SYN" + letters


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, lo: int, hi: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(lo, hi)))

    def hindi(self, lo: int, hi: int) -> str:
        return " ".join(self.rng.choices(HINDI, k=self.rng.randint(lo, hi)))

    def title(self) -> str:
        return f"{self.rng.choice(TITLE_HEADS)} {self.words(2, 6)}"

    def section(self, code: str, number: str, parts: int, refs: list[str], old: bool) -> tuple[str, list[str]]:
        """One section as YAML lines, and its labels of sub-provisions."""
        rng = self.rng
        sid = f"{code}-{number}"
        labels = [f"({k})" for k in range(1, parts + 1)]
        out = [f"  - id: {sid}", f'    number: "{number}"']
        title = self.title()
        if rng.random() < 0.3:
            out.append(f"    title: {{en: {q(title)}, hi: {q(self.hindi(2, 5))}}}")
        else:
            out.append(f"    title: {q(title)}")
        out.append("    text: |")
        for label in labels:
            sentence = self.words(40, 90)
            out.append(f"      {label} {sentence[0].upper()}{sentence[1:]}.")
        if rng.random() < 0.15:
            out.append(f"      Explanation.- {self.words(15, 40)}.")
        out.append(f"    text_kind: {rng.choice(['statutory', 'statutory', 'excerpt', 'summary'])}")
        out.append("    subsections:")
        out.extend(f"      - {{label: {q(label)}, summary: {q(self.words(6, 18))}}}" for label in labels)
        if rng.random() < 0.45:
            out.append("    punishments:")
            for label in labels[: rng.randint(1, 2)]:
                lo = rng.choice([None, 1, 3, 7, 10])
                hi = None if lo is None and rng.random() < 0.2 else rng.choice([3, 7, 10, 14])
                hi = max(hi, lo) if hi is not None and lo is not None else hi
                life = "true" if hi is None else "false"
                out.append(
                    f"      - {{applies_to: {q(number + label + ': ' + self.words(3, 8))}, "
                    f"min_years: {'null' if lo is None else lo}, max_years: {'null' if hi is None else hi}, "
                    f"life: {life}, imprisonment: {rng.choice(['rigorous', 'simple', 'either'])}, "
                    f"fine: {rng.choice(['required', 'or_both', 'alternative'])}}}"
                )
            out.append("    classification:")
            out.append(
                f"      - {{applies_to: {q(number + labels[0])}, cognizable: {rng.choice(['true', 'false'])}, "
                f"bailable: {rng.choice(['true', 'false'])}, triable_by: {q(rng.choice(COURTS))}, "
                f"compoundable: false, basis: {q('Synthetic First Schedule, Part ' + rng.choice(['I', 'II']))}, "
                "verification: secondary}"
            )
        if rng.random() < 0.06:
            out.append("    time_limits:")
            out.append(f"      - id: {sid}.{rng.choice(['production', 'report', 'inquiry', 'release', 'custody'])}")
            out.append(f"        pinpoint: {q(number + labels[-1])}")
            out.append(f"        what: {q(self.words(5, 12))}")
            out.append(f"        actor: {q(self.words(2, 5))}")
            out.append(f"        trigger: {rng.choice(TRIGGERS)}")
            unit = rng.choice(["hours", "days", "days", "months"])
            amount = {"hours": 24, "days": rng.choice([7, 15, 30, 60, 90]), "months": rng.choice([1, 3, 6])}[unit]
            out.append(f"        period: {{amount: {amount}, unit: {unit}}}")
            out.append(f"        kind: {rng.choice(['deadline', 'cap', 'target'])}")
            out.append(f"        rolls: {rng.choice(['true', 'false'])}")
            out.append(f"        sources: {SOURCE}")
            out.append("        verification: secondary")
            out.append(f'        last_verified_on: "{DATE}"')
        if refs:
            picked = rng.sample(refs, k=min(len(refs), rng.randint(0, 3)))
            if picked:
                out.append(f"    cross_references: [{', '.join(picked)}]")
        out.append(f"    tags: [{', '.join(sorted(set(w for w in rng.choices(WORDS, k=4) if w.isalpha())) or ['synthetic'])}]")
        if old and rng.random() < 0.2:
            out.append(f"    note: {q(self.words(10, 30))}")
        if rng.random() < 0.5:
            out.extend([f"    sources: {PRIMARY}", "    verification: primary"])
        else:
            out.extend([f"    sources: {SOURCE}", f"    verification: {rng.choice(['secondary', 'unverified'])}"])
        out.append(f'    last_verified_on: "{DATE}"')
        out.append("")
        return "\n".join(out), labels


def act_header(code: str, index: int, count: int) -> str:
    letter = code[3:]
    kind, extra = "special_act", ["  in_force_to: null", "  replaces: null", "  repealed_by: null"]
    in_force = "2010-01-01"
    if index == 0 and count > 1:  # SYNA: an old code that SYNB replaced, as the IPC
        kind, in_force = "penal_code", "1990-01-01"
        extra = ['  in_force_to: "2024-06-30"', "  replaces: null", "  repealed_by: SYNB"]
    elif index == 1:  # SYNB: the new code, as the BNS
        kind, in_force = "penal_code", "2024-07-01"
        extra = ["  in_force_to: null", "  replaces: SYNA", "  repealed_by: null"]
    return "\n".join([
        "act:",
        f"  code: {code}",
        f'  title: {{en: "Synthetic Act {letter}, 20{index % 90 + 10}", hi: "कृत्रिम अधिनियम {letter}"}}',
        f'  short_title_year: "20{index % 90 + 10}"',
        f'  number: "{index + 1} of 20{index % 90 + 10}"',
        f"  kind: {kind}",
        f'  aliases: [{code}, "Synthetic Act {letter}"]',
        "  unit: section",
        '  enacted_on: "2009-12-01"',
        f'  in_force_from: "{in_force}"',
        *extra,
        f"  sources: {PRIMARY}",
        "  verification: primary",
        f'  last_verified_on: "{DATE}"',
        "sections:",
        "",
    ])


def numbers(count: int) -> list[str]:
    """1, 2, ... with an inserted 'A' section now and then (as 370A after 370)."""
    out: list[str] = []
    n = 0
    while len(out) < count:
        n += 1
        out.append(str(n))
        if n % 37 == 0 and len(out) < count:
            out.append(f"{n}A")
    return out


def make(root: Path, sections: int = 50_000, acts: int = 20, seed: int = 7, meta: bool = True) -> dict[str, object]:
    """Write the knowledge base; return what synthetic.json holds."""
    if sections < 2:
        raise ValueError("at least 2 sections")
    acts = max(1, min(acts, sections // 2))
    acts = max(acts, -(-sections // 9000))  # the resolver reads at most 4 digits of a section number
    rng = random.Random(seed)
    writer = Writer(rng)
    prov = root / "provisions"
    judg = root / "judgements"
    prov.mkdir(parents=True, exist_ok=True)
    judg.mkdir(parents=True, exist_ok=True)
    for old in list(prov.glob("*.yaml")) + list(judg.glob("*.yaml")):
        old.unlink()
    per_act = [sections // acts + (1 if i < sections % acts else 0) for i in range(acts)]
    all_ids: dict[str, list[str]] = {}
    parts_of: dict[str, int] = {}
    for index, count in enumerate(per_act):
        code = act_code(index)
        nums = numbers(count)
        ids = [f"{code}-{n}" for n in nums]
        all_ids[code] = ids
        with open(prov / f"{code.lower()}.yaml", "w", encoding="utf-8") as handle:
            handle.write(f"# Synthetic benchmark data: {count} sections of {code} (bench/make_synthetic.py, seed {seed}).\n")
            handle.write(act_header(code, index, acts))
            for k, n in enumerate(nums):
                parts = 5 if k == len(nums) // 2 else rng.randint(2, 5)  # the benchmark's pinpoint (4)
                parts_of[ids[k]] = parts
                text, _labels = writer.section(code, n, parts, ids[max(0, k - 40):k], old=index == 0)
                handle.write(text)
    if acts > 1:
        _correspondence(prov / "syna-synb.yaml", all_ids["SYNA"], all_ids["SYNB"], writer)
    judgement_ids = _judgements(judg, max(3, sections // 100), [i for ids in all_ids.values() for i in ids], writer)
    if meta:
        (prov / "kb.yaml").write_text(
            "kb:\n"
            '  version: "2026.12.1"\n'
            f'  date: "{DATE}"\n'
            f"  title: lexkit synthetic benchmark knowledge base ({sections} sections)\n"
            "  disclaimer: >-\n"
            "    Synthetic data for the benchmark: not law. Never act on it.\n",
            encoding="utf-8",
        )
    old_code = "SYNA"
    new_code = "SYNB" if acts > 1 else "SYNA"
    old_mid = all_ids[old_code][len(all_ids[old_code]) // 2]
    new_mid = all_ids[new_code][len(all_ids[new_code]) // 2]
    manifest: dict[str, object] = {
        "sections": sections,
        "acts": acts,
        "seed": seed,
        "judgements": len(judgement_ids),
        # The benchmark's look-ups, as the shipped ones: 'BNS 143' --format json, 'u/s 370(4) IPC', map 'IPC 370'.
        "show_json": new_mid.replace("-", " "),
        "show_pinpoint": f"u/s {old_mid.split('-', 1)[1]}(4) {old_code}",
        "map": old_mid.replace("-", " "),
        "judgement": judgement_ids[len(judgement_ids) // 2],
    }
    assert parts_of[old_mid] >= 4
    (root / "synthetic.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _correspondence(path: Path, old_ids: list[str], new_ids: list[str], writer: Writer) -> None:
    rng = writer.rng
    lines = [
        "# Synthetic benchmark data: SYNA -> SYNB, as IPC -> BNS.",
        "correspondence:",
        "  id: syna-synb",
        "  from_act: SYNA",
        "  to_act: SYNB",
        '  effective_on: "2024-07-01"',
        "rows:",
    ]

    def row(src: str | None, dst: str | None, relation: str) -> None:
        lines.extend([
            f"  - from: {src or 'null'}",
            f"    to: {dst or 'null'}",
            f"    relation: {relation}",
            f"    changes: {q(writer.words(8, 30))}",
            f"    sources: {SOURCE}",
            f"    verification: {rng.choice(['secondary', 'unverified'])}",
            f'    last_verified_on: "{DATE}"',
        ])

    for k, src in enumerate(old_ids):
        if k == len(old_ids) // 2:  # the benchmark's 'map' citation: always a row with both sides
            row(src, new_ids[k % len(new_ids)], "modified")
        elif k >= len(new_ids) or rng.random() < 0.03:
            row(src, None, "omitted")
        else:
            dst = new_ids[k] + (f"({rng.randint(1, 2)})" if rng.random() < 0.2 else "")
            row(src, dst, rng.choice(["same", "same", "modified"]))
    for dst in new_ids[len(old_ids):]:
        row(None, dst, "new")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _judgements(folder: Path, count: int, ids: list[str], writer: Writer) -> list[str]:
    rng = writer.rng
    made = []
    for k in range(1, count + 1):
        jid = f"syn-party-{k}-{2000 + k % 25}"
        year = 2000 + k % 25
        provisions = ", ".join(sorted(rng.sample(ids, k=min(len(ids), rng.randint(1, 3)))))
        (folder / f"{jid}.yaml").write_text(
            "\n".join([
                "judgement:",
                f"  id: {jid}",
                f"  name: Synthetic Party {k} v State of Synthetica",
                f"  short_name: Synthetic Party {k}",
                f"  court: {rng.choice(['Supreme Court of India', 'High Court of Synthetica'])}",
                f"  court_level: {rng.choice(['supreme_court', 'high_court'])}",
                f'  case_number: "Crl.A. {k}/{year}"',
                f'  decided_on: "{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
                "  citations:",
                f'    - {{citation: "({year}) {rng.randint(1, 12)} SCC {k}", reporter: SCC, verification: secondary}}',
                f"  provisions: [{provisions}]",
                f"  topics: [{', '.join(sorted(set(w for w in rng.choices(WORDS, k=3) if w.isalpha())) or ['synthetic'])}]",
                f"  holding: {q(writer.words(60, 120))}",
                f"  significance: {q(writer.words(40, 90))}",
                f"  sources: {SOURCE}",
                "  verification: secondary",
                f'  last_verified_on: "{DATE}"',
                "",
            ]),
            encoding="utf-8",
        )
        made.append(jid)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="Where to write the knowledge base (created; its YAML is replaced).")
    parser.add_argument("--sections", type=int, default=50_000, help="How many sections (default 50,000).")
    parser.add_argument("--acts", type=int, default=20, help="Over how many Acts (default 20).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-meta", action="store_true", help="Leave out provisions/kb.yaml (for an overlay).")
    args = parser.parse_args(argv)
    manifest = make(args.folder, args.sections, args.acts, args.seed, meta=not args.no_meta)
    print(f"wrote {args.folder}: {manifest['sections']} sections in {manifest['acts']} Acts, "
          f"{manifest['judgements']} judgements", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
