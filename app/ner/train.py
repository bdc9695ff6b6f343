"""Training the bundled recognizer: `python -m app train --data CONLL [--unlabeled DIR] [--gazetteers DIR]`.

Steps: read the CoNLL corpus; keep its last `--dev-fraction` of sentences as the dev set; build word
clusters from the unlabeled news (cached under `--cache`) and the name lists that may be redistributed;
train a CRF on the rest and score it on dev; then (by default) train again on all sentences with the
same settings and write the model folder, with its `MODEL_CARD.md`. Seeds are fixed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.core.errors import DataFormatError, ModelError
from app.ner.bundled import (
    CLUSTERS_FILE,
    CRF_FILE,
    GAZETTEER_FILE,
    META,
    MODEL_FORMAT,
    BundledRecognizer,
)
from app.ner.conll import DEFAULT_SENTENCES_PER_DOC, Document, Sentence, chunk_documents, read_conll
from app.ner.features import FeatureExtractor, Gazetteer
from app.ner.scoring import TypeScore, score

TYPES = ("PERS", "LOC", "ORG")
# Name lists whose licenses allow shipping what is derived from them (see the gazetteers' PROVENANCE.md).
SHIPPABLE_GAZETTEERS: dict[str, tuple[str, str]] = {
    "netranslit_PERS_part": ("CC0-1.0", "steveash/NETransliteration-COLING2018 (Wikidata person names)"),
    "google-translit_PERS_part": ("Apache-2.0", "google/transliteration (ar2en, mined from Wikipedia)"),
    "akhateeb_PERS_first": ("MIT", "AKhateeb/arabic-names"),
    "akhateeb_PERS_last": ("MIT", "AKhateeb/arabic-names"),
    "worldcities_LOC_city": ("CC-BY-4.0", "jamsshhayd/world-cities-translations (from Wikidata)"),
    "worldcities_LOC_country": ("CC-BY-4.0", "jamsshhayd/world-cities-translations (from Wikidata)"),
    "arwikicats_LOC": ("MIT", "ArWikiCats/ArWikiCats (Wikipedia category maps)"),
    "arwikicats_ORG_club": ("MIT", "ArWikiCats/ArWikiCats (Wikipedia category maps)"),
}
SEED = 13

Progress = Callable[[str], None]


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=Path("../shared/data/anercorp/train.txt"), help="CoNLL training file"
    )
    parser.add_argument(
        "--unlabeled", type=Path, default=None, help="folder of unlabeled *.txt.xz news for word clusters"
    )
    parser.add_argument("--gazetteers", type=Path, default=None, help="folder of name lists (*.txt)")
    parser.add_argument("--out", type=Path, default=Path("resources/models"), help="model folder to write")
    parser.add_argument("--cache", type=Path, default=Path("cache"), help="cache for word vectors")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 regularization")
    parser.add_argument("--c2", type=float, default=0.05, help="L2 regularization")
    parser.add_argument("--max-iterations", type=int, default=150, help="L-BFGS iterations")
    parser.add_argument("--dev-fraction", type=float, default=0.1, help="last sentences kept for dev")
    parser.add_argument(
        "--doc-size", type=int, default=DEFAULT_SENTENCES_PER_DOC, help="sentences per pseudo-document"
    )
    parser.add_argument(
        "--final",
        choices=("full", "dev"),
        default="full",
        help="ship a model retrained on all sentences (full) or the one trained without dev (dev)",
    )
    parser.add_argument("--w2v-epochs", type=int, default=2, help="word2vec epochs")
    parser.add_argument("--no-card", action="store_true", help="do not write MODEL_CARD.md")


def _progress(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def load_gazetteers(folder: Path | None, progress: Progress | None = None) -> tuple[Gazetteer, list[str]]:
    """The shippable name lists of `folder` merged into one gazetteer, and the list names used."""
    gaz = Gazetteer()
    used: list[str] = []
    if folder is None:
        return gaz, used
    if not folder.is_dir():
        raise DataFormatError(f"Gazetteer folder {folder} does not exist.")
    for name in SHIPPABLE_GAZETTEERS:
        p = folder / f"{name}.txt"
        if not p.exists():
            continue
        kind = name.split("_", 1)[1]
        n = 0
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gaz.add(line.strip(), kind)
                n += 1
        used.append(name)
        if progress:
            progress(f"gazetteer {name}: {n:,} entries as {kind}")
    return gaz, used


def build_clusters(
    unlabeled: Path | None, cache: Path, epochs: int, progress: Progress | None = None
) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    if unlabeled is None:
        return (), {}
    from app.ner.wordrep import DEFAULT_KS, build_cluster_table

    table = build_cluster_table(unlabeled, cache, DEFAULT_KS, epochs=epochs, progress=progress)
    return DEFAULT_KS, table


class _Trainer:
    """pycrfsuite's Trainer with progress lines every few iterations."""

    def __init__(self, progress: Progress | None, every: int = 25) -> None:
        import pycrfsuite

        progress_cb = progress

        class T(pycrfsuite.Trainer):  # type: ignore[misc]
            def on_iteration(self, log: str, info: dict[str, Any]) -> None:
                it = int(info.get("num", 0))
                if progress_cb and (it == 1 or it % every == 0):
                    progress_cb(
                        f"crf: iteration {it}, loss {info.get('loss', 0):.1f}, "
                        f"features {info.get('active_features', 0):,}"
                    )

        self.t = T(verbose=False)


