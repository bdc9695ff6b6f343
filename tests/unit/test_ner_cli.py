"""`qari extract`, `qari eval` and `qari train` through `app.cli.main`.

Most tests here check the plumbing (reading, offsets, output formats, exit codes, error lines) with
small stand-in recognizers whose output is known exactly; the recognition itself is checked with the real
bundled model at the end of this file and in tests/e2e/test_cli_e2e.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

import app.ner.cli as ner_cli
from app.cli import main
from app.ner.base import Recognizer

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "resources" / "models"
has_model = pytest.mark.skipif(
    not (MODEL_DIR / "meta.json").is_file(),
    reason=f"the bundled model is not built yet ({MODEL_DIR}/meta.json missing)",
)

CONLL = """\
-DOCSTART- O

جو B-PERS
بايدن I-PERS
في O
(بغداد) B-LOC
. O

وزارة B-ORG
الخارجية I-ORG
العراقية I-ORG

-DOCSTART- O

الكاظمي B-PERS
في O
واشنطن B-LOC
"""


class GazetteerRecognizer(Recognizer):
    """Tags the words in `names` (one-word or two-word names) and records what it was asked."""

    name = "gazetteer"

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.calls: list[list[list[str]]] = []

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        self.calls.append([list(s) for s in sentences])
        out = []
        for sent in sentences:
            tags = ["O"] * len(sent)
            i = 0
            while i < len(sent):
                pair = " ".join(sent[i : i + 2])
                if i + 1 < len(sent) and pair in self.names:
                    tags[i], tags[i + 1] = "B-" + self.names[pair], "I-" + self.names[pair]
                    i += 2
                    continue
                if sent[i] in self.names:
                    tags[i] = "B-" + self.names[sent[i]]
                i += 1
            out.append(tags)
        return out


class OracleRecognizer(Recognizer):
    """Returns the gold tags of the CoNLL file, looked up by sentence."""

    name = "oracle"

    def __init__(self, gold: dict[tuple[str, ...], list[str]]) -> None:
        self.gold = gold
        self.calls = 0

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        self.calls += 1
        return [list(self.gold[tuple(s)]) for s in sentences]


def _use(monkeypatch: pytest.MonkeyPatch, recognizer: Recognizer) -> list[tuple[str, Path | None]]:
    asked: list[tuple[str, Path | None]] = []

    def load(name: str, model: Path | None = None) -> Recognizer:
        asked.append((name, model))
        return recognizer

    monkeypatch.setattr(ner_cli, "load_recognizer", load)
    return asked


@pytest.fixture
def conll_file(tmp_path: Path) -> Path:
    p = tmp_path / "gold.conll"
    p.write_text(CONLL, encoding="utf-8")
    return p


def _gold_of(text: str) -> dict[tuple[str, ...], list[str]]:
    from app.ner.conll import parse_conll

    return {tuple(t for t, _ in s): [g for _, g in s] for d in parse_conll(text.splitlines(True)) for s in d}


# -- eval ----------------------------------------------------------------------------------------------------
def test_eval_json_with_oracle_is_perfect_and_has_exact_shape(
    conll_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    oracle = OracleRecognizer(_gold_of(CONLL))
    asked = _use(monkeypatch, oracle)
    assert main(["eval", "--data", str(conll_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["PERS", "LOC", "ORG", "micro"]
    for scores in out.values():
        assert list(scores) == ["precision", "recall", "f1", "support"]
        assert scores["f1"] == 1.0 or scores["support"] == 0
    assert out["PERS"]["support"] == 2 and out["LOC"]["support"] == 2 and out["ORG"]["support"] == 1
    assert out["micro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 5}
    assert oracle.calls == 2  # one call per -DOCSTART- document
    assert asked == [("bundled", None)]


def test_eval_scores_by_hand_and_keeps_the_files_tokens(
    conll_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Finds جو بايدن and واشنطن; calls الكاظمي a LOC; misses the rest.
    rec = GazetteerRecognizer({"جو بايدن": "PERS", "الكاظمي": "LOC", "واشنطن": "LOC"})
    _use(monkeypatch, rec)
    assert main(["eval", "--data", str(conll_file), "--json", "--types", "pers,LOC"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["PERS", "LOC", "micro"]
    assert out["PERS"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert out["LOC"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert out["micro"] == {"precision": 0.6667, "recall": 0.5, "f1": 0.5714, "support": 4}
    # The recognizer saw the file's tokens exactly (no re-tokenizing of "(بغداد)"), a document per call.
    assert rec.calls == [
        [["جو", "بايدن", "في", "(بغداد)", "."], ["وزارة", "الخارجية", "العراقية"]],
        [["الكاظمي", "في", "واشنطن"]],
    ]


def test_eval_says_which_gold_types_it_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A corpus with OntoNotes' names: PERSON is PERS, GPE (countries, cities) is LOC as ANERcorp
    # has them, NORP (nationalities) has no counterpart and is named
    p = tmp_path / "onto.conll"
    p.write_text("كيري B-PERSON\nالأمريكي B-NORP\nفي O\nواشنطن B-GPE\nو O\nبغداد B-GPE\n", encoding="utf-8")
    _use(monkeypatch, GazetteerRecognizer({"كيري": "PERS", "واشنطن": "LOC"}))
    assert main(["eval", "--data", str(p), "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["PERS"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert out["LOC"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3, abs=1e-4), "support": 2}
    assert "2 GPE names read as LOC" in captured.err
    assert "no names of type ORG" in captured.err
    assert "not scored (not in --types): NORP (1)" in captured.err
    # IO tags: a bare type is a name too, to the notes as to the scorer
    p.write_text("كيري PER\nالأمريكي NORP\nفي O\nواشنطن GPE\n", encoding="utf-8")
    assert main(["eval", "--data", str(p), "--json"]) == 0
    err = capsys.readouterr().err
    assert "1 GPE names read as LOC" in err and "no names of type ORG" in err and "PERS" not in err
    assert "not scored (not in --types): NORP (1)" in err


def test_eval_table_is_aligned(
    conll_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, OracleRecognizer(_gold_of(CONLL)))
    assert main(["eval", "--data", str(conll_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("oracle on ") and "2 documents, 3 sentences, 11 tokens" in lines[0]
    table = lines[1:]
    assert table[0].split() == ["type", "precision", "recall", "f1", "support"]
    assert [r.split()[0] for r in table[1:4]] == ["PERS", "LOC", "ORG"]
    assert set(table[4]) == {"-"}
    assert table[5].split() == ["micro", "1.0000", "1.0000", "1.0000", "5"]
    rows = [r for r in table if not set(r) <= {"-"}]
    assert len({len(r) for r in rows}) == 1  # right-aligned columns: every row the same width


def test_eval_malformed_line_names_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text("جو B-PERS\nبايدن\n", encoding="utf-8")
    _use(monkeypatch, OracleRecognizer({}))
    assert main(["eval", "--data", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("qari: ") and "line 2" in err


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "does not exist"), (b"", "no sentences"), (b"\xff\xfe\x00\xd8 O\n", "UTF-8")],
)
def test_eval_bad_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    needle: str,
) -> None:
    p = tmp_path / "data.conll"
    if content is not None:
        p.write_bytes(content)
    _use(monkeypatch, OracleRecognizer({}))
    assert main(["eval", "--data", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err


def test_eval_unknown_type_is_a_usage_error(conll_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["eval", "--data", str(conll_file), "--types", "PERS,FOO"])
    assert exc.value.code == 2
    assert "FOO" in capsys.readouterr().err


def test_eval_with_missing_model_says_how_to_rebuild(
    conll_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "no-model"
    empty.mkdir()
    assert main(["eval", "--data", str(conll_file), "--model", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rebuild" in err and "python -m app train" in err


def test_model_folder_only_for_the_bundled_recognizer(
    conll_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--data", str(conll_file), "--recognizer", "camel", "--model", str(tmp_path)]) == 2
    assert "bundled" in capsys.readouterr().err


def test_camel_without_data_says_how_to_install(
    conll_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "camel"))
    assert main(["eval", "--data", str(conll_file), "--recognizer", "camel"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "camel_data -i ner" in err


# -- extract -------------------------------------------------------------------------------------------------
SEED_NAMES = {
    "جو بايدن": "PERS",
    "مصطفى الكاظمى": "PERS",
    "مصطفى الكاظمي": "PERS",
    "الكاظمى": "PERS",
    "الكاظمي": "PERS",
    "بغداد": "LOC",
    "العراق": "LOC",
    "للعراق": "LOC",
    "واشنطن": "LOC",
    "لواشنطن": "LOC",
}


def test_extract_json_offsets_point_into_the_article(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.text.readers import read_path

    rec = GazetteerRecognizer(SEED_NAMES)
    _use(monkeypatch, rec)
    assert main(["extract", str(seed_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    article = read_path(seed_path)
    assert data["title"] == article.title and data["recognizer"] == "gazetteer"
    by_name = {e["name"]: e for e in data["entities"]}
    assert {n: (e["type"], e["count"]) for n, e in by_name.items()} == {
        "العراق": ("LOC", 9),
        "بغداد": ("LOC", 4),
        "مصطفى الكاظمي": ("PERS", 4),
        "جو بايدن": ("PERS", 2),
        "واشنطن": ("LOC", 2),
    }
    for e in data["entities"]:
        assert set(e) == {"name", "type", "key", "count", "mentions"}
        assert e["count"] == len(e["mentions"])
        for m in e["mentions"]:
            assert article.text[m["start"] : m["end"]] == m["text"]
    # لواشنطن is a mention of واشنطن whose offsets leave the preposition out
    assert [m["text"] for m in by_name["واشنطن"]["mentions"]] == ["واشنطن", "واشنطن"]
    first = by_name["واشنطن"]["mentions"][0]
    assert article.text[first["start"] - 1 : first["end"]] == "لواشنطن"
    assert len(rec.calls) == 1  # the whole article is tagged at once


def test_extract_text_lists_each_entity_once_by_type(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, GazetteerRecognizer(SEED_NAMES))
    assert main(["extract", str(seed_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "recognizer: gazetteer; 5 entities"
    people = out.index("People (2)")
    places = out.index("Places (3)")
    assert out[people + 1 : people + 3] == ["  4  مصطفى الكاظمي", "  2  جو بايدن"]
    assert out[places + 1 : places + 4] == ["  9  العراق", "  4  بغداد", "  2  واشنطن"]
    assert "Organizations" not in "\n".join(out)


def test_extract_applies_remembered_corrections_unless_told_not_to(
    seed_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    _isolated_data_dir: Path,
) -> None:
    from app.core.models import Entity, Mention
    from app.ner.corrections import Corrections, Delete, corrections_path

    ops = Corrections()
    ops.append(Delete.of(Entity("بغداد", "LOC", [Mention(0, 5, "بغداد")], "LOC:بغداد")))
    ops.save(corrections_path(_isolated_data_dir))
    _use(monkeypatch, GazetteerRecognizer(SEED_NAMES))
    assert main(["extract", str(seed_path), "--format", "json"]) == 0
    names = {e["name"] for e in json.loads(capsys.readouterr().out)["entities"]}
    assert "بغداد" not in names and "العراق" in names
    assert main(["extract", str(seed_path), "--format", "json", "--no-corrections"]) == 0
    assert "بغداد" in {e["name"] for e in json.loads(capsys.readouterr().out)["entities"]}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("blank.txt", b"  \n\n \t\n"),
        ("binary.txt", bytes(range(256)) * 8),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ],
)
def test_extract_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    _use(monkeypatch, GazetteerRecognizer({}))
    assert main(["extract", str(p)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("qari: ")
    assert "Traceback" not in captured.err


def test_extract_missing_file_and_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, GazetteerRecognizer({}))
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["extract", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err


def test_extract_with_corrupt_model_says_how_to_rebuild(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "model"
    bad.mkdir()
    (bad / "meta.json").write_text("{ not json", encoding="utf-8")
    assert main(["extract", str(seed_path), "--model", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "corrupt" in err and "python -m app train" in err


def test_train_help_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["train", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--data" in out and "--out" in out


# -- with the real bundled model -----------------------------------------------------------------------------
@has_model
def test_extract_seed_with_bundled_model(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(seed_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recognizer"] == "bundled"
    people = [e["name"] for e in data["entities"] if e["type"] == "PERS"]
    for name in ("جو بايدن", "مصطفى الكاظمي", "نانسي بيلوسي", "يحيى رسول"):
        assert people.count(name) == 1, (name, people)


@has_model
def test_eval_with_bundled_model_on_a_small_file(
    conll_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--data", str(conll_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["micro"]["support"] == 5
    assert 0.0 <= out["micro"]["f1"] <= 1.0


def test_building_the_parser_loads_no_heavy_module() -> None:
    """`qari --help` imports the command modules for their arguments, but no model or toolkit."""
    import subprocess
    import sys

    code = (
        "import sys, app.cli; app.cli._build_parser(); "
        "heavy = ['torch', 'transformers', 'camel_tools', 'pycrfsuite', 'gensim', 'sklearn', 'PySide6']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert proc.stdout.strip() == "[]"
