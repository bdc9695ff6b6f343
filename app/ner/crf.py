"""Linear-chain CRF tagging in numpy: the bundled recognizer's tagger.

crfsuite's own tagger turns every feature of every token into a C++ string and looks it up in the
model (about 0.25 µs each, some 35 a token): half of the recognizer's time went there. Here the CRF's
weights, exported when the model is trained (`export_weights`), are a matrix with one row per attribute.
The features a word form brings (as the token itself, and as the neighbour at -2, -1, +1, +2) are
summed once per word form into rows of a growing table, so a token's label scores are the sum of about
ten rows, and Viterbi runs over all sentences of a document at once.

The tags are crfsuite's: the weights are read exactly from the model file (crfsuite's own dump prints
them with 6 decimals only), ties go to the lower label id as in crfsuite, and only the order in which a
token's weights are added differs. tests/unit/test_crf.py checks against crfsuite's tagger.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from itertools import chain, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.ner.features import TABLE_GENERATIONS

if TYPE_CHECKING:
    import numpy as np

    from app.ner.features import Atom, FeatureExtractor, TypeInfo

WEIGHTS_FILE = "crf_weights.npz"
# Rows summed per distinct feature tuple; past this many (72 bytes a row) the table starts over
# before the next document.
_MAX_ROWS = 200_000


def export_weights(crf_path: Path, out: Path) -> list[str]:
    """Write the weights of the crfsuite model `crf_path` to `out` (`.npz`: `state`, `trans`, `names`).

    `state` has a zero row 0, then one row per attribute that has a weight, in sorted order of the
    attribute names; columns are labels in crfsuite's label-id order. `names` is those attribute names,
    UTF-8, one a line (a feature never holds a line break: tokens hold no white space). Returns the labels.
    """
    import numpy as np
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    try:
        info = tagger.info()  # names and ids (its weights are printed with 6 decimals only)
    finally:
        tagger.close()
    label_of = {int(i): lab for lab, i in info.labels.items()}
    attr_of = {int(i): name for name, i in info.attributes.items()}
    labels = [label_of[i] for i in range(len(label_of))]
    attributes = sorted({attr for attr, _ in info.state_features})
    row = {a: i + 1 for i, a in enumerate(attributes)}
    state = np.zeros((len(attributes) + 1, len(labels)), dtype=np.float64)
    trans = np.zeros((len(labels), len(labels)), dtype=np.float64)
    n_state = n_trans = 0
    for kind, src, dst, w in _crfsuite_features(crf_path.read_bytes()):
        if kind == 0:  # attribute src -> label dst
            state[row[attr_of[src]], dst] = w
            n_state += 1
        elif kind == 1:  # label src -> label dst
            trans[src, dst] = w
            n_trans += 1
        printed = info.state_features.get((attr_of[src], label_of[dst])) if kind == 0 else None
        if printed is not None and abs(printed - w) > 1e-6:
            raise ValueError(f"{crf_path}: weight {w} read where crfsuite prints {printed}")
    if (n_state, n_trans) != (len(info.state_features), len(info.transitions)):
        raise ValueError(f"{crf_path}: read {n_state}+{n_trans} features, crfsuite lists more or fewer")
    names = np.frombuffer("\n".join(attributes).encode(), dtype=np.uint8)
    write_arrays(out, {"state": state, "trans": trans, "names": names})
    return labels


def _crfsuite_features(data: bytes) -> list[tuple[int, int, int, float]]:
    """The `(type, source id, destination id, weight)` of every feature of a crfsuite CRF1d model
    file (its FEAT chunk: little-endian uint32 type, source, destination and a float64 weight)."""
    import struct

    magic, _size, kind, _version, _nf, _nl, _na, off = struct.unpack_from("<4sI4sIIIII", data, 0)
    chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off)
    if magic != b"lCRF" or kind != b"FOMC" or chunk != b"FEAT":
        raise ValueError("not a crfsuite CRF1d model")
    return list(struct.iter_unpack("<IIId", data[off + 12 : off + 12 + 20 * count]))


# an array whose deflated bytes are over this share of its own is stored as it is: inflating the
# int8 word vectors (5 MB that deflate to 95%) was a tenth of the model's load time
_WORTH_DEFLATING = 0.9


def write_arrays(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Write `arrays` as an .npz archive that `np.load` (and `read_arrays`) reads: each array
    deflated, unless that saves under a tenth of its size. The entries carry a fixed date, so the
    same arrays give the same bytes."""
    import io
    import zlib

    import numpy as np

    with zipfile.ZipFile(path, "w") as zf:
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(array), allow_pickle=False)
            data = buf.getvalue()
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            deflated = len(zlib.compress(data, 6)) < _WORTH_DEFLATING * len(data)
            info.compress_type = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
            zf.writestr(info, data)


