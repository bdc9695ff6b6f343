"""The camel-tools recognizer: CAMeL Lab's AraBERT model fine-tuned on ANERcorp (optional, 541 MB).

camel-tools keeps its data under `$CAMELTOOLS_DATA` (default `~/.camel_tools`, on Windows
`%APPDATA%/camel_tools`): a `catalogue.json` naming the datasets, and the model in `data/ner/arabert`.
Importing `camel_tools.data` (which `camel_tools.ner` does) *downloads* the catalogue when it is missing,
so `load()` checks for the files first and imports camel-tools only when they are there: the reader
never goes on the network. `camel_available()` makes the same check without importing anything.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.core.errors import ModelError
from app.ner.base import Recognizer, repair_bio
from app.ner.retokenize import tag_as_qari_tokens

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "Install it with `camel_data -i ner` (a 541 MB download, needs the network once), "
    "or use the bundled recognizer."
)
_COMPONENT = "NamedEntityRecognition"
_DEFAULT_DATASET_PATH = "ner/arabert"
_TYPES = frozenset({"PERS", "LOC", "ORG", "MISC"})


def camel_data_dir() -> Path:
    """camel-tools' data folder, resolved as camel_tools.data.catalogue resolves it."""
    env = os.environ.get("CAMELTOOLS_DATA")
    if env is not None:
        return Path(env).expanduser().absolute()
    if sys.platform == "win32":
        return Path.home() / "AppData" / "Roaming" / "camel_tools"
    return Path.home() / ".camel_tools"


def _model_dir(data_dir: Path) -> Path | None:
    """The NER model folder the catalogue points to, or None when the catalogue is missing or unusable."""
    catalogue = data_dir / "catalogue.json"
    try:
        with catalogue.open(encoding="utf-8") as f:
            cat = json.load(f)
        component = cat["components"][_COMPONENT]
        rel = component["datasets"][component["default"]]["path"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data_dir / "data" / (rel if isinstance(rel, str) and rel else _DEFAULT_DATASET_PATH)


def camel_available() -> bool:
    """True when camel-tools' NER catalogue and model files are installed (cheap: imports nothing)."""
    model = _model_dir(camel_data_dir())
    return model is not None and (model / "config.json").is_file()


def _map_label(label: str) -> str:
    prefix, _, kind = label.partition("-")
    if prefix in ("B", "I") and kind in _TYPES:
        return f"{prefix}-{kind}"
    return "O"


class CamelRecognizer(Recognizer):
    """camel-tools' `NERecognizer` behind the `Recognizer` interface; one `predict` call per article."""

    name = "camel"

    def __init__(self, model: Any) -> None:
        self._model = model

    @classmethod
    def load(cls) -> CamelRecognizer:
        data_dir = camel_data_dir()
        model_dir = _model_dir(data_dir)
        if model_dir is None:
            raise ModelError(
                f"The camel-tools recognizer is not installed (no usable catalogue.json in {data_dir}). "
                + INSTALL_HINT
            )
        if not (model_dir / "config.json").is_file():
            raise ModelError(f"The camel-tools NER model is not installed (no {model_dir}). " + INSTALL_HINT)
        try:
            from camel_tools.ner import NERecognizer

            model = NERecognizer.pretrained()
        except ImportError as err:
            raise ModelError(
                f"camel-tools cannot be imported ({err}); reinstall Qari's dependencies."
            ) from err
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(
                f"The camel-tools NER model in {model_dir} could not be loaded ({err}). "
                "Reinstall it with `camel_data -i ner`."
            ) from err
        return cls(model)

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        # a corpus tokenized otherwise than ANERcorp (and Qari) is read as Qari's tokens, as the
        # bundled recognizer reads it
        return tag_as_qari_tokens(sentences, lambda sents, _text: self._tag(sents))

    def _tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        sents = [list(s) for s in sentences]
        if not sents:
            return []
        raw: list[list[str]] = self._model.predict(sents)
        out: list[list[str]] = []
        for words, labels in zip(sents, raw, strict=True):
            labels = [_map_label(str(lab)) for lab in labels]
            if len(labels) != len(words):
                labels = self._realign(words, labels)
            out.append(repair_bio(labels))
        return out

    def _realign(self, words: list[str], labels: list[str]) -> list[str]:
        """camel-tools drops words its tokenizer turns into no word piece; give those O."""
        tokenizer = self._model.tokenizer
        it = iter(labels)
        aligned = [next(it, "O") if tokenizer.tokenize(w) else "O" for w in words]
        if len(labels) != sum(1 for w in words if tokenizer.tokenize(w)):
            log.warning("camel-tools returned %d labels for %d words", len(labels), len(words))
        return aligned
