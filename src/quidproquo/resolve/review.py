"""Review of machine-made facts and the audit log that records it.

Every event, quote, incident and claim has a status: candidate, accepted, rejected or
corrected. `accept`, `reject` and `correct` change it and append to `audit_log` in the same
transaction. The log is append-only (database triggers forbid UPDATE and DELETE),
hash-chained (each row's hash covers its content and the previous row's hash) and signed (each
row carries an HMAC-SHA256 of its hash under the server's audit key, auth/keys.py). So
`check_audit_log` finds a rewritten, removed or inserted row even with the triggers dropped,
and a chain recomputed by someone without the key. Cutting rows off the end leaves a valid
shorter chain: keep the head (`audit_head`) elsewhere and pass it back to detect that.
Rows written before signing existed have no signature. They are accepted only at the start
of the log (the first signed row's hash covers them) and never after a kept head (every head
is printed by this code, so what follows it was written signed).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from quidproquo.auth.keys import audit_key, sign
from quidproquo.ledger.links import after_key
from quidproquo.resolve.rows import add_link
from quidproquo.store import Store, from_json, now_iso, to_json
from quidproquo.validate import InvalidValue, check_claim_value, check_date, check_fields

GENESIS_HASH = "0" * 64
TABLES = {
    "event": "events",
    "quote": "quotes",
    "incident": "incidents",
    "claim": "claims",
    "registry_match": "registry_matches",  # accept: the registry entry is that entity
}
# Fields a reviewer may correct, per object type; JSON-list fields are marked.
EDITABLE = {
    "event": (
        "type", "date_min", "date_max", "count", "count_qualifier", "actor", "target",
        "persons", "destination", "modality", "instrument",
    ),
    "quote": ("speaker", "text"),
    "incident": (
        "type", "date_min", "date_max", "count", "count_qualifier", "instrument",
        "instrument_label", "actor", "target", "destination", "persons", "contested", "notes",
    ),
    "claim": ("value", "qualifier", "attributed_to", "as_of", "note"),
    "registry_match": ("entity_id",),
}  # fmt: skip
JSON_FIELDS = ("persons",)
HASHED_FIELDS = (
    "seq", "id", "at", "reviewer", "object_type", "object_id", "action", "before", "after",
    "note", "prev_hash",
)  # fmt: skip


@dataclass
class AuditCheck:
    """What `check_audit_log` found: problems (empty when intact), the head, unsigned rows."""

    problems: list[str] = field(default_factory=list)
    head: tuple[int, str] | None = None
    unsigned: int = 0  # rows from before signing, at the start of the log
    covered: bool = True  # a signed row follows the unsigned ones


class ReviewError(ValueError):
    """Unknown object, unknown field or bad value; the message says which."""


class NotFound(ReviewError):
    pass


def accept(
    store: Store, object_type: str, object_id: str, reviewer: str, note: str | None = None
) -> dict[str, Any]:
    return _set(store, object_type, object_id, {"status": "accepted"}, "accept", reviewer, note)


def reject(
    store: Store, object_type: str, object_id: str, reviewer: str, note: str | None = None
) -> dict[str, Any]:
    return _set(store, object_type, object_id, {"status": "rejected"}, "reject", reviewer, note)


def correct(
    store: Store,
    object_type: str,
    object_id: str,
    changes: dict[str, Any],
    reviewer: str,
    note: str | None = None,
) -> dict[str, Any]:
    """Change fields (status becomes corrected). `date` sets date_min and date_max."""
    if not changes:
        raise ReviewError("correct: no changes given")
    values = _coerce(object_type, dict(changes), _context(store, object_type, object_id))
    return _set(
        store, object_type, object_id, values | {"status": "corrected"}, "correct", reviewer, note
    )


def link(
    store: Store, incident_id: str, other_id: str, reviewer: str, note: str | None = None
) -> None:
    """A reviewer links two incidents (kind `reviewer`), logged like any change."""
    _require_reviewer(reviewer)
    with store.transaction() as conn:
        for ident in (incident_id, other_id):
            if not store.query_one("SELECT id FROM incidents WHERE id = :id", {"id": ident}, conn):
                raise NotFound(f"incident {ident!r} not found")
        add_link(store, conn, incident_id, other_id, "reviewer", reviewer)
        after = {"incident_id": incident_id, "other_id": other_id, "kind": "reviewer"}
        _append(
            store, conn, reviewer, "link", f"{incident_id}|{other_id}", "link", None, after, note
        )


def _require_reviewer(reviewer: str) -> None:
    if not reviewer or not reviewer.strip():
        raise ReviewError("a reviewer name is required")


def _table(object_type: str) -> str:
    if object_type not in TABLES:
        raise ReviewError(f"unknown object type {object_type!r} (one of {', '.join(TABLES)})")
    return TABLES[object_type]


def _context(store: Store, object_type: str, object_id: str) -> dict[str, Any]:
    """What a correction is checked against: the event's publication date, the claim's property."""
    sql = {
        "event": "SELECT d.published, NULL AS property, e.date_min, e.date_max FROM events e"
        " JOIN documents d ON d.id = e.document_id WHERE e.id = :id",
        "incident": "SELECT NULL AS published, NULL AS property, date_min, date_max"
        " FROM incidents WHERE id = :id",
        "claim": "SELECT NULL AS published, property FROM claims WHERE id = :id",
    }.get(object_type)
    row = store.query_one(sql, {"id": object_id}) if sql else None
    return row or {"published": None, "property": None}


def _coerce(
    object_type: str, changes: dict[str, Any], context: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Known fields only, each value checked (validate.py) and in its stored form."""
    _table(object_type)
    context = context or {"published": None, "property": None}
    if "date" in changes and object_type in ("event", "incident"):
        try:
            day = check_date(changes.pop("date"), "date", context["published"])
        except InvalidValue as exc:
            raise ReviewError(f"{object_type}: {exc}") from exc
        changes.setdefault("date_min", day)
        changes.setdefault("date_max", day)
    unknown = sorted(set(changes) - set(EDITABLE[object_type]))
    if unknown:
        allowed = ", ".join(EDITABLE[object_type])
        raise ReviewError(
            f"{object_type}: cannot correct {', '.join(unknown)} (allowed: {allowed})"
        )
    claim_value = changes.pop("value", None) if object_type == "claim" else None
    if {"date_min", "date_max"} & set(changes):  # one end given: in order with the other?
        stored = {"date_min": context.get("date_min"), "date_max": context.get("date_max")}
        changes = stored | changes
    try:
        changes = check_fields(changes, context["published"])
        if object_type == "claim" and claim_value is not None:
            changes["value"] = to_json(check_claim_value(context["property"], claim_value))
    except InvalidValue as exc:
        raise ReviewError(f"{object_type}: {exc}") from exc
    for name in JSON_FIELDS:
        if name in changes:
            changes[name] = to_json(changes[name])
    return changes


