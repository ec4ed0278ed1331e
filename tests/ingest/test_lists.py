"""Sanctions lists: OFAC SDN CSV and FollowTheMoney JSON, tied to entities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidproquo.app import Quidproquo
from quidproquo.cli import main

# Invented entries in the shape of OFAC's legacy sdn.csv (no header, "-0-" for empty).
SDN = "\n".join(
    [
        '90001,"BELARUSKALI OAO","-0-","BELARUS-EO14038","-0-","-0-","-0-","-0-","-0-","-0-",'
        "\"-0-\",\"a.k.a. 'BELARUSKALIY'; a.k.a. 'JSC BELARUSKALI'.\"",
        '90002,"EXAMPLOV, Ivan","individual","[BELARUS-EO14038] [RUSSIA-EO14024]","Minister",'
        '"-0-","-0-","-0-","-0-","-0-","-0-","DOB 01 Jan 1960."',
        '90003,"TOO FEW COLUMNS"',
        '90004,"MYSTERY THING","spaceship","BELARUS","-0-","-0-","-0-","-0-","-0-","-0-","-0-",'
        '"-0-"',
    ]
)

FTM = [
    {"id": "ex-bpc", "schema": "Company",
     "properties": {"name": ["Belarusian Potash Company"], "alias": ["BPC"], "country": ["by"]}},
    {"id": "ex-sanction-1", "schema": "Sanction",
     "properties": {"entity": ["ex-bpc"], "program": ["BELARUS-EO14038"],
                    "startDate": ["2021-12-02"], "authority": ["OFAC"]}},
    {"id": "ex-bakery", "schema": "Company", "properties": {"name": ["Unlisted Bakery"]}},
]  # fmt: skip


@pytest.fixture
def qpq(tmp_path: Path) -> Quidproquo:
    qpq = Quidproquo(str(tmp_path / "l.db"))
    qpq.load_curated()  # brings Belaruskali and its aliases
    return qpq


def test_sdn_rows_become_listings_tied_to_known_entities(qpq: Quidproquo, tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(SDN, encoding="utf-8")
    report = qpq.ingest_lists([path])
    assert report.added == 2
    assert [(Path(e.path).name, e.line) for e in report.errors] == [("sdn.csv", 3), ("sdn.csv", 4)]
    assert "12 columns" in report.errors[0].reason and "spaceship" in report.errors[1].reason
    potash = qpq.listings("Belaruskali")
    assert [r["entry_id"] for r in potash] == ["90001"]
    curated = qpq.store.query_one("SELECT entity_id FROM listings WHERE entry_id = '90001'")
    origin = qpq.store.query_one(
        "SELECT origin FROM entities WHERE id = :i", {"i": curated["entity_id"] if curated else ""}
    )
    assert origin is not None and origin["origin"] == "curated"  # not a second Belaruskali
    person = qpq.listings("Ivan Examplov")
    assert person[0]["kind"] == "person" and person[0]["programs"] == [
        "BELARUS-EO14038",
        "RUSSIA-EO14024",
    ]
    assert qpq.ingest_lists([path]).unchanged == 2  # idempotent


def test_ftm_sanction_entities_name_what_is_listed(qpq: Quidproquo, tmp_path: Path) -> None:
    path = tmp_path / "opensanctions.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in FTM) + "\n{broken\n", encoding="utf-8")
    report = qpq.ingest_lists([path])
    assert report.added == 1 and [e.line for e in report.errors] == [4]
    (bpc,) = qpq.listings("BPC")
    assert bpc["name"] == "Belarusian Potash Company" and bpc["listed_on"] == "2021-12-02"
    assert bpc["list_name"] == "OpenSanctions" and bpc["country"] == "by"
    assert qpq.listings("Belaruskali") == []  # distinct companies stay distinct


def test_listing_entities_survive_resolve(qpq: Quidproquo, tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(SDN, encoding="utf-8")
    qpq.ingest_lists([path])
    qpq.resolve()
    assert qpq.listings("Examplov")[0]["entity_id"] is not None
    assert qpq.store.query_one("SELECT id FROM entities WHERE origin = 'listing'") is not None


def test_cli_exit_code_and_listing_table(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(SDN, encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["ingest-list", str(path), "--db", db])
    assert result.exit_code == 1 and "2 added, 0 unchanged, 2 failed" in result.output
    table = CliRunner().invoke(main, ["listings", "--db", db])
    assert "BELARUSKALI OAO" in table.output and "Ivan Examplov" in table.output


def test_listed_belarusian_entities_count_as_still_sanctioned(
    qpq: Quidproquo, tmp_path: Path
) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(SDN, encoding="utf-8")
    qpq.ingest_lists([path])
    terms = qpq.terms_of_trade()
    still = {s.entity: s.summary for s in terms.still_sanctioned}
    assert "listed on OFAC SDN (BELARUS-EO14038, RUSSIA-EO14024)" in still["Ivan Examplov"]
    # Belaruskali keeps its designation history (eased by GL 13), not a second row
    assert sum("Belaruskali" in name for name in still) == 1
    assert "General License 13" in still["Belaruskali"]


SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://example.invalid/sdnList.xsd">
  <sdnEntry><uid>90010</uid><lastName>EXAMPLE AIR</lastName><sdnType>Entity</sdnType>
    <programList><program>BELARUS-EO14038</program></programList>
    <akaList><aka><uid>1</uid><type>a.k.a.</type>
      <lastName>EXAMPLE AIRLINES</lastName></aka></akaList>
    <addressList><address><uid>2</uid><country>Belarus</country></address></addressList>
  </sdnEntry>
  <sdnEntry><uid>90011</uid><firstName>Anna</firstName><lastName>SAMPLOVA</lastName>
    <sdnType>Individual</sdnType><programList><program>BELARUS</program></programList>
  </sdnEntry>
  <sdnEntry><uid>90012</uid><sdnType>Entity</sdnType></sdnEntry>
</sdnList>"""


def test_sdn_xml_entries(qpq: Quidproquo, tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_XML, encoding="utf-8")
    report = qpq.ingest_lists([path])
    assert report.added == 2 and "sdnEntry 3" in report.errors[0].reason
    (air,) = qpq.listings("Example Airlines")  # found through its a.k.a.
    assert air["country"] == "Belarus" and air["programs"] == ["BELARUS-EO14038"]
    assert qpq.listings("Anna Samplova")[0]["kind"] == "person"
    broken = tmp_path / "broken.xml"
    broken.write_text("<sdnList><sdnEntry>", encoding="utf-8")
    assert "invalid XML" in qpq.ingest_lists([broken]).errors[0].reason
