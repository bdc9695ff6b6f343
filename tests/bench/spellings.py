"""Micro F1 of a recognizer on a CoNLL file as written and as other writers and corpora write Arabic.

`python tests/bench/spellings.py --data CONLL [--model DIR] [--fold last|middle|first]`

With `--fold`, the sentences scored are that 10% of the file (as `qari train --dev-fold` holds out),
to be scored with the model trained without them (`qari train --dev-fold F --final dev --out DIR`).
Each rewriting keeps the gold tags: final ي written ى (Egyptian writers), final ة written ه, both,
every ي and ك typed on a Persian keyboard (ی, ک), every letter vowelled at random (half of the
letters), و ف ب ل split off their word as tokens of their own (a segmented corpus, where the rest is
a word the model's clusters know), and punctuation written on the word beside it (text split at
spaces only). `app/ner/spelling.py` and `app/ner/retokenize.py` read all of these back; the scores
show what is left. Prints one line per rewriting: its name and micro F1 (PERS, LOC, ORG).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.ner.bundled import BundledRecognizer  # noqa: E402
from app.ner.conll import Sentence, chunk_documents, read_conll, sentences_of  # noqa: E402
from app.ner.scoring import score  # noqa: E402
from app.ner.train import TYPES, split_dev  # noqa: E402
from app.text.normalize import normalize  # noqa: E402

Rewrite = Callable[[Sentence], Sentence]
_VOWELS = "\u064e\u064f\u0650\u0652\u0651"  # fatha, damma, kasra, sukun, shadda
_CLOSING = set('،.:;!?؟؛)"»')
_OPENING = set('("«')


def _words(f: Callable[[str], str]) -> Rewrite:
    return lambda s: [(f(w), t) for w, t in s]


def _yeh_as_maksura(w: str) -> str:
    return w[:-1] + "ى" if w.endswith("ي") else w


def _teh_as_heh(w: str) -> str:
    return w[:-1] + "ه" if w.endswith("ة") else w


def _persian(w: str) -> str:
    return w.replace("ي", "\u06cc").replace("ك", "\u06a9")


def _vowelled(seed: int) -> Rewrite:
    rng = random.Random(seed)

    def mark(c: str) -> str:
        return rng.choice(_VOWELS) if "\u0621" <= c <= "\u064a" and rng.random() < 0.5 else ""

    def f(w: str) -> str:
        return "".join(c + mark(c) for c in w)

    return _words(f)


def _segmented(rec: BundledRecognizer) -> Rewrite:
    lex = rec.extractor.lex

    def f(s: Sentence) -> Sentence:
        out: Sentence = []
        for w, t in s:
            if w[:1] in "وفبل" and len(w) > 3 and not t.startswith("I-") and lex.get(normalize(w[1:]))[0]:
                out += [(w[0], "O"), (w[1:], t)]
            else:
                out.append((w, t))
        return out

    return f


def _punctuation_on_words(s: Sentence) -> Sentence:
    out: Sentence = []
    pending = ""
    for w, t in s:
        if w in _OPENING:
            pending += w
        elif w in _CLOSING and out and out[-1][0][-1:].isalpha():
            out[-1] = (out[-1][0] + w, out[-1][1])
        else:
            out.append((pending + w, t))
            pending = ""
    if pending:
        out.append((pending, "O"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/anercorp/train.txt")
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped one)")
    ap.add_argument("--fold", choices=("last", "middle", "first"), default=None)
    args = ap.parse_args()
    if not args.data.exists():
        print(f"no CoNLL file at {args.data}", file=sys.stderr)
        return 2
    sentences = sentences_of(read_conll(args.data))
    if args.fold:
        sentences = split_dev(sentences, 0.1, args.fold)[1]
    rec = BundledRecognizer.load(args.model)
    rewrites: dict[str, Rewrite] = {
        "as written": lambda s: s,
        "final ي written ى": _words(_yeh_as_maksura),
        "final ة written ه": _words(_teh_as_heh),
        "both": _words(lambda w: _teh_as_heh(_yeh_as_maksura(w))),
        "Persian keyboard": _words(_persian),
        "vowelled": _vowelled(0),
        "segmented": _segmented(rec),
        "punctuation on words": _punctuation_on_words,
    }
    for name, rewrite in rewrites.items():
        gold: list[list[str]] = []
        pred: list[list[str]] = []
        for doc in chunk_documents(sentences, 15):
            rewritten = [rewrite(s) for s in doc]
            pred.extend(rec.tag_sentences([[w for w, _ in s] for s in rewritten]))
            gold.extend([t for _, t in s] for s in rewritten)
        print(f"{name}: {score(gold, pred, TYPES)['micro'].f1:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
