"""Library benchmark: import rate with recognition, search latency, store size.

    python tests/bench/library.py                    # 20,000 articles, bundled recognizer
    python tests/bench/library.py --articles 2000    # smaller
    python tests/bench/library.py --recognizer none  # storage only (no recognition)

Articles are made from real Arabic news text: consecutive lines of ../shared/data/unlabeled/
saudinewsnet.txt.xz (or, failing that, sentences of ../shared/data/anercorp/train.txt joined), written
as .txt files to a temporary folder (deleted afterwards; nothing from the corpora is kept) and imported
with `import_paths`, exactly as `python -m app import` does. Then a fixed set of queries is run
(each several times) and the latency percentiles are printed. Goals: import >= 50 articles/s with
recognition, search p95 <= 50 ms. The last two lines are `import rate: N articles/s` and
`search p95: N ms`.
"""

from __future__ import annotations

import argparse
import lzma
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.core.models import EntitySpan  # noqa: E402
from app.ner.base import Recognizer  # noqa: E402

SHARED = Path(os.environ.get("QARI_SHARED", ROOT.parent / "shared"))
UNLABELED = SHARED / "data" / "unlabeled" / "saudinewsnet.txt.xz"
ANERCORP = SHARED / "data" / "anercorp" / "train.txt"

QUERIES: tuple[str, ...] = (
    "السعودية",
    "الرياض",
    "بالرياض",
    "وزير",
    "العراق",
    "واشنطن",
    "النفط",
    "المملكة",
    "الملك سلمان",
    '"ولي العهد"',
    '"الأمم المتحدة"',
    '"مجلس الوزراء"',
    "التعليم الجامعي",
    "الهلال",
    "كرة القدم",
    "الاقتصاد",
    "مستشفى",
    "أمطار",
    "جدة",
    "الإرهاب",
)


