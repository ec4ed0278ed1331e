"""The model's entity recognizer, deciding as it always does but through its own beam search.

The recognizer's greedy loop (spaCy's `Parser.greedy_parse`) runs without the GIL, yet this
build takes and drops the GIL inside each validity test of each of its 74 moves, at every
token: about 60% of the recognizer's time went there. Its beam search of width one takes
the same decisions, the best valid move at each token, with the moves of all sentences
scored at once by NumPy and checked while holding the GIL: about 40% less time for the
same entities (tests/extract/test_nlp.py compares them with the packaged model's).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc
from spacy.util import minibatch


class BeamOfOne:
    """Stands in the pipeline for `EntityRecognizer` `ner`; anything else is ner's own."""

    def __init__(self, ner: EntityRecognizer) -> None:
        self.ner = ner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ner, name)

    def __call__(self, doc: Doc) -> Doc:
        self._recognise([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """As `Parser.pipe`: sentences of like length together, in quarters of a batch."""
        for batch in minibatch(docs, size=batch_size):
            by_length = sorted(batch, key=len)
            for part in minibatch(by_length, size=max(batch_size // 4, 2)):
                self._recognise(part)
            yield from batch

    def _recognise(self, docs: list[Doc]) -> None:
        if any(len(doc) for doc in docs):
            states = self.ner.beam_parse(docs, beam_width=1, beam_density=0.0)
            self.ner.set_annotations(docs, states)
