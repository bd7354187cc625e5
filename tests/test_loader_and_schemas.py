"""The one YAML loader and the schemas: every defect is reported with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lexkit.kb.models import Document
from lexkit.kb.validate import validate
from lexkit.kb.yamlload import load_file, load_text

FIXTURES = Path(__file__).parent / "fixtures"


def test_loader_keeps_dates_and_numbers_as_written() -> None:
    doc = load_text('a: "2024-07-01"\nb: "07"\nc: 07\nd: no\ne: true\nf: 1.5\n', "x.yaml")
    assert doc.problems == []
    assert doc.data == {"a": "2024-07-01", "b": "07", "c": "07", "d": "no", "e": True, "f": 1.5}


def test_loader_builds_only_plain_data() -> None:
    doc = load_text("a: !!python/object:os.system 'echo hi'\n", "x.yaml")
    assert [p.message for p in doc.problems] == ["tag tag:yaml.org,2002:python/object:os.system is not allowed: plain YAML only"]


def test_loader_records_the_line_of_every_value() -> None:
    doc = load_text("top:\n  items:\n    - name: a\n    - name: b\n", "x.yaml")
    assert doc.line_of(("top", "items", 1, "name")) == 4
    assert doc.line_of(("top", "items", 1, "missing")) == 4


def _kb_with(minimal_kb: Path, fixture: Path) -> Path:
    shutil.copy(fixture, minimal_kb / "provisions" / "new.yaml")
    return minimal_kb


def test_minimal_kb_is_valid(minimal_kb: Path) -> None:
    report = validate(minimal_kb)
    assert report.ok, report.problems
    assert report.counts["sections"] == 2


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "valid").glob("*.yaml")))
def test_valid_fixtures_validate(minimal_kb: Path, name: str) -> None:
    report = validate(_kb_with(minimal_kb, FIXTURES / "valid" / name))
    assert report.ok, [str(p) for p in report.problems]


INVALID = {
    # fixture: the first problem it must produce, as `file:line: $.path: message` (prefix)
    "duplicate-key.yaml": "provisions/new.yaml:16: $.sections[0].title: duplicate key 'title' (first at line 15)",
    "unquoted-date.yaml": "provisions/new.yaml:7: $.act.in_force_from: unquoted date 2024-07-01: quote it",
    "missing-source.yaml": "provisions/new.yaml:13: $.sections[0]: 'sources' is a required property",
    "unquoted-number.yaml": "provisions/new.yaml:14: $.sections[0].number: 20 is not of type 'string'",
    "yaml-syntax.yaml": "provisions/new.yaml:16: $: YAML syntax error",
    "primary-without-primary-source.yaml": "provisions/new.yaml:21: $.sections[0].verification: verification is 'primary' but no source",
    "unknown-reference.yaml": "provisions/new.yaml:18: $.sections[0].cross_references[0]: reference to unknown provision NEWC-99",
}


def test_every_invalid_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in (FIXTURES / "invalid").glob("*.yaml")) == sorted(INVALID)


@pytest.mark.parametrize("name,expected", sorted(INVALID.items()))
def test_invalid_fixtures_fail_with_file_and_line(minimal_kb: Path, name: str, expected: str) -> None:
    report = validate(_kb_with(minimal_kb, FIXTURES / "invalid" / name))
    lines = [str(p) for p in report.problems]
    assert any(line.startswith(expected) for line in lines), lines


def test_validate_cli_reports_every_problem_and_exits_1(run, minimal_kb: Path) -> None:
    new = minimal_kb / "provisions" / "new.yaml"
    text = new.read_text(encoding="utf-8")
    text = text.replace('in_force_from: "2024-07-01"', "in_force_from: 2024-07-01")
    text = text.replace('    number: "20"', "    number: 20")
    new.write_text(text, encoding="utf-8")
    result = run("kb", "validate", "--kb", str(minimal_kb))
    assert result.code == 1
    out = result.stdout.splitlines()
    assert "provisions/new.yaml:7: $.act.in_force_from: unquoted date 2024-07-01: quote it (\"2024-07-01\") so it stays a string" in out
    assert "provisions/new.yaml:14: $.sections[0].number: 20 is not of type 'string'" in out
    assert "problem(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_cli_json(run, minimal_kb: Path) -> None:
    import json

    result = run("kb", "validate", "--kb", str(minimal_kb), "--format", "json")
    assert result.code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["problems"] == []
    assert data["counts"]["acts"] == 2


def test_duplicate_section_id_across_files(minimal_kb: Path) -> None:
    text = (minimal_kb / "provisions" / "new.yaml").read_text(encoding="utf-8")
    (minimal_kb / "provisions" / "new2.yaml").write_text(
        text.replace("code: NEWC", "code: NEWD").replace("aliases: [NEWC, New Code]", "aliases: [NEWD]"),
        encoding="utf-8",
    )
    lines = [str(p) for p in validate(minimal_kb).problems]
    assert any("duplicate id NEWC-20" in line for line in lines), lines
    assert any("id NEWC-20 does not match act NEWD" in line for line in lines), lines


def test_mapping_row_must_point_at_real_sections(minimal_kb: Path) -> None:
    path = minimal_kb / "provisions" / "old-new.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("to: NEWC-20", "to: NEWC-21"), encoding="utf-8")
    lines = [str(p) for p in validate(minimal_kb).problems]
    assert lines == ["provisions/old-new.yaml:8: $.rows[0].to: NEWC-21 is not a provision in the knowledge base"]


def test_the_fast_and_the_reporting_validators_agree() -> None:
    """jsonschema-rs confirms valid documents; jsonschema reports the problems. They must never
    disagree, or a problem could pass unreported: every shipped document and every fixture is
    judged alike by both."""
    from lexkit.kb.knowledge import default_root, load_documents
    from lexkit.kb.schemas import fast_validators, validators
    from lexkit.kb.validate import SCHEMA_OF_KIND

    fast, slow = fast_validators(), validators()
    assert fast is not None
    docs, _ = load_documents(default_root())
    for name in ("valid", "invalid"):
        for path in sorted((FIXTURES / name).glob("*.yaml")):
            loaded = load_file(path)
            if loaded.data is not None:
                docs.append(Document("act", path.name, loaded.data, loaded.lines))
    bad = dict(docs[0].data)
    bad["unexpected"] = 1
    docs.append(Document(docs[0].kind, "planted", bad, {}))
    verdicts = set()
    for doc in docs:
        schema = SCHEMA_OF_KIND[doc.kind]
        verdict = (fast[schema].is_valid(doc.data), slow[schema].is_valid(doc.data))
        assert verdict[0] == verdict[1], doc.file
        verdicts.add(verdict)
    assert verdicts == {(True, True), (False, False)}


@pytest.mark.parametrize("key", ["{x: 1}", "[1, 2]"])
def test_a_mapping_or_sequence_used_as_a_key_is_a_problem_and_its_value_is_dropped(key: str) -> None:
    doc = load_text(f"a: 1\n? {key}\n: 2\nb: 3\n", "x.yaml")
    assert doc.data == {"a": 1, "b": 3}
    assert [(p.line, p.path, p.message) for p in doc.problems] == [(2, "$", "a mapping key must be a plain string")]
