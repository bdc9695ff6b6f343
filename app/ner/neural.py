"""A small BiLSTM-CRF tagger run in numpy: the bundled recognizer's tagger when the model has one.

The CRF of `app.ner.crf` knows the words of its training data well but finds fewer names it never saw
(dev: 0.87 recall on seen names, 0.68 on unseen ones). This network reads each word as its word2vec
vector (learned on the unlabeled news, frozen), the letters of its normalized form (a character CNN),
and a bag of the CRF's name-list, trigger and document-cue features, through a bidirectional LSTM and
a CRF layer. Its per-token marginal probabilities, alone (the shipped model) or averaged with the
CRF's, give the best valid BIO sequence (`BundledRecognizer.tag_sentences`).

Trained with torch (`app.ner.neural_train`); at run time only numpy: the weights are in
`bilstm.npz`, word vectors as int8 with one scale per word. Everything here runs over all sentences of
a document at once, step by step over the tokens themselves (no padding: one long sentence does
not make every sentence as long).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.ner.context_lm import ContextLM, gate_order, run_lstm
from app.ner.crf import read_arrays
from app.ner.features import TABLE_GENERATIONS

if TYPE_CHECKING:
    import numpy as np

    from app.ner.features import TypeInfo

NEURAL_FILE = "bilstm.npz"
MAX_CHARS = 20  # letters of a word the character CNN reads
# The CRF's per-word features the network sees (besides the document cues and list matches)
BAG_PREFIXES = ("sh=", "len=", "rl=", "pre=", "al", "nat", "tr=", "g1=")


def word_bag(x: TypeInfo) -> list[str]:
    """The features of the network's bag that depend on the word alone."""
    return [f for f in x.feats if f.startswith(BAG_PREFIXES)]


def bag_features(
    infos: Sequence[Sequence[TypeInfo]],
    gms: Sequence[Sequence[Sequence[str]]],
    cues: Mapping[str, Sequence[str]],
) -> list[list[list[str]]]:
    """Per sentence, per token: every feature the network's bag reads: `word_bag`, then its name-list
    matches, its document cues and the sentence start and end (`gms` and `cues` as
    `FeatureExtractor.context` gives them, the cues unfiltered). Training reads these lists;
    `BiLstmTagger.gate_inputs` adds the same sums in parts."""
    out: list[list[list[str]]] = []
    for sent, gm in zip(infos, gms, strict=True):
        n = len(sent)
        rows: list[list[str]] = []
        for i, x in enumerate(sent):
            bag = [*word_bag(x), *gm[i], *cues.get(x.stem, ())]
            if i == 0:
                bag.append("BOS")
            if i == n - 1:
                bag.append("EOS")
            rows.append(bag)
        out.append(rows)
    return out


def char_form(norm: str) -> str:
    """The letters of a normalized word the character CNN reads (never empty)."""
    return norm[:MAX_CHARS] or " "


def row_ids(names: Sequence[str]) -> dict[str, int]:
    """name -> its row, from 1 (row 0: an unknown word, or padding)."""
    return dict(zip(names, range(1, len(names) + 1), strict=True))


def letter_ids(chars: str) -> dict[str, int]:
    """letter -> its id, from 2 (0: padding, 1: a letter not seen in training)."""
    return {c: i + 2 for i, c in enumerate(chars)}


def word_keys(x: TypeInfo) -> tuple[str, ...]:
    """The forms under which a word's vector is looked up, best first."""
    stem = x.stem
    if stem.startswith("ال") and len(stem) > 3:
        return (x.norm, stem, stem[2:])
    return (x.norm, stem)


def word_row(ids: Mapping[str, int], x: TypeInfo) -> int:
    """The vector row of the first of `word_keys(x)` that has one (0: none)."""
    for k in word_keys(x):
        i = ids.get(k)
        if i:
            return i
    return 0


