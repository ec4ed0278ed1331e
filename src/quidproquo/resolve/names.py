"""Name normalisation shared by the scorer and entity resolution.

Public surface:

- `fold(name)`: casefolded ASCII words, diacritics stripped (č/š/ž become ch/sh/zh,
  ł becomes l), punctuation, possessive "'s" and leading titles dropped.
- `skeleton(token)`: a transliteration skeleton of one folded word, so that the Latin
  spellings of one Belarusian/Russian/Polish name collide (Lukashenko, Lukashenka,
  Łukaszenka, Lukaschenko) while different names stay apart.
- `AliasTable`: equivalences no spelling rule can see (given names Ales ~ Aliaksandr,
  misspellings John Cole ~ John Coale, metonyms Washington ~ United States), kept as
  data in `aliases.yaml` plus the entities of the bundled timeline. Resolution can add
  more groups at run time with `add_names` / `add_given_names`.
- `names_match(a, b)`, `name_key(name)` and `looks_like_person(name)` on the default
  table.

Matching rule (FORMAT.md): two names match when their keys are equal (each word folded
to its skeleton, given names mapped to their alias group, whole names mapped to their
alias group), or when both look like personal names and the surnames agree while the
given names, where both have one, agree (alias group or initial). A surname alone
matches the full name ("Lukashenko" ~ "Alexander Lukashenko"); a lone word never matches
an organisation or place as if it were a surname ("Belarus" !~ "Development Bank of
Belarus").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

ALIASES_FILE = "aliases.yaml"
TIMELINE_FILE = "belarus-2024-2026.yaml"

# Letters NFKD does not decompose, and carons that transliterate as digraphs.
_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "č": "ch", "Č": "Ch", "š": "sh",
        "Š": "Sh", "ž": "zh", "Ž": "Zh", "’": "'", "‘": "'", "ʼ": "'",
    }
)  # fmt: skip

# Transliteration skeleton: digraph and letter rules, applied in this order.
_SKELETON_RULES = (
    ("shch", "s"), ("sch", "s"), ("sh", "s"), ("sz", "s"), ("zh", "z"),
    ("kh", "h"), ("ch", "h"), ("cz", "h"), ("ph", "f"),
    ("ts", "t"), ("tz", "t"), ("dz", "d"), ("c", "t"),  # Belarusian ць/дзь, Polish c
    ("x", "ks"), ("w", "v"), ("q", "k"), ("j", "i"), ("y", "i"),
)  # fmt: skip
_DOUBLES = re.compile(r"(.)\1+")
_IOTATED = re.compile(r"i(?=[aeou])")  # ia/ya/ja -> a, ie -> e, iu -> u, io -> o
_VOCALIC_U = re.compile(r"(?<=[aeo])u(?=[^aeiou]|$)")  # Belarusian ў: ou/au ~ ov/av


class AliasFileError(ValueError):
    """An alias file is malformed."""


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _raw_words(name: str) -> list[str]:
    """Words of `name` in ASCII with their case, possessives and inner dots removed."""
    text = _ascii(name)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<=\w)[.'](?=\w)", "", text)  # U.S. -> US, O'Brien -> OBrien
    return re.findall(r"[^\W_]+", text)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(str(t).casefold() for t in _alias_data().get("titles", []))


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return frozenset(str(t).casefold() for t in _alias_data().get("legal_forms", []))


def _drop_titles(words: list[str]) -> list[str]:
    """Without leading titles, nor legal forms at either end ("JSC X", "X OAO")."""
    titles, forms = _titles(), _legal_forms()
    start, end = 0, len(words)
    while start < end - 1 and words[start].casefold() in titles | forms:
        start += 1
    while end - 1 > start and words[end - 1].casefold() in forms:
        end -= 1
    return words[start:end]


def fold(name: str) -> str:
    """Casefolded ASCII form of a name, without punctuation or leading titles."""
    return " ".join(w.casefold() for w in _drop_titles(_raw_words(name)))


def skeleton(token: str) -> str:
    """Transliteration skeleton of one word (folded first if needed).

    Consonant digraphs collapse (sh/sz/sch -> s, kh/ch/cz -> h, ts/tz/c -> t, dz -> d),
    w -> v, j/y -> i, iotated vowels lose the i, vocalic u after a vowel becomes v,
    o -> a (Belarusian akanye) and doubled letters collapse.
    """
    word = fold(token).replace(" ", "")
    for old, new in _SKELETON_RULES:
        word = word.replace(old, new)
    word = _DOUBLES.sub(r"\1", word)
    word = _IOTATED.sub("", word)
    word = _VOCALIC_U.sub("v", word)
    word = word.replace("o", "a")
    return _DOUBLES.sub(r"\1", word)


class _UnionFind:
    """Groups of keys; the first key of the first group declared stays its representative."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._parent

    def find(self, key: str) -> str:
        root = self._parent.setdefault(key, key)
        while root != self._parent[root]:
            root = self._parent[root]
        self._parent[key] = root
        return root

    def union(self, keys: list[str]) -> None:
        if not keys:
            return
        # join new keys to an existing group so that its representative stays stable
        known = [self.find(k) for k in keys if k in self._parent]
        root = known[0] if known else self.find(keys[0])
        for key in keys:
            other = self.find(key)
            if other != root:
                self._parent[other] = root


