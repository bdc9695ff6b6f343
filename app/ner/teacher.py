"""A teacher for the bundled recognizer's network, trained on a GPU (training only; nothing ships).

A small transformer is pretrained on the unlabeled news text (masked words: each word reads as its
vector plus a CNN over its letters), fine-tuned on ANERcorp train, and then labels sentences of the
unlabeled text. Those "silver" sentences are extra training data for the BiLSTM-CRF of
`app.ner.neural_train` (`python -m app train --silver DIR`): the student sees many more names in
context than the 4,000 gold sentences hold, at no cost at run time. The teacher itself is far too slow
for a laptop (and needs torch), so it is never part of the model.

Two halves, so the GPU machine gets only what it needs:

- `prepare` (here, with the app's tokenizer and normalization): a folder with the normalized unlabeled
  corpus (xz), the gold sentences (normalized tokens and tags) with the dev ranges of the three folds
  `python -m app train --dev-fold` uses, and the pool of unlabeled sentences to label; the pool's raw
  tokens stay in the cache (corpus text is never committed).
- `run` (on the GPU machine; torch and numpy, no app module beyond the pure-Python scorer): pretrains
  for a given number of seconds, fine-tunes teachers for each fold (the fold's dev sentences held out,
  so a student's dev score stays honest) and for all of train, and writes each one's labels of the pool
  (`silver_<fold>.npz`) and `teacher_report.json`.

    python -m app.ner.teacher prepare --data ../shared/data/anercorp/train.txt \
        --unlabeled ../shared/data/unlabeled --out .teacher
    python3 -m app.ner.teacher run --data .teacher --out OUT --pretrain-seconds 270   # on the GPU

Measured on one H200 (2026-11-30; 8 layers of 512, 270 s of pretraining: 5,412 steps of 256 x 128
words, 177M words seen, masked-word loss still falling at 6.5): the teacher's micro F1 was 0.561 on
the dev fold (two seeds averaged; learning rate 3e-4 chosen there over 1e-4) and 0.469 on the middle
fold, far below the BiLSTM-CRF it was to teach (0.806 and 0.731), so its labels were not used. Minutes
of pretraining from nothing do not make a contextual encoder that beats word2vec vectors and name
lists on 4,000 gold sentences; a later try needs hours of pretraining (or a pretrained Arabic encoder).
"""

from __future__ import annotations

import argparse
import json
import lzma
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

FOLDS = ("last", "middle", "first")
SENTENCE_END = frozenset({".", "!", "؟", "?", "…"})
TEACHER_CHARS = 16  # letters of a word the teacher reads
POOL_FILE = "pool.txt.xz"  # normalized tokens of the unlabeled sentences to label, one a line
POOL_RAW_FILE = "teacher_pool_raw.tsv"  # in the cache: paragraph id, tab, raw tokens
GOLD_FILE = "gold.txt.xz"
CORPUS_FILE = "corpus.txt.xz"
SPECIALS = ("<pad>", "<unk>", "<mask>")


# ----------------------------------------------------------------------------------------- prepare


def _sentence_bounds(tokens: Sequence[str]) -> Iterator[tuple[int, int]]:
    """`(start, end)` of each sentence of a paragraph's tokens (cut after sentence-final marks)."""
    a = 0
    for i, t in enumerate(tokens):
        if t in SENTENCE_END:
            yield a, i + 1
            a = i + 1
    if a < len(tokens):
        yield a, len(tokens)


