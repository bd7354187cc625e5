"""The JSON Schemas of the knowledge base (package data) and their validators.

jsonschema is imported only when a validator is asked for: `kb validate`, a compile of the
store, and reading a court calendar; never on a look-up.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def schema_texts() -> dict[str, dict[str, Any]]:
    """Every JSON Schema shipped in the package, by file name."""
    folder = resources.files(__name__)
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


@cache
def validators() -> dict[str, Any]:
    """A Draft 2020-12 validator per schema file, with the shared definitions resolvable by $id."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = schema_texts()
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}
