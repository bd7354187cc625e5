"""Find, load and index the knowledge base.

The YAML lives in the repository's top-level folders (``provisions/``, ``sops/``,
``checklists/``, ``judgements/``). The wheel ships them inside the package as ``lexkit/_kb``
(see ``pyproject.toml``); a source checkout uses the folders in place. ``--kb PATH`` or the
``LEXKIT_KB`` environment variable points at another knowledge base with the same layout.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from lexkit.kb.yamlload import LoadProblem

FOLDERS = ("provisions", "sops", "duties", "checklists", "checklists/calendars", "judgements")
_REF = re.compile(r"^([A-Z]+-[0-9]+[A-Z]{0,3})((?:\([0-9A-Za-z]+\))*)$")


def is_word_char(ch: str) -> bool:
    """A letter, a digit, or a mark: Devanagari vowel signs and viramas belong to their word (मजदूरी is one word)."""
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def words(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of every word in ``text``, in one pass (linear in its length)."""
    start = None
    for i, ch in enumerate(text):
        if is_word_char(ch) and ch != "_":
            if start is None:
                start = i
        elif start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


def alias_key(alias: str) -> str:
    """An Act's abbreviation as citations compare it: lower case, letters and digits only ('Cr.P.C.' -> 'crpc')."""
    return "".join(ch for ch in alias.casefold() if is_word_char(ch) and ch != "_")


def split_ref(ref: str) -> tuple[str, str]:
    """Split a reference into its section id and pinpoint: 'BNS-143(4)' -> ('BNS-143', '(4)')."""
    m = _REF.match(ref)
    if not m:
        return ref, ""
    return m.group(1), m.group(2)


def default_root() -> Path:
    """The base knowledge base: the shipped one (overlays come from LEXKIT_KB or --kb; see resolve_roots)."""
    return resolve_roots(env_overlays())[0]


def env_overlays() -> list[Path]:
    """The overlay folders of LEXKIT_KB: paths joined by the OS path separator (':' here)."""
    return [Path(p) for p in os.environ.get("LEXKIT_KB", "").split(os.pathsep) if p.strip()]


def resolve_roots(overlays: list[Path] | tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """The folders of the knowledge base in use, lowest first: the base, then each overlay.

    An overlay adds records to what is below it, or replaces a record of the same id when the
    record says ``overrides: true`` with a ``reason``. A folder with its own provisions/kb.yaml
    (its own version and date) is a whole knowledge base: it replaces everything below it.
    """
    roots: list[Path] = [shipped_root()] if not overlays or not _is_whole(overlays[0]) else []
    for folder in overlays:
        if _is_whole(folder):
            roots = [folder]
        elif folder.resolve() not in {r.resolve() for r in roots}:  # the same folder twice counts once
            roots.append(folder)
    return tuple(roots)


def is_whole_knowledge_base(folder: Path) -> bool:
    """A folder with its own provisions/kb.yaml (its own version and date) replaces everything below it."""
    return _is_whole(folder)


def _is_whole(folder: Path) -> bool:
    try:
        return (folder / "provisions" / "kb.yaml").is_file()
    except OSError:  # an unreadable provisions/: check_folder (or discover) says so
        return False


def shipped_root() -> Path:
    """The shipped knowledge base: packaged data in a wheel (lexkit/_kb), the checkout's folders otherwise."""
    package = Path(__file__).resolve().parents[1]  # the lexkit package folder, installed or not
    packaged = package / "_kb"
    if (packaged / "provisions").is_dir():
        return packaged
    checkout = package.parent
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
        "duties": "duty",
        "checklists": "checklist",
        "checklists/calendars": "calendar",
        "judgements": "judgement",
    }[folder]


