"""Benchmark of the bundled recognizer: `python tests/bench/ner.py [ARTICLE] [--repeat N]`.

Prints the model load time, the tokens per second of `BundledRecognizer.recognize` on one thread
(`seeds/long_article.txt`, or the seed article repeated when that is absent), and the ratio of that time
to merely tokenizing the same text (the tokenizer the recognizer uses, sentences split the same way).
Ends with `tokens/s: N` and `ratio: N`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# one thread for every library that might start a pool
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

from app.text.tokenize import split_sentences, tokenize  # noqa: E402


def _tokenize_only(text: str) -> int:
    n = 0
    pos = 0
    for line in text.split("\n"):
        for s in split_sentences(tokenize(line, pos)):
            n += len(s)
        pos += len(line) + 1
    return n


def _best(fn: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("article", nargs="?", type=Path, default=ROOT / "seeds" / "long_article.txt")
    ap.add_argument("--repeat", type=int, default=10, help="timed runs; the best is reported")
    args = ap.parse_args()

    if args.article.exists():
        text = args.article.read_text(encoding="utf-8")
        label = str(args.article.relative_to(ROOT) if args.article.is_relative_to(ROOT) else args.article)
    else:
        seed = (ROOT / "seeds" / "000_a8c034b26b330cb6.txt").read_text(encoding="utf-8")
        text = "\n".join([seed] * 14)
        label = "seed article x14 (long_article.txt absent)"

    t0 = time.perf_counter()
    from app.ner.bundled import BundledRecognizer

    import_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    rec = BundledRecognizer.load()
    load_ms = (time.perf_counter() - t0) * 1000

    n_tokens = _tokenize_only(text)
    t_first = time.perf_counter()
    spans = rec.recognize(text)
    first = time.perf_counter() - t_first
    # interleaved, so both see the same machine load; the best run of each counts
    t_rec = t_tok = float("inf")
    for _ in range(args.repeat):
        t_rec = min(t_rec, _best(lambda: rec.recognize(text), 1))
        t_tok = min(t_tok, _best(lambda: _tokenize_only(text), 3))

    if rec.network is None:
        net = "CRF alone"
    elif rec.crf_weight > 0:
        net = f"CRF + BiLSTM-CRF (CRF weight {rec.crf_weight:g})"
    else:
        net = "BiLSTM-CRF (CRF weight 0: the network alone)"
    print(f"recognizer: {net}")
    print(f"article: {label}, {len(text):,} characters, {n_tokens:,} tokens, {len(spans)} entity spans")
    print(f"import: {import_ms:.0f} ms")
    print(f"model load: {load_ms:.0f} ms")
    print(f"first recognize (cold caches): {first * 1000:.0f} ms")
    print(f"recognize (best of {args.repeat}): {t_rec * 1000:.1f} ms")
    print(f"tokenize only (best of {args.repeat}): {t_tok * 1000:.1f} ms")
    print(f"tokens/s: {n_tokens / t_rec:.0f}")
    print(f"ratio: {t_rec / t_tok:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
