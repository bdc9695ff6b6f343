"""The camel-tools recognizer, against a tiny randomly initialized BERT installed as camel-tools data.

camel-tools resolves `$CAMELTOOLS_DATA` when `camel_tools.data` is first imported (and downloads a
catalogue if there is none), so every check that imports camel-tools runs in a fresh interpreter with
the variable set, HOME pointed at a temporary folder and sockets disabled: a network attempt fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a8c034b26b330cb6.txt"

# camel-tools' label set (camel_tools/ner/__init__.py: _LABELS) in its order.
CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
CATALOGUE = {
    "version": "1.6",
    "packages": {},
    "components": {
        "NamedEntityRecognition": {"default": "arabert", "datasets": {"arabert": {"path": "ner/arabert"}}}
    },
}

_NO_NET = """
import socket
def _no_network(*args, **kwargs):
    raise AssertionError("network access attempted")
socket.socket.connect = _no_network
socket.socket.connect_ex = _no_network
socket.create_connection = _no_network
socket.getaddrinfo = _no_network
"""

_BUILD = """
import json, sys
from pathlib import Path
import torch
from transformers import BertConfig, BertForTokenClassification, BertTokenizer

out = Path(sys.argv[1])
labels = json.loads(sys.argv[2])
words = json.loads(sys.argv[3])
out.mkdir(parents=True)
letters = [chr(c) for c in range(0x0621, 0x064B)]
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "،", '"', "(", ")", "-", ":"]
vocab += letters + ["##" + ch for ch in letters] + words
(out / "vocab.txt").write_text("\\n".join(dict.fromkeys(vocab)) + "\\n", encoding="utf-8")
torch.manual_seed(7)
config = BertConfig(
    vocab_size=len(dict.fromkeys(vocab)), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
    intermediate_size=64, max_position_embeddings=512, num_labels=len(labels),
    id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)},
)
model = BertForTokenClassification(config)
with torch.no_grad():  # a larger classifier spread, so the random model predicts every label
    model.classifier.weight.normal_(0.0, 2.0)
model.save_pretrained(out)
BertTokenizer(str(out / "vocab.txt"), do_lower_case=False).save_pretrained(out)
"""


def _run(script: str, env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CAMELTOOLS_DATA"}
    env.update(
        {"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONWARNINGS": ""}
    )
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def camel_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CAMELTOOLS_DATA folder holding a catalogue and a tiny random BERT as `ner/arabert`."""
    root = tmp_path_factory.mktemp("cameltools")
    (root / "catalogue.json").write_text(json.dumps(CATALOGUE), encoding="utf-8")
    words = sorted(set(SEED.read_text(encoding="utf-8").split()))[:200]
    proc = _run(
        _BUILD,
        {"HOME": str(root)},
        str(root / "data" / "ner" / "arabert"),
        json.dumps(CAMEL_LABELS),
        json.dumps(words, ensure_ascii=False),
    )
    assert proc.returncode == 0, proc.stderr
    return root


def test_camel_label_set_matches_installed_camel_tools() -> None:
    """The labels the fake model uses are the ones camel-tools declares (read from its source, no import)."""
    import importlib.util

    spec = importlib.util.find_spec("camel_tools")
    assert spec is not None and spec.origin is not None
    source = (Path(spec.origin).parent / "ner" / "__init__.py").read_text(encoding="utf-8")
    flat = "".join(source.split())
    assert "_LABELS=" + str(CAMEL_LABELS).replace(" ", "") in flat