def prepare(
    data: Path, unlabeled: Path, out: Path, cache: Path, pool_size: int = 80_000, seed: int = 13
) -> dict[str, Any]:
    """Write the teacher's inputs into `out` (see the module's docstring); the pool's raw tokens go to
    `cache / POOL_RAW_FILE`, in the order of `out / POOL_FILE`."""
    from app.ner.conll import read_conll, sentences_of
    from app.ner.train import dev_range
    from app.ner.wordrep import prepare_corpus
    from app.text.normalize import normalize
    from app.text.tokenize import TOKEN_RE

    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(unlabeled.glob("*.txt.xz"))
    corpus = prepare_corpus(sources, cache / "w2v_corpus_all.txt", print)
    if not (out / CORPUS_FILE).exists():
        with corpus.open("rb") as fb, lzma.open(out / CORPUS_FILE, "wb", preset=6) as w:
            while chunk := fb.read(1 << 20):
                w.write(chunk)

    sentences = sentences_of(read_conll(data))
    with lzma.open(out / GOLD_FILE, "wt", encoding="utf-8") as w:
        for s in sentences:
            toks = [normalize(t) or t for t, _ in s]
            w.write(" ".join(toks) + "\t" + " ".join(g for _, g in s) + "\n")
    folds = {f: dev_range(len(sentences), 0.1, f) for f in FOLDS}

    # the pool: sentences of randomly chosen paragraphs, whose tokens keep one form each when normalized
    rng = random.Random(seed)
    found: list[tuple[int, list[str], list[str]]] = []
    para = 0
    for src in sources:
        with lzma.open(src, "rt", encoding="utf-8") as f:
            for line in f:
                para += 1
                if rng.random() > 0.12:
                    continue
                raw = TOKEN_RE.findall(line)
                norm = [normalize(t) for t in raw]
                if not all(n and TOKEN_RE.fullmatch(n) for n in norm):
                    continue
                for a, b in _sentence_bounds(raw):
                    if 4 <= b - a <= 80:
                        found.append((para, raw[a:b], norm[a:b]))
    keep = sorted(rng.sample(range(len(found)), min(pool_size, len(found))))
    with (
        lzma.open(out / POOL_FILE, "wt", encoding="utf-8") as wn,
        (cache / POOL_RAW_FILE).open("w", encoding="utf-8") as wr,
    ):
        for k in keep:
            para, raw, norm = found[k]
            wn.write(" ".join(norm) + "\n")
            wr.write(f"{para}\t" + " ".join(raw) + "\n")
    n_pool = len(keep)
    info = {"gold_sentences": len(sentences), "folds": folds, "pool_sentences": n_pool}
    (out / "prepare.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


# --------------------------------------------------------------------------------------------- run


def _xz_lines(path: Path) -> list[str]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


class _Table:
    """Words (the most frequent of the corpus) and letters the teacher knows, and the ids of a token."""

    def __init__(self, counts: Counter[str], n_words: int, char_counts: Counter[str]) -> None:
        self.words = list(SPECIALS) + [w for w, _ in counts.most_common(n_words)]
        self.word_id = {w: i for i, w in enumerate(self.words)}
        self.chars = list(SPECIALS) + sorted(c for c, n in char_counts.items() if n >= 20)
        self.char_id = {c: i for i, c in enumerate(self.chars)}

    def letters(self, tok: str) -> list[int]:
        return [self.char_id.get(c, 1) for c in tok[:TEACHER_CHARS]]

    def encode(self, tokens: Sequence[str]) -> tuple[Any, Any]:
        """`(word ids, letter ids)` of `tokens`: (n,) and (n, TEACHER_CHARS), letters padded with 0."""
        import numpy as np

        wid = np.array([self.word_id.get(tok, 1) for tok in tokens], dtype=np.int64)
        cid = np.zeros((len(tokens), TEACHER_CHARS), dtype=np.int64)
        for j, tok in enumerate(tokens):
            ls = self.letters(tok)
            cid[j, : len(ls)] = ls
        return wid, cid


def _warmup_then_linear(step: int, warm: int, total: int | None) -> float:
    """The learning rate's share at `step`: rising over `warm` steps, then falling to 0 at `total`
    (`None`: not known yet, so only the rise)."""
    rise = min(step / warm, 1.0)
    return rise if total is None else min(rise, max(0.0, (total - step) / max(total - warm, 1)))


def _encoder(n_words: int, n_chars: int, dim: int, layers: int, heads: int, max_len: int) -> Any:
    import torch
    from torch import nn

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.wemb = nn.Embedding(n_words, dim)
            self.cemb = nn.Embedding(n_chars, 48, padding_idx=0)
            self.conv = nn.Conv1d(48, 256, 3, padding=1)
            self.cproj = nn.Linear(256, dim)
            self.pos = nn.Embedding(max_len, dim)
            self.norm_in = nn.LayerNorm(dim)
            self.drop = nn.Dropout(0.1)
            layer = nn.TransformerEncoderLayer(
                dim, heads, 4 * dim, 0.1, activation="gelu", batch_first=True, norm_first=True
            )
            self.layers = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            self.norm = nn.LayerNorm(dim)
            nn.init.normal_(self.wemb.weight, std=0.02)
            nn.init.normal_(self.pos.weight, std=0.02)

        def forward(self, wid: Any, cid: Any, pad: Any = None) -> Any:
            b, t = wid.shape
            c = self.cemb(cid.view(b * t, -1)).transpose(1, 2)
            c = torch.relu(self.conv(c)).max(dim=2).values.view(b, t, -1)
            pos = self.pos(torch.arange(t, device=wid.device))[None]
            x = self.drop(self.norm_in(self.wemb(wid) + self.cproj(c) + pos))
            return self.norm(self.layers(x, src_key_padding_mask=pad))

    return Encoder()


def _bio_chunks_score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, Any]:
    from app.ner.base import repair_bio
    from app.ner.scoring import score

    s = score(gold, [repair_bio(p) for p in pred], ("PERS", "LOC", "ORG"))
    return {
        k: {"p": round(v.precision, 4), "r": round(v.recall, 4), "f1": round(v.f1, 4)} for k, v in s.items()
    }


