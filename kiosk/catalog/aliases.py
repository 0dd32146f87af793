"""Everyday words residents use instead of official procedure names ("sổ đỏ", "GPLX" ...).

The table is a maintained UTF-8 TSV file, ``resources/catalog/aliases.tsv``, with three
columns: ``phrase`` (what residents type), ``official`` (words that appear in procedure
names), ``comment`` (why; for the maintainers). Lines starting with ``#`` and blank lines are
ignored; the first non-comment line is the header. A phrase may appear on several rows: each
row is one alternative reading. Matching is on folded words (``fold_words``), so diacritics,
case and punctuation do not matter.

A phrase matches wherever all its words occur close together in the query, in any order
("cccd bị mất" matches "mất CCCD"): between them may stand residents' filler words (``FILLERS``:
"bị", "đã", "xin" …) and at most one other word, which stays in the reading ("tách sổ hộ
khẩu" matches "tách hộ khẩu" and reads "tách hộ sổ"). A query word of five or more letters
that is neither an alias word nor a known catalogue word may be one typo away from an alias
word ("chugn tử" → "chứng tử").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kiosk.domain.text import fold, fold_words, nfc
from kiosk.paths import asset

HEADER = ("phrase", "official", "comment")
MAX_REWRITES = 6
# Words of residents' speech that carry no meaning of their own (folded): "tôi", "em",
# "muốn", "xin", "giúp", "bị", "đã", "được", "rồi", "gì", "nhé", "ạ", "ơi". They may stand
# between the words of an alias phrase, and search weighs them low. Words that fold to a
# word of meaning ("căn" → "can", "thẻ" → "the", "ở" → "o", "hội" → "hoi") are not listed.
FILLERS = frozenset(
    {"toi", "em", "muon", "xin", "giup", "bi", "da", "duoc", "roi", "gi", "nhe", "a", "oi"}
)
MAX_OTHER_GAP = 1  # other words allowed between the words of one alias phrase
MAX_FILLER_GAP = 2
MAX_ASSIGNMENTS = 64  # position choices tried per alias (repeated query words)
MIN_TYPO_LENGTH = 5  # shortest word read as a typo (here and in kiosk.catalog.search)
_WORD_SPLIT = re.compile(r"[\W_]+")  # words of an official cell as written


class AliasFileError(ValueError):
    """The alias file is malformed (wrong column count, empty phrase or official words)."""


@dataclass(frozen=True, slots=True)
class Alias:
    phrase: tuple[str, ...]  # folded words residents type
    official: tuple[str, ...]  # folded words found in procedure names
    comment: str = ""
    # the official words as written (lower case, with diacritics), one per folded word:
    # "lái" and "lại" both fold to "lai" but are different words; empty = use ``official``
    spelled: tuple[str, ...] = ()

    def official_spelled(self) -> tuple[str, ...]:
        return self.spelled if len(self.spelled) == len(self.official) else self.official


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
    spelled = tuple(w for w in _WORD_SPLIT.split(cells[1].lower()) if w)
    if [fold(w) for w in spelled] != list(official):
        spelled = ()
    return Alias(phrase, official, cells[2].strip() if len(cells) == 3 else "", spelled)


class AliasTable:
    """Alias rows, looked up by each folded word of their phrase."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        self.entries: tuple[Alias, ...] = tuple(aliases)
        self._by_word: dict[str, list[Alias]] = {}
        for alias in self.entries:
            for word in dict.fromkeys(alias.phrase):
                self._by_word.setdefault(word, []).append(alias)
        self._words = sorted(self._by_word)
        self._by_length: dict[int, list[str]] = {}
        for word in self._words:
            self._by_length.setdefault(len(word), []).append(word)

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

    def rewrites(
        self,
        words: Sequence[str],
        last_is_prefix: bool,
        known: Collection[str] = frozenset(),
    ) -> list[Rewrite]:
        """Alternative readings of ``words`` (the original is not included).

        Each alias match is replaced on its own (a match that lies within the stretch of a
        match with more words is skipped), then all non-overlapping matches (longest first)
        together; each result is rewritten once more, so "mất sổ bảo hiểm xã hội" → "mất sổ
        BHXH" → "cấp lại sổ BHXH". Phrases match order-free with filler words (and one other
        word) between their words: see the module docstring. When the last word is still
        being typed, an alias word that starts with it matches too ("bang la" → "bằng lái").
        ``known`` (the catalogue's words) keeps known words from being read as typos of alias
        words."""
        first = self._rewrite_once(words, last_is_prefix, known)
        out = list(first)
        for rewrite in first:
            out += self._rewrite_once(rewrite.words, rewrite.last_is_prefix, known)
        original = Rewrite(tuple(words), last_is_prefix)
        unique = [r for r in dict.fromkeys(out) if r != original]
        return unique[:MAX_REWRITES]

    def _rewrite_once(
        self, words: Sequence[str], last_is_prefix: bool, known: Collection[str]
    ) -> list[Rewrite]:
        matches = _maximal(self._matches(words, last_is_prefix, known))
        out = [_apply(words, [match], last_is_prefix) for match in matches]
        combined = _non_overlapping(matches)
        if len(combined) > 1:
            out.append(_apply(words, combined, last_is_prefix))
        return out

    def _matches(
        self, words: Sequence[str], last_is_prefix: bool, known: Collection[str]
    ) -> list[_Match]:
        spelled = [self._spelling(w, known) for w in words]
        typing_at = len(words) - 1 if last_is_prefix and len(words[-1]) >= 2 else -1
        candidates: dict[int, Alias] = {}
        for position, word in enumerate(spelled):
            for alias in self._by_word.get(word, ()):
                candidates.setdefault(id(alias), alias)
            if position == typing_at:
                for alias in self._prefixed(word):
                    candidates.setdefault(id(alias), alias)
        found: list[_Match] = []
        for alias in candidates.values():
            match = _best_match(spelled, alias, typing_at)
            if match is not None:
                found.append(match)
        return found

    def _prefixed(self, fragment: str) -> list[Alias]:
        """Aliases with a word that starts with ``fragment`` (the word being typed)."""
        out: list[Alias] = []
        for word in self._words[bisect_left(self._words, fragment) :]:
            if not word.startswith(fragment):
                break
            if word != fragment:
                out += self._by_word[word]
        return out

    def _spelling(self, word: str, known: Collection[str]) -> str:
        """``word``, or the one alias word it is a typo of (OSA distance 1, 5+ letters) when
        it is neither an alias word nor a catalogue word."""
        if len(word) < MIN_TYPO_LENGTH or word in self._by_word or word in known:
            return word
        choices = [
            w for n in (len(word) - 1, len(word), len(word) + 1) for w in self._by_length.get(n, ())
        ]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=2)
        return found[0][0] if len(found) == 1 else word


