"""The BiLSTM-CRF: numpy at run time computes what torch trained, and marginals are right.

Torch builds a small randomly initialized network here (no training needed to compare the two); the
numpy tagger reads its export and must give the same label scores and the same marginals.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from app.ner.bundled import BundledRecognizer, bio_transitions
from app.ner.crf import viterbi
from app.ner.features import FeatureExtractor, Gazetteer, MemoryLexicon
from app.ner.neural import BiLstmTagger, forward_backward

SENTENCES = [
    ["زار", "الرئيس", "سامر", "الخطيب", "مدينة", "بيروت", "أمس", "."],
    ["وقالت", "وكالة", "الفجر", "إن", "الخطيب", "وصل", "إلى", "بيروت", "عبر", "Paris", "2024", "."],
    ["و"],
    ["ـــ", "بالقاهرة", "والقاهرة"],
]


def _vectors(words: list[str], dim: int = 12) -> SimpleNamespace:
    rng = np.random.default_rng(3)
    return SimpleNamespace(
        index_to_key=words, vectors=rng.standard_normal((len(words), dim)).astype(np.float32), vector_size=dim
    )


@pytest.fixture(scope="module")
def extractor() -> FeatureExtractor:
    gaz = Gazetteer()
    gaz.add("بيروت", "LOC_city")
    gaz.add("سامر", "PERS_first")
    return FeatureExtractor(MemoryLexicon({}, (), gaz))


@pytest.mark.parametrize("with_lm", [False, True], ids=["alone", "with-language-models"])
def test_numpy_network_equals_torch(tmp_path: Path, extractor: FeatureExtractor, with_lm: bool) -> None:
    torch = pytest.importorskip("torch")
    from app.ner.lm_train import LMSettings, export_arrays, lm_states, make_lm
    from app.ner.neural_train import NeuralSettings, export, make_network, prepare, tensors

    st = NeuralSettings(hidden=7, char_dim=5, char_filters=6, feat_dim=4, vocab=6)
    docs = [[[(t, "O") for t in s] for s in SENTENCES]]
    kv = _vectors(["بيروت", "الخطيب", "خطيب", "قاهره", "وكاله", "ان"])
    vocab, data = prepare(extractor, docs, kv, st)
    assert vocab.feats and "BOS" in vocab.feats and any(f.startswith("dg1=") for f in vocab.feats)
    torch.manual_seed(0)
    lm_arrays = None
    if with_lm:  # two small random language models over the same word vectors
        lms = {d: make_lm(vocab.float_vectors(), LMSettings(hidden=5, kind_dim=3), 4) for d in ("f", "b")}
        for s, h in zip(data, lm_states(lms, [s.words for s in data]), strict=True):
            s.lm = h
        lm_arrays = export_arrays(lms)
    net = make_network(vocab, st, lm_dim=10 if with_lm else 0)
    assert (net.lm_proj is not None) == with_lm
    with torch.no_grad():  # make every parameter non-trivial, transitions included
        for p in net.parameters():
            if p.requires_grad:
                p.uniform_(-0.5, 0.5)
        net.cemb.weight[0] = 0.0  # padding rows stay zero, as training keeps them
        net.femb.weight[0] = 0.0
    net.eval()
    wid, cid, clen, fid, _, mask, lm = tensors(data, vocab)
    assert (lm is not None) == with_lm
    with torch.no_grad():
        want = net.emissions(wid, cid, clen, fid, mask, lm).numpy()
    export(net, vocab, tmp_path / "bilstm.npz", lm_arrays)
    tagger = BiLstmTagger.load(tmp_path / "bilstm.npz")
    assert (tagger.lm is not None) == with_lm
    infos = extractor.infos(SENTENCES)
    gms, cues = extractor.context(infos)
    lens = np.array([len(s) for s in SENTENCES])
    got = tagger.emissions(tagger.gate_inputs(infos, gms, cues), lens)
    flat_want = np.concatenate([want[i, :n] for i, n in enumerate(lens)])
    # int8 word vectors are the same in both; float32 sums differ only in rounding
    np.testing.assert_allclose(got, flat_want, rtol=1e-4, atol=1e-4)
    assert (np.abs(flat_want) > 0.05).mean() > 0.5  # the comparison is not of near-zeros
    # the marginals sum to one per token, and the best label of each is a valid BIO sequence
    p = tagger.marginals(infos, gms, cues)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-6)


def _brute_marginals(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    n, k = em.shape
    p = np.zeros((n, k))
    for path in itertools.product(range(k), repeat=n):
        s = start[path[0]] + end[path[-1]] + sum(em[i, y] for i, y in enumerate(path))
        s += sum(trans[a, b] for a, b in itertools.pairwise(path))
        for i, y in enumerate(path):
            p[i, y] += np.exp(s)
    return p / p.sum(axis=1, keepdims=True)


def test_forward_backward_equals_brute_force() -> None:
    rng = np.random.default_rng(5)
    k = 3
    lens = np.array([2, 4, 1, 3])
    scores = rng.standard_normal((lens.sum(), k)) * 2
    trans, start, end = rng.standard_normal((k, k)), rng.standard_normal(k), rng.standard_normal(k)
    got = forward_backward(scores, lens, trans, start, end)
    pos = 0
    for n in lens:
        want = _brute_marginals(scores[pos : pos + n], trans, start, end)
        np.testing.assert_allclose(got[pos : pos + n], want, rtol=1e-9, atol=1e-12)
        pos += n


def test_bio_transitions_allow_only_valid_sequences() -> None:
    labels = ["B-LOC", "O", "I-LOC", "B-PERS", "I-PERS"]
    trans, first = bio_transitions(labels)
    rng = np.random.default_rng(2)
    scores = rng.standard_normal((60, len(labels))) * 3
    scores[:, 2] += 2  # I-LOC tempting everywhere
    lens = np.array([10, 20, 30])
    starts = np.array([0, 10, 30])
    scores[starts] += first
    for path in viterbi(scores, lens, trans):
        tags = [labels[i] for i in path]
        assert not tags[0].startswith("I-")
        for a, b in itertools.pairwise(tags):
            if b.startswith("I-"):
                assert a[2:] == b[2:], (a, b)


def test_shipped_network_tags_the_same_after_its_table_starts_over(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ner import neural
    from app.ner.bundled import BundledRecognizer
    from app.text.tokenize import split_sentences, tokenize

    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    text = (Path(__file__).resolve().parents[2] / "seeds" / "long_article.txt").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()]
    docs = [
        [[t.text for t in s] for line in lines[i : i + 8] for s in split_sentences(tokenize(line)) if s]
        for i in range(0, len(lines), 8)
    ]
    want = [rec.tag_sentences(d) for d in docs]
    assert sum(t.startswith("B-") for d in want for s in d for t in s) > 100
    fresh = BundledRecognizer.load()
    assert fresh.network is not None
    monkeypatch.setattr(neural, "_MAX_ROWS", 50)
    first = fresh.network.generation
    for _ in range(2):  # the second pass meets words whose rows are from an older table
        assert [fresh.tag_sentences(d) for d in docs] == want
    assert fresh.network.generation >= first + 2


def _shipped_with_network(n_lines: int) -> tuple[BundledRecognizer, list[list[str]]]:
    """The shipped recognizer (the test skips when it has no network) and the sentences of the first
    `n_lines` lines of the long sample article."""
    from app.ner.bundled import BundledRecognizer
    from app.text.tokenize import split_sentences, tokenize

    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    text = (Path(__file__).resolve().parents[2] / "seeds" / "long_article.txt").read_text(encoding="utf-8")
    lines = text.split("\n")[:n_lines]
    return rec, [[t.text for t in s] for line in lines for s in split_sentences(tokenize(line)) if s]


def test_a_network_swapped_in_never_reads_rows_cached_by_another() -> None:
    """Words keep the row their network's input table gave them; a network set later (its own,
    empty table) must make its own rows, not read the old network's."""
    rec, doc = _shipped_with_network(60)
    want = rec.tag_sentences(doc)
    assert sum(t.startswith("B-") for s in want for t in s) > 20
    rec.set_network(BiLstmTagger.load(rec.folder / "bilstm.npz"), rec.crf_weight)
    assert rec.tag_sentences(doc) == want


def test_network_alone_needs_no_crf_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """With CRF weight 0 the CRF's scores are never computed, and the labels are those of the
    averaged marginals with the CRF's share vanishingly small."""
    from app.ner.crf import CrfTagger

    rec, doc = _shipped_with_network(40)
    rec.crf_weight = 1e-12
    want = rec.tag_sentences(doc)
    assert sum(t.startswith("B-") for s in want for t in s) > 20

    def no_scores(*args: object, **kwargs: object) -> None:
        raise AssertionError("the CRF's scores were computed")

    monkeypatch.setattr(CrfTagger, "score_document", no_scores)
    rec.crf_weight = 0.0
    assert rec.tag_sentences(doc) == want
    assert rec.tag_sentences([[], []]) == [[], []]