def run(
    data: Path,
    out: Path,
    pretrain_seconds: float = 300.0,
    dim: int = 512,
    layers: int = 8,
    heads: int = 8,
    n_words: int = 50_000,
    seq: int = 128,
    batch: int = 256,
    seeds: int = 2,
    ft_epochs: int = 8,
    max_lines: int | None = None,
    lrs: Sequence[float] = (1e-4, 3e-4),
    folds: Sequence[str] = (*FOLDS, "full"),
) -> dict[str, Any]:
    import numpy as np
    import torch
    from torch import nn

    t_all = time.perf_counter()
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(7)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"device": str(dev), "torch": torch.__version__}
    if dev.type == "cuda":
        report["gpu"] = torch.cuda.get_device_name(0)

    def save_report() -> None:
        report["seconds"] = round(time.perf_counter() - t_all, 1)
        (out / "teacher_report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - t_all:6.1f}s] {msg}", flush=True)

    # corpus -> one stream of type ids; types -> word id and letters
    with lzma.open(data / CORPUS_FILE, "rt", encoding="utf-8") as f:
        text = f.read() if max_lines is None else "".join(f.readline() for _ in range(max_lines))
    tokens = text.split()
    del text
    counts: Counter[str] = Counter(tokens)
    char_counts: Counter[str] = Counter()
    for w, n in counts.items():
        for c in w:
            char_counts[c] += n
    table = _Table(counts, n_words, char_counts)
    types = list(counts)
    type_id = {w: i for i, w in enumerate(types)}
    stream = np.fromiter(map(type_id.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    del tokens
    tw, tl = table.encode(types)
    type_word, type_letters = torch.tensor(tw, device=dev), torch.tensor(tl, device=dev)
    stream_t = torch.tensor(stream, device=dev)
    n_tok = len(stream)
    report["corpus"] = {
        "tokens": n_tok,
        "types": len(types),
        "words": len(table.words),
        "chars": len(table.chars),
    }
    say(f"corpus: {n_tok:,} tokens, {len(types):,} types")

    enc = _encoder(len(table.words), len(table.chars), dim, layers, heads, 512).to(dev)
    mask_letters = torch.zeros(TEACHER_CHARS, dtype=torch.long, device=dev)
    mask_letters[0] = 2

    # ---- pretraining: masked words (15%: 80% <mask>, 10% a random word, 10% kept), tied output
    opt = torch.optim.AdamW(
        enc.parameters(), lr=5e-4, betas=(0.9, 0.98), weight_decay=0.01, fused=dev.type == "cuda"
    )
    amp = torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=dev.type == "cuda")
    ar = torch.arange(seq, device=dev)
    step, total_steps, t_pre, t10, losses = 0, None, time.perf_counter(), 0.0, []
    warm = 200
    enc.train()
    while True:
        starts = torch.randint(0, max(n_tok - seq, 1), (batch,), device=dev)
        ty = stream_t[(starts[:, None] + ar[None]).clamp(max=n_tok - 1)]
        wid, cid = type_word[ty], type_letters[ty]
        target = wid.clone()
        r = torch.rand(ty.shape, device=dev)
        chosen = (r < 0.15) & (target > 2)
        to_mask = chosen & (r < 0.12)
        to_rand = chosen & (r >= 0.12) & (r < 0.135)
        rty = stream_t[torch.randint(0, n_tok, ty.shape, device=dev)]
        wid = torch.where(to_mask, 2, torch.where(to_rand, type_word[rty], wid))
        cid = torch.where(
            to_mask[..., None], mask_letters, torch.where(to_rand[..., None], type_letters[rty], cid)
        )
        with amp:
            h = enc(wid, cid)
            hm = h[chosen]
            logits = hm @ enc.wemb.weight.t()
            loss = nn.functional.cross_entropy(logits.float(), target[chosen])
        opt.zero_grad(set_to_none=True)
        loss.backward()  # type: ignore[no-untyped-call]
        nn.utils.clip_grad_norm_(enc.parameters(), 1.0)
        step += 1
        if step in (10, 60) and dev.type == "cuda":
            torch.cuda.synchronize()
        if step == 10:
            t10 = time.perf_counter()
        if total_steps is None and step == 60:
            per = (time.perf_counter() - t10) / 50
            left = pretrain_seconds - (time.perf_counter() - t_pre)
            total_steps = max(step + int(left / per), step + 1)
            say(f"pretraining: {per * 1000:.1f} ms a step -> {total_steps} steps")
        for g in opt.param_groups:
            g["lr"] = 5e-4 * _warmup_then_linear(step, warm, total_steps)
        opt.step()
        if step % 200 == 0:
            losses.append(round(float(loss.item()), 3))
            say(f"pretraining step {step}/{total_steps}: loss {losses[-1]}")
        if total_steps is not None and step >= total_steps:
            break
    report["pretrain"] = {
        "steps": step,
        "seconds": round(time.perf_counter() - t_pre, 1),
        "tokens_seen": step * batch * seq,
        "loss_every_200": losses,
        "dim": dim,
        "layers": layers,
        "heads": heads,
        "seq": seq,
        "batch": batch,
    }
    save_report()
    pretrained = {k: v.detach().clone() for k, v in enc.state_dict().items()}

    # ---- gold and pool
    gold_toks: list[list[str]] = []
    gold_tags: list[list[str]] = []
    for line in _xz_lines(data / GOLD_FILE):
        words_s, tags_s = line.split("\t")
        gold_toks.append(words_s.split(" "))
        gold_tags.append(tags_s.split(" "))
    pool = [line.split(" ") for line in _xz_lines(data / POOL_FILE)]
    labels = ["O", *sorted({g for s in gold_tags for g in s} - {"O"})]
    label_id = {g: i for i, g in enumerate(labels)}
    prep = json.loads((data / "prepare.json").read_text(encoding="utf-8"))
    report["labels"] = labels

    gold_enc = [table.encode(sent) for sent in gold_toks]
    pool_enc = [table.encode(sent) for sent in pool]
    say(f"gold {len(gold_toks):,} and pool {len(pool):,} sentences encoded")

    def chunks(enc_: Sequence[tuple[Any, Any]], tags: Sequence[Sequence[str]] | None) -> list[Any]:
        """(sentence index, offset, word ids, letter ids, tag ids) windows of at most `seq` tokens."""
        res = []
        for i, (w, c) in enumerate(enc_):
            for a in range(0, len(w), seq):
                ids = [label_id[g] for g in tags[i][a : a + seq]] if tags is not None else None
                res.append((i, a, w[a : a + seq], c[a : a + seq], ids))
        return res

    def batches(items: Sequence[Any], size: int) -> Iterator[tuple[Any, Any, Any, Any]]:
        for k in range(0, len(items), size):
            part = items[k : k + size]
            t = max(len(p[2]) for p in part)
            wid = np.zeros((len(part), t), dtype=np.int64)
            cid = np.zeros((len(part), t, TEACHER_CHARS), dtype=np.int64)
            tg = np.full((len(part), t), -100, dtype=np.int64)
            for i, p in enumerate(part):
                wid[i, : len(p[2])] = p[2]
                cid[i, : len(p[2])] = p[3]
                if p[4] is not None:
                    tg[i, : len(p[4])] = p[4]
            yield (
                torch.tensor(wid, device=dev),
                torch.tensor(cid, device=dev),
                torch.tensor(wid == 0, device=dev),
                torch.tensor(tg, device=dev) if part[0][4] is not None else None,
            )

    def predict(model: Any, head: Any, toks: Sequence[tuple[Any, Any]]) -> list[Any]:
        """Label probabilities (float32, tokens x labels) of each (encoded) sentence."""
        items = chunks(toks, None)
        order = sorted(range(len(items)), key=lambda k: len(items[k][2]))
        probs: list[Any] = [np.zeros((len(w), len(labels)), dtype=np.float32) for w, _ in toks]
        model.eval()
        with torch.no_grad(), amp:
            for k in range(0, len(order), 512):
                part = [items[j] for j in order[k : k + 512]]
                ((wid, cid, pad, _),) = batches(part, len(part))
                p = torch.softmax(head(model(wid, cid, pad)).float(), -1).cpu().numpy()
                for j, it in enumerate(part):
                    probs[it[0]][it[1] : it[1] + len(it[2])] = p[j, : len(it[2])]
        return probs

    def fine_tune(train_idx: Sequence[int], seed: int, lr: float) -> tuple[Any, Any]:
        torch.manual_seed(seed)
        rng = random.Random(seed)
        model = _encoder(len(table.words), len(table.chars), dim, layers, heads, 512).to(dev)
        model.load_state_dict(pretrained)
        head = nn.Linear(dim, len(labels)).to(dev)
        params = list(model.parameters()) + list(head.parameters())
        o = torch.optim.AdamW(params, lr=lr, weight_decay=0.01, fused=dev.type == "cuda")
        items = chunks([gold_enc[i] for i in train_idx], [gold_tags[i] for i in train_idx])
        n_steps = ft_epochs * math.ceil(len(items) / 32)
        w_steps = max(n_steps // 10, 1)
        st = 0
        for _ in range(ft_epochs):
            model.train()
            order = sorted(range(len(items)), key=lambda k: len(items[k][2]) + rng.random() * 6)
            bs = [order[k : k + 32] for k in range(0, len(order), 32)]
            rng.shuffle(bs)
            for b in bs:
                ((wid, cid, pad, tags),) = batches([items[j] for j in b], len(b))
                with amp:
                    logits = head(model(wid, cid, pad))
                    loss = nn.functional.cross_entropy(logits.float().view(-1, len(labels)), tags.view(-1))
                o.zero_grad(set_to_none=True)
                loss.backward()  # type: ignore[no-untyped-call]
                nn.utils.clip_grad_norm_(params, 1.0)
                st += 1
                for g in o.param_groups:
                    g["lr"] = lr * _warmup_then_linear(st, w_steps, n_steps)
                o.step()
        return model, head

    def tags_of(probs: Sequence[Any]) -> list[list[str]]:
        return [[labels[k] for k in p.argmax(1)] for p in probs]

    n_gold = len(gold_toks)
    report["fine_tune"] = {}
    # the learning rate: the better of two on the dev fold ("last", the dev set of `app train`)
    a, b = prep["folds"]["last"]
    train_idx = [i for i in range(n_gold) if not a <= i < b]
    dev_toks, dev_tags = gold_enc[a:b], gold_tags[a:b]
    lr_scores = {}
    for cand in lrs:
        t0 = time.perf_counter()
        m, h = fine_tune(train_idx, 1, cand)
        lr_scores[cand] = _bio_chunks_score(dev_tags, tags_of(predict(m, h, dev_toks)))["micro"]["f1"]
        say(f"fine-tune lr {cand}: dev micro F1 {lr_scores[cand]} ({time.perf_counter() - t0:.0f}s)")
    lr = max(lr_scores, key=lambda k: lr_scores[k])
    report["fine_tune"]["lr_dev_f1"] = {str(k): v for k, v in lr_scores.items()}
    report["fine_tune"]["lr"] = lr
    save_report()

    for fold in folds:
        t0 = time.perf_counter()
        if fold == "full":
            a = b = n_gold
        else:
            a, b = prep["folds"][fold]
        train_idx = [i for i in range(n_gold) if not a <= i < b]
        dev_probs: list[Any] | None = None
        pool_probs: list[Any] | None = None
        per_seed = []
        for s in range(seeds):
            m, h = fine_tune(train_idx, 100 + s, lr)
            if b > a:
                dp = predict(m, h, gold_enc[a:b])
                per_seed.append(_bio_chunks_score(gold_tags[a:b], tags_of(dp))["micro"]["f1"])
                dev_probs = dp if dev_probs is None else [x + y for x, y in zip(dev_probs, dp, strict=True)]
            pp = predict(m, h, pool_enc)
            pool_probs = pp if pool_probs is None else [x + y for x, y in zip(pool_probs, pp, strict=True)]
            del m, h
        assert pool_probs is not None
        entry: dict[str, Any] = {"seconds": 0.0}
        if dev_probs is not None:
            entry["dev_f1_per_seed"] = per_seed
            entry["dev"] = _bio_chunks_score(gold_tags[a:b], tags_of(dev_probs))
        flat = np.concatenate(pool_probs) / seeds
        lab = flat.argmax(1).astype(np.uint8)
        conf = np.round(flat.max(1) * 255).astype(np.uint8)
        np.savez_compressed(
            out / f"silver_{fold}.npz",
            labels=lab,
            conf=conf,
            lengths=np.array([len(s) for s in pool], dtype=np.int32),
            label_names=np.frombuffer("\n".join(labels).encode(), dtype=np.uint8),
        )
        entry["seconds"] = round(time.perf_counter() - t0, 1)
        entry["pool_entities"] = int(sum(1 for x in lab if labels[x].startswith("B-")))
        report["fine_tune"][fold] = entry
        say(f"fold {fold}: {json.dumps(entry)}")
        save_report()
    save_report()
    say("done")
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ner.teacher", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    pp = sub.add_parser("prepare")
    pp.add_argument("--data", type=Path, default=Path("../shared/data/anercorp/train.txt"))
    pp.add_argument("--unlabeled", type=Path, default=Path("../shared/data/unlabeled"))
    pp.add_argument("--out", type=Path, default=Path(".teacher"))
    pp.add_argument("--cache", type=Path, default=Path("cache"))
    pp.add_argument("--pool-size", type=int, default=80_000)
    pr = sub.add_parser("run")
    pr.add_argument("--data", type=Path, default=Path(".teacher"))
    pr.add_argument("--out", type=Path, required=True)
    pr.add_argument("--pretrain-seconds", type=float, default=300.0)
    pr.add_argument("--dim", type=int, default=512)
    pr.add_argument("--layers", type=int, default=8)
    pr.add_argument("--heads", type=int, default=8)
    pr.add_argument("--batch", type=int, default=256)
    pr.add_argument("--seeds", type=int, default=2)
    pr.add_argument("--ft-epochs", type=int, default=8)
    pr.add_argument("--max-lines", type=int, default=None)
    pr.add_argument("--lrs", default="1e-4,3e-4", help="fine-tuning learning rates to try on the dev fold")
    pr.add_argument("--folds", default="last,middle,first,full")
    a = p.parse_args(argv)
    if a.cmd == "prepare":
        print(json.dumps(prepare(a.data, a.unlabeled, a.out, a.cache, a.pool_size)))
    else:
        run(
            a.data,
            a.out,
            a.pretrain_seconds,
            a.dim,
            a.layers,
            a.heads,
            batch=a.batch,
            seeds=a.seeds,
            ft_epochs=a.ft_epochs,
            max_lines=a.max_lines,
            lrs=[float(x) for x in a.lrs.split(",")],
            folds=a.folds.split(","),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
