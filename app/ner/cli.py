"""Commands `extract`, `eval` and `train` (see app/cli.py for how commands are wired).

- `qari extract FILE [--recognizer bundled|camel] [--format text|json] [--no-corrections]`: the people,
  places and organizations in a file, each listed once with its mentions (offsets into the article text).
- `qari eval --data CONLL [--types PERS,LOC,ORG] [--recognizer ...] [--json]`: span-level precision,
  recall and F1 (conlleval semantics) of a recognizer on a CoNLL file, one document at a time, on the
  file's own tokens.
- `qari train ...`: builds the bundled model (arguments in app.ner.train).

Nothing heavy is imported here at module level: `qari --help` must stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import QariError, ReadError
from app.core.models import ALL_TYPES, ENTITY_TYPES

if TYPE_CHECKING:
    from app.core.models import Article, Entity
    from app.ner.base import Recognizer
    from app.ner.corrections import Correction
    from app.ner.scoring import TypeScore

RECOGNIZER_CHOICES = ("bundled", "camel")


def _types_arg(value: str) -> tuple[str, ...]:
    types = tuple(t.strip().upper() for t in value.split(",") if t.strip())
    unknown = [t for t in types if t not in ALL_TYPES]
    if not types or unknown:
        given = ", ".join(unknown) or "(none given)"
        raise argparse.ArgumentTypeError(f"unknown entity type(s) {given}; choose from {','.join(ALL_TYPES)}")
    return tuple(dict.fromkeys(types))


def _add_recognizer_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recognizer",
        choices=RECOGNIZER_CHOICES,
        default="bundled",
        help="bundled: the CRF model shipped with Qari (default); camel: camel-tools' BERT model "
        "(needs `camel_data -i ner`)",
    )
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        metavar="DIR",
        help="model folder for the bundled recognizer (default: the one shipped with Qari)",
    )


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "extract":
        parser.add_argument("file", type=Path, metavar="FILE", help="txt, html, docx or pdf file")
        _add_recognizer_arguments(parser)
        parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
        parser.add_argument(
            "--no-corrections",
            action="store_true",
            help="ignore the corrections remembered in the data folder (show the recognizer's raw output)",
        )
    elif name == "eval":
        parser.add_argument(
            "--data", type=Path, required=True, metavar="CONLL", help="CoNLL file: `token TAG` lines"
        )
        parser.add_argument(
            "--types",
            type=_types_arg,
            default=ENTITY_TYPES,
            metavar="TYPES",
            help=f"comma-separated entity types to score (default: {','.join(ENTITY_TYPES)})",
        )
        _add_recognizer_arguments(parser)
        parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    elif name == "train":
        # app.ner.train keeps its import cheap (no model, no gensim until training starts).
        from app.ner.train import add_train_arguments

        add_train_arguments(parser)
    else:  # pragma: no cover - app/cli.py only routes the three names above here
        raise ValueError(f"unknown command {name!r}")


def run(name: str, args: argparse.Namespace) -> int:
    if name == "extract":
        return run_extract(args)
    if name == "eval":
        return run_eval(args)
    if name == "train":
        from app.ner.train import run_train

        code: int = run_train(args)
        return code
    raise ValueError(f"unknown command {name!r}")  # pragma: no cover


def load_recognizer(name: str, model: Path | None = None) -> Recognizer:
    """The recognizer `name` (`model`: another folder for the bundled one); ModelError says what to do."""
    if model is not None:
        if name != "bundled":
            raise QariError(f"--model chooses a folder for the bundled recognizer, not for {name!r}.")
        from app.ner.bundled import BundledRecognizer

        return BundledRecognizer.load(model)
    from app.ner.base import get_recognizer

    return get_recognizer(name)


# -- extract -------------------------------------------------------------------------------------------------
def load_corrections(data_dir: str | None) -> list[Correction]:
    """The analyst's remembered corrections in the data folder (none if the file does not exist)."""
    from app.ner.corrections import load_corrections as load

    return list(load(data_dir))  # the library's store when there is one, else corrections.json


def run_extract(args: argparse.Namespace) -> int:
    from app.ner.service import analyze, extraction_data
    from app.text.readers import read_path

    path: Path = args.file
    if path.is_dir():
        raise ReadError(f"{path} is a folder; give a file (txt, html, docx or pdf).")
    article = read_path(path)
    corrections = [] if args.no_corrections else load_corrections(getattr(args, "data_dir", None))
    recognizer = load_recognizer(args.recognizer, args.model)
    entities = analyze(article, recognizer, corrections)
    if args.format == "json":
        data = extraction_data(article, recognizer.name, entities)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_entities_text(article, recognizer.name, entities))
    return 0