def train_crf(
    extractor: FeatureExtractor,
    docs: Sequence[Document],
    model_path: Path,
    *,
    c1: float,
    c2: float,
    max_iterations: int,
    progress: Progress | None = None,
) -> float:
    """Train a CRF on `docs` into `model_path`; returns seconds spent."""
    t0 = time.perf_counter()
    tr = _Trainer(progress).t
    n_tok = 0
    for doc in docs:
        sents = [[t for t, _ in s] for s in doc]
        feats = extractor.document(sents)
        for f, s in zip(feats, doc, strict=True):
            tr.append(f, [g for _, g in s])
            n_tok += len(s)
    if progress:
        progress(f"crf: features of {n_tok:,} tokens in {time.perf_counter() - t0:.0f}s")
    tr.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    tr.train(str(model_path))
    secs = time.perf_counter() - t0
    if progress:
        progress(f"crf: trained in {secs:.0f}s -> {model_path}")
    return secs


def write_model_folder(
    folder: Path,
    crf_path: Path,
    ks: Sequence[int],
    clusters: dict[str, tuple[int, ...]],
    gaz: Gazetteer,
    meta_extra: dict[str, Any],
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if crf_path.resolve() != (folder / CRF_FILE).resolve():
        shutil.copyfile(crf_path, folder / CRF_FILE)
    lines = ["#ks\t" + " ".join(str(k) for k in ks)]
    lines += [w + "\t" + " ".join(map(str, ids)) for w, ids in clusters.items()]
    (folder / CLUSTERS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / GAZETTEER_FILE).write_text("\n".join(gaz.to_lines()) + "\n", encoding="utf-8")
    sha = {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in (CRF_FILE, CLUSTERS_FILE, GAZETTEER_FILE)
    }
    meta = {"format": MODEL_FORMAT, **meta_extra, "sha256": sha}
    (folder / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def evaluate(rec: BundledRecognizer, docs: Sequence[Document]) -> dict[str, TypeScore]:
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    for doc in docs:
        toks = [[t for t, _ in s] for s in doc]
        pred.extend(rec.tag_sentences(toks))
        gold.extend([g for _, g in s] for s in doc)
    return score(gold, pred, TYPES)


def score_table(scores: dict[str, TypeScore]) -> str:
    rows = ["| type | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for k in (*TYPES, "micro"):
        s = scores[k]
        rows.append(f"| {k} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |")
    return "\n".join(rows)


def split_dev(sentences: Sequence[Sentence], fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    n_dev = round(len(sentences) * fraction)
    cut = len(sentences) - n_dev
    return list(sentences[:cut]), list(sentences[cut:])


def _dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def run_train(args: argparse.Namespace) -> int:
    progress = _progress
    t_start = time.perf_counter()
    docs_all = read_conll(args.data, sentences_per_doc=None)
    sentences = [s for d in docs_all for s in d]
    if not sentences:
        raise DataFormatError(f"{args.data} holds no sentences.")
    train_s, dev_s = split_dev(sentences, args.dev_fraction)
    progress(f"data: {len(sentences):,} sentences; train {len(train_s):,}, dev {len(dev_s):,}")
    gaz, gaz_used = load_gazetteers(args.gazetteers, progress)
    ks, clusters = build_clusters(args.unlabeled, args.cache, args.w2v_epochs, progress)
    if clusters:
        progress(f"clusters: {len(clusters):,} words at k={','.join(map(str, ks))}")
    extractor = FeatureExtractor(clusters, ks, gaz)
    meta_extra: dict[str, Any] = {
        "propagate": True,
        "propagate_single": True,
        "doc_cues": True,
        "cluster_ks": list(ks),
        "gazetteers": gaz_used,
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.max_iterations,
        "doc_size": args.doc_size,
    }
    report: dict[str, Any] = {"gazetteers": gaz_used, "cluster_words": len(clusters)}
    with tempfile.TemporaryDirectory(prefix="qari-train-") as tmp:
        dev_dir = Path(tmp) / "dev_model"
        dev_dir.mkdir()
        if dev_s:
            train_docs = chunk_documents(train_s, args.doc_size)
            dev_docs = chunk_documents(dev_s, args.doc_size)
            secs = train_crf(
                extractor,
                train_docs,
                dev_dir / CRF_FILE,
                c1=args.c1,
                c2=args.c2,
                max_iterations=args.max_iterations,
                progress=progress,
            )
            write_model_folder(dev_dir, dev_dir / CRF_FILE, ks, clusters, gaz, meta_extra)
            rec = BundledRecognizer.load(dev_dir)
            dev_scores = {}
            for prop in (False, True):
                rec.propagate = prop
                dev_scores[prop] = evaluate(rec, dev_docs)
                progress(
                    f"dev ({'with' if prop else 'without'} propagation): "
                    f"micro F1 {dev_scores[prop]['micro'].f1:.4f}"
                )
            print(score_table(dev_scores[True]))
            report.update(
                dev_table=score_table(dev_scores[True]),
                dev_micro_no_propagation=dev_scores[False]["micro"].f1,
                dev_crf_seconds=secs,
                dev_sentences=len(dev_s),
                dev_tokens=sum(len(s) for s in dev_s),
            )
        if args.final == "full" or not dev_s:
            full_dir = Path(tmp) / "full_model"
            full_dir.mkdir()
            secs = train_crf(
                extractor,
                chunk_documents(sentences, args.doc_size),
                full_dir / CRF_FILE,
                c1=args.c1,
                c2=args.c2,
                max_iterations=args.max_iterations,
                progress=progress,
            )
            write_model_folder(full_dir, full_dir / CRF_FILE, ks, clusters, gaz, meta_extra)
            report["final_crf_seconds"] = secs
            src = full_dir
        else:
            src = dev_dir
        args.out.mkdir(parents=True, exist_ok=True)
        for name in (CRF_FILE, CLUSTERS_FILE, GAZETTEER_FILE, META):
            shutil.copyfile(src / name, args.out / name)
    try:
        BundledRecognizer.load(args.out)
    except ModelError as err:  # pragma: no cover - would be a bug in this module
        raise RuntimeError(f"the model just written does not load: {err}") from err
    report.update(
        total_seconds=time.perf_counter() - t_start,
        size_bytes=_dir_size(args.out),
        final=args.final,
        n_sentences=len(sentences),
        n_train_sentences=len(train_s),
    )
    (args.out / "train_report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    progress(
        f"done in {report['total_seconds']:.0f}s; model {report['size_bytes'] / 1e6:.1f} MB in {args.out} "
        f"({platform.python_version()})"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ner.train", description=__doc__)
    add_train_arguments(parser)
    return run_train(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