def read_arrays(path: Path, what: str) -> dict[str, np.ndarray]:
    """Every array of the .npz archive `path`; ValueError (naming `what` it should hold) when it is
    not one, OSError when it cannot be read."""
    import numpy as np

    try:
        z = np.load(path, allow_pickle=False)
        if not isinstance(z, np.lib.npyio.NpzFile):  # a plain .npy array
            raise ValueError(f"{path} is not a {what} archive")
        with z:
            return {k: z[k] for k in z.files}
    except (EOFError, KeyError, zipfile.BadZipFile) as err:
        raise ValueError(f"{path} is not a {what} file: {err}") from err


class CrfTagger:
    """Tags whole documents with the exported weights (see the module docstring)."""

    def __init__(
        self, state: np.ndarray, trans: np.ndarray, labels: Sequence[str], names: Sequence[str]
    ) -> None:
        import numpy as np

        self._np = np
        # attribute name -> its row of `state` (from 1: row 0 is zeros, for "no feature")
        self.attribute_rows = dict(zip(names, range(1, len(names) + 1), strict=True))
        self.state = state
        self.trans = trans
        self.labels = list(labels)
        self._label_array = np.array(self.labels, dtype=object)
        n_labels = state.shape[1]
        self._table = np.zeros((1024, n_labels), dtype=np.float64)
        self._index: dict[tuple[Any, ...], int] = {(): 0}
        self.generation = next(TABLE_GENERATIONS)

    @classmethod
    def load(cls, path: Path, labels: Sequence[str]) -> CrfTagger:
        """The tagger of a weights file written by `export_weights` (raises OSError/ValueError if bad)."""

        arrays = read_arrays(path, "weights")
        try:
            state, trans = arrays["state"], arrays["trans"]
            names = arrays["names"].tobytes().decode().split("\n")
        except (KeyError, UnicodeDecodeError) as err:
            raise ValueError(f"{path} is not a weights file: {err}") from err
        n = len(labels)
        if state.ndim != 2 or state.shape[1] != n or trans.shape != (n, n):
            raise ValueError(f"{path}: weights do not match the {n} labels")
        if len(state) != len(names) + 1:
            raise ValueError(f"{path}: {len(state) - 1} weight rows for {len(names)} attributes")
        return cls(state, trans, labels, names)

    # -- rows: summed weights of feature tuples -------------------------------------------------
    def rows(self, keys: Sequence[tuple[Atom, ...]]) -> list[int]:
        """The table row holding the summed weights of each tuple of attribute rows in `keys`."""
        index = self._index
        new = list({k: None for k in keys if k not in index})
        if new:
            np = self._np
            lens = [len(k) for k in new]
            flat = np.fromiter(chain.from_iterable(new), dtype=np.intp, count=sum(lens))
            offsets = np.zeros(len(new), dtype=np.intp)
            np.cumsum(lens[:-1], out=offsets[1:])
            first = len(index)
            need = first + len(new)
            if need > len(self._table):
                grown = np.zeros((max(need, 2 * len(self._table)), self._table.shape[1]))
                grown[:first] = self._table[:first]
                self._table = grown
            # no key is empty (the empty tuple is row 0), so no segment of reduceat is empty
            self._table[first:need] = np.add.reduceat(self.state[flat], offsets, axis=0)
            for i, k in enumerate(new):
                index[k] = first + i
        return [index[k] for k in keys]

    def _reset(self) -> None:
        self._index = {(): 0}
        self.generation = next(TABLE_GENERATIONS)

    def word_rows(self, infos: Sequence[TypeInfo]) -> None:
        """Give each word form its rows (`TypeInfo.rows`) if it has none of this table's generation."""
        gen = self.generation
        todo = [x for x in {id(x): x for x in infos}.values() if not x.rows or x.rows[0] != gen]
        if not todo:
            return
        keys = [k for x in todo for k in (x.bself, x.bm2, x.bm1, x.bp1, x.bp2)]
        rows = self.rows(keys)
        for i, x in enumerate(todo):
            x.rows = (gen, *rows[5 * i : 5 * i + 5])

    # -- documents ----------------------------------------------------------------------------
    def tag_document(
        self,
        extractor: FeatureExtractor,
        infos: list[list[TypeInfo]],
        gms: list[list[list[str]]],
        cue_lists: Mapping[str, list[str]],
    ) -> list[list[str]]:
        """The Viterbi labels of every sentence of a document (`infos`, `gms`, `cue_lists` as given by
        `extractor.infos` and `extractor.context`); the extractor must have been made with `ids`."""
        if not any(infos):
            return [[] for _ in infos]
        scores, lens = self.score_document(extractor, infos, gms, cue_lists)
        return self.best_labels(infos, scores, lens)

    def best_labels(
        self,
        infos: Sequence[Sequence[TypeInfo]],
        scores: np.ndarray,
        lens: np.ndarray,
        trans: np.ndarray | None = None,
    ) -> list[list[str]]:
        """The Viterbi labels of each sentence of `infos` (`[]` for an empty one) from the `scores` and
        `lens` of its non-empty sentences (as `score_document` gives them), with the transition
        weights `trans` (default: this CRF's)."""
        names = self._label_array
        paths = iter(viterbi(scores, lens, self.trans if trans is None else trans))
        return [names[next(paths)].tolist() if s else [] for s in infos]

    def score_document(
        self,
        extractor: FeatureExtractor,
        infos: list[list[TypeInfo]],
        gms: list[list[list[str]]],
        cue_lists: Mapping[str, list[str]],
    ) -> tuple[np.ndarray, np.ndarray]:
        """The label scores of every token of the document's non-empty sentences (tokens x labels,
        one sentence after the other) and the lengths of those sentences (see `tag_document`)."""
        np = self._np
        sents = [s for s in infos if s]
        if not sents:
            return np.zeros((0, len(self.labels))), np.zeros(0, dtype=np.intp)
        if len(self._index) > _MAX_ROWS:  # start over between documents, never within one
            self._reset()
        flat_infos = [x for s in sents for x in s]
        self.word_rows(flat_infos)
        atom = extractor.atom
        known = extractor.known
        assert known is not None and extractor.ids is not None, "the extractor needs the weight rows"
        bos = self.rows([(atom("BOS"),) if "BOS" in known else ()])[0]
        eos = self.rows([(atom("EOS"),) if "EOS" in known else ()])[0]
        lens = np.array([len(s) for s in sents], dtype=np.intp)
        n = int(lens.sum())
        r = np.array([x.rows for x in flat_infos], dtype=np.intp)
        starts = np.zeros(len(sents), dtype=np.intp)
        np.cumsum(lens[:-1], out=starts[1:])
        pos = np.arange(n) - np.repeat(starts, lens)  # position in its sentence
        left = np.repeat(lens, lens) - pos - 1  # tokens after it in its sentence
        cols = [r[:, 1]]
        # the neighbours' contributions: a token gets the row of the token before it for -1 ...
        m1 = np.empty(n, dtype=np.intp)
        m1[1:] = r[:-1, 3]
        m1[pos == 0] = bos
        m2 = np.zeros(n, dtype=np.intp)
        m2[2:] = r[:-2, 2]
        m2[pos < 2] = 0
        p1 = np.empty(n, dtype=np.intp)
        p1[:-1] = r[1:, 4]
        p1[left == 0] = eos
        p2 = np.zeros(n, dtype=np.intp)
        p2[:-2] = r[2:, 5]
        p2[left < 2] = 0
        cols += [m1, m2, p1, p2]
        # word pairs, list matches and document cues: rows of their atoms, in Python
        pair_keys: list[tuple[Atom, ...]] = []
        extra_keys: list[tuple[Atom, ...]] = []
        bigram = extractor.bigram_atoms
        for s, gm in zip(infos, gms, strict=True):
            if not s:
                continue
            k = len(s)
            bgs = [bigram(a.norm + "|" + b.norm) for a, b in pairwise(s)]
            # token i: bg-= of pair (i-1, i), bg+= of pair (i, i+1)
            pair_keys += [
                (*(bgs[i - 1][0] if i else ()), *(bgs[i][1] if i < k - 1 else ())) for i in range(k)
            ]
            if any(gm):
                g_self = [tuple(atom(g) for g in gs if g in known) for gs in gm]
                g_left = [(), *(tuple(atom(f) for g in gs if (f := "-1:" + g) in known) for gs in gm[:-1])]
                g_right = [*(tuple(atom(f) for g in gs if (f := "+1:" + g) in known) for gs in gm[1:]), ()]
                extra = [(*a, *b, *c) for a, b, c in zip(g_self, g_left, g_right, strict=True)]
            else:
                extra = [()] * k
            if cue_lists:
                extra = [
                    (*e, *(atom(c) for c in cue_lists.get(x.stem, ()))) if x.stem in cue_lists else e
                    for e, x in zip(extra, s, strict=True)
                ]
            extra_keys += extra
        cols.append(np.array(self.rows(pair_keys), dtype=np.intp))
        cols.append(np.array(self.rows(extra_keys), dtype=np.intp))
        table = self._table
        scores = table[cols[0]]
        for c in cols[1:]:
            scores += table[c]
        return scores, lens