def check_folder(root: Path, label: str = "--kb") -> None:
    """Refuse, with one line, a knowledge-base folder that is not a folder or cannot be read.

    An unreadable folder (or subfolder) is refused, never skipped: a knowledge base that silently
    lost its SOPs would answer wrongly. Nothing is opened but the folders themselves.
    """
    try:
        st = os.stat(root)
    except FileNotFoundError:
        raise KnowledgeBaseInvalid(f"knowledge base folder not found: {root}",
                                   hint="pass --kb with a folder that has provisions/, sops/, checklists/ or judgements/") from None
    except OSError as exc:
        raise KnowledgeBaseInvalid(f"{label} {root}: the folder cannot be inspected ({exc.strerror})",
                                   hint="check the path and its permissions") from None
    import stat as _stat

    if not _stat.S_ISDIR(st.st_mode):
        what = ("a file" if _stat.S_ISREG(st.st_mode) else "a FIFO (named pipe)" if _stat.S_ISFIFO(st.st_mode)
                else "a device" if _stat.S_ISCHR(st.st_mode) or _stat.S_ISBLK(st.st_mode) else "not a folder")
        raise KnowledgeBaseInvalid(f"{label} {root} is {what}, not a knowledge-base folder",
                                   hint="pass the folder that holds provisions/, sops/, checklists/ or judgements/")
    for sub in (root, *(root / f for f in FOLDERS)):
        if sub != root and not _is_dir(sub):
            continue
        try:
            os.listdir(sub)
        except OSError as exc:
            raise KnowledgeBaseInvalid(f"{label} {root}: the folder {sub} cannot be read ({(exc.strerror or str(exc)).lower()})",
                                       hint="make it readable (chmod a+rx), or leave it out") from None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return True  # cannot even be inspected: listing it says why


def _listed(d: Path) -> list[Path]:
    """The .yaml and .yml files of one folder, sorted; an unreadable folder is refused, not skipped."""
    try:
        names = os.listdir(d)
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        return []
    except OSError as exc:
        raise KnowledgeBaseInvalid(f"the folder {d} cannot be read ({(exc.strerror or str(exc)).lower()})",
                                   hint="make it readable (chmod a+rx), or leave it out") from None
    return [d / n for n in sorted(n for n in names if n.endswith(".yaml"))] + \
        [d / n for n in sorted(n for n in names if n.endswith(".yml"))]


def discover(root: Path) -> list[tuple[str, Path, str]]:
    """Every YAML file of one folder of the knowledge base: (folder, path, display name), in a stable order."""
    if not _is_dir(root):
        raise KnowledgeBaseInvalid(
            f"knowledge base folder not found: {root}", hint="pass --kb with a folder that has provisions/"
        )
    found = []
    for folder in FOLDERS:
        d = root / folder
        if _is_dir(d):
            for p in _listed(d):
                found.append((folder, p, f"{folder}/{p.name}"))
    return found


def discover_all(roots: tuple[Path, ...]) -> list[tuple[str, Path, str, str | None]]:
    """Every file of every folder, base first: (folder, path, display name, origin).

    A base file is named as before ('sops/x.yaml'); an overlay file by its folder too
    ('/srv/kb-mh/sops/x.yaml'), so every message says which folder a record comes from.
    """
    out: list[tuple[str, Path, str, str | None]] = []
    for i, root in enumerate(roots):
        origin = None if i == 0 else str(root)
        for folder, path, name in discover(root):
            out.append((folder, path, name if origin is None else f"{origin}/{name}", origin))
    return out


def load_documents(roots: Path | tuple[Path, ...]) -> tuple[list[Document], list[LoadProblem]]:
    """Load every file with the one YAML loader; collect problems rather than stopping at the first.

    Only the compiler of the store and `kb validate` parse YAML; a warm look-up never does.
    """
    return load_files(discover_all(roots if isinstance(roots, tuple) else (roots,)))