def format_entities_text(article: Article, recognizer_name: str, entities: Sequence[Entity]) -> str:
    """A readable list: one section per type (people, places, organizations), name and mention count."""
    from app.ner.service import TYPE_TITLES

    lines = [article.title or "(untitled)", f"recognizer: {recognizer_name}; {len(entities)} entities"]
    labels = [t for t in TYPE_TITLES if any(e.label == t for e in entities)]
    labels += sorted({e.label for e in entities} - set(labels))
    if not entities:
        lines.append("")
        lines.append("No people, places or organizations found.")
    for label in labels:
        group = [e for e in entities if e.label == label]
        lines.append("")
        lines.append(f"{TYPE_TITLES.get(label, label)} ({len(group)})")
        width = max(len(str(e.count)) for e in group)
        for e in group:
            lines.append(f"  {e.count:>{width}}  {e.name}")
    return "\n".join(lines)


# -- eval ----------------------------------------------------------------------------------------------------
def evaluate(
    recognizer: Recognizer, documents: Sequence[Sequence[Sequence[tuple[str, str]]]], types: Sequence[str]
) -> dict[str, TypeScore]:
    """Scores of `recognizer` on CoNLL documents: each document tagged at once, on its own tokens."""
    from app.ner.base import repair_bio
    from app.ner.scoring import score

    gold: list[list[str]] = []
    pred: list[list[str]] = []
    for doc in documents:
        sentences = [[tok for tok, _ in sent] for sent in doc]
        tagged = recognizer.tag_sentences(sentences)
        if len(tagged) != len(sentences):
            raise RuntimeError(f"{recognizer.name} returned {len(tagged)} sentences for {len(sentences)}")
        for sent, tags in zip(doc, tagged, strict=True):
            gold.append([tag for _, tag in sent])
            pred.append(repair_bio(tags))
    return score(gold, pred, types)


def format_scores(scores: dict[str, TypeScore]) -> str:
    rows = [("type", "precision", "recall", "f1", "support")]
    for name, s in scores.items():
        rows.append((name, f"{s.precision:.4f}", f"{s.recall:.4f}", f"{s.f1:.4f}", str(s.support)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    out = []
    for i, r in enumerate(rows):
        if i == len(rows) - 1:
            out.append("-" * (sum(widths) + 2 * 4))
        out.append(
            "  ".join([r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))])
        )
    return "\n".join(out)


def _note_read_types(aliased: Counter[str]) -> None:
    """Say on stderr when the gold's GPE names were read as places (`aliased`, as `read_conll` counts
    them): ANERcorp's LOC holds countries and cities, which OntoNotes-style corpora call GPE."""
    if aliased["GPE"]:
        print(
            f"note: {aliased['GPE']} GPE names read as LOC (ANERcorp's places include countries and cities)",
            file=sys.stderr,
        )


def _warn_unscored_types(
    documents: Sequence[Sequence[Sequence[tuple[str, str]]]], types: Sequence[str]
) -> None:
    """Say on stderr which of the gold names' types `--types` leaves out (NORP, FAC: the scores
    would silently count them as no names), and when none of the wanted types is in the gold."""
    from app.ner.base import bio_to_chunks

    # names as the scorer reads them: an I- after O starts one too (IO tags)
    found = Counter(kind for d in documents for s in d for _, _, kind in bio_to_chunks([t for _, t in s]))
    missing = [t for t in types if t not in found]
    if missing:
        print(f"note: the gold has no names of type {', '.join(missing)}", file=sys.stderr)
    left_out = {t: n for t, n in found.items() if t not in types}
    if left_out:
        listed = ", ".join(f"{t} ({n})" for t, n in sorted(left_out.items(), key=lambda x: -x[1]))
        print(f"note: gold names not scored (not in --types): {listed}", file=sys.stderr)


def run_eval(args: argparse.Namespace) -> int:
    from app.ner.conll import read_conll

    path: Path = args.data
    if not path.is_file():
        raise QariError(f"CoNLL file {path} does not exist or is not a file.")
    aliased: Counter[str] = Counter()
    documents = read_conll(path, aliased=aliased)
    _note_read_types(aliased)
    n_sent = sum(len(d) for d in documents)
    if n_sent == 0:
        raise QariError(f"CoNLL file {path} holds no sentences.")
    _warn_unscored_types(documents, args.types)
    recognizer = load_recognizer(args.recognizer, args.model)
    t0 = time.perf_counter()
    scores = evaluate(recognizer, documents, args.types)
    elapsed = time.perf_counter() - t0
    if args.json:
        data: dict[str, Any] = {name: s.as_dict() for name, s in scores.items()}
        print(json.dumps(data, ensure_ascii=False))
    else:
        n_tok = sum(len(s) for d in documents for s in d)
        print(
            f"{recognizer.name} on {path}: {len(documents)} documents, {n_sent} sentences, "
            f"{n_tok} tokens ({elapsed:.1f} s)"
        )
        print(format_scores(scores))
    return 0
