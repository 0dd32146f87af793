"""Hypothesis properties of the composer: NFC out, nothing invented, real syllables round-trip."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.text import fold
from kiosk.textinput import Method, Tone, apply_tone, type_keys

# Real rhymes (nucleus + coda) and initials; "gi"/"qu" and the rare "oo" are in the tables.
_RHYMES = (
    "a ai am an ang anh ao ap at au ay ac ach ăm ăn ăng ăp ăt ăc âm ân âng âp ât âc âu ây "
    "e em en eng eo ep et ec ê êm ên ênh êp êt êch êu i ia im in inh ip it ich iu iêm iên "
    "iêng iêp iêt iêc iêu o oa oac oach oai oan oang oanh oat oay oăc oăm oăn oăng oăt oc "
    "oe oen oet oi om on ong op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u ua uân uâng "
    "uât uây uc uê uêch uênh ui um un ung uôc uôi uôm uôn uông uôt up ut uy uya uych uyên "
    "uyêt uyn uynh uyt uyu ư ưa ưc ưi ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu"
)
RHYMES = _RHYMES.split(" ")
_INITIALS = "b c ch d đ g gh h k kh l m n ng ngh nh p ph r s t th tr v x"
INITIALS = [*_INITIALS.split(" "), ""]
TONE_MARKS = {
    Tone.SAC: "\u0301",
    Tone.HUYEN: "\u0300",
    Tone.HOI: "\u0309",
    Tone.NGA: "\u0303",
    Tone.NANG: "\u0323",
}
TELEX_LETTERS = {"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
VNI_LETTERS = {"â": "a6", "ă": "a8", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}
TELEX_TONES = {
    Tone.NONE: "",
    Tone.SAC: "s",
    Tone.HUYEN: "f",
    Tone.HOI: "r",
    Tone.NGA: "x",
    Tone.NANG: "j",
}
VNI_TONES = {tone: str(int(tone)) if tone else "" for tone in Tone}


def _allowed(initial: str, rhyme: str, tone: Tone) -> bool:
    stop = rhyme.endswith(("c", "ch", "p", "t"))
    if stop and tone not in (Tone.SAC, Tone.NANG):
        return False
    return not (initial == "g" and rhyme.startswith("i"))  # that is the "gi" cluster


syllables = st.tuples(
    st.sampled_from(INITIALS), st.sampled_from(RHYMES), st.sampled_from(list(Tone)), st.booleans()
).filter(lambda s: _allowed(s[0], s[1], s[2]))


def _spell(initial: str, rhyme: str, tone: Tone, capital: bool) -> str:
    """The syllable written out, with apply_tone's placement (checked against the tables)."""
    word = initial + rhyme
    word = word[:1].upper() + word[1:] if capital else word
    toned = apply_tone(word, tone)
    assert toned is not None
    return toned


def _keys(word: str, letters: dict[str, str], tones: dict[Tone, str], tone: Tone) -> str:
    plain = unicodedata.normalize(
        "NFC",
        "".join(ch for ch in unicodedata.normalize("NFD", word) if ch not in TONE_MARKS.values()),
    )
    out = []
    for ch in plain:
        keys = letters.get(ch.lower(), ch.lower())
        out.append(keys[0].upper() + keys[1:] if ch.isupper() else keys)
    return "".join(out) + tones[tone]


@given(syllables)
def test_telex_keys_of_a_real_syllable_give_it_back(parts: tuple[str, str, Tone, bool]) -> None:
    word = _spell(*parts)
    keys = _keys(word, TELEX_LETTERS, TELEX_TONES, parts[2])
    assert type_keys(keys, Method.TELEX) == word
    assert fold(type_keys(keys, Method.TELEX)) == fold(word)


@given(syllables)
def test_vni_keys_of_a_real_syllable_give_it_back(parts: tuple[str, str, Tone, bool]) -> None:
    word = _spell(*parts)
    keys = _keys(word, VNI_LETTERS, VNI_TONES, parts[2])
    assert type_keys(keys, Method.VNI) == word


@given(syllables)
def test_folding_a_composed_word_gives_its_plain_letters(
    parts: tuple[str, str, Tone, bool],
) -> None:
    initial, rhyme, tone, _ = parts
    keys = _keys(_spell(*parts), TELEX_LETTERS, TELEX_TONES, tone)
    plain = (initial + rhyme).replace("đ", "d")
    plain = "".join(TELEX_LETTERS.get(ch, ch)[0] for ch in plain)
    assert fold(type_keys(keys, Method.TELEX)) == plain


def _is_subsequence(small: str, big: str) -> bool:
    letters = iter(big)
    return all(ch in letters for ch in small)


key_strings = st.text(alphabet="adeowsfrxjzuiyngthcbqADEOWSFRXJ 0123456789.@", max_size=30)


@given(key_strings, st.sampled_from(list(Method)))
def test_any_keys_give_nfc_and_invent_no_letter(keys: str, method: Method) -> None:
    text = type_keys(keys, method)
    assert unicodedata.is_normalized("NFC", text)
    # a lone Telex w is a "ư": it may come out as u (folded) or stay a w
    assert _is_subsequence(fold(text), fold(keys).replace("w", "uw"))


@given(st.text(alphabet="bcghiklmnpqtuvy BCGHIKLMNPQTUVY.,", max_size=30))
def test_keys_without_telex_meaning_are_typed_as_they_are(keys: str) -> None:
    assert type_keys(keys, Method.TELEX) == keys


@given(st.text(max_size=20), st.sampled_from(list(Method)))
def test_any_text_is_accepted(keys: str, method: Method) -> None:
    assert unicodedata.is_normalized("NFC", type_keys(unicodedata.normalize("NFC", keys), method))