def _steps(lens: np.ndarray, reverse: bool = False) -> list[np.ndarray]:
    """For each step t, the flat index of the t-th token (with `reverse`, the t-th from the end) of
    every sentence longer than t, longest sentences first (so the active ones are a prefix and keep
    their places from step to step). `lens`: sentence lengths, sentences one after the other."""
    import numpy as np

    order = np.argsort(-lens, kind="stable")
    slens = lens[order]
    starts = np.zeros(len(lens), dtype=np.intp)
    np.cumsum(lens[:-1], out=starts[1:])
    first = starts[order] + (slens - 1 if reverse else 0)
    step = -1 if reverse else 1
    active = (slens[None, :] > np.arange(int(slens[0]))[:, None]).sum(axis=1)
    return [first[:a] + step * t for t, a in enumerate(active.tolist())]


def forward_backward(
    scores: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """Marginal label probabilities (tokens x labels) of a linear-chain CRF over each sentence:
    `scores` (tokens x labels, sentences one after the other), `lens` their lengths, `trans[a, b]` the
    weight of a followed by b, `start`/`end` those of the first/last label. Several CRFs over the same
    tokens go at once when each argument has a leading axis, one entry per CRF.

    In probabilities rather than logs, each step's rows rescaled to sum to one (the scales cancel in
    each token's normalized marginals), so a step costs two small products and no exp or log."""
    import numpy as np

    if scores.ndim == 2:
        one: np.ndarray = forward_backward(scores[None], lens, trans[None], start[None], end[None])[0]
        return one
    if len(lens) == 0:
        return np.zeros_like(scores)
    steps = _steps(lens)
    es = np.exp(scores - scores.max(axis=2, keepdims=True))
    e = np.exp(trans - trans.max(axis=(1, 2), keepdims=True))
    et = e.transpose(0, 2, 1)
    alpha = np.empty_like(scores)
    beta = np.empty_like(scores)
    a = es[:, steps[0]] * np.exp(start - start.max(axis=1, keepdims=True))[:, None]
    alpha[:, steps[0]] = a / a.sum(axis=2, keepdims=True)
    for prev, cur in itertools.pairwise(steps):
        a = np.matmul(alpha[:, prev[: len(cur)]], e) * es[:, cur]
        alpha[:, cur] = a / a.sum(axis=2, keepdims=True)
    # backward: a sentence's last token starts from `end`; each step back from the token after it
    beta[:, np.cumsum(lens) - 1] = np.exp(end - end.max(axis=1, keepdims=True))[:, None]
    for t in range(len(steps) - 2, -1, -1):
        nxt = steps[t + 1]
        b = np.matmul(beta[:, nxt] * es[:, nxt], et)
        beta[:, steps[t][: len(nxt)]] = b / b.sum(axis=2, keepdims=True)
    p: np.ndarray = alpha * beta
    p /= p.sum(axis=2, keepdims=True)
    return p


# Rows of the per-word table of gate inputs; past this many (2 KB a row at 64 hidden units) it starts
# over before the next document.
_MAX_ROWS = 10_000


class BiLstmTagger:
    """The exported network (see the module docstring); `marginals` is all it does.

    Each word form's input (its vector, character-CNN output and the sum of its own bag features) is
    computed once and kept, already multiplied into both directions' gates, in a table like the CRF's
    rows; a document adds only its name-list matches and cues. One thread at a time.
    """

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        import numpy as np

        a = arrays
        self.labels: list[str] = a["labels"].tobytes().decode().split("\n")
        self.word_ids = row_ids(a["words"].tobytes().decode().split("\n"))
        self.char_ids = letter_ids(a["chars"].tobytes().decode())
        self.feat_ids = row_ids(a["feats"].tobytes().decode().split("\n"))
        # word vectors: int8 rows times their scale (row 0: unknown word, zeros)
        self.vec_q = a["vec_q"]
        self.vec_scale = a["vec_scale"].astype(np.float32)
        self.char_emb = a["char_emb"].astype(np.float32)
        conv_w = a["conv_w"].astype(np.float32)  # out x in x width
        self.conv_width = conv_w.shape[2]
        # as one matrix over [left, centre, right] letter embeddings
        self.conv_mat = np.concatenate([conv_w[:, :, j] for j in range(self.conv_width)], axis=1).T
        self.conv_b = a["conv_b"].astype(np.float32)
        self.feat_emb = a["feat_emb"].astype(np.float32)  # row 0: padding, never read
        h = a["w_hh_f"].shape[1]
        # Gates reordered from torch's (i, f, g, o) to (i, f, o, g), and the weights of i, f, o halved:
        # sigmoid(x) = (tanh(x / 2) + 1) / 2, so one tanh over all the gates serves a step.
        order, half = gate_order(h)
        w_ih = [a[f"w_ih_{d}"].astype(np.float32)[order].T * half for d in ("f", "b")]
        self.b = [a[f"b_{d}"].astype(np.float32)[order] * half for d in ("f", "b")]
        self.w_hh = np.stack([a[f"w_hh_{d}"].astype(np.float32)[order].T * half for d in ("f", "b")])
        self.hidden = h
        self.out_w = a["out_w"].astype(np.float32).T
        self.out_b = a["out_b"].astype(np.float32)
        self.trans = a["trans"].astype(np.float64)
        self.start = a["start"].astype(np.float64)
        self.end = a["end"].astype(np.float64)
        k = len(self.labels)
        if self.trans.shape != (k, k) or self.out_w.shape[1] != k or self.out_w.shape[0] != 2 * h:
            raise ValueError("network weights do not match its labels")
        self.dims = (self.vec_q.shape[1], self.conv_b.shape[0], self.feat_emb.shape[1])
        # the language models' states, when the network reads them (after the other inputs)
        self.lm = ContextLM(a) if "lm_w_hh_f" in a else None
        # states x projection: the linear map of the states to the few inputs the LSTM reads
        no_proj = np.zeros((0, 0), np.float32)
        self.lm_proj = a["lm_proj"].astype(np.float32).T if self.lm is not None else no_proj
        n_in = sum(self.dims)
        if w_ih[0].shape[0] != n_in + self.lm_proj.shape[1] or self.lm_proj.shape[0] != (
            self.lm.dim if self.lm else 0
        ):
            raise ValueError("network weights do not match its inputs")
        self.w_ih = [w[:n_in] for w in w_ih]
        # the projected states' part of the gates, both directions (forward | backward)
        self.w_lm = np.concatenate([w[n_in:] for w in w_ih], axis=1)
        # each word's input part of the gates: forward direction, backward direction
        self._tables = [np.zeros((1024, 4 * h), dtype=np.float32) for _ in range(2)]
        # each bag feature's part of the gates, both directions (forward | backward)
        dv, dc, _ = self.dims
        self._feat_gates = np.concatenate([self.feat_emb @ w[dv + dc :] for w in self.w_ih], axis=1)
        self._n_rows = 0
        self.generation = next(TABLE_GENERATIONS)

    @classmethod
    def load(cls, path: Path) -> BiLstmTagger:
        """The network of a file written by `app.ner.neural_train.export` (OSError/ValueError if bad)."""
        arrays = read_arrays(path, "network")
        try:
            return cls(arrays)
        except (KeyError, UnicodeDecodeError) as err:
            raise ValueError(f"{path} is not a network file: {err}") from err

    # -- inputs ---------------------------------------------------------------------------------
    def _char_vectors(self, forms: Sequence[str]) -> np.ndarray:
        """The character-CNN output of each normalized form (max over its letters' positions)."""
        import numpy as np

        n = len(forms)
        width = self.conv_width
        half = width // 2
        ids = np.zeros((n, MAX_CHARS), dtype=np.intp)  # 0: the padding letter past the word
        lens = np.zeros(n, dtype=np.intp)
        cid = self.char_ids
        for i, form in enumerate(forms):
            f = char_form(form)
            ids[i, : len(f)] = [cid.get(c, 1) for c in f]
            lens[i] = len(f)
        # zeros beyond both ends, as torch's Conv1d pads
        emb = np.pad(self.char_emb[ids], ((0, 0), (half, half), (0, 0)))
        windows = np.concatenate([emb[:, j : j + MAX_CHARS] for j in range(width)], axis=2)
        conv = windows @ self.conv_mat + self.conv_b  # n x MAX x out
        np.maximum(conv, 0, out=conv)
        conv[np.arange(MAX_CHARS)[None, :] >= lens[:, None]] = 0.0  # positions past the word
        # relu >= 0: the zeros past the word never exceed its own positions' values
        pooled: np.ndarray = conv.max(axis=1)
        return pooled

    @staticmethod
    def _gate_sums(bags: Sequence[Sequence[str]], rows: np.ndarray, ids: Mapping[str, int]) -> np.ndarray:
        """For each bag, the sum of the `rows` of its features (`ids`: feature -> row; unknown ones
        left out): how often each feature is in each bag, times `rows` (feature embeddings, or their
        parts of the gates)."""
        import numpy as np

        k = len(rows)
        idx = [[ids[f] for f in bag if f in ids] for bag in bags]
        lens = np.array([len(r) for r in idx], dtype=np.intp)
        flat = np.fromiter((i for r in idx for i in r), dtype=np.intp, count=int(lens.sum()))
        cells = np.repeat(np.arange(len(idx)), lens) * k + flat
        counts = np.bincount(cells, minlength=len(idx) * k).reshape(len(idx), k).astype(rows.dtype)
        sums: np.ndarray = counts @ rows
        return sums

    def _reset(self) -> None:
        self._n_rows = 0
        self.generation = next(TABLE_GENERATIONS)

    def _rows(self, flat: Sequence[TypeInfo]) -> list[int]:
        """Each word's row of the input table, made for the words that have none yet."""
        import numpy as np

        gen = self.generation
        # each word once (a word form is one TypeInfo); most have rows already in a long session
        todo = list({id(x): x for x in flat if x.net_row[0] != gen}.values())
        if todo:
            first = self._n_rows
            need = first + len(todo)
            if need > len(self._tables[0]):
                for d, table in enumerate(self._tables):
                    grown = np.zeros((max(need, 2 * len(table)), table.shape[1]), np.float32)
                    grown[:first] = table[:first]
                    self._tables[d] = grown
            words = np.array([word_row(self.word_ids, x) for x in todo], dtype=np.intp)
            dv, dc, _ = self.dims
            inp = np.empty((len(todo), sum(self.dims)), dtype=np.float32)
            inp[:, :dv] = self.vec_q[words] * self.vec_scale[words, None]
            inp[:, dv : dv + dc] = self._char_vectors([x.norm for x in todo])
            inp[:, dv + dc :] = self._gate_sums([word_bag(x) for x in todo], self.feat_emb, self.feat_ids)
            for d, table in enumerate(self._tables):
                table[first:need] = inp @ self.w_ih[d] + self.b[d]
            for i, x in enumerate(todo):
                x.net_row = (gen, first + i)
            self._n_rows = need
        return [x.net_row[1] for x in flat]

    def gate_inputs(
        self,
        infos: Sequence[Sequence[TypeInfo]],
        gms: Sequence[Sequence[Sequence[str]]],
        cues: Mapping[str, Sequence[str]],
    ) -> np.ndarray:
        """Every token's input part of the LSTM gates ((2 tokens) x 4 hidden: all tokens for the
        forward direction, then all for the backward one) of the non-empty sentences of `infos`;
        `gms` and `cues` as `FeatureExtractor.context` gives them, the cues unfiltered. The bag is
        what `bag_features` lists; being a sum, its document part is added here to the few tokens
        that have one. A network that reads the language models' states (`ContextLM`) adds their
        part here too."""
        import numpy as np

        if self._n_rows > _MAX_ROWS:  # start over between documents, never within one
            self._reset()
        pairs = [(s, g) for s, g in zip(infos, gms, strict=True) if s]
        flat = [x for s, _ in pairs for x in s]
        n = len(flat)
        rows = np.array(self._rows(flat), dtype=np.intp)  # first: it may grow the tables
        gates = np.empty((2 * n, 4 * self.hidden), dtype=np.float32)
        np.take(self._tables[0], rows, axis=0, out=gates[:n])
        np.take(self._tables[1], rows, axis=0, out=gates[n:])
        g4 = 4 * self.hidden
        fg = self._feat_gates
        fid = self.feat_ids

        def add(at: list[int], part: np.ndarray) -> None:  # part: len(at) x (forward | backward)
            idx = np.array(at, dtype=np.intp)
            gates[idx] += part[:, :g4]
            gates[idx + n] += part[:, g4:]

        # document cues: summed once per word (stem) that has any
        stem_row = {stem: k for k, stem in enumerate(cues)}
        with_cue = [(i, stem_row[x.stem]) for i, x in enumerate(flat) if x.stem in stem_row]
        if with_cue:
            sums = self._gate_sums([cues[stem] for stem in cues], fg, fid)
            add([i for i, _ in with_cue], sums[[k for _, k in with_cue]])
        # name-list matches, in the few sentences that have any
        matched: list[tuple[int, Sequence[str]]] = []
        start = 0
        for sent, gm in pairs:
            if any(gm):
                matched += [(start + j, g) for j, g in enumerate(gm) if g]
            start += len(sent)
        if matched:
            add([i for i, _ in matched], self._gate_sums([g for _, g in matched], fg, fid))
        # the first and last token of each sentence
        lens = np.array([len(s) for s, _ in pairs], dtype=np.intp)
        ends = np.cumsum(lens)
        for name, at in (("BOS", ends - lens), ("EOS", ends - 1)):
            row = fid.get(name)
            if row is not None:
                gates[at] += fg[row, :g4]
                gates[at + n] += fg[row, g4:]
        if self.lm is not None and n:  # the language models' states of the tokens
            ids = self.word_ids
            words = np.array([word_row(ids, x) for x in flat], dtype=np.intp)
            uniq, index = np.unique(words, return_inverse=True)  # each word's input once
            vectors = self.vec_q[uniq] * self.vec_scale[uniq, None]
            fwd, bwd = _steps(lens), _steps(lens, reverse=True)
            states = self.lm.states(vectors, uniq > 0, lens, fwd, bwd, index)
            part = (states @ self.lm_proj) @ self.w_lm
            gates[:n] += part[:, :g4]
            gates[n:] += part[:, g4:]
        return gates

    # -- the network ----------------------------------------------------------------------------
    def emissions(self, gates: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Label scores (tokens x labels) from the tokens' gate inputs (`gate_inputs`) of sentences
        of lengths `lens`. Both directions of the LSTM advance together, over all sentences at once."""
        import numpy as np

        n = len(gates) // 2
        fwd = _steps(lens)
        bwd = _steps(lens, reverse=True)
        hid = run_lstm(gates, fwd, bwd, self.w_hh)
        both = np.concatenate([hid[:n], hid[n:]], axis=1)
        return (both @ self.out_w + self.out_b).astype(np.float64)

    def scores(
        self,
        infos: Sequence[Sequence[TypeInfo]],
        gms: Sequence[Sequence[Sequence[str]]],
        cues: Mapping[str, Sequence[str]],
    ) -> np.ndarray:
        """Label scores (tokens x `self.labels`) of the tokens of the non-empty sentences (arguments
        as for `gate_inputs`). With `trans`, `start` and `end`, a CRF over each sentence."""
        import numpy as np

        lens = np.array([len(s) for s in infos if s], dtype=np.intp)
        if not len(lens):
            return np.zeros((0, len(self.labels)))
        return self.emissions(self.gate_inputs(infos, gms, cues), lens)

    def marginals(
        self,
        infos: Sequence[Sequence[TypeInfo]],
        gms: Sequence[Sequence[Sequence[str]]],
        cues: Mapping[str, Sequence[str]],
    ) -> np.ndarray:
        """Each token's label probabilities (tokens x `self.labels`), non-empty sentences only."""
        import numpy as np

        lens = np.array([len(s) for s in infos if s], dtype=np.intp)
        return forward_backward(self.scores(infos, gms, cues), lens, self.trans, self.start, self.end)
