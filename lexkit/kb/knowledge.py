"""Find, load and index the knowledge base.

The YAML lives in the repository's top-level folders (``provisions/``, ``sops/``,
``checklists/``, ``judgements/``). The wheel ships them inside the package as ``lexkit/_kb``
(see ``pyproject.toml``); a source checkout uses the folders in place. ``--kb PATH`` or the
``LEXKIT_KB`` environment variable points at another knowledge base with the same layout.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from lexkit.errors import KnowledgeBaseInvalid
from lexkit.kb.models import (
    Act,
    CorrespondenceRow,
    Document,
    KbMeta,
    Provenance,
    Section,
    Text,
    TimeLimit,
)
from lexkit.kb.yamlload import LoadProblem

FOLDERS = ("provisions", "sops", "checklists", "checklists/calendars", "judgements")
_REF = re.compile(r"^([A-Z]+-[0-9]+[A-Z]{0,3})((?:\([0-9A-Za-z]+\))*)$")


def split_ref(ref: str) -> tuple[str, str]:
    """Split a reference into its section id and pinpoint: 'BNS-143(4)' -> ('BNS-143', '(4)')."""
    m = _REF.match(ref)
    if not m:
        return ref, ""
    return m.group(1), m.group(2)


def default_root() -> Path:
    """The knowledge base to use: LEXKIT_KB when set, else the shipped one."""
    env = os.environ.get("LEXKIT_KB")
    return Path(env) if env else shipped_root()


def shipped_root() -> Path:
    """The shipped knowledge base: packaged data in a wheel, the checkout's folders otherwise."""
    packaged = Path(str(resources.files("lexkit") / "_kb"))
    if (packaged / "provisions").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "provisions").is_dir():
        return checkout
    raise KnowledgeBaseInvalid(
        "the knowledge base was not found in the installed package",
        hint="reinstall lexkit with 'pip install .', or pass --kb PATH",
    )


def document_kind(folder: str, data: Any) -> str:
    """What kind of record a file holds, from its folder and top-level key."""
    if folder == "provisions":
        if isinstance(data, dict):
            for key, kind in (("act", "act"), ("correspondence", "correspondence"), ("kb", "meta")):
                if key in data:
                    return kind
        return "act"
    return {
        "sops": "sop",
        "checklists": "checklist",
        "checklists/calendars": "calendar",
        "judgements": "judgement",
    }[folder]


def discover(root: Path) -> list[tuple[str, Path, str]]:
    """Every YAML file of the knowledge base: (folder, path, display name), in a stable order."""
    if not root.is_dir():
        raise KnowledgeBaseInvalid(
            f"knowledge base folder not found: {root}", hint="pass --kb with a folder that has provisions/"
        )
    found = []
    for folder in FOLDERS:
        d = root / folder
        if d.is_dir():
            for p in sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml")):
                found.append((folder, p, f"{folder}/{p.name}"))
    return found


def load_documents(root: Path, *, cache: bool = False) -> tuple[list[Document], list[LoadProblem]]:
    """Load every file; collect problems rather than stopping at the first.

    With ``cache``, the parsed files are kept in the user's cache folder under the hash of their
    bytes (and lexkit's version): a look-up then skips YAML parsing, and any edit to any file
    changes the hash, so a stale cache is never used.
    """
    from lexkit.kb.files import FileRefused, read_regular

    files = discover(root)
    blobs = []
    problems: list[LoadProblem] = []
    for folder, path, name in files:
        try:  # regular files only, never opened when they are not (a FIFO would hang us)
            blobs.append((folder, path, name, read_regular(path)))
        except FileRefused as exc:
            problems.append(LoadProblem(name, exc.line, "$", exc.message))
    key = _cache_key(blobs) if cache and not problems else None
    if key is not None:
        cached: tuple[list[Document], list[LoadProblem]] | None = _cache_read(key)
        if cached is not None:
            return cached
    docs: list[Document] = []
    for folder, _path, name, blob in blobs:
        loaded = load_text_bytes(blob, name)
        problems.extend(loaded.problems)
        if loaded.data is not None:
            docs.append(Document(document_kind(folder, loaded.data), name, loaded.data, loaded.lines))
    if key is not None and not problems:
        _cache_write(key, (docs, problems))
    return docs, problems


def load_text_bytes(blob: bytes, name: str) -> Any:
    """Load one file's bytes (UTF-8) with the one loader."""
    from lexkit.kb.files import FileRefused, decode_utf8
    from lexkit.kb.yamlload import LoadedDocument, load_text

    try:
        return load_text(decode_utf8(blob), name)
    except FileRefused as exc:
        return LoadedDocument(name, None, problems=[LoadProblem(name, exc.line, "$", exc.message)])


