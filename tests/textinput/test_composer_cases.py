"""Table-driven Telex and VNI cases: what a resident types → what the field shows."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.textinput import Method, Tone, append_letter, apply_key, apply_tone, type_keys

TELEX = [
    # the examples
    ("tieengs", "tiếng"),
    ("dduwowngf", "đường"),
    ("hoaf", "hòa"),
    ("Nguyeenx", "Nguyễn"),
    ("Khanhs Hoaf", "Khánh Hòa"),
    ("thuowngr", "thưởng"),
    ("quoocs", "quốc"),
    ("giaays", "giấy"),
    ("giaas", "giấ"),  # no y typed: "giấy" needs "giaays"
    ("ddaajy", "đậy"),  # the tone stays on â when y follows
    ("DDAWNG", "ĐĂNG"),
    # letters with marks
    ("aa", "â"),
    ("aw", "ă"),
    ("ee", "ê"),
    ("oo", "ô"),
    ("ow", "ơ"),
    ("uw", "ư"),
    ("uow", "ươ"),
    ("dd", "đ"),
    ("w", "ư"),
    ("tw", "tư"),
    ("nhwngx", "những"),
    ("muaw", "mưa"),
    ("xoawn", "xoăn"),
    ("nguwowif", "người"),
    ("ruwowuj", "rượu"),
    ("khuyeens", "khuyến"),
    ("yeeu", "yêu"),
    ("Vieetj Nam", "Việt Nam"),
    ("Ddaij hocj", "Đại học"),
    ("xooong", "xoong"),
    # tone placement (traditional: hòa, thúy, khỏe) and the qu / gi clusters
    ("thuys", "thúy"),
    ("khoer", "khỏe"),
    ("ngoaif", "ngoài"),
    ("khuyur", "khuỷu"),
    ("muaf", "mùa"),
    ("quys", "quý"),
    ("quaf", "quà"),
    ("quyeenr", "quyển"),
    ("quow", "quơ"),
    ("gif", "gì"),
    ("gifn", "gìn"),
    ("giuwx", "giữ"),
    ("giuwxa", "giữa"),
    ("giuwowngf", "giường"),
    # the tone moves as the word grows; marks and tones may come late
    ("hoafn", "hoàn"),
    ("hoanf", "hoàn"),
    ("tiesng", "tiéng"),
    ("tiesnge", "tiếng"),
    ("tuongw", "tương"),
    ("dongd", "đong"),
    ("dduwowfng", "đường"),
    ("thuowr", "thuở"),
    ("uwong", "ương"),
    # changing and removing the tone
    ("asf", "à"),
    ("asz", "a"),
    ("hoafz", "hoa"),
    ("az", "az"),
    # undo: the same key again gives the letters back
    ("ass", "as"),
    ("asss", "ass"),
    ("aff", "af"),
    ("aaa", "aa"),
    ("aaaa", "aaa"),
    ("aww", "aw"),
    ("ddd", "dd"),
    ("tuww", "tuw"),
    ("uoww", "uow"),
    ("ww", "ww"),
    # not Vietnamese: typed as it is
    ("www", "www"),
    ("email", "email"),
    ("class", "class"),
    ("Facebook", "Facebook"),
    ("zalo", "zalo"),
    ("2024", "2024"),
    ("hocf", "hocf"),  # a stop coda takes only sắc or nặng
    ("abc@gmail.com", "abc@gmail.com"),
    # capitals kept
    ("VIEETJ", "VIỆT"),
    ("HOAF", "HÒA"),
    ("Dd", "Đ"),
    ("KHANHS HOAF", "KHÁNH HÒA"),
    ("Ww", "Ww"),
]

VNI = [
    ("tie6ng1", "tiếng"),
    ("d9u7o7ng2", "đường"),
    ("hoa2", "hòa"),
    ("Vie6t5 Nam", "Việt Nam"),
    ("Nguye6n4", "Nguyễn"),
    ("Kha1nh Hoa2", "Khánh Hòa"),
    ("ngu7o7i2", "người"),
    ("thu7o7ng3", "thưởng"),
    ("quo6c1", "quốc"),
    ("gia6y1", "giấy"),
    ("qua8ng", "quăng"),
    ("D9A8NG", "ĐĂNG"),
    ("Ca1c", "Các"),
    ("hoa2n", "hoàn"),
    ("a12", "à"),
    ("a10", "a"),
    ("a11", "a1"),
    ("a111", "a11"),
    ("a66", "a6"),
    ("d99", "d9"),
    ("u77", "u7"),
    ("a0", "a0"),
    ("2024", "2024"),
    ("Phong2 203", "Phòng 203"),
]


@pytest.mark.parametrize(("keys", "expected"), TELEX)
def test_telex(keys: str, expected: str) -> None:
    assert type_keys(keys, Method.TELEX) == expected


@pytest.mark.parametrize(("keys", "expected"), VNI)
def test_vni(keys: str, expected: str) -> None:
    assert type_keys(keys, Method.VNI) == expected


@pytest.mark.parametrize(("keys", "expected"), TELEX + VNI)
def test_table_is_nfc(keys: str, expected: str) -> None:
    """An editor that saved this file as NFD would make the comparisons above meaningless."""
    assert unicodedata.is_normalized("NFC", expected)


def test_off_types_keys_as_they_are() -> None:
    assert type_keys("tieengs", Method.OFF) == "tieengs"
    assert apply_key("hoa", "f", "off") == "hoaf"


def test_word_level_api_accepts_nfd_words() -> None:
    nfd = unicodedata.normalize("NFD", "tiê")
    assert apply_key(nfd, "s", Method.TELEX) == "tiế"


@pytest.mark.parametrize(
    ("word", "tone", "expected"),
    [
        ("hoa", Tone.HUYEN, "hòa"),
        ("tieng", Tone.SAC, "tiéng"),
        ("tiêng", Tone.SAC, "tiếng"),
        ("Nguyên", Tone.NGA, "Nguyễn"),
        ("hòa", Tone.SAC, "hóa"),
        ("hòa", Tone.NONE, "hoa"),
        ("hòa", Tone.HUYEN, "hòa"),
        ("thương", Tone.HOI, "thưởng"),
        ("hoc", Tone.NANG, "học"),
        ("hoc", Tone.HUYEN, None),
        ("bcd", Tone.SAC, None),
        ("email", Tone.SAC, None),
        ("", Tone.SAC, None),
    ],
)
def test_apply_tone(word: str, tone: Tone, expected: str | None) -> None:
    assert apply_tone(word, tone) == expected


@pytest.mark.parametrize(
    ("word", "letter", "expected"),
    [
        ("hòa", "n", "hoàn"),
        ("uơ", "n", "ươn"),
        ("thuơ", "n", "thươn"),
        ("ho", "a", "hoa"),
        ("hòa", "b", "hòab"),
        ("HÒA", "N", "HOÀN"),
    ],
)
def test_append_letter(word: str, letter: str, expected: str) -> None:
    assert append_letter(word, letter) == expected