def _unlabeled_lines() -> Iterator[str]:
    with lzma.open(UNLABELED, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield line


def _anercorp_sentences() -> Iterator[str]:
    words: list[str] = []
    with ANERCORP.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                if words:
                    yield " ".join(words)
                    words = []
                continue
            words.append(line.split()[0])
    if words:
        yield " ".join(words)


def make_articles(n: int, paragraphs: int = 6) -> list[str]:
    """`n` article texts of `paragraphs` lines each (the corpus is cycled with a shift if too small)."""
    if UNLABELED.exists():
        source = "unlabeled/saudinewsnet.txt.xz"
        lines = list(_take(_unlabeled_lines(), n * paragraphs))
    elif ANERCORP.exists():
        source = "anercorp/train.txt"
        sents = list(_anercorp_sentences())
        lines = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    else:
        raise SystemExit(f"no corpus found under {SHARED / 'data'}")
    print(f"text: {source}, {len(lines)} paragraphs", file=sys.stderr)
    out: list[str] = []
    i = 0
    round_ = 0
    while len(out) < n:
        if i + paragraphs > len(lines):
            i = 0
            round_ += 1
            lines = lines[1:] + lines[:1]  # a shifted cycle makes new, distinct texts
        chunk = lines[i : i + paragraphs]
        i += paragraphs
        if round_:
            chunk = [*chunk, f"({round_})"]
        out.append("\n".join(chunk))
    return out


def _take(it: Iterator[str], n: int) -> Iterator[str]:
    for k, x in enumerate(it):
        if k >= n:
            return
        yield x


class TimedRecognizer(Recognizer):
    """Forwards to a recognizer and adds up the time spent recognizing."""

    def __init__(self, inner: Recognizer) -> None:
        self.inner = inner
        self.name = inner.name
        self.types = inner.types
        self.seconds = 0.0
        self.spans = 0

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return self.inner.tag_sentences(sentences)

    def recognize(self, text: str) -> list[EntitySpan]:
        t0 = time.perf_counter()
        spans = self.inner.recognize(text)
        self.seconds += time.perf_counter() - t0
        self.spans += len(spans)
        return spans


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20000, help="articles to import (default 20000)")
    parser.add_argument("--recognizer", default="bundled", help="bundled, camel or none (default bundled)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query (default 5)")
    parser.add_argument("--keep", metavar="DIR", help="build the library in DIR and keep it")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes that read and recognize (default 1; see import)"
    )
    args = parser.parse_args(argv)
    # Killed with SIGTERM: still delete the temporary folder of corpus text.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    from app.store.importer import import_paths
    from app.store.library import Library

    rec: TimedRecognizer | None = None
    if args.recognizer != "none":
        from app.ner.base import get_recognizer

        t0 = time.perf_counter()
        rec = TimedRecognizer(get_recognizer(args.recognizer))
        print(f"recognizer: {args.recognizer} (loaded in {time.perf_counter() - t0:.2f} s)")
    else:
        print("recognizer: none (storage only)")
    print(f"workers: {args.workers}, CPU cores: {os.cpu_count()}")

    work = Path(tempfile.mkdtemp(prefix="qari-bench-"))
    data = Path(args.keep) if args.keep else work / "data"
    try:
        texts = make_articles(args.articles)
        folder = work / "articles"
        folder.mkdir()
        for k, text in enumerate(texts):
            (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
        chars = sum(len(t) for t in texts)
        print(f"articles: {len(texts)} ({chars / len(texts):.0f} characters each on average)")

        last = [0.0]

        def progress(done: int, total: int, _p: Path) -> None:
            now = time.perf_counter()
            if now - last[0] > 5 or done == total:
                last[0] = now
                print(f"\r  imported {done}/{total}", end="", file=sys.stderr, flush=True)

        with Library.open(data) as lib:
            t0 = time.perf_counter()
            # Worker processes load the recognizer by name (the timing wrapper stays in this one).
            named = args.recognizer if args.recognizer != "none" else None
            report = import_paths(
                [folder],
                library=lib,
                recognizer=rec if args.workers == 1 else named,
                progress=progress,
                workers=args.workers,
            )
            elapsed = time.perf_counter() - t0
            print(file=sys.stderr)
            if report.skipped:
                print(f"skipped {len(report.skipped)}: {report.skipped[:3]}")
            rate = len(report.imported) / elapsed
            print(f"import: {len(report.imported)} articles in {elapsed:.1f} s")
            if rec is not None and args.workers == 1:
                print(
                    f"  recognition {rec.seconds:.1f} s ({rec.spans} names), "
                    f"reading + grouping + saving {elapsed - rec.seconds:.1f} s"
                )
            stats = lib.stats()
            print(
                f"store: {stats['articles']} articles, {stats['entities']} entities, "
                f"{stats['mentions']} mentions, {stats['size_bytes'] / 1e6:.1f} MB"
            )

            queries = list(QUERIES)
            top = lib.entity_overview(limit=3)
            filtered: list[tuple[str, dict[str, str]]] = [(q, {}) for q in queries]
            for e in top:
                filtered.append(("", {"entity": e.name}))
                filtered.append(("وزير", {"entity": e.name, "label": e.label}))
            filtered.append(("المملكة", {"label": "PERS"}))
            times: list[float] = []
            hits: dict[str, int] = {}
            for q, kw in filtered:
                lib.search(q, **kw)  # type: ignore[arg-type]  # warm-up
            for _ in range(args.repeat):
                for q, kw in filtered:
                    t = time.perf_counter()
                    res = lib.search(q, **kw)  # type: ignore[arg-type]
                    times.append((time.perf_counter() - t) * 1000)
                    hits[q + repr(kw)] = len(res)
            p50, p95 = percentile(times, 50), percentile(times, 95)
            no_hit = sum(1 for v in hits.values() if v == 0)
            print(
                f"search: {len(filtered)} queries x {args.repeat}, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                f"max {max(times):.1f} ms, mean {statistics.mean(times):.1f} ms "
                f"({no_hit} queries found nothing)"
            )
            t = time.perf_counter()
            if top:
                lib.entity_view(top[0].id)
            view_ms = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            lib.entity_overview(limit=100)
            overview_ms = (time.perf_counter() - t) * 1000
            print(f"entity view of the most frequent entity: {view_ms:.0f} ms; top 100: {overview_ms:.0f} ms")
        print(f"store size: {stats['size_bytes'] / 1e6:.1f} MB")
        print(f"import rate: {rate:.0f} articles/s")
        print(f"search p95: {p95:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