def load_files(files: Sequence[tuple[str, Path, str, str | None]],
               on_bytes: Callable[[str, bytes | None], None] | None = None) -> tuple[list[Document], list[LoadProblem]]:
    """Read and parse the files discover_all found; ``on_bytes(name, blob)`` sees each file's bytes
    (None for a file refused unread), so the compiler can hash what it parsed without reading twice.

    A big knowledge base is parsed by worker processes (lexkit.kb.parallel), with the same result.
    """
    from lexkit.kb.files import FileRefused, read_regular
    from lexkit.kb.parallel import load_in_workers, worker_count
    from lexkit.kb.yamlload import LoadedDocument, LoadProblem, load_bytes, paused_gc

    def read(i: int) -> bytes | LoadedDocument:
        _folder, path, name, _origin = files[i]
        try:  # regular files only, never opened when they are not (a FIFO would hang us)
            blob = read_regular(path)
        except FileRefused as exc:
            if on_bytes is not None:
                on_bytes(name, None)
            return LoadedDocument(name, None, problems=[LoadProblem(name, exc.line, "$", exc.message)])
        if on_bytes is not None:
            on_bytes(name, blob)
        return blob

    def one_by_one() -> Iterator[LoadedDocument]:
        for i, (_folder, _path, name, _origin) in enumerate(files):
            got = read(i)
            yield got if isinstance(got, LoadedDocument) else load_bytes(got, name)

    sizes = [_size(path) for _folder, path, _name, _origin in files]
    workers = worker_count(sum(sizes), len(files))
    docs: list[Document] = []
    problems: list[LoadProblem] = []
    with paused_gc():
        loaded = load_in_workers([name for _f, _p, name, _o in files], sizes, read, workers) if workers > 1 else one_by_one()
        for (folder, _path, name, origin), doc in zip(files, loaded, strict=True):
            problems.extend(doc.problems)
            if doc.data is not None:
                docs.append(Document(document_kind(folder, doc.data), name, doc.data, doc.lines, origin))
    return docs, problems


def _size(path: Path) -> int:
    """A file's size for planning the parse: 0 for anything that will be refused unread (reading it says why)."""
    import stat

    from lexkit.kb.files import MAX_FILE_BYTES

    try:
        st = os.stat(path)
    except OSError:
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) and st.st_size <= MAX_FILE_BYTES else 0


class KnowledgeBase:
    """The knowledge base, indexed by id: the same questions whether it lives in memory or in the store.

    The in-memory form (``build``) holds every record and serves `kb validate` and the compiler;
    look-ups use ``lexkit.kb.store.StoredKnowledgeBase``, which answers the same questions by
    reading only the rows it needs.
    """

    #: India's public holidays computed ahead (a compiled store's, lexkit.kb.public_holidays), or
    #: None: a calendar then asks the `holidays` package.
    public_holidays: Any = None

    def __init__(self, root: Path, documents: list[Document], roots: tuple[Path, ...] = ()) -> None:
        self.root = root
        self.roots = roots or (root,)
        self.documents = documents
        #: Overlay records that replaced one below: (kind, id, overlay file, reason).
        self.overrides: list[tuple[str, str, str, str]] = []
        self.raw_acts: dict[str, tuple[dict[str, Any], Document]] = {}
        self.raw_sections: dict[str, tuple[dict[str, Any], Document, int]] = {}
        #: Overlay records refused: (document, path, message), reported by `kb validate`.
        self.overlay_problems: list[tuple[Document, tuple[Any, ...], str]] = []
        self.acts: dict[str, Act] = {}
        self.sections: Mapping[str, Section] = {}
        self.correspondence: list[CorrespondenceRow] = []
        self.meta = KbMeta("unversioned", "", "lexkit", "")

    @cached_property
    def time_limits(self) -> Mapping[str, TimeLimit]:
        return {t.id: t for s in self.sections.values() for t in s.time_limits}

    def docs_of(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind]

    def document(self, kind: str, doc_id: str) -> Document | None:
        """One SOP, checklist template, calendar or judgement by its id."""
        key = {"sop": "sop", "checklist": "checklist", "calendar": "calendar", "judgement": "judgement"}[kind]
        return next((d for d in self.docs_of(kind) if d.data.get(key, {}).get("id") == doc_id), None)

    def section(self, ref: str) -> Section | None:
        return self.sections.get(split_ref(ref)[0])

    def successors(self, section_id: str) -> list[CorrespondenceRow]:
        return [r for r in self.correspondence if r.from_ref and split_ref(r.from_ref)[0] == section_id]

    def predecessors(self, section_id: str) -> list[CorrespondenceRow]:
        return [r for r in self.correspondence if r.to_ref and split_ref(r.to_ref)[0] == section_id]

    def cited_by(self, section_id: str) -> list[tuple[str, str, str, str | None]]:
        """Judgements and SOP steps that rely on a provision: (kind, id, title)."""
        return [(kind, ref, title, origin) for sid, kind, ref, title, origin in section_citations(self) if sid == section_id]

    def sections_numbered(self, number: str) -> list[Section]:
        """Every section with this number, in any Act (for a citation that names no Act)."""
        return sorted((s for s in self.sections.values() if s.number == number), key=lambda s: s.id)

    def section_ids(self, act: str | None = None) -> list[str]:
        return [sid for sid, s in self.sections.items() if act is None or s.act == act]

    def section_index(self, act: str | None = None) -> list[tuple[str, str, str, str | None]]:
        """(id, title, verification, overlay folder) of every section held, in the order of the Acts' files."""
        return [(s.id, s.title.en, s.provenance.verification, s.origin) for s in self.sections.values() if act is None or s.act == act]


