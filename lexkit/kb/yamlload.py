"""The one YAML loader of lexkit: used by the CLI, the tests and CI alike.

Why not ``yaml.safe_load``: PyYAML silently keeps the last of two duplicate keys, turns ``no``
into ``False``, ``07`` into ``7`` and an unquoted ``2024-07-01`` into a ``date`` object. In a
knowledge base of law each of those is a silent error. This loader

- parses with libyaml (``CParser``) when it is present, the pure-Python parser otherwise;
- builds only plain data (dict, list, str, int, float, bool, None): no Python objects, ever;
- resolves scalars by the YAML 1.2 core schema: only ``true``/``false`` are booleans, and a
  number with a leading zero stays a string;
- rejects duplicate keys, merge keys and unquoted dates, each reported with file and line;
- refuses anchors and aliases (an alias bomb expands a few lines into gigabytes), any explicit
  tag on any node, and nesting deeper than ``MAX_DEPTH``, from the event stream, before any
  node is built;
- keeps the line of every value, so schema errors can say ``file:line: $.path: message``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

JsonPath = tuple[str | int, ...]

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}.*)?$")

if getattr(yaml, "__with_libyaml__", False):

    class _Events(yaml.cyaml.CParser):  # type: ignore[misc,name-defined]
        """The parser's event stream alone: no node is composed, nothing is expanded."""

    LIBYAML = True
