"""The JSON Schemas of the knowledge base (package data) and their validators.

jsonschema is imported only when a validator is asked for: `kb validate`, a compile of the
store, and reading a court calendar; never on a look-up. A valid document is confirmed by
jsonschema-rs (compiled; about a thousand times faster on a large knowledge base); only a
document it rejects goes through jsonschema, whose messages and paths lexkit reports.
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


@cache
def fast_validators() -> dict[str, Any] | None:
    """The same schemas compiled by jsonschema-rs, or None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform without its wheel: jsonschema alone, slower
        return None
    schemas = schema_texts()
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in schemas.values()])
    return {name: jsonschema_rs.validator_for(schema, registry=registry) for name, schema in schemas.items()}
