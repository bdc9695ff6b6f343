"""Grouping mentions into entities: one `Entity` per real-world person, place or organization.

Mentions are compared through a *form*: the mention normalized (alef forms, alef maksura, teh marbuta,
tashkeel, tatweel) with its whitespace collapsed. Three steps, all within one entity type:

1. Same form: `الكاظمى` and `الكاظمي` are one entity.
2. Clitics: `لواشنطن`, `والعراق`, `بالعراق` join `واشنطن` / `العراق` when the form with the proclitic
   removed is the form of another mention (or a `known` form). A stripped form is never accepted on its
   own, so `لبنان` stays `لبنان`. To reach a known form only و and ل are cut off a person (ويوليا
   سكريبال is يوليا سكريبال where the recognizer's lists know يوليا; بريكان is no ب + ريكان).
3. Short and long names of a person: other spellings of a well-known person's name join first
   (`ترمب` and `ترامب`, `app.ner.persons.ALIASES`); then a one-word PERS mention (`الكاظمي`) joins
   the multi-word PERS entity whose last word (or, failing that, first word) it is, when exactly one
   entity matches.

The canonical name is the fullest form written in standard spelling (see `_spelling_rank`), without
tashkeel or tatweel. The original text is never rewritten: every mention keeps its offsets into it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from app.core.models import Entity, EntitySpan, Mention, check_span
from app.ner.persons import ALIASES
from app.text.normalize import (
    HAMZA_ALEFS,
    HYPHENS,
    MARKS_RE,
    PERSIAN_LETTERS,
    is_arabic,
    normalize,
    strip_proclitics,
)


def mention_form(surface: str) -> str:
    """The comparison form of a mention: normalized, single spaces, no edge spaces; the `_` of a
    hashtag (`#شيرين_عبد_الوهاب`) is a space, its `#` inside a name (`دونالد # ترمب`) goes, and so
    do the dots of an acronym (بي.بي.سي is بي بي سي)."""
    return " ".join(normalize(_spaced(surface).replace(".", " ")).split())


def _spaced(surface: str) -> str:
    """`surface` with the `_` that join a hashtag's words as spaces, its `#` left out, and single
    spaces."""
    return " ".join(surface.replace("_", " ").replace("#", " ").split())


def canonical_key(name: str, label: str) -> str:
    """A stable key for an entity, e.g. `PERS:مصطفي الكاظمي`: the same for every spelling of the name
    (a person's other spellings of `app.ner.persons.ALIASES` too: `PERS:ترامب` for ترمب)."""
    return f"{label}:{_compared_form(mention_form(name), label)}"


# `ALIASES` as forms: a word of another spelling -> the listed spelling's word(s)
_ALIAS_WORDS = {mention_form(k): mention_form(v) for k, v in ALIASES.items()}


def _alias(form: str) -> str:
    """A person's form with each word of another spelling of a well-known name in its listed
    spelling (`ALIASES`): دونالد ترمب -> دونالد ترامب."""
    return " ".join(_ALIAS_WORDS.get(w, w) for w in form.split())


def _compared_form(form: str, label: str) -> str:
    """The form names of `label` are compared and keyed by: a person's with `_alias`."""
    return _alias(form) if label == "PERS" else form


@dataclass
class _Group:
    label: str
    form: str  # the form every mention in the group was resolved to (the head form)
    mentions: list[tuple[Mention, str]] = field(default_factory=list)  # (mention, its own form)

    @property
    def alias(self) -> str:
        """The form compared with other groups': a person's with `_alias` (ترمب is ترامب)."""
        return _compared_form(self.form, self.label)

    @property
    def words(self) -> list[str]:
        return self.alias.split()


_DOUBLE_CLITICS = ("ول", "وب", "فل", "فب", "وك")


def _resolve_clitic(
    form: str,
    is_target: Callable[[str], bool],
    article: bool = True,
    only: Collection[str] = (),
    double: bool = False,
) -> str | None:
    """The target form that `form` is with a proclitic on its first word, if any (longest prefix first).

    Without `article`, the article alone is not cut: it is part of a name the article never writes
    without it (`الوكالة الدولية` is no `وكالة الدولية`); with it, `الباي` joins a `باي` of the
    article. With `only`, only those proclitics are cut; with `double`, also two without the article
    (ولحزب), which the tagger's stems keep whole."""
    first, _, rest = form.partition(" ")
    stems = strip_proclitics(first)
    if double:
        stems += [first[len(pre) :] for pre in _DOUBLE_CLITICS if first.startswith(pre) and len(first) >= 5]
    for stem in stems:
        if only and first[: len(first) - len(stem)] not in only:
            continue
        candidate = f"{stem} {rest}" if rest else stem
        # without `article`, والبنك الدولي is البنك الدولي, not بنك الدولي
        if not article and (first == "ال" + stem or "ال" + stem in stems):
            continue
        if candidate != form and is_target(candidate):
            return candidate
    return None


def _spelling_rank(surface: str) -> tuple[int, int, int]:
    """Higher is more standard: word-final ي over ى, hamza on alef, word-final ة over ه.

    Only surfaces with the same form are compared, so these are exactly the letters that differ.
    """
    words = surface.split()
    final_ya = sum(w.endswith("ي") for w in words)
    hamza = sum(ch in HAMZA_ALEFS for ch in surface)
    final_ta = sum(w.endswith("ة") for w in words)
    return (final_ya, hamza, final_ta)


# The Persian keyboard's kaf and yeh, written as Arabic's in a name shown (`_standard_surface`)
_ARABIC_LETTERS = str.maketrans(PERSIAN_LETTERS)


def _standard_surface(surface: str) -> str:
    """`surface` as news write it: without tashkeel and tatweel (إِيمَانُويل مَاكْرُون: إيمانويل ماكرون),
    with Arabic's kaf and yeh for a Persian keyboard's (عبد اللهیان: عبد اللهيان)."""
    return MARKS_RE.sub("", surface).translate(_ARABIC_LETTERS) or surface


def _canonical_name(group: _Group, spelled: Spelled | None = None) -> str:
    """Fullest form (most words, then longest) among un-cliticized mentions; best spelling of it,
    without the marks news do not write (`_standard_surface`), in the standard spelling where the
    article writes otherwise (`spelled`)."""
    own = [(m.start, _standard_surface(_spaced(m.text))) for m, f in group.mentions if f == group.form]
    if not own:
        # Every mention is cliticized (resolved to a known form): cut the clitic off the surface.
        own = [
            (m.start, _standard_surface(_strip_to_form(_spaced(m.text), group.form)))
            for m, _ in group.mentions
        ]
    if spelled is not None:
        own = [(start, spelled(s)) for start, s in own]
    surfaces = Counter(s for _, s in own)
    first_seen: dict[str, int] = {}
    for start, s in sorted(own):
        first_seen.setdefault(s, start)
    return max(
        surfaces,
        key=lambda s: (_spelling_rank(s), surfaces[s], -first_seen[s]),
    )


def _strip_to_form(surface: str, form: str) -> str:
    """The longest suffix of `surface` whose form is `form` (`لواشنطن` -> `واشنطن`), or that suffix
    with the alef of the article that ل took (`للولايات المتحدة` -> `الولايات المتحدة`), else `form`."""
    for i in range(len(surface)):
        if mention_form(surface[i:]) == form:
            return surface[i:]
    if form.startswith("ال"):
        for i in range(len(surface)):
            if surface[i] == "ل" and mention_form("ا" + surface[i:]) == form:
                return "ا" + surface[i:]
    return form


def _without_clitic(mention: Mention, form: str, head: str) -> Mention:
    """A mention resolved to its group's form through a proclitic, cut to the name (`لواشنطن` ->
    the `واشنطن` in it), so the highlight and the exports mark the name and not the preposition."""
    if form == head:
        return mention
    cut = _strip_to_form(mention.text, head)
    if cut == mention.text or not mention.text.endswith(cut):
        return mention
    start = mention.end - len(cut)
    return Mention(start, mention.end, cut)


Known = Collection[str] | Callable[[str, str], bool]
# A name as the article's words are usually spelled (`Recognizer.names_spelled`)
Spelled = Callable[[str], str]


def group_mentions(
    text: str,
    spans: Sequence[EntitySpan],
    known: Known = (),
    spelled: Spelled | None = None,
) -> list[Entity]:
    """Entities of an article's recognized `spans` (offsets into `text`), most mentioned first.

    `known` tells which other forms a cliticized mention may be resolved to when the article has no
    mention of the bare form: a collection of forms (already `mention_form`-ed, any type), e.g. names
    the analyst added, or a predicate `known(form, label)`, e.g. `Recognizer.is_known_name` answering
    from a model's name lists. A mention whose own form is known is never stripped (`لبنان`).
    `spelled` gives a name in the standard spelling where the article spells otherwise (الكاظمى
    in an article that writes ى for ي, `Recognizer.names_spelled`); the mentions keep their text.
    """
    # 0. Mentions by type and form (duplicate spans are counted once), the syllables of a
    # hyphenated given name joined to it.
    by_label: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[int, int, str]] = set()
    for span in _join_hyphenated(text, sorted(spans, key=lambda s: (s.start, s.end))):
        check_span(text, span.start, span.end)
        surface = text[span.start : span.end]
        form = mention_form(surface)
        if not form or (span.start, span.end, span.label) in seen:
            continue
        seen.add((span.start, span.end, span.label))
        by_label[span.label][form].append(Mention(span.start, span.end, surface))

    entities: list[Entity] = []
    for label, forms in by_label.items():
        for group in _merge_latin_glosses(text, _group_label(label, forms, known)):
            name = _canonical_name(group, spelled)
            mentions = sorted(
                (_without_clitic(m, f, group.form) for m, f in group.mentions), key=lambda m: (m.start, m.end)
            )
            entities.append(Entity(name, label, mentions, canonical_key(name, label)))
    entities.sort(key=lambda e: (-e.count, e.name, e.label))
    return entities


