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
from typing import Any

from app.text.normalize import normalize
from app.text.tokenize import TOKEN_RE

Progress = Callable[[str], None]

DEFAULT_KS: tuple[int, ...] = (64, 256, 1024)


def _say(progress: Progress | None, msg: str) -> None:
    if progress is not None:
        progress(msg)


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
            opener = lzma.open if src.suffix == ".xz" else open
            with opener(src, "rt", encoding="utf-8") as f:
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
    sources = (
        sorted(unlabeled.glob("*.txt.xz")) + sorted(unlabeled.glob("*.txt"))
        if unlabeled.is_dir()
        else [unlabeled]
    )
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
    table = cluster_words(kv, ks, progress=progress)
    write_cluster_table(table, ks, cached)
    return table


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
