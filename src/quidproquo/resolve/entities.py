"""Entity resolution: the names in incidents, events and quotes become entities.

A name is first split from its title ("Lukashenko's press secretary Natalya Eismont" is
Natalya Eismont with {"title": "press secretary", "of": "Lukashenko"}), then matched
through the alias table and transliteration skeleton of `quidproquo.resolve.names`
against the known entities (seeded from the curated dataset). An unknown name becomes a
new entity (origin `extracted`) whose kind is guessed from the gazetteer and word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy.engine import Connection

from quidproquo.resolve.names import AliasTable, default_table
from quidproquo.resolve.rows import short_hash
from quidproquo.store import Store, from_json, to_json

EXTRACTED = "extracted"
KINDS_FILE = "entity_kinds.yaml"
# Roles an entity plays, and the event/incident field each comes from.
ROLE_FIELDS = (("actor", "actor"), ("target", "target"), ("destination", "destination"))
# Several targets in one field ("Belarusian Potash Company; Agrorozkvit").
_LIST_SEPARATOR = re.compile(r"\s*;\s*")
_PARENTHESIS = re.compile(r"\s*\((?P<aside>[^)]*)\)")
_ARTICLES = {"the", "a", "an"}
_CONNECTORS = {"of", "for", "to", "state"}
_POSSESSIVE = re.compile(r"^(?P<of>.+?)['’]s\s+(?P<rest>.+)$")


@dataclass
class ParsedName:
    name: str
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class _Known:
    id: str
    name: str
    kind: str
    aliases: list[str]


@lru_cache(maxsize=1)
def _kind_words() -> dict[str, Any]:
    text = (resources.files("quidproquo.resolve") / KINDS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"quidproquo/resolve/{KINDS_FILE}: expected a mapping of kind -> words")
    return data


@lru_cache(maxsize=1)
def _gazetteer_kinds() -> dict[str, str]:
    """Surface form (casefolded) -> kind, from the extractor's gazetteer."""
    path = resources.files("quidproquo.extract") / "lexicons" / "gazetteer.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    kinds: dict[str, str] = {}
    for canonical, forms in (data.get("countries") or {}).items():
        for form in [canonical, *forms]:
            kinds[str(form).casefold()] = "country"
    for city in data.get("cities") or {}:
        kinds[str(city).casefold()] = "place"
    for canonical, forms in (data.get("sanction_entities") or {}).items():
        kinds[str(canonical).casefold()] = "company"
        kinds.update({str(f).casefold(): "company" for f in forms if str(f)[:1].isupper()})
    for forms in (data.get("agencies") or {}).values():
        kinds.update({str(f).casefold(): "government_body" for f in forms})
    return kinds


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) is not None


def guess_kind(name: str) -> str:
    """Kind of a name no curated entity covers."""
    known = _gazetteer_kinds().get(name.casefold())
    if known:
        return known
    for kind in ("government_body", "company", "organization", "place"):
        if any(_has_word(name, w) for w in _kind_words().get(kind) or []):
            return kind
    words = name.split()
    person_like = 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
    return "person" if person_like else "organization"


def parse_name(raw: str) -> ParsedName:
    """Split a title or role off a name: "X's press secretary Natalya Eismont",
    "President Donald Trump", "Keith Kellogg, the US envoy"."""
    text = " ".join(raw.split()).strip(" ,.")
    attributes: dict[str, str] = {}
    aside = _PARENTHESIS.search(text)
    if aside:  # "Belavia (8 Boeing aircraft)": the aside is a note, not part of the name
        attributes["note"] = aside["aside"]
        text = _PARENTHESIS.sub("", text).strip()
    if "," in text:
        head, _, tail = text.partition(",")
        tail = re.sub(r"^(the|a|an)\s+", "", tail.strip(), flags=re.I)
        if tail and _title_in(tail):
            text, attributes = head.strip(), _title_attributes(tail)
    match = _POSSESSIVE.match(text)
    if match and _title_in(match["rest"]):
        attributes = {"of": match["of"].strip()}
        text = match["rest"]
    words = text.split()
    cut = _title_prefix_length(words)
    if cut:
        title = " ".join(w for w in words[:cut] if w.casefold() not in _ARTICLES)
        attributes = {"title": title.lower()} | attributes
        text = " ".join(words[cut:])
    return ParsedName(text, attributes)


def _titles() -> list[str]:
    return [str(t) for t in _kind_words().get("titles") or []]


def _title_in(text: str) -> bool:
    return any(_has_word(text, t) for t in _titles())


def _title_prefix_length(words: list[str]) -> int:
    """How many leading words are a role ("the US envoy", "Secretary of State"), 0 if none.

    The prefix must contain a title; it ends after its last title or lowercase word and
    leaves at least one word of name.
    """
    folded = [w.casefold() for w in words]
    end = 0
    for title in _titles():
        size = len(title.split())
        for start in range(len(words) - size):
            if folded[start : start + size] == title.split():
                end = max(end, start + size)
    if not end:
        return 0
    while end < len(words) - 1 and (words[end][0].islower() or folded[end] in _CONNECTORS):
        end += 1
    return end


