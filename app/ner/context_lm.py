"""A small contextual word encoder: two word-level LSTM language models (one reading left to right,
one right to left) pretrained on the unlabeled news, run in numpy.

For each token the forward model has read the words before it and the backward model the words after
it, each trained to guess the word in between (its k-means cluster: `app.ner.lm_train`). Their states
tell the tagger what kind of word the context expects in a slot (a person after قال الرئيس ...), which
it learned from millions of sentences rather than ANERcorp's few thousand: the help it needs with
names it never saw. Its input is the network's own word vectors, so a word costs one product per
direction and a recurrent step; the weights live in `bilstm.npz` under `lm_*`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# the kinds of input the models tell apart besides the word's vector (a learned embedding each)
KIND_WORD, KIND_UNKNOWN, KIND_BOUNDARY = 0, 1, 2


def gate_order(h: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of torch's LSTM gates (i, f, g, o) reordered to (i, f, o, g), and the factor (1/2 for the
    i, f, o rows) that lets one tanh serve a step: sigmoid(x) = (tanh(x / 2) + 1) / 2."""
    import numpy as np

    order = np.r_[0 : 2 * h, 3 * h : 4 * h, 2 * h : 3 * h]
    half = np.r_[np.full(3 * h, 0.5), np.ones(h)].astype(np.float32)
    return order, half


def run_lstm(gates: np.ndarray, fwd: list[np.ndarray], bwd: list[np.ndarray], w_hh: np.ndarray) -> np.ndarray:
    """Hidden states (2 n x h) of an LSTM in both directions over sentences one after the other:
    `gates` (2 n x 4 h, forward inputs of all n tokens then backward ones, in `gate_order`), `fwd` and
    `bwd` the steps (`app.ner.neural._steps`), `w_hh` (2 x h x 4 h). Both directions advance together."""
    import numpy as np

    h_n = w_hh.shape[1]
    n = len(gates) // 2
    h = np.zeros((2, len(fwd[0]) if fwd else 0, h_n), dtype=np.float32)
    c = np.zeros_like(h)
    hid = np.empty((2 * n, h_n), dtype=np.float32)
    for f, b in zip(fwd, bwd, strict=True):
        a = len(f)
        at = np.concatenate([f, b + n])
        g = gates[at].reshape(2, a, -1)
        g += np.matmul(h[:, :a], w_hh)
        np.tanh(g, out=g)  # i, f, o: 2 sigmoid - 1 (their weights are halved); the cell: tanh
        sig = g[..., : 3 * h_n]
        sig += 1.0
        sig *= 0.5
        ca = c[:, :a]
        ca *= sig[..., h_n : 2 * h_n]
        ca += sig[..., :h_n] * g[..., 3 * h_n :]
        ha = sig[..., 2 * h_n :] * np.tanh(ca)
        h[:, :a] = ha
        hid[at] = ha.reshape(2 * a, h_n)
    return hid


class ContextLM:
    """The two language models of a network file (`lm_*` arrays); `states` is all it does."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        import numpy as np

        a = arrays
        h = a["lm_w_hh_f"].shape[1]
        order, half = gate_order(h)
        self.w_vec: list[np.ndarray] = []  # vector part of the gates, per direction
        self.kind_gates: list[np.ndarray] = []  # each kind's part plus the biases, per direction
        for d in ("f", "b"):
            w = a[f"lm_w_ih_{d}"].astype(np.float32)[order].T * half  # in x 4h
            b = a[f"lm_b_{d}"].astype(np.float32)[order] * half
            kind = a[f"lm_kind_emb_{d}"].astype(np.float32)  # 3 kinds x their dimension
            dk = kind.shape[1]
            self.w_vec.append(np.ascontiguousarray(w[:-dk]))
            self.kind_gates.append(kind @ w[-dk:] + b)
        self.w_hh = np.stack([a[f"lm_w_hh_{d}"].astype(np.float32)[order].T * half for d in ("f", "b")])
        self.hidden = h
        self.dim = 2 * h

    def states(
        self,
        vectors: np.ndarray,
        known: np.ndarray,
        lens: np.ndarray,
        fwd: list[np.ndarray],
        bwd: list[np.ndarray],
        index: np.ndarray | None = None,
    ) -> np.ndarray:
        """Per token (n x 2 h): the forward model's state after the words before it and the backward
        model's after the words after it. `vectors` and `known` (whether a word has a vector) of the
        tokens of sentences of lengths `lens`, one after the other, or with `index` (token -> row) of
        each distinct word once; `fwd`/`bwd` the sentences' steps (`app.ner.neural._steps`)."""
        import numpy as np

        kinds = np.where(known, KIND_WORD, KIND_UNKNOWN)
        parts = []
        for d in range(2):
            x = vectors @ self.w_vec[d]
            x += self.kind_gates[d][kinds]
            parts.append(x if index is None else x[index])
        xf, xb = parts
        n = len(xf)
        ends = np.cumsum(lens)
        gates = np.empty((2 * n, 4 * self.hidden), dtype=np.float32)
        # forward: token t's state has read the words up to t - 1 (a sentence's first: the boundary)
        gates[1:n] = xf[:-1]
        gates[ends - lens] = self.kind_gates[0][KIND_BOUNDARY]
        # backward: token t's state has read the words from the end back to t + 1
        gates[n : 2 * n - 1] = xb[1:]
        gates[n + ends - 1] = self.kind_gates[1][KIND_BOUNDARY]
        hid = run_lstm(gates, fwd, bwd, self.w_hh)
        return np.concatenate([hid[:n], hid[n:]], axis=1)