def viterbi(scores: np.ndarray, lens: np.ndarray, trans: np.ndarray) -> list[np.ndarray]:
    """The best label ids of each sentence: `scores` (tokens x labels) holds the sentences one after
    the other, `lens` their lengths, `trans[a, b]` the weight of label a followed by b. All sentences
    advance together, longest first; a tie goes to the lower label id, as in crfsuite."""
    import numpy as np

    n_s = len(lens)
    if n_s == 0:
        return []
    n_labels = scores.shape[1]
    order = np.argsort(-lens, kind="stable")
    slens = lens[order]
    maxlen = int(slens[0])
    starts = np.zeros(n_s, dtype=np.intp)
    np.cumsum(lens[:-1], out=starts[1:])
    # padded scores, sentences sorted by length (longest first)
    padded = np.zeros((n_s, maxlen, n_labels))
    idx_s = np.repeat(np.arange(n_s), slens)
    idx_t = np.arange(len(idx_s)) - np.repeat(np.cumsum(slens) - slens, slens)
    padded[idx_s, idx_t] = scores[np.repeat(starts[order], slens) + idx_t]
    # active[t]: how many sentences are longer than t (a prefix of the sorted order)
    active = (slens[None, :] > np.arange(maxlen)[:, None]).sum(axis=1)
    delta = padded[:, 0].copy()
    back = np.zeros((n_s, maxlen, n_labels), dtype=np.intp)
    for t in range(1, maxlen):
        k = int(active[t])
        cand = delta[:k, :, None] + trans  # [sentence, from, to]
        best = cand.argmax(axis=1)
        back[:k, t] = best
        delta[:k] = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + padded[:k, t]
    path = np.zeros((n_s, maxlen), dtype=np.intp)
    cur = delta.argmax(axis=1)
    rows = np.arange(n_s)
    for t in range(maxlen - 1, -1, -1):
        k = int(active[t])
        path[:k, t] = cur[:k]
        if t:
            cur[:k] = back[rows[:k], t, cur[:k]]
    out: list[np.ndarray] = [path[0, :0]] * n_s
    for j, si in enumerate(order.tolist()):
        out[si] = path[j, : slens[j]]
    return out