def _title_attributes(text: str) -> dict[str, str]:
    match = re.match(r"^(?P<title>.+?)\s+(of|to)\s+(?P<of>[A-Z].+)$", text)
    if match:
        return {"title": match["title"].lower(), "of": match["of"]}
    return {"title": text.lower()}


class EntityResolver:
    """Known entities of one store, resolving names to ids and creating unknown ones."""

    def __init__(self, store: Store, conn: Connection, table: AliasTable | None = None) -> None:
        self.store, self.conn = store, conn
        self.table = table or default_table()
        self.known: dict[str, _Known] = {}
        self.by_key: dict[str, set[str]] = {}
        # (entity id, alias) by the alias's last key token: a loose match needs the same one
        self.by_last: dict[str, list[tuple[str, str]]] = {}
        self.created = 0
        rows = store.query(
            "SELECT e.id, e.name, e.kind, a.alias FROM entities e"
            " LEFT JOIN entity_aliases a ON a.entity_id = e.id ORDER BY e.id",
            conn=conn,
        )
        for row in rows:
            known = self.known.setdefault(
                row["id"], _Known(row["id"], row["name"], row["kind"], [])
            )
            if row["alias"]:
                self._remember(known, row["alias"])

    def _remember(self, known: _Known, alias: str) -> None:
        if alias not in known.aliases:
            known.aliases.append(alias)
            tokens = self.table.key_tokens(alias)
            if tokens:
                self.by_last.setdefault(tokens[-1], []).append((known.id, alias))
        self.by_key.setdefault(self.table.name_key(alias), set()).add(known.id)

    def candidates(self, name: str) -> tuple[set[str], bool]:
        """The entities `name` may denote, and whether its key (spelling and transliteration
        folded, aliases applied) names them; False for looser matches (a surname alone)."""
        ids = self.by_key.get(self.table.name_key(name))
        if ids:
            return set(ids), True
        tokens = self.table.key_tokens(name)
        near = self.by_last.get(tokens[-1], []) if tokens else []
        return {i for i, alias in near if self.table.names_match(name, alias)}, False

    def find(self, name: str) -> str | None:
        """The id of the entity `name` denotes, or None."""
        ids, _ = self.candidates(name)
        if not ids:
            return None
        # Several candidates: prefer a person for a personal-looking name, then the oldest id.
        return sorted(ids, key=lambda i: (self.known[i].kind != guess_kind(name), i))[0]

    def resolve(self, raw: str, origin: str = EXTRACTED, kind: str | None = None) -> str | None:
        """Entity id for a name as written; adds the spelling as an alias; creates if unknown
        (with `origin`, and `kind` when the source states it)."""
        parsed = parse_name(raw)
        if not parsed.name:
            return None
        entity_id = self.find(parsed.name)
        if entity_id is None:
            entity_id = self._create(parsed.name, origin, kind)
        known = self.known[entity_id]
        if parsed.name not in known.aliases:
            self.store.execute(
                "INSERT INTO entity_aliases (entity_id, alias, alias_key) VALUES (:e, :a, :k)"
                " ON CONFLICT DO NOTHING",
                {"e": entity_id, "a": parsed.name, "k": self.table.name_key(parsed.name)},
                conn=self.conn,
            )
            self._remember(known, parsed.name)
        if parsed.attributes:
            self._add_attributes(entity_id, parsed.attributes)
        return entity_id

    def _create(self, name: str, origin: str = EXTRACTED, kind: str | None = None) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "entity"
        entity_id = slug if slug not in self.known else f"{slug}-{short_hash(name)[:6]}"
        kind = kind or guess_kind(name)
        self.store.execute(
            "INSERT INTO entities (id, name, kind, role, attributes, origin)"
            " VALUES (:id, :name, :kind, NULL, '{}', :origin)",
            {"id": entity_id, "name": name, "kind": kind, "origin": origin},
            conn=self.conn,
        )
        self.known[entity_id] = _Known(entity_id, name, kind, [])
        self.created += 1
        return entity_id

    def _add_attributes(self, entity_id: str, attributes: dict[str, str]) -> None:
        row = self.store.query_one(
            "SELECT attributes FROM entities WHERE id = :id", {"id": entity_id}, conn=self.conn
        )
        current = from_json(row["attributes"]) if row else {}
        merged = dict(current)
        note = attributes.get("note")
        title = {k: v for k, v in attributes.items() if k != "note"}
        if note and note not in merged.get("notes", []):
            merged["notes"] = [*merged.get("notes", []), note]
        if title and title not in merged.get("titles", []):
            merged["titles"] = [*merged.get("titles", []), title]
        if merged != current:
            self.store.execute(
                "UPDATE entities SET attributes = :a WHERE id = :id",
                {"a": to_json(merged), "id": entity_id},
                conn=self.conn,
            )

    def mention(
        self,
        raw: str | None,
        role: str,
        *,
        incident_id: str | None = None,
        event_id: str | None = None,
        quote_id: str | None = None,
    ) -> list[str]:
        """Record that the named entities play `role`; returns their ids."""
        ids = []
        for part in _LIST_SEPARATOR.split(raw or ""):
            entity_id = self.resolve(part) if part.strip() else None
            if entity_id is None:
                continue
            self.store.execute(
                "INSERT INTO entity_mentions"
                " (entity_id, incident_id, event_id, quote_id, role, mention)"
                " VALUES (:e, :i, :ev, :q, :r, :m)",
                {
                    "e": entity_id,
                    "i": incident_id,
                    "ev": event_id,
                    "q": quote_id,
                    "r": role,
                    "m": part,
                },
                conn=self.conn,
            )
            ids.append(entity_id)
        return ids


