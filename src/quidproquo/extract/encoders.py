"""The encoders' layers at prediction, doing less for the same numbers.

The encoders (the shared tok2vec and the entity recognizer's own) are thinc layers whose
forward passes also prepare what training needs. When predicting, two of them do less:

- **Each distinct word of a batch embedded once** (`_embed_once`). An encoder begins with
  an embedding stage: a token's features (lower form, prefix, suffix, shape...) are looked
  up in hashed tables and mixed by a maxout layer with layer normalisation. That stage
  reads nothing but the token's own features, so tokens with the same features get the
  same vectors: it runs once per distinct row of features in a batch (about two in five
  tokens of news text) and the vectors are copied to every token. Its mixing layer was a
  third of the shared encoder's products; the window layers that follow, which read
  neighbours, run on every token as before.
- **Maxout without the winners' positions** (`_maxout`). thinc's maxout finds, with the
  best of each unit's pieces, which piece won (for the gradient), one number at a time;
  the best alone is a NumPy maximum over the pieces, their products computed piece by
  piece (contiguous blocks), about seven times faster.

Training still runs the layers as they were. The same numbers, bit for bit
(tests/extract/test_nlp.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy
from thinc.api import Model
from thinc.layers.chain import forward as chain_forward
from thinc.layers.maxout import forward as maxout_forward
from thinc.types import Floats2d

EMBEDDING_STAGES = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")


def predict_faster(model: Model) -> int:
    """Give the layers of `model` their leaner prediction; how many were changed."""
    changed = 0
    for layer in list(model.walk()):
        if layer._func is maxout_forward:
            layer._func = _maxout
        elif layer._func is chain_forward and _stages(layer) == EMBEDDING_STAGES:
            layer._func = _embed_once
        else:
            continue
        changed += 1
    return changed


def _stages(layer: Model) -> tuple[str, ...]:
    return tuple(child.name.split("(")[0] for child in layer.layers)


def _embed_once(
    model: Model, docs: list[Any], is_train: bool
) -> tuple[list[Floats2d], Callable]:
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


def _maxout(model: Model, X: Floats2d, is_train: bool) -> tuple[Any, Callable]:
    if is_train:
        return maxout_forward(model, X, is_train)
    units, pieces, width = (model.get_dim(d) for d in ("nO", "nP", "nI"))
    # the weights of each piece together: the products are thinc's own (each output is the
    # same sum in the same order), only placed piece by piece, so that the maximum reads
    # contiguous blocks instead of every third number
    W = numpy.ascontiguousarray(
        numpy.asarray(model.get_param("W")).reshape(units, pieces, width).transpose(1, 0, 2)
    ).reshape(pieces * units, width)
    b = numpy.asarray(model.get_param("b")).reshape(units, pieces).T.reshape(pieces * units)
    Y: numpy.ndarray = numpy.asarray(model.ops.gemm(X, cast(Floats2d, W), trans2=True))
    Y += b
    best = Y[:, :units].copy()
    for piece in range(1, pieces):
        numpy.maximum(best, Y[:, piece * units : (piece + 1) * units], out=best)
    return best, _no_gradient


def _no_gradient(_: Any) -> Any:
    raise NotImplementedError("prediction only")
