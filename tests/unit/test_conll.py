"""The CoNLL reader: sentences, documents, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import DataFormatError
from app.ner.conll import chunk_documents, parse_conll, read_conll, sentences_of, tokens_and_tags


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "data.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_docstart_starts_documents(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "-DOCSTART- O\n\nزار O\nبغداد B-LOC\n\nقال O\n\n-DOCSTART- O\n\nجو B-PERS\nبايدن I-PERS\n",
    )
    docs = read_conll(p)
    assert docs == [
        [[("زار", "O"), ("بغداد", "B-LOC")], [("قال", "O")]],
        [[("جو", "B-PERS"), ("بايدن", "I-PERS")]],
    ]


def test_no_docstart_is_chunked(tmp_path: Path) -> None:
    text = "".join(f"كلمة{i} O\n\n" for i in range(7))
    p = _write(tmp_path, text)
    docs = read_conll(p, sentences_per_doc=3)
    assert [len(d) for d in docs] == [3, 3, 1]
    assert read_conll(p, sentences_per_doc=None) == [sentences_of(docs)]


def test_crlf_bom_and_extra_columns() -> None:
    docs = parse_conll(["\ufeffفي O\r\n", "مصر x B-LOC\r\n", "\r\n"])
    assert docs == [[[("في", "O"), ("مصر", "B-LOC")]]]
    toks, tags = tokens_and_tags(sentences_of(docs))
    assert toks == [["في", "مصر"]] and tags == [["O", "B-LOC"]]


def test_other_corpora_type_names_and_bioes_are_read_as_anercorp_bio() -> None:
    lines = [
        "قال O\n",
        "كيري S-PER\n",
        "في O\n",
        "وزارة B-ORGANIZATION\n",
        "الخارجية E-ORGANIZATION\n",
        "في O\n",
        "نيو B-LOCATION\n",
        "يورك L-LOCATION\n",
        "بمقر U-NORP\n",
        "بغداد U-GPE\n",  # OntoNotes' countries and cities are ANERcorp's places
        "\n",
    ]
    (sent,) = sentences_of(parse_conll(lines))
    assert [tag for _, tag in sent] == [
        "O",
        "B-PERS",
        "O",
        "B-ORG",
        "I-ORG",
        "O",
        "B-LOC",
        "I-LOC",
        "B-NORP",
        "B-LOC",
    ]


def test_missing_tag_names_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "في O\n\nمصر\n")
    with pytest.raises(DataFormatError, match="line 3"):
        read_conll(p)


def test_io_tags_lower_case_and_underscores_are_read_as_bio() -> None:
    # the IO scheme: a bare type; the scorer reads I- after O (or another type) as a name's start
    (io,) = sentences_of(parse_conll(["قال O\n", "جون PER\n", "كيري PER\n", "في O\n", "واشنطن GPE\n"]))
    assert [tag for _, tag in io] == ["O", "I-PERS", "I-PERS", "O", "I-LOC"]
    # lower case, and an underscore for the dash
    (low,) = sentences_of(parse_conll(["قال o\n", "جون b-per\n", "كيري I_PER\n", "في O\n", "واشنطن b_loc\n"]))
    assert [tag for _, tag in low] == ["O", "B-PERS", "I-PERS", "O", "B-LOC"]


def test_bad_tag_names_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "في O\nمصر مدينة\n")  # a word where the tag goes (a bare LOC is the IO scheme)
    with pytest.raises(DataFormatError, match="line 2"):
        read_conll(p)
    with pytest.raises(DataFormatError, match="line 1"):
        read_conll(_write(tmp_path, "مصر X-LOC\n"))
    with pytest.raises(DataFormatError, match="line 1"):
        read_conll(_write(tmp_path, "مصر S-\n"))


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="does not exist"):
        read_conll(tmp_path / "nope.txt")
    p = tmp_path / "bin.txt"
    p.write_bytes(b"\xff\xfe\x00bad O\n")
    with pytest.raises(DataFormatError, match="UTF-8"):
        read_conll(p)


def test_chunk_rejects_zero() -> None:
    with pytest.raises(ValueError):
        chunk_documents([], 0)


def test_reads_anercorp(anercorp_path: Path) -> None:
    docs = read_conll(anercorp_path)
    sents = sentences_of(docs)
    assert len(sents) > 3000
    assert all(tag == "O" or tag[:2] in ("B-", "I-") for s in sents for _, tag in s)
