"""Each distinct word of a batch embedded once.

The encoders (the shared tok2vec and the entity recognizer's own) begin with an embedding
stage: a token's features (lower form, prefix, suffix, shape...) are looked up in hashed
tables and mixed by a maxout layer with layer normalisation. That stage reads nothing but
the token's own features, so tokens with the same features get the same vectors: here it
runs once per distinct row of features in a batch (about two in five tokens of news text)
and the vectors are copied to every token, the same numbers (tests/extract/test_nlp.py).
Its mixing layer was a third of the shared encoder's products; the window layers that
follow, which read neighbours, run on every token as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from thinc.api import Model
from thinc.layers.chain import forward as chain_forward
from thinc.types import Floats2d

STAGES = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")


def embedding_stages(model: Model) -> list[Model]:
    """The embedding stages of a component's network (chains of `STAGES`)."""
    return [
        layer
        for layer in model.walk()
        if layer._func is chain_forward
        and tuple(child.name.split("(")[0] for child in layer.layers) == STAGES
    ]


def embed_each_word_once(stage: Model) -> None:
    """Make an embedding stage work once per distinct row of features when predicting."""
    stage._func = _once


def _once(model: Model, docs: list[Any], is_train: bool) -> tuple[list[Floats2d], Callable]:
    if is_train:  # training needs the whole graph for its gradients: as it was
        return chain_forward(model, docs, is_train)
    extract, _, embed, mix, _ = model.layers
    features = extract.predict(docs)  # one row of feature ids per token
    lengths = model.ops.asarray1i([len(rows) for rows in features])
    if not len(features) or not int(lengths.sum()):
        return chain_forward(model, docs, is_train)
    unique, where = numpy.unique(numpy.concatenate(features), axis=0, return_inverse=True)
    vectors = mix.predict(embed.predict(unique))
    return model.ops.unflatten(vectors[where.reshape(-1)], lengths), _no_gradient


def _no_gradient(_: Any) -> Any:
    raise NotImplementedError("prediction only")
