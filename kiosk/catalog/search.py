"""Procedure search as residents type: folded, order-free, prefix-aware, typo- and alias-tolerant.

Everything works on folded words (:func:`kiosk.domain.text.fold_words`): "Đăng ký" and
"dang ky" are the same. The index is a plain in-memory inverted index over procedure names
(and, with a lower weight, field names); no SQLite is needed.

Scoring of one procedure for one reading of the query (the query itself, or an alias rewrite):

* **query coverage**: the IDF-weighted share of query words found in the name (a word found
  only in the field name counts half; a prefix, typo or alias match counts a little less).
  Residents' filler words (``aliases.FILLERS``: "bị", "xin", "tôi" …) weigh
  ``FILLER_FACTOR`` of their IDF; a word that matches nothing still counts in the total, so
  a reading that leaves words unexplained ("cccd" read without the alias table) does not
  look complete next to an alias reading that explains them;
* **name coverage**: the IDF-weighted share of the name's words that the query covers, so
  "Thủ tục đăng ký khai sinh" beats "Thủ tục đăng ký khai sinh lưu động" for "khai sinh";
* **adjacency**: the share of consecutive query words found next to each other in the name;
* small bonuses: an alias reading (+``ALIAS_BONUS``), the preferred level (+``LEVEL_BONUS``).

Alias readings come from :meth:`kiosk.catalog.aliases.AliasTable.rewrites`: phrases match
order-free, with filler words (and one other word) between their words, and the words around
a phrase stay in the reading ("tách sổ hộ khẩu" → "tách hộ"; "cccd bị mất" → "cấp lại thẻ
căn cước").

Stopped procedures (``NgungApDung``) are kept but always sorted after the others. A query that
contains a procedure code ("1.001193") puts that procedure first; a partial code lists the
codes that start with it.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kiosk.catalog.aliases import FILLERS, MIN_TYPO_LENGTH, AliasTable
from kiosk.domain.text import fold, fold_words, nfc

FIELD_FACTOR = 0.5
PREFIX_QUALITY = 0.9  # the typed fragment is not a word of its own
PREFIX_OF_WORD_QUALITY = 0.6  # the fragment is a whole word too ("si" → "sĩ" or "sinh")
TYPO_QUALITY = 0.75
PREFIX_TYPO_QUALITY = 0.7
MAX_PREFIX_EXPANSIONS = 60  # for fragments of 3+ letters; 15 for 1 letter, 30 for 2
W_QUERY, W_NAME, W_ADJACENT = 0.65, 0.15, 0.15
NAME_COVERAGE_POWER = 1.0
LEVEL_BONUS = 0.08
ALIAS_BONUS = 0.05
MIN_RELATIVE_COVERAGE = 0.5
FILLER_FACTOR = 0.2  # weight of residents' filler words ("bị", "xin", "tôi" …) in a query
SHORTLIST = 60
CODE_EXACT_SCORE = 2.0
CODE_PREFIX_SCORE = 1.5
LEADING_FILLERS = frozenset({"toi", "em", "muon", "lam", "xin", "giup", "hoi", "cach"})
RELATIVES = frozenset({"ba", "bo", "me", "cha", "con", "ong", "vo", "chong", "chau", "em", "be"})
RELATIVE_TAILS = frozenset({"noi", "ngoai", "toi", "minh", "em", "gai", "trai", "nho"})

_LEVEL_SUFFIX = re.compile(r"\s*\((?:thuc hien |do )?(?:tai |o )?cap [^()]*\)[\s.:]*$")
_NON_WORD = re.compile(r"[^0-9a-z]+")  # as in kiosk.domain.text.fold_words
_CODE = re.compile(r"(?<![\w.])(\d{1,2}\.\d{0,6})(?![\w])")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result. ``level`` is ``CapThucHien`` (None if the procedure has none); ``score`` only
    orders hits of one search (about 0–1.3 for words, 2.0 for an exact code, 1.5 for a code
    prefix); ``stopped`` is ``NgungApDung`` (such hits always come last)."""

    code: str
    name: str
    field: str
    level: str | None
    score: float
    stopped: bool


@dataclass(frozen=True, slots=True)
class _Doc:
    code: str
    name: str
    field: str
    level: str | None
    levels: frozenset[str]
    stopped: bool
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Term:
    expansions: dict[str, float]  # vocabulary word → match quality
    weight: float
    matches: dict[int, tuple[float, float]]  # doc → (quality, matched name-word IDF)


