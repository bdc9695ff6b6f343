"""Word representations for the bundled recognizer: word2vec vectors clustered into ids (training only).

Pipeline (each step cached under `cache/`, so retraining the recognizer is fast):

1. `prepare_corpus`: the unlabeled `*.txt.xz` news files, tokenized like the app tokenizes and normalized,
   one paragraph a line, into `cache/w2v_corpus.txt` (never committed: it is the corpora's text).
2. `train_vectors`: gensim skip-gram word2vec over that file -> `cache/w2v_<params>.kv`.
3. `cluster_words`: seeded MiniBatchKMeans at several granularities -> a word -> cluster-ids table.

Only the table (words and small integers) ships in `resources/models/`. gensim and scikit-learn are
imported here only, never at run time.
"""

from __future__ import annotations

import lzma
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from app.text.normalize import normalize
from app.text.tokenize import TOKEN_RE

Progress = Callable[[str], None]

DEFAULT_KS: tuple[int, ...] = (64, 256, 1024)


def unlabeled_sources(unlabeled: Path) -> list[Path]:
    """The unlabeled news files: `unlabeled` itself if it is a file, else its `*.txt.xz` files then
    its `*.txt` files, each sorted."""
    if not unlabeled.is_dir():
        return [unlabeled]
    return sorted(unlabeled.glob("*.txt.xz")) + sorted(unlabeled.glob("*.txt"))


def open_text(path: Path) -> IO[str]:
    """`path` opened for reading UTF-8 text, through lzma when it ends in `.xz`."""
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _say(progress: Progress | None, msg: str) -> None:
    if progress is not None:
        progress(msg)


TIMES_FILE = "wordrep_times.json"


def record_time(cache: Path, step: str, seconds: float) -> None:
    """Remember how long a cached step took, for the model card of later (cached) runs."""
    import json

    p = cache / TIMES_FILE
    times = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
    times[step] = round(seconds, 1)
    p.write_text(json.dumps(times, indent=2) + "\n", encoding="utf-8")


def recorded_times(cache: Path) -> dict[str, float]:
    import json

    p = cache / TIMES_FILE
    return dict(json.loads(p.read_text(encoding="utf-8"))) if p.exists() else {}


def normalized_tokens(line: str) -> list[str]:
    """The tokens of a line as the recognizer sees them: app tokenizer, then `normalize`."""
    return TOKEN_RE.findall(normalize(line))


def prepare_corpus(
    sources: Sequence[Path], out: Path, progress: Progress | None = None, max_lines: int | None = None
) -> Path:
    """Tokenize and normalize the unlabeled files into `out` (skipped when `out` already exists)."""
    if out.exists():
        _say(progress, f"word2vec corpus: using cached {out}")
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    n_lines = n_tokens = 0
    t0 = time.perf_counter()
    with tmp.open("w", encoding="utf-8") as w:
        for src in sources:
            with open_text(src) as f:
                for line in f:
                    toks = normalized_tokens(line)
                    if not toks:
                        continue
                    w.write(" ".join(toks))
                    w.write("\n")
                    n_lines += 1
                    n_tokens += len(toks)
                    if n_lines % 100_000 == 0:
                        _say(
                            progress,
                            f"word2vec corpus: {n_lines:,} lines, {n_tokens:,} tokens "
                            f"({time.perf_counter() - t0:.0f}s)",
                        )
                    if max_lines is not None and n_lines >= max_lines:
                        break
            if max_lines is not None and n_lines >= max_lines:
                break
    tmp.rename(out)
    record_time(out.parent, "corpus_seconds", time.perf_counter() - t0)
    _say(progress, f"word2vec corpus: {n_lines:,} lines, {n_tokens:,} tokens -> {out}")
    return out


