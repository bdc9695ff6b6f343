"""Turn the bytes of a text file into a string, guessing its encoding the way a person would.

Order: a byte-order mark decides; then strict UTF-8; then UTF-16 without a BOM (NUL bytes all on one
side); then charset-normalizer's guesses together with Windows-1256 and ISO-8859-6, and of those the
candidate whose text looks most like real writing wins (most Arabic letters, fewest control characters
and stray symbols). charset-normalizer alone confuses cp1256, ISO-8859-6 and their cousins on short
Arabic text, which this check catches.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from app.core.errors import ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Single-byte encodings that Arabic text is found in, tried whatever charset-normalizer says.
ARABIC_FALLBACKS: tuple[str, ...] = ("cp1256", "iso8859_6")

# How the status bar names an encoding (by Python's canonical codec name); others are upper-cased.
_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "cp1256": "Windows-1256",
    "iso8859-6": "ISO-8859-6",
}


def encoding_label(name: str) -> str:
    """A reader-friendly name of the encoding `name` ("cp1256" -> "Windows-1256")."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    return _LABELS.get(canonical, canonical.upper())


# Magic numbers of common non-text files: (prefix, offset, what it is).
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\x7fELF", 0, "a program (ELF executable)"),
    (b"MZ", 0, "a Windows program"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"BZh", 0, "a bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"OggS", 0, "an Ogg audio/video file"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"fLaC", 0, "a FLAC audio file"),
    (b"ftyp", 4, "an MP4/MOV video or HEIC image"),
    (b"WEBP", 8, "a WebP image"),
    (b"WAVE", 8, "a WAV audio file"),
    (b"AVI ", 8, "an AVI video"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"\x00\x00\x01\x00", 0, "an icon file"),
)


def sniff_binary(data: bytes) -> str | None:
    """What kind of non-text file `data` is ("a PNG image"...), or None if it could be text.

    Text in UTF-16/32 (with a BOM, or UTF-16 whose NUL bytes all sit on one side) is text.
    """
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return what
    if b"\x00" in data[:65536]:
        if any(data.startswith(bom) for bom, _ in _BOMS):
            return None
        if _utf16_without_bom(data) is not None:
            return None
        return "a binary file (it contains NUL bytes)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes appear only at odd/even offsets and the text decodes."""
    if len(data) % 2:
        return None
    head = data[:65536]
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        # ASCII characters (spaces, newlines, Latin) give one NUL per code unit; there must be some.
        if other == 0 and zeros * 20 >= len(head) // 2:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _score(text)[0] > 0.5:
                return enc
    return None


def _is_arabic_letter(ch: str) -> bool:
    cp = ord(ch)
    return 0x0621 <= cp <= 0x064A or 0x0671 <= cp <= 0x06D3 or 0x0750 <= cp <= 0x077F


_SAMPLE = 64 * 1024


def _score(text: str) -> tuple[float, float, float]:
    """(plausibility 0..1, share of Arabic letters among letters, share of control characters).

    A long text is judged on three 64k-character samples (start, middle, end) to stay fast."""
    if not text:
        return 0.0, 0.0, 0.0
    if len(text) > _SAMPLE * 3:
        mid = len(text) // 2
        text = text[:_SAMPLE] + text[mid : mid + _SAMPLE] + text[-_SAMPLE:]
    letters = arabic = control = 0
    odd = 0.0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if _is_arabic_letter(ch):
                arabic += 1
            elif ord(ch) > 0x24F and not _is_arabic_letter(ch):
                # Letters outside Latin/Arabic: plausible, but a sign of a wrong guess in a mix.
                odd += 1.0
        elif ch in "\n\r\t":
            continue
        else:
            cat = unicodedata.category(ch)
            if cat in ("Cc", "Cs", "Co", "Cn") or ch == "\ufffd":
                control += 1
            elif cat in ("So", "Sk", "Sc") and ord(ch) > 0x7F:
                odd += 0.5
    n = len(text)
    arabic_share = arabic / letters if letters else 0.0
    control_share = control / n
    letter_share = letters / n
    # Accented Latin letters in a mostly Arabic text are what a wrong single-byte guess produces.
    accented = sum(1 for ch in text if 0xC0 <= ord(ch) <= 0x24F)
    accented_share = accented / letters if letters else 0.0
    # A word that switches between Arabic and Latin letters ("cafى") is a wrong guess.
    switches = 0
    prev = ""
    for ch in text:
        if ch.isalpha():
            if prev and _is_arabic_letter(prev) != _is_arabic_letter(ch):
                switches += 1
            prev = ch
        else:
            prev = ""
    plausibility = (
        min(letter_share / 0.5, 1.0)
        - 4 * control_share
        - (odd / letters if letters else 0.0)
        - (accented_share if arabic_share > 0.2 or accented_share > 0.25 else 0.0)
        - (10 * switches / letters if letters else 0.0)
    )
    return plausibility, arabic_share, control_share


