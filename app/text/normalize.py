"""Arabic normalization, with offsets back into the original text.

The original text is never rewritten: these functions return *views* (a normalized string and, where a
caller needs it, the index in the original of every character of the view).
"""

from __future__ import annotations

import re
import unicodedata

# Tashkeel and Quranic marks, and tatweel: removed.
_DROP = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
# Alef with a hamza or madda: spellings `normalize` folds to a bare ا.
HAMZA_ALEFS = frozenset("أإآ")
# The hyphen and the en dash, as a token and between names (كيم جونغ - أون).
HYPHENS = frozenset("-–")
# Letter folding: one character to one character, so offsets are kept.
# The Persian keyboard's yeh and kaf, which some write Arabic with, and Arabic's letters for them.
PERSIAN_YEH, PERSIAN_KAF = "\u06cc", "\u06a9"
PERSIAN_LETTERS = {PERSIAN_YEH: "ي", PERSIAN_KAF: "ك"}
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", **PERSIAN_LETTERS})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06D5]")

# Proclitics, longest first: conjunction + preposition + article combinations.
PROCLITICS: tuple[str, ...] = (
    "وبال",
    "وكال",
    "فبال",
    "وللـ",
    "ولل",
    "فلل",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)


def normalize(text: str) -> str:
    """Fold alef forms, alef maksura, teh marbuta; drop tashkeel and tatweel; ASCII digits."""
    return "".join(ch for ch in text if ch not in _DROP).translate(_FOLD).translate(_DIGITS)


_FOLD_KEEP_HAMZA = {k: v for k, v in _FOLD.items() if chr(k) not in HAMZA_ALEFS}


def normalize_keep_hamza(text: str) -> str:
    """`normalize`, but keeping أ إ آ apart from ا: بأول "at the first" is not باول (Powell)."""
    return "".join(ch for ch in text if ch not in _DROP).translate(_FOLD_KEEP_HAMZA).translate(_DIGITS)


# Tanween (the indefinite case endings "an", "un", "in") and the other short vowels, shadda, sukun
TANWEEN = frozenset("\u064b\u064c\u064d")
HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653))
# Everything `normalize` drops: tashkeel, Quranic marks, tatweel
MARKS_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")


def tanween_only(word: str) -> bool:
    """Whether the word's only short-vowel mark is a tanween at its end (روسياً, سياسياً, بديلاً,
    باكرًا): an indefinite word, written with its case ending and no other vowel as news writes
    adverbs and accusatives. A fully vowelled word (مُفْرَحٌ of a poem) has other marks too, and a
    tanween inside a word is a slip of the keyboard (سلطنة عٌمان)."""
    marks = [c for c in word if c in HARAKAT]
    end = word.rstrip("اى")  # روسيًا writes the tanween before the alif, روسياً after it
    return bool(marks) and all(c in TANWEEN for c in marks) and (word[-1:] in TANWEEN or end[-1:] in TANWEEN)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` and, for each of its characters, the index of that character in `text`."""
    kept = [(i, ch) for i, ch in enumerate(text) if ch not in _DROP]
    view = "".join(ch for _, ch in kept).translate(_FOLD).translate(_DIGITS)
    return view, [i for i, _ in kept]


def view_span_to_original(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a `[start, end)` span of a normalized view back to the original text."""
    if not (0 <= start < end <= len(offsets)):
        raise ValueError(f"span ({start}, {end}) outside view of length {len(offsets)}")
    return offsets[start], offsets[end - 1] + 1


def fold_presentation_forms(text: str) -> str:
    """Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to base letters (NFKC on those only)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFE:
            # Isolated tashkeel forms (U+FE70, FE72...) decompose to a space + the mark: keep only the mark.
            out.append(unicodedata.normalize("NFKC", ch).lstrip(" "))
        else:
            out.append(ch)
    return "".join(out)


def strip_proclitics(word: str, min_stem: int = 2) -> list[str]:
    """Candidate stems of `word` with one proclitic group removed, longest prefix first.

    `normalize` the word first. `لواشنطن` gives `["واشنطن"]`; `والعراق` gives `["عراق", "العراق"]`...
    The definite article is kept as an alternative so `بالعراق` yields `العراق` too.
    """
    out: list[str] = []
    for pre in PROCLITICS:
        if word.startswith(pre) and len(word) - len(pre) >= min_stem:
            stem = word[len(pre) :]
            if stem not in out:
                out.append(stem)
            if pre.endswith("ال") and len(pre) > 2:
                with_al = "ال" + stem
                if with_al not in out:
                    out.append(with_al)
            if pre in ("لل", "ولل", "فلل"):
                with_al = "ال" + stem
                if with_al not in out:
                    out.append(with_al)
    return out


def is_arabic(text: str) -> bool:
    return ARABIC_LETTER_RE.search(text) is not None


# The Arabic names of Latin letters, normalized: acronyms (بي بي سي "BBC", إف بي آي "FBI") are
# spelled with them (`app.ner.bundled.tidy_names`), and a dot after one before another ends no
# sentence (بي. بي. سي: `app.text.tokenize.split_sentences`).
LETTER_NAMES = frozenset(
    normalize(w)
    for w in [
        *("إيه", "آيه", "بي", "سي", "دي", "إي", "إف", "أف", "جي", "إتش", "أتش", "آي", "أي", "كي"),
        *("إل", "أل", "إم", "أم", "إن", "أن", "أو", "كيو", "آر", "إس", "أس", "تي", "يو", "في"),
        *("دبليو", "إكس", "واي", "زد"),
    ]
)
