"""Issue 12, point 2: lexkit's own Hindi for what it writes in duties, checklists and SOPs.

Every duty, checklist template and SOP string lexkit wrote carries a Hindi translation recorded as
lexkit's own, with its verification status; `--lang hi` on `checklist build`, `checklist show`,
`sop show` and `sop list` prints it, with no fallback note while everything is translated, and
English output stays byte for byte what it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from lexkit.cli.checklist import FALLBACK_NOTE
from lexkit.kb.knowledge import default_root

ROOT = default_root()
GOLDEN = Path(__file__).parent / "golden" / "checklists"
DEVANAGARI = re.compile("[\u0900-\u097f]")
GIRL_15 = ("csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female",
           "--no-input", "--now", "28/11/2026 08:00")
ADULT_FOREIGN = ("csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=25", "--fact", "victim_gender=female",
                 "--fact", "foreign_national=true", "--no-input", "--now", "28/11/2026 08:00")


def _fields() -> Iterator[tuple[str, str, Any]]:
    """(file, where, value) of every string lexkit wrote in duties/, checklists/ and sops/ that must have Hindi."""
    for path in sorted((ROOT / "duties").glob("*.yaml")):
        for duty in yaml.safe_load(path.read_text(encoding="utf-8"))["duties"]:
            for key in ("title", "action", "actor"):
                yield path.name, f"{duty['id']}.{key}", duty[key]
            for key, value in (duty.get("crpc") or {}).items():
                yield path.name, f"{duty['id']}.crpc.{key}", value
    for path in sorted((ROOT / "checklists").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "summary"):
            yield path.name, key, data["checklist"][key]
        for name, fact in data["inputs"]["facts"].items():
            yield path.name, f"facts.{name}.prompt", fact["prompt"]
        for name, event in data["inputs"]["events"].items():
            yield path.name, f"events.{name}.title", event["title"]
            if "assumption" in event:
                yield path.name, f"events.{name}.assumption", event["assumption"]
    for path in sorted((ROOT / "sops").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "summary"):
            yield path.name, f"sop.{key}", data["sop"][key]
        for step in data.get("steps") or ():
            for key in ("title", "action", "actor"):
                yield path.name, f"{step['id']}.{key}", step[key]


def _english(value: Any) -> str:
    return " ".join(str(value["en"] if isinstance(value, dict) else value).split())


def test_every_duty_step_and_template_string_has_a_hindi_record() -> None:
    fields = list(_fields())
    assert len(fields) > 600  # ~20 duties, 5 templates, 14 SOPs: the walk found them
    missing = []
    for file, where, value in fields:
        hindi = str(value.get("hi", "")) if isinstance(value, dict) else ""
        if not hindi or not (DEVANAGARI.search(hindi) or hindi == value["en"]):  # "AHTU" stays "AHTU"
            missing.append(f"{file}: {where}: no Hindi")
            continue
        record = value.get("translation") or {}
        if record.get("by") != "lexkit" or record.get("verification") not in ("unverified", "secondary", "primary") \
                or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(record.get("last_verified_on", ""))):
            missing.append(f"{file}: {where}: no translation record {{by, verification, last_verified_on}}")
    assert missing == []


def test_the_nhrc_sop_steps_are_in_hindi_and_still_unverified() -> None:
    data = yaml.safe_load((ROOT / "sops" / "nhrc-sop-2017.yaml").read_text(encoding="utf-8"))
    assert len(data["steps"]) == 14
    for step in data["steps"]:
        assert step["title"]["translation"]["verification"] == "unverified"  # no Hindi reviewer has checked it


def _golden(name: str, actual: str) -> None:
    import os

    path = GOLDEN / name
    if os.environ.get("LEXKIT_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden {path}: run LEXKIT_UPDATE_GOLDEN=1 pytest tests/test_hindi_procedure.py"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_golden_hindi_checklist_for_a_girl_of_15(run) -> None:  # type: ignore[no-untyped-def]
    result = run("checklist", "build", *GIRL_15, "--format", "md", "--lang", "hi")
    assert result.code == 0, result.stderr
    _golden("girl-15.hi.md", result.stdout)
    assert FALLBACK_NOTE not in result.stderr


def _lexkit_english() -> set[str]:
    """Every English sentence lexkit wrote for these commands: the KB fields, the notes, the catalogue's labels."""
    found = {_english(v) for _f, _w, v in _fields()}
    for path in sorted((ROOT / "sops").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found |= {_english(s["notes"]) for s in data.get("steps") or () if s.get("notes")}
    from lexkit.training.words import load_catalogue

    labels = load_catalogue().section("labels")
    found |= {str(v["en"]) for k, v in labels.items() if k.startswith("cl-") and "{" not in str(v["en"])}
    from lexkit.procedure.checklists import GROUP_TITLES

    found |= set(GROUP_TITLES.values())
    return {s for s in found if len(re.findall(r"\b[a-z]{2,}\b", s)) >= 2}  # a sentence, not a name or "AHTU / SHO"


@pytest.mark.parametrize("args", [(*GIRL_15, "--format", "md"), (*ADULT_FOREIGN, "--format", "md"), (*GIRL_15, "--format", "table")])
def test_hindi_checklist_has_no_fallback_and_no_english_lexkit_wrote(run, args) -> None:  # type: ignore[no-untyped-def]
    result = run("checklist", "build", *args, "--lang", "hi")
    assert result.code == 0, result.stderr
    assert FALLBACK_NOTE not in result.stderr
    text = " ".join(result.stdout.replace("\\", "").split())  # md escapes and card wrapping undone
    left = sorted(s for s in _lexkit_english() if s in text)
    assert left == []
    assert "अनिवार्य" in text  # how binding a step is, in Hindi
    # The law stays as held: citations and rule ids are printed as the knowledge base holds them.
    assert "JJA-31.production" in text or "ITPA-15(6A)" in text


def test_english_is_byte_for_byte_the_default(run) -> None:  # type: ignore[no-untyped-def]
    for args in (("checklist", "build", *GIRL_15, "--format", "md"), ("checklist", "show", "csec-rescue"),
                 ("sop", "show", "nhrc-sop-2017"), ("sop", "list"), ("checklist", "build", *GIRL_15, "--format", "json")):
        default, english = run(*args), run(*args, "--lang", "en")
        assert default.code == english.code == 0
        assert default.stdout == english.stdout, args


def test_checklist_show_in_hindi_asks_in_hindi(run) -> None:  # type: ignore[no-untyped-def]
    result = run("checklist", "show", "csec-rescue", "--lang", "hi")
    assert result.code == 0 and FALLBACK_NOTE not in result.stderr
    assert "पीड़ित की आयु पूरे वर्षों में" in result.stdout
    assert "Victim's age in completed years" not in result.stdout
    assert "--fact victim_age=..." in result.stdout  # the names a user types stay as they are
    as_json = run("checklist", "show", "csec-rescue", "--lang", "hi", "--format", "json")
    assert as_json.code == 0 and '"lang": "hi"' in as_json.stdout


def test_sop_show_and_list_in_hindi(run) -> None:  # type: ignore[no-untyped-def]
    shown = run("sop", "show", "nhrc-sop-2017", "--lang", "hi")
    assert shown.code == 0 and FALLBACK_NOTE not in shown.stderr
    assert "भारत में व्यक्तियों की तस्करी से निपटने के लिए मानक संचालन प्रक्रिया" in shown.stdout
    assert "Step 6: conduct the rescue" not in shown.stdout and "चरण 6: बचाव करें" in shown.stdout
    assert "हिंदी अनुवाद: lexkit द्वारा, असत्यापित" in shown.stdout  # the page says whose translation it is
    listed = run("sop", "list", "--lang", "hi")
    assert listed.code == 0
    assert "किशोर न्याय (बालकों की देखरेख और संरक्षण) अधिनियम, 2015" in listed.stdout


def test_an_untranslated_template_is_shown_in_english_with_one_note(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    overlay = tmp_path / "kb"
    (overlay / "checklists").mkdir(parents=True)
    text = (ROOT / "checklists" / "csec-rescue.yaml").read_text(encoding="utf-8")
    head = yaml.safe_load(text)["checklist"]
    text = text.replace("  id: csec-rescue", "  id: csec-rescue-local")
    title_line = next(line for line in text.splitlines() if line.startswith("  title: "))
    text = text.replace(title_line, '  title: "Local rescue checklist, not yet translated"')
    assert head["title"]["hi"] in (ROOT / "checklists" / "csec-rescue.yaml").read_text(encoding="utf-8")
    (overlay / "checklists" / "csec-rescue-local.yaml").write_text(text, encoding="utf-8")
    args = ("csec-rescue-local", *GIRL_15[1:], "--format", "md", "--lang", "hi")
    result = run("--kb", str(overlay), "checklist", "build", *args)
    assert result.code == 0, result.stderr
    assert "# Local rescue checklist, not yet translated" in result.stdout
    assert f"{FALLBACK_NOTE} (1 strings)" in result.stderr
    assert result.stderr.count(FALLBACK_NOTE) == 1


def test_kb_unverified_lists_the_translations(run) -> None:  # type: ignore[no-untyped-def]
    result = run("kb", "unverified")
    assert result.code == 0
    for folder in ("duties", "checklists"):
        for path in sorted((ROOT / folder).glob("*.yaml")):
            records = path.read_text(encoding="utf-8").count("translation: {by: lexkit, verification: unverified")
            assert f"{folder}/{path.name}: {records} Hindi translation(s) not yet checked" in result.stdout
    assert re.search(r"sops/nhrc-sop-2017\.yaml: \d+ Hindi translation\(s\) not yet checked", result.stdout)


def test_every_sop_reads_in_hindi_without_a_fallback(run) -> None:  # type: ignore[no-untyped-def]
    ids = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["sop"]["id"] for p in (ROOT / "sops").glob("*.yaml"))
    assert len(ids) == 14
    english = _lexkit_english()
    for sop_id in ids:
        result = run("sop", "show", sop_id, "--lang", "hi")
        assert result.code == 0, result.stderr
        assert FALLBACK_NOTE not in result.stderr, sop_id
        text = " ".join(result.stdout.split())
        assert [s for s in english if s in text] == [], sop_id
