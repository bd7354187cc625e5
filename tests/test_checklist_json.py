"""The checklist's JSON is written by lexkit's own indenting writer: the bytes json.dumps would write."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from lexkit.render.checklist import indented_json

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5), st.tuples(inner, inner),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=5)),
                      max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_same_characters_as_json_dumps(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_it_leaves_to_json_is_still_written_as_json_writes_it() -> None:
    odd = {1: "int key", "nan": math.nan, "nested": [{"deep": math.inf}], "true": True}
    assert indented_json(odd) == json.dumps(odd, ensure_ascii=False, indent=2)


def test_a_checklist_built_by_the_cli_is_json_dumps_of_its_dict(run) -> None:  # type: ignore[no-untyped-def]
    result = run("checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15",
                 "--fact", "victim_gender=female", "--journey-hours", "1.5", "--no-input", "--format", "json",
                 "--now", "2026-12-01T10:00")
    data = json.loads(result.stdout)
    assert data["steps"] and any(isinstance(s["deadline"], dict) for s in data["steps"])
    assert result.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
