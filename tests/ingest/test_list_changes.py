"""Versions of a sanctions list: removals and additions become relief and designation steps."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main

EMPTY = '"-0-"'


def sdn_row(ent: int, name: str, kind: str, programs: str) -> str:
    """One row of OFAC's legacy sdn.csv layout (12 columns, "-0-" for empty)."""
    cells = [str(ent), f'"{name}"', f'"{kind}"', f'"{programs}"'] + [EMPTY] * 8
    return ",".join(cells)


# Invented entries; only the layout is OFAC's.
AIRLINE = sdn_row(90020, "BELAVIA", "-0-", "[BELARUS-EO14038]")
PERSON = sdn_row(90021, "EXAMPLOV, Ivan", "individual", "[BELARUS]")
FAR_AWAY = sdn_row(90022, "FAR AWAY TRADING LLC", "-0-", "[IRAN]")
NEWCO = sdn_row(90023, "NEWCO POTASH OAO", "-0-", "[BELARUS-EO14038]")
ADDRESSES = '90020,101,"14 Example Avenue","Minsk 220000","Belarus","-0-"\n'
ALIASES = '90020,201,"aka","EXAMPLE NATIONAL AIRLINES","-0-"\n'


def write_version(folder: Path, *rows: str, companions: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "sdn.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if companions:
        (folder / "add.csv").write_text(ADDRESSES, encoding="utf-8")
        (folder / "alt.csv").write_text(ALIASES, encoding="utf-8")
    return folder


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, Path]:
    older = write_version(tmp_path / "sep", AIRLINE, PERSON, FAR_AWAY)
    newer = write_version(tmp_path / "nov", PERSON, NEWCO, companions=False)
    return older, newer


def test_removed_and_added_entries_in_scope_are_changes(
    tmp_path: Path, two_versions: tuple[Path, Path]
) -> None:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    older, newer = two_versions
    first = qpq.ingest_lists([older], published="2025-09-10")
    assert first.versions == 1 and first.changes == []  # nothing to compare with yet
    second = qpq.ingest_lists([newer], published="2025-11-04", url="https://example.org/sdn")
    assert second.versions == 1
    found = {(c.change, c.name, c.date, c.previous.published) for c in second.changes}
    # the Iranian entry left too, but is outside the project's scope
    assert found == {
        ("removed", "BELAVIA", "2025-11-04", "2025-09-10"),
        ("added", "NEWCO POTASH OAO", "2025-11-04", "2025-09-10"),
    }
    everything = {c.name for c in qpq.list_changes(everything=True)}
    assert "FAR AWAY TRADING LLC" in everything
    again = qpq.ingest_lists([newer], published="2025-11-05")
    assert again.versions == 0 and again.changes == [] and again.unchanged == 2


def test_changes_become_incidents_sourced_to_the_newer_list(
    tmp_path: Path, two_versions: tuple[Path, Path]
) -> None:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    older, newer = two_versions
    qpq.ingest_lists([older], published="2025-09-10")
    qpq.ingest_lists([newer], published="2025-11-04", url="https://example.org/sdn")
    qpq.resolve()
    rows = qpq.store.query(
        "SELECT i.type, i.instrument, i.target, i.date_min, c.source_url, c.evidence"
        " FROM incidents i JOIN claims c ON c.incident_id = i.id AND c.property = 'target'"
        " ORDER BY i.type"
    )
    assert [(r["type"], r["instrument"], r["target"], r["date_min"]) for r in rows] == [
        ("sanctions_eased", "sdn_removal", "BELAVIA", "2025-11-04"),
        ("sanctions_imposed", "sdn_designation", "NEWCO POTASH OAO", "2025-11-04"),
    ]
    assert {r["source_url"] for r in rows} == {"https://example.org/sdn"}
    assert "not on the OFAC SDN of 2025-11-04" in rows[0]["evidence"]
    (eased,) = qpq.ledger().of_type("sanctions_eased")
    assert eased.target == "BELAVIA" and eased.sources == ["https://example.org/sdn"]
    # the change document is never run through the news extractor
    assert qpq.extract(again=True).documents == 0


