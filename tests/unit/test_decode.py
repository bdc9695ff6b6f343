"""Encoding detection: BOMs, strict UTF-8, UTF-16 without BOM, and the Arabic single-byte encodings."""

from __future__ import annotations

import codecs

import pytest

from app.core.errors import ReadError
from app.text.decode import decode_bytes, sniff_binary
from app.text.normalize import is_arabic

SHORT_ARABIC = [
    "قال الرئيس",
    "ضد الإرهاب.",
    "شظايا سقطت على المنزل",
    "وزارة الخارجية الأمريكية",
    "من جهته أعلن رئيس الوزراء العراقي",
]


@pytest.mark.parametrize(
    ("prefix", "codec", "expected"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (b"", "cp1256", "cp1256"),
        (b"", "iso8859_6", "iso8859_6"),
    ],
)
def test_seed_in_every_encoding(seed_text: str, prefix: bytes, codec: str, expected: str) -> None:
    text, encoding = decode_bytes(prefix + seed_text.encode(codec))
    assert text == seed_text
    assert codecs.lookup(encoding).name == codecs.lookup(expected).name


@pytest.mark.parametrize("sentence", SHORT_ARABIC)
@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6"])
def test_short_arabic_not_confused_between_cp1256_and_iso8859_6(sentence: str, codec: str) -> None:
    text, encoding = decode_bytes(sentence.encode(codec))
    assert text == sentence, (encoding, text)


def test_bom_is_removed_and_utf8_sig_named() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + "بغداد\n".encode())
    assert text == "بغداد\n"
    assert encoding == "utf-8-sig"


def test_utf16_without_bom_is_recognised() -> None:
    sample = "قال المصدر: Hello, world 2021\nسطر ثان\n"
    for codec in ("utf-16-le", "utf-16-be"):
        data = sample.encode(codec)
        assert sniff_binary(data) is None
        assert decode_bytes(data) == (sample, codec)


def test_latin_text_in_a_western_codepage_is_not_turned_into_arabic() -> None:
    # Which Western code page it was cannot be told from so few letters; that it is not Arabic can.
    text, _ = decode_bytes("café au lait, déjà vu, naïve résumé".encode("cp1252"))
    assert not is_arabic(text)
    assert text.startswith("café au lait")


def test_damaged_utf8_is_reported_with_its_offset(seed_text: str) -> None:
    data = seed_text.encode("utf-8")
    data = data[:500] + b"\xff\xfe" + data[500:]
    with pytest.raises(ReadError, match=r"invalid bytes \(the first at byte 500\)"):
        decode_bytes(data)


def test_random_bytes_are_not_text() -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(ReadError, match=r"readable text|control characters|invalid bytes"):
        decode_bytes(data)


def test_control_characters_are_not_text() -> None:
    with pytest.raises(ReadError, match="control characters"):
        decode_bytes(bytes(range(1, 9)) * 50)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (b"\xff\xd8\xff\xe0" + b"JFIF", "JPEG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04" + b"\x00" * 10, "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office"),
        (b"\x7fELF\x02\x01", "program"),
        (b"abc\x00\x01\x02\x00\x00\xff", "NUL"),
    ],
)
def test_sniff_binary(data: bytes, what: str) -> None:
    kind = sniff_binary(data)
    assert kind is not None and what in kind


def test_text_is_not_binary(seed_text: str) -> None:
    for codec in ("utf-8", "utf-16", "cp1256"):
        assert sniff_binary(seed_text.encode(codec)) is None
