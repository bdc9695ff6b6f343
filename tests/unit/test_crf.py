"""The numpy CRF tagger: Viterbi against brute force, and the same tags as crfsuite's own tagger."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from app.ner import crf
from app.ner.bundled import BundledRecognizer
from app.ner.crf import CrfTagger, viterbi


def _brute_force(scores: np.ndarray, trans: np.ndarray) -> list[int]:
    """The best label sequence by trying them all (the first best one, in lexicographic order)."""
    n, n_labels = scores.shape
    best: tuple[float, tuple[int, ...]] | None = None
    for seq in itertools.product(range(n_labels), repeat=n):
        total = sum(scores[i, y] for i, y in enumerate(seq))
        total += sum(trans[a, b] for a, b in itertools.pairwise(seq))
        if best is None or total > best[0] + 1e-12:
            best = (total, seq)
    assert best is not None
    return list(best[1])


def test_viterbi_finds_the_best_sequence_of_every_sentence_of_a_batch() -> None:
    rng = np.random.default_rng(7)
    for _ in range(30):
        n_labels = int(rng.integers(2, 5))
        lens = rng.integers(1, 6, size=int(rng.integers(1, 7)))
        scores = rng.normal(size=(int(lens.sum()), n_labels))
        trans = rng.normal(size=(n_labels, n_labels)) * 2
        got = viterbi(scores, lens, trans)
        start = 0
        for k, path in zip(lens, got, strict=True):
            want = _brute_force(scores[start : start + k], trans)
            assert path.tolist() == want
            start += k


def test_viterbi_of_no_sentence_is_empty() -> None:
    assert viterbi(np.zeros((0, 3)), np.zeros(0, dtype=np.intp), np.zeros((3, 3))) == []


def test_rows_hold_summed_weights() -> None:
    state = np.vstack([np.zeros(3), np.arange(12, dtype=float).reshape(4, 3)])
    t = CrfTagger(state, np.zeros((3, 3)), ["O", "B-PERS", "I-PERS"], ["a", "b", "c", "d"])
    assert t.attribute_rows == {"a": 1, "b": 2, "c": 3, "d": 4}
    rows = t.rows([(1, 2), (), (4,), (1, 2)])
    assert rows[0] == rows[3] and rows[1] == 0
    assert t._table[rows[0]].tolist() == (state[1] + state[2]).tolist()
    assert t._table[rows[2]].tolist() == state[4].tolist()
    # the table grows past its first size
    keys = [(1, 1 + i % 4, 2) for i in range(3000)] + [(i % 4 + 1,) * (i % 7 + 1) for i in range(3000)]
    many = t.rows(keys)
    assert max(many) < len(t._table)


def _documents(seed_text: str) -> list[list[list[str]]]:
    root = Path(__file__).resolve().parents[2]
    long_text = (root / "seeds" / "long_article.txt").read_text(encoding="utf-8")
    docs = []
    for text in (seed_text, long_text):
        lines = [ln for ln in text.split("\n") if ln.strip()]
        for a in range(0, len(lines), 12):
            docs.append([ln.replace("،", " ، ").replace(".", " . ").split() for ln in lines[a : a + 12]])
    return docs


def test_tags_equal_crfsuites(seed_text: str) -> None:
    rec = BundledRecognizer.load(network=False)  # the CRF alone, as crfsuite tags
    named = 0
    for doc in _documents(seed_text):
        fast = rec.tag_sentences(doc)
        assert fast == rec.reference_tags(doc)
        named += sum(t != "O" for s in fast for t in s)
    assert named > 100


def test_tags_survive_the_row_table_starting_over(seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = BundledRecognizer.load(network=False)
    docs = _documents(seed_text)
    want = [rec.reference_tags(d) for d in docs]
    monkeypatch.setattr(crf, "_MAX_ROWS", 50)
    for _ in range(2):  # the second pass meets words whose rows are from an older table
        assert [rec.tag_sentences(d) for d in docs] == want
    assert rec._crf.generation >= 2


def test_write_arrays_round_trip_stores_what_does_not_deflate(tmp_path: Path) -> None:
    import zipfile

    from app.ner.crf import read_arrays, write_arrays

    rng = np.random.default_rng(0)
    arrays = {
        "noise": rng.integers(-128, 128, size=(500, 100), dtype=np.int8),  # random bytes: no gain
        "zeros": np.zeros((300, 40)),  # deflates to almost nothing
        "names": np.frombuffer(b"a\nb", dtype=np.uint8),
    }
    path = tmp_path / "a.npz"
    write_arrays(path, arrays)
    back = read_arrays(path, "test")
    assert list(back) == list(arrays)
    for k, a in arrays.items():
        assert back[k].dtype == a.dtype and np.array_equal(back[k], a)
    with zipfile.ZipFile(path) as zf:
        kinds = {i.filename: i.compress_type for i in zf.infolist()}
    assert kinds["noise.npy"] == zipfile.ZIP_STORED
    assert kinds["zeros.npy"] == zipfile.ZIP_DEFLATED
    # np.load reads it as any .npz
    with np.load(path) as z:
        assert np.array_equal(z["zeros"], arrays["zeros"])
    # the same arrays, the same bytes (no time stamp in the entries)
    again = tmp_path / "b.npz"
    write_arrays(again, arrays)
    assert again.read_bytes() == path.read_bytes()