# Characters `str.isprintable` rejects that `_score` does not count as control characters: tab and
# line breaks, spaces (Zs, Zl, Zp) and the usual format characters (Cf: soft hyphen, Arabic letter
# mark, zero-width (non-)joiners, direction marks and isolates, BOM).
_NOT_CONTROL = re.compile(
    "[\t\n\r\u00a0\u00ad\u061c\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff]+"
)


def _no_control_characters(text: str) -> bool:
    """True when `text` has none of what `_score` counts as a control character (fast, in C).

    False means "maybe": the caller then counts them with `_score`.
    """
    return "\ufffd" not in text and _NOT_CONTROL.sub("", text).isprintable()


def rank_text(text: str) -> tuple[float, float]:
    """How much `text` looks like real writing (higher is better); used to choose between decodings."""
    plausibility, arabic_share, control_share = _score(text)
    return arabic_share - 4 * control_share + plausibility, plausibility


def _looks_like_broken_utf8(data: bytes) -> int | None:
    """Byte offset of the first bad byte when `data` is mostly valid UTF-8 with some damage."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bad and good >= 10 and good >= 4 * bad:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            return err.start
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data` to text; return (text, name of the encoding used).

    Raises ReadError (without a file name: callers add it) when the bytes are not text in any
    encoding Qari knows.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc.replace("-sig", "")), enc
            except UnicodeDecodeError as err:
                raise ReadError(
                    f"it starts with a {enc} byte-order mark but has invalid bytes at offset "
                    f"{err.start + len(bom)}; re-save it as UTF-8"
                ) from err
    enc16 = _utf16_without_bom(data) if b"\x00" in data else None
    if enc16 is not None:
        return data.decode(enc16), enc16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Valid UTF-8 is text unless control characters make up a good part of it.
        if not _no_control_characters(text) and _score(text)[2] > 0.1:
            raise ReadError("it contains many control characters and does not look like text")
        return text, "utf-8"
    bad_at = _looks_like_broken_utf8(data)
    if bad_at is not None:
        raise ReadError(
            f"it is UTF-8 text with invalid bytes (the first at byte {bad_at}), maybe cut or damaged; "
            "re-save it as UTF-8 from the program that made it"
        )

    candidates: dict[str, str] = {}
    try:
        from charset_normalizer import from_bytes

        for match in list(from_bytes(data[: 1024 * 1024]))[:5]:
            enc = match.encoding
            try:
                candidates.setdefault(enc, data.decode(enc))
            except (UnicodeDecodeError, LookupError):
                continue
    except Exception:  # pragma: no cover - charset-normalizer failing is not fatal: fallbacks follow
        pass
    for enc in ARABIC_FALLBACKS:
        try:
            candidates.setdefault(enc, data.decode(enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise ReadError("its bytes are not text in UTF-8, UTF-16, Windows-1256 or ISO-8859-6")
    best_enc, best_text = max(candidates.items(), key=lambda kv: rank_text(kv[1]))
    plausibility, _, control_share = _score(best_text)
    if control_share > 0.02 or plausibility < 0.2:
        raise ReadError(
            "its bytes do not decode to readable text in any encoding Qari knows "
            "(UTF-8, UTF-16, Windows-1256, ISO-8859-6); it may be a binary file"
        )
    return best_text, best_enc
