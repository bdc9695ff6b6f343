"""Corrections the analyst makes once and Qari remembers (pure; no Qt).

A correction is one operation on what the recognizer found:

- `Add(surface, label)`: a name the recognizer missed. It is found in every later article: the text is
  searched in its normalized view (alef forms, ى/ي, ة/ه, no tashkeel or tatweel), on token boundaries,
  with proclitics allowed in front (`لواشنطن` highlights `واشنطن`). `anchor` also pins the exact span
  the analyst selected in the article where the correction was made.
- `Delete(key, forms)`: a false name. Every later mention whose form is one of `forms` is dropped.
- `Retype(key, forms, label)`: the right name with the wrong type.
- `Merge(keys, forms, name, label)`: several entries are one entity, called `name`.
- `Rename(key, forms, name)`: the canonical name of an entity.

Entities are matched by *forms* (`app.ner.grouping.mention_form` of their mentions), not only by key,
because the key of the same entity differs from one article to the next (the canonical name is the
fullest form that article happens to use). A form matches a mention with or without one proclitic.

The operations are kept in order in a `Corrections` list; undo removes the last one. Applying them is a
replay over the recognizer's raw spans, so an undo is exact. They are kept in the library's SQLite
store (`LibraryCorrectionsStore`; `corrections_store(data_dir)` picks it when the data folder has a
library), with the older `corrections.json` imported once and still written as a readable copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeAlias

from app.core.errors import DataFormatError, StoreError
from app.core.models import ALL_TYPES, Entity, EntitySpan, Mention, check_span
from app.ner.grouping import canonical_key, group_mentions, mention_form
from app.store.paths import data_dir
from app.text.normalize import normalize, normalize_with_offsets, strip_proclitics

FILE_NAME = "corrections.json"
FORMAT_VERSION = 1

Anchor: TypeAlias = tuple[str, int, int]  # (sha256 of the article text, start, end)


def text_hash(text: str) -> str:
    """The same hash as `Article.content_hash`: identifies the article an anchor belongs to."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_label(label: str) -> str:
    if label not in ALL_TYPES:
        raise ValueError(f"unknown entity type {label!r}; expected one of {', '.join(ALL_TYPES)}")
    return label