def _cache_dir() -> Path | None:
    if os.environ.get("LEXKIT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # XDG: a relative path is invalid and ignored (never the cwd)
        try:
            base = str(Path.home() / ".cache")
        except (KeyError, RuntimeError):  # no HOME and no passwd entry: no cache, still an answer
            return None
    return Path(base) / "lexkit"


def _cache_key(blobs: list[tuple[str, Path, str, bytes]]) -> str:
    import hashlib

    from lexkit import __version__

    digest = hashlib.sha256(__version__.encode())
    for _folder, _path, name, blob in blobs:
        digest.update(name.encode() + b"\0" + blob + b"\0")
    return digest.hexdigest()[:32]


def _cache_read(key: str) -> Any:
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        import pickle

        with open(folder / f"kb-{key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, unreadable or from another Python: parse the YAML instead
        return None


def _cache_write(key: str, value: Any) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    try:
        import pickle
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("kb-*.pickle"):  # keep one knowledge base's cache, not every version
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"kb-{key}.pickle")
    except OSError:  # a read-only home is fine: the cache is only a speed-up
        return


@dataclass
class KnowledgeBase:
    """The whole knowledge base, indexed by id."""

    root: Path
    documents: list[Document]
    acts: dict[str, Act] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    correspondence: list[CorrespondenceRow] = field(default_factory=list)
    meta: KbMeta = field(default_factory=lambda: KbMeta("unversioned", "", "lexkit", ""))

    @cached_property
    def time_limits(self) -> dict[str, TimeLimit]:
        return {t.id: t for s in self.sections.values() for t in s.time_limits}

    def docs_of(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind]

    def section(self, ref: str) -> Section | None:
        return self.sections.get(split_ref(ref)[0])

    def successors(self, section_id: str) -> list[CorrespondenceRow]:
        return [r for r in self.correspondence if r.from_ref and split_ref(r.from_ref)[0] == section_id]

    def predecessors(self, section_id: str) -> list[CorrespondenceRow]:
        return [r for r in self.correspondence if r.to_ref and split_ref(r.to_ref)[0] == section_id]


def _index(kb: KnowledgeBase, doc: Document) -> None:
    if doc.kind == "act":
        act = Act.of(doc.data["act"], doc.file)
        sections = [
            Section.of(raw, act.code, doc.file, doc.lines.get(("sections", i), 0))
            for i, raw in enumerate(doc.data["sections"])
        ]
        kb.acts[act.code] = act
        kb.sections.update((s.id, s) for s in sections)
    elif doc.kind == "correspondence":
        head = doc.data["correspondence"]
        kb.correspondence.extend(
            CorrespondenceRow(
                table=head["id"],
                from_act=head["from_act"],
                to_act=head["to_act"],
                from_ref=raw.get("from"),
                to_ref=raw.get("to"),
                relation=raw["relation"],
                changes=Text.of(raw["changes"]),
                provenance=Provenance.of(raw),
                file=doc.file,
                line=doc.lines.get(("rows", i), 0),
            )
            for i, raw in enumerate(doc.data["rows"])
        )
    elif doc.kind == "meta":
        m = doc.data["kb"]
        kb.meta = KbMeta(m["version"], m["date"], m.get("title", "lexkit"), m["disclaimer"])


def build(root: Path, docs: list[Document], *, strict: bool = True) -> KnowledgeBase:
    """Index loaded documents.

    strict (for use): a malformed document raises KnowledgeBaseInvalid. Not strict (for
    validation): a document that cannot be indexed is skipped, so one bad file does not turn
    into a cascade of "unknown id" errors in the files that refer to it.
    """
    kb = KnowledgeBase(root=root, documents=docs)
    for doc in docs:
        try:
            _index(kb, doc)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if strict:
                raise KnowledgeBaseInvalid(
                    f"{doc.file} is malformed ({type(exc).__name__}: {exc})",
                    hint="run 'lexkit kb validate' to see every error with its file and line",
                ) from exc
    return kb


def load(root: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base for use: any load problem is fatal (validate shows them all)."""
    root = root or default_root()
    docs, problems = load_documents(root, cache=True)
    if not any(d.kind == "act" for d in docs) and not problems:
        raise KnowledgeBaseInvalid(
            f"no Acts found in the knowledge base at {root}",
            hint="point --kb (or LEXKIT_KB) at a folder with provisions/*.yaml, or unset it to use the shipped one",
        )
    if problems:
        first = problems[0]
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        where = "" if root == shipped_root() else f" --kb {root}"
        raise KnowledgeBaseInvalid(
            f"the knowledge base does not load: {first}{more}",
            hint=f"run 'lexkit kb validate{where}' to see every error",
        )
    return build(root, docs)
