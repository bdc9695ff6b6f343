"""Training end to end on a tiny corpus the test writes, and the word-representation pipeline."""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
from pathlib import Path

import pytest

from app.core.errors import DataFormatError
from app.ner.bundled import META, MODEL_FILES, RARE_NAME_WORDS, BundledRecognizer
from app.ner.spelling import MAKSURA_WORDS, TEH_MARBUTA_WORDS
from app.ner.train import (
    add_train_arguments,
    load_gazetteers,
    name_variants,
    run_train,
    split_dev,
)
from app.ner.wordrep import (
    cluster_words,
    neighbour_labels,
    normalized_tokens,
    prepare_corpus,
    train_vectors,
)
from app.text.normalize import normalize

# Invented sentences (not from any corpus): who visited where, and which organization said what.
PEOPLE = [("سامر", "الخطيب"), ("ليلى", "حداد"), ("كريم", "نصار"), ("هدى", "العلي"), ("رامي", "سلوم")]
PLACES = ["عمان", "بيروت", "دمشق", "القاهرة", "تونس"]
ORGS = [("شركة", "النور"), ("وكالة", "الفجر"), ("جامعة", "الشروق")]


def _tiny_corpus() -> str:
    lines: list[str] = []
    for i in range(40):
        first, last = PEOPLE[i % len(PEOPLE)]
        place = PLACES[(i * 2) % len(PLACES)]
        head, name = ORGS[i % len(ORGS)]
        if i % 10 == 0:
            lines.append("-DOCSTART- O\n")
        lines += [
            "زار O",
            f"{first} B-PERS",
            f"{last} I-PERS",
            "مدينة O",
            f"{place} B-LOC",
            "أمس O",
            ". O",
            "",
            "وقالت O",
            f"{head} B-ORG",
            f"{name} I-ORG",
            "إن O",
            f"{last} B-PERS",
            "وصل O",
            "إلى O",
            f"{place} B-LOC",
            ". O",
            "",
        ]
    return "\n".join(lines) + "\n"


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_train_arguments(parser)
    return parser.parse_args(argv)


@pytest.fixture
def tiny(tmp_path: Path) -> dict[str, Path]:
    data = tmp_path / "train.txt"
    data.write_text(_tiny_corpus(), encoding="utf-8")
    gaz = tmp_path / "gaz"
    gaz.mkdir()
    (gaz / "worldcities_LOC_city.txt").write_text("بيروت\nعمان\nنيويورك\n", encoding="utf-8")
    (gaz / "arwikicats_ORG_club.txt").write_text("نادي الفجر لكرة القدم\n", encoding="utf-8")
    # a list that may not ship: never read
    (gaz / "anergazet_PERS.txt").write_text("سامر\n", encoding="utf-8")
    return {"data": data, "gaz": gaz, "root": tmp_path}