def _index(kb: KnowledgeBase, doc: Document) -> None:
    if doc.kind == "act":
        head = doc.data["act"]
        code = head["code"]
        # An overlay file of an Act held below adds sections to it; its header replaces the one
        # below only when it says overrides: true with a reason.
        if code not in kb.acts or (head.get("overrides") is True
                                   and _replaces(kb, doc, ("act",), "act", code, head, kb.acts[code].file)):
            kb.acts[code] = Act.of(head, doc.file, doc.origin)
            kb.raw_acts[code] = (head, doc)
        assert isinstance(kb.sections, dict)
        for i, raw in enumerate(doc.data["sections"]):
            sid = raw["id"]
            line = doc.lines.get(("sections", i), 0)
            if sid in kb.sections and not _replaces(kb, doc, ("sections", i), "section", sid, raw, kb.sections[sid].file):
                continue
            if sid not in kb.sections and doc.origin is not None and raw.get("overrides") is True:
                kb.overlay_problems.append((doc, ("sections", i, "overrides"), f"overrides: true, but no section {sid} is below it"))
            kb.sections[sid] = Section.of(raw, code, doc.file, line, doc.origin)
            kb.raw_sections[sid] = (raw, doc, line)
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
                origin=doc.origin,
            )
            for i, raw in enumerate(doc.data["rows"])
        )
    elif doc.kind == "meta":
        m = doc.data["kb"]
        kb.meta = KbMeta(m["version"], m["date"], m.get("title", "lexkit"), m["disclaimer"])


#: Documents replaced as a whole by an overlay, by kind: where their id is.
_KEYED = {"sop": "sop", "checklist": "checklist", "calendar": "calendar", "judgement": "judgement"}


def _replaces(kb: KnowledgeBase, doc: Document, path: tuple[Any, ...], kind: str, rid: str,
              raw: Mapping[str, Any], below: str) -> bool:
    """Whether an overlay record may replace the record of the same id below it (and say why not)."""
    if doc.origin is None:
        return False  # a duplicate inside one knowledge base: `kb validate` reports it
    if raw.get("overrides") is True and str(raw.get("reason") or "").strip():
        kb.overrides.append((kind, rid, doc.file, str(raw["reason"]).strip()))
        return True
    need = "a reason (reason: ...)" if raw.get("overrides") is True else "overrides: true and a reason"
    kb.overlay_problems.append((doc, path, f"{rid} is already in the knowledge base ({below}): an overlay "
                                            f"replaces a record only with {need}; or give it a new id"))
    return False