def _forms(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        f = mention_form(v)
        if f and f not in out:
            out.append(f)
    return tuple(out)


def entity_forms(entity: Entity) -> tuple[str, ...]:
    """The forms of an entity: its canonical name and every mention."""
    return _forms([entity.name, *(m.text for m in entity.mentions)])


@dataclass(frozen=True)
class Add:
    surface: str
    label: str
    anchor: Anchor | None = None

    def __post_init__(self) -> None:
        _check_label(self.label)
        if not mention_form(self.surface):
            raise ValueError("an added name cannot be empty")

    @property
    def form(self) -> str:
        return mention_form(self.surface)

    def describe(self) -> str:
        return f"add {self.label} “{' '.join(self.surface.split())}”"


@dataclass(frozen=True)
class Delete:
    key: str
    forms: tuple[str, ...]

    @classmethod
    def of(cls, entity: Entity) -> Delete:
        return cls(entity.key or canonical_key(entity.name, entity.label), entity_forms(entity))

    def describe(self) -> str:
        return f"delete “{self.key.partition(':')[2]}”"


@dataclass(frozen=True)
class Retype:
    key: str
    forms: tuple[str, ...]
    label: str

    def __post_init__(self) -> None:
        _check_label(self.label)

    @classmethod
    def of(cls, entity: Entity, label: str) -> Retype:
        return cls(entity.key or canonical_key(entity.name, entity.label), entity_forms(entity), label)

    def describe(self) -> str:
        return f"change “{self.key.partition(':')[2]}” to {self.label}"


@dataclass(frozen=True)
class Merge:
    keys: tuple[str, ...]
    forms: tuple[str, ...]
    name: str
    label: str

    def __post_init__(self) -> None:
        _check_label(self.label)
        if not mention_form(self.name):
            raise ValueError("a merged entity needs a name")

    @classmethod
    def of(cls, entities: Sequence[Entity], name: str) -> Merge:
        """Merge `entities`; the one whose name is `name` (else the first) gives the type."""
        if len(entities) < 2:
            raise ValueError("merge needs at least two entities")
        target = next((e for e in entities if e.name == name), entities[0])
        forms = _forms([name, *(f for e in entities for f in entity_forms(e))])
        keys = tuple(e.key or canonical_key(e.name, e.label) for e in entities)
        return cls(keys, forms, name, target.label)

    def describe(self) -> str:
        return f"merge {len(self.keys)} entries as “{self.name}”"


@dataclass(frozen=True)
class Rename:
    key: str
    forms: tuple[str, ...]
    name: str

    def __post_init__(self) -> None:
        if not mention_form(self.name):
            raise ValueError("the new name cannot be empty")

    @classmethod
    def of(cls, entity: Entity, name: str) -> Rename:
        return cls(entity.key or canonical_key(entity.name, entity.label), entity_forms(entity), name)

    def describe(self) -> str:
        return f"rename “{self.key.partition(':')[2]}” to “{self.name}”"


Correction: TypeAlias = Add | Delete | Retype | Merge | Rename

_KINDS: dict[str, type[Add] | type[Delete] | type[Retype] | type[Merge] | type[Rename]] = {
    "add": Add,
    "delete": Delete,
    "retype": Retype,
    "merge": Merge,
    "rename": Rename,
}


def correction_to_dict(op: Correction) -> dict[str, Any]:
    kind = next(k for k, cls in _KINDS.items() if isinstance(op, cls))
    out: dict[str, Any] = {"op": kind}
    if isinstance(op, Add):
        out |= {"surface": op.surface, "label": op.label}
        if op.anchor is not None:
            out["anchor"] = list(op.anchor)
    elif isinstance(op, Delete):
        out |= {"key": op.key, "forms": list(op.forms)}
    elif isinstance(op, Retype):
        out |= {"key": op.key, "forms": list(op.forms), "label": op.label}
    elif isinstance(op, Merge):
        out |= {"keys": list(op.keys), "forms": list(op.forms), "name": op.name, "label": op.label}
    else:
        out |= {"key": op.key, "forms": list(op.forms), "name": op.name}
    return out


def correction_from_dict(data: dict[str, Any]) -> Correction:
    """Inverse of `correction_to_dict`; raises ValueError/KeyError/TypeError on malformed data."""
    kind = data["op"]
    if kind == "add":
        anchor = data.get("anchor")
        a: Anchor | None = None
        if anchor is not None:
            h, s, e = anchor
            a = (str(h), int(s), int(e))
        return Add(str(data["surface"]), str(data["label"]), a)
    # forms and keys as this version compares them: a correction saved by a version that
    # normalized otherwise (before the Persian keyboard's ی and ک were folded) still matches
    forms = _forms(str(f) for f in data["forms"])
    if kind == "delete":
        return Delete(_rekeyed(data["key"]), forms)
    if kind == "retype":
        return Retype(_rekeyed(data["key"]), forms, str(data["label"]))
    if kind == "merge":
        keys = tuple(_rekeyed(k) for k in data["keys"])
        return Merge(keys, forms, str(data["name"]), str(data["label"]))
    if kind == "rename":
        return Rename(_rekeyed(data["key"]), forms, str(data["name"]))
    raise ValueError(f"unknown correction {kind!r}")


def _rekeyed(key: object) -> str:
    """A saved entity key (`PERS:مصطفي الكاظمي`) as `canonical_key` now writes it."""
    label, sep, form = str(key).partition(":")
    return canonical_key(form, label) if sep and form else str(key)


@dataclass
class Corrections:
    """The analyst's corrections, oldest first."""

    ops: list[Correction] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ops)

    def __iter__(self) -> Iterator[Correction]:
        return iter(self.ops)

    def append(self, op: Correction) -> None:
        self.ops.append(op)

    def pop(self) -> Correction:
        """Undo: remove and return the last correction."""
        if not self.ops:
            raise IndexError("no correction to undo")
        return self.ops.pop()

    # -- JSON --------------------------------------------------------------------------------------------
    def to_json(self) -> str:
        doc = {"version": FORMAT_VERSION, "corrections": [correction_to_dict(op) for op in self.ops]}
        return json.dumps(doc, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, raw: str, source: str = "corrections") -> Corrections:
        try:
            doc = json.loads(raw)
            if not isinstance(doc, dict) or doc.get("version") != FORMAT_VERSION:
                raise ValueError(f"expected version {FORMAT_VERSION}")
            ops = [correction_from_dict(d) for d in doc["corrections"]]
        except (ValueError, KeyError, TypeError) as err:
            raise DataFormatError(
                f"The corrections file {source} is not valid ({err}); fix it or move it away to start over."
            ) from err
        return cls(ops)

    # -- files -------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> Corrections:
        """The corrections in `path` (default: the data folder's file); none if the file does not exist."""
        p = Path(path) if path is not None else corrections_path()
        try:
            raw = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except OSError as err:
            raise StoreError(f"Could not read the corrections file {p}: {err.strerror}.") from err
        return cls.from_json(raw, str(p))

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write atomically (a crash leaves the old file or the new one, never half of one)."""
        p = Path(path) if path is not None else corrections_path()
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".corrections-", suffix=".json", dir=p.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self.to_json())
            os.replace(tmp, p)
        except OSError as err:
            raise StoreError(f"Could not save the corrections to {p}: {err.strerror}.") from err
        return p


def corrections_path(folder: str | os.PathLike[str] | None = None) -> Path:
    """`corrections.json` in the data folder (`--data-dir` > `$QARI_DATA_DIR` > user data folder)."""
    return data_dir(folder) / FILE_NAME


# -- where they are kept -------------------------------------------------------------------------------------
class CorrectionsStore(Protocol):
    """Where the analyst's corrections live: `load()` them all, `save(corrections)` the whole list."""

    def load(self) -> Corrections: ...

    def save(self, corrections: Corrections) -> None: ...


