"""The bundled CRF recognizer: the shipped model on the seed article, propagation, broken model files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import ModelError
from app.ner.bundled import CRF_FILE, META, BundledRecognizer, default_model_dir, propagate
from app.ner.crf import WEIGHTS_FILE
from app.ner.features import FeatureExtractor
from app.text.normalize import normalize, strip_proclitics

SEED_PERSONS = [("جو بايدن",), ("مصطفى الكاظمى", "مصطفى الكاظمي"), ("نانسي بيلوسي",), ("يحيى رسول",)]
SEED_PLACES = ["العراق", "بغداد", "واشنطن", "أربيل", "سوريا"]


@pytest.fixture(scope="module")
def rec() -> BundledRecognizer:
    return BundledRecognizer.load()


def _forms(surface: str) -> set[str]:
    """A span's normalized text and its clitic-stripped variants (`لواشنطن` -> `واشنطن`)."""
    norm = normalize(surface)
    first, _, rest = norm.partition(" ")
    out = {norm}
    for stem in strip_proclitics(first):
        out.add(f"{stem} {rest}".strip())
    return out


def test_seed_people_and_places(rec: BundledRecognizer, seed_text: str) -> None:
    spans = rec.recognize(seed_text)
    found: dict[str, set[str]] = {"PERS": set(), "LOC": set(), "ORG": set()}
    for s in spans:
        assert seed_text[s.start : s.end] == s.text
        found[s.label] |= _forms(s.text)
    for variants in SEED_PERSONS:
        assert any(normalize(v) in found["PERS"] for v in variants), variants
    for place in SEED_PLACES:
        assert normalize(place) in found["LOC"], place
    # nothing that the article names as a person shows up as a place, and the reverse
    assert not {normalize(p) for v in SEED_PERSONS for p in v} & found["LOC"]
    assert not {normalize(p) for p in SEED_PLACES} & found["PERS"]


def test_tag_sentences_keeps_shape(rec: BundledRecognizer) -> None:
    doc = [["زار", "الرئيس", "جو", "بايدن", "بغداد", "."], [], ["وقال", "بايدن", "إن", "العراق", "مهم"]]
    tags = rec.tag_sentences(doc)
    assert [len(t) for t in tags] == [len(s) for s in doc]
    assert all(t == "O" or t[:2] in ("B-", "I-") for s in tags for t in s)
    assert rec.tag_sentences([]) == []
    assert rec.name == "bundled"


def test_propagates_a_name_to_its_other_mentions() -> None:
    ex = FeatureExtractor()
    sents = [["قال", "جو", "بايدن", "إن"], ["وأكد", "بايدن", "."], ["وزار", "والكاظمي", "بغداد"], ["الكاظمي"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["O", "O", "B-LOC"], ["B-PERS"]]
    out = propagate(sents, tags, ex)
    assert out[1] == ["O", "B-PERS", "O"]
    assert out[2] == ["O", "B-PERS", "B-LOC"]
    # tagged tokens are never overwritten
    assert out[0] == tags[0] and out[3] == tags[3]


def test_the_second_word_of_a_compound_given_name_is_no_surname_to_propagate() -> None:
    ex = FeatureExtractor()
    # "Saladin ... the clerics": الدين "religion" is no surname of صلاح الدين; a surname is
    sents = [
        ["قال", "صلاح", "الدين", "الأيوبي"],
        ["رجال", "الدين"],
        ["قال", "بدر", "الدين"],
        ["وأكد", "الأيوبي"],
    ]
    tags = [["O", "B-PERS", "I-PERS", "I-PERS"], ["O", "O"], ["O", "B-PERS", "I-PERS"], ["O", "O"]]
    out = propagate(sents, tags, ex, single_tokens=True)
    assert out[1] == ["O", "O"]
    assert out[3] == ["O", "B-PERS"]


def test_propagation_skips_trigger_words() -> None:
    ex = FeatureExtractor()
    sents = [["الرئيس", "الرئيس"], ["الرئيس"]]
    tags = [["B-PERS", "I-PERS"], ["O"]]
    assert propagate(sents, tags, ex)[1] == ["O"]


def _copy_model(tmp_path: Path) -> Path:
    dst = tmp_path / "models"
    shutil.copytree(default_model_dir(), dst)
    return dst


@pytest.mark.parametrize("name", [WEIGHTS_FILE, "lexicon.sqlite"])
def test_corrupt_model_file_raises_model_error(tmp_path: Path, name: str) -> None:
    folder = _copy_model(tmp_path)
    p = folder / name
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0xFF
    p.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="python -m app train"):
        BundledRecognizer.load(folder)