@dataclass(frozen=True, slots=True)
class _Reading:
    words: tuple[str, ...]
    typing: bool
    bonus: float


def _levels(procedure: Mapping[str, Any]) -> tuple[str | None, frozenset[str]]:
    level = procedure.get("CapThucHien")
    primary = level if isinstance(level, str) else None
    full = procedure.get("CapThucHienDayDu")
    values = {v for v in full if isinstance(v, str)} if isinstance(full, list) else set()
    if primary:
        values.add(primary)
    return primary, frozenset(values)


def _make_doc(procedure: Mapping[str, Any], field_cache: dict[str, tuple[str, ...]]) -> _Doc | None:
    code, name = procedure.get("MaTTHC"), procedure.get("TenTTHC")
    if not isinstance(code, str) or not isinstance(name, str) or not code or not name:
        return None
    field = procedure.get("TenLinhVuc")
    field_name = field if isinstance(field, str) else ""
    if field_name not in field_cache:
        field_cache[field_name] = tuple(fold_words(field_name))
    level, levels = _levels(procedure)
    return _Doc(
        code=code,
        name=name,
        field=field_name,
        level=level,
        levels=levels,
        stopped=procedure.get("NgungApDung") is True,
        words=index_words(name),
    )


def index_words(name: str) -> tuple[str, ...]:
    """The folded words of a procedure name that carry meaning: without the boilerplate
    opening "Thủ tục" (only some names have it) and a closing "(thực hiện tại cấp xã)"
    (the level is a field of its own)."""
    # fold once, then split like fold_words (which would fold the folded text again)
    words = [w for w in _NON_WORD.split(_LEVEL_SUFFIX.sub("", fold(name))) if w]
    if words[:2] == ["thu", "tuc"] and len(words) > 2:
        words = words[2:]
    return tuple(words)


def strip_fillers(words: Sequence[str]) -> list[str]:
    """The words that name the procedure: without leading chatter ("tôi muốn làm ...",
    "thủ tục ...") and a trailing "cho <relative>" ("... cho bà nội", "... cho con trai"),
    unless nothing would be left."""
    start, end = 0, len(words)
    while start < end - 1 and words[start] in LEADING_FILLERS:
        start += 1
    if list(words[start : start + 2]) == ["thu", "tuc"] and end > start + 2:
        start += 2
    for cut in range(end - 2, start, -1):
        tail = words[cut + 1 : end]
        if words[cut] == "cho" and tail[0] in RELATIVES and set(tail[1:]) <= RELATIVE_TAILS:
            end = cut
            break
    return list(words[start:end])