def test_a_removal_joins_the_curated_relief_step_it_confirms(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    qpq.load_curated()
    older = write_version(tmp_path / "a", AIRLINE, PERSON)
    newer = write_version(tmp_path / "b", PERSON, companions=False)
    qpq.ingest_lists([older], published="2025-08-01")
    qpq.ingest_lists([newer], published="2025-11-04", url="https://example.org/sdn-nov")
    summary = qpq.resolve()
    assert summary.incidents_created == 0 and summary.attached == 1
    claim = qpq.store.query_one(
        "SELECT c.incident_id FROM claims c JOIN documents d ON d.id = c.document_id"
        " WHERE d.kind = 'sanctions_list'"
    )
    assert claim is not None
    assert claim["incident_id"] == "2025-11-04-sanctions-eased-belavia-sdn-removal"
    step = qpq.ledger().incidents[claim["incident_id"]]
    assert "https://example.org/sdn-nov" in step.sources  # the list is one more source


def test_companion_files_give_addresses_and_aliases(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    folder = write_version(tmp_path / "v", AIRLINE)
    report = qpq.ingest_lists([folder])  # a folder: the companions are not read on their own
    assert report.errors == [] and report.added == 1
    (airline,) = qpq.listings("Example National Airlines")  # found through alt.csv
    assert airline["addresses"] == ["14 Example Avenue, Minsk 220000, Belarus"]
    alone = qpq.ingest_lists([folder / "add.csv"])
    assert "companion" in alone.errors[0].reason and alone.errors[0].path.endswith("add.csv")
    bad = tmp_path / "w"
    write_version(bad, PERSON)
    (bad / "alt.csv").write_text("90021,1,aka\n", encoding="utf-8")
    broken = qpq.ingest_lists([bad / "sdn.csv"])
    assert [(Path(e.path).name, e.line) for e in broken.errors] == [("alt.csv", 1)]
    assert broken.added == 1  # the primary file still went in


def test_listings_as_of_a_date(tmp_path: Path, two_versions: tuple[Path, Path]) -> None:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    older, newer = two_versions
    qpq.ingest_lists([older], published="2025-09-10")
    qpq.ingest_lists([newer], published="2025-11-04")
    assert {r["name"] for r in qpq.listings(as_of="2025-10-01")} == {
        "BELAVIA", "Ivan Examplov", "FAR AWAY TRADING LLC",
    }  # fmt: skip
    assert {r["name"] for r in qpq.listings(as_of="2025-11-04")} == {
        "Ivan Examplov", "NEWCO POTASH OAO",
    }  # fmt: skip
    assert qpq.listings(as_of="2025-01-01") == []
    still = {s.entity for s in qpq.terms_of_trade().still_sanctioned}
    assert "NEWCO POTASH OAO" in still and "BELAVIA" not in still


SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://example.invalid/sdnList.xsd">
  <publshInformation><Publish_Date>11/04/2025</Publish_Date><Record_Count>1</Record_Count>
  </publshInformation>
  <sdnEntry><uid>90021</uid><firstName>Ivan</firstName><lastName>EXAMPLOV</lastName>
    <sdnType>Individual</sdnType><programList><program>BELARUS</program></programList>
    <addressList><address><uid>5</uid><city>Hrodna</city><country>Belarus</country></address>
    </addressList>
  </sdnEntry>
</sdnList>"""


def test_xml_version_is_dated_by_its_publish_date(tmp_path: Path) -> None:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_XML, encoding="utf-8")
    qpq.ingest_lists([path], published="2020-01-01")  # the file's own date wins
    (version,) = qpq.store.query("SELECT published, entries FROM list_versions")
    assert version == {"published": "2025-11-04", "entries": 1}
    assert qpq.listings("Examplov")[0]["addresses"] == ["Hrodna, Belarus"]


def test_cli_list_changes_and_dates(tmp_path: Path, two_versions: tuple[Path, Path]) -> None:
    db = str(tmp_path / "c.db")
    older, newer = two_versions
    runner = CliRunner()
    first = runner.invoke(main, ["ingest-list", str(older), "--published", "2025-9-31", "--db", db])
    assert first.exit_code == 2 and "not a date" in first.output
    runner.invoke(main, ["ingest-list", str(older), "--published", "2025-09-10", "--db", db])
    second = runner.invoke(
        main, ["ingest-list", str(newer), "--published", "2025-11-04", "--db", db]
    )
    assert second.exit_code == 0, second.output
    assert "2 change(s) in scope" in second.output and "removed" in second.output
    table = runner.invoke(main, ["list-changes", "--db", db])
    assert "BELAVIA" in table.output and "NEWCO POTASH OAO" in table.output
    events = runner.invoke(main, ["events", "--type", "sanctions_eased", "--db", db])
    assert "BELAVIA" in events.output
    as_of = runner.invoke(main, ["listings", "--as-of", "2025-10-01", "--db", db])
    assert "BELAVIA" in as_of.output and "NEWCO" not in as_of.output


def test_demo_shows_a_list_change_joining_the_curated_step(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "removed  BELAVIA BELARUSIAN AIRLINES OAO" in result.output
    qpq = Quidproquo(str(tmp_path / "demo" / "demo.db"))
    merged = qpq.store.query_one(
        "SELECT COUNT(*) AS n FROM claims c JOIN documents d ON d.id = c.document_id"
        " WHERE d.kind = 'sanctions_list'"
        " AND c.incident_id = '2025-11-04-sanctions-eased-belavia-sdn-removal'"
    )
    assert merged is not None and merged["n"] > 0