def _overlay_documents(kb: KnowledgeBase, docs: list[Document]) -> list[Document]:
    """SOPs, templates, calendars and judgements of overlays, merged by id: the winner of each id."""
    kept: list[Document] = []
    where: dict[tuple[str, str], int] = {}
    for doc in docs:
        key_name = _KEYED.get(doc.kind)
        head = doc.data.get(key_name) if key_name and isinstance(doc.data, dict) else None
        rid = head.get("id") if isinstance(head, dict) else None
        if not isinstance(rid, str):
            kept.append(doc)
            continue
        key = (doc.kind, rid)
        if key in where and doc.origin is not None:
            if _replaces(kb, doc, (key_name, "id"), doc.kind, rid, head, kept[where[key]].file):  # type: ignore[arg-type]
                kept[where[key]] = doc
            continue
        if key not in where and doc.origin is not None and head.get("overrides") is True:  # type: ignore[union-attr]
            kb.overlay_problems.append((doc, (key_name, "overrides"), f"overrides: true, but no {doc.kind} {rid} is below it"))
        where.setdefault(key, len(kept))
        if where[key] == len(kept):
            kept.append(doc)
    return kept


def build(root: Path, docs: list[Document], *, strict: bool = True, roots: tuple[Path, ...] = ()) -> KnowledgeBase:
    """Index loaded documents, base first, then each overlay on top.

    strict (for use): a malformed document raises KnowledgeBaseInvalid. Not strict (for
    validation): a document that cannot be indexed is skipped, so one bad file does not turn
    into a cascade of "unknown id" errors in the files that refer to it.
    """
    kb = KnowledgeBase(root, docs, roots)
    kb.sections = {}
    kb.documents = _overlay_documents(kb, docs)
    for doc in kb.documents:
        try:
            _index(kb, doc)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if strict:
                raise KnowledgeBaseInvalid(
                    f"{doc.file} is malformed ({type(exc).__name__}: {exc})",
                    hint="run 'lexkit kb validate' to see every error with its file and line",
                ) from exc
    for code, (head, doc) in list(kb.raw_acts.items()):
        if doc.origin is not None and head.get("overrides") is True and not any(o[:2] == ("act", code) for o in kb.overrides):
            kb.overlay_problems.append((doc, ("act", "overrides"), f"overrides: true, but no act {code} is below it"))
    return kb


def section_citations(kb: KnowledgeBase) -> list[tuple[str, str, str, str, str | None]]:
    """Judgements, then SOP steps, that rely on each section: (section id, kind, id, title, origin).

    ``origin``: the overlay folder the judgement or SOP comes from; None for the base knowledge base.
    """
    out: list[tuple[str, str, str, str, str | None]] = []
    for doc in kb.docs_of("judgement"):
        j = doc.data.get("judgement", doc.data)
        name, year = str(j.get("name", "")), str(j.get("decided_on", ""))[:4]
        title = name if not year or name.endswith(f"({year})") else f"{name} ({year})"
        for sid in dict.fromkeys(split_ref(p)[0] for p in j.get("provisions") or ()):
            out.append((sid, "judgement", j.get("id", ""), title, doc.origin))
    for doc in kb.docs_of("sop"):
        sop_id = doc.data.get("sop", {}).get("id", "")
        for step in doc.data.get("steps") or ():
            for sid in dict.fromkeys(split_ref(p)[0] for p in step.get("basis") or ()):
                out.append((sid, "sop-step", f"{sop_id}/{step.get('id', '')}", Text.of(step.get("action", "")).en, doc.origin))
    return out