@dataclass
class JsonCorrectionsStore:
    """The corrections in a JSON file (before the library existed; still read once to import it)."""

    path: Path

    def load(self) -> Corrections:
        return Corrections.load(self.path)

    def save(self, corrections: Corrections) -> None:
        corrections.save(self.path)


@dataclass
class LibraryCorrectionsStore:
    """The corrections in the library's SQLite store (app.store.library), one row per operation.

    The first load imports an existing `corrections.json` once (when the store holds no corrections
    yet). Saving writes the difference: operations past the common prefix are marked undone and the new
    ones added, in one transaction. A copy of the list is still written to `corrections.json` so older
    tools and people reading the data folder see the same list; the store is what is read.
    """

    folder: Path
    library: Any = None  # an open app.store.library.Library to use (the window's); else one per call

    def _library(self) -> Any:
        if self.library is not None:
            return self.library
        from app.store.library import Library

        return Library.open(self.folder, backups=False)

    def _done(self, lib: Any) -> None:
        if lib is not self.library:
            lib.close()

    def load(self) -> Corrections:
        lib = self._library()
        try:
            if not lib.corrections() and not lib.corrections(undone=True):
                legacy = Corrections.load(corrections_path(self.folder))
                if legacy.ops:
                    with lib.batch("saved"):
                        for op in legacy.ops:
                            lib.add_correction(correction_to_dict(op))
            return Corrections([correction_from_dict(c.payload) for c in lib.corrections()])
        except (ValueError, KeyError, TypeError) as err:
            raise DataFormatError(
                f"A correction in the library {lib.path} is not valid ({err}); "
                "undo it or start the corrections over."
            ) from err
        finally:
            self._done(lib)

    def save(self, corrections: Corrections) -> None:
        lib = self._library()
        try:
            with lib.batch("saved"):
                stored = lib.corrections()
                wanted = [correction_to_dict(op) for op in corrections.ops]
                same = 0
                while same < min(len(stored), len(wanted)) and stored[same].payload == wanted[same]:
                    same += 1
                for c in reversed(stored[same:]):
                    lib.undo_correction(c.id)
                for payload in wanted[same:]:
                    lib.add_correction(payload)
        finally:
            self._done(lib)
        corrections.save(corrections_path(self.folder))


def corrections_store(folder: str | os.PathLike[str] | None = None) -> CorrectionsStore:
    """The library store when the data folder has a library, else the JSON file (no library made)."""
    from app.store.paths import db_path

    base = data_dir(folder)
    if db_path(base).exists():
        return LibraryCorrectionsStore(base)
    return JsonCorrectionsStore(corrections_path(base))


def load_corrections(folder: str | os.PathLike[str] | None = None) -> Corrections:
    """The analyst's corrections kept in the data folder (library store, or the older JSON file)."""
    return corrections_store(folder).load()