# What stands between a name and its gloss in Latin letters: ألبرت أينشتاين (Albert Einstein)
_GLOSS_GAP_RE = re.compile(r"\s*[\"'»”]?\s*\(\s*")
_GAP_MAX = 8  # characters


def _merge_latin_glosses(text: str, groups: list[_Group]) -> list[_Group]:
    """A name in Latin letters written in brackets right after an Arabic name of its type is that
    name (ألبرت أينشتاين (Albert Einstein), منظمة أطباء بلا حدود (MSF)): its group joins the Arabic
    name's, which keeps its canonical name, when each of its glosses follows that one name."""
    latin = [g for g in groups if not is_arabic(g.form)]
    if not latin or len(latin) == len(groups):
        return groups
    ends = {m.end: g for g in groups if g not in latin for m, _ in g.mentions}
    by_form = {g.form: g for g in groups}
    for g in latin:
        owners: set[str] = set()
        for m, _ in g.mentions:
            owner = next(
                (
                    ends[e]
                    for e in range(max(0, m.start - _GAP_MAX), m.start)
                    if e in ends and _GLOSS_GAP_RE.fullmatch(text, e, m.start)
                ),
                None,
            )
            owners.add(owner.form if owner is not None else "")
        if len(owners) == 1 and "" not in owners:
            _move(g, by_form[owners.pop()], by_form)
    return list(by_form.values())


