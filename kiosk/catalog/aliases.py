"""Everyday words residents use instead of official procedure names ("sổ đỏ", "GPLX" ...).

The table is a maintained UTF-8 TSV file, ``resources/catalog/aliases.tsv``, with three
columns: ``phrase`` (what residents type), ``official`` (words that appear in procedure
names), ``comment`` (why; for the maintainers). Lines starting with ``#`` and blank lines are
ignored; the first non-comment line is the header. A phrase may appear on several rows: each
row is one alternative reading. Matching is on folded words (``fold_words``), so diacritics,
case and punctuation do not matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.text import fold_words, nfc
from kiosk.paths import asset

HEADER = ("phrase", "official", "comment")
MAX_REWRITES = 6


class AliasFileError(ValueError):
    """The alias file is malformed (wrong column count, empty phrase or official words)."""


@dataclass(frozen=True, slots=True)
class Alias:
    phrase: tuple[str, ...]  # folded words residents type
    official: tuple[str, ...]  # folded words found in procedure names
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A query with one or more alias phrases replaced by official words."""

    words: tuple[str, ...]
    last_is_prefix: bool  # whether the final word is still being typed


def parse_line(line: str, number: int) -> Alias | None:
    text = nfc(line.rstrip("\r\n"))
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    cells = text.split("\t")
    if len(cells) not in (2, 3):
        raise AliasFileError(f"line {number}: expected 2 or 3 tab-separated columns")
    phrase, official = tuple(fold_words(cells[0])), tuple(fold_words(cells[1]))
    if not phrase or not official:
        raise AliasFileError(f"line {number}: empty phrase or official words")
    return Alias(phrase, official, cells[2].strip() if len(cells) == 3 else "")


class AliasTable:
    """Alias rows, looked up by the first folded word of their phrase."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        self.entries: tuple[Alias, ...] = tuple(aliases)
        self._by_first: dict[str, list[Alias]] = {}
        for alias in self.entries:
            self._by_first.setdefault(alias.phrase[0], []).append(alias)

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def parse(cls, text: str) -> AliasTable:
        rows: list[Alias] = []
        header_seen = False
        for number, line in enumerate(text.splitlines(), start=1):
            if not header_seen and line.strip() and not line.lstrip().startswith("#"):
                header_seen = True
                if tuple(c.strip() for c in line.split("\t")) == HEADER:
                    continue
            alias = parse_line(line, number)
            if alias is not None:
                rows.append(alias)
        return cls(rows)

    @classmethod
    def load(cls, path: Path | None = None) -> AliasTable:
        """The bundled table (``resources/catalog/aliases.tsv``) or the file at ``path``."""
        source = path if path is not None else asset("catalog", "aliases.tsv")
        return cls.parse(source.read_text(encoding="utf-8"))

    def rewrites(self, words: Sequence[str], last_is_prefix: bool) -> list[Rewrite]:
        """Alternative readings of ``words`` (the original is not included).

        Each alias match is replaced on its own (a match inside a longer one is skipped),
        then all non-overlapping matches (longest first) together; each result is rewritten
        once more, so "mất sổ bảo hiểm xã hội" → "mất sổ BHXH" → "cấp lại sổ BHXH". When the
        last word is still being typed, an alias whose last phrase word starts with it
        matches too ("bang la" → "bằng lái")."""
        first = self._rewrite_once(words, last_is_prefix)
        out = list(first)
        for rewrite in first:
            out += self._rewrite_once(rewrite.words, rewrite.last_is_prefix)
        original = Rewrite(tuple(words), last_is_prefix)
        unique = [r for r in dict.fromkeys(out) if r != original]
        return unique[:MAX_REWRITES]

    def _rewrite_once(self, words: Sequence[str], last_is_prefix: bool) -> list[Rewrite]:
        matches = _maximal(self._matches(words, last_is_prefix))
        out = [_apply(words, [match], last_is_prefix) for match in matches]
        combined = _non_overlapping(matches)
        if len(combined) > 1:
            out.append(_apply(words, combined, last_is_prefix))
        return out

    def _matches(self, words: Sequence[str], last_is_prefix: bool) -> list[tuple[int, Alias]]:
        found: list[tuple[int, Alias]] = []
        for start, word in enumerate(words):
            for alias in self._by_first.get(word, ()):
                if _matches_at(words, start, alias.phrase, last_is_prefix):
                    found.append((start, alias))
            if start == len(words) - 1 and last_is_prefix and len(word) >= 2:
                found += [(start, a) for a in self._single_word_prefix(word)]
        return found

    def _single_word_prefix(self, word: str) -> list[Alias]:
        if len(word) < 3:
            return []
        return [
            alias
            for first, aliases in self._by_first.items()
            if first != word and first.startswith(word)
            for alias in aliases
            if len(alias.phrase) == 1
        ]


def _matches_at(
    words: Sequence[str], start: int, phrase: tuple[str, ...], last_is_prefix: bool
) -> bool:
    end = start + len(phrase)
    if end > len(words):
        return False
    if tuple(words[start:end]) == phrase:
        return True
    typing_last = last_is_prefix and end == len(words) and len(words[-1]) >= 2
    return (
        typing_last
        and tuple(words[start : end - 1]) == phrase[:-1]
        and phrase[-1].startswith(words[-1])
    )


def _maximal(matches: list[tuple[int, Alias]]) -> list[tuple[int, Alias]]:
    """Drop a match whose words lie strictly inside another match ("hộ chiếu" inside
    "làm hộ chiếu"): the longer phrase is the more specific reading."""
    spans = [(start, start + len(alias.phrase)) for start, alias in matches]
    return [
        match
        for match, (a, b) in zip(matches, spans, strict=True)
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)
    ]


def _non_overlapping(matches: list[tuple[int, Alias]]) -> list[tuple[int, Alias]]:
    chosen: list[tuple[int, Alias]] = []
    used: set[int] = set()
    for start, alias in sorted(matches, key=lambda m: (-len(m[1].phrase), m[0])):
        span = set(range(start, start + len(alias.phrase)))
        if span & used:
            continue
        used |= span
        chosen.append((start, alias))
    return sorted(chosen, key=lambda m: m[0])


def _apply(
    words: Sequence[str], replacements: list[tuple[int, Alias]], last_is_prefix: bool
) -> Rewrite:
    out: list[str] = []
    position = 0
    replaced_last = False
    for start, alias in sorted(replacements, key=lambda m: m[0]):
        out += words[position:start]
        out += alias.official
        position = start + len(alias.phrase)
        replaced_last = position >= len(words)
    out += words[position:]
    deduped = tuple(dict.fromkeys(out))
    still_typing = last_is_prefix and not replaced_last and deduped[-1:] == tuple(words[-1:])
    return Rewrite(deduped, still_typing)
