"""Full-text search over documents (sentence by sentence), claims' evidence, quotes,
incidents and entities: FTS5 on SQLite, tsvector on PostgreSQL, ranked by each one's own
relevance function.

Names fold: each row also carries the transliteration skeletons of its capitalised words,
and each query word is looked up both as a word and as a skeleton, so a search for
Kolesnikova finds Kalesnikava and Lukashenko finds Lukashenka. The index follows the store:
`refresh` adds what is new, drops what is gone and redoes what changed, and runs before
every search (cheap when nothing changed).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from quidproquo.extract.sentences import is_boilerplate, split_sentences
from quidproquo.resolve.names import skeleton
from quidproquo.store import Store, from_json

KINDS = ("document", "claim", "quote", "incident", "entity")
INDEX_COLUMNS = (
    "kind", "object_id", "document_id", "incident_id", "span_start", "span_end", "label",
    "body", "keys",
)  # fmt: skip
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
NAME_WORD = re.compile(r"\b[^\W\d_][^\W_]{2,}", re.UNICODE)
MAX_QUERY_WORDS = 12
BATCH = 500


@dataclass
class Hit:
    kind: str
    id: str  # the object: a document, incident, quote or entity id (claims: their incident)
    label: str
    snippet: str  # the matching sentence, quotation or name
    link: str  # the web page that shows it, with the sentence highlighted where there is one
    document_id: str | None
    incident_id: str | None
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def name_keys(text: str) -> str:
    """Skeletons of the capitalised words of a text: what name folding searches."""
    keys = {skeleton(w) for w in NAME_WORD.findall(text) if w[0].isupper()}
    return " ".join(sorted(k for k in keys if k))


def _stamp(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


# -- building the index ------------------------------------------------------------------


def _row(kind: str, object_id: str, body: str, **fields: Any) -> dict[str, Any]:
    row = dict.fromkeys(INDEX_COLUMNS) | fields | {"kind": kind, "object_id": object_id}
    row["body"], row["keys"] = body, name_keys(body)
    row["label"] = row["label"] or ""
    return row


def _document_rows(store: Store, conn: Connection, ids: list[str]) -> Iterator[dict[str, Any]]:
    for start in range(0, len(ids), BATCH):
        chunk = {f"i{n}": i for n, i in enumerate(ids[start : start + BATCH])}
        marks = ", ".join(f":{k}" for k in chunk)
        for doc in store.query(
            f"SELECT id, title, url, text FROM documents WHERE id IN ({marks})", chunk, conn
        ):
            label = doc["title"] or doc["url"] or doc["id"]
            if doc["title"]:
                yield _row("document", doc["id"], doc["title"], document_id=doc["id"], label=label)
            for sentence in split_sentences(doc["text"]):
                if is_boilerplate(sentence):
                    continue
                yield _row(
                    "document",
                    doc["id"],
                    sentence.text,
                    document_id=doc["id"],
                    span_start=sentence.start,
                    span_end=sentence.end,
                    label=label,
                )


def _current(store: Store, conn: Connection, kind: str) -> dict[str, tuple[str, Any]]:
    """object id -> (stamp, what to build its rows from) for one kind, as the store is now."""
    if kind == "document":
        rows = store.query("SELECT id, content_hash FROM documents", conn=conn)
        return {r["id"]: (r["content_hash"], None) for r in rows}
    if kind == "claim":
        found: dict[str, tuple[str, Any]] = {}
        for r in store.query(
            "SELECT DISTINCT incident_id, document_id, sentence_start, sentence_end, evidence"
            " FROM claims WHERE evidence IS NOT NULL AND status <> 'rejected'",
            conn=conn,
        ):
            key = "clm-" + _stamp(r["incident_id"], r["document_id"], r["sentence_start"],
                                  r["evidence"])  # fmt: skip
            found[key] = (key, r)
        return found
    if kind == "quote":
        rows = store.query(
            "SELECT id, document_id, speaker, text, quote_start, quote_end FROM quotes"
            " WHERE status <> 'rejected'",
            conn=conn,
        )
        return {r["id"]: (_stamp(r["speaker"], r["text"]), r) for r in rows}
    if kind == "incident":
        rows = store.query(
            "SELECT id, type, date_min, target, actor, destination, persons, notes"
            " FROM incidents WHERE status <> 'rejected'",
            conn=conn,
        )
        return {r["id"]: (_stamp(*r.values()), r) for r in rows}
    names: dict[str, list[str]] = {}
    for r in store.query("SELECT id, name FROM entities", conn=conn):
        names[r["id"]] = [r["name"]]
    for r in store.query("SELECT entity_id, alias FROM entity_aliases", conn=conn):
        names.setdefault(r["entity_id"], []).append(r["alias"])
    return {i: (_stamp(*sorted(n)), n) for i, n in names.items()}


def _rows_for(kind: str, object_id: str, source: Any) -> list[dict[str, Any]]:
    if kind == "claim":
        return [_row("claim", object_id, source["evidence"], incident_id=source["incident_id"],
                     document_id=source["document_id"], span_start=source["sentence_start"],
                     span_end=source["sentence_end"], label=source["incident_id"])]  # fmt: skip
    if kind == "quote":
        body = f"{source['text']} ({source['speaker'] or 'unattributed'})"
        return [_row("quote", object_id, body, document_id=source["document_id"],
                     span_start=source["quote_start"], span_end=source["quote_end"],
                     label=source["speaker"] or "unattributed")]  # fmt: skip
    if kind == "incident":
        persons = from_json(source["persons"]) or []
        parts = [source["type"].replace("_", " "), source["target"], source["actor"],
                 source["destination"], *persons, source["notes"]]  # fmt: skip
        label = f"{source['type'].replace('_', ' ')} {source['date_min'] or 'undated'}"
        body = " · ".join(p for p in parts if p)
        return [_row("incident", object_id, body, incident_id=object_id, label=label)]
    return [_row("entity", object_id, " · ".join(dict.fromkeys(source)), label=source[0])]


def refresh(store: Store) -> int:
    """Bring the index up to date with the store; returns the number of rows written."""
    written = 0
    with store.transaction() as conn:
        for kind in KINDS:
            current = _current(store, conn, kind)
            indexed = {
                r["object_id"]: r["stamp"]
                for r in store.query(
                    "SELECT object_id, stamp FROM search_sources WHERE kind = :k", {"k": kind}, conn
                )
            }
            stale = [i for i, stamp in indexed.items() if current.get(i, (None,))[0] != stamp]
            fresh = [i for i, (stamp, _) in current.items() if indexed.get(i) != stamp]
            for start in range(0, len(stale), BATCH):
                chunk = {f"i{n}": i for n, i in enumerate(stale[start : start + BATCH])}
                marks = ", ".join(f":{k}" for k in chunk)
                for table in ("search_index", "search_sources"):
                    store.execute(f"DELETE FROM {table} WHERE kind = :kind AND object_id IN"
                                  f" ({marks})", chunk | {"kind": kind}, conn)  # fmt: skip
            if kind == "document":
                rows = list(_document_rows(store, conn, fresh))
            else:
                rows = [r for i in fresh for r in _rows_for(kind, i, current[i][1])]
            if rows:
                names = ", ".join(INDEX_COLUMNS)
                marks = ", ".join(f":{c}" for c in INDEX_COLUMNS)
                store.execute(f"INSERT INTO search_index ({names}) VALUES ({marks})", rows, conn)
            if fresh:
                store.execute(
                    "INSERT INTO search_sources (kind, object_id, stamp) VALUES (:k, :o, :s)",
                    [{"k": kind, "o": i, "s": current[i][0]} for i in fresh],
                    conn,
                )
            written += len(rows)
    return written


# -- querying ------------------------------------------------------------------------------


def query_words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)][:MAX_QUERY_WORDS]


def _sqlite_match(words: list[str]) -> tuple[str, dict[str, Any]]:
    groups = []
    for word in words:
        key = skeleton(word)
        term = f'body:"{word}"' + (f' OR keys:"{key}"' if key else "")
        groups.append(f"({term})")
    return (
        "SELECT *, bm25(search_index) AS rank FROM search_index WHERE search_index MATCH :match",
        {"match": " AND ".join(groups)},
    )


def _postgres_match(words: list[str]) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {}
    groups = []
    for n, word in enumerate(words):
        params[f"w{n}"], params[f"k{n}"] = word, skeleton(word) or word
        groups.append(f"(plainto_tsquery('english', :w{n}) || plainto_tsquery('simple', :k{n}))")
    query = " && ".join(groups)
    return (
        f"SELECT *, -ts_rank(tsv, {query}) AS rank FROM search_index WHERE tsv @@ ({query})",
        params,
    )


def _link(row: dict[str, Any]) -> str:
    if row["kind"] in ("claim", "incident"):
        return f"/incidents/{row['incident_id']}"
    if row["kind"] == "entity":
        return f"/entities/{row['object_id']}"
    span = (
        f"?start={row['span_start']}&end={row['span_end']}#f-match"
        if row["span_start"] is not None
        else ""
    )
    return f"/documents/{row['document_id']}{span}"


def search(store: Store, text: str, kinds: tuple[str, ...] = KINDS, limit: int = 50) -> list[Hit]:
    """Ranked hits for every word of `text` (as a word or as a folded name); documents give
    their best sentence once."""
    words = query_words(text)
    if not words:
        return []
    refresh(store)
    sql, params = (_postgres_match if store.dialect == "postgresql" else _sqlite_match)(words)
    wanted = {f"kind{n}": k for n, k in enumerate(kinds)}
    sql = f"SELECT * FROM ({sql}) AS found WHERE kind IN ({', '.join(':' + k for k in wanted)})"
    rows = store.query(sql + " ORDER BY rank, kind, object_id LIMIT :limit",
                       params | wanted | {"limit": limit * 5})  # fmt: skip
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if (row["kind"], row["object_id"]) in seen:
            continue
        seen.add((row["kind"], row["object_id"]))
        hits.append(
            Hit(row["kind"], row["incident_id"] if row["kind"] == "claim" else row["object_id"],
                row["label"], row["body"], _link(row), row["document_id"], row["incident_id"],
                float(row["rank"]))
        )  # fmt: skip
        if len(hits) == limit:
            break
    return hits
