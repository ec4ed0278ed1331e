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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.pipeline.transition_parser import Parser
from spacy.tokens import Doc
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