else:  # pragma: no cover - exercised only where libyaml is missing

    class _Events(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

        def dispose(self) -> None:
            pass

    LIBYAML = False


@dataclass(frozen=True)
class LoadProblem:
    """One problem found while loading a file, with its place."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


@dataclass
class LoadedDocument:
    """The plain data of one YAML file, the line of each value, and the problems found."""

    file: str
    data: Any
    # A dict here; a file parsed by a worker process keeps its lines as numbers until they are
    # asked for (lexkit.kb.parallel.WalkedLines).
    lines: Mapping[JsonPath, int] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def line_of(self, path: JsonPath) -> int:
        """The line of the value at ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def json_path(path: JsonPath) -> str:
    """Render a path as JSONPath: ``$.sections[4].punishments[0].max_years``."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


#: Deeper nesting than any record needs (the deepest shipped file nests 6 levels); a cap keeps
#: the loader bounded for any input.
MAX_DEPTH = 64
#: Refusals reported per file before "and more": a bomb repeats the same mistake many times.
MAX_REFUSALS = 20


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


class _Frame:
    """A mapping or sequence being built from the event stream."""

    __slots__ = ("value", "path", "key", "first_line", "skip")

    def __init__(self, value: Any, path: JsonPath) -> None:
        self.value = value
        self.path = path
        self.key: str | None = None  # a mapping's key waiting for its value
        self.first_line: dict[str, int] = {}
        self.skip = False  # the value of a refused key: built, then dropped


#: Longer plain integers are refused with a problem: Python's int() raises on more than 4,300 digits.
MAX_INT_DIGITS = 4000


def _plain(value: str) -> tuple[str, Any]:
    """A plain (unquoted) scalar by the YAML 1.2 core schema: (kind, value)."""
    first = value[:1]
    if first in "tTfF" and _BOOL.match(value):
        return "bool", value.lower() == "true"
    if first in ("", "~", "n", "N") and _NULL.match(value):
        return "null", None
    if first and first in "-+0123456789.":
        if _INT.match(value):
            if len(value) > MAX_INT_DIGITS:  # Python refuses to read it (sys.get_int_max_str_digits)
                return "long_int", value
            return "int", int(value)
        if _FLOAT.match(value):
            return "float", float(value)
        if _TIMESTAMP.match(value):
            return "timestamp", value
    return "str", value


#: The parser's events as both loaders tell them apart: scalar, stream end, document start, skipped, container ends.
_KINDS = (yaml.ScalarEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent,
          (yaml.StreamStartEvent, yaml.DocumentEndEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent))


def load_text(text: str, file: str) -> LoadedDocument:
    """Load YAML text in one pass over the parser's events; problems are collected, never raised.

    No node tree is composed and no alias is ever expanded: anchors, aliases, explicit tags and
    nesting deeper than MAX_DEPTH are refused as they are met, with their line, and the file then
    gives no data.
    """
    lines: dict[JsonPath, int] = {}
    doc = LoadedDocument(file=file, data=None, lines=lines)
    refused: list[LoadProblem] = []
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0

    def problem(line: int, path: JsonPath, message: str) -> None:
        doc.problems.append(LoadProblem(file, line, json_path(path), message))

    def refuse(line: int, message: str) -> None:
        refused.append(LoadProblem(file, line, "$", message))

    def place(value: Any, line: int) -> None:
        """Put a finished mapping, sequence or (refused) alias where it belongs: a value, a sequence item, the root.

        Scalars, keys included, are placed in the loop below; so a value that comes here where a
        mapping's key is due is a mapping, a sequence or an alias used as a key.
        """
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top.value, list):
            path = (*top.path, len(top.value))
            lines[path] = line
            top.value.append(value)
        elif top.key is None:
            problem(line, top.path, "a mapping key must be a plain string")
            top.key, top.skip = "", True
        else:
            key, skip = top.key, top.skip
            top.key, top.skip = None, False
            if not skip:
                lines[(*top.path, key)] = line
                top.value[key] = value

    def path_of_next() -> JsonPath:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key) if top.key is not None else top.path

    # The classes as locals, and scalars (three events in four) handled first and in line: the
    # loop is half of the parse's time. Every other event goes through place() as before.
    scalar_event, stream_end, document_start, skipped, ends = _KINDS
    events = _Events(text)
    get_event = events.get_event
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            line = event.start_mark.line + 1
            if kind is scalar_event:
                if event.anchor is not None:
                    refuse(line, f"anchor &{event.anchor} is not allowed: anchors and aliases are refused, write values out in full")
                if event.tag is not None and event.tag != "!":
                    refuse(line, f"tag {event.tag} is not allowed: plain YAML only")
                top = stack[-1] if stack else None
                if top is not None and top.key is None and type(top.value) is dict:  # a mapping's key
                    key = event.value
                    if key == "<<" and event.implicit[0]:
                        problem(line, top.path, "merge keys ('<<') are not allowed: write the keys out")
                        top.key, top.skip = "", True
                        continue
                    top.key = key
                    if key in top.first_line:
                        problem(line, (*top.path, key),
                                f"duplicate key '{key}' (first at line {top.first_line[key]}): remove one of them")
                        top.skip = True
                    else:
                        top.first_line[key] = line
                    continue
                value: Any = event.value
                if event.implicit[0]:
                    what, value = _plain(value)
                    if what == "timestamp":
                        problem(line, path_of_next(), f'unquoted date {value}: quote it ("{value}") so it stays a string')
                    elif what == "long_int":
                        problem(line, path_of_next(), f"a number of {len(value)} digits: no field takes one; quote it if it is text")
                if top is None:
                    lines[()] = line
                    root.append(value)
                elif type(top.value) is list:
                    lines[(*top.path, len(top.value))] = line
                    top.value.append(value)
                else:  # a mapping's value (its key was read above)
                    held: Any = top.key
                    skip = top.skip
                    top.key, top.skip = None, False
                    if not skip:
                        lines[(*top.path, held)] = line
                        top.value[held] = value
            elif kind is stream_end:
                break
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    problem(line, (), "more than one YAML document in the file: keep one")
                    break
                continue
            elif kind in skipped:
                continue
            elif kind is yaml.AliasEvent:
                refuse(line, f"alias *{event.anchor} is not allowed: write the value out in full")
                place(None, line)
            elif kind in ends:
                frame = stack.pop()
                place(frame.value, lines.get(frame.path, line))
            else:  # a mapping or a sequence starts
                if event.anchor is not None:
                    refuse(line, f"anchor &{event.anchor} is not allowed: anchors and aliases are refused, write values out in full")
                if event.tag is not None:
                    refuse(line, f"tag {event.tag} is not allowed: plain YAML only")
                if len(stack) >= MAX_DEPTH:
                    refuse(line, f"nested more than {MAX_DEPTH} levels deep: flatten the record")
                    break
                path = path_of_next()
                lines[path] = line
                stack.append(_Frame({} if kind is yaml.MappingStartEvent else [], path))
            if len(refused) >= MAX_REFUSALS:
                refused.append(LoadProblem(file, refused[-1].line, "$", "more refusals follow: fix these first"))
                break
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        if isinstance(exc, yaml.reader.ReaderError):  # a control character or an invalid code point
            line = text.count("\n", 0, exc.position) + 1
            reason = f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})" if isinstance(
                exc.character, int) else exc.reason
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            reason = "a tab character: YAML indents with spaces only"
        doc.problems.append(LoadProblem(file, line, "$", f"YAML syntax error: {reason}"))
        lines.clear()
        return doc
    finally:
        events.dispose()
    if refused:
        doc.problems[:0] = refused
        lines.clear()
        return doc
    if not root or root[0] is None:  # nothing, or a document that is only a null ('~', 'null')
        doc.problems.append(LoadProblem(file, 1, "$", "the file is empty"))
        lines.clear()
        return doc
    doc.data = root[0]
    return doc


def load_clean(text: str) -> tuple[Any, list[int]] | None:
    """A clean file's data and the line of every value as a walk's numbers (a value, then what it holds, in document order).

    The parse workers' path (lexkit.kb.parallel): the data ``load_text`` gives and the values of
    its lines, in their order, but without a path for every value (~30% of a file's parse).
    None as soon as anything appears that ``load_text`` refuses or reports (an anchor, an alias,
    a tag, a duplicate or merge key, a key that is not a string, an unquoted date, a huge
    number, nesting too deep, a second document, a syntax error, an empty file): ``load_text``
    then parses the file again and says what, where. tests/test_parallel_parse.py holds the two
    to the same answers on every hostile, tricky and shipped file.
    """
    flat: list[int] = []
    append = flat.append
    stack: list[list[Any]] = []  # [container, the mapping's key waiting for its value, the keys seen (None: a sequence)]
    root: list[Any] = []
    documents = 0
    scalar_event, stream_end, document_start, skipped, ends = _KINDS
    mapping_start, alias = yaml.MappingStartEvent, yaml.AliasEvent
    events = _Events(text)
    try:
        for event in iter(events.get_event, None):
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    return None
                if stack:
                    top = stack[-1]
                    container = top[0]
                    if top[2] is not None and top[1] is None:  # a mapping's key
                        key = event.value
                        if key in top[2] or (key == "<<" and event.implicit[0]):
                            return None
                        top[2].add(key)
                        top[1] = key
                        continue
                value = event.value
                if event.implicit[0]:
                    what, value = _plain(value)
                    if what == "timestamp" or what == "long_int":
                        return None
                append(event.start_mark.line + 1)
                if not stack:
                    root.append(value)
                elif top[2] is None:
                    container.append(value)
                else:
                    container[top[1]] = value
                    top[1] = None
            elif kind in ends:
                value = stack.pop()[0]
                if not stack:
                    root.append(value)
                else:
                    top = stack[-1]
                    if top[2] is None:
                        top[0].append(value)
                    else:
                        top[0][top[1]] = value
                        top[1] = None
            elif kind is stream_end:
                break
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    return None
            elif kind in skipped:
                continue
            elif kind is alias:
                return None
            else:  # a mapping or a sequence starts
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    return None
                if stack and stack[-1][2] is not None and stack[-1][1] is None:  # a container as a mapping's key
                    return None
                append(event.start_mark.line + 1)
                stack.append([{}, None, set()] if kind is mapping_start else [[], None, None])
    except yaml.YAMLError:
        return None
    finally:
        events.dispose()
    if not root or root[0] is None:
        return None
    return root[0], flat


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a knowledge base is loaded and indexed in bulk.

    Parsed YAML is plain data without cycles (freed by reference counting alone), and so are the
    records built from it; but the collector walks all of it, over and over, as it piles up:
    ~2 s of the parse and ~3 s of the indexing of 50,000 sections. It is switched back on after
    (when it was on), and whatever it would have found is found then. Nested, only the outer
    one switches it back on (a compile holds it from the first file to the last row).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_bytes(blob: bytes, file: str) -> LoadedDocument:
    """Load one file's bytes (UTF-8); a file that is not UTF-8 gives its problem, never an exception."""
    from lexkit.kb.files import FileRefused, decode_utf8

    try:
        text = decode_utf8(blob)
    except FileRefused as exc:
        return LoadedDocument(file, None, problems=[LoadProblem(file, exc.line, "$", exc.message)])
    return load_text(text, file)


def load_file(path: Path, display: str | None = None) -> LoadedDocument:
    """Load one YAML file (UTF-8): a regular file only, read without ever blocking (lexkit.kb.files)."""
    from lexkit.kb.files import FileRefused, decode_utf8, read_regular

    name = display or str(path)
    try:
        text = decode_utf8(read_regular(path))
    except FileRefused as exc:
        return LoadedDocument(name, None, problems=[LoadProblem(name, exc.line, "$", exc.message)])
    return load_text(text, name)
