"""The library object: one `Quidproquo` owns the store and runs the pipeline.

The CLI (and any web app or batch runner) is a thin shell over this class.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from quidproquo.batch import (
    PART_BYTES,
    Outcome,
    StoredPart,
    Written,
    corpus_files,
    file_parts,
    read_results,
    result_files,
    stream,
    write_part,
)
from quidproquo.ingest import IngestError, SourceMeta, expand_paths, read_path
from quidproquo.ingest.registry import RegistryEntry, load_layout, read_registry
from quidproquo.ingest.sanctions import Listing, is_companion, list_published, read_list
from quidproquo.ledger import Ledger, TermsOfTrade, build_ledger, terms_of_trade, write_report
from quidproquo.ledger.links import in_list
from quidproquo.ledger.stats import DEFAULT_PERIOD
from quidproquo.model import Document, Event, Extraction, Quote
from quidproquo.resolve.curated import CuratedSummary, add_alias, load_curated
from quidproquo.resolve.entities import EntityResolver
from quidproquo.resolve.incidents import ResolveSummary, resolve
from quidproquo.resolve.list_changes import (
    LIST_DOCUMENT_KIND,
    ListChange,
    change_documents,
    entries_hash,
    list_changes,
    listings_as_of,
    record_version,
)
from quidproquo.resolve.people import (
    Person,
    RegistryImport,
    import_registry,
    people,
    people_page,
    registry_name,
    stock,
)
from quidproquo.resolve.review import TABLES, ReviewError
from quidproquo.search import KINDS as SEARCH_KINDS
from quidproquo.search import Hit, search
from quidproquo.store import CHUNK, Store, from_json, now_iso, to_json
from quidproquo.validate import InvalidValue, check_listing, checked_event

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

DOCUMENT_COLUMNS = (
    "id, content_hash, kind, url, publisher, title, published, retrieved, language, "
    "source_path, source_id, text"
)
DOCUMENT_STATUSES = ("ingested", "extracted", "failed")
EXTRACT_BATCH = 100  # documents read, extracted and committed together
log = logging.getLogger(__name__)
REFUSALS_KEPT = 20  # refused values described per document (all are counted)
EXTRACTABLE = f"kind <> '{LIST_DOCUMENT_KIND}'"  # sanctions-list versions are not news


@dataclass
class IngestReport:
    added: list[Document] = field(default_factory=list)
    unchanged: list[Document] = field(default_factory=list)  # same content already stored
    errors: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [d.id for d in self.added],
            "unchanged": [d.id for d in self.unchanged],
            "errors": [{"path": e.path, "line": e.line, "reason": e.reason} for e in self.errors],
        }


@dataclass
class ExtractCount:
    documents: int = 0
    events: int = 0
    quotes: int = 0
    kept_reviewed: int = 0  # earlier results a reviewer had decided on, left as they were
    failed: int = 0  # documents marked failed, with their reason
    unchanged: int = 0  # corpus documents already extracted, left as they were
    refused: int = 0  # extracted values that failed validation, dropped (their events kept)


@dataclass
class ExtractReport(ExtractCount):
    errors: list[str] = field(default_factory=list)  # corpus records that could not be read

    def add(self, count: ExtractCount) -> None:
        for name in ExtractCount.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(count, name))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def fact_id(doc_id: str, kind: str, *parts: object) -> str:
    """A stable id: the same fact found again in the same document gets the same id."""
    import hashlib

    key = "|".join([doc_id, kind, *map(str, parts)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass
class ListReport:
    added: int = 0
    unchanged: int = 0  # entries already stored
    versions: int = 0  # new dated versions of a list
    changes: list[ListChange] = field(default_factory=list)  # in-scope, of the new versions
    errors: list[IngestError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        errors = [{"path": e.path, "line": e.line, "reason": e.reason} for e in self.errors]
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "versions": self.versions,
            "changes": [c.to_dict() for c in self.changes],
            "errors": errors,
        }


LISTING_ORIGIN = "listing"


class Quidproquo:
    """A quidproquo database and the pipeline that fills it."""

    def __init__(self, db: str | None = None) -> None:
        self.store = Store(db)

    # -- ingest ------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path | str],
        meta: SourceMeta | None = None,
        progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    ) -> IngestReport:
        """Read files and directories; store each new document in its own transaction."""
        meta = meta or SourceMeta()
        report = IngestReport()
        files = expand_paths([Path(p) for p in paths])
        for path in progress(files) if progress else files:
            if not path.exists():
                report.errors.append(IngestError(str(path), "no such file or directory"))
                continue
            for item in read_path(path, meta):
                if isinstance(item, IngestError):
                    report.errors.append(item)
                elif self.add_document(item):
                    report.added.append(item)
                else:
                    report.unchanged.append(item)
        return report

    def add_document(self, doc: Document, conn: Connection | None = None) -> bool:
        """Store a document; False when the same content is already stored (a no-op)."""
        values = ", ".join(f":{c.strip()}" for c in DOCUMENT_COLUMNS.split(","))
        inserted = self.store.execute(
            f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES ({values})"
            " ON CONFLICT (content_hash) DO NOTHING",
            doc.__dict__,
            conn,
        )
        return inserted == 1

    def documents(
        self,
        limit: int | None = None,
        publisher: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored documents, newest publication first, without their text; filtered by
        publisher (any letter case), status, and publication date (ISO, inclusive); failed
        ones say why. With `limit`, those after the first `offset`."""
        where: list[str] = []
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if publisher:
            where.append("LOWER(publisher) = LOWER(:publisher)")
            params["publisher"] = publisher
        if status:
            where.append("status = :status")
            params["status"] = status
        if since:
            where.append("SUBSTR(published, 1, 10) >= :since")
            params["since"] = since
        if until:
            where.append("SUBSTR(published, 1, 10) <= :until")
            params["until"] = until
        sql = (
            "SELECT id, kind, url, publisher, title, published, retrieved, source_path, status,"
            " failure, refused, refusals, LENGTH(text) AS characters FROM documents"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY published DESC, retrieved DESC, id"
        )
        if limit:
            sql += " LIMIT :limit OFFSET :offset"
        return self.store.query(sql, params)

    def search(
        self, text: str, kinds: tuple[str, ...] | None = None, limit: int = 50
    ) -> list[Hit]:
        """Documents, claims, quotes, incidents and entities matching every word of `text`
        (names folded: Kolesnikova finds Kalesnikava), best first."""
        return search(self.store, text, kinds or SEARCH_KINDS, limit)

    def document(self, doc_id: str) -> Document | None:
        row = self.store.query_one(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = :id", {"id": doc_id}
        )
        return Document(**row) if row else None

    def ingest_lists(
        self,
        paths: Iterable[Path | str],
        list_name: str | None = None,
        published: str | None = None,
        url: str | None = None,
    ) -> ListReport:
        """Store sanctions lists (OFAC SDN CSV/XML, FtM JSON), each entry tied to an entity.

        Each file is a dated version of its list: the date the file states, else `published`,
        else today. In-scope entries removed or added since the previous version become
        `sanctions_eased` / `sanctions_imposed` events, merged into incidents by `resolve`.
        """
        report = ListReport()
        files = expand_paths([Path(p) for p in paths], suffixes=(".csv", ".xml", ".json",
                                                                  ".jsonl", ".ndjson", ".ftm"))
        primaries = {f.parent for f in files if not is_companion(f)}
        touched: set[str] = set()
        for path in files:
            if is_companion(path) and path.parent in primaries:
                continue  # read with its primary file
            items = list(read_list(path, list_name))
            report.errors += [i for i in items if isinstance(i, IngestError)]
            listings = [i for i in items if isinstance(i, Listing) and not _listing_problem(i)]
            report.errors += [
                IngestError(str(path), problem)
                for i in items
                if isinstance(i, Listing) and (problem := _listing_problem(i))
            ]
            if not listings:
                continue
            day = (list_published(path) or published or now_iso())[:10]
            with self.store.transaction() as conn:
                ids = []
                for listing in listings:
                    listing_id, added = self._add_listing(conn, listing, str(path))
                    ids.append(listing_id)
                    report.added += added
                    report.unchanged += not added
                name = listings[0].list_name
                if record_version(self.store, conn, name, day, ids, entries_hash(listings),
                                  str(path), url):  # fmt: skip
                    report.versions += 1
                    touched.add(name)
        for name in sorted(touched):
            report.changes += [
                c for c in list_changes(self.store, name, in_scope_only=True)
                if c.version.source_path in {str(p) for p in files}
            ]  # fmt: skip
            for doc, events in change_documents(self.store, name):
                self._store_list_changes(doc, events)
        return report

    def _store_list_changes(self, doc: Document, events: list[Event]) -> None:
        """A list version's changes: one document, already 'extracted', with its events."""
        if self.add_document(doc):
            self._commit([Outcome(doc.id, Extraction(events=events))], ExtractReport(), True)

    def _add_listing(self, conn: Any, listing: Listing, source_path: str) -> tuple[str, bool]:
        """(listing id, whether it is new); a known entry takes the newest names and addresses."""
        listing_id = fact_id(listing.list_name, "listing", listing.entry_id)
        row = listing.__dict__ | {
            "id": listing_id,
            "programs": to_json(listing.programs),
            "aliases": to_json(listing.aliases),
            "addresses": to_json(listing.addresses),
            "source_path": source_path,
            "retrieved": now_iso(),
        }
        resolver = EntityResolver(self.store, conn)
        known = self.store.query_one(
            "SELECT entity_id FROM listings WHERE id = :i", {"i": listing_id}, conn
        )
        entity_id = known["entity_id"] if known else None
        if not known:
            entity_id = resolver.resolve(listing.name, LISTING_ORIGIN, listing.kind)
        for alias in listing.aliases:
            if entity_id:
                add_alias(self.store, conn, entity_id, alias)
        if known:
            self.store.execute(
                "UPDATE listings SET name = :name, programs = :programs, aliases = :aliases,"
                " addresses = :addresses, country = :country WHERE id = :id",
                row,
                conn,
            )
            return listing_id, False
        row["entity_id"] = entity_id
        columns, values = ", ".join(row), ", ".join(f":{k}" for k in row)
        self.store.execute(f"INSERT INTO listings ({columns}) VALUES ({values})", row, conn)
        return listing_id, True

    def listings(self, name: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
        """Stored list entries; with `name`, those of the entity any spelling of it denotes;
        with `as_of` (ISO date), only what each list designated on that day."""
        if as_of:
            rows = listings_as_of(self.store, as_of)
        else:
            rows = self.store.query("SELECT * FROM listings ORDER BY list_name, name")
        if name:
            with self.store.transaction() as conn:
                entity_id = EntityResolver(self.store, conn).find(name)
            rows = [r for r in rows if entity_id and r["entity_id"] == entity_id]
        for row in rows:
            for key in ("programs", "aliases", "addresses"):
                row[key] = from_json(row[key])
        return rows

    def list_changes(
        self, list_name: str | None = None, everything: bool = False
    ) -> list[ListChange]:
        """Entries removed from or added to each list between its consecutive versions
        (in scope only, unless `everything`)."""
        return list_changes(self.store, list_name, in_scope_only=not everything)

    # -- people ----------------------------------------------------------------------
    def ingest_registry(
        self,
        path: Path | str,
        registry: str | None = None,
        layout: str = "plain",
        mapping: Path | None = None,
        as_of: str | None = None,
        url: str | None = None,
    ) -> tuple[RegistryImport, list[IngestError]]:
        """Import a rights group's prisoner registry (CSV); each entry joins the entity its
        name settles, or waits in the review queue where the match is uncertain."""
        path = Path(path)
        items = list(read_registry(path, load_layout(layout, mapping)))
        entries = [i for i in items if isinstance(i, RegistryEntry)]
        errors = [i for i in items if isinstance(i, IngestError)]
        day = as_of or now_iso()[:10]
        name = registry_name(path, registry)
        return import_registry(self.store, name, entries, day, str(path), url), errors

    def people(
        self,
        as_of: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        name: str | None = None,
    ) -> list[Person]:
        """Everyone named in a detention, release, deportation or exchange (and in imported
        registries), with their dated, sourced facts and their status on `as_of`."""
        return people(self.store, as_of, status, since, until, name)

    def people_page(
        self,
        as_of: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        name: str | None = None,
        after: str | None = None,
        limit: int | None = None,
    ) -> tuple[list[Person], str | None]:
        """A page of `people`: those after the person keyed `after`, and the key to continue
        after (None on the last page)."""
        return people_page(self.store, as_of, status, since, until, name, after, limit)

    def held_stock(self, as_of: str | None = None) -> dict[str, Any]:
        """The latest counted number held beside the named people held on `as_of`."""
        return stock(self.store, as_of)

    # -- resolve, ledger, report -------------------------------------------------
    def load_curated(self, path: str | Path | None = None) -> CuratedSummary:
        """Load curated facts (default: the bundled Belarus 2024-2026 file); idempotent."""
        return load_curated(self.store, path)

    def resolve(self) -> ResolveSummary:
        """Merge extracted events into incidents with per-source claims."""
        return resolve(self.store)

    def ledger(self, window_days: int = 14, accepted_only: bool = False) -> Ledger:
        return build_ledger(self.store, window_days, accepted_only)

    def terms_of_trade(self, window_days: int = 14, accepted_only: bool = False) -> TermsOfTrade:
        """Released per concession, cumulative series, prisoners held, what is left."""
        return terms_of_trade(self.store, self.ledger(window_days, accepted_only))

    def report(
        self,
        out_dir: Path,
        window_days: int = 14,
        accepted_only: bool = False,
        period: str = DEFAULT_PERIOD,
    ) -> Path:
        """Write the static HTML report; returns the path of its index.html. `period` is the
        chance test's rule ("contact", "first-release", "all") or a start date."""
        return write_report(self.store, out_dir, window_days, accepted_only, period)

    # -- extract -----------------------------------------------------------------
    def extract(
        self,
        document_ids: list[str] | None = None,
        again: bool = False,
        workers: int = 1,
        scheduler: str | None = None,
        *,
        batch_size: int = EXTRACT_BATCH,
        limit: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ExtractReport:
        """Extract events and quotes from stored documents and store them as candidates.

        By default only documents not yet extracted; `again` re-runs all (or the ones named),
        failed ones included. Documents are read `batch_size` at a time and each batch's
        results are committed together, so memory does not grow with the number of documents
        and a run that is killed resumes where it stopped. A document whose extraction fails is
        marked failed with its reason and the run goes on. Facts a reviewer has accepted,
        rejected or corrected are never overwritten. `progress` is called with the number of
        documents done after each batch.
        """
        report = ExtractReport()
        parts = self._stored_parts(document_ids, again, batch_size, limit)
        for outcomes in stream(parts, workers, scheduler):
            self._commit(outcomes, report, replace=True)
            if progress:
                progress(len(outcomes))
        return report

    def extract_pending(self, document_ids: list[str] | None = None, again: bool = False) -> int:
        """How many stored documents `extract` would read (for a progress bar)."""
        if document_ids:
            return len(set(document_ids))
        where = f" WHERE {EXTRACTABLE}" + ("" if again else " AND status = 'ingested'")
        row = self.store.query_one(f"SELECT COUNT(*) AS n FROM documents{where}")
        return int(row["n"]) if row else 0

    def _stored_parts(
        self, document_ids: list[str] | None, again: bool, batch_size: int, limit: int | None
    ) -> Iterator[StoredPart]:
        """Batches of document ids in id order, read one batch at a time (keyset paging)."""
        if document_ids:
            ids = sorted(set(document_ids))[:limit]
            for start in range(0, len(ids), batch_size):
                names, params = in_list("d", ids[start : start + batch_size])
                rows = self.store.query(
                    f"SELECT id FROM documents WHERE {EXTRACTABLE} AND id IN ({names})"
                    " ORDER BY id",
                    params,
                )
                if rows:
                    yield StoredPart(self.store.url, tuple(r["id"] for r in rows))
            return
        status = "" if again else "status = 'ingested' AND "
        after, left = "", limit
        while left is None or left > 0:
            size = batch_size if left is None else min(batch_size, left)
            rows = self.store.query(
                f"SELECT id FROM documents WHERE {EXTRACTABLE} AND {status}id > :after"
                " ORDER BY id LIMIT :n",
                {"after": after, "n": size},
            )
            if not rows:
                return
            after = rows[-1]["id"]
            left = None if left is None else left - len(rows)
            yield StoredPart(self.store.url, tuple(r["id"] for r in rows))

    def extract_corpus(
        self,
        paths: Iterable[Path | str],
        workers: int = 1,
        scheduler: str | None = None,
        *,
        again: bool = False,
        part_bytes: int = PART_BYTES,
        progress: Callable[[int], None] | None = None,
    ) -> ExtractReport:
        """Ingest and extract a partitioned corpus (folders of JSON Lines or Parquet files).

        The driver only lists the files and names byte ranges or row groups; the workers read
        them. Each partition's documents and results are committed together as it comes back.
        A document already extracted is left as it is unless `again`.
        """
        report = ExtractReport()
        parts = file_parts(corpus_files([Path(p) for p in paths]), part_bytes)
        for outcomes in stream(parts, workers, scheduler):
            self._commit(outcomes, report, replace=again)
            if progress:
                progress(len(outcomes))
        return report

    def load(
        self,
        paths: Iterable[Path | str],
        *,
        again: bool = False,
        batch_size: int = EXTRACT_BATCH,
        progress: Callable[[int], None] | None = None,
    ) -> ExtractReport:
        """Store the Parquet results of `extract_corpus_to_parquet` (files or folders of them),
        `batch_size` documents per transaction. Loading twice changes nothing (a document
        already extracted is left as it is unless `again`, and facts keep their ids). A file
        that cannot be read is named in the report's errors and skipped; the others go in."""
        report = ExtractReport()
        for path in result_files([Path(p) for p in paths]):
            try:
                for outcomes in read_results(path, batch_size):
                    self._commit(outcomes, report, replace=again)
                    if progress:
                        progress(len(outcomes))
            except ValueError as exc:
                report.errors.append(f"{path}: skipped: {exc}")
        return report

    def _commit(self, outcomes: list[Outcome], report: ExtractReport, replace: bool) -> None:
        """Store one batch in one transaction; if a row is refused, store the batch document
        by document and mark the one that fails as failed, with the database's reason."""
        for outcome in outcomes:
            if outcome.error and not outcome.document_id:
                report.errors.append(f"{outcome.where}: {outcome.error}")
        outcomes = [o for o in outcomes if o.document_id]
        try:
            with self.store.transaction() as conn:
                counts = [self._store_outcome(conn, o, replace) for o in outcomes]
        except (SQLAlchemyError, OverflowError, ValueError):
            counts = []
            for outcome in outcomes:
                try:
                    with self.store.transaction() as conn:
                        counts.append(self._store_outcome(conn, outcome, replace))
                except (SQLAlchemyError, OverflowError, ValueError) as exc:
                    reason = f"cannot store the results: {type(exc).__name__}: {exc}"
                    failed = Outcome(outcome.document_id, None, reason[:500], outcome.document)
                    with self.store.transaction() as conn:
                        counts.append(self._store_outcome(conn, failed, replace))
        for count in counts:
            report.add(count)

    def _store_outcome(self, conn: Connection, outcome: Outcome, replace: bool) -> ExtractCount:
        """One document's outcome: its candidates replaced, or its failure recorded."""
        doc_id, now = outcome.document_id, now_iso()
        if outcome.document is not None:
            self.add_document(outcome.document, conn)
            status = self.store.query_one(
                "SELECT status FROM documents WHERE id = :d", {"d": doc_id}, conn
            )
            if not replace and status and status["status"] == "extracted":
                return ExtractCount(unchanged=1)
        if outcome.extraction is None:
            self.store.execute(
                "UPDATE documents SET status = 'failed', failure = :r, extracted_at = :t,"
                " refused = 0, refusals = NULL WHERE id = :d",
                {"r": outcome.error, "t": now, "d": doc_id},
                conn,
            )
            return ExtractCount(failed=1)
        found = outcome.extraction
        published = self.store.query_one(
            "SELECT published FROM documents WHERE id = :d", {"d": doc_id}, conn
        )
        refused: list[InvalidValue] = []
        day = published["published"] if published else None
        checked = [checked_event(e, day, refused) for e in found.events]
        # The same fact stated twice in one sentence is stored once.
        events = _unique([_event_row(doc_id, e, now) for e in checked])
        quotes = _unique([_quote_row(doc_id, q, now) for q in found.quotes])
        kept = 0
        for table, rows in (("events", events), ("quotes", quotes)):
            reviewed = {
                r["id"]
                for r in self.store.query(
                    f"SELECT id FROM {table} WHERE document_id = :d AND status <> 'candidate'",
                    {"d": doc_id},
                    conn,
                )
            }
            self.store.execute(
                f"DELETE FROM {table} WHERE document_id = :d AND status = 'candidate'",
                {"d": doc_id},
                conn,
            )
            fresh = [r for r in rows if r["id"] not in reviewed]
            kept += len(rows) - len(fresh)
            if fresh:
                columns = ", ".join(fresh[0])
                values = ", ".join(f":{c}" for c in fresh[0])
                self.store.execute(
                    f"INSERT INTO {table} ({columns}) VALUES ({values})", fresh, conn
                )
        self.store.execute(
            "UPDATE documents SET status = 'extracted', failure = NULL, extracted_at = :t,"
            " refused = :n, refusals = :why WHERE id = :d",
            {"t": now, "d": doc_id, "n": len(refused), "why": refusals_text(doc_id, refused)},
            conn,
        )
        return ExtractCount(1, len(events), len(quotes), kept, refused=len(refused))

    # -- read side for the web app -----------------------------------------------------
    def document_facts(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """The events and quotes extracted from one document, in text order."""
        events = self.store.query(
            "SELECT * FROM events WHERE document_id = :d ORDER BY sentence_start, id", {"d": doc_id}
        )
        for event in events:
            event["persons"] = from_json(event["persons"]) or []
        quotes = self.store.query(
            "SELECT * FROM quotes WHERE document_id = :d ORDER BY quote_start, id", {"d": doc_id}
        )
        return {"events": events, "quotes": quotes}

    def fact(self, object_type: str, object_id: str) -> dict[str, Any] | None:
        """One reviewable row (event, quote, incident or claim) as stored, or None."""
        return self.facts(object_type, [object_id]).get(object_id)

    def facts(self, object_type: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """id -> reviewable row as stored, for those of `ids` that exist (one query a chunk)."""
        if object_type not in TABLES:
            raise ReviewError(f"unknown object type {object_type!r} (one of {', '.join(TABLES)})")
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), CHUNK):
            names, params = in_list("i", ids[start : start + CHUNK])
            for row in self.store.query(
                f"SELECT * FROM {TABLES[object_type]} WHERE id IN ({names})", params
            ):
                found[row["id"]] = row
        return found


def extract_corpus_to_parquet(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    workers: int = 1,
    scheduler: str | None = None,
    *,
    part_bytes: int = PART_BYTES,
    progress: Callable[[int], None] | None = None,
) -> ExtractReport:
    """Extract a partitioned corpus with no database: each worker writes its partition's
    results as one Parquet file in `out_dir` (a folder every worker sees at that path), for
    `Quidproquo.load` to store later. A rerun rewrites the same files."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    report = ExtractReport()
    parts = file_parts(corpus_files([Path(p) for p in paths]), part_bytes)
    written: Written
    for written in stream(parts, workers, scheduler, partial(write_part, out_dir=str(out_dir))):
        report.add(ExtractCount(written.documents, written.events, written.quotes,
                                failed=written.failed))  # fmt: skip
        report.errors += written.errors
        if progress:
            progress(written.documents + written.failed + len(written.errors))
    return report


def _listing_problem(listing: Listing) -> str | None:
    try:
        check_listing(listing.name, listing.country, listing.listed_on)
    except InvalidValue as exc:
        return f"entry {listing.entry_id}: {exc}"
    return None


def refusals_text(doc_id: str, refused: list[InvalidValue]) -> str | None:
    """The refused values of one document, one per line (at most REFUSALS_KEPT; the count is
    kept whole), each also logged as a warning naming the document and the field."""
    for exc in refused:
        log.warning("document %s: extracted value refused: %s", doc_id, exc)
    if not refused:
        return None
    lines = [str(exc) for exc in refused[:REFUSALS_KEPT]]
    more = len(refused) - REFUSALS_KEPT
    return "\n".join(lines + ([f"... and {more} more"] if more > 0 else []))


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({r["id"]: r for r in rows}.values())


EVENT_FIELDS = (
    "type",
    "date_min",
    "date_max",
    "count",
    "count_qualifier",
    "actor",
    "target",
    "destination",
    "modality",
    "instrument",
    "evidence",
    "sentence_start",
    "sentence_end",
)


def _event_row(doc_id: str, event: Event, now: str) -> dict[str, Any]:
    row: dict[str, Any] = {f: getattr(event, f) for f in EVENT_FIELDS}
    identity = (
        event.type,
        event.sentence_start,
        event.sentence_end,
        event.count,
        event.actor,
        event.target,
        event.destination,
        ",".join(event.persons),
    )
    row.update(
        id=fact_id(doc_id, "event", *identity),
        document_id=doc_id,
        persons=to_json(event.persons),
        status="candidate",
        created_at=now,
    )
    return row


def _quote_row(doc_id: str, quote: Quote, now: str) -> dict[str, Any]:
    return {
        "id": fact_id(doc_id, "quote", quote.start, quote.end),
        "document_id": doc_id,
        "speaker": quote.speaker,
        "text": quote.text,
        "quote_start": quote.start,
        "quote_end": quote.end,
        "sentence_start": quote.sentence_start,
        "sentence_end": quote.sentence_end,
        "status": "candidate",
        "created_at": now,
    }
