"""The real program in a subprocess: `python -m app --data-dir TMP extract|eval ...`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a8c034b26b330cb6.txt"
MODEL_DIR = ROOT / "resources" / "models"
needs_model = pytest.mark.skipif(
    not (MODEL_DIR / "meta.json").is_file(),
    reason=f"the bundled model is not built yet ({MODEL_DIR}/meta.json missing); "
    "build it with `python -m app train --data ../shared/data/anercorp/train.txt`",
)

PEOPLE = ("جو بايدن", "مصطفى الكاظمي", "نانسي بيلوسي", "يحيى رسول")
PLACES = ("العراق", "بغداد", "واشنطن", "أربيل", "سوريا")


def qari(*args: str, data_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qari: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@needs_model
def test_extract_seed_json_finds_each_person_and_place_once(tmp_path: Path) -> None:
    proc = qari("extract", str(SEED), "--format", "json", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["recognizer"] == "bundled"
    assert set(data) == {"title", "recognizer", "entities"}
    text = SEED.read_text(encoding="utf-8")
    names = {"PERS": [], "LOC": [], "ORG": []}  # type: dict[str, list[str]]
    for e in data["entities"]:
        names[e["type"]].append(e["name"])
        assert e["count"] == len(e["mentions"]) > 0
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for person in PEOPLE:
        assert names["PERS"].count(person) == 1, (person, names["PERS"])
    for place in PLACES:
        assert names["LOC"].count(place) == 1, (place, names["LOC"])
    # Every listed name is listed once per type.
    for label, listed in names.items():
        assert len(listed) == len(set(listed)), (label, listed)


@needs_model
def test_extract_seed_text_format(tmp_path: Path) -> None:
    proc = qari("extract", str(SEED), data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "People (" in out and "Places (" in out
    for name in (*PEOPLE, *PLACES):
        assert (
            sum(line.split(maxsplit=1)[-1] == name for line in out.splitlines() if line.startswith("  ")) == 1
        )


@needs_model
def test_eval_json_on_a_small_conll_file(tmp_path: Path) -> None:
    conll = tmp_path / "small.conll"
    conll.write_text("قال O\nالرئيس O\nجو B-PERS\nبايدن I-PERS\nفي O\nواشنطن B-LOC\n. O\n", encoding="utf-8")
    proc = qari("eval", "--data", str(conll), "--json", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["PERS", "LOC", "ORG", "micro"]
    assert out["micro"]["support"] == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 16),
        ("broken.docx", b"PK\x03\x04 this is not really a zip file"),
    ],
)
def test_extract_bad_input(tmp_path: Path, name: str, content: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    proc = qari("extract", str(p), data_dir=tmp_path)
    assert_one_line_error(proc)
    assert proc.stdout == ""


def test_extract_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(qari("extract", str(tmp_path / "missing.txt"), data_dir=tmp_path))


def test_eval_malformed_conll_names_the_line(tmp_path: Path) -> None:
    conll = tmp_path / "bad.conll"
    conll.write_text("جو B-PERS\nبايدن I-PERS\n\nفي O\nواشنطن\n", encoding="utf-8")
    assert_one_line_error(qari("eval", "--data", str(conll), data_dir=tmp_path), "line 5")


def test_missing_model_says_how_to_rebuild(tmp_path: Path) -> None:
    empty = tmp_path / "resources"
    (empty / "models").mkdir(parents=True)
    proc = qari("extract", str(SEED), data_dir=tmp_path, env={"QARI_RESOURCES": str(empty)})
    assert_one_line_error(proc, "python -m app train")


def test_camel_not_installed_says_how_to_install(tmp_path: Path) -> None:
    proc = qari(
        "extract",
        str(SEED),
        "--recognizer",
        "camel",
        data_dir=tmp_path,
        env={"CAMELTOOLS_DATA": str(tmp_path / "camel"), "HOME": str(tmp_path)},
    )
    assert_one_line_error(proc, "camel_data -i ner")