def test_tagging_does_not_need_the_crfsuite_file_but_the_reference_tagger_checks_it(
    tmp_path: Path, seed_text: str
) -> None:
    folder = _copy_model(tmp_path)
    p = folder / CRF_FILE
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0xFF
    p.write_bytes(bytes(data))
    rec = BundledRecognizer.load(folder)
    assert rec.recognize(seed_text)
    with pytest.raises(ModelError, match="checksum"):
        rec.reference_tagger()
    p.unlink()
    assert BundledRecognizer.load(folder).recognize(seed_text)


@pytest.mark.parametrize("content", [b"not a numpy file", b""])
def test_unreadable_weights_with_matching_checksum_raise_model_error(tmp_path: Path, content: bytes) -> None:
    folder = _copy_model(tmp_path)
    p = folder / WEIGHTS_FILE
    p.write_bytes(content)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    import hashlib

    meta["sha256"][WEIGHTS_FILE] = hashlib.sha256(p.read_bytes()).hexdigest()
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="python -m app train"):
        BundledRecognizer.load(folder)


def test_weights_for_other_labels_raise_model_error(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    meta["labels"] = meta["labels"][:-1]
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="python -m app train"):
        BundledRecognizer.load(folder)


@pytest.mark.parametrize(
    "damage", ["missing_meta", "bad_json", "missing_lexicon", "missing_weights", "wrong_format"]
)
def test_broken_model_folder_raises_model_error(tmp_path: Path, damage: str) -> None:
    folder = _copy_model(tmp_path)
    if damage == "missing_meta":
        (folder / META).unlink()
    elif damage == "bad_json":
        (folder / META).write_text("{not json", encoding="utf-8")
    elif damage == "missing_lexicon":
        (folder / "lexicon.sqlite").unlink()
    elif damage == "missing_weights":
        (folder / WEIGHTS_FILE).unlink()
    else:
        (folder / META).write_text(json.dumps({"format": 999}), encoding="utf-8")
    with pytest.raises(ModelError, match="rebuild it with `python -m app train --data"):
        BundledRecognizer.load(folder)


def test_missing_model_folder_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        BundledRecognizer.load(tmp_path / "nowhere")


def test_run_time_does_not_import_torch_or_training_libraries() -> None:
    code = (
        "import sys\n"
        "from app.ner.bundled import BundledRecognizer\n"
        "r = BundledRecognizer.load()\n"
        "r.recognize('زار الرئيس جو بايدن بغداد.')\n"
        "heavy = ('torch', 'transformers', 'gensim', 'sklearn', 'pycrfsuite')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == ""


def test_dropping_unknown_attributes_changes_no_tag(rec: BundledRecognizer, seed_text: str) -> None:
    assert rec.extractor.known, "the model records the attributes it has weights for"
    doc = [s.split() for s in seed_text.replace("،", " ، ").split("\n") if s]
    full = FeatureExtractor(rec.extractor.lex, doc_cues=rec.extractor.doc_cues, known=None)
    kept = rec.extractor.document(doc)
    every = full.document(doc)
    assert sum(map(len, kept)) == sum(map(len, every))
    assert sum(len(f) for s in kept for f in s) < sum(len(f) for s in every for f in s)
    tagger = rec.reference_tagger()
    assert [tagger.tag(f) for f in kept] == [tagger.tag(f) for f in every]
