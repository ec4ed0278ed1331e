"""The incidents CSV is written from lines stored with the incident summaries (migration 0070):
made by the first export, renewed by every write path, and always the same text as rendering
every row again. On SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import io

from export_builders import add_document, add_release

from quidproquo.export import export, records
from quidproquo.export.csv import INCIDENT_COLUMNS, incident_lines, incident_row, write_rows
from quidproquo.ledger.summaries import facts_version, keep_csv_lines
from quidproquo.resolve import review
from quidproquo.resolve.curated import load_curated
from quidproquo.resolve.incidents import resolve
from quidproquo.resolve.views import incidents_with_claims
from quidproquo.store import Store


def _exported(store: Store) -> str:
    out = io.StringIO()
    export(store, "incidents", "csv", out)
    return out.getvalue()


def _rendered(store: Store) -> str:
    """Every row rendered from the facts now, nothing stored read."""
    out = io.StringIO()
    write_rows(map(incident_row, records.incident_summaries(store)), INCIDENT_COLUMNS, out)
    return out.getvalue()


def _stored_lines(store: Store) -> dict[str, str]:
    rows = store.query("SELECT incident_id, line FROM incident_csv_lines")
    return {r["incident_id"]: r["line"] for r in rows}


def _report(store: Store, url: str, day: str, count: int) -> None:
    """A document and its release of `count` people, resolved (my own wording)."""
    sentence = f"Guards walked {count} captives to the frontier post."
    text = f"{sentence} Reported by {url}."
    add_release(store, add_document(store, url, day, text), sentence, day, count)
    resolve(store)


def _release_of(store: Store, day: str) -> str:
    row = store.query_one(
        "SELECT id FROM incidents WHERE type = 'release' AND date_min = :d ORDER BY id", {"d": day}
    )
    assert row is not None
    return str(row["id"])


def test_the_export_stores_its_lines_and_every_change_renews_them(db_url: str) -> None:
    store = Store(db_url)
    load_curated(store)
    _report(store, "https://first.example/r", "2024-10-07", 41)
    first = _exported(store)
    kept = store.query("SELECT id FROM incidents WHERE status <> 'rejected'")
    assert first == _rendered(store) and first.count("\n") == len(kept) + 1
    assert set(_stored_lines(store)) == {r["id"] for r in kept}
    assert _exported(store) == first  # read back from the stored lines

    release = _release_of(store, "2024-10-07")
    # a second source reports it: its claims delete the summary and its line
    _report(store, "https://second.example/s", "2024-10-07", 41)
    assert release not in _stored_lines(store)
    joined = _exported(store)
    assert joined == _rendered(store) and "41 (2 sources)" in joined

    # a reviewer's correction changes the incident row: its line is emptied, made again
    review.correct(store, "incident", release, {"count": "43"}, "ana")
    assert release not in _stored_lines(store)
    corrected = _exported(store)
    assert corrected == _rendered(store) and "43 (reviewer) [41×2]" in corrected

    # a rejected incident leaves the export; the other lines stay stored
    others = set(_stored_lines(store)) - {release}
    review.reject(store, "incident", release, "ana")
    assert set(_stored_lines(store)) >= others
    after = _exported(store)
    assert after == _rendered(store) and release not in after


def test_a_line_rendered_before_a_change_is_not_stored(db_url: str) -> None:
    store = Store(db_url)
    _report(store, "https://third.example/t", "2025-02-03", 17)
    release = _release_of(store, "2025-02-03")
    version = facts_version(store)
    made = incident_lines(incidents_with_claims(store, [release]))  # rendered on 17...
    store.execute("UPDATE incidents SET notes = 'moved' WHERE id = :i", {"i": release})
    keep_csv_lines(store, made, version)  # ...stored after the change: refused
    assert _stored_lines(store) == {}
    assert _exported(store) == _rendered(store) and "moved" in _exported(store)