def _join_hyphenated(text: str, spans: list[EntitySpan]) -> list[EntitySpan]:
    """`spans` (sorted) with a person of two or more words and a person of one short word after a
    hyphen made one: كيم جونغ - أون, which the recognizer tags as ANERcorp does, the syllable apart
    (`app.ner.bundled.hyphenated_syllables`)."""
    out: list[EntitySpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == span.label == "PERS"
            and len(text[prev.start : prev.end].split()) > 1
            and span.end - span.start <= 3
            and text[prev.end : span.start].strip() in HYPHENS
        ):
            out[-1] = replace(prev, end=span.end, text=text[prev.start : span.end] if prev.text else "")
        else:
            out.append(span)
    return out


def _group_label(label: str, forms: dict[str, list[Mention]], known: Known) -> list[_Group]:
    # 1. Clitics: resolve each form to another mention's form, else to a known form, where possible.
    targets: set[str] = set(forms)
    if label == "PERS":
        # `لبايدن` may be resolved to the last word of `جو بايدن`, `وبوتين` to `بوتين` where the
        # article writes `بوتن` (`_alias`).
        for form in forms:
            words = form.split()
            if len(words) > 1:
                targets.update((words[0], words[-1]))
            targets.add(_alias(form))
    if callable(known):
        predicate = known

        def is_known(form: str) -> bool:
            return predicate(form, label)
    else:
        known_forms = known

        def is_known(form: str) -> bool:
            return form in known_forms

    head: dict[str, str] = {}
    for form in forms:
        # two proclitics only to reach another mention of the article (ولحزب العمال الكردستاني):
        # to reach a listed name they cut names (ولايفان كورزاوا is و + لايفان)
        resolved = _resolve_clitic(form, lambda c: c in targets, double=True)
        if resolved is None and not is_known(form):
            # a person only after و or ل: ب, ف, ك start many names (بريكان is no ب + ريكان)
            resolved = _resolve_clitic(
                form, is_known, article=False, only=_PERSON_CLITICS if label == "PERS" else ()
            )
        head[form] = resolved if resolved is not None else form
    # A form resolved to something that is itself cliticized (rare) follows the chain once more.
    for form, h in head.items():
        if h in head and head[h] != h:
            head[form] = head[h]

    groups: dict[str, _Group] = {}
    for form, mentions in forms.items():
        h = head[form]
        group = groups.setdefault(h, _Group(label, h))
        group.mentions.extend((m, form) for m in mentions)

    # 2. Persons: other spellings of one name join (ترمب, ترامب), then a one-word name joins the
    # one multi-word name it ends (or starts); an organization, the one name that is its head and it
    # (داعش, تنظيم داعش).
    if label == "PERS":
        _merge_aliases(groups)
        _merge_short_names(groups)
    elif label == "ORG":
        _merge_headed_names(groups)
    return list(groups.values())


