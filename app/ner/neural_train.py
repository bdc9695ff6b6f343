"""Training the BiLSTM-CRF of `app.ner.neural` with torch, and exporting it for numpy.

Used only by `python -m app train` (torch is imported here, never at run time). The network's inputs
come from the same `FeatureExtractor` as the CRF's and from `app.ner.neural.bag_features`, so training
and tagging read the same things; `export` writes `bilstm.npz`, which `BiLstmTagger` reads.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from app.ner.augment import MentionReplacer, NamePool
from app.ner.conll import Document
from app.ner.crf import write_arrays
from app.ner.features import FeatureExtractor
from app.ner.neural import MAX_CHARS, bag_features, char_form, letter_ids, row_ids, word_row


@contextmanager
def seeded_torch(seed: int, threads: int) -> Iterator[random.Random]:
    """Torch seeded with `seed` and limited to `threads` threads (as before, after), and a `Random`
    seeded alike for the rest of the run."""
    import torch

    torch.manual_seed(seed)
    threads_before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield random.Random(seed)
    finally:
        torch.set_num_threads(threads_before)


@dataclass
class NeuralSettings:
    vocab: int = 50_000  # most frequent words of the vectors that keep their vector
    char_dim: int = 24
    char_filters: int = 64
    feat_dim: int = 32
    hidden: int = 64
    dropout: float = 0.5
    epochs: int = 40
    batch: int = 16
    lr: float = 2e-3
    seed: int = 7
    threads: int = 2
    # mention replacement (`app.ner.augment`): each epoch adds this many replaced sentences per
    # training sentence (0: none), drawn from `augment_copies` replaced copies of the documents
    lm_proj: int = 32  # the language models' states are first projected to this many dimensions
    augment_ratio: float = 0.0
    augment_copies: int = 2
    p_replace: float = 0.5
    p_train: float = 0.5


@dataclass
class _Vocab:
    words: list[str]
    vec_q: Any  # int8, (words + 1) x dim; row 0 the unknown word
    vec_scale: Any  # float32 per row
    chars: str = ""
    feats: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # "O", then the tags of the data sorted

    def __post_init__(self) -> None:
        self.word_ids = row_ids(self.words)

    def float_vectors(self) -> Any:
        """The word vectors as torch float32 (int8 times each row's scale), row 0 the unknown word."""
        import numpy as np
        import torch

        return torch.tensor(self.vec_q.astype(np.float32) * self.vec_scale[:, None])

    # the ids `BiLstmTagger` gives letters and features; read once `prepare` has set them
    @cached_property
    def char_ids(self) -> dict[str, int]:
        return letter_ids(self.chars)

    @cached_property
    def feat_ids(self) -> dict[str, int]:
        return row_ids(self.feats)


def quantized_vectors(kv: Any, n: int) -> _Vocab:
    """The `n` most frequent words of word2vec `kv`, their unit vectors as int8 times a per-row scale."""
    import numpy as np

    words = list(kv.index_to_key[:n])
    vec = np.zeros((len(words) + 1, kv.vector_size), dtype=np.float32)
    vec[1:] = kv.vectors[: len(words)]
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-6)
    scale = np.abs(vec).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(vec / scale[:, None]).astype(np.int8)
    return _Vocab(words, q, scale.astype(np.float32))


@dataclass
class _Sentence:
    words: list[int]
    forms: list[str]
    bags: list[list[str]]
    tags: list[int]
    lm: Any = None  # the language models' states of its tokens (n x dim), when the network reads them


def _sentences(extractor: FeatureExtractor, docs: Sequence[Document], vocab: _Vocab) -> list[_Sentence]:
    out: list[_Sentence] = []
    ids = vocab.word_ids
    label_ids = {t: i for i, t in enumerate(vocab.labels)}
    for doc in docs:
        toks = [[t for t, _ in s] for s in doc]
        infos = extractor.infos(toks)
        gms, cues = extractor.context(infos)
        for sent, info, bags in zip(doc, infos, bag_features(infos, gms, cues), strict=True):
            if not sent:
                continue
            words = [word_row(ids, x) for x in info]
            out.append(
                _Sentence(words, [char_form(x.norm) for x in info], bags, [label_ids[g] for _, g in sent])
            )
    return out


