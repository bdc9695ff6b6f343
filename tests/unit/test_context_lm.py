"""The language models of `app.ner.context_lm`: numpy gives the states torch trained."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from app.ner.context_lm import ContextLM  # noqa: E402
from app.ner.lm_train import (  # noqa: E402
    CorpusEncoder,
    LMSettings,
    corpus_sentences,
    export_arrays,
    lm_states,
    make_lm,
    pretrain,
)
from app.ner.neural import _steps  # noqa: E402


def _models(seed: int = 3) -> tuple[dict[str, object], object]:
    torch.manual_seed(seed)
    vectors = torch.randn(12, 5)
    vectors[0] = 0.0
    st = LMSettings(hidden=7, kind_dim=3, cluster_k=4)
    models = {d: make_lm(vectors, st, 5) for d in ("f", "b")}
    for m in models.values():  # larger weights than the default init, so differences show
        with torch.no_grad():
            for p in m.lstm.parameters():
                p.mul_(3.0)
    return models, vectors


def test_numpy_states_equal_torch_states() -> None:
    models, vectors = _models()
    sentences = [[3, 0, 5, 7, 1], [2], [4, 4, 0], [11, 10, 9, 8, 7, 6, 5, 1]]
    expected = lm_states(models, sentences, batch=3)
    lm = ContextLM(export_arrays(models))
    rows = np.array([r for s in sentences for r in s], dtype=np.intp)
    lens = np.array([len(s) for s in sentences], dtype=np.intp)
    got = lm.states(vectors.numpy()[rows], rows > 0, lens, _steps(lens), _steps(lens, reverse=True))
    assert got.shape == (len(rows), 14)
    np.testing.assert_allclose(got, np.concatenate(expected), atol=1e-5)


def test_states_see_only_the_other_words() -> None:
    """A token's forward state has read only the words before it, its backward one only those after."""
    models, _ = _models()
    a = lm_states(models, [[3, 5, 7, 9]])[0]
    b = lm_states(models, [[3, 5, 8, 9]])[0]  # the third word changed
    h = 7
    np.testing.assert_allclose(a[:3, :h], b[:3, :h], atol=1e-6)  # forward, up to the changed word
    np.testing.assert_allclose(a[2:, h:], b[2:, h:], atol=1e-6)  # backward, from it on
    assert not np.allclose(a[3, :h], b[3, :h])
    assert not np.allclose(a[1, h:], b[1, h:])


def test_corpus_encoder_reads_stems_and_clusters() -> None:
    enc = CorpusEncoder({"بيروت": 1, "قال": 2}, {"بيروت": (0, 3), "قال": (1, 2)}, 1, 4)
    assert enc("بيروت") == (1, 3)
    assert enc("لبيروت") == (1, 3)  # clitic stripped
    assert enc("كلمه") == (0, 4)  # no vector, no cluster


def test_pretraining_lowers_the_held_out_loss() -> None:
    lines = ["قال الرئيس في بيروت ان الوزير زار دمشق ."] * 60 + ["زار الوزير بيروت امس ."] * 60
    words = sorted({w for line in lines for w in line.split()})
    ids = {w: i + 1 for i, w in enumerate(words)}
    clusters = {w: (i % 4,) for i, w in enumerate(words)}
    torch.manual_seed(0)
    vectors = torch.randn(len(words) + 1, 6)
    st = LMSettings(hidden=8, kind_dim=2, cluster_k=4, batch=8, steps=60, lr=0.03, dropout=0.0)
    assert all(len(s) >= 3 for s in corpus_sentences(lines, st))
    models, report = pretrain(lines, vectors, CorpusEncoder(ids, clusters, 0, 4), st)
    assert report["steps"] == 60
    for d in ("f", "b"):
        assert report["held_out_loss_after"][d] < report["held_out_loss_before"][d] - 0.5
    assert set(export_arrays(models)) == {
        f"lm_{k}_{d}" for k in ("kind_emb", "w_ih", "w_hh", "b") for d in ("f", "b")
    }