# The proclitics cut off a person's name to reach a known name (`group_mentions`): ويوليا سكريبال
_PERSON_CLITICS = frozenset({"و", "ل", "ول"})
# Heads of organizations' names that may be left out (تنظيم داعش is داعش, حزب الليكود is الليكود)
ORG_NAME_HEADS = frozenset(
    normalize(w)
    for w in (
        "تنظيم", "حركة", "جماعة", "جبهة", "ميليشيا", "ميليشيات", "حزب", "منظمة", "شركة", "مجموعة",
        "صحيفة", "جريدة", "مجلة", "وكالة", "حلف",
    )
)  # fmt: skip
_GOD = normalize("الله")  # حزب الله is no الله


def _merge_aliases(groups: dict[str, _Group]) -> None:
    """Groups whose forms are one name in other spellings (`_alias`: ترمب, ترامب) become one: the
    group in the listed spelling, else the most mentioned, takes the others' mentions, each cut to
    the name (لترمب -> ترمب) and counted as written in its own spelling."""
    by_alias: dict[str, list[_Group]] = defaultdict(list)
    for g in groups.values():
        by_alias[g.alias].append(g)
    for alias, same in by_alias.items():
        if len(same) < 2:
            continue
        owner = next((g for g in same if g.form == alias), max(same, key=lambda g: len(g.mentions)))
        for g in same:
            if g is not owner:
                _move(g, owner, groups, own=True)


def _move(group: _Group, owner: _Group, groups: dict[str, _Group], own: bool = False) -> None:
    """Give `owner` the mentions of `group` (then dropped from `groups`), each cut to the name
    first (للكاظمي -> الكاظمي), counted as written in `owner`'s form when `own` (another spelling
    of the same name, a candidate for its canonical name), else as their own form."""
    for m, f in group.mentions:
        cut = _without_clitic(m, f, group.form)
        owner.mentions.append((cut, owner.form if own else mention_form(cut.text)))
    del groups[group.form]


def _merge_headed_names(groups: dict[str, _Group]) -> None:
    """A one-word organization joins the one two-word organization that is a head and it (داعش ->
    تنظيم داعش, الليكود -> حزب الليكود, أوبك -> منظمة أوبك)."""
    for short in [g for g in groups.values() if len(g.words) == 1 and g.form != _GOD]:
        owner = _only(
            g
            for g in groups.values()
            if len(g.words) == 2 and g.words[1] == short.form and g.words[0] in ORG_NAME_HEADS
        )
        if owner is not None:
            _move(short, owner, groups)


def _merge_short_names(groups: dict[str, _Group]) -> None:
    """A name joins the one longer name it ends (الكاظمي, أبو الغيط -> أحمد أبو الغيط); a one-word
    name that ends none joins the one longer name it starts. Longer short names go first, so that
    الغيط, once أبو الغيط has joined أحمد أبو الغيط, has only one name to join."""
    for short in sorted(groups.values(), key=lambda g: len(g.words), reverse=True):
        n = len(short.words)
        longer = [g for g in groups.values() if len(g.words) > n]
        owner = _only(g for g in longer if g.words[-n:] == short.words)
        if owner is None and n == 1:
            owner = _only(g for g in longer if g.words[0] == short.words[0])
        if owner is None:
            continue
        _move(short, owner, groups)


def _only(groups: Iterable[_Group]) -> _Group | None:
    found = list(groups)
    return found[0] if len(found) == 1 else None