class CatalogIndex:
    """A search index over contract-v1 procedures (plain dicts).

    Immutable once built (a lazily filled table for typo matching aside, whose entries are
    deterministic), so ``search`` may be called from several threads."""

    def __init__(
        self,
        docs: list[_Doc],
        field_words: list[tuple[str, ...]],
        aliases: AliasTable,
    ) -> None:
        self._docs = docs
        self._aliases = aliases
        self._name_post: dict[str, list[int]] = defaultdict(list)
        self._field_post: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            name_set = set(doc.words)
            for word in dict.fromkeys(doc.words):
                self._name_post[word].append(i)
            for word in set(field_words[i]) - name_set:
                self._field_post[word].append(i)
        self._idf = self._compute_idf(len(docs))
        self._vocab = sorted(self._idf)
        self._name_weight = [sum(self._idf[w] for w in set(d.words)) or 1.0 for d in docs]
        self._levels = [doc.levels for doc in docs]
        self._stopped = [doc.stopped for doc in docs]
        self._codes = {doc.code: i for i, doc in enumerate(docs)}
        self._sorted_codes = sorted(self._codes)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocab:
            self._by_length[len(word)].append(word)
        self._typo_choices = {
            n: self._by_length[n - 1] + self._by_length[n] + self._by_length[n + 1]
            for n in range(MIN_TYPO_LENGTH, max(self._by_length, default=0) + 2)
        }
        self._prefix_groups: dict[int, dict[str, list[str]]] = {}
        self._exact = {word: self._exact_matches(word) for word in self._vocab}

    def _exact_matches(self, word: str) -> dict[int, tuple[float, float]]:
        """doc → (quality, matched name-word IDF) for the word itself: 1 in a name, half in
        a field name only."""
        matches = dict.fromkeys(self._field_post.get(word, ()), (FIELD_FACTOR, 0.0))
        matches.update(dict.fromkeys(self._name_post.get(word, ()), (1.0, self._idf[word])))
        return matches

    @classmethod
    def build(
        cls,
        procedures: Iterable[Mapping[str, Any]],
        aliases: AliasTable | None = None,
    ) -> CatalogIndex:
        """Index ``procedures``; ``aliases=None`` uses the bundled table (``AliasTable([])``
        for none). Procedures without a code or a name are skipped."""
        field_cache: dict[str, tuple[str, ...]] = {}
        docs: list[_Doc] = []
        for procedure in procedures:
            doc = _make_doc(procedure, field_cache)
            if doc is not None:
                docs.append(doc)
        table = aliases if aliases is not None else _bundled_aliases()
        return cls(docs, [field_cache[d.field] for d in docs], table)

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._idf)

    def _compute_idf(self, total: int) -> dict[str, float]:
        idf: dict[str, float] = {}
        for word in set(self._name_post) | set(self._field_post):
            df = len(self._name_post.get(word, ())) + len(self._field_post.get(word, ()))
            idf[word] = math.log(1.0 + total / df)
        return idf

    # ----------------------------------------------------------------- public search

    def search(
        self, text: str, limit: int = 10, prefer_level: str | None = "xa"
    ) -> list[SearchHit]:
        """The best ``limit`` procedures for what the resident typed, best first.

        Unless ``text`` ends with whitespace, its last word is taken as still being typed
        and also matches longer words ("khai si" → khai sinh). ``prefer_level`` ("xa",
        "tinh", "bo" or None) lifts procedures of that level among comparable ones."""
        if limit <= 0 or not text or not text.strip():
            return []
        raw = nfc(text)
        code_hits = self._code_hits(raw, limit)
        rest = _CODE.sub(" ", raw)
        words = fold_words(rest)
        typing = not raw[-1].isspace()
        hits = self._word_hits(words, typing, limit, prefer_level) if words else []
        seen = {hit.code for hit in code_hits}
        merged = code_hits + [hit for hit in hits if hit.code not in seen]
        return merged[:limit]

    # ----------------------------------------------------------------- codes

    def _code_hits(self, raw: str, limit: int) -> list[SearchHit]:
        """Exact codes first, then codes that start with a partial code, in code order."""
        tokens = _CODE.findall(raw)
        found = [self._codes[t] for t in tokens if t in self._codes]
        for token in (t for t in tokens if t not in self._codes):
            found += self._codes_starting_with(token, limit)
        exact = len([t for t in tokens if t in self._codes])
        unique = list(dict.fromkeys(found))
        return [
            self._hit(doc, CODE_EXACT_SCORE if i < exact else CODE_PREFIX_SCORE)
            for i, doc in enumerate(unique)
        ]

    def _codes_starting_with(self, token: str, limit: int) -> list[int]:
        start = bisect_left(self._sorted_codes, token)
        found: list[int] = []
        for code in self._sorted_codes[start : start + limit]:
            if not code.startswith(token):
                break
            found.append(self._codes[code])
        return found

    # ----------------------------------------------------------------- words

    def _word_hits(
        self, words: list[str], typing: bool, limit: int, prefer_level: str | None
    ) -> list[SearchHit]:
        readings = [_Reading(tuple(strip_fillers(words)), typing, 0.0)]
        seen = {(readings[0].words, typing)}
        for rewrite in self._aliases.rewrites(words, typing, self._idf):
            rewritten = tuple(strip_fillers(rewrite.words))
            if (rewritten, rewrite.last_is_prefix) not in seen:
                seen.add((rewritten, rewrite.last_is_prefix))
                readings.append(_Reading(rewritten, rewrite.last_is_prefix, ALIAS_BONUS))
        memo: dict[tuple[str, bool], _Term] = {}
        candidates: list[tuple[float, _Reading, list[_Term], float]] = []
        for reading in readings:
            last = len(reading.words) - 1
            terms = [
                self._term(w, reading.typing and i == last, memo)
                for i, w in enumerate(reading.words)
            ]
            # a word that matches nothing still counts in the total: a reading that leaves
            # words unexplained ("cccd" without the alias table) must not look complete
            total = sum(t.weight for t in terms)
            terms = [t for t in terms if t.matches]
            if terms and total > 0:
                reach = sum(t.weight for t in terms) / total  # the most coverage it can give
                candidates.append((reach, reading, terms, total))
        # the readings that can cover most first: one that cannot reach MIN_RELATIVE_COVERAGE
        # of the coverage already found would only add procedures that _finish drops
        candidates.sort(key=lambda c: -c[0])
        best: dict[int, tuple[float, float, list[_Term]]] = {}
        found = 0.0
        for reach, reading, terms, total in candidates:
            if reach < MIN_RELATIVE_COVERAGE * found:
                break
            found = max(found, self._score_reading(reading, terms, total, prefer_level, best))
        return self._finish(best, limit)

    def _score_reading(
        self,
        reading: _Reading,
        terms: list[_Term],
        total: float,
        prefer_level: str | None,
        best: dict[int, tuple[float, float, list[_Term]]],
    ) -> float:
        """Score every procedure the reading matches well enough into ``best`` (doc →
        (base score, query coverage, terms)), keeping the better reading per procedure.
        ``terms`` are the reading's words that match something, ``total`` the weight of all
        its words. Returns the highest query coverage found."""
        query_acc, name_acc = _accumulate(terms)
        top = max(query_acc.values())
        cutoff = MIN_RELATIVE_COVERAGE * top
        name_weight, levels = self._name_weight, self._levels
        for doc, matched in query_acc.items():
            if matched < cutoff:
                continue
            coverage = matched / total
            name_cov = min(1.0, name_acc[doc] / name_weight[doc]) ** NAME_COVERAGE_POWER
            base = W_QUERY * coverage + W_NAME * name_cov
            base += reading.bonus
            if prefer_level is not None and prefer_level in levels[doc]:
                base += LEVEL_BONUS
            current = best.get(doc)
            if current is None or base > current[0]:
                best[doc] = (base, coverage, terms)
        return top / total

    def _finish(
        self, best: dict[int, tuple[float, float, list[_Term]]], limit: int
    ) -> list[SearchHit]:
        if not best:
            return []
        floor = MIN_RELATIVE_COVERAGE * max(entry[1] for entry in best.values())
        stopped = self._stopped
        short = heapq.nlargest(
            max(SHORTLIST, limit),
            (doc for doc, entry in best.items() if entry[1] >= floor),
            key=lambda doc: (not stopped[doc], best[doc][0]),
        )
        # adjacency adds at most W_ADJACENT: skip procedures that cannot reach the top `limit`
        active = [doc for doc in short if not stopped[doc]]
        floor_base = best[active[limit - 1]][0] - W_ADJACENT if len(active) >= limit else -1.0
        hits = [
            self._hit(doc, best[doc][0] + W_ADJACENT * self._adjacency(doc, best[doc][2]))
            for doc in short
            if stopped[doc] or best[doc][0] >= floor_base
        ]
        return _sorted_hits(hits)[:limit]

    def _adjacency(self, doc: int, terms: list[_Term]) -> float:
        """Share of consecutive query words found side by side, in order, in the name."""
        if len(terms) < 2:
            return 0.0
        where: dict[str, list[int]] = {}
        for i, w in enumerate(self._docs[doc].words):
            where.setdefault(w, []).append(i)
        positions = [_positions(where, t.expansions) for t in terms]
        pairs = sum(1 for left, right in pairwise(positions) if any(p + 1 in right for p in left))
        return pairs / (len(terms) - 1)

    # ----------------------------------------------------------------- term expansion

    def _term(self, word: str, typing: bool, memo: dict[tuple[str, bool], _Term]) -> _Term:
        """The expanded query word, shared by the readings of one search through ``memo``."""
        key = (word, typing)
        term = memo.get(key)
        if term is None:
            term = memo[key] = self._make_term(word, typing)
        return term

    def _make_term(self, word: str, typing: bool) -> _Term:
        expansions = self._expand(word, typing)
        if len(expansions) == 1 and expansions.get(word) == 1.0:
            matches = self._exact[word]  # shared, never mutated
        else:
            matches = self._merge_matches(expansions)
        if word in self._idf:
            weight = self._idf[word]
        else:
            weight = math.log(1.0 + len(self._docs) / max(1, len(matches)))
        if word in FILLERS:
            weight *= FILLER_FACTOR
        return _Term(expansions, weight, matches)

    def _merge_matches(self, expansions: dict[str, float]) -> dict[int, tuple[float, float]]:
        """Best (quality, IDF) per procedure over several vocabulary words."""
        matches: dict[int, tuple[float, float]] = {}
        for candidate, quality in sorted(expansions.items(), key=lambda e: e[1]):
            if quality == 1.0:
                matches.update(self._exact[candidate])
                continue
            for doc, (base, word_idf) in self._exact[candidate].items():
                current = matches.get(doc)
                if current is None or base * quality > current[0]:
                    matches[doc] = (base * quality, word_idf * quality)
        return matches

    def _expand(self, word: str, typing: bool) -> dict[str, float]:
        expansions: dict[str, float] = {}
        exact = word in self._idf
        if exact:
            expansions[word] = 1.0
        if typing:
            quality = PREFIX_OF_WORD_QUALITY if exact else PREFIX_QUALITY
            for candidate in self._prefixed(word):
                expansions.setdefault(candidate, quality)
        if not expansions and len(word) >= MIN_TYPO_LENGTH:
            expansions.update(dict.fromkeys(self._one_typo(word), TYPO_QUALITY))
            if typing:
                for candidate in self._one_typo_prefix(word):
                    expansions.setdefault(candidate, PREFIX_TYPO_QUALITY)
        return expansions

    def _prefixed(self, prefix: str) -> list[str]:
        start = bisect_left(self._vocab, prefix)
        found: list[str] = []
        for candidate in self._vocab[start:]:
            if not candidate.startswith(prefix):
                break
            if candidate != prefix:
                found.append(candidate)
        cap = MAX_PREFIX_EXPANSIONS if len(prefix) >= 3 else 15 * len(prefix)
        if len(found) > cap:
            found = heapq.nlargest(cap, found, key=self._df)
        return found

    def _df(self, word: str) -> int:
        return len(self._name_post.get(word, ())) + len(self._field_post.get(word, ()))

    def _one_typo(self, word: str) -> list[str]:
        choices = self._typo_choices.get(len(word), [])
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=None)
        return [choice for choice, _, _ in found]

    def _one_typo_prefix(self, fragment: str) -> list[str]:
        groups = self._prefix_groups.get(len(fragment))
        if groups is None:
            groups = defaultdict(list)
            for word in self._vocab:
                if len(word) > len(fragment):
                    groups[word[: len(fragment)]].append(word)
            self._prefix_groups[len(fragment)] = groups
        found = process.extract(
            fragment, list(groups), scorer=OSA.distance, score_cutoff=1, limit=None
        )
        words = [w for prefix, _, _ in found for w in groups[prefix]]
        return heapq.nlargest(MAX_PREFIX_EXPANSIONS, words, key=self._df)

    # ----------------------------------------------------------------- hits

    def _hit(self, doc: int, score: float) -> SearchHit:
        d = self._docs[doc]
        return SearchHit(d.code, d.name, d.field, d.level, round(score, 4), d.stopped)