def rebuild_mentions(store: Store, conn: Connection, resolver: EntityResolver) -> None:
    """Recreate every entity mention of incidents, live events and quotes."""
    store.execute("DELETE FROM entity_mentions", conn=conn)
    sources = (
        (
            "incident_id",
            "SELECT id, actor, target, destination, persons FROM incidents"
            " WHERE status != 'rejected'",
        ),
        (
            "event_id",
            "SELECT id, actor, target, destination, persons FROM events WHERE status != 'rejected'",
        ),
    )
    for column, sql in sources:
        for row in store.query(sql, conn=conn):
            where = {column: row["id"]}
            for role, key in ROLE_FIELDS:
                resolver.mention(row[key], role, **where)
            for person in from_json(row["persons"]) or []:
                resolver.mention(person, "person", **where)
    for row in store.query("SELECT id, speaker FROM quotes WHERE status != 'rejected'", conn=conn):
        resolver.mention(row["speaker"], "speaker", quote_id=row["id"])


def clear_extracted_entities(store: Store, conn: Connection) -> None:
    """Drop machine-made entities (they are rebuilt from the current events)."""
    store.execute("DELETE FROM entity_mentions", conn=conn)
    store.execute(
        "DELETE FROM entity_aliases WHERE entity_id IN (SELECT id FROM entities WHERE origin = :o)",
        {"o": EXTRACTED},
        conn=conn,
    )
    store.execute("DELETE FROM entities WHERE origin = :o", {"o": EXTRACTED}, conn=conn)


def entity_card(
    store: Store, name: str, limit: int | None = None, offset: int = 0
) -> dict[str, Any] | None:
    """An entity found by id or any spelling, with aliases, attributes and mentions (with
    `limit`, one page of them from `offset`; `mention_count` counts them all)."""
    entity_id = _find_entity(store, name)
    if entity_id is None:
        return None
    entity = store.query_one("SELECT * FROM entities WHERE id = :id", {"id": entity_id}) or {}
    entity["attributes"] = from_json(entity.get("attributes")) or {}
    entity["aliases"] = [
        r["alias"]
        for r in store.query(
            "SELECT alias FROM entity_aliases WHERE entity_id = :id ORDER BY alias",
            {"id": entity_id},
        )
    ]
    total = store.query_one(
        "SELECT COUNT(*) AS n FROM entity_mentions WHERE entity_id = :id", {"id": entity_id}
    )
    entity["mention_count"] = int(total["n"]) if total else 0
    entity["mentions"] = store.query(
        "SELECT m.role, m.mention, m.incident_id, m.event_id, m.quote_id,"
        " COALESCE(i.type, ev.type) AS type, COALESCE(i.date_min, ev.date_min) AS date,"
        " COALESCE(ev.evidence, q.text) AS evidence, d.url AS source_url"
        " FROM entity_mentions m"
        " LEFT JOIN incidents i ON i.id = m.incident_id"
        " LEFT JOIN events ev ON ev.id = m.event_id"
        " LEFT JOIN quotes q ON q.id = m.quote_id"
        " LEFT JOIN documents d ON d.id = COALESCE(ev.document_id, q.document_id)"
        " WHERE m.entity_id = :id"
        " ORDER BY date, m.role, m.incident_id, m.event_id, m.quote_id"
        + (" LIMIT :limit OFFSET :offset" if limit is not None else ""),
        {"id": entity_id, "limit": limit, "offset": offset},
    )
    return entity


def _find_entity(store: Store, name: str) -> str | None:
    """An id as given, else the one entity whose alias key matches; only a name that is
    not found so (or is ambiguous) loads every entity to match spellings loosely."""
    if store.query_one("SELECT id FROM entities WHERE id = :id", {"id": name}):
        return name
    parsed = parse_name(name).name
    if parsed:
        rows = store.query(
            "SELECT DISTINCT entity_id FROM entity_aliases WHERE alias_key = :k",
            {"k": default_table().name_key(parsed)},
        )
        if len(rows) == 1:
            return str(rows[0]["entity_id"])
    with store.transaction() as conn:
        return EntityResolver(store, conn).find(parsed)
