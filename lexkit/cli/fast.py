"""The fast path: a warm look-up or checklist without typer, click or rich.

Importing typer costs more than a look-up itself. For the look-up commands (`provision
show/map/search`, `judgement show/search/list`, `sop show`) and `checklist build`, written in the
plain form people type (the command, its argument, the options each command knows with a valid
value), the command line is read here and the body in lexkit.cli.lookup or
lexkit.cli.checklist_build runs at once: the same body the Typer command runs, so the product,
the messages and the exit code are the same bytes. Anything else falls through to the Typer
application, which reports every usage error: an unknown or repeated option, a missing option
or argument, an extra argument, a value it would refuse, --help, --version, --debug, ``--``, an
argument that starts with '-'; and a checklist that may ask a person at a terminal for a fact
(typer's prompt). LEXKIT_NO_FAST_PATH=1 turns the fast path off (the tests compare both paths).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_DOC = ("text", "json", "md")
_DATA = ("text", "json")
_CHECKLIST = ("table", "md", "json", "ics")


def _limit(value: str) -> int | None:
    """--limit as lexkit.cli.options.whole_number(1, 200) takes it; None: let Typer say what is wrong."""
    if 0 < len(value) <= 12 and value.isascii() and value.isdigit() and 1 <= int(value) <= 200:
        return int(value)
    return None


def _choice(allowed: tuple[str, ...]) -> Callable[[str], str | None]:
    return lambda value: value if value in allowed else None


def _text(value: str) -> str | None:
    return value


def _path(value: str) -> Path | None:
    """-o FILE as typer's Path type takes it: it refuses an existing file it cannot read (and '' becomes '.')."""
    if not value:
        return None
    try:
        os.stat(value)
    except OSError:
        return Path(value)
    except ValueError:
        return None
    return Path(value) if os.access(value, os.R_OK) else None


class _Repeat:
    """A repeatable option (--fact A=1 --fact B=2): every value, in order."""

    def __init__(self, check: Callable[[str], Any]) -> None:
        self.check = check


#: An option that takes no value (--force): True when given.
FLAG = object()
#: Short names of long options. Only as a word of their own: click reads '-o=x' as the value '=x'.
ALIASES = {"-o": "--output"}
#: Options a command cannot run without: missing, Typer says so.
REQUIRED = {("checklist", "build"): ("--at",)}


#: (group, command) -> (positional arguments, {option: check}); a check returns the value, or None to fall
#: through; FLAG takes no value, _Repeat may be given again.
COMMANDS: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {
    ("provision", "show"): (1, {"--offence-date": _text, "--format": _choice(_DOC)}),
    ("provision", "map"): (1, {"--format": _choice(_DATA)}),
    ("provision", "search"): (1, {"--act": _text, "--limit": _limit, "--format": _choice(_DATA)}),
    ("judgement", "show"): (1, {"--format": _choice(_DOC)}),
    ("judgement", "search"): (1, {"--limit": _limit, "--format": _choice(_DOC)}),
    ("judgement", "list"): (0, {"--provision": _text, "--court": _text, "--year": _text, "--format": _choice(_DOC)}),
    ("sop", "show"): (1, {"--format": _choice(_DOC)}),
    ("checklist", "build"): (1, {"--at": _text, "--fact": _Repeat(_text), "--event": _Repeat(_text), "--now": _text,
                                 "--offence-date": _text, "--format": _choice(_CHECKLIST), "--lang": _choice(("en", "hi")),
                                 "--output": _path, "--force": FLAG, "--no-input": FLAG}),
}


def _options(words: list[str], known: dict[str, Any]) -> tuple[list[str], dict[str, Any]] | None:
    """(positional arguments, {option: value}) of a command's words; None for anything unusual."""
    positional: list[str] = []
    values: dict[str, Any] = {}
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("-"):
            positional.append(word)
            continue
        name, eq, value = word.partition("=")
        if eq and not name.startswith("--"):
            return None
        name = ALIASES.get(name, name)
        check = known.get(name)
        repeat = isinstance(check, _Repeat)
        if check is None or (name in values and not repeat):
            return None
        if check is FLAG:
            if eq:
                return None
            values[name] = True
            continue
        if not eq:
            if i == len(words):
                return None
            value = words[i]
            i += 1
            if value.startswith("-"):
                return None
        checked = check.check(value) if repeat else check(value)
        if checked is None:
            return None
        if repeat:
            values.setdefault(name, []).append(checked)
        else:
            values[name] = checked
    return positional, values


def parse(args: list[str]) -> tuple[tuple[str, str], list[Path], list[str], dict[str, Any]] | None:
    """((group, command), --kb folders, arguments, options) of a command line the fast path runs, or None."""
    if "--debug" in args:  # a traceback shows the frames it went through: the Typer app's, always
        return None
    kb: list[Path] = []
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--kb" or word.startswith("--kb="):
            name, eq, value = word.partition("=")
            if not eq:
                if i + 1 == len(args):
                    return None
                value = args[i + 1]
                i += 1
            if not value or value.startswith("-"):
                return None
            kb.append(Path(value))
            i += 1
        else:
            break
    key = tuple(args[i:i + 2])
    if len(key) != 2 or key not in COMMANDS:
        return None
    command = (key[0], key[1])
    wanted, known = COMMANDS[command]
    parsed = _options(args[i + 2:], known)
    if parsed is None or len(parsed[0]) != wanted or any(o not in parsed[1] for o in REQUIRED.get(command, ())):
        return None
    return command, kb, parsed[0], parsed[1]


def fast_path(args: list[str]) -> int | None:
    """Run a look-up or checklist command line without typer; None when it is not one (the Typer app runs it)."""
    if os.environ.get("LEXKIT_NO_FAST_PATH") == "1":
        return None
    try:
        "\0".join(args).encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 on the command line: Typer's way
        return None
    parsed = parse(args)
    if parsed is None:
        return None
    (group, name), kb_folders, positional, options = parsed
    if group == "checklist":
        from lexkit.cli.checklist_build import asks

        if sys.stdin is None or asks("--no-input" in options):
            return None  # a person at a terminal may be asked for a fact: typer's prompt
    from lexkit.cli import lookup

    def kb() -> Any:
        return lookup.load_roots(kb_folders)

    fmt = options.get("--format", "text")
    if group == "provision" and name == "show":
        lookup.provision_show(kb, positional[0], options.get("--offence-date"), fmt)
    elif group == "provision" and name == "map":
        lookup.provision_map(kb, positional[0], fmt)
    elif group == "provision":
        lookup.provision_search(kb, positional[0], options.get("--act"), options.get("--limit", 10), fmt)
    elif group == "judgement" and name == "show":
        lookup.judgement_show(kb, positional[0], fmt)
    elif group == "judgement" and name == "search":
        lookup.judgement_search(kb, positional[0], options.get("--limit", 10), fmt)
    elif group == "judgement":
        lookup.judgement_list(kb, options.get("--provision"), options.get("--court"), options.get("--year"), fmt)
    elif group == "sop":
        lookup.sop_show(kb, positional[0], fmt)
    else:
        from lexkit.cli.checklist_build import build

        build(kb, positional[0], at=options["--at"], fact=options.get("--fact", []), event=options.get("--event", []),
              fmt=options.get("--format"), output=options.get("--output"), force="--force" in options,
              no_input="--no-input" in options, offence_date=options.get("--offence-date"), now=options.get("--now"),
              lang=options.get("--lang", "en"))
    return 0