def make_network(vocab: _Vocab, st: NeuralSettings, lm_dim: int = 0) -> Any:
    """A new (randomly initialized) torch BiLSTM-CRF over `vocab`'s words, letters and features."""
    import torch
    from torch import nn

    vectors = vocab.float_vectors()

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding.from_pretrained(  # type: ignore[no-untyped-call]
                vectors, freeze=True, padding_idx=0
            )
            self.cemb = nn.Embedding(len(vocab.chars) + 2, st.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(st.char_dim, st.char_filters, 3, padding=1)
            self.femb = nn.EmbeddingBag(len(vocab.feats) + 1, st.feat_dim, mode="sum", padding_idx=0)
            self.drop = nn.Dropout(st.dropout)
            # the language models' states, projected (linear) to a few dimensions before the LSTM
            self.lm_proj = nn.Linear(lm_dim, st.lm_proj, bias=False) if lm_dim else None
            self.lstm = nn.LSTM(
                vectors.shape[1] + st.char_filters + st.feat_dim + (st.lm_proj if lm_dim else 0),
                st.hidden,
                batch_first=True,
                bidirectional=True,
            )
            self.out = nn.Linear(2 * st.hidden, len(vocab.labels))
            self.trans = nn.Parameter(torch.zeros(len(vocab.labels), len(vocab.labels)))
            self.start = nn.Parameter(torch.zeros(len(vocab.labels)))
            self.end = nn.Parameter(torch.zeros(len(vocab.labels)))

        def emissions(self, wid: Any, cid: Any, clen: Any, fid: Any, mask: Any, lm: Any = None) -> Any:
            b, t = wid.shape
            c = self.cemb(cid.view(b * t, -1)).transpose(1, 2)
            c = torch.relu(self.conv(c))
            # the max over the word's own letters (relu >= 0, so zeroing the rest is the same)
            keep = torch.arange(c.shape[2])[None, :] < clen.view(b * t, 1)
            c = (c * keep[:, None, :]).max(dim=2).values.view(b, t, -1)
            f = self.femb(fid.view(b * t, -1)).view(b, t, -1)
            parts = [self.emb(wid), c, f]
            if self.lm_proj is not None:
                parts.append(self.lm_proj(lm))
            x = self.drop(torch.cat(parts, -1))
            lens = mask.sum(1).long()
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

        def nll(self, em: Any, tags: Any, mask: Any) -> Any:
            """The summed negative log-likelihood of the gold `tags` (CRF layer)."""
            _, t, _ = em.shape
            score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
            for i in range(1, t):
                emit = em[:, i].gather(1, tags[:, i : i + 1]).squeeze(1)
                score = score + mask[:, i] * (self.trans[tags[:, i - 1], tags[:, i]] + emit)
            last = tags.gather(1, (mask.sum(1).long() - 1)[:, None]).squeeze(1)
            score = score + self.end[last]
            alpha = self.start + em[:, 0]
            for i in range(1, t):
                nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, i, None, :], dim=1)
                m = mask[:, i, None]
                alpha = m * nxt + (1 - m) * alpha
            return (torch.logsumexp(alpha + self.end, 1) - score).sum()

    return Net()


