"""Known places, governments, agencies, sanctioned entities and envoys (lexicons/gazetteer.yaml).

The gazetteer overrides spaCy's NER where it is known wrong (Belarus tagged ORG,
Belavia tagged GPE) and maps metonyms and agencies to the acting government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from quidproquo.extract.lexicon import load_lexicon

LEXICON = "gazetteer.yaml"


@dataclass(frozen=True)
class Mention:
    """A gazetteer name in a text.

    `kind` is one of country, city, agency, entity, sector, place_description.
    """

    start: int
    end: int
    surface: str
    canonical: str
    kind: str


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """Whole-word alternation, longest form first; 'the' may be capitalised."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        escaped = re.escape(form)
        if form.startswith("the "):
            escaped = "[Tt]he" + escaped[3:]
        parts.append(escaped)
    return re.compile(r"(?<![\w/.])(?:" + "|".join(parts) + r")(?![\w/]|\.\w)")


class Gazetteer:
    """Lookup tables built from one YAML mapping."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.countries: dict[str, str] = {}
        for canonical, forms in data["countries"].items():
            for form in forms:
                self.countries[form] = canonical
        self.cities: dict[str, str] = dict(data["cities"])
        self.metonyms: dict[str, str] = dict(data["metonyms"])
        self.demonyms = {
            form.lower(): country for country, forms in data["demonyms"].items() for form in forms
        }
        self.government_nouns = frozenset(data["government_nouns"])
        self.border_nouns = frozenset(data["border_nouns"])
        self.receiving_nouns = frozenset(data["receiving_nouns"])
        self.city_descriptions = {
            form: city for city, forms in data["city_descriptions"].items() for form in forms
        }
        self.agencies = {form: gov for gov, forms in data["agencies"].items() for form in forms}
        self.entities = {
            form: name for name, forms in data["sanction_entities"].items() for form in forms
        }
        self.sectors = {
            form: name for name, forms in data["sanction_sectors"].items() for form in forms
        }
        self.leaders = tuple(data["leaders"])
        self.envoys = tuple(data["envoys"])
        self.envoy_titles = frozenset(data["envoy_titles"])
        self.count_sources = tuple(data["count_sources"])
        self.holding_state: str = data["holding_state"]
        self.default_sanctioned: str = data["default_sanctioned"]
        self._tables: list[tuple[str, dict[str, str]]] = [
            ("agency", self.agencies),
            ("entity", self.entities),
            ("place_description", self.city_descriptions),
            ("country", self.countries),
            ("city", {c: c for c in self.cities}),
            ("sector", self.sectors),
        ]
        self._all = _pattern([f for _, table in self._tables for f in table])

    def find(self, text: str) -> list[Mention]:
        """All gazetteer mentions in `text`, longest match first, non-overlapping."""
        found = []
        for match in self._all.finditer(text):
            surface = match.group(0)
            key = surface if not surface.startswith("The ") else "t" + surface[1:]
            for kind, table in self._tables:
                if key in table:
                    found.append(Mention(match.start(), match.end(), surface, table[key], kind))
                    break
        return found

    def country_of(self, name: str) -> str | None:
        """The country a place name stands for ("Vilnius" -> Lithuania), or None."""
        name = name.strip()
        if name.startswith("the "):
            name = name[4:]
        if name in self.countries:
            return self.countries[name]
        if name in self.cities:
            return self.cities[name]
        return None

    def government_of(self, name: str) -> str | None:
        """The government acting under a name: country, metonym or agency."""
        name = name.strip()
        if name.lower().startswith("the ") and name[4:] in self.countries:
            name = name[4:]
        for table in (self.agencies, self.metonyms):
            if name in table:
                return table[name]
        if name in self.countries:
            return self.countries[name]
        for form, gov in self.agencies.items():
            if name.endswith(form) and len(form) > 3:
                return gov
        return None

    def country_of_adjective(self, word: str) -> str | None:
        """The country a country adjective names ("Lithuanian" -> Lithuania), or None."""
        return self.demonyms.get(word.lower())

    def host_city(self, name: str) -> str | None:
        """The city a visit target names ("the Belarusian capital" -> Minsk)."""
        name = name.strip()
        if name in self.cities:
            return name
        lowered = name[0].lower() + name[1:] if name else name
        return self.city_descriptions.get(lowered) or self.city_descriptions.get(name)

    def is_leader(self, name: str) -> bool:
        return any(leader in name for leader in self.leaders)

    def is_envoy(self, name: str) -> bool:
        return name in self.envoys or any(
            name.split()[-1] == e.split()[-1] and len(name.split()) == 1 for e in self.envoys
        )

    def count_source(self, text: str) -> str | None:
        """The first known prisoner-count source named in `text`."""
        best: tuple[int, str] | None = None
        for source in sorted(self.count_sources, key=len, reverse=True):
            match = re.search(r"(?<!\w)" + re.escape(source) + r"(?!\w)", text, re.I)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), text[match.start() : match.end()])
        return best[1] if best else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, parsed once."""
    return Gazetteer(load_lexicon(LEXICON))