def _set(
    store: Store,
    object_type: str,
    object_id: str,
    values: dict[str, Any],
    action: str,
    reviewer: str,
    note: str | None,
) -> dict[str, Any]:
    _require_reviewer(reviewer)
    table = _table(object_type)
    with store.transaction() as conn:
        before = store.query_one(f"SELECT * FROM {table} WHERE id = :id", {"id": object_id}, conn)
        if before is None:
            raise NotFound(f"{object_type} {object_id!r} not found")
        if table == "incidents":
            values = values | {"updated_at": now_iso()}
        columns = ", ".join(f"{k} = :{k}" for k in values)
        store.execute(
            f"UPDATE {table} SET {columns} WHERE id = :id", values | {"id": object_id}, conn
        )
        after = store.query_one(f"SELECT * FROM {table} WHERE id = :id", {"id": object_id}, conn)
        _append(store, conn, reviewer, object_type, object_id, action, before, after, note)
    assert after is not None
    return after


def _append(
    store: Store,
    conn: Connection,
    reviewer: str,
    object_type: str,
    object_id: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str | None,
) -> None:
    """Append one hash-chained row (same transaction as the change it records)."""
    last = store.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", conn=conn)
    row: dict[str, Any] = {
        "seq": (last["seq"] + 1) if last else 1,
        "id": uuid.uuid4().hex,
        "at": now_iso(),
        "reviewer": reviewer.strip(),
        "object_type": object_type,
        "object_id": object_id,
        "action": action,
        "before": None if before is None else to_json(before),
        "after": None if after is None else to_json(after),
        "note": note,
        "prev_hash": last["hash"] if last else GENESIS_HASH,
    }
    row["hash"] = row_hash(row)
    row["signature"] = sign(audit_key(store.engine), row["hash"])
    store.execute(
        "INSERT INTO audit_log (seq, id, at, reviewer, object_type, object_id, action, before,"
        " after, note, prev_hash, hash, signature) VALUES (:seq, :id, :at, :reviewer,"
        " :object_type, :object_id, :action, :before, :after, :note, :prev_hash, :hash,"
        " :signature)",
        row,
        conn,
    )


