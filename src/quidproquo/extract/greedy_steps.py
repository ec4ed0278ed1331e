"""The model's parser and entity recognizer, deciding as they always do, a step at a time
from Python.

spaCy's greedy loop (`Parser.greedy_parse`) runs without the GIL, yet this build takes and
drops the GIL inside each validity test of each move, at every token (perf: a quarter of
the parser's time in `take_gil`/`drop_gil` and mutexes), and scores the moves with blis'
generic reference kernel. Here the same loop runs holding the GIL: each step scores the
moves of every unfinished sentence of the batch at once through the model's own step
model (`ParserStepModel`, NumPy's BLAS) and takes the best valid move of each with the
component's own `transition_states`. The same decisions (tests/extract/test_nlp.py
compares them with the packaged model's), in about a fifth less time for the two together.
The entity recognizer goes further (`EntitySteps`): its moves are simple enough to be
checked and taken by NumPy for all sentences at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.pipeline.transition_parser import Parser
from spacy.tokens import Doc, Span
from spacy.util import minibatch


class GreedySteps:
    """Stands in the pipeline for a transition-based component (`parser`, `ner`); anything
    else is the component's own."""

    def __init__(self, component: Parser) -> None:
        self.component = component

    def __getattr__(self, name: str) -> Any:
        return getattr(self.component, name)

    def __call__(self, doc: Doc) -> Doc:
        self._decode([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """As `Parser.pipe`, in order, but each batch decoded in one go: fewer steps, each
        over more sentences (spaCy's greedy loop takes a batch in quarters)."""
        for batch in minibatch(docs, size=batch_size):
            self._decode(batch)
            yield from batch

    def _decode(self, docs: list[Doc]) -> None:
        component = self.component
        if not any(len(doc) for doc in docs):
            component.set_annotations(docs, component.moves.init_batch(docs))
            return
        component._ensure_labels_are_added(docs)
        batch = component.moves.init_batch(docs)
        model = component.model.predict(docs)  # the encoder, and each token's features
        states = [state for state in batch if not state.is_final()]
        while states:
            scores = model.predict(states)
            states = component.transition_states(states, scores)
        model.clear_memory()
        component.set_annotations(docs, batch)


KINDS = "BILUO"  # the recognizer's moves: Begin, In, Last, Unit (one token), Out
BEGIN, IN, LAST, UNIT, OUT = range(len(KINDS))


class EntitySteps(GreedySteps):
    """The entity recognizer's greedy decoding with its moves checked and taken by NumPy,
    for every sentence of a batch at once.

    The recognizer reads one token per move (BILUO: Begin, In, Last, Unit, Out, with an
    entity label), so at step t every sentence longer than t is at its token t. Its state
    is whether an entity is open, where and with which label. Each step gathers the same
    three token features as spaCy's model (the token, the open entity's first token, the
    token before), sums their precomputed hidden values in the same order, scores the
    moves through the model's own output layer, and takes the best move its transition
    system allows (spacy/pipeline/_parser_internals/ner.pyx, `is_valid` of each move,
    read for text with no preset entities). spaCy's own loop tests each of the 74 moves
    of each sentence at each token, one call at a time (a quarter of the recognizer's time
    here, much of it in thread-state lookups). The same entities, in about a quarter less
    time for the recognizer. Texts with preset entities, and any model unlike the packaged
    one, take the stepwise path.
    """

    def __init__(self, component: Parser) -> None:
        super().__init__(component)
        moves, strings = component.moves, component.vocab.strings
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        kinds = [name.split("-", 1)[0] for name in names]
        labels = [name.split("-", 1)[1] if "-" in name else "" for name in names]
        self.plain = all(kind in KINDS and len(kind) == 1 for kind in kinds)
        self.kind = numpy.array([KINDS.find(kind) for kind in kinds])
        self.label = numpy.array([strings[label] if label else 0 for label in labels], "uint64")

    def _decode(self, docs: list[Doc]) -> None:
        model = self.component.model
        lengths = numpy.array([len(doc) for doc in docs])
        columns: list[int | str] = ["ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "SENT_START", "IS_SPACE"]
        rows = [doc.to_array(columns) for doc in docs if len(doc)]
        tokens = numpy.concatenate(rows) if rows else None
        if (
            tokens is None
            or tokens[:, :3].any()  # preset entities: spaCy's own checks
            or not self.plain
            or model.attrs.get("unseen_classes")
            or not model.attrs.get("has_upper")
            or model.layers[1].get_dim("nF") != 3
        ):
            return super()._decode(docs)
        tok2vec, lower, upper = model.layers
        hidden = lower.predict(tok2vec.predict(docs))  # (1 padding + tokens, 3, nO, nP)
        bias = lower.get_param("b")
        starts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
        sentence_start = tokens[:, 3].astype("int64") == 1
        space = tokens[:, 4].astype(bool)
        opened = numpy.zeros(len(docs), bool)
        begun = numpy.zeros(len(docs), "int64")
        open_label = numpy.zeros(len(docs), "uint64")
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for t in range(int(lengths.max())):
            now = numpy.flatnonzero(lengths > t)  # in batch order, as spaCy's states
            here = starts[now] + t
            is_open = opened[now]
            features = context_rows(here, starts[now] + begun[now], is_open)
            summed = numpy.zeros((len(now), *hidden.shape[2:]), "float32")
            for feature in range(features.shape[1]):  # in spaCy's order, from zero
                summed += hidden[features[:, feature], feature]
            summed += bias
            best = summed[:, :, 0]
            for piece in range(1, summed.shape[2]):
                best = numpy.maximum(best, summed[:, :, piece])
            follows = t + 1 < lengths[now]  # a token follows in the sentence
            next_starts = follows & sentence_start[numpy.minimum(here + 1, len(tokens) - 1)]
            valid = self._valid(is_open, open_label[now], follows & ~next_starts, space[here])
            chosen = _best_valid(upper.predict(best), valid)
            kind, label = self.kind[chosen], self.label[chosen]
            begins = now[kind == BEGIN]
            opened[begins], begun[begins], open_label[begins] = True, t, label[kind == BEGIN]
            for state in now[kind == LAST].tolist():
                found[state].append((int(begun[state]), t + 1, int(open_label[state])))
                opened[state] = False
            units = kind == UNIT
            for state, unit in zip(now[units].tolist(), label[units].tolist(), strict=True):
                found[state].append((t, t + 1, int(unit)))
        for doc, spans in zip(docs, found, strict=True):
            ents = [Span(doc, start, end, label=label) for start, end, label in spans]
            doc.set_ents(ents, default="outside")

    def _valid(self, is_open: Any, open_label: Any, runs_on: Any, space: Any) -> Any:
        """Which moves each sentence may take (rows) at its token: `is_open` an entity
        is open, with `open_label`; `runs_on` an entity may go on past the token (another
        follows in the same sentence); `space` the token is whitespace."""
        kind, labelled = self.kind[None, :], (self.label != 0)[None, :]
        shut, runs, spaced = ~is_open[:, None], runs_on[:, None], space[:, None]
        same = self.label[None, :] == open_label[:, None]
        return (
            ((kind == BEGIN) & shut & runs & labelled & ~spaced)
            | ((kind == IN) & ~shut & runs & labelled & same)
            | ((kind == LAST) & ~shut & labelled & same)
            | ((kind == UNIT) & shut & labelled & ~spaced)
            | ((kind == OUT) & shut)
        )


def context_rows(here: Any, first: Any, is_open: Any) -> Any:
    """The recognizer's three features at token `here` (batch positions), as rows of its
    precomputed values (row 0 the padding, token i at row i + 1): the token itself, the
    first token of the open entity, and the token before (spaCy's `set_context_tokens`,
    three features); the last two only while an entity is open."""
    return numpy.stack(
        [here + 1, numpy.where(is_open, first + 1, 0), numpy.where(is_open, here, 0)], axis=1
    )


def _best_valid(scores: Any, valid: Any) -> Any:
    """The first valid move of highest score in each row (spaCy's `arg_max_if_valid`)."""
    if bool(numpy.isfinite(scores).all()):
        return numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
    chosen = []
    for row, allowed in zip(scores.tolist(), valid.tolist(), strict=True):
        best = -1
        for i, ok in enumerate(allowed):
            if ok and (best == -1 or row[i] > row[best]):
                best = i
        chosen.append(best)
    return numpy.array(chosen)