_RECOGNIZE = (
    _NO_NET
    + """
import json, sys
from app.core.models import EntitySpan
from app.ner.base import bio_to_chunks, repair_bio
from app.ner.camel import CamelRecognizer, camel_available
from app.text.tokenize import tokenize

assert camel_available()
rec = CamelRecognizer.load()
calls = []
raw_outputs = []
original = rec._model.predict
def spy(sentences, *args, **kwargs):
    calls.append(len(sentences))
    result = original(sentences, *args, **kwargs)
    raw_outputs.extend(result)
    return result
rec._model.predict = spy

text = open(sys.argv[1], encoding="utf-8").read()
spans = rec.recognize(text)
bounds_start = {t.start for t in tokenize(text)}
bounds_end = {t.end for t in tokenize(text)}
for s in spans:
    assert isinstance(s, EntitySpan)
    assert text[s.start:s.end] == s.text, s
    assert s.start in bounds_start and s.end in bounds_end, s
    assert s.label in ("PERS", "LOC", "ORG"), s

# U+200F (a format character) is a token of ours that BERT's tokenizer turns into nothing: camel-tools
# then returns one label fewer, and the recognizer must realign.
sentences = [["جو", "بايدن", "في", "بغداد", "."], [], ["العراق"], ["جو", "\u200f", "بايدن"]]
tags = rec.tag_sentences(sentences)
before = list(calls)
raw_last_len = len(raw_outputs[-1])
# a corpus that writes punctuation on its words is read as Qari's tokens, tags given back
untokenized = rec.tag_sentences([["قال", "(رويترز)", "إن", "بغداد،"]])
print(json.dumps({
    "calls": before,
    "untokenized": [len(t) for t in untokenized],
    "untokenized_read": len(raw_outputs[-1]),
    "n_lines": len([ln for ln in text.split("\\n") if ln.strip()]),
    "n_spans": len(spans),
    "labels": sorted({s.label for s in spans}),
    "tags": tags,
    "raw_valid": all(repair_bio(r) == r for r in raw_outputs),
    "raw_labels": sorted({lab for r in raw_outputs for lab in r}),
    "raw_last_len": raw_last_len,
}))
"""
)


def test_camel_recognizer_offline_with_tiny_model(camel_data: Path) -> None:
    proc = _run(_RECOGNIZE, {"CAMELTOOLS_DATA": str(camel_data), "HOME": str(camel_data)}, str(SEED))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # One predict() call for the whole article (all its sentences), one for the tag_sentences call.
    assert len(result["calls"]) == 2
    assert result["calls"][0] >= result["n_lines"]
    assert result["calls"][1] == 4
    # The random model produces spans of every type, and invalid BIO that the recognizer repaired.
    assert result["n_spans"] > 0
    assert set(result["labels"]) <= {"PERS", "LOC", "ORG"}
    assert not result["raw_valid"], "the random model should have produced I- tags without B-"
    tags = result["tags"]
    assert [len(t) for t in tags] == [5, 0, 1, 3]
    assert result["raw_last_len"] == 2  # camel-tools dropped the empty word...
    assert tags[3][1] == "O"  # ...and the recognizer gave it O
    valid = {"O"} | {f"{p}-{k}" for p in "BI" for k in ("PERS", "LOC", "ORG", "MISC")}
    for sent in tags:
        assert set(sent) <= valid
        for prev, cur in zip(["O", *sent], sent, strict=False):
            if cur.startswith("I-"):
                assert prev[2:] == cur[2:], sent
    assert result["raw_labels"] and set(result["raw_labels"]) <= set(CAMEL_LABELS)
    # 4 tokens, read as the 7 of Qari's tokenizer: قال ( رويترز ) إن بغداد ،
    assert result["untokenized"] == [4] and result["untokenized_read"] == 7


_MISSING = (
    _NO_NET
    + """
import sys
from app.core.errors import ModelError
from app.ner.camel import CamelRecognizer, camel_available
from app.ner.base import get_recognizer

assert not camel_available()
for load in (CamelRecognizer.load, lambda: get_recognizer("camel")):
    try:
        load()
    except ModelError as err:
        print(err)
    else:
        raise AssertionError("load() should have failed")
imported = [m for m in sys.modules if m == "camel_tools" or m.startswith("camel_tools.")]
assert not imported, imported
assert "torch" not in sys.modules
"""
)


def test_load_without_data_raises_model_error_without_importing(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    proc = _run(_MISSING, {"CAMELTOOLS_DATA": str(empty), "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("camel_data -i ner") == 2
    assert "541 MB" in proc.stdout
    assert not empty.exists() and not (tmp_path / ".camel_tools").exists()


def test_load_with_catalogue_but_no_model(tmp_path: Path) -> None:
    data = tmp_path / "ct"
    data.mkdir()
    (data / "catalogue.json").write_text(json.dumps(CATALOGUE), encoding="utf-8")
    proc = _run(_MISSING, {"CAMELTOOLS_DATA": str(data), "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert str(data / "data" / "ner" / "arabert") in proc.stdout
    assert "camel_data -i ner" in proc.stdout


def test_camel_available_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ner.camel import camel_available, camel_data_dir

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    assert camel_data_dir() == tmp_path.absolute()
    assert not camel_available()
    (tmp_path / "catalogue.json").write_text("{not json", encoding="utf-8")
    assert not camel_available()
    (tmp_path / "catalogue.json").write_text(json.dumps(CATALOGUE), encoding="utf-8")
    assert not camel_available()
    model = tmp_path / "data" / "ner" / "arabert"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}", encoding="utf-8")
    assert camel_available()