def row_hash(row: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the hashed fields (prev_hash included)."""
    content = to_json({name: row[name] for name in HASHED_FIELDS})
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def verify_audit_log(store: Store, head: tuple[int, str] | None = None) -> list[str]:
    """Problems found in the log (empty when intact)."""
    return check_audit_log(store, head).problems


def check_audit_log(store: Store, head: tuple[int, str] | None = None) -> AuditCheck:
    """Check sequence, chain and signatures; with `head` (seq, hash kept elsewhere), also
    that this row is still there unchanged, so that a cut-off tail is found."""
    key = audit_key(store.engine)
    check = AuditCheck()
    expected_prev, expected_seq, signed_seen = GENESIS_HASH, 1, False
    for row in store.query("SELECT * FROM audit_log ORDER BY seq"):
        where = f"audit_log seq {row['seq']} (id {row['id']})"
        if row["seq"] != expected_seq:
            check.problems.append(f"{where}: expected seq {expected_seq} (row missing or inserted)")
        if row["prev_hash"] != expected_prev:
            check.problems.append(f"{where}: prev_hash does not match the previous row's hash")
        if row_hash(row) != row["hash"]:
            check.problems.append(f"{where}: content does not match its hash (row rewritten)")
        if row["signature"] is None:
            if signed_seen or (head is not None and row["seq"] > head[0]):
                check.problems.append(f"{where}: unsigned where it must be signed (stripped)")
            else:
                check.unsigned += 1
        elif not hmac.compare_digest(sign(key, row["hash"]), row["signature"]):
            check.problems.append(
                f"{where}: signature does not match (chain recomputed, or another audit key)"
            )
        signed_seen = signed_seen or row["signature"] is not None
        expected_prev, expected_seq = row["hash"], row["seq"] + 1
        check.head = (row["seq"], row["hash"])
    check.covered = signed_seen or not check.unsigned
    if head is not None:
        check.problems += _head_problems(store, head, check.head)
    return check


def _head_problems(
    store: Store, kept: tuple[int, str], head: tuple[int, str] | None
) -> list[str]:
    seq, digest = kept
    row = store.query_one("SELECT hash FROM audit_log WHERE seq = :seq", {"seq": seq})
    if row is None:
        last = f"it ends at seq {head[0]}" if head else "it is empty"
        return [f"kept head seq {seq} is missing: the log was cut short ({last})"]
    if row["hash"] != digest:
        return [f"kept head seq {seq}: the hash differs ({row['hash']}, kept {digest})"]
    return []


def parse_head(text: str) -> tuple[int, str]:
    """'12:ab34...' -> (12, 'ab34...'), as printed by `qpq review verify`."""
    seq, sep, digest = text.strip().partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        raise ReviewError(f"a head is SEQ:HASH (64 hex digits), as verify prints it; got {text!r}")
    return int(seq), digest.lower()


def last_reviewer(store: Store, object_type: str, object_id: str) -> str | None:
    """Who made the latest decision on this object (None: nobody yet)."""
    row = store.query_one(
        "SELECT reviewer FROM audit_log WHERE object_type = :t AND object_id = :id"
        " ORDER BY seq DESC LIMIT 1",
        {"t": object_type, "id": object_id},
    )
    return None if row is None else str(row["reviewer"])


def audit_log(
    store: Store, object_id: str | None = None, limit: int = 100, before: int | None = None
) -> list[dict[str, Any]]:
    """Latest entries first (those before entry `before`, a page of them), before/after
    decoded."""
    where = ["1 = 1"]
    if object_id:
        where.append("object_id = :oid")
    if before is not None:
        where.append("seq < :before")
    rows = store.query(
        f"SELECT * FROM audit_log WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT :limit",
        {"oid": object_id, "limit": limit, "before": before},
    )
    for row in rows:
        row["before"], row["after"] = from_json(row["before"]), from_json(row["after"])
    return rows


# The review queue, kind by kind: (source, id, label, date, filter, order). Each order is
# indexed after the filter's columns (migration 0021): a page is read by keyset at any size.
QUEUE = {
    "incident": ("incidents", "id", "type", "date_min",
                 "status = 'candidate' AND origin = 'extracted'",
                 ("(1 - contested)", "COALESCE(date_min, '')", "id")),
    "claim": ("claims", "id", "property", "first_seen", "status = 'candidate'",
              ("first_seen", "id")),
    "event": ("events", "id", "type", "date_min", "status = 'candidate'",
              ("COALESCE(date_min, '')", "id")),
    "quote": ("quotes", "id", "speaker", "created_at", "status = 'candidate'",
              ("created_at", "id")),
    "registry_match": (
        "registry_matches m JOIN registry_entries r ON r.id = m.entry_id"
        " LEFT JOIN entities e ON e.id = m.entity_id", "m.id",
        "r.name || ' (' || r.registry || ') = ' || COALESCE(e.name, m.entity_id) || '? '"
        " || m.reason", "m.created_at", "m.status = 'candidate'", ("m.created_at", "m.id")),
}  # fmt: skip


def queue(
    store: Store, limit: int = 50, object_type: str | None = None, after: str | None = None
) -> list[dict[str, Any]]:
    """Candidates awaiting review: machine-made incidents (contested first), their claims,
    then raw events and quotes, then registry matches. A page: at most `limit` items
    following the item `after` ("kind:id", as `queue_cursor` gives it)."""
    kinds = list(QUEUE)
    if object_type is not None:
        _table(object_type)
        kinds = [object_type]
    start_kind, _, start_id = (after or "").partition(":")
    if after:
        if start_kind not in kinds or not start_id:
            raise ReviewError(f"not a review queue position: {after!r}")
        kinds = kinds[kinds.index(start_kind) :]
    items: list[dict[str, Any]] = []
    for kind in kinds:
        source, key, label, when, where, order = QUEUE[kind]
        params: dict[str, Any] = {"limit": limit - len(items)}
        if after and kind == start_kind:
            names = ", ".join(f"{c} AS k{n}" for n, c in enumerate(order))
            cursor = store.query_one(
                f"SELECT {names} FROM {source} WHERE {key} = :after", {"after": start_id}
            )
            if cursor is None:
                raise ReviewError(f"not a review queue position: {after!r}")
            where += f" AND {after_key(order)}"
            params |= cursor
        contested = "contested" if kind == "incident" else "0"
        items += store.query(
            f"SELECT '{kind}' AS object_type, {key} AS id, {label} AS label, {when} AS date,"
            f" {contested} AS contested FROM {source} WHERE {where} ORDER BY {', '.join(order)}"
            " LIMIT :limit",
            params,
        )
        if len(items) >= limit:
            break
    return items


def queue_cursor(item: dict[str, Any]) -> str:
    """The `after` value that continues the queue after this item."""
    return f"{item['object_type']}:{item['id']}"