def test_train_end_to_end(tiny: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = tiny["root"] / "model"
    argv = ["--data", str(tiny["data"]), "--gazetteers", str(tiny["gaz"]), "--out", str(out)]
    argv += ["--max-iterations", "30", "--doc-size", "4", "--cache", str(tiny["root"] / "cache")]
    assert run_train(_args(argv)) == 0
    meta = json.loads((out / META).read_text(encoding="utf-8"))
    assert meta["gazetteers"] == ["worldcities_LOC_city", "arwikicats_ORG_club"]
    assert (out / "MODEL_CARD.md").read_text(encoding="utf-8").count("| micro |") == 1
    printed = capsys.readouterr()
    assert "| PERS |" in printed.out and "crf: iteration" in printed.err
    rec = BundledRecognizer.load(out)
    tags = rec.tag_sentences([["زار", "كريم", "نصار", "مدينة", "دمشق", "أمس", "."]])
    assert tags == [["O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O"]]
    # same inputs, same seeds: the same model bytes
    out2 = tiny["root"] / "model2"
    argv[argv.index(str(out))] = str(out2)
    assert run_train(_args(argv)) == 0
    for name in MODEL_FILES:
        digest = [hashlib.sha256((d / name).read_bytes()).hexdigest() for d in (out, out2)]
        assert digest[0] == digest[1], name


def test_train_rejects_malformed_data(tmp_path: Path) -> None:
    data = tmp_path / "bad.txt"
    data.write_text("زار O\nسامر\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="line 2"):
        run_train(_args(["--data", str(data), "--out", str(tmp_path / "m")]))


def test_only_shippable_gazetteers_are_read(tiny: dict[str, Path]) -> None:
    gaz, used = load_gazetteers(tiny["gaz"])
    assert "anergazet_PERS" not in used
    assert "سامر" not in gaz.phrases
    assert gaz.phrases["بيروت"] == "LOC_city"
    # a club is also listed without its head and tail words, and its words are marked as parts
    assert gaz.phrases["الفجر"] == "ORG_club|ORG_club_tok"
    assert gaz.phrases[normalize("نادي الفجر لكرة القدم")] == "ORG_club" and gaz.max_len["نادي"] == 4
    assert name_variants("نادي الفجر لكرة القدم", "ORG_club") == ["الفجر"]


def test_split_dev_keeps_the_last_sentences() -> None:
    sents = [[(str(i), "O")] for i in range(20)]
    train, dev = split_dev(sents, 0.1)
    assert [s[0][0] for s in dev] == ["18", "19"] and len(train) == 18
    # the other folds, for cross-checks: dev held out from the start or the middle
    train, dev = split_dev(sents, 0.1, "first")
    assert [s[0][0] for s in dev] == ["0", "1"] and [s[0][0] for s in train][:2] == ["2", "3"]
    train, dev = split_dev(sents, 0.1, "middle")
    assert [s[0][0] for s in dev] == ["9", "10"]
    assert [s[0][0] for s in train] == [str(i) for i in range(20) if i not in (9, 10)]


def test_word_clusters_from_a_tiny_corpus(tmp_path: Path) -> None:
    src = tmp_path / "news.txt.xz"
    words = ["زار", "الرئيس", "مدينة", "بيروت", "ثم", "عاد", "إلى", "عمان", "وقال", "إن", "الزيارة", "ناجحة"]
    lines = [" ".join(words[i:] + words[:i]) for i in range(len(words))] * 5
    with lzma.open(src, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    corpus = prepare_corpus([src], tmp_path / "cache" / "corpus.txt")
    assert corpus.read_text(encoding="utf-8").split("\n")[0].split() == normalized_tokens(lines[0])
    kv = train_vectors(corpus, tmp_path / "cache" / "v.kv", vector_size=8, min_count=1, epochs=1, workers=1)
    table = cluster_words(kv, ks=(2, 3))
    assert set(table) == {w for line in lines for w in normalized_tokens(line)}
    assert all(0 <= a < 2 and 0 <= b < 3 for a, b in table.values())


def test_neighbour_labels_never_use_the_words_own_label(tmp_path: Path) -> None:
    src = tmp_path / "news.txt"
    base = ["زار", "سامر", "مدينة", "بيروت", "وقال", "إن", "الزيارة", "ناجحة"]
    lines = [" ".join(base[i:] + base[:i]) for i in range(len(base))] * 3
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = prepare_corpus([src], tmp_path / "c.txt")
    kv = train_vectors(corpus, tmp_path / "v.kv", vector_size=8, min_count=1, epochs=1, workers=1)
    only = {"سامر": {"PERS": 3}}
    # the one labelled word gets nothing from itself; every other word has it as its only neighbour
    nn = neighbour_labels(kv, only, k=1)
    assert "سامر" not in nn
    assert nn["بيروت"] == "nnPERS=5"


def test_train_with_the_network_end_to_end(tiny: dict[str, Path]) -> None:
    pytest.importorskip("torch")
    from app.ner.neural import NEURAL_FILE
    from app.ner.wordrep import DEFAULT_KS, write_cluster_table

    root = tiny["root"]
    unlabeled = root / "unlabeled"
    unlabeled.mkdir()
    # the corpus's sentences as unlabeled text, for word2vec
    lines = [
        " ".join(line.split(" ")[0] for line in block.split("\n") if line and not line.startswith("-DOC"))
        for block in _tiny_corpus().split("\n\n")
    ]
    with lzma.open(unlabeled / "news.txt.xz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines * 5) + "\n")
    cache = root / "cache"
    cache.mkdir()
    # k-means needs more words than clusters: give the cached table instead (as a second run would)
    words = sorted({normalize(w) for line in lines for w in line.split()})
    table = {w: tuple(i % k for k in DEFAULT_KS) for i, w in enumerate(words)}
    write_cluster_table(table, DEFAULT_KS, cache / "clusters_all_d100_e2_k64-256-1024.tsv")
    out = root / "model"
    argv = ["--data", str(tiny["data"]), "--gazetteers", str(tiny["gaz"]), "--out", str(out)]
    argv += ["--unlabeled", str(unlabeled), "--cache", str(cache), "--max-iterations", "30"]
    argv += ["--doc-size", "4", "--network-epochs", "3", "--crf-weight", "0.4", "--augment", "0.5"]
    argv += ["--context-lm", "5"]
    assert run_train(_args(argv)) == 0
    meta = json.loads((out / META).read_text(encoding="utf-8"))
    assert meta["network"] == {"crf_weight": 0.4, "epochs": 3, "augment": 0.5, "context_lm": 5}
    assert NEURAL_FILE in meta["sha256"]
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "--network-epochs 3 --crf-weight 0.4 --augment 0.5 --context-lm 5" in card
    report = json.loads((out / "train_report.json").read_text(encoding="utf-8"))
    assert report["final_network"]["sentences"] == 80 and "| micro |" in report["dev_table_network"]
    assert report["final_network"]["replaced_sentences"] == 160  # two copies with names replaced
    assert report["context_lm"]["steps"] == 5  # pretrained once, cached, read by both networks
    # both models tagged the unlabeled text (every 4th line) for their rare name words
    every_4th = [line for i, line in enumerate(lines * 5) if i % 4 == 0 and line.strip()]
    assert report["name_rates"]["paragraphs"] == report["dev_name_rates"]["paragraphs"] == len(every_4th)
    assert report["name_rates"]["tokens"] > 0 and isinstance(meta[RARE_NAME_WORDS], list)
    assert any(cache.glob("lm_*_n5_*.pt"))
    # and the usual spellings of final ى and ة were counted over every line of it, once
    assert report["final_spellings"]["lines"] == len(lines) * 5
    assert isinstance(meta[MAKSURA_WORDS], list) and isinstance(meta[TEH_MARBUTA_WORDS], list)
    assert report["final_spellings"][TEH_MARBUTA_WORDS] == len(meta[TEH_MARBUTA_WORDS]) > 0
    # --spellings-only adds the same lists to a trained model
    counted = {key: meta.pop(key) for key in (MAKSURA_WORDS, TEH_MARBUTA_WORDS)}
    (out / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    assert not BundledRecognizer.load(out).spelling
    with pytest.raises(DataFormatError, match="--unlabeled"):
        run_train(_args(["--out", str(out), "--spellings-only"]))
    assert run_train(_args(["--out", str(out), "--unlabeled", str(unlabeled), "--spellings-only"])) == 0
    again = json.loads((out / META).read_text(encoding="utf-8"))
    assert {key: again[key] for key in counted} == counted
    assert BundledRecognizer.load(out).spelling
    rec = BundledRecognizer.load(out)
    assert rec.network is not None and rec.crf_weight == 0.4 and rec.network.lm is not None
    tags = rec.tag_sentences([["زار", "كريم", "نصار", "مدينة", "دمشق", "أمس", "."], []])
    assert len(tags[0]) == 7 and tags[1] == []
    assert BundledRecognizer.load(out, network=False).network is None
    # a run without the network leaves no stale network file behind
    assert run_train(_args([*argv, "--no-network"])) == 0
    assert not (out / NEURAL_FILE).exists()
    assert "network" not in json.loads((out / META).read_text(encoding="utf-8"))
    assert BundledRecognizer.load(out).network is None