def tensors(items: Sequence[_Sentence], vocab: _Vocab) -> tuple[Any, ...]:
    """`(word ids, letter ids, word lengths, feature ids, tags, mask, language-model states or
    None)` of a batch of sentences."""
    import torch

    char_ids, feat_ids = vocab.char_ids, vocab.feat_ids
    n, t = len(items), max(len(s.words) for s in items)
    nf = max([len(b) for s in items for b in s.bags] + [1])
    wid = torch.zeros(n, t, dtype=torch.long)
    cid = torch.zeros(n, t, MAX_CHARS, dtype=torch.long)
    clen = torch.ones(n, t, dtype=torch.long)
    fid = torch.zeros(n, t, nf, dtype=torch.long)
    tags = torch.zeros(n, t, dtype=torch.long)
    mask = torch.zeros(n, t)
    lm = None if items[0].lm is None else torch.zeros(n, t, items[0].lm.shape[1])
    for i, s in enumerate(items):
        k = len(s.words)
        if lm is not None:
            lm[i, :k] = torch.from_numpy(s.lm)
        wid[i, :k] = torch.tensor(s.words)
        tags[i, :k] = torch.tensor(s.tags)
        mask[i, :k] = 1
        for j, (form, bag) in enumerate(zip(s.forms, s.bags, strict=True)):
            cid[i, j, : len(form)] = torch.tensor([char_ids.get(ch, 1) for ch in form])
            clen[i, j] = len(form)
            fids = [feat_ids[f] for f in bag if f in feat_ids]
            if fids:
                fid[i, j, : len(fids)] = torch.tensor(fids)
    return wid, cid, clen, fid, tags, mask, lm


def prepare(
    extractor: FeatureExtractor, docs: Sequence[Document], kv: Any, st: NeuralSettings
) -> tuple[_Vocab, list[_Sentence]]:
    """The vocabulary (words of `kv`; letters and features of `docs`) and the training sentences."""
    vocab = quantized_vectors(kv, st.vocab)
    vocab.labels = ["O", *sorted({g for doc in docs for s in doc for _, g in s} - {"O"})]
    data = _sentences(extractor, docs, vocab)
    vocab.chars = "".join(sorted({c for s in data for f in s.forms for c in f}))
    vocab.feats = sorted({f for s in data for b in s.bags for f in b})
    return vocab, data


