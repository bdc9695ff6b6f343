"""The GPU teacher's pipeline (`app.ner.teacher`), run on the CPU at a tiny size."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest

from app.ner.teacher import CORPUS_FILE, POOL_FILE, POOL_RAW_FILE, _sentence_bounds, prepare
from app.ner.train import dev_range, split_dev

# Invented sentences (not from any corpus).
NAMES = ["سامر", "ليلى", "كريم", "هدى", "رامي"]
PLACES = ["عمان", "بيروت", "دمشق", "القاهرة", "تونس"]


def test_sentence_bounds_cut_after_final_marks() -> None:
    toks = ["قال", "سامر", ".", "ثم", "سافر", "؟", "و", "عاد"]
    assert list(_sentence_bounds(toks)) == [(0, 3), (3, 6), (6, 8)]
    assert list(_sentence_bounds([])) == []


def test_dev_range_is_split_devs_fold() -> None:
    sents = [[(str(i), "O")] for i in range(103)]
    for fold in ("last", "middle", "first"):
        a, b = dev_range(len(sents), 0.1, fold)
        train, dev = split_dev(sents, 0.1, fold)
        assert dev == sents[a:b] and len(train) + len(dev) == 103


def test_prepare_and_run_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from app.ner.teacher import run

    conll = tmp_path / "train.txt"
    lines = []
    for i in range(30):
        lines += [f"زار O\n{NAMES[i % 5]} B-PERS\nمدينة O\n{PLACES[i % 5]} B-LOC\n. O\n"]
    conll.write_text("\n".join(lines), encoding="utf-8")
    unlabeled = tmp_path / "unlabeled"
    unlabeled.mkdir()
    with lzma.open(unlabeled / "news.txt.xz", "wt", encoding="utf-8") as f:
        for i in range(300):
            f.write(f"وصل {NAMES[i % 5]} إلى {PLACES[(i * 3) % 5]} أمس . ثم غادر {NAMES[(i + 2) % 5]} .\n")
    data, cache = tmp_path / "teacher", tmp_path / "cache"
    cache.mkdir()
    info = prepare(conll, unlabeled, data, cache, pool_size=40)
    assert info["gold_sentences"] == 30 and list(info["folds"]["last"]) == [27, 30]
    assert 0 < info["pool_sentences"] <= 40
    assert (data / CORPUS_FILE).exists()
    with lzma.open(data / POOL_FILE, "rt", encoding="utf-8") as f:
        pool = [line.split() for line in f]
    raw_lines = (cache / POOL_RAW_FILE).read_text(encoding="utf-8").splitlines()
    raw = [line.split("\t")[1].split(" ") for line in raw_lines]
    assert [len(s) for s in pool] == [len(s) for s in raw] and len(pool) == info["pool_sentences"]

    out = tmp_path / "out"
    report = run(
        data,
        out,
        pretrain_seconds=0.0,
        dim=16,
        layers=1,
        heads=2,
        n_words=50,
        seq=16,
        batch=4,
        seeds=1,
        ft_epochs=1,
        lrs=(1e-3,),
        folds=("last", "full"),
    )
    assert report["pretrain"]["steps"] >= 60 and set(report["fine_tune"]) >= {"last", "full", "lr"}
    assert "micro" in report["fine_tune"]["last"]["dev"]
    assert json.loads((out / "teacher_report.json").read_text(encoding="utf-8"))["labels"][0] == "O"
    import numpy as np

    silver = np.load(out / "silver_full.npz")
    assert silver["lengths"].tolist() == [len(s) for s in pool]
    assert len(silver["labels"]) == len(silver["conf"]) == sum(len(s) for s in pool)
