"""Share the knowledge base through Datasette: a plain SQLite file, searchable as it is.

The compiled store already keeps what Datasette looks for: a table ``T`` and an FTS5 table
``T_fts`` declared with ``content="T"`` (sections and judgements), so Datasette offers a search
box on them and ``?_search=`` in its JSON API with no configuration. The export drops what only
lexkit needs (file stamps, validation results, the store's own markers) and writes a metadata
file beside it with the title, the licence and the sources. No server of lexkit's own.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from lexkit.kb.store import StoredKnowledgeBase

#: What a Datasette user sees about each table.
TABLES = {
    "acts": "The Acts held: code, title, kind, dates in force; record holds the whole entry as JSON.",
    "aliases": "How charge-sheets name each Act (compared as letters and digits only).",
    "sections": "Every section held, with its text; search it with ?_search=. record: the whole entry as JSON "
                "(punishments, classification, time limits, sources, verification).",
    "time_limits": "Statutory time limits (the rules of lexkit's deadline engine).",
    "correspondence": "Old <-> new codes (IPC->BNS, CrPC->BNSS, ...): relation and what changed.",
    "judgements": "Judgements: holding and significance in lexkit's own words; search with ?_search=.",
    "documents": "SOPs, checklist templates, court calendars and judgements as JSON.",
    "cited_by": "Which judgements and SOP steps rely on each section.",
    "overrides": "Records an overlay replaced, with its reason.",
    "kb_meta": "The knowledge base's version, date and disclaimer.",
}
#: The store's own tables: file stamps, validation results, markers, the public holidays it
#: keeps for checklists (computed by the holidays package, not part of the knowledge base) and
#: search's vocabulary and impact lists (lexkit.kb.impacts).
_INTERNAL = ("files", "problems", "meta", "holiday_years", "holidays", "search_terms", "search_impacts")


def export_sqlite(kb: StoredKnowledgeBase, target: Path) -> dict[str, Any]:
    """Write the knowledge base to ``target`` (a new file) and return its Datasette metadata."""
    kb.store.con.execute("VACUUM INTO ?", (str(target),))
    con = sqlite3.connect(target)
    try:
        meta = kb.store.meta
        with con:
            for table in _INTERNAL:
                con.execute(f"DROP TABLE {table}")
            con.execute("CREATE TABLE kb_meta (key TEXT PRIMARY KEY, value TEXT)")
            con.executemany("INSERT INTO kb_meta VALUES (?, ?)", [
                ("version", kb.meta.version), ("date", kb.meta.date), ("title", kb.meta.title),
                ("disclaimer", kb.meta.disclaimer), ("counts", meta.get("counts", "{}")),
            ])
            con.execute("PRAGMA application_id = 0")  # an export is not a store: lexkit never reads it back as one
            con.execute("PRAGMA user_version = 0")
        con.execute("VACUUM")
    finally:
        con.close()
    return metadata(kb, target.stem)


def metadata(kb: StoredKnowledgeBase, database: str) -> dict[str, Any]:
    """Datasette's metadata.json: title, description, licence and sources, and each table's description."""
    return {
        "title": kb.meta.title,
        "description": f"Knowledge base {kb.meta.version} of {kb.meta.date}. {kb.meta.disclaimer}",
        "license": "MIT for lexkit's own data and summaries; statutory text and judgements are reproduced "
                   "under the Copyright Act 1957 s.52(1)(q)",
        "license_url": "https://opensource.org/license/mit",
        "source": "India Code and the sources cited in each record (see its sources and verification)",
        "source_url": "https://www.indiacode.nic.in",
        "databases": {database: {"tables": {name: {"description": text} for name, text in TABLES.items()}}},
    }


def metadata_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
