"""Pretraining the language models of `app.ner.context_lm` with torch (training only).

Each model reads sentences of the unlabeled news (as the network's word-vector rows) from a boundary
mark on, and at each word guesses the k-means cluster (k=1024, plus one class for words without a
cluster) of the next word; the backward model reads the sentence reversed. Guessing a cluster rather
than the word keeps the output layer small enough to train on a laptop's CPU.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.ner.context_lm import KIND_BOUNDARY, KIND_UNKNOWN
from app.ner.features import stems
from app.ner.neural_train import seeded_torch

SENTENCE_ENDS = frozenset({".", "!", "?", "؟"})


@dataclass
class LMSettings:
    hidden: int = 64
    kind_dim: int = 16
    cluster_k: int = 1024
    batch: int = 128
    steps: int = 6000  # batches of sentences trained on (fixed, so a run is reproducible)
    minutes: float = 0.0  # stop sooner after this many minutes (0: no limit; for experiments)
    max_len: int = 50  # longer sentences are cut
    lr: float = 2e-3
    dropout: float = 0.2
    seed: int = 7
    threads: int = 2


def make_lm(vectors: Any, st: LMSettings, n_classes: int) -> Any:
    """One new language model over the frozen `vectors` (row 0: a word without one)."""
    import torch
    from torch import nn

    class LM(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding.from_pretrained(vectors, freeze=True)  # type: ignore[no-untyped-call]
            self.kind = nn.Embedding(3, st.kind_dim)
            self.lstm = nn.LSTM(vectors.shape[1] + st.kind_dim, st.hidden, batch_first=True)
            self.drop = nn.Dropout(st.dropout)
            self.out = nn.Linear(st.hidden, n_classes)

        def forward(self, wid: Any, kind: Any, lens: Any) -> Any:
            x = torch.cat([self.emb(wid), self.kind(kind)], -1)
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=wid.shape[1])
            return h

    return LM()


def lm_batch(rows: Sequence[Any], reverse: bool, targets: Sequence[Any] | None = None) -> tuple[Any, ...]:
    """`(word ids, kinds, targets, lengths)`: each sentence after a boundary mark, so position j's state
    has read the words before word j (reversed first with `reverse`)."""
    import numpy as np
    import torch

    n, t = len(rows), max(len(r) for r in rows) + 1
    wid = torch.zeros(n, t, dtype=torch.long)
    kind = torch.zeros(n, t, dtype=torch.long)
    tgt = torch.full((n, t), -100, dtype=torch.long)
    lens = torch.zeros(n, dtype=torch.long)
    for i, r in enumerate(rows):
        r = np.asarray(r, dtype=np.int64)
        if reverse:
            r = r[::-1].copy()
        k = len(r)
        wid[i, 1 : k + 1] = torch.from_numpy(r)
        kind[i, 0] = KIND_BOUNDARY
        kind[i, 1 : k + 1] = torch.from_numpy((r == 0).astype(np.int64) * KIND_UNKNOWN)
        if targets is not None:
            c = np.asarray(targets[i], dtype=np.int64)
            tgt[i, :k] = torch.from_numpy(c[::-1].copy() if reverse else c)
        lens[i] = k  # the last word's own state guesses nothing
    return wid, kind, tgt, lens


def lm_states(models: Mapping[str, Any], rows: Sequence[Sequence[int]], batch: int = 256) -> list[Any]:
    """Per sentence (word-vector rows), its tokens' states (n x 2 hidden, float32 numpy): forward
    model's after the words before each token, backward model's after the words after it; what
    `ContextLM.states` computes in numpy."""
    import numpy as np
    import torch

    out: list[Any] = [None] * len(rows)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
    with torch.no_grad():
        for d in models.values():
            d.eval()
        for a in range(0, len(order), batch):
            ids = order[a : a + batch]
            part = [rows[i] for i in ids]
            fw = models["f"](*_no_targets(lm_batch(part, False)))
            bw = models["b"](*_no_targets(lm_batch(part, True)))
            for j, i in enumerate(ids):
                k = len(rows[i])
                f = fw[j, :k].numpy()
                b = bw[j, :k].numpy()[::-1]
                out[i] = np.concatenate([f, b], axis=1).astype(np.float32)
    return out


def _no_targets(b: tuple[Any, ...]) -> tuple[Any, ...]:
    wid, kind, _, lens = b
    return wid, kind, lens


class CorpusEncoder:
    """Corpus words -> (network word-vector row, cluster class), cached per word type; the row as
    `app.ner.neural.word_row` finds it (the word, its clitic-stripped stem, the stem without ال)."""

    def __init__(
        self,
        word_ids: Mapping[str, int],
        clusters: Mapping[str, Sequence[int]],
        k_index: int,
        n_clusters: int,
    ) -> None:
        self.word_ids = word_ids
        self.clusters = clusters
        self.k_index = k_index
        self.none = n_clusters
        self._cache: dict[str, tuple[int, int]] = {}

    def __call__(self, word: str) -> tuple[int, int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        cands = stems(word)
        stem = cands[0] if cands else word
        keys = (word, stem, stem[2:]) if stem.startswith("ال") and len(stem) > 3 else (word, stem)
        row = 0
        for k in keys:
            row = self.word_ids.get(k, 0)
            if row:
                break
        cl = self.none
        for k in (word, stem):
            c = self.clusters.get(k)
            if c:
                cl = c[self.k_index]
                break
        hit = self._cache[word] = (row, cl)
        return hit


def corpus_sentences(lines: Iterable[str], st: LMSettings) -> Iterable[list[str]]:
    """Sentences (at least 3 words) of tokenized, normalized corpus lines, cut at sentence ends and
    at `st.max_len` words."""
    for line in lines:
        cur: list[str] = []
        for t in line.split():
            cur.append(t)
            if t in SENTENCE_ENDS or len(cur) >= st.max_len:
                if len(cur) >= 3:
                    yield cur
                cur = []
        if len(cur) >= 3:
            yield cur


def pretrain(
    lines: Iterable[str],
    vectors: Any,
    encoder: CorpusEncoder,
    st: LMSettings,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Train both models on `st.steps` batches of the sentences of `lines` (a random 2,000 held out);
    returns them and what was measured (the held-out loss before and after)."""
    import numpy as np
    import torch
    from torch import nn

    t_start = time.perf_counter()
    with seeded_torch(st.seed, st.threads) as rng:
        data: list[tuple[Any, Any]] = []
        n_tok = 0
        for sent in corpus_sentences(lines, st):
            enc = [encoder(w) for w in sent]
            data.append((np.array([r for r, _ in enc], np.int32), np.array([c for _, c in enc], np.int16)))
            n_tok += len(sent)
        if len(data) < 2 * 2000:
            held, train = data[: len(data) // 5], data[len(data) // 5 :]
        else:
            rng.shuffle(data)
            held, train = data[:2000], data[2000:]
        if not train or not held:
            raise ValueError("too little text to pretrain the language models on")
        n_classes = encoder.none + 1
        models = {d: make_lm(vectors, st, n_classes) for d in ("f", "b")}
        opts = {
            d: torch.optim.Adam([p for p in m.parameters() if p.requires_grad], lr=st.lr)
            for d, m in models.items()
        }

        def held_loss() -> dict[str, float]:
            res = {}
            for d, m in models.items():
                m.eval()
                tot, n = 0.0, 0
                with torch.no_grad():
                    for i in range(0, len(held), 256):
                        part = held[i : i + 256]
                        wid, kind, tgt, lens = lm_batch([r for r, _ in part], d == "b", [c for _, c in part])
                        logits = m.out(m(wid, kind, lens)).reshape(-1, n_classes)
                        tot += float(nn.functional.cross_entropy(logits, tgt.reshape(-1), reduction="sum"))
                        n += int((tgt != -100).sum())
                m.train()
                res[d] = round(tot / max(n, 1), 4)
            return res

        before = held_loss()
        order = sorted(range(len(train)), key=lambda i: len(train[i][0]) + rng.random() * 4)
        batches = [order[i : i + st.batch] for i in range(0, len(order), st.batch)]
        rng.shuffle(batches)
        deadline = time.perf_counter() + st.minutes * 60 if st.minutes else float("inf")
        step = seen = 0
        t0 = time.perf_counter()
        loss = torch.zeros(())
        while step < st.steps and time.perf_counter() < deadline:
            part = [train[i] for i in batches[step % len(batches)]]
            step += 1
            if step % len(batches) == 0:
                rng.shuffle(batches)
            for d, m in models.items():
                wid, kind, tgt, lens = lm_batch([r for r, _ in part], d == "b", [c for _, c in part])
                logits = m.out(m.drop(m(wid, kind, lens))).reshape(-1, n_classes)
                loss = nn.functional.cross_entropy(logits, tgt.reshape(-1))
                opts[d].zero_grad()
                loss.backward()  # type: ignore[no-untyped-call]
                nn.utils.clip_grad_norm_(m.parameters(), 1.0)
                opts[d].step()
            seen += sum(len(r) for r, _ in part)
            if progress is not None and step % 250 == 0:
                progress(
                    f"language models: step {step:,}/{st.steps:,}, {seen:,} words "
                    f"({seen / (time.perf_counter() - t0):,.0f}/s), loss {float(loss):.2f}"
                )
        after = held_loss()
    report = {
        "seconds": round(time.perf_counter() - t_start, 1),
        "sentences": len(train),
        "tokens_read": n_tok,
        "tokens_trained": seen,
        "steps": step,
        "epochs": round(step / max(len(batches), 1), 2),
        "held_out_loss_before": before,
        "held_out_loss_after": after,
        "settings": dict(st.__dict__),
    }
    return models, report


def export_arrays(models: Mapping[str, Any]) -> dict[str, Any]:
    """The `lm_*` arrays `ContextLM` reads (the output layers are for training only)."""
    import numpy as np

    def arr(t: Any) -> Any:
        return t.detach().cpu().numpy().astype(np.float32)

    out = {}
    for d, m in models.items():
        lstm = m.lstm
        out[f"lm_kind_emb_{d}"] = arr(m.kind.weight)
        out[f"lm_w_ih_{d}"] = arr(lstm.weight_ih_l0)
        out[f"lm_w_hh_{d}"] = arr(lstm.weight_hh_l0)
        out[f"lm_b_{d}"] = arr(lstm.bias_ih_l0 + lstm.bias_hh_l0)
    return out


def load_or_pretrain(
    corpus: Path,
    cache: Path,
    vectors: Any,
    encoder: CorpusEncoder,
    st: LMSettings,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The language models pretrained on `corpus` (the tokenized, normalized corpus file of
    `app.ner.wordrep`) with settings `st`, from `cache` when an earlier run made them."""
    import json

    import torch

    name = f"lm_h{st.hidden}_k{st.cluster_k}_n{st.steps}_b{st.batch}_s{st.seed}"
    weights, meta = cache / f"{name}.pt", cache / f"{name}.json"
    n_classes = encoder.none + 1
    if weights.exists() and meta.exists():
        if progress is not None:
            progress(f"language models: using cached {weights}")
        saved = torch.load(weights)
        models = {}
        for d in ("f", "b"):
            models[d] = make_lm(vectors, st, n_classes)
            models[d].load_state_dict(saved[d])
        report: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
        return models, report
    with corpus.open(encoding="utf-8") as lines:
        models, report = pretrain(lines, vectors, encoder, st, progress)
    cache.mkdir(parents=True, exist_ok=True)
    torch.save({d: m.state_dict() for d, m in models.items()}, weights)
    meta.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return models, report
