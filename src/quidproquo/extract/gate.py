"""The first stage of the cascade: cheap tests on raw text, before any tokenization.

`Gate.trigger_starts(text)` finds every trigger form of lexicons/triggers.yaml in one
compiled expression (rebuilt from the YAML data, so it follows new triggers); a sentence
without one cannot hold an event. `Gate.on_subject(text)` tells whether a document says
anything on the subject (lexicons/subject.yaml plus the holding state's names from
gazetteer.yaml); a document with nothing on it is not parsed at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from quidproquo.extract.lexicon import LexiconError, load_lexicon
from quidproquo.extract.sentences import Sentence
from quidproquo.extract.triggers import TriggerLexicon, load_triggers

LEXICON = "subject.yaml"


def alternation(words: Iterable[str], ignore_case: bool = True) -> str:
    """Whole words as one trie-shaped expression (far faster than a flat alternation).

    A space matches any run of spaces; a trailing '*' allows any word ending.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in " ".join(word.lower().split()) if ignore_case else " ".join(word.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    flag = "i" if ignore_case else "-i"
    return rf"(?<!\w)(?{flag}:" + _trie(trie) + r")(?!\w)"


def _trie(node: dict[str, Any]) -> str:
    branches = [
        _ATOMS.get(char, re.escape(char)) + _trie(node[char]) for char in sorted(node) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word may end here
        return f"(?:{body})?"
    return body


_ATOMS = {" ": r"\s+", "*": r"\w*"}


def subject_terms(
    subject: dict[str, Any], gazetteer: dict[str, Any]
) -> tuple[list[str], list[str]]:
    """(case-insensitive words, case-sensitive names) that put a text on the subject."""
    words = subject.get("words")
    if not isinstance(words, list) or not words:
        raise LexiconError(f"{LEXICON}: 'words' must be a non-empty list")
    state = gazetteer["holding_state"]
    names = [str(n) for n in subject.get("names") or []]
    names += gazetteer["countries"].get(state, [])
    names += gazetteer["demonyms"].get(state, [])
    names += [city for city, country in gazetteer["cities"].items() if country == state]
    names += gazetteer["leaders"] + gazetteer["envoys"]
    names += [form for forms in gazetteer["sanction_entities"].values() for form in forms]
    names += [form for forms in gazetteer["agencies"].values() for form in forms]
    names = [n for n in names if n[:1].isupper()]  # "the airline" is no name
    return [str(w) for w in words], names


@dataclass(frozen=True)
class Gate:
    """Compiled expressions for the raw-text stage."""

    triggers: re.Pattern[str]
    subject: re.Pattern[str]

    @classmethod
    def build(
        cls, lexicon: TriggerLexicon, subject: dict[str, Any], gazetteer: dict[str, Any]
    ) -> Gate:
        words, names = subject_terms(subject, gazetteer)
        return cls(
            triggers=re.compile(alternation(lexicon.forms)),
            subject=re.compile(alternation(words) + "|" + alternation(names, ignore_case=False)),
        )

    def on_subject(self, text: str) -> bool:
        """`text` names the holding state or uses a word of the subject."""
        return self.subject.search(text) is not None

    def trigger_starts(self, text: str) -> list[int]:
        """Offsets of the trigger forms in `text`, in order."""
        return [m.start() for m in self.triggers.finditer(text)]

    def trigger_words(self, text: str, sentences: Iterable[Sentence]) -> dict[int, set[str]]:
        """The trigger forms (lower case) of each sentence that has one, by sentence start."""
        found = [(m.start(), m.group().lower()) for m in self.triggers.finditer(text)]
        starts = [start for start, _ in found]
        words: dict[int, set[str]] = {}
        for sentence in sentences:
            i = bisect_left(starts, sentence.start)
            while i < len(found) and found[i][0] < sentence.end:
                words.setdefault(sentence.start, set()).add(found[i][1])
                i += 1
        return words


@lru_cache(maxsize=1)
def load_gate() -> Gate:
    """The gate of the packaged lexicons, compiled once."""
    return Gate.build(load_triggers(), load_lexicon(LEXICON), load_lexicon("gazetteer.yaml"))
