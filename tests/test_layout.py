"""The package's shape, enforced: imports point one way, and nothing imports upward or in a cycle.

An AST walk of lexkit/ (module-level and function-level imports alike), not a pattern over text:
cli -> render -> {training, cases} -> procedure -> law -> kb -> base (errors, dirs).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lexkit"

#: The layers, lowest first. A module may import its own layer or a lower one.
RANK = {"base": 0, "kb": 1, "law": 2, "procedure": 3, "training": 4, "cases": 4, "render": 5, "cli": 6, "entry": 7}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if module == "lexkit.__main__":
        return "entry"
    if len(parts) > 1 and parts[1] in RANK:
        return parts[1]
    return "base"


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every lexkit module ``path`` imports, anywhere in it (functions included), with the line."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "lexkit"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "lexkit":
                continue
            # "from lexkit.kb import models" imports the module lexkit.kb.models
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                              or (PACKAGE.parent / sub.replace(".", "/")).is_dir() else target, node.lineno))
    return found


def _graph() -> dict[str, list[tuple[str, int]]]:
    return {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_no_module_imports_upward() -> None:
    upward = []
    for module, targets in _graph().items():
        for target, line in targets:
            if target.startswith("lexkit") and RANK[layer(target)] > RANK[layer(module)]:
                upward.append(f"{module}:{line} imports {target} ({layer(module)} -> {layer(target)})")
    assert upward == []


def test_training_and_cases_never_import_each_other() -> None:
    crossing = [
        f"{m}:{line} imports {t}"
        for m, targets in _graph().items()
        for t, line in targets
        if {layer(m), layer(t)} == {"training", "cases"}
    ]
    assert crossing == []


def test_there_is_no_import_cycle() -> None:
    graph = {m: sorted({t for t, _ in ts if t != m}) for m, ts in _graph().items()}
    # A package's __init__ importing nothing is the norm here; "lexkit" itself imports nothing.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def _top_level_imports(path: Path) -> list[tuple[ast.AST, list[str]]]:
    """Each import statement of a module with the top-level package names it imports (absolute imports only)."""
    out: list[tuple[ast.AST, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module.split(".")[0]]
        out.append((node, names))
    return out


def test_only_the_cli_imports_typer_and_only_the_terminal_renderer_imports_rich() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        for node, names in _top_level_imports(path):
            if "typer" in names and layer(module) != "cli":
                offenders.append(f"{module}:{node.lineno} imports typer")
            if "rich" in names and module != "lexkit.render.terminal":
                offenders.append(f"{module}:{node.lineno} imports rich")
    assert offenders == []


def test_the_walk_sees_function_level_imports() -> None:
    """The checks above would pass vacuously if the walk missed imports inside functions."""
    found = dict(_graph())
    assert any(t == "lexkit.law.deadlines" for t, _ in found["lexkit.procedure.checklists"])
    assert layer("lexkit.render.checklist") == "render" and layer("lexkit.errors") == "base"


def test_only_the_register_imports_sqlalchemy_and_alembic() -> None:
    """The database libraries stay in lexkit/cases (and its results and reports import neither)."""
    pure = {"lexkit.cases.models", "lexkit.cases.plan", "lexkit.cases.reports", "lexkit.cases.reference"}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        for node, names in _top_level_imports(path):
            if {"sqlalchemy", "alembic"} & set(names) and (layer(module) != "cases" or module in pure):
                offenders.append(f"{module}:{node.lineno} imports {names[0]}")
    assert offenders == []


#: Import names of the distributions pyproject.toml declares, where they differ.
_IMPORT_NAMES = {"pyyaml": "yaml", "jsonschema-rs": "jsonschema_rs", "markdown-it-py": "markdown_it", "psycopg": "psycopg"}
#: Installed by a declared dependency and imported directly: jsonschema's registry of schemas.
_WITH_A_DEPENDENCY = {"referencing"}


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """An installed wheel has only what pyproject.toml declares: `import click` worked in a dev venv
    (datasette brings it) and failed for every user, since typer vendors click and click is no dependency."""
    import re
    import sys
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(d for ds in project["optional-dependencies"].values() for d in ds)]
    declared = {_IMPORT_NAMES.get(n, n.replace("-", "_")) for n in (re.split(r"[<>=!\[; ]", d, maxsplit=1)[0].lower() for d in wanted)}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node, names in _top_level_imports(path):
            offenders += [f"{module_name(path)}:{node.lineno} imports {n}" for n in names
                          if n not in sys.stdlib_module_names and n != "lexkit" and n not in declared | _WITH_A_DEPENDENCY]
    assert offenders == []
    assert {"typer", "yaml", "sqlalchemy"} <= declared  # the names were read