def train_vectors(
    corpus: Path,
    out: Path,
    *,
    vector_size: int = 100,
    window: int = 5,
    min_count: int = 5,
    epochs: int = 2,
    workers: int = 2,
    seed: int = 13,
    progress: Progress | None = None,
) -> Any:
    """Skip-gram word2vec over `corpus` (one tokenized paragraph a line); cached as KeyedVectors at `out`."""
    from gensim.models import KeyedVectors, Word2Vec

    if out.exists():
        _say(progress, f"word2vec: using cached vectors {out}")
        return KeyedVectors.load(str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    _say(progress, f"word2vec: training skip-gram dim={vector_size} epochs={epochs} workers={workers}")
    model = Word2Vec(
        corpus_file=str(corpus),
        vector_size=vector_size,
        window=window,
        min_count=min_count,
        sg=1,
        negative=5,
        sample=1e-4,
        epochs=epochs,
        workers=workers,
        seed=seed,
    )
    kv = model.wv
    kv.save(str(out))
    record_time(out.parent, "word2vec_seconds", time.perf_counter() - t0)
    _say(progress, f"word2vec: {len(kv):,} words in {time.perf_counter() - t0:.0f}s -> {out}")
    return kv


def cluster_words(
    kv: Any,
    ks: Sequence[int] = DEFAULT_KS,
    max_words: int | None = 150_000,
    seed: int = 13,
    progress: Progress | None = None,
) -> dict[str, tuple[int, ...]]:
    """word -> (cluster id at each k), for the `max_words` most frequent words (seeded MiniBatchKMeans)."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans

    words = list(kv.index_to_key[:max_words] if max_words else kv.index_to_key)
    vecs = np.asarray(kv.vectors[: len(words)], dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs = vecs / np.maximum(norms, 1e-8)
    ids: list[Any] = []
    for k in ks:
        t0 = time.perf_counter()
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
        ids.append(km.fit_predict(vecs))
        _say(progress, f"clusters: k={k} over {len(words):,} words in {time.perf_counter() - t0:.0f}s")
    return {w: tuple(int(col[i]) for col in ids) for i, w in enumerate(words)}


def write_cluster_table(table: dict[str, tuple[int, ...]], ks: Sequence[int], out: Path) -> None:
    """`word<TAB>id1 id2 ...` lines, with a header line `#ks<TAB>k1 k2 ...`."""
    with out.open("w", encoding="utf-8") as f:
        f.write("#ks\t" + " ".join(str(k) for k in ks) + "\n")
        for w, ids in table.items():
            f.write(w + "\t" + " ".join(str(i) for i in ids) + "\n")


def build_cluster_table(
    unlabeled: Path,
    cache: Path,
    ks: Sequence[int] = DEFAULT_KS,
    *,
    epochs: int = 2,
    vector_size: int = 100,
    workers: int = 2,
    max_lines: int | None = None,
    progress: Progress | None = None,
) -> dict[str, tuple[int, ...]]:
    """The whole pipeline from the unlabeled folder (or one file) to the word -> cluster ids table."""
    sources = unlabeled_sources(unlabeled)
    if not sources:
        raise FileNotFoundError(f"no *.txt.xz or *.txt files in {unlabeled}")
    tag = f"{max_lines or 'all'}"
    corpus = prepare_corpus(sources, cache / f"w2v_corpus_{tag}.txt", progress, max_lines)
    kv = train_vectors(
        corpus,
        cache / f"w2v_{tag}_d{vector_size}_e{epochs}.kv",
        vector_size=vector_size,
        epochs=epochs,
        workers=workers,
        progress=progress,
    )
    cached = cache / f"clusters_{tag}_d{vector_size}_e{epochs}_k{'-'.join(map(str, ks))}.tsv"
    if cached.exists():
        _say(progress, f"clusters: using cached {cached}")
        return read_cluster_file(cached)
    t0 = time.perf_counter()
    table = cluster_words(kv, ks, progress=progress)
    record_time(cache, "kmeans_seconds", time.perf_counter() - t0)
    write_cluster_table(table, ks, cached)
    return table


def load_vectors(unlabeled: Path, cache: Path, *, epochs: int = 2, vector_size: int = 100) -> Any:
    """The cached word2vec vectors that `build_cluster_table` made (None when there are none)."""
    from gensim.models import KeyedVectors

    p = cache / f"w2v_all_d{vector_size}_e{epochs}.kv"
    return KeyedVectors.load(str(p)) if p.exists() else None


NN_TYPES = ("PERS", "LOC", "ORG")


def neighbour_labels(
    kv: Any,
    labelled: dict[str, dict[str, int]],
    *,
    k: int = 20,
    max_words: int | None = 150_000,
    progress: Progress | None = None,
) -> dict[str, str]:
    """word -> features saying which entity types its nearest labelled neighbours have.

    `labelled` maps a normalized training word to its tag-type counts (`O`, `PERS`...). Each vocabulary
    word's `k` most similar labelled words (cosine, the word itself excluded, so a training word's own
    label never leaks into its feature) vote with their majority type; a type with at least 20% of the
    votes gives `nnTYPE=<votes in fifths>`. Words with no such type get nothing.
    """
    import numpy as np

    words = list(kv.index_to_key[:max_words] if max_words else kv.index_to_key)
    anchors = [w for w in labelled if w in kv.key_to_index]
    if not anchors or not words:
        return {}
    t0 = time.perf_counter()
    lab = np.array(
        [
            NN_TYPES.index(t) if t in NN_TYPES else -1
            for t in (max(labelled[a].items(), key=lambda kv_: (kv_[1], kv_[0] != "O"))[0] for a in anchors)
        ]
    )
    A = np.asarray(kv[anchors], dtype=np.float32)
    A /= np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-8)
    anchor_row = {w: i for i, w in enumerate(anchors)}
    out: dict[str, str] = {}
    step = 1024
    kk = min(k + 1, len(anchors))
    for start in range(0, len(words), step):
        chunk = words[start : start + step]
        W = np.asarray(kv[chunk], dtype=np.float32)
        W /= np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-8)
        sims = W @ A.T
        for r, w in enumerate(chunk):
            own = anchor_row.get(w)
            if own is not None:
                sims[r, own] = -2.0
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        for r, w in enumerate(chunk):
            idx = top[r]
            idx = idx[np.argsort(-sims[r, idx])]
            idx = idx[sims[r, idx] > -1.5][:k]  # never the word itself
            if len(idx) == 0:
                continue
            votes = lab[idx]
            feats = []
            for t_i, t in enumerate(NN_TYPES):
                frac = float((votes == t_i).sum()) / len(idx)
                if frac >= 0.2:
                    feats.append(f"nn{t}={min(int(frac * 5), 5)}")
            if feats:
                out[w] = " ".join(feats)
    _say(
        progress, f"neighbour labels: {len(out):,} of {len(words):,} words in {time.perf_counter() - t0:.0f}s"
    )
    return out


def read_cluster_file(path: Path) -> dict[str, tuple[int, ...]]:
    table: dict[str, tuple[int, ...]] = {}
    with path.open(encoding="utf-8") as f:
        next(f)
        for line in f:
            w, _, ids = line.rstrip("\n").partition("\t")
            table[w] = tuple(map(int, ids.split()))
    return table


if __name__ == "__main__":
    import argparse
    import sys

    ap = argparse.ArgumentParser(description="Build word2vec vectors and clusters into cache/.")
    ap.add_argument("--unlabeled", type=Path, default=Path("../shared/data/unlabeled"))
    ap.add_argument("--cache", type=Path, default=Path("cache"))
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--max-lines", type=int, default=None)
    a = ap.parse_args()

    def _p(m: str) -> None:
        print(time.strftime("%H:%M:%S"), m, file=sys.stderr, flush=True)

    t = build_cluster_table(a.unlabeled, a.cache, epochs=a.epochs, max_lines=a.max_lines, progress=_p)
    write_cluster_table(t, DEFAULT_KS, a.cache / "clusters_preview.tsv")