MAX_REMEMBERED = 200_000  # names whose key tokens a table keeps


class AliasTable:
    """Name equivalences: given-name groups, whole-name groups and demonyms."""

    def __init__(
        self,
        given_names: Iterable[Iterable[str]] = (),
        names: Iterable[Iterable[str]] = (),
        demonyms: dict[str, str] | None = None,
        non_person_words: Iterable[str] = (),
        descriptor_heads: Iterable[str] = (),
    ) -> None:
        self._given = _UnionFind()
        self._tokens: dict[str, tuple[str, ...]] = {}  # key_tokens, remembered per name
        self._name_groups: list[list[str]] = []
        self._names: _UnionFind | None = None  # built lazily from _name_groups
        self._person_roots: set[str] = set()
        self._demonyms = {fold(k): fold(v).split() for k, v in (demonyms or {}).items()}
        self._non_person = frozenset(fold(w) for w in non_person_words)
        self._descriptor_heads = frozenset(fold(w) for w in descriptor_heads)
        for group in given_names:
            self.add_given_names(group)
        for group in names:
            self.add_names(group)

    # -- building -------------------------------------------------------------------
    def add_given_names(self, group: Iterable[str]) -> None:
        """Declare first names interchangeable (Ales, Aliaksandr, Alexander)."""
        self._given.union([skeleton(g) for g in group if fold(g)])
        self._names = None  # whole-name keys depend on given names
        self._tokens.clear()

    def add_names(self, group: Iterable[str]) -> None:
        """Declare whole names equivalent (United States, US, Washington)."""
        members = [n for n in group if fold(n)]
        if members:
            self._name_groups.append(members)
            self._names = None

    def _index(self) -> _UnionFind:
        if self._names is None:
            index = _UnionFind()
            self._person_roots = set()
            for group in self._name_groups:
                index.union([self._plain_key(n) for n in group])
            for group in self._name_groups:
                if any(len(self.key_tokens(n)) > 1 and self.looks_like_person(n) for n in group):
                    self._person_roots.add(index.find(self._plain_key(group[0])))
            self._names = index
        return self._names

    # -- keys -----------------------------------------------------------------------
    def key_tokens(self, name: str) -> list[str]:
        """Skeletons of the words of `name`, demonyms as countries, given names canonical."""
        tokens = self._tokens.get(name)
        if tokens is None:
            if len(self._tokens) >= MAX_REMEMBERED:
                self._tokens.clear()
            tokens = self._tokens[name] = tuple(self._key_tokens(name))
        return list(tokens)

    def _key_tokens(self, name: str) -> list[str]:
        words: list[str] = []
        for word in fold(name).split():
            words.extend(self._demonyms.get(word, [word]))
        if len(words) > 2 and words[-1] in self._descriptor_heads:
            words = words[:-1]  # "the I Want to Live project" ~ "I Want to Live"
        tokens = [skeleton(w) for w in words]
        if len(tokens) > 1:
            tokens[:-1] = [self._given.find(t) if t in self._given else t for t in tokens[:-1]]
        return tokens

    def _plain_key(self, name: str) -> str:
        return " ".join(self.key_tokens(name))

    def name_key(self, name: str) -> str:
        """Canonical key for grouping: equal keys mean the same name up to spelling/alias.

        A surname alone gets its own key; `names_match` is the looser test.
        """
        key = self._plain_key(name)
        index = self._index()
        return index.find(key) if key in index else key

    def looks_like_person(self, name: str) -> bool:
        """Capitalised words, none of them an organisation or function word."""
        words = _drop_titles(_raw_words(name))
        return (
            0 < len(words) <= 4
            and all(w[0].isupper() and not (len(w) > 1 and w.isupper()) for w in words)
            and not any(w.casefold() in self._non_person for w in words)
        )

    def _surname_candidate(self, name: str) -> bool:
        """A lone word that may stand for a person: not a known place or body."""
        if not self.looks_like_person(name):
            return False
        key = self._plain_key(name)
        index = self._index()
        return key not in index or index.find(key) in self._person_roots

    # -- matching -------------------------------------------------------------------
    def names_match(self, a: str, b: str) -> bool:
        """FORMAT.md name match: spelling, alias and surname-only variants fold together."""
        key_a, key_b = self.name_key(a), self.name_key(b)
        if not key_a or not key_b:
            return False
        if key_a == key_b:
            return True
        tokens_a, tokens_b = self.key_tokens(a), self.key_tokens(b)
        if tokens_a[-1] != tokens_b[-1]:
            return False
        if len(tokens_a) == 1 or len(tokens_b) == 1:
            lone, full = (a, b) if len(tokens_a) == 1 else (b, a)
            return self._surname_candidate(lone) and self.looks_like_person(full)
        if not (self.looks_like_person(a) and self.looks_like_person(b)):
            return False
        if tokens_a[0] == tokens_b[0]:
            return True
        initial_a, initial_b = fold(a).split()[0], fold(b).split()[0]  # "C." ~ "Christopher"
        return min(len(initial_a), len(initial_b)) == 1 and initial_a[0] == initial_b[0]

    @classmethod
    def from_data(cls, data: dict[str, Any], source: str = "<data>") -> AliasTable:
        """Build a table from the mapping of an aliases.yaml file."""
        given = data.get("given_names", [])
        names = data.get("names", [])
        demonyms = data.get("demonyms", {})
        non_person = data.get("non_person_words", [])
        descriptors = data.get("descriptor_heads", [])
        if not all(isinstance(g, list) for g in [*given, *names]):
            raise AliasFileError(f"{source}: given_names and names must be lists of lists")
        if not isinstance(demonyms, dict):
            raise AliasFileError(f"{source}: demonyms must be a mapping")
        return cls(
            given_names=[[str(n) for n in g] for g in given],
            names=[[str(n) for n in g] for g in names],
            demonyms={str(k): str(v) for k, v in demonyms.items()},
            non_person_words=[str(w) for w in non_person],
            descriptor_heads=[str(w) for w in descriptors],
        )