@dataclass(frozen=True, slots=True)
class _Match:
    positions: tuple[int, ...]  # query positions of the phrase words, ascending
    alias: Alias


def _best_match(words: Sequence[str], alias: Alias, typing_at: int) -> _Match | None:
    """The tightest placement of the phrase's words in ``words`` (any order, each on its own
    position) whose gaps hold at most ``MAX_FILLER_GAP`` fillers and ``MAX_OTHER_GAP`` other
    words; an in-order contiguous placement wins ties."""
    fragment = words[typing_at] if typing_at >= 0 else ""
    # a one-word phrase needs three typed letters ("bhx" → BHXH), a longer one two ("bang la")
    if len(alias.phrase) == 1 and len(fragment) < 3:
        fragment = ""
    options: list[list[int]] = []
    for word in alias.phrase:
        here = [i for i, w in enumerate(words) if w == word]
        if fragment and fragment != word and word.startswith(fragment):
            here.append(typing_at)
        if not here:
            return None
        options.append(here)
    best: tuple[int, bool, tuple[int, ...]] | None = None
    for tried, choice in enumerate(product(*options)):
        if tried >= MAX_ASSIGNMENTS:
            break
        if len(set(choice)) != len(choice):
            continue
        low, high = min(choice), max(choice)
        gaps = [words[i] for i in range(low, high + 1) if i not in choice]
        fillers = sum(1 for w in gaps if w in FILLERS)
        if fillers > MAX_FILLER_GAP or len(gaps) - fillers > MAX_OTHER_GAP:
            continue
        in_order = not gaps and list(choice) == sorted(choice)
        key = (high - low, not in_order, tuple(sorted(choice)))
        if best is None or key < best:
            best = key
    return None if best is None else _Match(best[2], alias)


def _maximal(matches: list[_Match]) -> list[_Match]:
    """Drop a match that lies within the stretch of query words of a match with more words
    ("hộ chiếu" inside "làm hộ chiếu", "bị mất" inside "bằng lái bị mất" read as "mất bằng
    lái"): the longer phrase is the more specific reading."""
    spans = [(m.positions[0], m.positions[-1], len(m.positions)) for m in matches]
    return [
        match
        for match, (a, b, n) in zip(matches, spans, strict=True)
        if not any(c <= a and b <= d and n < k for c, d, k in spans)
    ]


def _non_overlapping(matches: list[_Match]) -> list[_Match]:
    chosen: list[_Match] = []
    used: set[int] = set()
    for match in sorted(matches, key=lambda m: (-len(m.positions), m.positions)):
        if used.intersection(match.positions):
            continue
        used.update(match.positions)
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.positions)


def _apply(words: Sequence[str], replacements: list[_Match], last_is_prefix: bool) -> Rewrite:
    """The official words of each match where its first word was; other words between a
    match's words stay, after them. A word already in the reading is not repeated ("đăng ký
    tạm trú" → "đăng ký tạm trú", not "đăng ký đăng ký tạm trú"); official words are
    compared as written, so "GPLX bị mất" reads "giấy phép lái xe cấp lại" with both "lái"
    and "lại", which fold alike."""
    at = {m.positions[0]: m.alias for m in replacements}
    consumed = {p for m in replacements for p in m.positions}
    for m in replacements:  # fillers between a phrase's words belong to it ("bằng lái bị mất")
        consumed.update(p for p in range(m.positions[0], m.positions[-1]) if words[p] in FILLERS)
    out: list[str] = []
    typed: set[str] = set()  # query words kept (folded: residents type without diacritics)
    inserted: set[str] = set()  # official words put in, folded
    inserted_spelled: set[str] = set()  # and as written
    for position, word in enumerate(words):
        alias = at.get(position)
        if alias is not None:
            for folded, spelled in zip(alias.official, alias.official_spelled(), strict=True):
                if folded not in typed and spelled not in inserted_spelled:
                    out.append(folded)
                    inserted.add(folded)
                    inserted_spelled.add(spelled)
        if position not in consumed and word not in typed and word not in inserted:
            typed.add(word)
            out.append(word)
    replaced_last = len(words) - 1 in consumed
    still_typing = last_is_prefix and not replaced_last and out[-1:] == list(words[-1:])
    return Rewrite(tuple(out), still_typing)
