"""The stored chance test reads only the facts it tests (not the ledger's rows): its figures
are those of the test run on the whole ledger, on the bundled facts and on reviewed ones."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from click.testing import CliRunner

from quidproquo.cli import main
from quidproquo.ledger import stored
from quidproquo.ledger.links import build_ledger
from quidproquo.ledger.stats import PERIOD_RULES, chance_tests
from quidproquo.store import Store


def test_the_tested_facts_give_the_figures_of_the_whole_ledger(curated_store: Store) -> None:
    for accepted_only in (False, True):
        whole = build_ledger(curated_store, 14, accepted_only)
        facts = stored.tested_facts(curated_store, 14, accepted_only)
        assert facts.rows == [] and set(facts.incidents) < set(whole.incidents)
        for period in PERIOD_RULES:
            expected = chance_tests(whole, period)
            assert expected is not None
            assert chance_tests(facts, period) == expected
        kept = stored.stored_chance_tests(curated_store, 14, accepted_only)
        assert kept is not None
        assert kept.pop("excluded_total") == len(kept["excluded"])
        assert kept.pop("outside_period_total") == len(kept["outside_period"])
        assert kept == chance_tests(whole).to_dict()  # type: ignore[union-attr]


def test_cli_ledger_pages_and_keeps_the_whole_chance_test(curated_store: Store) -> None:
    db = curated_store.url.removeprefix("sqlite:///")
    runner = CliRunner()
    whole = runner.invoke(main, ["ledger", "--json", "--db", db])
    assert whole.exit_code == 0, whole.output
    everything = json.loads(whole.output)
    ids, after = [], None
    while True:
        args = ["ledger", "--json", "--limit", "3", "--db", db] + (["--after", after] if after
                                                                    else [])  # fmt: skip
        page = json.loads(runner.invoke(main, args).output)
        assert page["tests"] == everything["tests"] and "terms" not in page
        ids += [row["release"]["id"] for row in page["rows"]]
        if page["next"] is None:
            break
        after = page["next"]
    assert ids == [row["release"]["id"] for row in everything["rows"]] and len(ids) > 6
    table = runner.invoke(main, ["ledger", "--limit", "2", "--db", db])
    assert table.exit_code == 0 and "More: --limit 2 --after " in table.output
    assert "Terms of trade" not in table.output
    assert runner.invoke(main, ["ledger", "--after", ids[0], "--db", db]).exit_code == 2


def test_a_stored_result_lists_the_first_left_out_facts_and_counts_them_all(
    curated_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = chance_tests(build_ledger(curated_store, 30))
    assert whole is not None and len(whole.outside) > 3
    monkeypatch.setattr(stored, "LISTED", 3)
    kept = stored.stored_chance_tests(curated_store, 30)
    assert kept is not None and kept["outside_period_total"] == len(whole.outside)
    assert kept["outside_period"] == [asdict(e) for e in whole.outside[:3]]
