"""The tokenizer: exact offsets whatever the text, and camel-tools' simple_word_tokenize splits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.tokenize import split_sentences, tokenize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉçñ")
DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩")
PUNCT = list("،؛؟.,;:!?\"'«»()[]{}-–—_/\\%@#&*+=…")
SPACES = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000"]
EMOJI = ["😀", "👍🏽", "🇮🇶", "👨\u200d👩\u200d👧", "❤\ufe0f", "\u200c", "\u200f"]

pieces = st.lists(
    st.sampled_from(ARABIC_LETTERS + TASHKEEL + LATIN + DIGITS + PUNCT + SPACES + EMOJI),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(pieces, st.integers(min_value=0, max_value=1000))
def test_tokens_are_exact_ordered_and_lose_only_whitespace(text: str, offset: int) -> None:
    tokens = tokenize(text)
    covered = [False] * len(text)
    prev_end = 0
    for tok in tokens:
        assert tok.text
        assert text[tok.start : tok.end] == tok.text
        assert prev_end <= tok.start < tok.end
        assert not any(ch.isspace() for ch in tok.text)
        prev_end = tok.end
        for i in range(tok.start, tok.end):
            covered[i] = True
    lost = "".join(ch for ch, c in zip(text, covered, strict=True) if not c)
    assert lost.strip() == "", repr(lost)
    shifted = tokenize(text, offset=offset)
    assert [(t.text, t.start - offset, t.end - offset) for t in shifted] == [
        (t.text, t.start, t.end) for t in tokens
    ]


def test_concrete_splits() -> None:
    text = 'وقال المصدر لـ"السومرية نيوز"، إن منظومة C-RAM فشلت (واع) في 2021/07/29 بنسبة 85%.'
    assert [t.text for t in tokenize(text)] == [
        "وقال", "المصدر", "لـ", '"', "السومرية", "نيوز", '"', "،", "إن", "منظومة", "C", "-", "RAM",
        "فشلت", "(", "واع", ")", "في", "2021", "/", "07", "/", "29", "بنسبة", "85", "%", ".",
    ]  # fmt: skip


def test_diacritics_stay_inside_words() -> None:
    text = "وَقَالَ الرَّئِيسُ كتابًا"
    assert [t.text for t in tokenize(text)] == ["وَقَالَ", "الرَّئِيسُ", "كتابًا"]


def test_offsets_into_a_paragraph() -> None:
    article = "سطر أول\nقال الرئيس"
    second = article.index("قال")
    tokens = tokenize(article[second:], offset=second)
    assert [article[t.start : t.end] for t in tokens] == ["قال", "الرئيس"]


def test_split_sentences() -> None:
    tokens = tokenize("قال الرئيس. هل انتهى الاجتماع؟ نعم! وأضاف")
    sentences = [[t.text for t in s] for s in split_sentences(tokens)]
    assert sentences == [["قال", "الرئيس", "."], ["هل", "انتهى", "الاجتماع", "؟"], ["نعم", "!"], ["وأضاف"]]


def test_a_dot_inside_a_number_or_an_abbreviation_ends_no_sentence() -> None:
    text = "ارتفع 3.5 بالمئة، وقالت (بي.بي.سي) و(أ.ف.ب) ود.محمد إن U.S.A تعافت. ثم وافقت.وقال"
    sentences = [[t.text for t in s] for s in split_sentences(tokenize(text))]
    assert [s[-1] for s in sentences] == [".", ".", "وقال"]
    assert sentences[0][:4] == ["ارتفع", "3", ".", "5"]
    # a dot after a longer word with no space after it still ends the sentence (وافقت.وقال)
    assert sentences[1] == ["ثم", "وافقت", "."]
    # spaced on both sides, the dot ends the sentence even between letters
    assert len(split_sentences(tokenize("قال بي . بي"))) == 2


def test_a_dot_between_spaced_letters_of_an_acronym_ends_no_sentence() -> None:
    text = "وقالت قناة بي. بي. سي إن د. محمد العلي وصل. وقالت شبكة (سي. إن. إن) إنه غادر. واتصلت بي. وقال"
    sentences = [" ".join(t.text for t in s) for s in split_sentences(tokenize(text))]
    assert sentences == [
        "وقالت قناة بي . بي . سي إن د . محمد العلي وصل .",
        "وقالت شبكة ( سي . إن . إن ) إنه غادر .",
        # "she called me." ends its sentence: no letter follows the dot
        "واتصلت بي .",
        "وقال",
    ]
    assert len(split_sentences(tokenize("وكالة أ. ف. ب وقالت"))) == 1


def _seed_lines() -> list[str]:
    lines: list[str] = []
    for name in ("000_a8c034b26b330cb6.txt", "mixed_latin.txt"):
        lines += [ln for ln in (SEEDS / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


@pytest.mark.parametrize("line", _seed_lines())
def test_same_tokens_as_camel_tools(line: str) -> None:
    # simple_word_tokenize is a regular expression over character classes: no data, no network.
    from camel_tools.tokenizers.word import simple_word_tokenize

    assert [t.text for t in tokenize(line)] == simple_word_tokenize(line)