# -- matching ------------------------------------------------------------------------------------------------
class _FormSet:
    """Forms, matched with or without one proclitic on either side (`والعراق` ~ `العراق`)."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = frozenset(forms)
        expanded = set(self.forms)
        for f in self.forms:
            expanded.update(_stripped(f))
        self._expanded = expanded

    def matches(self, form: str) -> bool:
        if form in self._expanded:
            return True
        return any(s in self.forms for s in _stripped(form))


def _stripped(form: str) -> list[str]:
    first, _, rest = form.partition(" ")
    return [f"{s} {rest}" if rest else s for s in strip_proclitics(first)]


_WORD_CHAR = r"[^\W_]"
# Proclitics an added name may carry in later text: conjunction, then preposition.
_PREFIX = "[وف]?[بلك]?"
_SPACE = r"[^\S\n]+"  # words of one name are on one line


def _name_pattern(form: str) -> re.Pattern[str]:
    """Occurrences of `form` in a normalized view, on word boundaries, after optional proclitics."""
    body = _SPACE.join(re.escape(w) for w in form.split())
    alts = [rf"(?<!{_WORD_CHAR}){_PREFIX}(?P<body>{body})(?!{_WORD_CHAR})"]
    if form.startswith("ال") and len(form) > 2:
        # لل + rest: the article's alef is dropped after the preposition (للعراق); the whole word counts.
        rest = _SPACE.join(re.escape(w) for w in form[2:].split())
        alts.append(rf"(?<!{_WORD_CHAR})(?P<whole>[وف]?لل{rest})(?!{_WORD_CHAR})")
    return re.compile("|".join(alts))


def find_name(
    text: str, surface: str, normalized: tuple[str, list[int]] | None = None
) -> list[tuple[int, int]]:
    """Spans of `text` (original offsets) where the name `surface` occurs, clitics allowed in front.

    `normalized` is `normalize_with_offsets(text)` when the caller has it (several names, one text).
    """
    form = mention_form(surface)
    if not form:
        return []
    view, offsets = normalized if normalized is not None else normalize_with_offsets(text)
    out: list[tuple[int, int]] = []
    for m in _name_pattern(form).finditer(view):
        group = "body" if m.group("body") is not None else "whole"
        a, b = m.span(group)
        start, end = offsets[a], offsets[b - 1] + 1
        # Keep the marks (tashkeel, tatweel) written on the last letter inside the span.
        while end < len(text) and (unicodedata.combining(text[end]) or text[end] == "\u0640"):
            end += 1
        out.append((start, end))
    return out


# -- applying ------------------------------------------------------------------------------------------------
def _as_spans(text: str, items: Sequence[EntitySpan] | Sequence[Entity]) -> list[EntitySpan]:
    spans: list[EntitySpan] = []
    for item in items:
        if isinstance(item, Entity):
            for m in item.mentions:
                spans.append(EntitySpan.make(text, m.start, m.end, item.label))
        else:
            check_span(text, item.start, item.end)
            spans.append(item)
    return spans


def _form_of(text: str, span: EntitySpan) -> str:
    return mention_form(text[span.start : span.end])


def _add(
    text: str, spans: list[EntitySpan], op: Add, h: str, normalized: tuple[str, list[int]]
) -> list[EntitySpan]:
    found = [(s, e, False) for s, e in find_name(text, op.surface, normalized)]
    if op.anchor is not None and op.anchor[0] == h and 0 <= op.anchor[1] < op.anchor[2] <= len(text):
        _, s, e = op.anchor
        found = [(a, b, pinned) for a, b, pinned in found if b <= s or a >= e]
        found.append((s, e, True))
    for start, end, pinned in sorted(found):
        overlapping = [sp for sp in spans if sp.start < end and start < sp.end]
        # A longer recognized name that contains this one (جامعة واشنطن around واشنطن) is kept, unless
        # the analyst selected exactly this span or the rest is only a proclitic (لواشنطن -> واشنطن).
        if not pinned and any(
            sp.start <= start
            and end <= sp.end
            and (sp.start, sp.end) != (start, end)
            and not _only_proclitic(text, sp, start, end)
            for sp in overlapping
        ):
            continue
        spans = [sp for sp in spans if sp not in overlapping]
        spans.append(EntitySpan.make(text, start, end, op.label))
    return spans


def _only_proclitic(text: str, span: EntitySpan, start: int, end: int) -> bool:
    """Is `span` the name `text[start:end]` with just a proclitic in front (same word, same end)?"""
    prefix = normalize(text[span.start : start])
    return span.end == end and 0 < len(prefix) <= 3 and re.fullmatch(_PREFIX, prefix) is not None


def _apply_span_ops(text: str, spans: list[EntitySpan], ops: Sequence[Correction]) -> list[EntitySpan]:
    h = text_hash(text)
    normalized: tuple[str, list[int]] | None = None
    for op in ops:
        if isinstance(op, Add):
            if normalized is None:
                normalized = normalize_with_offsets(text)
            spans = _add(text, spans, op, h, normalized)
        elif isinstance(op, Delete):
            fs = _FormSet(op.forms)
            spans = [sp for sp in spans if not fs.matches(_form_of(text, sp))]
        elif isinstance(op, Retype | Merge):
            fs = _FormSet(op.forms)
            spans = [
                EntitySpan(sp.start, sp.end, op.label, sp.score, sp.text)
                if fs.matches(_form_of(text, sp))
                else sp
                for sp in spans
            ]
    return sorted(spans, key=lambda sp: (sp.start, sp.end))


def apply_to_spans(
    text: str, items: Sequence[EntitySpan] | Sequence[Entity], corrections: Iterable[Correction]
) -> list[EntitySpan]:
    """The recognizer's spans with additions, deletions, type changes (and merges' types) applied."""
    return _apply_span_ops(text, _as_spans(text, items), list(corrections))


def apply_corrections(
    text: str,
    items: Sequence[EntitySpan] | Sequence[Entity],
    corrections: Iterable[Correction],
    known_name: Callable[[str, str], bool] | None = None,
    spelled: Callable[[str], str] | None = None,
) -> list[Entity]:
    """Entities of `text` after the corrections: spans corrected, grouped, then merges and renames.

    `items` are the recognizer's spans (or entities, whose mentions are taken as spans); `known_name`
    (e.g. `Recognizer.is_known_name`) tells grouping which names it knows besides the added ones;
    `spelled` (`Recognizer.names_spelled`) how to spell the names shown.
    """
    ops = list(corrections)
    spans = _apply_span_ops(text, _as_spans(text, items), ops)
    added = {op.form for op in ops if isinstance(op, Add)}

    def known(form: str, label: str) -> bool:
        return form in added or (known_name is not None and known_name(form, label))

    entities = group_mentions(text, spans, known=known, spelled=spelled)
    for op in ops:
        if isinstance(op, Merge):
            entities = _merge(text, entities, op)
        elif isinstance(op, Rename):
            entities = _rename(entities, op)
    entities = _join_same_key(entities)
    entities.sort(key=lambda e: (-e.count, e.name, e.label))
    return entities


def _join_same_key(entities: list[Entity]) -> list[Entity]:
    """A rename or merge onto a name that another entry already has makes them one entity."""
    by_key: dict[str, Entity] = {}
    for e in entities:
        first = by_key.get(e.key)
        if first is None:
            by_key[e.key] = e
            continue
        seen = {(m.start, m.end) for m in first.mentions}
        extra = [m for m in e.mentions if (m.start, m.end) not in seen]
        mentions = sorted([*first.mentions, *extra], key=lambda m: (m.start, m.end))
        by_key[e.key] = Entity(first.name, first.label, mentions, first.key)
    return list(by_key.values())


def _matches_entity(entity: Entity, fs: _FormSet) -> bool:
    return any(fs.matches(f) for f in entity_forms(entity))


def _merge(text: str, entities: list[Entity], op: Merge) -> list[Entity]:
    fs = _FormSet(op.forms)
    members = [e for e in entities if e.key in op.keys or _matches_entity(e, fs)]
    if not members:
        return entities
    name_form = mention_form(op.name)
    target = next((e for e in members if mention_form(e.name) == name_form), members[0])
    seen: set[tuple[int, int]] = set()
    mentions: list[Mention] = []
    for e in members:
        for m in e.mentions:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                mentions.append(m)
    mentions.sort(key=lambda m: (m.start, m.end))
    merged = Entity(op.name, target.label, mentions, canonical_key(op.name, target.label))
    return [e for e in entities if e not in members] + [merged]


def _rename(entities: list[Entity], op: Rename) -> list[Entity]:
    fs = _FormSet(op.forms)
    out: list[Entity] = []
    for e in entities:
        if e.key == op.key or _matches_entity(e, fs):
            e = Entity(op.name, e.label, e.mentions, canonical_key(op.name, e.label))
        out.append(e)
    return out