def _load_yaml(package: str, *parts: str) -> Any:
    path = resources.files(package)
    for part in parts:
        path = path.joinpath(part)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AliasFileError(f"{path}: cannot read alias data: {exc}") from exc


@lru_cache(maxsize=1)
def _alias_data() -> dict[str, Any]:
    data = _load_yaml("quidproquo.resolve", ALIASES_FILE)
    if not isinstance(data, dict):
        raise AliasFileError(f"{ALIASES_FILE}: expected a mapping at top level")
    return data


def timeline_entity_groups() -> list[list[str]]:
    """`[name, *aliases]` of every entity in the bundled timeline file."""
    data = _load_yaml("quidproquo", "data", TIMELINE_FILE)
    groups = []
    for entity in (data or {}).get("entities", []) or []:
        if not isinstance(entity, dict) or "name" not in entity:
            raise AliasFileError(f"{TIMELINE_FILE}: entity without a name: {entity!r}")
        groups.append([str(entity["name"]), *(str(a) for a in entity.get("aliases") or [])])
    return groups


@lru_cache(maxsize=1)
def default_table() -> AliasTable:
    """The table from aliases.yaml plus the timeline's entities (shared, mutable)."""
    table = AliasTable.from_data(_alias_data(), ALIASES_FILE)
    for group in timeline_entity_groups():
        table.add_names(group)
    return table


def names_match(a: str, b: str) -> bool:
    """`AliasTable.names_match` on the default table."""
    return default_table().names_match(a, b)


def looks_like_person(name: str) -> bool:
    """Capitalised words (not all capitals), no organisation or function word."""
    return default_table().looks_like_person(name)


def name_key(name: str) -> str:
    """`AliasTable.name_key` on the default table."""
    return default_table().name_key(name)