def _accumulate(terms: list[_Term]) -> tuple[dict[int, float], dict[int, float]]:
    """Per procedure: weighted query-word matches, and the IDF of the name words matched.

    Terms are taken rarest first (MaxScore): once the weight still to come cannot lift a new
    procedure to ``MIN_RELATIVE_COVERAGE`` of the best so far, common words only update
    procedures already found instead of adding thousands of hopeless ones."""
    ordered = sorted(terms, key=lambda t: t.weight, reverse=True)
    remaining = sum(t.weight for t in ordered)
    query_acc: dict[int, float] = {}
    name_acc: dict[int, float] = {}
    best = 0.0
    for term in ordered:
        weight, matches = term.weight, term.matches
        open_new = remaining >= MIN_RELATIVE_COVERAGE * best
        remaining -= weight
        if open_new:
            pairs: Iterable[tuple[int, tuple[float, float]]] = matches.items()
        elif len(query_acc) < len(matches):
            pairs = [(doc, matches[doc]) for doc in query_acc if doc in matches]
        else:
            pairs = [(doc, m) for doc, m in matches.items() if doc in query_acc]
        query_get, name_get = query_acc.get, name_acc.get
        for doc, (quality, word_idf) in pairs:
            value = query_get(doc, 0.0) + weight * quality
            query_acc[doc] = value
            name_acc[doc] = name_get(doc, 0.0) + word_idf
            if value > best:
                best = value
    return query_acc, name_acc


def _positions(where: dict[str, list[int]], expansions: dict[str, float]) -> set[int]:
    """Positions in a name (``where``: word → positions) of any of a term's words."""
    if len(expansions) <= len(where):
        return {p for w in expansions if w in where for p in where[w]}
    return {p for w, found in where.items() if w in expansions for p in found}


def _sorted_hits(hits: list[SearchHit]) -> list[SearchHit]:
    return sorted(hits, key=lambda h: (h.stopped, -h.score, len(h.name), h.code))


def _bundled_aliases() -> AliasTable:
    try:
        return AliasTable.load()
    except FileNotFoundError:
        return AliasTable([])