def train_network(
    extractor: FeatureExtractor,
    docs: Sequence[Document],
    kv: Any,
    out: Path,
    settings: NeuralSettings | None = None,
    progress: Callable[[str], None] | None = None,
    names: NamePool | None = None,
    lm: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train on `docs` (the CRF's training documents, read by `extractor` without weight rows) with
    the word vectors `kv`; write `out` (`bilstm.npz`). Returns what was measured.

    With `lm` (the pretrained language models of `app.ner.lm_train`, over the same word vectors),
    the network also reads their states (frozen), and `out` carries them for `ContextLM`.

    With `settings.augment_ratio` > 0, each epoch also trains on a fresh sample of copies of `docs`
    whose names were replaced by others from `names` (default: the names of `docs` alone)."""
    import torch
    from torch import nn

    st = settings or NeuralSettings()
    t_start = time.perf_counter()
    with seeded_torch(st.seed, st.threads) as rng:
        vocab, data = prepare(extractor, docs, kv, st)
        extra: list[_Sentence] = []
        if st.augment_ratio > 0:
            extra = _replaced_sentences(extractor, docs, vocab, st, rng, names)
            if progress is not None:
                progress(f"network: {len(extra):,} sentences with replaced names")
        n_extra = min(int(len(data) * st.augment_ratio), len(extra))
        lm_dim = 0
        if lm is not None:
            from app.ner.lm_train import lm_states

            if lm["f"].emb.weight.shape[0] != len(vocab.words) + 1:
                raise ValueError("the language models read other word vectors than the network")
            for part in (data, extra):
                for s, h in zip(part, lm_states(lm, [s.words for s in part]), strict=True):
                    s.lm = h
            lm_dim = 2 * lm["f"].lstm.hidden_size
        net = make_network(vocab, st, lm_dim)
        params = [p for p in net.parameters() if p.requires_grad]
        opt = torch.optim.Adam(params, lr=st.lr)
        for epoch in range(st.epochs):
            net.train()
            t0 = time.perf_counter()
            items = data + rng.sample(extra, n_extra) if n_extra else data
            # batches of sentences of similar length, in random order
            by_len = sorted(range(len(items)), key=lambda i: len(items[i].words) + rng.random() * 8)
            batches = [by_len[i : i + st.batch] for i in range(0, len(by_len), st.batch)]
            rng.shuffle(batches)
            total = 0.0
            for ids in batches:
                wid, cid, clen, fid, tags, mask, states = tensors([items[i] for i in ids], vocab)
                loss = net.nll(net.emissions(wid, cid, clen, fid, mask, states), tags, mask) / len(ids)
                opt.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(params, 5.0)
                opt.step()
                total += float(loss.item())
            if progress is not None:
                progress(
                    f"network: epoch {epoch + 1}/{st.epochs}, loss {total / max(len(batches), 1):.2f}, "
                    f"{time.perf_counter() - t0:.0f}s"
                )
        lm_arrays = None
        if lm is not None:
            from app.ner.lm_train import export_arrays

            lm_arrays = export_arrays(lm)
        export(net, vocab, out, lm_arrays)
    return {
        "seconds": round(time.perf_counter() - t_start, 1),
        "sentences": len(data),
        "replaced_sentences": len(extra),
        "words": len(vocab.words),
        "features": len(vocab.feats),
        "settings": dict(st.__dict__),
    }


def _replaced_sentences(
    extractor: FeatureExtractor,
    docs: Sequence[Document],
    vocab: _Vocab,
    st: NeuralSettings,
    rng: random.Random,
    names: NamePool | None,
) -> list[_Sentence]:
    """`st.augment_copies` copies of `docs` with names replaced (`app.ner.augment`), as sentences."""
    if names is None:
        names = NamePool()
        names.add_training_names(docs)
    lex = extractor.lex
    replacer = MentionReplacer(
        names, rng, lambda w: bool(lex.get(w)[1]), p_replace=st.p_replace, p_train=st.p_train
    )
    copies = [replacer.replace(d) for _ in range(st.augment_copies) for d in docs]
    return _sentences(extractor, copies, vocab)


def _text(values: Sequence[str] | str) -> Any:
    import numpy as np

    s = values if isinstance(values, str) else "\n".join(values)
    return np.frombuffer(s.encode("utf-8"), dtype=np.uint8)


def export(net: Any, vocab: _Vocab, out: Path, lm_arrays: dict[str, Any] | None = None) -> None:
    """Write the trained `net` as `bilstm.npz` (numpy arrays only; see `BiLstmTagger`), with the
    language models' `lm_arrays` (`app.ner.lm_train.export_arrays`) when it reads them."""
    import numpy as np

    def arr(t: Any) -> Any:
        return t.detach().cpu().numpy().astype(np.float32)

    lstm = net.lstm
    arrays = {
        "labels": _text(vocab.labels),
        "words": _text(vocab.words),
        "chars": _text(vocab.chars),
        "feats": _text(vocab.feats),
        "vec_q": vocab.vec_q,
        "vec_scale": vocab.vec_scale,
        "char_emb": arr(net.cemb.weight),
        "conv_w": arr(net.conv.weight),
        "conv_b": arr(net.conv.bias),
        "feat_emb": arr(net.femb.weight),
        "w_ih_f": arr(lstm.weight_ih_l0),
        "w_hh_f": arr(lstm.weight_hh_l0),
        "b_f": arr(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        "w_ih_b": arr(lstm.weight_ih_l0_reverse),
        "w_hh_b": arr(lstm.weight_hh_l0_reverse),
        "b_b": arr(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        "out_w": arr(net.out.weight),
        "out_b": arr(net.out.bias),
        "trans": arr(net.trans),
        "start": arr(net.start),
        "end": arr(net.end),
        **(lm_arrays or {}),
    }
    if net.lm_proj is not None:
        arrays["lm_proj"] = arr(net.lm_proj.weight)  # proj x states
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.npz")
    write_arrays(tmp, arrays)
    tmp.replace(out)
