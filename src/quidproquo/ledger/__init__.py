"""The ledger: releases linked to visits and concessions, terms of trade, a chance test, a report.

- `build_ledger(store, window_days=14, accepted_only=False) -> Ledger` (links.py)
- `terms_of_trade(store, ledger) -> TermsOfTrade` (terms.py)
- `chance_tests(ledger) -> LedgerTests | None`, `closeness_test(...)` (stats.py)
- `write_report(store, out_dir, window_days=14, accepted_only=False) -> Path` (report.py)
"""

from quidproquo.ledger.links import Ledger, build_ledger
from quidproquo.ledger.report import write_report
from quidproquo.ledger.stats import chance_tests, closeness_test
from quidproquo.ledger.terms import TermsOfTrade, terms_of_trade

__all__ = [
    "Ledger",
    "TermsOfTrade",
    "build_ledger",
    "chance_tests",
    "closeness_test",
    "terms_of_trade",
    "write_report",
]
