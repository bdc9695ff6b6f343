"""The bundled recognizer: a linear-chain CRF (python-crfsuite) over hand-made features, word clusters
and gazetteers, and a small BiLSTM-CRF (`app.ner.neural`) over those features and word vectors that
tags alone or averaged with the CRF when the model has one, with names propagated to their other
mentions in the document.

Model folder (`resources/models/` by default): `meta.json` (settings, labels and the sha256 of every
file), `ner.crfsuite` (the CRF as crfsuite trained it), `crf_weights.npz` (its weights and attribute
names: what the tagger uses), `lexicon.sqlite` (word clusters and name lists, read on demand, so
the model loads in milliseconds) and, optionally, `bilstm.npz` (the network; `meta["network"]` gives
the CRF's weight in the average). Loading checks the checksums of the files tagging reads; ner.crfsuite
is checked when the reference tagger opens it. Build it with `python -m app train --data ...`.

With the network, each token's label probabilities from the CRF (forward-backward over its scores) and
from the network are averaged and the best valid BIO sequence of their logs is decoded; at CRF weight 0
(the shipped model) the network's probabilities alone, and the CRF's scores are not computed. Without
the network, the CRF's Viterbi labels are used as they are.

Speed: a document's new words are looked up in one query; each word's features are kept as weight
rows, summed once per word form, and all sentences are tagged at once in numpy (`app.ner.crf`).
crfsuite's own tagger over `FeatureExtractor.document` stays as the reference
(`BundledRecognizer.reference_tags`; tests/unit/test_bundled_speedups.py, tests/unit/test_crf.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.core.errors import ModelError
from app.core.models import EntitySpan, Token
from app.ner.base import Recognizer, repair_bio
from app.ner.crf import WEIGHTS_FILE, CrfTagger
from app.ner.features import (
    NO_ENTRY,
    PERS_TITLES,
    TRIGGERS,
    Entry,
    FeatureExtractor,
    Lexicon,
    MemoryLexicon,
    TypeInfo,
)
from app.ner.neural import NEURAL_FILE, BiLstmTagger, forward_backward
from app.ner.organizations import ORGANIZATIONS
from app.ner.persons import PERSONS
from app.ner.places import COUNTRIES, PLACES
from app.ner.retokenize import tag_as_qari_tokens
from app.ner.spelling import MAKSURA_WORDS, TEH_MARBUTA_WORDS, Spelling
from app.text.normalize import (
    HAMZA_ALEFS,
    HYPHENS,
    LETTER_NAMES,
    PROCLITICS,
    is_arabic,
    normalize,
    normalize_keep_hamza,
    strip_proclitics,
    tanween_only,
)

MODEL_FORMAT = 2
META = "meta.json"
CRF_FILE = "ner.crfsuite"
LEXICON_FILE = "lexicon.sqlite"
MODEL_FILES = (CRF_FILE, WEIGHTS_FILE, LEXICON_FILE)
# What tagging reads (and `load` checks); ner.crfsuite is read only by the reference tagger.
RUNTIME_FILES = (WEIGHTS_FILE, LEXICON_FILE)
REBUILD = (
    "python -m app train --data ../shared/data/anercorp/train.txt --unlabeled ../shared/data/unlabeled "
    "--gazetteers ../shared/data/gazetteers --out resources/models"
)
PROPAGATED = ("PERS", "LOC", "ORG")
# The trigger kind of the words that head organization and place names (`is_known_name`).
_HEADS = {"ORG": "OHEAD", "LOC": "LHEAD"}
# Joins the words of a name in hashtags (`tag_around_joiners`).
JOINER = "_"
# Written between the letters of an acronym (بي.بي.سي), which are tagged without it (`_joiners`).
DOT = "."
# Starts a hashtag, as scraped news pages often keep it (`# ترمب`); left out while tagging where it
# is inside a name (`hashes_after_names`).
HASH = "#"
# آية الله "Ayatollah" (and العظمى, "Grand", after it), normalized, with the proclitics it takes: a
# title the network reads as the end of a name (الله is a name in ANERcorp), so that it missed the
# name after it (آية الله علي خامنئي: 8 of 18 in recent news). Tagged without it (`_ayatollahs`), it
# starts the person's name, as in ANERcorp's 3 of 3 (آية الله الطبسي).
GOD = "الله"
# The proclitics a trigger word may carry (و ف ب ل ك, two at most) without ال: after ال a word is
# definite, and the name after it an adjective (الفريق الأحمر). `_with_clitics` spells them out.
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ول", "وب", "فل", "فب", "وك")


def _with_clitics(words: Collection[str], clitics: Sequence[str] = _CLITICS) -> frozenset[str]:
    """Every (normalized) word of `words` with each of `clitics` before it, none included."""
    return frozenset(p + w for w in words for p in clitics)


AYATOLLAH = _with_clitics({"ايه"}, _CLITICS[:-1])
GRAND = "العظمي"
# meta.json key: spellings that are never a one-word person name (see `drop_one_word_persons`)
NON_NAME_WORDS = "non_name_words"
# meta.json key: spellings propagation never makes a one-word name (see `propagate`)
UNPROPAGATED_WORDS = "unpropagated_words"
# meta.json key: normalized words the model itself rarely names in the unlabeled news
# (`app.ner.name_rates`; see `drop_rare_names`)
RARE_NAME_WORDS = "rare_name_words"
# Shorter words never become a name on their own by propagation.
_MIN_PROPAGATED_CHARS = 3
# The other words of honorifics (خادم الحرمين الشريفين "Custodian of the Two Holy Mosques", صاحب
# السمو الملكي "His Royal Highness", العريف أول "corporal first class"), as clitic-stripped stems: a
# person made of these and titles only is no name (`tidy_names`).
HONORIFIC_STEMS = frozenset({"حرمين", "شريفين", "سمو", "ملكي", "ركن"})  # فريق أول ركن
# أول "first" (العريف أول) as written alone: as a stem, اول is also that of باول (Powell).
HONORIFIC_WORDS = frozenset({"اول"})
# "Press" ending a news agency's name (فرانس برس), clitic-stripped and normalized (`tidy_names`).
PRESS_STEMS = frozenset({"برس", "بريس"})
# Adjectives other than a country's that end organization and place names (صندوق النقد الدولي,
# مطار القاهرة الدولي), without ال and normalized: never a one-word person after a definite word
# (`tidy_names`).
GENERIC_ADJECTIVES = frozenset(
    normalize(w)
    for w in ("دولي", "وطني", "عربي", "إسلامي", "أوروبي", "عالمي", "إقليمي", "اتحادي", "مركزي", "أجنبي")
) | {normalize(w) for w in ("أيسر", "أيمن")}  # "left", "right": الظهير الأيسر "the left back"
# Descriptions that come before a name but are no part of it, without ال and normalized: "young",
# "famous", "venerable", "late", "martyr", "veteran", "painter", "chef" (الصحابي الجليل سعد بن أبي
# وقاص, الرحالة المشهور ابن بطوطة). A person that starts with one with ال loses it (`tidy_names`):
# ANERcorp leaves them out (train has 38 of them before a person and 2 inside one).
DESCRIPTIONS = frozenset(
    normalize(w)
    for w in (
        *("شاب", "شابة", "شهير", "شهيرة", "مشهور", "مشهورة", "جليل", "حسناء", "موهوب", "موهوبة"),
        *("مخضرم", "صاعد", "راحل", "راحلة", "شهيد", "مرحوم", "مرحومة"),
        *("رسام", "رسامة", "مايسترو", "شيف", "ظهير", "دراج", "جاسوس", "كومندان", "مغني", "مغنية"),
        *("روائي", "روائية", "إعلامي", "إعلامية", "ناشط", "ناشطة", "داعية", "أيمن", "أيسر"),
    )
)
# "Departure": the network ran it into the name after it (رحيل زيدان, برحيل لاعبه "with the departure
# of its player") 38 times in 2,667 recent articles, and right once (سعد بن رحيل السويدي, inside a
# name); ANERcorp train has no bare رحيل. A person that starts with it loses it, one made of it alone
# goes (`tidy_names`); clitic-stripped and normalized.
DEPARTURE_STEMS = frozenset({normalize("رحيل")})
# Organization heads that are a name on their own (`tidy_names`), clitic-stripped and normalized.
ORG_HEAD_NAMES = frozenset({"كونغرس", "كونجرس"})
# "Militia(s)", clitic-stripped, in its spellings: a common noun, no organization alone (`tidy_names`;
# ميليشيا الحوثي is one).
MILITIA_STEMS = frozenset({"ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "ميلشيا", "ميلشيات"})
# Words the network ran names on into, normalized: never the last word of a name (`tidy_names`):
# "about" (ترامب بشأن), "known as" (المعروف), "famous", "last", "successfully", "owner of" (جيولي
# صاحب الهدف "Giuly, scorer of the goal"; in none of ANERcorp train's 31 names).
NEVER_LAST = frozenset(
    normalize(w)
    for w in ("بشأن", "المعروف", "المعروفة", "الشهير", "الشهيرة", "الأخير", "الأخيرة", "بنجاح", "برصيد")
) | {normalize("صاحب"), normalize("صاحبة")}
# "Disease", "virus", "syndrome"..., clitic-stripped and normalized: a one-word name after one is the
# disease's (مرض الزهايمر, فيروس كورونا, بمتلازمة ستوكهولم), no person, place or organization
# (`tidy_names`). A longer person stays (مرض ستيفن هوكينغ, a name for ALS).
DISEASE_STEMS = frozenset(
    normalize(w) for w in ("مرض", "أمراض", "مرضى", "فيروس", "فيرس", "فايروس", "متلازمة", "داء", "وباء")
)
# "Month", clitic-stripped: the word after it is the month's name (شهر رمضان, بشهر يونيو), no
# one-word name (`tidy_names`; ANERcorp train tags none of the words after its 90 شهر)
MONTH_STEMS = frozenset({normalize("شهر")})
# Days of the week, normalized: never the last word of a name (`tidy_names`).
WEEKDAYS = frozenset(
    normalize(d) for d in ("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
)
# "Night" before a weekday or an ordinal (ليل الأحد "Sunday night", ليل السادس من أبريل), normalized:
# no place, though ليل is also Lille (`tidy_names`)
NIGHT = frozenset({normalize("ليل")})
# Ordinals, normalized: the end of a ruler's name (عبد الله الثاني), never a name on their own.
ORDINALS = frozenset(
    normalize("ال" + w + end)
    for w in ("ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
    for end in ("", "ة")
) | {normalize("الأول"), normalize("الأولى")}
# Titles, normalized: never a person's name on their own (الشيخ, الوالي "the governor", ومعالي
# "and His Excellency"). The titles that also start or are names (أبو, بن, عبد, أمين, حاكم...) and
# البابا (the Pope, a one-word person in ANERcorp) are not among them.
TITLE_WORDS = (
    PERS_TITLES
    | {normalize(w) for w in ("القيادي", "الوالي", "معالي", "خادم", "فضيلة", "سماحة", "سمو", "صاحب")}
    | {normalize(w) for w in ("العريف", "الرقيب", "الملازم", "النقيب")}  # military ranks
    | {normalize(w) for w in ("الكولونيل", "الميجر", "جنرال", "المارشال", "الماريشال", "اللورد", "البروفسور")}
    | {normalize(w) for w in ("وكيل", "كبير", "أفندي")}  # undersecretary, chief, effendi
    | {normalize(w) for w in ("الإمبراطور", "إمبراطور", "الإمبراطورة", "إمبراطورة")}  # emperor, empress
    # the royal court, where a name is expected: المستشار بالديوان الملكي "adviser at the Royal Court"
    | {normalize(w) for w in ("الديوان", "ديوان")}
    # the rest of a title: ولي العهد "the crown prince", رئيس الأركان "the chief of staff",
    # المرشد الأعلى "the Supreme Leader", كاتب عام "secretary general" (of Tunisian unions)
    | {normalize(w) for w in ("العهد", "الأركان", "أركان", "المرشد", "كاتب")}
    | {normalize(w) for w in ("نظير", "نظيره", "نظيرها", "نظيرته", "نظيرتها")}  # "his counterpart"
) - {
    normalize(w)
    for w in (
        "ابو",
        "أبو",
        "ابن",
        "بن",
        "بنت",
        "ام",
        "أم",
        "عبد",
        "أمين",
        "الأمين",
        "البابا",
        "حاكم",
        "ولي",
        "آية",
        "الخليفة",
        "المهندس",
        "قائد",
        "د",
    )
}
# Month names, normalized: the Gregorian ones and the Syriac ones used beside them in the Levant and
# Iraq (إبريل نيسان "April", يونيو حزيران "June"), several of which are names too (نيسان: Nissan,
# تشرين: a newspaper). Two side by side are a date (`tidy_names`).
MONTHS = frozenset(
    normalize(w)
    for w in (
        *("يناير", "فبراير", "مارس", "أبريل", "إبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس"),
        *("سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "جانفي", "فيفري", "أفريل", "ماي", "جوان"),
        *("جويلية", "أوت", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب"),
        *("أيلول", "تشرين"),
    )
)
# Currencies, clitic-stripped and normalized: never a one-word place, person or organization (منطقة
# اليورو "the eurozone"; ANERcorp has the euro as a miscellaneous name 23 times of 24) (`tidy_names`).
# Not يوان: also the Chinese name Yuan, a person in ANERcorp.
CURRENCY_STEMS = frozenset(normalize(w) for w in ("يورو", "دولار", "دينار", "درهم", "جنيه", "روبل", "ليرة"))
# Places spelled like a common adjective (مالي: Mali, and "financial"), normalized.
ADJECTIVE_PLACES = frozenset({normalize("مالي")})
# Words before which such a place is the place (بين مالي والنيجر), normalized.
_BEFORE_PLACES = frozenset(
    normalize(w)
    for w in ("بين", "مع", "عن", "على", "ضد", "أمام", "لدى", "حول", "عند", "قرب", "بعد", "قبل", "و")
)
# آل "family of": the start of a Gulf family's name (تركي آل الشيخ, حمد بن جاسم آل
# ثاني), never a name's last word (`join_names`).
FAMILY_WORDS = frozenset({"آل", "ال"})  # as written: إل is Il (كيم جونغ إل)
# Words that start a place's name and are no place alone (سان بطرسبرغ, لوس أنجلس, نيو مكسيكو,
# سلطنة عمان), normalized (`join_names`).
PLACE_HEADS = frozenset(
    normalize(w)
    for w in ("سان", "سانت", "سانتا", "لوس", "لاس", "نيو", "بورت", "بوينس", "سلطنة", "مملكة", "إمارة")
)
# Words that start a place's name, clitic-stripped and normalized, which the network sometimes tags
# as the whole place (تل of تل رفعت, المحيط of المحيط الهادئ, بيت of بيت حانون) (`join_names`).
PLACE_FIRST_STEMS = frozenset(
    normalize(w) for w in ("تل", "بيت", "عين", "خان", "قصر", "كفر", "رأس", "بني", "دير", "سيدي", "محيط")
)
# "Province", "state", "region", "city"..., clitic-stripped and normalized: before a place, no part of
# it (محافظة لحج, بولاية تكساس), as ANERcorp has مدينة مليلية with the place alone (`join_names`).
PLACE_HEAD_STEMS = frozenset(
    normalize(w) for w in ("محافظة", "ولاية", "منطقة", "مدينة", "مقاطعة", "إقليم", "اقليم", "قضاء", "ناحية")
)
OCEAN = normalize("محيط")  # المحيط الهادئ "the Pacific Ocean"
# The countryside of a place (ريف دمشق, بريف حلب), clitic-stripped: not part of the place that
# follows, as ANERcorp leaves جنوب "south of" out of it (`join_names`).
REGION_STEMS = frozenset({"ريف"})
# Titles inside an organization's name, before a person's (جامعة الملك سعود "King Saud
# University", مستشفى الأمير سلطان), normalized (`join_names`).
ROYAL_TITLES = frozenset(normalize(w) for w in ("الملك", "الأمير"))
# Words after which a country's adjective is part of the country's full name (المملكة العربية
# السعودية, الجمهورية العربية السورية), normalized.
_FULL_NAME_WORDS = frozenset({normalize("العربية"), normalize("المتحدة")})
# The second word of compound given names, normalized (صلاح الدين, نور الدين, عبد الله): no surname
# to propagate alone (`propagate`), being "religion" and "God" (رجال الدين "clerics" had become
# persons in articles naming صلاح الدين)
COMPOUND_SECONDS = frozenset(normalize(w) for w in ("الدين", "الله"))
# Independent pronouns of the first and second person, as written: "I am happy" (أنا سعيد) is no
# name, and a name after one (أنا أبو عمر) does not include it (`drop_pronouns`). Not انا without
# its hamza, which is also Anna (انا هوليغان; آنا normalizes to it too), nor هو / هي, also the
# Chinese surname Hu (هو جينتاو).
PRONOUNS = frozenset({"أنا", "نحن", "أنت", "أنتم", "أنتما", "أنتن"})
# Particles as written with their hamza, which no name starts with (`drop_pronouns`): "in front
# of", "then indeed", "indeed", "because", "that"; and امام, also the title إمام written plainly,
# which ANERcorp leaves out of names too. Not فان or وان: they start names (فان دايك).
PARTICLES_WRITTEN = frozenset({"أمام", "وأمام", "امام", "وامام", "فإن", "وإن", "إن", "لأن", "بأن"}) | {
    # the same particles with "you" (أنك "that you", لأنك "because you", بأنك) and the question
    # "what is your opinion" (ما رأيك): persons to the network in an interview (ترين أنك, رأيك
    # 12 times in 2,667 recent articles)
    p + s
    for p in ("أن", "ان", "لأن", "لان", "بأن", "وبأن", "إن", "فإن", "رأي")
    for s in ("ك", "كم", "كما")
}
# "The tongue of", as written: على لسان X "as X said", which the network began 14 persons with in
# 2,667 recent articles (على لسان بهرام قاسمي), ل + سان "Saint" to its letters (`drop_pronouns`)
TONGUE = frozenset({"لسان", "بلسان"})
# "Died" and "born", as written: توفي الشدياق "al-Shidyaq died", رجل الأعمال المولود في لبنان "the
# businessman born in Lebanon" (`drop_pronouns`)
VERBS_WRITTEN = frozenset({"توفي", "وتوفي", "المولود", "المولودة"})
# the words dropped from the person they start, which they never are alone either
_NEVER_FIRST = PRONOUNS | PARTICLES_WRITTEN | TONGUE | VERBS_WRITTEN
# and words that start so: the future of the first person (سأكون "I will be") and سأل "asked"
_FUTURE_FIRST = ("سأ", "وسأ", "فسأ")
# Syria as Syrian and Gulf news often spell it, like the adjective "Syrian" (feminine), normalized:
# a country's own name (`_indefinite_feminine_country_adjective`).
_COUNTRIES_IN_IYA = frozenset({normalize("سورية")})
# "Northern" and "southern" after a country's adjective (مسؤول كوري جنوبي "a South Korean
# official"), normalized: the adjective is no name (`tidy_names`).
DIRECTIONS = frozenset(normalize(w) for w in ("شمالي", "جنوبي", "الشمالي", "الجنوبي"))
# "International", normalized: never the last word of a person's name (مطار الملك فهد الدولي, "King
# Fahd International Airport"; `tidy_names`).
INTERNATIONAL = frozenset(normalize(w) for w in ("الدولي", "الدولية"))
# "To me", as written: the name Lee to the tagger (قال لي "he told me", بالنسبة لي "as for me"), a
# person alone only after a title or beside the rest of the name (`drop_rare_names`).
TO_ME = "لي"
# Name-list kinds of a country's name, and of a word of one (العربية of المملكة العربية السعودية).
_COUNTRY = "LOC_country"
_COUNTRY_WORD = "LOC_country_tok"


def default_model_dir() -> Path:
    from app.core.resources import resources_dir

    return resources_dir() / "models"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SqliteLexicon(Lexicon):
    """The model's lexicon, read from its SQLite file on demand (so loading costs nothing).

    Table `lex(key, c, g, m)`: key is a normalized word or phrase, `c` its cluster features, `g` its
    name-list kinds, `m` the longest name-list phrase (in tokens) that starts with it.
    """

    def __init__(self, path: Path) -> None:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._cache: dict[str, Entry] = {}
        self._con.execute("SELECT key, c, g, m FROM lex LIMIT 1").fetchall()

    def get(self, key: str) -> Entry:
        e = self._cache.get(key)
        if e is None:
            row = self._con.execute("SELECT c, g, m FROM lex WHERE key = ?", (key,)).fetchone()
            e = (row[0], row[1], row[2]) if row is not None else NO_ENTRY
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = e
        return e

    def prefetch(self, keys: set[str]) -> None:
        """Read the entries of the `keys` not yet cached, a few hundred a query."""
        cache = self._cache
        todo = [k for k in keys if k not in cache]
        if not todo:
            return
        if len(cache) + len(todo) > 100_000:
            cache.clear()
        for a in range(0, len(todo), 500):
            chunk = todo[a : a + 500]
            marks = ",".join("?" * len(chunk))
            found = {
                r[0]: (r[1], r[2], r[3])
                for r in self._con.execute(f"SELECT key, c, g, m FROM lex WHERE key IN ({marks})", chunk)
            }
            for k in chunk:
                cache[k] = found.get(k, NO_ENTRY)

    def close(self) -> None:
        self._con.close()


def write_lexicon(path: Path, lex: MemoryLexicon) -> None:
    """Write `lex` as the model's SQLite lexicon (rows in key order: the same lexicon, the same bytes)."""
    if path.exists():
        path.unlink()
    con = sqlite3.connect(str(path))
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA page_size = 4096")
        con.execute(
            "CREATE TABLE lex (key TEXT PRIMARY KEY, c TEXT NOT NULL, g TEXT NOT NULL, "
            "m INTEGER NOT NULL) WITHOUT ROWID"
        )
        con.executemany("INSERT INTO lex VALUES (?, ?, ?, ?)", lex.entries())
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """`bio_to_chunks(tags)`, faster when most tags are O: the same steps, on the other tags only.

    A run of O tags closes the open chunk at its first O, as it does in `bio_to_chunks`.
    """
    out: list[tuple[int, int, str]] = []
    if tags.count("O") == len(tags):  # no name: most sentences of the rules' second pass
        return out
    start = -1
    kind = ""
    prev = -2
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:
        if start >= 0 and i != prev + 1:
            out.append((start, prev + 1, kind))
            start = -1
        prefix, _, t = tags[i].partition("-")
        begins = prefix == "B" or (prefix == "I" and (start < 0 or t != kind))
        if start >= 0 and (prefix == "O" or begins or t != kind):
            out.append((start, i, kind))
            start = -1
        if begins:
            start, kind = i, t
        prev = i
    if start >= 0:
        out.append((start, prev + 1, kind))
    return out


def _stem_alef(raw: str, stem: str) -> str:
    """How the word `raw` spells the alef that starts its normalized stem `stem`: أ, إ or آ, else ""
    (a bare ا, or diacritics in the way)."""
    k = len(raw) - len(stem)
    if k < 0 or normalize(raw[k:]) != stem:
        return ""
    return raw[k] if raw[k] in HAMZA_ALEFS else ""


def _other_alef(raw: str, stem: str, spelled: set[str]) -> bool:
    """Whether `raw` writes the alef of `stem` with a hamza that no tagged mention of the name used
    (أمام "in front of" against the name إمام), while every one of those wrote a hamza."""
    alef = _stem_alef(raw, stem)
    return bool(alef) and "" not in spelled and alef not in spelled


# Heads of the names of movements and armed groups (تنظيم داعش, حركة حماس, جماعة الحوثي): the name
# after them is used alone too, and propagation gives it to those mentions (`propagate`).
MOVEMENT_STEMS = frozenset(
    normalize(w) for w in ("تنظيم", "حركة", "جماعة", "جبهة", "ميليشيا", "ميليشيات", "مليشيا")
)


def _movement_name(raw: str, x: TypeInfo, rare: frozenset[str]) -> bool:
    """Whether the word after a movement's head may be propagated alone: not definite (القاعدة
    is also "the base", بقاعدة "at a base"), not an adjective in ي (تنظيم إرهابي), at least 3
    letters, and not one of the `rare` words the model seldom names in the unlabeled news (فتح
    "opened")."""
    return (
        x.arabic
        and not x.norm.startswith("ال")
        and not _nisba(x.norm)  # تنظيم إرهابي "a terrorist organization"
        and len(x.stem) >= _MIN_PROPAGATED_CHARS
        and not x.trig
        and normalize_keep_hamza(raw) not in rare
    )


def _count(item: tuple[str, int]) -> int:
    return item[1]


_ARTICLES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال")


def _with_article(norm: str) -> bool:
    """Whether the normalized word has the article ال, maybe after proclitics (للحوثي, والعراق)."""
    return norm.startswith(_ARTICLES)


def propagate(
    sentences: Sequence[Sequence[str]],
    tags: list[list[str]],
    extractor: FeatureExtractor,
    single_tokens: bool = True,
    unify: bool = True,
    infos: list[list[TypeInfo]] | None = None,
    unpropagated: frozenset[str] = frozenset(),
    rare: frozenset[str] = frozenset(),
) -> list[list[str]]:
    """Tag untagged mentions of names the model tagged elsewhere in the same document.

    A name is keyed by its tokens' clitic-stripped forms, so `والكاظمي` matches `الكاظمي`; a one-word
    key is not given to a word that spells its first alef with another hamza than every tagged
    mention did (أمام, "in front of", is not the surname of عادل إمام). Each key
    takes the type most often given to it. With `single_tokens`, the last word of a multi-word
    person name (a surname such as `بايدن`) is a key too, and so is the name of a movement tagged
    with its head (داعش of تنظيم داعش, حماس of حركة حماس; see `_movement_name`, with `rare`).
    With `unify`, a name tagged with a type that lost the vote (strictly fewer mentions) takes the
    winning type. A word spelled as one of `unpropagated` (spellings the training corpus never
    shows in a name: لصالح, "in favour of") is never given a one-word name (صالح), unless the name
    lists have that word as a name of the name's type (الهلال, the club, in Saudi sports news).
    """
    votes: dict[tuple[str, ...], Counter[str]] = {}
    # how the one-word keys that start with an alef spell it (أ, إ, آ, or "" for bare or unknown)
    alefs: dict[str, set[str]] = {}
    # the one-word keys tagged at least once without ال: those tagged only with it (الحوثي, الجزيرة)
    # are not given to a mention without it (صاروخ حوثي "a Houthi missile", جزيرة "an island"),
    # unless a place follows it (أهلي جدة, the club of Jeddah)
    indefinite: set[str] = set()
    # and those tagged at least once with ال: those tagged only without it (مشهد, Mashhad) are not
    # given to a mention with it (المشهد "the scene", والمشهد)
    definite: set[str] = set()
    if infos is None:
        infos = extractor.infos(sentences)
    spans = [chunks(stags) for stags in tags]
    for raw, sent, sent_spans in zip(sentences, infos, spans, strict=True):
        for a, b, kind in sent_spans:
            if kind not in PROPAGATED:
                continue
            key = tuple(x.stem for x in sent[a:b])
            votes.setdefault(key, Counter())[kind] += 1
            if b - a == 1 and key[0][:1] == "ا":
                alefs.setdefault(key[0], set()).add(_stem_alef(raw[a], key[0]))
            if b - a == 1:
                (definite if _with_article(sent[a].norm) else indefinite).add(key[0])
            if single_tokens and kind == "PERS" and b - a >= 2:
                last = sent[b - 1]
                if (
                    last.arabic
                    and len(last.stem) >= _MIN_PROPAGATED_CHARS
                    and not last.trig
                    and last.norm not in COMPOUND_SECONDS
                ):
                    votes.setdefault((last.stem,), Counter())["PERS:part"] += 1
                    (definite if _with_article(last.norm) else indefinite).add(last.stem)
                    if last.stem[:1] == "ا":
                        alefs.setdefault(last.stem, set()).add(_stem_alef(raw[b - 1], last.stem))
            if (
                single_tokens
                and kind == "ORG"
                and b - a == 2
                and sent[a].stem in MOVEMENT_STEMS
                and _movement_name(raw[a + 1], sent[a + 1], rare)
            ):
                votes.setdefault((sent[a + 1].stem,), Counter())["ORG:part"] += 1
                indefinite.add(sent[a + 1].stem)  # never with ال (`_movement_name`)
    if not votes:
        return tags
    best: dict[tuple[str, ...], str] = {}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key, c in votes.items():
        full = [kv for kv in c.items() if ":" not in kv[0]]
        # the first most frequent type, as Counter.most_common gives it; a key known only as a
        # part: of a person's name (its surname) or of a movement's
        kind = max(full, key=_count)[0] if full else max(c, key=c.__getitem__).split(":")[0]
        if len(key) == 1 and (key[0] in TRIGGERS or len(key[0]) < _MIN_PROPAGATED_CHARS):
            continue
        best[key] = kind
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    # the names of several words, by each of their words: what a shorter mention may be part of
    longer: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, kind in best.items():
        if len(key) >= 2 and kind in ("PERS", "LOC", "ORG"):
            for w in set(key):
                longer.setdefault(w, []).append((key, kind))
    out: list[list[str]] = []
    for raw, sent, stags, sent_spans in zip(sentences, infos, tags, spans, strict=True):
        new = list(stags)
        if unify:
            for a, b, kind in sent_spans:
                key = tuple(x.stem for x in sent[a:b])
                won = best.get(key)
                if (
                    won is not None
                    and won != kind
                    and kind in PROPAGATED
                    and votes[key][won] > votes[key][kind]
                ):
                    new[a] = "B-" + won
                    for j in range(a + 1, b):
                        new[j] = "I-" + won
        n = len(sent)
        # a name tagged in part where the document has it whole (لبنى [سليمان العليان])
        if longer and sent_spans:
            _complete_names(sent, new, longer, sent_spans)
        # untagged mentions, left to right, at the tokens a name can start with
        free = 0  # the first token not yet part of a name given here
        for i in [i for i, x in enumerate(sent) if x.stem in by_first]:
            if i < free or new[i] != "O":
                continue
            for key in by_first[sent[i].stem]:
                L = len(key)
                if i + L > n or any(new[j] != "O" for j in range(i, i + L)):
                    continue
                if L == 1 and (
                    (raw[i] in unpropagated and not _listed_as(extractor.lex, sent[i].norm, best[key], False))
                    or (key[0] in alefs and _other_alef(raw[i], key[0], alefs[key[0]]))
                    or (key[0] not in definite and _with_article(sent[i].norm))
                    or (
                        key[0] not in indefinite
                        and not _with_article(sent[i].norm)
                        # but a club named with its city, in the construct state (أهلي جدة)
                        and not (i + 1 < n and new[i + 1] == "B-LOC")
                    )
                ):
                    continue
                if all(sent[i + j].stem == key[j] for j in range(L)):
                    kind = best[key]
                    new[i] = "B-" + kind
                    for j in range(i + 1, i + L):
                        new[j] = "I-" + kind
                    free = i + L
                    break
        out.append(new)
    return out


def _complete_names(
    sent: Sequence[TypeInfo],
    tags: list[str],
    longer: Mapping[str, Sequence[tuple[tuple[str, ...], str]]],
    spans: Sequence[tuple[int, int, str]],
) -> None:
    """Extend, in place, each name of `tags` to a longer name of its type that the document has
    (`longer`: each word's longer names, as clitic-stripped stems) when the untagged words around
    it complete that name: the headline's لبنى [سليمان العليان] of an article that names لبنى
    سليمان العليان, [كوريا] الشمالية. The longest such name wins. Not with a place's head
    (منطقة جازان, محافظة تعز: the network put it in the name elsewhere; ANERcorp leaves it out)."""
    n = len(sent)
    for a, b, _ in spans:  # the names as tagged (their type as `tags` has it now)
        cands = longer.get(sent[a].stem)
        if not cands or not (
            (a > 0 and tags[a - 1] == "O" and sent[a - 1].stem in longer)
            or (b < n and tags[b] == "O" and sent[b].stem in longer)
        ):
            continue  # no word of a longer name beside it
        kind = tags[a][2:]
        stems = tuple(x.stem for x in sent[a:b])
        best: tuple[int, int] | None = None
        for key, k in cands:
            if k != kind or len(key) <= b - a:
                continue
            for o in range(len(key) - (b - a) + 1):
                start, end = a - o, a - o + len(key)
                if (
                    key[o : o + b - a] == stems
                    and start >= 0
                    and end <= n
                    and all(
                        tags[j] == "O" and sent[j].trig != "LHEAD" for j in (*range(start, a), *range(b, end))
                    )
                    and all(sent[j].stem == key[j - start] for j in (*range(start, a), *range(b, end)))
                    and (best is None or end - start > best[1] - best[0])
                ):
                    best = (start, end)
        if best is not None and (best[1] == n or not tags[best[1]].startswith("I-")):
            start, end = best
            tags[start:end] = [f"B-{kind}"] + [f"I-{kind}"] * (end - start - 1)


def drop_one_word_persons(
    sentences: Sequence[Sequence[str]], tags: list[list[str]], words: frozenset[str]
) -> None:
    """Make O (in place) every person name of one word spelled as one of `words`.

    `words` are spellings the training corpus shows as (almost) never part of a name (`meta.json`'s
    `non_name_words`, made by `app.ner.train.non_name_words`). Normalizing ى to ي makes the
    preposition على the name علي to the tagger, and in recent news the network called about one على
    in 50 a person on its own; longer names (محمد على) are left as they are."""
    for sent, sent_tags in zip(sentences, tags, strict=True):
        if words.isdisjoint(sent):
            continue
        last = len(sent) - 1
        for j, w in enumerate(sent):
            if w not in words or sent_tags[j] != "B-PERS":
                continue
            if j == last or not sent_tags[j + 1].startswith("I-"):
                sent_tags[j] = "O"


# Tags of a sentence with no name of more than one word.
_NO_LONG_NAME = frozenset({"O", "B-PERS", "B-LOC", "B-ORG", "B-MISC"})


def _person_spans(tags: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each person name of valid BIO `tags`, found with `list.index` (fast
    where, as in most sentences, there are few)."""
    out: list[tuple[int, int]] = []
    n = len(tags)
    a = -1
    while True:
        try:
            a = tags.index("B-PERS", a + 1)
        except ValueError:
            return out
        b = a + 1
        while b < n and tags[b] == "I-PERS":
            b += 1
        out.append((a, b))


def _two_word_organizations(tags: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each organization name of exactly two words of valid BIO `tags`."""
    n = len(tags)
    return [
        (a, a + 2)
        for a in range(n - 1)
        if tags[a] == "B-ORG" and tags[a + 1] == "I-ORG" and (a + 2 == n or tags[a + 2] != "I-ORG")
    ]


def drop_rare_names(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    words: frozenset[str],
    lex: Lexicon,
) -> None:
    """Make O (in place) every one-word person whose spelling (`normalize_keep_hamza`) is one of
    `words`, or that is a country's indefinite adjective, unless the name lists have it as a given
    name or surname, or it is part of a longer name tagged in the document.

    `words` are the words the model itself names in under 15% of their occurrences in the unlabeled
    news (`meta.json`'s `rare_name_words`, made by `app.ner.name_rates`): البيان "the statement"
    (وأوضح البيان), مايو "May", الرجل "the man". A country's adjective without ال is "Russian",
    "Syrian" (جاسوس روسي, مسؤول سوري, وقال سوري "a Syrian said"), which the network made a person
    in recent news. Kept: رمضان, mostly the month but a listed given name; تركي, a listed given
    name too; and a surname used alone after the full name (حازم إمام ... عائلة إمام).

    Nor is a one-word person a common plural (`_plural_noun`: وقال محللون "analysts said"), a
    definite word ending in ية (`_definite_feminine_adjective`: وأكدت المغنية "the singer said"),
    or لي "to me" (قال لي, بالنسبة لي), which the lists have as the name Lee; that one is kept
    after a title (السيدة لي) but not for being a listed name. Like the others, they are kept when
    part of a longer name in the document (الشرقية of المنطقة الشرقية, in an article that names
    it so, stays a person where the network made it one alone)."""
    found = [
        (sent, sent_tags, a, raw[a] == TO_ME)
        for raw, sent, sent_tags in zip(sentences, infos, tags, strict=True)
        if "B-PERS" in sent_tags
        for a, b in _person_spans(sent_tags)
        if b - a == 1
        and (
            normalize_keep_hamza(raw[a]) in words
            or indefinite_country_adjective(sent[a].norm, lex)
            or _plural_noun(sent[a].norm, lex)
            or (a > 0 and sent_tags[a - 1] == "O" and _agreeing_plural(sent[a - 1].norm, sent[a].norm, lex))
            or _definite_feminine_adjective(sent[a].norm)
            or (raw[a] == TO_ME and not (a > 0 and _is_title(sent[a - 1].norm)))
        )
    ]
    if not found:
        return
    in_long_names = {
        x.stem
        for sent, sent_tags in zip(infos, tags, strict=True)
        if not _NO_LONG_NAME.issuperset(sent_tags)
        for a, b, _ in chunks(sent_tags)
        if b - a > 1
        for x in sent[a:b]
    }
    for sent, sent_tags, a, to_me in found:
        if sent[a].stem not in in_long_names and (to_me or not _listed_as(lex, sent[a].norm, "PERS", False)):
            sent_tags[a] = "O"


def drop_rare_places(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    words: frozenset[str],
    lex: Lexicon,
) -> None:
    """Make O (in place) every one-word place spelled (`normalize_keep_hamza`) as one of `words`,
    the words the model names in under 15% of their occurrences in the unlabeled news
    (`rare_name_words`, as for persons in `drop_rare_names`), unless the name lists or
    `app/ner/places.py` have it as a place, or it follows a place's head (حي الجمهوري, مدينة
    الباب, a town that is also "the door").

    In 2,667 recent articles the network had made places of ميليشيات "militias" (of ميليشيات
    الحوثي), طريق "road", مونديال, بلدية "municipality", التمور "dates", الجوار "the
    neighbourhood", شوال (a month) and such: 40 removed, about 33 of them wrong; lost were طيبة
    (Thebes) and the Egyptian city أكتوبر (6 October), each a common word too.

    A word with a proclitic is judged by its definite form too (بالصور "in pictures": الصور), and a
    word with the article by its definite forms only: الصور, المشهد "the scene" and الليل "the
    night" are not صور (Tyre), مشهد (Mashhad) and ليل (Lille), whatever the lists say of those. In
    the same articles this removed 45 more, all wrong (16 of them the headline بالصور :)."""
    for raw, sent, st in zip(sentences, infos, tags, strict=True):
        if "B-LOC" not in st:
            continue
        n = len(st)
        for a in [i for i, t in enumerate(st) if t == "B-LOC" and (i + 1 == n or st[i + 1] != "I-LOC")]:
            spelled = normalize_keep_hamza(raw[a])
            norm = sent[a].norm
            if spelled not in words and not (
                # بالصور "in pictures": its definite form الصور is one of them
                _with_article(norm)
                and any(f.startswith("ال") and f in words for f in strip_proclitics(spelled))
            ):
                continue
            stripped = [norm, *strip_proclitics(norm)]
            definite = [f for f in stripped if f.startswith("ال")]
            # with the article, the word is not the place its bare stem may be (الصور, not صور: Tyre)
            forms = definite or stripped
            if any(_listed_as(lex, f, "LOC") or f in _well_known_forms()["LOC"] for f in forms):
                continue
            if a > 0 and sent[a - 1].trig == "LHEAD":
                continue
            st[a] = "O"


def _plural_noun(norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word is a sound masculine plural that the name lists have as no
    person's name nor part of one, and whose -ين form the word clusters know: محللون "analysts"
    (محللين), دبلوماسيون, مراقبون, باحثون, الخريجون. Names ending in ون are listed (ماكرون,
    هارون, خلدون) or have no such form (كاميرون)."""
    return (
        len(norm) >= 5
        and norm.endswith("ون")
        and not any(k.startswith("PERS") for k in _kinds(lex, norm))
        and bool(lex.get(norm[:-2] + "ين")[0])
    )


def _agreeing_plural(prev: str, norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word is a sound masculine plural after another (مسؤولون بارزون
    "senior officials", مسؤولين بارزين): an adjective agreeing with its noun, with both its ون and
    ين forms in the word clusters, and no given name or surname to the lists (only a part of a
    longer name: the transliteration lists have بارزين)."""
    end = norm[-2:]
    return (
        len(norm) >= 5
        and len(prev) >= 5
        and end in ("ون", "ين")
        and prev.endswith(end)
        and not any(k.startswith("PERS") and k != "PERS_part" for k in _kinds(lex, norm))
        and bool(lex.get(norm)[0])
        and bool(lex.get(norm[:-2] + ("ين" if end == "ون" else "ون"))[0])
    )


def _definite_feminine_adjective(norm: str) -> bool:
    """Whether the normalized word is definite and ends in ية (الشرقية, والخيرية, الجوية): a
    feminine adjective or noun, which ANERcorp has inside names (عبدالرحمن العطية), never as a
    person alone."""
    return norm.endswith("يه") and any(len(f) >= 4 and f.endswith("يه") for f in _definite_forms(norm))


def drop_pronouns(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Make O (in place) a person that starts with أنا "I" or أنت "you" (`PRONOUNS`): what follows
    the pronoun is nearly always what the speaker is (أنا سعيد "I am happy", أنا خايف "I am
    afraid"), which the network took for a person a dozen times in 2,667 recent articles. A longer
    name after it (أنا أبو عمر النجدي) loses only the pronoun. A person that starts with a
    particle as written with its hamza (`PARTICLES_WRITTEN`) loses the particle and keeps the rest,
    even one word: أمام "in front of" (خسر أمام بلاتر, الطريق أمام كيم), فإن "then indeed" (فإن
    بيكيه تحدث). In 2,667 recent articles the network began 25 persons so; none of ANERcorp
    train's 375 such words is in a name. So are لسان "the tongue of" (على لسان ظريف "as Zarif
    said": `TONGUE`), the verbs and participle of `VERBS_WRITTEN` (توفي كلوفيس "Clovis died") and
    a verb in the future tense of the first person (سأكون "I will be"; and سأل "asked": no name
    starts with سأ), 16 persons in the same articles."""
    for sent, st in zip(sentences, tags, strict=True):
        if "B-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            w = sent[a]
            if w not in _NEVER_FIRST and not (w.startswith(_FUTURE_FIRST) and len(w) > 3):
                continue
            _drop_first_word(st, a, b, 2 if w in PRONOUNS else 1)


def _drop_first_word(st: list[str], a: int, b: int, rest: int) -> None:
    """Leave out (in place) the first word of the person `st[a:b]`: what follows it stays a person
    when it has at least `rest` words, else it goes too."""
    if b - a > rest:
        st[a : a + 2] = ["O", "B-PERS"]
    else:
        st[a:b] = ["O"] * (b - a)


# أول "first", ركن "staff" and طيار "pilot" of a rank (الفريق أول ركن, العميد ركن طيار), as written
# (`trim_person_openers`)
RANK_WORDS = frozenset({"أول", "اول", "ركن", "طيار"})
# "Statement", as written: وقال بيان "a statement said" (`trim_person_openers`)
STATEMENT = frozenset({"بيان", "وبيان"})
# "Governor" or "emir" without ال, as written: أمير عسير "the governor of Asir" (`trim_person_openers`)
GOVERNOR = frozenset({"أمير", "وأمير", "لأمير"})


def trim_person_openers(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
) -> None:
    """Leave out (in place) words the network began persons with that are no part of a name:

    - the rest of a rank after a title (الفريق أول صدقي صبحي, العميد ركن طيار أحمد عسيري: the
      person is the name; a person of these words alone is none);
    - بيان "statement" right after a speech verb (وقال بيان طالبان "a Taliban statement said",
      وذكر بيان عسكري "a military statement said"): the statement's author of several words stays a
      person (وأشار بيان عبد العاطي), one word goes with it; the given name Bayan is written after a
      title or alone (المحامية بيان زهران);
    - أمير "governor" before a listed place (أمير عسير, أمير جازان: the governor of a Saudi
      province): the place is a place.

    In 2,667 recent articles the network began 15, 7 and one persons so."""
    for raw, sent, st in zip(sentences, infos, tags, strict=True):
        if "B-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            first = raw[a]
            if first in RANK_WORDS and a > 0 and _is_title(sent[a - 1].norm):
                c = a
                while c < b and raw[c] in RANK_WORDS:
                    c += 1
                st[a:c] = ["O"] * (c - a)
                if c < b:
                    st[c] = "B-PERS"
            elif first in STATEMENT and a > 0 and sent[a - 1].trig == "SAY":
                _drop_first_word(st, a, b, 2)
            elif first in GOVERNOR and b - a == 2 and _listed_as(lex, sent[a + 1].norm, "LOC"):
                st[a : a + 2] = ["O", "B-LOC"]


def drop_after_relatives(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Make O (in place) a one-word name right after a relative pronoun (`RELATIVES`: الذي, التي):
    a verb follows it (الاجتماع الذي جمعه "the meeting that brought him together", الذي أشرف "who
    supervised"), which the network took for a name (جمعه, أشرف) 11 times in 2,667 recent
    articles, all of them wrong. ANERcorp train has no name after any of its 1,386 relatives."""
    for raw, st in zip(sentences, tags, strict=True):
        if _RELATIVES_WRITTEN.isdisjoint(raw):
            continue
        n = len(st)
        for j in [i + 1 for i, w in enumerate(raw) if w in _RELATIVES_WRITTEN and i + 1 < n]:
            if st[j].startswith("B-") and (j + 1 == n or not st[j + 1].startswith("I-")):
                st[j] = "O"


# Heads of administrative places, clitic-stripped: "region", "governorate", "state", "province",
# "town", "village", "city", "district", "camp", "quarter" (`drop_place_heads`)
ADMIN_HEADS = frozenset(
    normalize(w)
    for w in (
        *("منطقة", "محافظة", "ولاية", "إقليم", "اقليم", "مقاطعة", "مديرية", "قضاء", "ناحية"),
        *("بلدة", "قرية", "مدينة", "مخيم", "حي"),
    )
)


# "Square", clitic-stripped and normalized: a one-word place only as the city Medan (`drop_place_heads`)
SQUARE_STEMS = frozenset({normalize("ميدان")})
# Honorifics after a holy city's name, normalized: "the honoured", "the holy", "the noble" (مكة
# المكرمة, مشهد المقدسة, النجف الأشرف): no part of the place to ANERcorp (train: مكة المكرمة 40
# times, مشهد المقدسة 3, النجف الشريف 1, the honorific always O) (`drop_place_heads`)
CITY_HONORIFICS = frozenset(normalize(w) for w in ("المكرمة", "المقدسة", "الأشرف", "الشريف"))


def drop_place_heads(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Leave out (in place) the head without ال that starts a longer place: محافظة لحج, بولاية
    سوسة, منطقة جازان are لحج, سوسة, جازان. ANERcorp tags the place after such a head and not the
    head (train: منطقة 46 times, مدينة 107, محافظة 13, none with the head); the network, reading
    recent news, put the head in 16 of the 36 mentions of محافظة لحج of 2,667 articles (140 such
    places in all). A definite head is part of the name (المدينة المنورة, المنطقة الشرقية).
    ميدان "square" tagged alone before a word is no place either (في ميدان الكونكورد, بميدان رابعة
    العدوية, في ميدان التدريب "in the field of training": 29 places so in the same articles); the
    Indonesian city after مدينة is (شرطة مدينة ميدان). An honorific after a listed city is left out
    of it, as ANERcorp leaves it (`CITY_HONORIFICS`: مكة المكرمة is مكة; not مزار الشريف, a city of
    both words): in the same articles the network had tagged مكة المكرمة whole 135 times, mostly
    after منطقة, and مكة alone 149."""
    for sent, st in zip(infos, tags, strict=True):
        if "B-LOC" not in st:
            continue
        for a in [i for i, t in enumerate(st[:-1]) if t == "B-LOC"]:
            if st[a + 1] == "I-LOC":
                if _bare_head(sent[a], ADMIN_HEADS):
                    st[a : a + 2] = ["O", "B-LOC"]
                elif (
                    sent[a + 1].norm in CITY_HONORIFICS
                    and (a + 2 == len(st) or st[a + 2] != "I-LOC")
                    and (_listed_as(lex, sent[a].stem, "LOC") or _listed_as(lex, sent[a].norm, "LOC"))
                ):
                    st[a + 1] = "O"
            elif (
                _bare_head(sent[a], SQUARE_STEMS)
                and sent[a + 1].arabic
                and not (a > 0 and sent[a - 1].stem in ADMIN_HEADS)
            ):
                st[a] = "O"


# Words that start the names of products (`products_are_misc`): آيفون, أندرويد, غالاكسي (نوت)...
PRODUCT_WORDS = _with_clitics(
    {normalize(w) for w in ("آيفون", "أيفون", "آيباد", "أندرويد", "غالاكسي", "ويندوز", "بلايستيشن")}
)


# "Rocket(s)" and "model" (من طراز), clitic-stripped and normalized: the one-word name after one is
# the weapon's or the product's (`products_are_misc`)
ROCKET_STEMS = frozenset(
    normalize(w) for w in ("صاروخ", "صاروخي", "صاروخين", "صواريخ", "راجمة", "راجمات", "طراز")
)
# Copa América, normalized: كوبا "Copa" (Cuba to the lists) before America (`products_are_misc`)
_COPA = _with_clitics({normalize("كوبا")})
_AMERICA = frozenset(normalize(w) for w in ("أمريكا", "أميركا"))


def products_are_misc(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]]) -> None:
    """Make MISC (in place), as ANERcorp tags products, a person or organization whose first word is
    one of `PRODUCT_WORDS` (هاتف آيفون, غالاكسي نوت, نظام أندرويد): in 2,667 recent articles the
    network had made آيفون a person 11 times and an organization 16 times, أندرويد and غالاكسي
    organizations 15 and 12 times. The panel lists no MISC. Not a club whose name ends in one (لوس
    أنجلوس غالاكسي). So is the tournament كوبا أمريكا, which the network tagged as the places Cuba
    and America in 23 of its 28 mentions there, and a one-word name right after a rocket word
    (`ROCKET_STEMS`: بصاروخين كاتيوشا, the seed article's Katyusha rockets, a person to the network;
    صواريخ سكود)."""
    for sent, st in zip(infos, tags, strict=True):
        n = len(st)
        for a, t in enumerate(st):  # one pass; a change only turns later I- tags into I-MISC
            if (
                a > 0
                and t in ("B-PERS", "B-LOC", "B-ORG")
                and _bare_head(sent[a - 1], ROCKET_STEMS)
                and (a + 1 == n or not st[a + 1].startswith("I-"))
                # not whose rocket (صاروخ ترامب, صاروخ للتحالف "a coalition's rocket")
                and sent[a].norm[:1] not in "لبو"
                and sent[a].norm not in _person_firsts()
            ):
                st[a] = "B-MISC"
            elif t == "B-LOC":
                if (
                    sent[a].norm in _COPA
                    and a + 1 < n
                    and st[a + 1] == "B-LOC"
                    and sent[a + 1].norm in _AMERICA
                ):
                    st[a : a + 2] = ["B-MISC", "I-MISC"]
            elif (t == "B-PERS" or t == "B-ORG") and sent[a].norm in PRODUCT_WORDS:
                inside = "I-" + t[2:]
                st[a] = "B-MISC"
                b = a + 1
                while b < n and st[b] == inside:
                    st[b] = "I-MISC"
                    b += 1


# "Canal", clitic-stripped and normalized, and the names of canals after it (`canals_are_places`)
CANAL_STEMS = frozenset({normalize("قناة")})
CANALS = frozenset(normalize(w) for w in ("السويس", "بنما"))


def canals_are_places(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]]) -> None:
    """Tag (in place) the name of the Suez or Panama Canal after an untagged قناة "canal" as a place,
    as ANERcorp tags a place after its head (قطاع غزة): قناة also names television channels, so
    the network made السويس an organization in 80 of the 140 قناة السويس of 2,667 recent articles
    and left it untagged in the others. A longer name around it stays (هيئة قناة السويس, the
    canal's authority, when the network tagged it whole)."""
    for sent, st in zip(infos, tags, strict=True):
        n = len(st)
        for j in range(1, n):
            if sent[j].norm not in CANALS or sent[j - 1].stem not in CANAL_STEMS or st[j - 1] != "O":
                continue
            if (st[j] == "O" or st[j].startswith("B-")) and not (j + 1 < n and st[j + 1].startswith("I-")):
                st[j] = "B-LOC"


# ناديه "his club", as written with ه: نادية (Nadia) once normalized (`drop_his_club`)
HIS_CLUB = _with_clitics({"ناديه"})


def drop_his_club(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Make O (in place) a person that starts with ناديه "his club" as written, with ه (رئيس ناديه
    السابق, طلب من إدارة ناديه): normalized it is نادية, the given name Nadia, which the network
    made a person in 16 of the 90 ناديه of 2,667 recent articles, all of them the club (وناديه
    التونسي "and his Tunisian club"). The name is spelled نادية, with ة, in ANERcorp and nearly
    everywhere else."""
    for sent, st in zip(sentences, tags, strict=True):
        if HIS_CLUB.isdisjoint(sent) or "B-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            if sent[a] in HIS_CLUB:
                st[a:b] = ["O"] * (b - a)


# ولي العهد "the crown prince", as written: العهد "the covenant" after ولي is the title's, never a
# name (`drop_crown_prince`).
CROWN = "العهد"
CROWN_BEFORE = frozenset({"ولي", "لولي", "وولي", "بولي", "ولى"})


def drop_crown_prince(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Make O (in place) a name of one or two words that starts with العهد after ولي (ولي العهد
    السعودي "the Saudi crown prince"): the network made العهد السعودي an organization, and العهد
    alone one or a person, in Saudi news (the title's العهد as a person is also `TITLE_WORDS`')."""
    for sent, st in zip(sentences, tags, strict=True):
        if CROWN not in sent:
            continue
        n = len(st)
        for j in range(1, n):
            if sent[j] == CROWN and sent[j - 1] in CROWN_BEFORE and st[j].startswith("B-"):
                end = j + 1
                while end < n and st[end] == "I-" + st[j][2:]:
                    end += 1
                if end - j <= 2:
                    st[j:end] = ["O"] * (end - j)


# Tanween, the case ending of an indefinite word ("an", "un", "in") (`drop_tanween`)
_TANWEEN_RE = re.compile("[\u064b-\u064d]")


def drop_tanween(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Make O (in place) every word of a name written with a tanween and no other vowel: روسياً
    ("Russian", "in Russian terms") is Russia to the tagger once normalized, سياسياً ("politically")
    and بديلاً ("as a substitute": وإبراهيم الزبيدي بديلاً لأحمد عكاش) were persons or ran two
    names together. Names seldom take one (they are definite, or diptotes); ANERcorp has one name
    (قريشاً) among 559 such words, and the network had 102 in names in 2,667 recent articles."""
    for sent, st in zip(sentences, tags, strict=True):
        if st.count("O") == len(st) or not _TANWEEN_RE.search("".join(sent)):
            continue
        cut = False
        for j, w in enumerate(sent):
            if st[j] != "O" and tanween_only(w):
                st[j] = "O"
                cut = True
        if cut:
            st[:] = repair_bio(st)  # a name that goes on after the word starts again


# Blessings said after a name, as written (ه, not the ة of the name رحمة الله): "may God have
# mercy on him" (رحمه الله), "may God protect him" (حفظه الله), "may God support him" (أيده الله).
FORMULAE = frozenset(
    stem + end
    for stem in ("رحم", "يرحم", "حفظ", "يحفظ", "رعا", "يرعا", "أيد", "ايد", "يؤيد", "سلم", "شفا", "غفر")
    for end in ("ه", "ها", "هما", "هم")
)
ALLAH = frozenset({"الله", "اللّه"})


def drop_formulae(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Make O (in place) a blessing after a name (الملك عبدالله - رحمه الله -), which the tagger
    reads as a name (رحمة الله, عبد الله) or as the end of one; the rest of the name stays."""
    for sent, st in zip(sentences, tags, strict=True):
        if FORMULAE.isdisjoint(sent):
            continue
        for j in range(len(sent) - 1):
            if sent[j] in FORMULAE and sent[j + 1] in ALLAH:
                st[j] = st[j + 1] = "O"
        st[:] = repair_bio(st)  # a name that goes on after the blessing starts again


def _definite_forms(norm: str) -> list[str]:
    """`norm` and its clitic-stripped forms that start with the article, without it. A word without
    ال (or لل, ل taking the alef) in its first four letters has none: no proclitics are stripped."""
    head = norm[:4]
    if "ال" not in head and "لل" not in head:
        return []
    return [f[2:] for f in (norm, *strip_proclitics(norm)) if f.startswith("ال") and len(f) > 2]


def _definite_noun(norm: str) -> bool:
    """Whether the normalized word is a definite word, maybe after proclitics (الحكومة, للرئيس):
    one of `_definite_forms` of at least three letters, which leaves out إلى and الآن (الى, الان
    once normalized)."""
    return any(len(f) >= 3 for f in _definite_forms(norm))


def _kinds(lex: Lexicon, key: str) -> list[str]:
    """The name-list kinds of `key` (`LOC_country`, `PERS_part`, `ORG_club_tok`...), if any."""
    g = lex.get(key)[1]
    return g.split("|") if g else []


def _adjective_bases(f: str) -> tuple[str, ...]:
    """The spellings of the place whose adjective `f` (normalized, without ال or a proclitic) may
    be: مصر of مصري, روسيا of روسي, كوريا of كوري, السويد of سويدي; none unless `f` ends in ي."""
    if len(f) < 4 or not f.endswith("ي"):
        return ()
    r = f[:-1]
    return (r, r + "ا", r + "يا", "ال" + r)


def _country_adjective_form(f: str, lex: Lexicon) -> bool:
    """Whether `f` (normalized, without ال or a proclitic) is the adjective of a country in the
    name lists: مصري (مصر), روسي (روسيا), إيطالي (إيطاليا), سويدي (السويد), أمريكي (the الأمريكية
    of الولايات المتحدة الأمريكية)."""
    bases = _adjective_bases(f)
    if not bases:
        return False
    if any(_COUNTRY in _kinds(lex, c) for c in bases):
        return True
    return _COUNTRY_WORD in _kinds(lex, "ال" + f + "ه")


def country_adjective(norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word is the definite adjective of a country in the name lists:
    المصري (مصر), الروسي (روسيا), الإيطالي (إيطاليا), السويدي (السويد), الأمريكي (the
    الأمريكية of الولايات المتحدة الأمريكية), والتركي."""
    return any(_country_adjective_form(f, lex) for f in _definite_forms(norm))


def _indefinite_forms(norm: str) -> tuple[str, ...]:
    """`norm` and its clitic-stripped forms when none of them starts with ال, else none."""
    forms = (norm, *strip_proclitics(norm))
    return () if any(f.startswith("ال") for f in forms) else forms


def indefinite_country_adjective(norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word is the indefinite adjective of a country in the name lists,
    maybe after a proclitic: روسي, سوري, مصري, وسوداني, لبناني."""
    return norm.endswith("ي") and any(_country_adjective_form(f, lex) for f in _indefinite_forms(norm))


def _beside_a_month(sent: Sequence[TypeInfo], j: int) -> bool:
    """Whether the word at `j` has another month's name next to it, maybe across a `/`: the two
    names of one month in a date (إبريل نيسان, 6 أبريل / نيسان, تموز/يوليو)."""
    for k in (j - 2, j - 1, j + 1, j + 2):
        if 0 <= k < len(sent) and sent[k].norm in MONTHS and k != j:
            between = sent[min(j, k) + 1 : max(j, k)]
            if all(x.norm == "/" for x in between):
                return True
    return False


def _feminine_country_adjective(prev: TypeInfo, norm: str, lex: Lexicon) -> bool:
    """Whether the place `norm` (normalized) after `prev` is a country's feminine adjective after
    a definite noun: الحكومة السعودية, القنصلية السعودية, الأسهم السعودية, العاصمة السورية
    (ANERcorp: للديون السيادية السعودية, العائلة المالكة السعودية are not places). Not after
    العربية (المملكة العربية السعودية) nor after a preposition (في السعودية)."""
    return (
        norm.startswith("ال")
        and norm.endswith("يه")
        and prev.arabic
        and _definite_noun(prev.norm)
        and prev.norm not in _FULL_NAME_WORDS
        and _country_adjective_form(norm[2:-1], lex)
    )


def _place_adjective(norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word is the adjective of a place in the name lists, with ال or
    without: كوري (كوريا, listed only as a place: the country is كوريا الشمالية), السوداني."""
    return any(_listed_as(lex, c, "LOC") for f in (norm, *_definite_forms(norm)) for c in _adjective_bases(f))


def _indefinite_feminine_country_adjective(norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word is a country's feminine adjective without ال, maybe after a
    proclitic (سعودية, وروسية), and no country's name in the lists itself (سورية: Syria)."""
    return norm.endswith("يه") and any(
        _country_adjective_form(f[:-1], lex) and f not in _COUNTRIES_IN_IYA and not _listed(lex, f)
        for f in _indefinite_forms(norm)
        if f.endswith("يه")
    )


def _indefinite_adjective_phrase(head: TypeInfo, adjective: TypeInfo) -> bool:
    """Whether the two words are an organization head without ال and an indefinite adjective in
    ية after it: منظمة إرهابية "a terrorist organization", كمنظمة دولية."""
    return (
        head.trig == "OHEAD"
        and not _definite_forms(head.norm)
        and adjective.arabic
        and len(adjective.norm) >= 5
        and adjective.norm.endswith("يه")
        and not _definite_forms(adjective.norm)
    )


def _disease_word(x: TypeInfo) -> bool:
    """Whether the word is "disease", "virus"... without ال, the first word of a disease's name
    (مرض, بمرض, لفيروس); "the disease" (المرض لهوكينغ "the disease ... Hawking") is followed by
    anything."""
    return _bare_head(x, DISEASE_STEMS)


def _bare_head(x: TypeInfo, stems: Collection[str]) -> bool:
    """Whether the word, clitic-stripped, is one of `stems` and has no ال (مرض, بشهر, بولاية)."""
    return x.stem in stems and not _definite_forms(x.norm)


def _month_word(x: TypeInfo) -> bool:
    """Whether the word is "month" without ال (شهر, بشهر), before a month's name; "the month" is
    followed by anything (هذا الشهر والكويت "this month, and Kuwait")."""
    return _bare_head(x, MONTH_STEMS)


def _letter_with_clitic(norm: str) -> bool:
    """Whether the normalized word is a Latin letter's name after a proclitic (لبي, وسي)."""
    return norm not in LETTER_NAMES and any(f in LETTER_NAMES for f in strip_proclitics(norm))


def _acronym_start(sent: Sequence[TypeInfo], tags: Sequence[str], a: int) -> int:
    """Where the acronym tagged from `a` starts: at the word before, outside any name, when that is
    its first letter carrying a preposition (لبي بي سي "to the BBC"), else at `a`."""
    return a - 1 if a > 0 and tags[a - 1] == "O" and _letter_with_clitic(sent[a - 1].norm) else a


def _leading_description(norm: str, lex: Lexicon) -> bool:
    """Whether the normalized word, the first of a longer person, describes the person rather than
    names them: a country's adjective (وزير النقل اليمني بدر باسلمة, السويدي ليونبيرغ) or one of
    `DESCRIPTIONS`, with ال (الجليل, المشهور, الأيمن)."""
    return _description(norm) or (norm.endswith("ي") and country_adjective(norm, lex))


def _description(norm: str) -> bool:
    """Whether the normalized word is one of `DESCRIPTIONS` with ال (الجليل, والرسام)."""
    return not DESCRIPTIONS.isdisjoint(_definite_forms(norm))


def _generic_adjective(norm: str) -> bool:
    """Whether the normalized word is one of `GENERIC_ADJECTIVES` with ال (الدولي, والعربي)."""
    return not GENERIC_ADJECTIVES.isdisjoint(_definite_forms(norm))


@lru_cache(maxsize=1)
def _title_forms() -> frozenset[str]:
    """Every spelling `_is_title` accepts (a title, maybe after proclitics): one set lookup."""
    forms = set()
    for t in TITLE_WORDS:
        for p in ("", *PROCLITICS):
            forms.add(p + t)
            if t.startswith("ال"):
                forms.add(p + t[2:])
    return frozenset(f for f in forms if _is_title(f))


# What `trigger_hits` marks: the words the rules that add names look after
TITLE_MARK, SPORTS_MARK, MEDIA_MARK, PAPER_MARK, MILITIA_MARK = 1, 2, 4, 8, 16
KNOWN_NAME_MARK, CAPITAL_MARK, NAMED_HEAD_MARK, BANK_MARK, PARTY_MARK = 32, 64, 128, 256, 512
Hits = Sequence[Sequence[tuple[int, int]]]


@lru_cache(maxsize=1)
def _word_marks() -> dict[str, int]:
    """Spelling -> the marks of the kinds of trigger word it is (`trigger_hits`)."""
    marks: dict[str, int] = {}
    for mark, forms in (
        (TITLE_MARK, _title_forms()),
        (SPORTS_MARK, _SPORTS_FORMS),
        (MEDIA_MARK, _MEDIA_FORMS),
        (PAPER_MARK, _PAPER_FORMS),
        (MILITIA_MARK, _MILITIA_FORMS),
        (KNOWN_NAME_MARK, _known_name_table()),
        (CAPITAL_MARK, CAPITAL_FORMS),
        (NAMED_HEAD_MARK, UNIVERSITY_FORMS | NAMED_HEAD_FORMS),
        (BANK_MARK, BANK_FORMS),
        (PARTY_MARK, PARTY_FORMS),
    ):
        for f in forms:
            marks[f] = marks.get(f, 0) | mark
    return marks


def trigger_hits(infos: Sequence[Sequence[TypeInfo]]) -> list[list[tuple[int, int]]]:
    """Per sentence, `(position, marks)` of its titles, sports, company, paper, militia, capital,
    university, bank and party words and the first words of well-known organizations and places:
    one pass over the words for the ten rules that look after or at them."""
    get = _word_marks().get
    return [[(i, m) for i, x in enumerate(sent) if (m := get(x.norm, 0))] for sent in infos]


def _after(hits: Sequence[tuple[int, int]], mark: int, n: int, gap: int = 1) -> list[int]:
    """The positions `gap` after the words of `hits` with `mark` that leave room for it in a
    sentence of `n` words."""
    return [i + gap for i, m in hits if m & mark and i + gap < n]


@lru_cache(maxsize=1 << 16)
def _is_title(norm: str) -> bool:
    """Whether the normalized word is a title, maybe with proclitics (ومعالي, والشيخ, للوزير), or
    one in the accusative written with its alef (سيكون سفيرا "he will be an ambassador", تعيين نجله
    وليا للعهد)."""
    if norm in TITLE_WORDS or any(f in TITLE_WORDS for f in strip_proclitics(norm)):
        return True
    return len(norm) > 3 and norm[-1] == "ا" and norm[:-1] in TITLE_WORDS


def _adjective_after_noun(sent: Sequence[TypeInfo], j: int) -> bool:
    """Whether the place `sent[j]`, spelled like an adjective, is that adjective: it follows an
    indefinite masculine noun (مبلغ مالي "a sum of money", دعم مالي, فساد مالي). The place follows
    a preposition or a trigger (شمال مالي, رئيس مالي), a definite word (السنغال ومالي), or a noun in
    the construct state ending in ة (حكومة مالي: the adjective would agree, مالية)."""
    if j == 0 or sent[j].norm not in ADJECTIVE_PLACES:
        return False
    prev = sent[j - 1]
    return (
        prev.arabic
        and not prev.trig
        and prev.norm not in _BEFORE_PLACES
        and not prev.norm.endswith("ه")
        and not prev.norm.startswith("ال")
        and not prev.stem.startswith("ال")
    )


def tidy_names(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Drop, in place, the words that end a name but are not part of it.

    - A day of the week: the tagger sometimes runs a name on into the date that follows it (قال
      علي سلمان الخميس: Thursday). A one-word "name" that is a weekday goes; a longer one loses it.
    - ليل "night" before a weekday or an ordinal (ليل الأحد, ليل السادس من أبريل), tagged as a
      one-word place (Lille to the lists) or person: 14 wrong names in 2,667 recent articles.
    - A month beside another month (إبريل نيسان: April in both calendars), tagged as a one-word
      name: نيسان is also Nissan, the network's organization after إبريل in recent news.
    - An ordinal tagged as a one-word person: propagation made every الثاني of an article that
      names عبد الله الثاني the king's surname (الشوط الثاني, الهدف الثاني).
    - A title tagged as a one-word person (الشيخ, القيادي "the party official", الوالي "the
      governor", ومعالي "and His Excellency", خادم of خادم الحرمين الشريفين): the network does
      this now and then in recent news, before the name that follows the title.
    - مالي (Mali) after an indefinite masculine noun: "financial" (مبلغ مالي, دعم مالي), in
      nearly every crime and economy article of recent news.
    - A currency tagged as a one-word name: منطقة اليورو "the eurozone" was a place, or an
      organization once propagation spread the few that were.
    - A country's adjective after a definite word, tagged as a one-word person or organization:
      النجم المصري, للرئيس الروسي, الاقتصاد التركي, المنتخب السعودي. The network does this now
      and then, and propagation did it to every such adjective of an article that names someone
      سما المصري; used alone after a verb (وقال السوداني) the surname is kept.
    - A country's feminine adjective after a definite noun, tagged as a one-word place: الحكومة
      السعودية, القنصلية السعودية, الأراضي السورية. ANERcorp leaves it out (العائلة المالكة
      السعودية); in recent news the network tagged about a third of the 1,250 السعودية of 2,667
      articles this way. The country's own name (في السعودية, المملكة العربية السعودية) is kept.
    - An organization head alone tagged as an organization (منظمة, حزب, مجلس, والاتحاد): in recent
      news the network sometimes tags only the head of a long name (منظمة حظر الأسلحة الكيميائية,
      حزب العدالة والتنمية) or a head used as a noun (وهي منظمة إنسانية). ANERcorp tags a head
      alone in 7 of its 1,918 occurrences, all but الكونغرس (kept) once or twice. Nor is
      ميليشيا "militia" or ميليشيات alone (الميليشيا of Yemeni news; ميليشيا الحوثي is kept).
    - A person made of titles and honorifics only, or a title and a country's adjective (خادم
      الحرمين, لخادم الحرمين, الحرمين, السمو الملكي, ونظيره الروسي "and his Russian
      counterpart"): a title, never a name in ANERcorp, but in Saudi news the network tagged خادم
      الحرمين (the king's title) a person about once an article.
    - A person whose name goes on with برس "press" is the news agency (فرانس برس, لفرانس برس,
      أسوشيتد برس): an organization, as ANERcorp has فرانس برس 8 times of 10. A person's name run
      on into it (وقال محمد عباس لفرانس برس) is split from it.
    - A person spelled with Latin letters' names only (بي بي سي, إف بي آي) is an acronym, which
      ANERcorp and the network make an organization (سي إن إن) nearly always.
    - الدولي "international" ending a person: the network ends مطار الملك فهد الدولي ("King Fahd
      International Airport") with the king's name and the adjective.
    - A country's adjective before شمالي or جنوبي (مسؤول كوري جنوبي "a South Korean official"),
      tagged as a one-word person or place, or as a person with it: كوري is also the name Corey
      to the lists.
    - A word the network ran a name on into (`NEVER_LAST`): ترامب بشأن "Trump about", فيرر
      المعروف "Ferrer, known as". So is a title with the alef of the accusative or a pronoun
      (اختير منصور زعيما "Mansour was chosen as leader", رئيسها): 51 such words in ANERcorp
      train, none in a name.
    - A definite title at the start of a longer person, with the honorifics and titles after it
      (والدكتور عبد الجليل التميمي, بالجنرال قاسم سليماني, الرقيب أول سيف الفلاسي, الميجر جنرال
      يواف مودخاي, اللورد هلشام): ANERcorp leaves titles out of names (2 of its 2,721 persons start
      with one). Not a title without ال, which may be a given name (معالي زايد, خادم ندياي).
      So does a description with ال (`DESCRIPTIONS`: الصحابي الجليل سعد بن أبي وقاص, الظهير
      الأيمن كايل والكر) or a country's adjective (وزير النقل اليمني بدر باسلمة, والسويدي نبيل
      بهوي); a description alone is no person (الرسام, الشيف الشاب). So does رحيل "departure"
      (`DEPARTURE_STEMS`: رحيل زيدان, لرحيل أوزيل), no person alone either.
    - A one-word name after "disease", "virus", "syndrome" (`DISEASE_STEMS`): مرض الزهايمر and
      فيروس كورونا were organizations, مرض باركنسون a person, متلازمة ستوكهولم a place.
    - A country's feminine adjective without ال tagged as a one-word place (عائلة سعودية "a Saudi
      family", ممثلة سعودية): the country is السعودية. Not a country's own name in the lists, nor
      سورية, Syria as Syrian news spell it.
    - An organization head without ال and an adjective in ية after it (منظمة إرهابية "a terrorist
      organization", ومنظمة دولية): a common noun; names are definite (المنظمة الدولية للهجرة) or
      go on with a name (منظمة شنغهاي).
    """
    for sent, st in zip(infos, tags, strict=True):
        if "I-ORG" in st:
            for a, b in _two_word_organizations(st):
                if _indefinite_adjective_phrase(sent[a], sent[a + 1]):
                    st[a:b] = ["O", "O"]
        if "B-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            if b - a > 1 and sent[b - 1].norm in INTERNATIONAL:
                st[b - 1] = "O"
                b -= 1
            stripped = False
            while b - a > 1 and (
                (_is_title(sent[a].norm) and _definite_noun(sent[a].norm))
                or _leading_description(sent[a].norm, lex)
                or sent[a].stem in DEPARTURE_STEMS  # رحيل زيدان "Zidane's departure"
                or (stripped and (sent[a].norm in HONORIFIC_WORDS or _is_title(sent[a].norm)))  # الرقيب أول
            ):
                st[a : a + 2] = ["O", "B-PERS"]  # والدكتور عبد الجليل التميمي
                a += 1
                stripped = True
            if b - a == 2 and sent[a + 1].norm in DIRECTIONS and _place_adjective(sent[a].norm, lex):
                st[a:b] = ["O", "O"]  # كوري شمالي "North Korean", الكوري الشمالي
                continue
            if all(
                x.stem in HONORIFIC_STEMS
                or x.stem in DEPARTURE_STEMS
                or x.norm in HONORIFIC_WORDS
                or _is_title(x.norm)
                or (stripped and _leading_description(x.norm, lex))  # الشيف الشاب "the young chef"
                or (j > a and country_adjective(x.norm, lex))  # ونظيره الروسي "his Russian counterpart"
                for j, x in enumerate(sent[a:b], a)
            ):
                st[a:b] = ["O"] * (b - a)
                continue
            press = next((j for j in range(a + 1, b) if sent[j].stem in PRESS_STEMS), 0)
            if press:  # the agency is the word before برس and what follows; a name before it stays
                st[press - 1 : b] = ["B-ORG"] + ["I-ORG"] * (b - press)
            elif b - a > 1 and all(x.norm in LETTER_NAMES for x in sent[a:b]):
                a = _acronym_start(sent, st, a)
                st[a:b] = ["B-ORG"] + ["I-ORG"] * (b - a - 1)
    for sent, st in zip(infos, tags, strict=True):
        last = len(st) - 1
        # the last word of each name (before a word that goes on with I-, none)
        for j in [b - 1 for _, b, _ in chunks(st) if b > last or not st[b].startswith("I-")]:
            t = st[j]
            norm = sent[j].norm
            if (
                norm in WEEKDAYS
                or norm in NEVER_LAST
                or (t.startswith("B-") and j > 0 and _disease_word(sent[j - 1]))
                or (t.startswith("B-") and j > 0 and _month_word(sent[j - 1]))
                or (t.startswith("B-") and norm in MONTHS and _beside_a_month(sent, j))
                or (
                    t.startswith("B-")
                    and norm in NIGHT
                    and j < last
                    and (sent[j + 1].norm in WEEKDAYS or sent[j + 1].norm in ORDINALS)
                )
                or (t == "B-PERS" and norm in ORDINALS)
                or (t in ("B-PERS", "B-LOC") and _is_title(norm))
                or (t == "I-PERS" and norm.endswith("ا") and _is_title(norm))  # منصور زعيما
                or (t == "B-PERS" and _description(norm))
                or (t == "B-LOC" and _adjective_after_noun(sent, j))
                or (t.startswith("B-") and sent[j].stem in CURRENCY_STEMS)
                or (t == "B-LOC" and j > 0 and _feminine_country_adjective(sent[j - 1], norm, lex))
                or (t == "B-LOC" and _indefinite_feminine_country_adjective(norm, lex))
                or (
                    t in ("B-PERS", "B-LOC")
                    and j < last
                    and sent[j + 1].norm in DIRECTIONS
                    and _place_adjective(norm, lex)
                )
                or (t == "B-ORG" and sent[j].trig == "OHEAD" and sent[j].stem not in ORG_HEAD_NAMES)
                or (t == "B-ORG" and sent[j].stem in MILITIA_STEMS)
                or (
                    t in ("B-PERS", "B-ORG")
                    and j > 0
                    and norm.startswith(("ال", "وال", "فال"))
                    and _definite_noun(sent[j - 1].norm)
                    and (country_adjective(norm, lex) or _generic_adjective(norm))
                )
            ):
                st[j] = "O"


def drop_adjective_tails(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
    common: frozenset[str],
    rare: frozenset[str],
) -> None:
    """Drop (in place) a definite adjective in ية after the first word of a person, and the rest of
    the name after it, when it is a common word (as written one of the `common` words, or spelled
    as one of the `rare` ones) and no person's name in the lists: the network tags the person
    inside an institution named after him with the institution's adjective (مؤسسة الملك خالد
    الخيرية "the King Khalid Charitable Foundation", كلية الملك فهد الأمنية, قاعدة الملك خالد
    الجوية). 22 such persons in 2,667 recent articles, all of them; the surnames in ية (خالد
    العطية, عمرو السولية) are no common words. The folds of train are unchanged. As
    `tidy_names` does to الدولي, "international"."""
    for raw, sent, st in zip(sentences, infos, tags, strict=True):
        if "I-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            for j in range(a + 1, b):
                norm = sent[j].norm
                if (
                    _definite_feminine_adjective(norm)
                    and (raw[j] in common or normalize_keep_hamza(raw[j]) in rare)
                    and not any(k.startswith("PERS") for k in _kinds(lex, norm))
                ):
                    st[j:b] = ["O"] * (b - j)  # and what the network ran on after it
                    break


# "Ball" and the games after it: كرة القدم "football", السلة "basket", اليد "hand", الطائرة "volley"
BALL_STEMS = frozenset(normalize(w) for w in ("كرة", "الكرة"))
BALL_GAMES = frozenset(normalize(w) for w in ("القدم", "السلة", "اليد", "الطائرة", "الماء"))


def join_names(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
) -> None:
    """Join, in place, a name the tagger cut short to the words or name that complete it.

    - A person's name ending in آل goes on with the family's name: the network ended تركي آل
      before الشيخ (a title elsewhere) in every one of 24 mentions in recent Saudi news.
    - A place that is only سان "Saint", لوس "Los", نيو "New" or سلطنة "Sultanate" (`PLACE_HEADS`)
      and the place that follows are one place (سان بطرسبرغ, لوس أنجلس, نيو مكسيكو, سلطنة عمان), as
      ANERcorp has سان بطرسبرغ; the network tags them as two.
    - The countryside ريف of a place (ريف دمشق, بريف حلب) is no place of its own; the place is. Nor
      is an administrative head tagged alone before the place (محافظة لحج, بولاية تكساس), as
      ANERcorp has مدينة مليلية with the place alone.
    - An organization ending in الملك or الأمير goes on with the person after it (جامعة الملك
      سعود, as ANERcorp has جامعة الملك فهد), a name of one or two words.
    - An acronym (بي سي) after its first letter carrying a preposition (لبي: "to the B") starts
      with that letter: لبي بي سي "to the BBC", as `tidy_names` does for an acronym tagged a person.
    - An organization ending in كرة "ball" goes on with the game (الاتحاد الدولي لكرة القدم: the
      network stopped before القدم in 35 of the 43 such names in recent news).
    - A one-word place that is only the first word of a place's name (`PLACE_FIRST_STEMS`: تل
      "hill", المحيط "the ocean", بيت, عين, سيدي; not العين, Al Ain) goes on with the next word
      when that is a name of one word, a definite word or a word the name lists know (تل رفعت,
      المحيط الهادئ, بيت حانون, سيدي بوزيد), not a verb or common word (سيدي يشتبه) nor a word
      starting with و (بني حرير وبني عدوان).
    """
    for raw, sent, st in zip(sentences, infos, tags, strict=True):
        n = len(st)
        if n < 2 or st.count("O") == n:
            continue
        for j in range(n - 1):
            t = st[j]
            nxt = st[j + 1]
            if t == "O" or nxt.startswith("I-"):
                continue  # outside a name, or not its last word
            x = sent[j]
            if t[2:] == "PERS" and raw[j] in FAMILY_WORDS and nxt in ("O", "B-PERS") and sent[j + 1].arabic:
                st[j + 1] = "I-PERS"
            elif nxt == "B-LOC" and t == "B-LOC" and x.norm in PLACE_HEADS:
                st[j + 1] = "I-LOC"
            elif nxt == "B-LOC" and t == "B-LOC" and (x.stem in REGION_STEMS or _place_head(x)):
                st[j] = "O"
            elif (
                t == "B-LOC"
                and x.stem in PLACE_FIRST_STEMS
                and (x.stem == OCEAN or not _definite_forms(x.norm))  # العين is Al Ain
                and _completes_a_place(sent[j + 1], nxt, lex)
            ):
                _take_next(st, j, "LOC")
            elif nxt == "B-PERS" and t == "I-ORG" and x.norm in ROYAL_TITLES:
                _take_next(st, j, "ORG")
            elif t == "I-ORG" and nxt == "O" and x.stem in BALL_STEMS and sent[j + 1].norm in BALL_GAMES:
                st[j + 1] = "I-ORG"  # الاتحاد الدولي لكرة القدم
        for a, b, kind in chunks(st) if "B-ORG" in st else ():
            if kind == "ORG" and all(x.norm in LETTER_NAMES for x in sent[a:b]):
                start = _acronym_start(sent, st, a)
                st[start : a + 1] = ["B-ORG"] + ["I-ORG"] * (a - start)


def hyphenated_syllables(
    sentences: Sequence[Sequence[str]], tags: list[list[str]], common: Collection[str]
) -> None:
    """Tag, in place, as a person of its own the syllable after a hyphen that ends the given name of
    a person of two or more short words (at most four letters, none with ال): كيم جونغ - أون, مون
    جيه - إن, تساي إنغ - وين, where the network left it out. ANERcorp tags it so, apart from the
    name and the hyphen (كيم جونغ - ايل: B I O I, two names to conlleval); the panel shows one
    person (`app.ner.grouping` joins them). The syllable has at most three letters and is none of
    the `common` words (فهد العتيبي - سبق, a byline). In 2,667 recent articles: 38 names."""
    for raw, st in zip(sentences, tags, strict=True):
        if HYPHENS.isdisjoint(raw):
            continue
        n = len(st)
        for a, b, kind in chunks(st):
            if (
                kind == "PERS"
                and b - a > 1
                and b + 1 < n
                and raw[b] in HYPHENS
                and st[b] == "O"
                and st[b + 1] in ("O", "B-PERS")
                and (b + 2 == n or not st[b + 2].startswith("I-"))
                and len(raw[b + 1]) <= 3
                and is_arabic(raw[b + 1])
                and raw[b + 1] not in common
                and all(len(w) <= 4 and not w.startswith("ال") for w in map(normalize, raw[a:b]))
            ):
                st[b + 1] = "B-PERS"


def _take_next(tags: list[str], j: int, kind: str) -> None:
    """Make the word after `j`, with the rest of the name it starts if it starts one, part of the
    `kind` name that ends at `j` (in place), when that is one or two words."""
    nxt = tags[j + 1]
    k = j + 2
    if nxt != "O":
        while k < len(tags) and tags[k] == "I-" + nxt[2:]:
            k += 1
    if k - j - 1 <= 2:
        tags[j + 1 : k] = ["I-" + kind] * (k - j - 1)


def _place_head(x: TypeInfo) -> bool:
    """Whether the word is an administrative head without ال (محافظة, بولاية, ومدينة): المدينة
    is also Medina."""
    return x.stem in PLACE_HEAD_STEMS and not _definite_forms(x.norm)


def _completes_a_place(x: TypeInfo, tag: str, lex: Lexicon) -> bool:
    """Whether the word `x` (tagged `tag`) after the first word of a place's name is the rest of
    it: an Arabic word tagged a place or person (سيدي بوزيد, تل رفعت), or untagged but definite
    (المحيط الهادئ, تل الزعتر) or known to the name lists (بيت حانون)."""
    if not x.arabic or tag.startswith("I-") or tag == "B-ORG" or x.norm.startswith("و"):
        return False  # وبني عدوان after بني حرير is a place of its own
    return tag != "O" or bool(_definite_forms(x.norm)) or _listed(lex, x.norm)


def _acronym_letter(word: str) -> bool:
    """Whether the word is a letter of an acronym: a Latin letter's Arabic name (بي, سي, إن) or one
    letter (أ of أ.ف.ب, U of U.S)."""
    return (len(word) == 1 and word.isalpha()) or normalize(word) in LETTER_NAMES


def _inner_dot(sent: Sequence[str]) -> bool:
    """Whether the sentence has a `.` before its last token (most have one only at the end)."""
    return DOT in sent and sent.index(DOT) < len(sent) - 1


def _joiners(sent: Sequence[str], hashes: Collection[int] = ()) -> list[int]:
    """Positions of the `_` tokens that join two Arabic words (`#محمد_صلاح`, `شيرين_عبد_الوهاب`),
    of the `.` between the letters of an acronym (بي.بي.سي, سي.إن.إن), and `hashes`, positions of
    `#` tokens to leave out too."""
    out: list[int] = list(hashes)
    n = len(sent)
    if _inner_dot(sent):
        out.extend(
            j
            for j in range(1, n - 1)
            if sent[j] == DOT and _acronym_letter(sent[j - 1]) and _acronym_letter(sent[j + 1])
        )
    j = 0
    while j < n:
        if sent[j] != JOINER:
            j += 1
            continue
        k = j
        while k < n and sent[k] == JOINER:
            k += 1
        if j > 0 and k < n and is_arabic(sent[j - 1]) and is_arabic(sent[k]):
            out.extend(range(j, k))
        j = k
    return sorted(out)


def _ayatollahs(sent: Sequence[str]) -> list[int]:
    """Positions of the words of each آية الله (العظمى) in the sentence."""
    out: list[int] = []
    n = len(sent)
    for j in range(n - 1):
        if sent[j + 1] == GOD and normalize(sent[j]) in AYATOLLAH:
            out += [j, j + 1]
            if j + 2 < n and normalize(sent[j + 2]) == GRAND:
                out.append(j + 2)
    return out


def name_after_ayatollah(tags: list[str], without: Sequence[str], titles: Sequence[int]) -> None:
    """Make each آية الله (at `titles`) the start of the person's name after it, in place: in `tags`
    (the sentence tagged as written) when the name right after the title is tagged there, else as
    `without` (tagged without the titles) has it when that found a name after the title.

    Tagged as written, the network found the name after the title in some sentences (المرشد
    الأعلى آية الله خامنئي) and only without it in others (آية الله علي خامنئي, where الله was a
    name's end to it)."""
    n = len(tags)
    j = 0
    while j < len(titles):
        a = titles[j]
        b = a + 1
        while j + 1 < len(titles) and titles[j + 1] == b:
            j += 1
            b += 1
        j += 1
        if b >= n:
            continue
        if tags[b] == "B-PERS" or (tags[a] == "B-PERS" and tags[b] == "I-PERS"):
            tags[a : b + 1] = ["B-PERS"] + ["I-PERS"] * (b - a)
        elif without[a] == "B-PERS":
            e = b
            while e < n and without[e] == "I-PERS":
                e += 1
            tags[a:e] = without[a:e]
            if e < n and tags[e].startswith("I-"):
                tags[e] = "B-" + tags[e][2:]


def hashtag_marks(sent: Sequence[str]) -> list[int]:
    """Positions of the `#` tokens before an Arabic word: the mark of a hashtag (`# الحديدة`, `#
    محمد _ صلاح`), which `tag_around_joiners` leaves out of tagging. ANERcorp has none, and the
    network read one as a word of the context: in 2,667 recent articles it left الحديدة untagged
    after مدينة #, البيضاء after محافظة #, السعودية after في #, and cut names where scraped pages
    keep a `#` inside them (دونالد # ترمب). Tagging without them changed 119 spans there: about 70
    made right (سيلين ديون a person, not an organization; هوليوود, سان فرانسيسكو places), 15 made
    wrong (in sentences the network then read otherwise: بجامعة القاهرة became the place القاهرة),
    the rest neither. A `#` before a number or a Latin word stays."""
    n = len(sent)
    return [j for j in range(n - 1) if sent[j] == HASH and is_arabic(sent[j + 1])]


def _without(sent: Sequence[str], gone: set[int]) -> list[str]:
    return [w for j, w in enumerate(sent) if j not in gone]


def tag_around_joiners(
    sentences: Sequence[Sequence[str]],
    tag: Callable[[Sequence[Sequence[str]]], list[list[str]]],
    hashes: Sequence[Collection[int]] | None = None,
    titles: Sequence[Sequence[int]] | None = None,
) -> list[list[str]]:
    """`tag` the sentences with the `_` that join Arabic words and the `#` at `hashes` (of each
    sentence) left out, then put them back: inside the name when the words on both sides are one
    name, else O. The words at `titles` (of each sentence: `_ayatollahs`) are left out too and put
    back as the start of the person's name that follows them (else O).

    Hashtags spell names with `_` for spaces (`#شيرين_عبد_الوهاب`); the tokenizer splits at it, as
    camel-tools does, and the tagger, which never saw `_` inside a name, found three persons there.
    The `#` of a hashtag (`hashtag_marks`) and the dots of an acronym (بي.بي.سي) are left out the
    same way: ANERcorp writes none."""
    if titles is None:
        titles = [[] for _ in sentences]
    cut = [
        sorted([*_joiners(s, h), *t])
        for s, h, t in zip(sentences, hashes or [()] * len(sentences), titles, strict=True)
    ]
    kept = [_without(s, set(c)) if c else s for s, c in zip(sentences, cut, strict=True)]
    tags = tag(kept)
    out: list[list[str]] = []
    for c, t, title in zip(cut, tags, titles, strict=True):
        if not c:
            out.append(t)
            continue
        full: list[str] = []
        it = iter(t)
        gone = set(c)
        for j in range(len(t) + len(c)):
            full.append("" if j in gone else next(it))
        is_title = set(title)
        for j in reversed(c):  # right to left, so a run of joiners takes the label after it
            after = full[j + 1] if j + 1 < len(full) else "O"
            if j in is_title and after in ("B-PERS", "I-PERS"):
                full[j + 1] = "I-PERS"
                full[j] = "B-PERS"  # the first word of the title stays B-
            else:
                full[j] = "I-" + after[2:] if after.startswith("I-") and j not in is_title else "O"
        out.append(full)
    return out


def _listed(lex: Lexicon, norm: str) -> bool:
    """Whether the name lists have `norm` as a name (or part of one) of its own, not only as a word
    of a longer name."""
    return any(not k.endswith("_tok") for k in _kinds(lex, norm))


def _listed_as(lex: Lexicon, norm: str, kind: str, parts: bool = True) -> bool:
    """Whether the name lists have `norm` itself as a name of type `kind` (`kind` or `LOC_city`,
    `ORG_club`...; not a word of a longer name), `PERS_part` only with `parts` (too many common words
    are a part of some person's name for propagation to trust it)."""
    return any(
        (k == kind or (k.startswith(kind + "_") and not k.endswith("_tok"))) and (parts or k != "PERS_part")
        for k in _kinds(lex, norm)
    )


# What may stand between a title and the name after it (`name_after_title`), besides a country's
# adjective (المرشد الإيراني) and a comma: الأعلى "supreme", السابق "former"...
TITLE_MODIFIERS = frozenset(
    normalize(w) for w in ("الأعلى", "السابق", "الراحل", "الحالي", "الجديد", "المنتخب", "العام")
)
_COMMAS = frozenset({"،", ","})


def name_after_title(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
    common: Collection[str],
    hits: Hits | None = None,
) -> None:
    """Tag as a person (in place) two or more untagged words right after a title (and maybe a
    country's adjective, الأعلى, a comma) that the name lists have as a person's given name or
    family name, the first not starting with ال, none of them spelled as one of `common` (words
    seen often in training and never or seldom in a name), the last maybe only a part of a listed
    name.

    The network had missed Iran's supreme leader in 57 of his 76 mentions in recent news: خامنئي,
    never seen in ANERcorp, shares its word cluster with المرشد "the guide", and after المرشد
    الإيراني "the Iranian leader" the network made the title the person and left علي خامنئي out.
    Tagged here before propagation, the surname then reaches the article's other mentions."""
    if hits is None:
        hits = trigger_hits(infos)
    for raw, sent, st, h in zip(sentences, infos, tags, hits, strict=True):
        n = len(st)
        for i in [i for i, m in h if m & TITLE_MARK and i < n - 2]:
            j = i + 1
            while j < min(n, i + 4) and (
                sent[j].norm in TITLE_MODIFIERS
                or raw[j] in _COMMAS
                or (sent[j].norm.endswith("ي") and country_adjective(sent[j].norm, lex))
            ):
                j += 1
            k = j
            while (
                k < n
                and st[k] == "O"
                and sent[k].arabic
                and raw[k] not in common
                and not _is_title(sent[k].norm)
                and _listed_as(lex, sent[k].norm, "PERS", parts=k > j)
            ):
                k += 1
            if k - j >= 2 and not sent[j].norm.startswith("ال") and (k == n or not st[k].startswith("I-")):
                st[j:k] = ["B-PERS"] + ["I-PERS"] * (k - j - 1)


# Words after which a club's name is the club (`clubs_after_sports_words`): its team, ground,
# goalkeeper, players, coach, fans, match (فريق العربي, مرمى الريان, جماهير الأهلي, لاعب برشلونة,
# مباراة النصر). Not مواجهة, also "confronting" (مواجهة الشباب "facing the young"), nor لقاء "meeting".
SPORTS_WORDS = frozenset(
    normalize(w)
    for w in (
        "فريق", "نادي", "مرمى", "حارس", "لاعب", "لاعبو", "لاعبي", "مدافع", "مهاجم", "جماهير",
        "جمهور", "مدرب", "شباك", "هدفي", "ناشئي", "مباراة", "مباراتي",
    )
)  # fmt: skip


def _sports_word(x: TypeInfo) -> bool:
    """Whether the word is one of `SPORTS_WORDS`, maybe after و, ف, ب, ل, ك but without ال: a club
    after الفريق, النادي is an adjective (الفريق الأحمر, النادي الملكي, النادي الإماراتي)."""
    return x.norm in _SPORTS_FORMS


_SPORTS_FORMS = _with_clitics(SPORTS_WORDS)
# Words of club names that are, after these words, mostly something else: فريق الدفاع "the defence
# team" (of a trial), فريق العمل "the working group", فريق الرجال "the men's team"
NOT_CLUBS = frozenset(
    normalize(w) for w in ("الدفاع", "العمل", "التحقيق", "الرجال", "السيدات", "الناشئين", "الإنقاذ")
)


def clubs_after_sports_words(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
    common: Collection[str],
    hits: Hits | None = None,
) -> None:
    """Make a one-word name the lists have as a sports club (and not as a country) an organization,
    in place, after a word of its team without ال (`SPORTS_WORDS`: فريق العربي, مرمى الريان, لاعب
    برشلونة), where the network left it untagged or made it a place. Club names are often common
    words or cities (العربي "Arab", السد "the dam", الشمال "the north"); ANERcorp tags the club after
    these words (فريق الجزيرة, لاعبي يوفنتوس, مدرب العنابي), a country mostly as a place (مدافع
    جورجيا, مباراة الإمارات: a national team; a word of a country's name counts). Taken: a club's
    own name in the lists (الهلال, also "the crescent"), or a word of one with ال that is no common
    word (`common`: not النجم "the star"); not a common word without ال (مباراة كان نجمها "a match
    whose star was", not Cannes), an ordinal (هدفي الأول), nor one of `NOT_CLUBS` (فريق الدفاع "the
    defence team" of a trial)."""
    if hits is None:
        hits = trigger_hits(infos)
    for raw, sent, st, h in zip(sentences, infos, tags, hits, strict=True):
        n = len(st)
        for j in _after(h, SPORTS_MARK, n):
            if (
                st[j] in ("O", "B-LOC")
                and (j + 1 == n or not st[j + 1].startswith("I-"))
                and st[j - 1] == "O"
                and sent[j].arabic
            ):
                norm = sent[j].norm
                if norm in ORDINALS or norm in NOT_CLUBS or _sports_word(sent[j]):
                    continue
                if raw[j] in common and not norm.startswith("ال"):
                    continue  # مباراة كان نجمها "a match whose star was", not the club of Cannes
                kinds = _kinds(lex, norm) or next(
                    (k for f in strip_proclitics(norm) if f.startswith("ال") for k in [_kinds(lex, f)] if k),
                    [],
                )
                if "LOC_country" in kinds or "LOC_country_tok" in kinds:
                    continue  # a national team: مباراة الإمارات, as ANERcorp tags it
                if "ORG_club" in kinds or (
                    norm.startswith("ال") and "ORG_club_tok" in kinds and raw[j] not in common
                ):
                    st[j] = "B-ORG"


def clubs_made_persons(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Make an organization (in place) a one-word person that the name lists have as a sports club
    and not as a person's name or part of one (وكان الوداد قد أحرز لقب العام, وقال الإسماعيلي
    بموقعه, خروج الأهلي): in 2,667 recent articles the network had made 12 clubs persons this way.
    Names of clubs that are also persons' (كاين, سانتوس, شيراك, لين, all listed as parts of
    persons' names) stay persons. A word of a team (`SPORTS_WORDS` without ال: حارس "goalkeeper",
    لاعب) that starts a person is no part of it, and the club after it is the club (حارس الهلال,
    حارس بايرن: 6 "persons" so in the same articles; حارس بن لادن "bin Laden's bodyguard")."""
    for sent, st in zip(infos, tags, strict=True):
        if "B-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            after_team = b - a >= 2 and _sports_word(sent[a])
            if after_team:
                st[a : a + 2] = ["O", "B-PERS"]
                a += 1
            if b - a != 1:
                continue
            kinds = _kinds(lex, sent[a].norm)
            # after a word of a team, a club even when it is also part of a person's name (بايرن)
            if "ORG_club" in kinds and (after_team or not any(k.startswith("PERS") for k in kinds)):
                st[a] = "B-ORG"


# Organization heads without ال, maybe after a proclitic, that ANERcorp tags with the name after them
# (`heads_with_their_names`: جامعة القاهرة, بنك إنجلترا); after جامعة, a person's name too
_HEAD_CLITICS = ("", "و", "ب", "ل", "وب", "ول", "ف")
UNIVERSITY_FORMS = _with_clitics({normalize("جامعة")}, _HEAD_CLITICS)
_NAMED_HEADS = ("معهد", "كلية", "جمعية", "بنك", "مصرف", "منظمة", "حزب", "اتحاد", "مجلس")
NAMED_HEAD_FORMS = _with_clitics({normalize(w) for w in _NAMED_HEADS}, _HEAD_CLITICS)


def heads_with_their_names(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], hits: Hits | None = None
) -> None:
    """Make an untagged organization head without ال (جامعة, كلية, معهد, جمعية, بنك, مصرف, منظمة,
    حزب, اتحاد, مجلس) and the place or organization the network tagged right after it one
    organization (in place), with a definite adjective in ي or ية after that (بجامعة القاهرة, بنك
    إيطاليا المركزي, مصرف لبنان المركزي, حزب جبهة التحرير الوطني, مجلس أوروبا, اتحاد جدة); after
    جامعة a person too (بجامعة جونز هوبكنز). ANERcorp tags the head with the name (حزب 101 times
    of 104, مجلس 78 of 79, بنك 27 of 27, جامعة 40 of 47), and so did the network in 368 of the 449
    names after جامعة of 2,667 recent articles. Not before a number (اتفاقية اتحاد باريس 1883, a
    treaty). Pool: 66 universities made whole; for the other heads 173 spans removed and 168 added,
    nearly all the names made whole; a few were wrong before and stay so (حزب ماكرون, where the
    network had made ماكرون an organization)."""
    if hits is None:
        hits = trigger_hits(infos)
    for sent, st, h in zip(infos, tags, hits, strict=True):
        n = len(st)
        for i in [i for i, m in h if m & NAMED_HEAD_MARK and i < n - 1]:
            if st[i] != "O" or not st[i + 1].startswith("B-"):
                continue
            if st[i + 1] == "B-MISC" or (st[i + 1] == "B-PERS" and sent[i].norm not in UNIVERSITY_FORMS):
                continue
            e = i + 2
            while e < n and st[e].startswith("I-"):
                e += 1
            if e < n and st[e] == "O" and _definite_adjective(sent[e].norm):
                e += 1  # جامعة بيروت العربية, بنك إيطاليا المركزي
            if e < n and sent[e].norm.isdigit():
                continue  # a treaty or an event: اتفاقية اتحاد باريس 1883
            st[i:e] = ["B-ORG"] + ["I-ORG"] * (e - i - 1)


# "The bank" with the proclitics it takes (والبنك, للبنك, بالمصرف), normalized (`banks_by_their_adjectives`)
BANK_FORMS = frozenset(
    p + w for w in ("البنك", "المصرف") for p in ("", "و", "ف", "ب", "وب", "ك")
) | frozenset(p + w for w in ("لبنك", "لمصرف") for p in ("ل", "ول", "فل"))
# Adjectives that name a bank after البنك or المصرف, normalized: the central, international, world,
# commercial, Islamic, national bank... (not a country's: البنك البريطاني is "the British bank")
BANK_ADJECTIVES = frozenset(
    normalize(w)
    for w in (
        *("المركزي", "المركزى", "الدولي", "العالمي", "التجاري", "الإسلامي", "الأهلي", "العربي"),
        *("الوطني", "الزراعي", "الصناعي", "العقاري", "الشعبي", "الفيدرالي", "الاحتياطي", "الخليجي"),
        *("الآسيوي", "الأفريقي", "الإفريقي", "الأوروبي"),
    )
)

# What a bank is "for", after its adjectives: البنك الإسلامي للتنمية, البنك الأوروبي للاستثمار
BANK_PURPOSES = frozenset(
    normalize(w) for w in ("للتنمية", "للاستثمار", "للإنشاء", "للتعمير", "للتجارة", "للتصدير", "للتسليف")
)


def _bank_adjective(norm: str) -> bool:
    """Whether the normalized word may go on a bank's name after its first adjective: a definite
    masculine adjective in ي (الأوروبي, الكويتي, الفلاحي; not الصافية "net", nor الذي or إلى)."""
    return norm.endswith("ي") and _definite_nisba(norm)


def banks_by_their_adjectives(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], hits: Hits | None = None
) -> None:
    """Make البنك or المصرف (maybe after a proclitic) and an adjective of `BANK_ADJECTIVES` after it
    an organization, in place, with the definite adjectives in ي or ية and one word with لل after
    them (البنك المركزي الأوروبي, للبنك التجاري, البنك الإسلامي للتنمية), or with the name the
    network tagged after البنك (البنك الأهلي الأردني, which it made الأهلي الأردني). ANERcorp tags
    them so, 26 times of 28 in train (19 of them البنك التجاري of one article of the last 10%,
    which the network, seeing few banks in the other 90%, left out). In 2,667 recent articles the
    network had left out 30 of the 175 البنك المركزي; 48 spans were added, 10 removed, all right."""
    if hits is None:
        hits = trigger_hits(infos)
    for sent, st, h in zip(infos, tags, hits, strict=True):
        n = len(st)
        for i in [i for i, m in h if m & BANK_MARK and i < n - 1]:
            if st[i] != "O":
                continue
            nxt = sent[i + 1].norm
            if st[i + 1] == "B-ORG" and nxt.startswith("ال"):
                e = i + 2
                while e < n and st[e] == "I-ORG":
                    e += 1
            elif st[i + 1] == "O" and nxt in BANK_ADJECTIVES:
                e = i + 2
            else:
                continue
            while e < n and st[e] == "O" and _bank_adjective(sent[e].norm):
                e += 1  # البنك المركزي الأوروبي, البنك الأهلي الكويتي, البنك الوطني الفلاحي
            if e < n and st[e] == "O" and sent[e].norm in BANK_PURPOSES:
                e += 1  # البنك الإسلامي للتنمية
            st[i:e] = ["B-ORG"] + ["I-ORG"] * (e - i - 1)


# Relative pronouns, which start with ال but start no longer name (جريدة القدس التي تصدر)
RELATIVES = frozenset(
    normalize(w) for w in ("التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي")
)
# The relatives as written, with ي or ى (الذى, التى): a set lookup per sentence (`drop_after_relatives`)
_RELATIVES_WRITTEN = RELATIVES | {w[:-1] + "ى" for w in RELATIVES if w.endswith("ي")}
# A company, a paper or an agency (`names_after_media_heads`): شركة تويوتا, صحيفة الشرق الأوسط.
# Not قناة: a channel, but also a canal (قناة السويس).
MEDIA_HEADS = frozenset(normalize(w) for w in ("شركة", "شركتي", "صحيفة", "صحيفتي", "مجلة", "جريدة", "وكالة"))
_MEDIA_FORMS = _with_clitics(MEDIA_HEADS)


def names_after_media_heads(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon, hits: Hits | None = None
) -> None:
    """Make a place or person right after an untagged company, newspaper, magazine or agency word
    without ال (شركة, صحيفة, مجلة, جريدة, وكالة) an organization, in place: the network made the car
    maker of شركة تويوتا a place and the paper of صحيفة الشرق الأوسط the region. ANERcorp tags the
    name after these words (not the word itself) as an organization. A word after it with لل ("for")
    is part of the company's name (شركة مصر للطيران); without one a country stays a place (شركة
    قطر: Qatar is no organization), and so does a place with a definite word after it, the start
    of a longer name (شركة دبي العالمية), and a word with a preposition (شركة بباريس "a company in
    Paris")."""
    if hits is None:
        hits = trigger_hits(infos)
    for sent, st, h in zip(infos, tags, hits, strict=True):
        n = len(st)
        for j in _after(h, MEDIA_MARK, n):
            if st[j - 1] != "O" or st[j] not in ("B-LOC", "B-PERS"):
                continue
            x = sent[j]
            if x.norm[:1] in "وفبلك" and x.norm != x.stem and not x.norm.startswith("ال"):
                continue  # بباريس "in Paris"
            k = j + 1
            while k < n and st[k] == "I-" + st[j][2:]:
                k += 1
            if k < n and st[k] == "O" and sent[k].norm.startswith("لل") and sent[k].arabic:
                k += 1  # مصر للطيران
            elif st[j] == "B-LOC" and (
                "LOC_country" in _kinds(lex, x.norm)
                or (k < n and sent[k].norm.startswith("ال") and sent[k].norm not in RELATIVES)
            ):
                continue  # شركة قطر القابضة, شركة دبي العالمية: a longer name than the place
            st[j:k] = ["B-ORG"] + ["I-ORG"] * (k - j - 1)


def _country(norm: str, lex: Lexicon) -> bool:
    return norm in _COUNTRIES_IN_IYA or "LOC_country" in _kinds(lex, norm)


# العاصمة "the capital", definite, maybe after a proclitic (`capitals_after_their_country`)
CAPITAL_FORMS = frozenset(
    normalize(w) for w in ("العاصمة", "بالعاصمة", "والعاصمة", "للعاصمة", "وبالعاصمة", "وللعاصمة")
)
_CAPITAL_GAP = _COMMAS | {HASH}


def capitals_after_their_country(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
    common: Collection[str],
    hits: Hits | None = None,
) -> None:
    """Tag as a place (in place) the untagged city after العاصمة "the capital" and a place's
    feminine adjective (العاصمة العمانية مسقط, بالعاصمة الأفغانية كابل, العاصمة الفنلندية ، #
    هلسنكي), maybe after a comma or `#`, when the name lists have it (of up to three words) as a
    place and it is no common word (`common`). The network had tagged the city after these words
    in 212 of 239 such places in 2,667 recent articles; مسقط, also "birthplace" (مسقط رأسه), it
    had left out each time."""
    if hits is None:
        hits = trigger_hits(infos)
    for raw, sent, st, h in zip(sentences, infos, tags, hits, strict=True):
        n = len(st)
        for i in [i for i, m in h if m & CAPITAL_MARK and i < n - 2]:
            adj = sent[i + 1].norm
            if not (adj.startswith("ال") and adj.endswith("يه") and _place_adjective(adj[:-1], lex)):
                continue
            k = i + 2
            while k < n and k < i + 4 and raw[k] in _CAPITAL_GAP:
                k += 1
            if k >= n or st[k] != "O" or not sent[k].arabic or raw[k] in common:
                continue
            for length in (3, 2, 1):
                end = k + length
                if end > n or any(t != "O" for t in st[k:end]):
                    continue
                if _listed_as(lex, " ".join(x.norm for x in sent[k:end]), "LOC"):
                    st[k:end] = ["B-LOC"] + ["I-LOC"] * (length - 1)
                    break


# A newspaper or magazine, without ال (`papers_after_paper_words`), and the quotes around its name
PAPER_WORDS = frozenset(normalize(w) for w in ("صحيفة", "جريدة", "مجلة"))
_PAPER_FORMS = _with_clitics(PAPER_WORDS, _CLITICS[:-2])
OPENING_QUOTES = frozenset({'"', "«", "“", "'"})
CLOSING_QUOTES = frozenset({'"', "»", "”", "'"})
_MAX_QUOTED = 4


def _nisba(norm: str) -> bool:
    """An adjective of relation, which a paper's name alone would spread to (الاقتصادية "economic",
    الرياضي "sporting") through propagation."""
    return norm.endswith(("ي", "يه"))


def papers_after_paper_words(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    common: Collection[str],
    hits: Hits | None = None,
) -> None:
    """Tag the name of a newspaper or magazine after صحيفة, جريدة, مجلة (without ال) as an
    organization, in place, as ANERcorp does (صحيفة " النهار ", وجريدة الحياة, مجلة نيوزويك; the
    word itself is left out): the words between quotes right after it (up to 4, whatever the
    network made of them), or else one untagged definite word that is no common word (صحيفة
    الوئام, the pool's source, untagged in all its 240 mentions). Not a one-word name that is an
    adjective in ي (صحيفة " الاقتصادية ": propagation would spread it to الماكينة الاقتصادية "the
    economic machine"), not a noun with such an adjective after it without quotes (مجلة الأحوال
    الشخصية, in Tunisia the personal status code), not صحيفة يومية "a daily paper", nor الصحيفة
    "the paper"."""
    if hits is None:
        hits = trigger_hits(infos)
    for raw, sent, st, h in zip(sentences, infos, tags, hits, strict=True):
        n = len(st)
        for j in _after(h, PAPER_MARK, n):
            if st[j - 1] != "O":
                continue
            if raw[j] in OPENING_QUOTES:
                k = next(
                    (k for k in range(j + 2, min(n, j + 2 + _MAX_QUOTED)) if raw[k] in CLOSING_QUOTES), 0
                )
                if (
                    k
                    and all(x.arabic or raw[m].isalpha() for m, x in enumerate(sent[j + 1 : k], j + 1))
                    and (k == n or not st[k].startswith("I-"))
                    and not (k == j + 2 and _nisba(sent[j + 1].norm))
                ):
                    st[j + 1 : k] = ["B-ORG"] + ["I-ORG"] * (k - j - 2)
            elif (
                st[j] == "O"
                and (j + 1 == n or st[j + 1] == "O")
                and sent[j].arabic
                and sent[j].norm.startswith("ال")
                and len(sent[j].norm) >= 5
                and raw[j] not in common
                and not _nisba(sent[j].norm)
                # مجلة الأحوال الشخصية: in Tunisia a code of law, named by a noun and an adjective
                and not (j + 1 < n and sent[j + 1].norm.startswith("ال") and _nisba(sent[j + 1].norm))
            ):
                st[j] = "B-ORG"


_MIDDLE_EAST = (normalize("الشرق"), normalize("الأوسط"))
# words for "name", "term", "concept": what follows them in quotes is a word, not what it names
_TERM_WORDS = frozenset(
    normalize(w) for w in ("تسمية", "اسم", "مسمى", "مصطلح", "عبارة", "كلمة", "مفهوم", "لفظ", "شعار")
)


def quoted_middle_east(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Tag الشرق الأوسط between quotes as an organization, in place: the newspaper Asharq
    Al-Awsat (ونقلت « الشرق الأوسط », قال لـ « الشرق الأوسط », the dateline لندن : « الشرق الأوسط
    »), which ANERcorp tags so 10 times of the 14 it is quoted (the region: 42 times, none quoted).
    The network had made it a place. Not after a word for a name or term (تسمية " الشرق الأوسط "
    تنزع الهوية العربية: the name of the region)."""
    for raw, st in zip(sentences, tags, strict=True):
        if "الشرق" not in raw:
            continue
        n = len(st)
        for i in range(1, n - 2):
            if (
                raw[i - 1] in OPENING_QUOTES
                and (i < 2 or normalize(raw[i - 2]) not in _TERM_WORDS)
                and raw[i + 2] in CLOSING_QUOTES
                and (normalize(raw[i]), normalize(raw[i + 1])) == _MIDDLE_EAST
            ):
                st[i : i + 2] = ["B-ORG", "I-ORG"]


def coordinated_countries(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Tag as a place (in place) an untagged country joined by و to a place the network tagged:
    ايران وسورية, سورية وايران وتركيا, where the network had left سورية out (it is also "Syrian")
    and tagged the countries beside it. A country is one the lists have as a country, or سورية."""
    for sent, st in zip(infos, tags, strict=True):
        if "B-LOC" not in st:
            continue
        n = len(st)
        for a, b, kind in chunks(st):
            if kind != "LOC":
                continue
            # the word after the place, starting with و; the word before it, the place starting with و
            after = sent[b] if b < n and st[b] == "O" else None
            if after is not None and after.norm[:1] == "و" and _country(after.norm[1:], lex):
                st[b] = "B-LOC"
            before = sent[a - 1] if a > 0 and st[a - 1] == "O" else None
            if before is not None and sent[a].norm[:1] == "و" and _country(before.norm, lex):
                st[a - 1] = "B-LOC"


def countries_with_their_first_word(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon
) -> None:
    """Give (in place) a place the network tagged the untagged word before it when the two are a
    country of the lists, that word maybe with a proclitic: جنوب [السودان], بجنوب [أفريقيا] (South
    Sudan is not Sudan), where the network had tagged the second word alone: 102 names in 2,667
    recent articles, all of them South Sudan or South Africa. On the folds of train, 3 names made
    wrong (two in a history of southern Africa, the region, where ANERcorp tags أفريقيا alone) and
    2 made right; train tags 6 of its 16 such names whole."""
    for sent, st in zip(infos, tags, strict=True):
        if "B-LOC" not in st:
            continue
        for a, b, kind in chunks(st):
            if kind != "LOC" or a == 0 or st[a - 1] != "O" or not sent[a - 1].firsts:
                continue
            rest = " ".join(x.norm for x in sent[a:b])
            if any(m > b - a and _country(f + " " + rest, lex) for f, m in sent[a - 1].firsts):
                st[a - 1], st[a] = "B-LOC", "I-LOC"


def _town(lex: Lexicon, norm: str) -> bool:
    """Whether the lists have the normalized word as a city or country of its own, or as a place
    that is also a word of longer place names: one list's word alone (a verb such as دعمت, the club
    تشلسي) is not enough."""
    kinds = _kinds(lex, norm)
    return (
        "LOC_city" in kinds
        or "LOC_country" in kinds
        or ("LOC" in kinds and any(k.startswith("LOC_") and k.endswith("_tok") for k in kinds))
    )


def _coordinated_town(
    raw: Sequence[str],
    sent: Sequence[TypeInfo],
    st: Sequence[str],
    j: int,
    cut: int,
    lex: Lexicon,
    common: Collection[str],
    rare: Collection[str],
) -> bool:
    """Whether the word at `j`, without its first `cut` letters (its و), is a town
    `coordinated_places` may tag."""
    word = raw[j][cut:]
    stem = sent[j].norm[cut:]
    return (
        st[j] == "O"
        and len(stem) >= 3
        and not stem.startswith("ال")
        and not sent[j].trig
        and word not in common
        and normalize_keep_hamza(word) not in rare
        and (j + 1 == len(st) or st[j + 1] != "O" or not sent[j + 1].norm.startswith("ال"))
        and _town(lex, stem)
    )


def coordinated_places(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
    common: Collection[str],
    rare: Collection[str],
) -> None:
    """Tag as a place (in place) an untagged town of the name lists (`_town`) joined by و to a place
    the network tagged, along the whole list: صفد وحيفا والناصرة, طابا وإيلات, الهرمل وبعلبك, where
    the network tagged some of the towns of a list and not the others.

    Not a word spelled (without its و) as one of `common` (words seen often in training and never or
    seldom in a name: وبقية "and the rest", وبأنه) or `rare` (words the model seldom names in the
    unlabeled news), a definite word (والعالم "and the world", الشمالية of أميركا الشمالية
    وأوروبا), a trigger (وجبل, وجزر: the head of a longer name), nor a word with a definite word
    after it (ومآسي اليمنيين "and the tragedies of the Yemenis"). The و must be a conjunction:
    واشنطن is no و before اشنطن."""
    words = (lex, common, rare)
    for raw, sent, st in zip(sentences, infos, tags, strict=True):
        if "B-LOC" not in st:
            continue
        n = len(st)
        a = st.index("B-LOC")
        while True:  # each place, left to right, and the towns added beside it
            first = a
            while (
                a > 0
                and sent[a].norm[:1] == "و"
                and not _listed_as(lex, sent[a].norm, "LOC")  # واشنطن, وارسو
                and _coordinated_town(raw, sent, st, a - 1, 0, *words)
            ):
                a -= 1  # the town before it, and the one before that
                st[a] = "B-LOC"
            b = first + 1
            while b < n and st[b] == "I-LOC":
                b += 1
            if b < n and sent[b].norm[:1] == "و" and _coordinated_town(raw, sent, st, b, 1, *words):
                st[b] = "B-LOC"  # the town after it: the next place
            try:
                a = st.index("B-LOC", b)
            except ValueError:
                break


# Masculine nouns a city's name may follow and a country's adjective agree with (ميناء كراتشي
# الباكستاني "Karachi's Pakistani port"), normalized, without ال (`clubs_by_their_country`)
PLACE_NOUNS = frozenset(
    normalize(w)
    for w in (
        *("ميناء", "مرفأ", "مطار", "متحف", "منتجع", "سجن", "ريف", "إقليم", "قطاع", "كورنيش", "معسكر"),
        *("ملعب", "استاد", "مهرجان", "معرض", "مؤتمر", "فندق", "قصر", "جامع", "مسجد", "حي", "شارع"),
    )
)
# Adjectives of direction, of a region's part (ريف حلب الشمالي), not of a country
_DIRECTION_ADJECTIVES = frozenset(normalize(w) for w in ("الشمالي", "الجنوبي", "الشرقي", "الغربي"))


# Clubs named with a common noun, normalized, which a football report uses as the noun too: "the
# people", "cooperation", "the students", "the police", "the army", "the star", "unity", "the era"
# (ولي العهد, the crown prince), "the north" (`clubs_in_match_reports`)
COMMON_CLUB_NAMES = frozenset(
    normalize(w)
    for w in ("الشعب", "التعاون", "الطلبة", "الشرطة", "الجيش", "النجمة", "الوحدة", "العهد", "الشمال")
)
# Words of a football report, normalized: a sentence with one is about a match or a league
# (`clubs_in_match_reports`)
MATCH_WORDS = frozenset(
    normalize(w)
    for w in (
        *("مباراة", "المباراة", "مباراته", "بالمباراة", "الدوري", "هدف", "هدفا", "هدفين", "بهدف"),
        *("الهدف", "بهدفين", "الشوط", "البطولة", "التعادل", "بالتعادل", "تعادل", "الدقيقة"),
        *("الترتيب", "الصدارة", "المتصدر", "متصدر", "يلاقي", "سيلاقي"),
        # and of the clubs' affairs: players, coaches, transfers, cups
        *("لاعب", "لاعبي", "لاعبو", "مدرب", "المدرب", "تدريب", "مهاجم", "حارس", "جماهير", "النادي"),
        *("انتقال", "انتقاله", "كأس", "السوبر", "الفوز", "فوزه", "خسارة", "ودية", "مواجهة", "الموسم"),
    )
)


# إلى "to", normalized: no definite word though it starts like one (`clubs_in_match_reports`)
_TO = frozenset(normalize(w) for w in ("إلى", "وإلى"))


def clubs_in_match_reports(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    tags: list[list[str]],
    lex: Lexicon,
    common: Collection[str],
) -> None:
    """Make an organization (in place) an untagged definite word, alone or after و, that the name
    lists have as a club's own name, in a sentence of a football report (`MATCH_WORDS`): فوز
    الأهلي, تقدم العين عند الدقيقة 12, رفع الفتح رصيده, على الوصل في النهائي. Club names are
    common words or places (العين "the eye", Al Ain; الفتح "the conquest"), which the network tags
    only after a word of the team. Not one of the `common` words, nor after a definite word (the
    adjective: المنتخب الأفريقي), nor before a definite word in ة or ى (its noun: العين اليسرى
    "the left eye", النجمة الأميركية "the American star"), nor a club named by a common noun of
    `COMMON_CLUB_NAMES`. Run after propagation, which would give the club's name to the word's
    other senses. In 2,667 recent articles: 52 clubs, all right (العين 14, الوصل 9, النصر 8);
    last 10% of train 0.8586 -> 0.8590 (الأهلي twice; الخور twice, a person to the annotation).
    Then words of the clubs' affairs (لاعب, مدرب, انتقال, كأس, السوبر, الموسم...) count as match
    words, a club named by a common word (الهلال "the crescent") is taken where two match words
    are, one after إلى (الي once normalized, no definite word) and one joined by و to a club
    (الهلال والنصر): 104 clubs more, one wrong (كأس الوداد "a cup of affection", in a poem)."""
    for raw, sent, st in zip(sentences, infos, tags, strict=True):
        n = len(st)
        if n < 3 or "O" not in st:
            continue
        matches = sum(x.norm in MATCH_WORDS for x in sent)
        if not matches:
            continue
        for j, x in enumerate(sent):
            waw = x.norm.startswith("وال")
            # right after a name only by و after a club: الهلال والنصر
            after_club = waw and j > 0 and st[j - 1].endswith("ORG")
            if (
                st[j] != "O"
                or (j > 0 and st[j - 1] != "O" and not after_club)
                or (j + 1 < n and st[j + 1] != "O")
            ):
                continue
            name = x.norm[1:] if waw else x.norm
            if (
                not name.startswith("ال")
                or len(name) < 5
                # a common word (الهلال "the crescent") only where two words speak of football
                or ((raw[j][1:] if waw else raw[j]) in common and matches < 2)
                or name in COMMON_CLUB_NAMES
                or name in NOT_CLUBS
                or country_adjective(name, lex)  # المصري, also the club al-Masry
                or "ORG_club" not in _kinds(lex, name)
                # باليد والعين "hand and eye" (not إلى, الي once normalized)
                or (
                    j > 0
                    and not after_club
                    and bool(_definite_forms(sent[j - 1].norm))
                    and sent[j - 1].norm not in _TO
                )
                or (j + 1 < n and raw[j + 1].startswith("ال") and raw[j + 1].endswith(("ة", "ى")))
            ):
                continue
            st[j] = "B-ORG"


def clubs_by_their_country(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Make a city the network tagged as a place an organization, in place, when a country's
    masculine adjective follows it: that is its club (هامبورغ الألماني, ليون الفرنسي, روما
    الإيطالي, أندرلخت البلجيكي), the city itself being feminine (روما الإيطالية). ANERcorp tags the
    club and leaves the adjective out. Not a country (سوريا العربي), a definite place (الأرخبيل
    الياباني, الخليج العربي), a place after a masculine noun the adjective agrees with (ميناء كراتشي
    الباكستاني, `PLACE_NOUNS`), or before a person the adjective is of (مدرب جامايكا الألماني
    وينفريد شايفر)."""
    for sent, st in zip(infos, tags, strict=True):
        if "B-LOC" not in st:
            continue
        n = len(st)
        a = -1
        while True:
            try:
                a = st.index("B-LOC", a + 1)
            except ValueError:
                break
            b = a + 1
            while b < n and st[b] == "I-LOC":
                b += 1
            adj = sent[b].norm if b < n and st[b] == "O" else ""
            if (
                not adj.startswith("ال")
                or not adj.endswith("ي")
                or adj in _DIRECTION_ADJECTIVES
                or _generic_adjective(adj)  # الخليج العربي
                or _definite_noun(sent[a].norm)  # الأرخبيل الياباني, فيلق القدس الإيراني
                or not country_adjective(adj, lex)
                or (b + 1 < n and st[b + 1] == "B-PERS")
                or (a > 0 and sent[a - 1].stem in PLACE_NOUNS)
                or any(_country(x.norm, lex) or _country(x.stem, lex) for x in sent[a:b])
            ):
                continue
            st[a:b] = ["B-ORG"] + ["I-ORG"] * (b - a - 1)


# "Party" without ال, with the proclitics it takes (`parties_by_their_names`)
PARTY_FORMS = _with_clitics({normalize("حزب")})
# What describes a party after its name rather than names it: "opposition", "ruling", "main", "small",
# "new", "extreme", "right-wing", "left-wing", "secular", "conservative", "allied" (`parties_by_their_names`)
PARTY_DESCRIPTIONS = frozenset(
    normalize(w)
    for w in (
        *("المعارض", "المعارضة", "الحاكم", "الرئيسي", "الصغير", "الكبير", "الجديد", "المتطرف"),
        *("اليميني", "اليساري", "العلماني", "المحافظ", "الحليف", "الأكبر", "الأقدم", "الوحيد"),
        *("السابق", "الحاكمة", "المحظور", "المسلح"),
    )
)


_GENERAL = frozenset(normalize(w) for w in ("العام", "العامة"))  # حزب المؤتمر الشعبي العام


def _party_adjective(norm: str) -> bool:
    """A definite adjective of relation in ي, ية or يين, of six letters or more (الكردستاني,
    القومية, الديمقراطيين; not الذي, إلى)."""
    return _definite_adjective(norm) or _definite_nisba(norm)


def _definite_adjective(norm: str) -> bool:
    """A definite adjective of relation in ي or ية, of six letters or more (المركزي, العربية)."""
    return norm.startswith("ال") and _nisba(norm) and len(norm) >= 6


def parties_by_their_names(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], hits: Hits | None = None
) -> None:
    """Make an untagged حزب "party" (without ال, maybe after a proclitic) and the untagged definite
    words after it one organization, in place, with words joined by و (حزب العمال, حزب الحركة
    القومية, حزب العيش والحرية, بحزب آفاق تونس where the network tagged تونس). ANERcorp tags the
    head with the name (train: 101 times of 104); the network had left 223 of the 831 حزب of 2,667
    recent articles untagged with the word after them. Not a title, a relative or a description
    of the party (`PARTY_DESCRIPTIONS`: حزب العمال المعارض is حزب العمال; حزب المعارضة is none); after
    the name's first word only its adjectives in ي or ية (حزب العمال الكردستاني, not النار of فتح
    عناصر من حزب العمال الكردستاني النار); at most five words."""
    if hits is None:
        hits = trigger_hits(infos)
    for sent, st, h in zip(infos, tags, hits, strict=True):
        n = len(st)
        for i in [i for i, m in h if m & PARTY_MARK and i < n - 1]:
            if st[i] != "O" or st[i + 1] != "O":
                continue
            e = i + 1
            while e < n and e - i <= 5 and st[e] == "O":
                norm = sent[e].norm
                if (
                    norm in RELATIVES
                    or norm in PARTY_DESCRIPTIONS
                    or _is_title(norm)
                    or not (
                        # the name: a definite word, and one joined to it by و (العدالة والتنمية)
                        (e == i + 1 and norm.startswith("ال") and len(norm) >= 5)
                        or (e == i + 2 and norm.startswith("وال") and len(norm) >= 6)
                        # then its adjectives (القومية, الديمقراطي, الكردستاني, العام)
                        or (e > i + 1 and (_party_adjective(norm) or norm in _GENERAL))
                    )
                ):
                    break
                e += 1
            if e > i + 1:
                st[i:e] = ["B-ORG"] + ["I-ORG"] * (e - i - 1)


# "Militia(s)", "group": the armed group named after them (`groups_after_militia_words`)
MILITIA_WORDS = frozenset(
    normalize(w) for w in ("ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "ميلشيات", "ميلشيا", "جماعة")
)
_MILITIA_FORMS = _with_clitics(MILITIA_WORDS, ("", "و", "ف", "ب", "ل", "ول", "وب", "فل"))


_GROUP = normalize("جماعة")


def _definite_nisba(norm: str) -> bool:
    """A definite adjective of relation, singular or plural (الحوثي, الشعبي, الحوثيين); not إلى or
    التي, which normalize to the same ending."""
    return norm.startswith("ال") and norm.endswith(("ي", "يين")) and len(norm) >= 6 and norm not in RELATIVES


def groups_after_militia_words(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], hits: Hits | None = None
) -> None:
    """Make the group after a militia or group word (untagged, or tagged alone, which it is not) an
    organization, in place, when it is named by a definite nisba (ميليشيات الحوثي; the plural
    الحوثيين after the militias only: جماعة الحرفيين is "the craftsmen"); an adjective of the
    militias after it is not part of the name (ميليشيات الحوثي الانقلابية).
    In recent news the network tagged الحوثي in 6% of its 726 mentions, mostly as a person, which
    the rare-word rule then dropped."""
    if hits is None:
        hits = trigger_hits(infos)
    for sent, st, h in zip(infos, tags, hits, strict=True):
        n = len(st)
        for j in _after(h, MILITIA_MARK, n):
            norm = sent[j].norm
            if (
                st[j - 1] not in ("O", "B-PERS", "B-ORG")  # the militia word alone is no name either
                or st[j] not in ("O", "B-PERS")
                or (j + 1 < n and st[j + 1].startswith("I-"))
                or not _definite_nisba(norm)
                # a plural (الحوثيين) after the militias only: جماعة الحرفيين is "the craftsmen"
                or (norm.endswith("يين") and sent[j - 1].stem == _GROUP)
            ):
                continue
            st[j - 1 : j + 1] = ["O", "B-ORG"]


@lru_cache(maxsize=1)
def _known_name_table() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The first word of each of `ORGANIZATIONS`, `PLACES` and `PERSONS`, normalized and as written
    with proclitics (`_first_word_forms`) -> `(the normalized words of the rest, type)` of each name it
    starts, longest first."""
    rests: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for names, kind in ((ORGANIZATIONS, "ORG"), (PLACES, "LOC"), (PERSONS, "PERS")):
        for name in names:
            first, *rest = (normalize(w) for w in name.split())
            for form in _first_word_forms(first, bool(rest)):
                rests.setdefault(form, set()).add((tuple(rest), kind))
    return {k: tuple(sorted(v, key=lambda r: (-len(r[0]), r))) for k, v in rests.items()}


KnownRests = tuple[tuple[tuple[str, ...], str], ...]


@lru_cache(maxsize=1)
def _known_name_index() -> dict[str, tuple[dict[str, KnownRests], KnownRests]]:
    """`_known_name_table` by the second word: first-word form -> (second word -> the rests that
    start with it, longest first; the names of one word), so that `known_names` tries only the
    names the next word may go on with (محمد is the first word of four persons)."""
    index: dict[str, tuple[dict[str, KnownRests], KnownRests]] = {}
    for form, rests in _known_name_table().items():
        longer: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for rest, kind in rests:
            if rest:
                longer.setdefault(rest[0], []).append((rest, kind))
        index[form] = ({w: tuple(r) for w, r in longer.items()}, tuple(r for r in rests if not r[0]))
    return index


def _first_word_forms(first: str, more: bool) -> list[str]:
    """The normalized first word of a known name (`more`: of several words) as written with
    proclitics: و ف ب ك; a definite word with each of `_ARTICLES`, ل taking the alef of ال (للأمم)."""
    if first.startswith("ال"):
        return [a + first[2:] for a in _ARTICLES]
    if more or len(first) >= 5:
        return [p + first for p in _CLITICS]
    # a short word with ب or ك before it is often another word (بحماس "with zeal", كابل), with ل
    # one that starts with ل (للحج "for the Hajj")
    return [p + first for p in ("", "و", "ل", "ول") if not (p.endswith("ل") and first[0] == "ل")]


@lru_cache(maxsize=1)
def _country_forms() -> frozenset[str]:
    """The one-word `COUNTRIES`, normalized and as written with proclitics."""
    return frozenset(
        form for c in COUNTRIES if " " not in c for form in _first_word_forms(normalize(c), False)
    )


@lru_cache(maxsize=1)
def _well_known_forms() -> dict[str, frozenset[str]]:
    """The grouping forms (normalized, single spaces) of `ORGANIZATIONS` and `PLACES`, by type."""
    return {
        "ORG": frozenset(" ".join(normalize(n).split()) for n in ORGANIZATIONS),
        "LOC": frozenset(" ".join(normalize(n).split()) for n in PLACES),
    }


def _place_word(lex: Lexicon, form: str) -> bool:
    """Whether the name lists have `form` as a place or a word of one (`LOC_tok`...)."""
    return any(k.startswith("LOC") for k in _kinds(lex, form))


# Where a well-known name is not one (`known_names`): after the word "states" (دول مجلس التعاون
# "the Gulf states") and "market" (سوق عكاظ, a fair); a place after "agreement" and "state" (اتفاق
# الطائف, دولة الطائف: the Taif Agreement, untagged in ANERcorp)
_NOT_AFTER = frozenset(normalize(w) for w in ("دول", "سوق"))
_NOT_AFTER_PLACE = _NOT_AFTER | {normalize(w) for w in ("اتفاق", "اتفاقية", "دولة")}
# "National team", clitic-stripped: a country after it is a place (`known_names`)
_TEAM_STEMS = frozenset({normalize("منتخب")})
# "Tower", clitic-stripped: a person after it names a building (برج ترامب; `known_names`)
_TOWER_STEMS = frozenset({normalize("برج")})
# إدارة ترمب is the Trump administration: ANERcorp tags the person (إدارة بوش, إدارة كلينتون, إدارة
# بوتين: 3 of 3 in train), so a listed person after it is tagged (`known_names`)
_ADMINISTRATION = frozenset({normalize("إدارة")})


@lru_cache(maxsize=1)
def _person_firsts() -> frozenset[str]:
    """The normalized first words of `PERSONS`, without proclitics."""
    return frozenset(normalize(p.split()[0]) for p in PERSONS)


def _goes_on(norm: str, tag: str, lex: Lexicon) -> bool:
    """Whether the word after a well-known name makes it part of something else: a name (not one
    joined to it by و: حركة النهضة وحزب النداء), a definite adjective (مجلس الأمن القومي) but for
    a country's (ريال مدريد الإسباني, الكنيست الإسرائيلي: ANERcorp train leaves it out of 57
    organizations it follows and 9 places, puts it in 5 organizations) or an epithet (داعش
    الإرهابي, `_EPITHETS`), a number (بوينج 757, سيناء 2018)."""
    return (
        (tag != "O" and not (tag.startswith("B-") and norm[:1] == "و"))
        or (_definite_nisba(norm) and not country_adjective(norm, lex) and norm not in _EPITHETS)
        or norm.isdigit()
    )


# Adjectives news put after a group's name that are no part of it (تنظيم داعش الإرهابي, ميليشيات
# الحوثي الانقلابية): the name before them is the well-known one (`_goes_on`)
_EPITHETS = frozenset(
    normalize(w)
    for w in (
        "الإرهابي",
        "الإرهابية",
        "المتطرف",
        "المتطرفة",
        "الانقلابي",
        "الانقلابية",
        "المحظور",
        "المحظورة",
    )
)


def _written_at(sent: Sequence[TypeInfo], start: int, words: Sequence[str]) -> bool:
    """Whether the normalized words of `sent` from `start` on are `words` (the rest of a listed
    name after its first word; the caller has checked that they fit in the sentence)."""
    return all(sent[k].norm == w for k, w in zip(range(start, start + len(words)), words, strict=True))


def known_names(
    infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon, hits: Hits | None = None
) -> None:
    """Tag, in place, the untagged mentions of the well-known organizations of
    `app.ner.organizations` (الناتو, الليكود, للأمم المتحدة), places of `app.ner.places` (الغوطة,
    صعدة) and persons of `app.ner.persons` (ترمب, معمر القذافي; the surname of a given name the
    network tagged: الرئيس دونالد [ترمب]; not after an organization's or a place's head or برج:
    مؤسسة القذافي, برج ترامب), the longest name first. A listed name of several words takes in the whole names
    the network tagged inside it (نداء تونس, where it tagged تونس; a place only places: المدينة
    المنورة, where it tagged المنورة; or a person of exactly its words: سيدي بوزيد), an
    organization the network cut short grows to the listed name it starts (حزب العدالة
    [والتنمية], اللجنة الدولية [للصليب الأحمر], باريس [سان جرمان] where it made the rest a
    person: 101 names so in 2,667 recent articles, all right, one still short of its article's
    longer name: هلال أحمر مكة), and a one-word organization the network tagged as a place,
    person or other name is made an organization (وقال الفيفا, the "person" FIFA). A mention the
    recognizer tagged otherwise (as part of a longer name, or a place as anything but a place)
    keeps its tags, and none untagged is tagged that goes on with a name, a definite adjective
    (مجلس الأمن القومي is another organization) or a number (بوينج 757, an aircraft), nor after
    دول (دول مجلس التعاون الخليجي, the Gulf states: a region to ANERcorp), سوق (سوق عكاظ, a fair,
    not the paper) or a tagged organization it ends (جمعية الهلال الأحمر, where the network
    tagged جمعية); a place not after an organization's head either (جامعة الطائف). A one-word
    listed place the network took for a person is the place (نجمة هوليوود "a Hollywood star"), but
    after a speech verb (قال صعدة, a person's name)."""
    if hits is None:
        hits = trigger_hits(infos)
    index = _known_name_index()
    for sent, st, h in zip(infos, tags, hits, strict=True):
        n = len(st)
        for j in [i for i, m in h if m & KNOWN_NAME_MARK]:
            tag = st[j]
            before = sent[j - 1] if j > 0 else None
            if tag != "O" and not tag.startswith("B-"):
                continue  # inside a name
            # an organization already (but for a team of `COUNTRIES`) only grows to a longer listed
            # organization: نادي [باريس] [سان جرمان], where the network made the rest a person
            shorter = 0
            if tag == "B-ORG" and sent[j].norm not in _country_forms():
                shorter = j + 1
                while shorter < n and st[shorter] == "I-ORG":
                    shorter += 1
            if before is not None and before.stem in _NOT_AFTER:
                continue
            longer, single = index[sent[j].norm]
            rests = longer.get(sent[j + 1].norm, ()) + single if j + 1 < n else single
            for rest, kind in rests:
                b = j + 1 + len(rest)
                if shorter and (kind != "ORG" or b <= shorter):
                    continue
                if b > n or not _written_at(sent, j + 1, rest):
                    continue
                if (
                    kind == "LOC"
                    and before is not None
                    and (
                        before.stem in _NOT_AFTER_PLACE
                        # a national team is its country: منتخب أوروغواي (ANERcorp: 9 of 9)
                        or (before.trig == "OHEAD" and before.stem not in _TEAM_STEMS)
                    )
                ) or (
                    # a person's name after an organization's or a place's head or "tower" names
                    # that (مؤسسة القذافي, شارع بوتين, برج ترامب)
                    kind == "PERS"
                    and before is not None
                    and (
                        (before.trig in ("OHEAD", "LHEAD") and before.stem not in _ADMINISTRATION)
                        or before.stem in _TOWER_STEMS
                    )
                ):
                    continue
                untagged = all(t == "O" for t in st[j:b])
                # a name of several words that holds whole names the network tagged (نداء تونس,
                # قوات سوريا الديمقراطية: the place in it; a place, only places: المدينة المنورة,
                # where it tagged المنورة) takes them in
                holds = (
                    bool(rest)
                    and not (b < n and st[b].startswith("I-"))
                    and (
                        kind in ("ORG", "PERS")  # a person: دونالد ترمب, where it tagged دونالد
                        or all(t == "O" or t.endswith("LOC") for t in st[j:b])
                        # or a person of exactly its words: سيدي بوزيد
                        or st[j:b] == ["B-PERS"] + ["I-PERS"] * len(rest)
                    )
                )
                if untagged or holds:
                    if (
                        # (a name the network tagged after one it tagged in part stays apart)
                        (b < n and _goes_on(sent[b].norm, st[b] if untagged else "O", lex))
                        # the rest of an organization's name (اللجنة الدولية للصليب الأحمر),
                        # unless joined by و (حماس والجهاد الإسلامي) or ب (فيلق القدس بالحرس
                        # الثوري, "in the IRGC"), or a place by ب or ل (الهلال الأحمر بالباحة)
                        or (
                            j > 0
                            and st[j - 1].endswith("ORG")
                            and not sent[j].norm.startswith(("و", "ب") if kind == "ORG" else ("و", "ب", "ل"))
                        )
                    ):
                        continue
                elif rest or (
                    kind == "LOC"
                    and sent[j].norm not in _country_forms()
                    # a person's name may be spelled as a place: قال صعدة
                    and (tag != "B-PERS" or (before is not None and before.trig == "SAY"))
                ):
                    continue
                else:  # a one-word name of another type: retyped when it is exactly this organization,
                    # this person (بوتن, a place to the name lists), one of `COUNTRIES` (the
                    # national team أوروغواي, a person or organization to the network) or a place
                    # the network took for a person (نجمة هوليوود, بجازان)
                    inside = "I-" + tag[2:]
                    if b < n and (st[b] == inside or sent[b].norm.isdigit()):  # بوينغ 737
                        continue
                if (
                    kind == "PERS"
                    and j > 0
                    and st[j - 1].endswith("PERS")
                    and untagged
                    and sent[j].norm in _person_firsts()
                ):
                    # the surname of a name begun, written without a proclitic: دونالد [ترمب], not
                    # ماكين [وترمب], كيم [لترمب]
                    st[j:b] = ["I-PERS"] * (b - j)
                else:
                    st[j:b] = [f"B-{kind}"] + [f"I-{kind}"] * (b - j - 1)
                break


# "His (her) counterpart": ends any name it follows (فيصل بن فرحان نظيره الإيراني)
_COUNTERPARTS = frozenset(
    normalize(w)
    for w in ("نظيره", "نظيرها", "نظيرته", "نظيرتها", "نظيريه", "نظيرتيه", "نظرائه", "نظراءه", "نظراؤه")
)


def cut_at_counterparts(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]]) -> None:
    """End (in place) a person at "his counterpart" (نظيره) and leave the words after it in the name
    untagged: التقى فيصل بن فرحان [نظيره الإيراني] حسين أمير عبد اللهيان, where the network had run
    the person on over them (4 persons in 2,667 recent articles; ANERcorp train has نظيره 7 times,
    never in a name)."""
    for sent, st in zip(infos, tags, strict=True):
        if "B-PERS" not in st:
            continue
        for a, b in _person_spans(st):
            for k in range(a + 1, b):
                norm = sent[k].norm
                if norm in _COUNTERPARTS or (norm[:1] == "و" and norm[1:] in _COUNTERPARTS):
                    st[k:b] = ["O"] * (b - k)
                    break


def organizations_grown_to_listed_names(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]]) -> None:
    """Grow (in place) an organization the network tagged to the end of a listed organization
    (`app.ner.organizations`) that starts inside it and goes on past it over untagged words: منظمة
    هيومن رايتس [ووتش], where the network took the و of ووتش for "and" (9 names in 2,667 recent
    articles). `known_names` grows only a name that the listed one starts."""
    index = _known_name_index()
    for sent, st in zip(infos, tags, strict=True):
        if "B-ORG" not in st:
            continue
        n = len(st)
        for a, b, kind in chunks(st):
            if kind != "ORG" or b >= n or st[b] != "O":
                continue
            for j in range(a + 1, b):
                norm = sent[j].norm
                entry = index.get(norm)
                # not one joined to the tagged name by و: حماس [والجهاد الإسلامي] is two names
                if entry is None or (norm[:1] == "و" and norm[1:] in index):
                    continue
                for rest, listed in entry[0].get(sent[j + 1].norm, ()):
                    e = j + 1 + len(rest)
                    if (
                        listed == "ORG"
                        and b < e <= n
                        and _written_at(sent, j + 1, rest)
                        and all(t == "O" for t in st[b:e])
                    ):
                        st[b:e] = ["I-ORG"] * (e - b)
                        break


def split_coordinated(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Split, in place, a name at a word of it that starts with the conjunction و when the name
    lists know the rest of that word as a name and not the word itself: بوش وبلير, ليفربول
    ومانشستر سيتي and صلاح وماني are two names each. وليد, وائل and وانغ are names of their own
    (listed); ووتش of هيومن رايتس ووتش and والعلم of a long organization name are kept, their rest
    not being a listed name. On the folds of train the tagger had run two names joined by و
    together about twice as often as it tagged a name with such a word right.

    An organization is split too at و and an organization's head (البنك الدولي وصندوق النقد,
    مجلس الأمن والأمم المتحدة), and a person at و and a title (سعد مارق والدكتور ناصر الشهراني),
    the title left out: the network ran such pairs together in recent news."""
    for sent, st in zip(infos, tags, strict=True):
        for j in range(1, len(st)):
            t = st[j]
            if not t.startswith("I-"):
                continue
            norm = sent[j].norm
            if len(norm) < 4 or norm[0] != "و" or not sent[j].arabic:
                continue
            if t == "I-ORG" and TRIGGERS.get(norm[1:]) == "OHEAD":  # البنك الدولي وصندوق النقد
                st[j] = "B-ORG"
            elif t == "I-PERS" and norm[1:] in TITLE_WORDS:  # سعد مارق والدكتور ناصر الشهراني
                st[j] = "O"
                if j + 1 < len(st) and st[j + 1] == "I-PERS":
                    st[j + 1] = "B-PERS"
            elif not _listed(lex, norm) and _listed(lex, norm[1:]):
                st[j] = "B-" + t[2:]


def bio_transitions(labels: Sequence[str]) -> tuple[Any, Any]:
    """`(transition penalties, first-label penalties)` that allow only valid BIO: I-X after B-X or
    I-X, never first."""
    import numpy as np

    no = -1e4
    trans = np.zeros((len(labels), len(labels)))
    for j, b in enumerate(labels):
        if b.startswith("I-"):
            for i, a in enumerate(labels):
                if a[2:] != b[2:] or a == "O":
                    trans[i, j] = no
    first = np.array([no if lab.startswith("I-") else 0.0 for lab in labels])
    return trans, first


def _verify(folder: Path, name: str, meta: dict[str, Any]) -> None:
    """Raise `ModelError` unless the model file `name` is there with the checksum `meta` records."""
    hashes = meta["sha256"]
    p = folder / name
    try:
        digest = file_sha256(p)
    except OSError as err:
        raise ModelError(
            f"The named-entity model file {p} is missing or unreadable; rebuild it with `{REBUILD}`."
        ) from err
    if digest != hashes.get(name):
        raise ModelError(
            f"The named-entity model file {p} is corrupt (checksum mismatch); rebuild it with `{REBUILD}`."
        )


# Added to the log-probability of I-PERS at `surname_slots` before decoding. The network leaves a
# surname after a given name untagged more often than ANERcorp's annotators do (مني مناوي, فان
# نيستلروي, ألفريد ديمورا with only one word a person). Micro F1 on the three folds of train by
# value (last 10% / middle / first): 0: 0.8338 / 0.7587 / 0.8622; 0.3: 0.8350 / 0.7662 / 0.8636;
# 1.0: 0.8392 / 0.7670 / 0.8636 (against 0: 16 spans made right, 2 right ones lost to an adjective
# run into the name, خاتمي الإصلاحي); 1.5: 0.8409 / 0.7702 / 0.8622; 3.0: 0.8354 / 0.7671 /
# 0.8575. In 2,667 articles of recent news 1.0 removed 777 spans and added 746, about as many right
# as wrong: full names (معمر القذافي, دونالد ترمب, زين الدين زيدان, مقتدى الصدر) against a verb or
# noun run into a name (ترامب يهنيء; `trim_name_tails` cuts some of those: محمد صلاح سيشارك).
SURNAME_BIAS = 1.0


def _after_proclitic(norm: str, lex: Lexicon, common: frozenset[str]) -> bool:
    """Whether the normalized word is a proclitic other than ال or و (ب, ل, لل, بال, وال, فـ...) on
    a word the word clusters know or one of the `common` words (بأغنية, للأمير, لواشنطن, بعودة),
    and not itself in the name lists as a person's name or part of one (بري, بوش, كلاين, فان)."""
    if any(k.startswith("PERS") for k in _kinds(lex, norm)):
        return False
    for pre in PROCLITICS:
        if pre in ("ال", "و") or not norm.startswith(pre) or len(norm) - len(pre) < 2:
            continue
        rest = norm[len(pre) :]
        if any(f in common or lex.get(f)[0] for f in (rest, "ال" + rest)):
            return True
    return False


# first words of a given name of two words (عبد الحميد, أبو خالد): a surname after one is no tail
_COMPOUND_FIRST = frozenset(normalize(w) for w in ("عبد", "أبو", "أبي", "أم", "ابن", "بن"))


# A word in Latin letters (Albert, ScorePlus, AT&T, U.S.) and the marks that may close a name
# before the bracket of its gloss ("سيمبيوسيس" (Symbiosis))
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z.&'-]*")
_CLOSING_QUOTES = frozenset({'"', "»", "”"})


# Lower-case words that may stand inside a name written in Latin letters (Bank of America,
# Organization of the Petroleum Exporting Countries, Leonardo da Vinci): not a sign of prose
_NAME_PARTICLES = frozenset(
    (
        "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la", "le", "les", "du",
        "des", "da", "di", "del", "della", "van", "von", "der", "den", "al", "el", "bin", "ibn", "y", "e",
    )
)  # fmt: skip
_LATIN_RUN_PUNCTUATION = frozenset(",.;:!?'\"-–—()’“”")
PROSE_MIN_WORDS = 4  # Latin words in a run
PROSE_MIN_LOWER = 2  # of them lower-case words that are no particle


def drop_latin_prose(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Drop (in place) the names the tagger found in a passage of English (or other Latin-letter)
    prose: a run of at least `PROSE_MIN_WORDS` Latin words, with only punctuation and numbers
    between them, of which at least `PROSE_MIN_LOWER` are lower-case words other than particles
    (the, of, de...). Trained on Arabic, the tagger reads Latin words as organizations (as ANERcorp's
    BBC): an English quotation in an Arabic article ("We will stand with Ukraine as long as it
    takes," Biden wrote) became one organization from its first word to its last. A name written in
    Latin letters inside Arabic text (a gloss in brackets, Organization of the Petroleum Exporting
    Countries, The Onion Router) has no such words and stays. Qari's own lists (CNN, BBC...) and
    propagation may still tag a name in the passage afterwards."""
    for sent, st in zip(sentences, tags, strict=True):
        if not _LATIN_WORD.search(" ".join(sent)):
            continue
        n = len(sent)
        i = 0
        while i < n:
            if not _LATIN_WORD.fullmatch(sent[i]):
                i += 1
                continue
            words = lower = 0
            j = last = i
            while j < n:
                w = sent[j]
                if _LATIN_WORD.fullmatch(w):
                    words += 1
                    lower += w[0].islower() and w.lower() not in _NAME_PARTICLES
                    last = j
                elif not (w in _LATIN_RUN_PUNCTUATION or w.isdigit()):
                    break
                j += 1
            if words >= PROSE_MIN_WORDS and lower >= PROSE_MIN_LOWER:
                st[i : last + 1] = ["O"] * (last + 1 - i)
                if last + 1 < n and st[last + 1].startswith("I-"):
                    st[last + 1] = "B-" + st[last + 1][2:]
            i = j


def latin_glosses(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """Tag (in place) the name in Latin letters written in brackets right after a person or an
    organization, as ANERcorp does: ألبرت أينشتاين (Albert Einstein), سيمبيوسيس" (Symbiosis), معهد
    جرائم الغد (Future Crimes Institute); 13 of the 16 such glosses of train are tagged so. Its first
    word is capitalized and every word is Latin; a place's is not taken, since what follows a place
    in brackets is mostly the news source (دبي، الإمارات العربية المتحدة (CNN): 240 of 2,667 recent
    articles) or another body's acronym (FDA). A gloss tagged as one name of another type takes the
    name's: the tagger reads Latin words as organizations, as ANERcorp's BBC."""
    for sent, st in zip(sentences, tags, strict=True):
        if "(" not in sent:
            continue
        n = len(st)
        for _, b, label in chunks(st):
            if label not in ("PERS", "ORG"):
                continue
            j = b + 1 if b < n and sent[b] in _CLOSING_QUOTES else b
            if j + 2 >= n or sent[j] != "(" or not sent[j + 1][:1].isupper():
                continue
            end = j + 1
            while end < n and _LATIN_WORD.fullmatch(sent[end]):
                end += 1
            if end > j + 1 and end < n and sent[end] == ")" and _untagged_or_one_name(st[j + 1 : end]):
                st[j + 1 : end] = [f"B-{label}"] + [f"I-{label}"] * (end - j - 2)


def _untagged_or_one_name(tags: Sequence[str]) -> bool:
    """Whether `tags` are all O, or one name's (of any type) from first to last."""
    return all(t == "O" for t in tags) or (
        tags[0][:2] == "B-" and all(t == "I-" + tags[0][2:] for t in tags[1:])
    )


def trim_name_tails(infos: Sequence[Sequence[TypeInfo]], tags: list[list[str]], lex: Lexicon) -> None:
    """Drop (in place) the last word of a person name of three words or more when the document also
    names the person without it, and that word is in no other person name of the document nor in
    the name lists as (part of) a person's: a verb or noun the decoder ran into the name (محمد صلاح
    سيشارك beside محمد صلاح, "Salah will play"; محمد بن راشد آل مكتوم مبتهلين). Not after a given
    name of two words (عبد الحميد اليوسف beside عبد الحميد). On the folds of train: last 10% 0.8392
    -> 0.8416 (two such names), middle and first unchanged; in 2,667 articles of recent news it cut
    15 words, all of them verbs and nouns. Names of two words are left alone: the same given name
    alone elsewhere is often another person (منصور البلوي beside منصور)."""
    spans = [
        (k, b, tuple(x.norm for x in infos[k][a:b]))
        for k, st in enumerate(tags)
        if "B-PERS" in st
        for a, b in _person_spans(st)
    ]
    if len(spans) < 2:
        return
    names = {name for _, _, name in spans}
    uses = Counter(w for _, _, name in spans for w in name)
    whole = Counter(name for _, _, name in spans)
    for k, b, name in spans:
        if (
            len(name) >= 3
            and name[:-1] in names
            and not (len(name) == 3 and name[0] in _COMPOUND_FIRST)
            and uses[name[-1]] == whole[name]
            and not any(x.startswith("PERS") for x in _kinds(lex, name[-1]))
        ):
            tags[k][b - 1] = "O"


def surname_slots(
    sentences: Sequence[Sequence[str]],
    infos: Sequence[Sequence[TypeInfo]],
    lex: Lexicon,
    common: frozenset[str],
    rare: frozenset[str],
    cache: dict[str, tuple[bool, bool]] | None = None,
) -> list[int]:
    """Positions (tokens counted over the non-empty sentences) of the words that may go on a person
    name begun by the word before: that word is in the name lists as (part of) a person's name, and
    neither word is a trigger word (a title, a speech verb...) or one of the `common` words the
    rules never make names; the word itself is not one of the `rare` words the recognizer names
    under 15% of the time in the unlabeled news (`rare_name_words`), nor a proclitic on a known
    word (`_after_proclitic`). In recent news: دونالد ترمب, عمر الرزاز, معمر القذافي, زلاتكو
    داليتش, no longer the given name alone; not صديق ترامب ("Trump's friend"); still wrong
    sometimes, where a verb or noun follows a name (ترامب يهنيء). `cache` keeps what is learnt of
    each spelling (whether it may start a name, whether it may go on with one) for the next call."""
    flags = {} if cache is None else cache
    out: list[int] = []
    pos = 0
    for raw, sent in zip(sentences, infos, strict=True):
        starts = False
        for i, word in enumerate(raw):
            f = flags.get(word)
            if f is None:
                info = sent[i]
                if info.trig or info.norm in common:
                    f = (False, False)
                else:
                    kinds = _kinds(lex, info.norm)
                    named = normalize_keep_hamza(word) not in rare
                    f = (
                        any(k.startswith("PERS") for k in kinds) and (named or "PERS_first" in kinds),
                        named and not _after_proclitic(info.norm, lex, common),
                    )
                flags[word] = f
            if starts and f[1]:
                out.append(pos + i)
            starts = f[0]
        pos += len(sent)
    return out


class BundledRecognizer(Recognizer):
    """CRF recognizer shipped with Qari (see resources/models/MODEL_CARD.md).

    One thread at a time: tagging fills caches (word features, the tagger's row table). Each caller
    that works in its own thread loads its own (`get_recognizer` does), as the window's recognition
    worker and the library's import do.
    """

    name = "bundled"

    def __init__(
        self, crf: CrfTagger, extractor: FeatureExtractor, meta: dict[str, Any], folder: Path
    ) -> None:
        self._crf = crf
        self.folder = folder
        self._reference: Any = None
        self.extractor = extractor
        self.meta = meta
        self.propagate = bool(meta.get("propagate", True))
        self.propagate_single = bool(meta.get("propagate_single", True))
        self.propagate_unify = bool(meta.get("propagate_unify", True))
        # spellings never tagged as a one-word person name (`drop_one_word_persons`)
        self.non_name_words = frozenset(meta.get(NON_NAME_WORDS, ()))
        # spellings propagation never makes a one-word name (`propagate`)
        self.unpropagated_words = frozenset(meta.get(UNPROPAGATED_WORDS, ()))
        # both: the common words the rules that add names never take (`name_after_title`,
        # `clubs_after_sports_words`, `papers_after_paper_words`)
        self._common_words = self.non_name_words | self.unpropagated_words
        # normalized words the model rarely names in the unlabeled news (`drop_rare_names`)
        self.rare_name_words = frozenset(meta.get(RARE_NAME_WORDS, ()))
        # the usual spelling of final ى and ه, read before tagging (`app.ner.spelling`)
        self.spelling = Spelling(meta.get(MAKSURA_WORDS, ()), meta.get(TEH_MARBUTA_WORDS, ()))
        # what `surname_slots` learnt of each spelling
        self._surname_flags: dict[str, tuple[bool, bool]] = {}
        # the BiLSTM-CRF whose marginals are averaged with the CRF's (None: the CRF alone)
        self.network: BiLstmTagger | None = None
        self.crf_weight = 1.0
        self._net_perm: Any = None  # the network's label ids in the CRF's label order
        # forward_backward's transitions, start and end weights: the CRF's (none at start and end),
        # then the network's in the CRF's label order
        self._fb_weights: tuple[Any, Any, Any] | None = None
        self._bio_trans: Any = None

    def set_network(self, network: BiLstmTagger | None, crf_weight: float) -> None:
        """Average the CRF's marginals (weight `crf_weight`) with `network`'s (the rest)."""
        import numpy as np

        self.network = network
        self.crf_weight = crf_weight
        if network is None:
            return
        labels = self._crf.labels
        if sorted(network.labels) != sorted(labels):
            raise ValueError("the network's labels are not the CRF's")
        perm = np.array([network.labels.index(lab) for lab in labels], dtype=np.intp)
        zero = np.zeros(len(labels))
        self._net_perm = perm
        self._fb_weights = (
            np.stack([self._crf.trans, network.trans[np.ix_(perm, perm)]]),
            np.stack([zero, network.start[perm]]),
            np.stack([zero, network.end[perm]]),
        )
        self._bio_trans = bio_transitions(labels)

    def names_spelled(self, text: str) -> Callable[[str], str] | None:
        """The standard spelling of a name in an article that writes ى for ي or ه for ة, as the
        tagger reads its words (`Spelling.names_spelled`)."""
        return self.spelling.names_spelled(text)

    def is_known_name(self, form: str, label: str) -> bool:
        """`form` is in the model's name lists as a `label` name (not merely a word of a longer one),
        or is an organization or place name of several words that starts with a word that heads
        such names (جامعة الدول العربية, وزارة الخارجية, مدينة حلب), so that the preposition of
        `لجامعة الدول العربية` is cut off the name. Also: a person of several words whose first
        word is a listed name (يوليا سكريبال of ويوليا سكريبال), a name of Qari's own lists
        (رويترز of لرويترز, الحوثيين of للحوثيين), and a one-word place that is a word of a listed
        place, known to the word clusters, and no such word with a proclitic (بريطانيا of
        ببريطانيا; not ولبنان, whose و grouping then cuts off)."""
        lex = self.extractor.lex
        if _listed_as(lex, form, label):
            return True
        first, _, rest = form.partition(" ")
        if label == "PERS" and rest and _listed_as(lex, first, "PERS"):
            return True  # يوليا سكريبال (of ويوليا سكريبال): a person whose first word is a listed name
        if form in _well_known_forms().get(label, ()):
            return True  # رويترز of لرويترز, الحوثيين of للحوثيين: Qari's own lists
        if label == "LOC" and not rest and _place_word(lex, form) and lex.get(form)[0]:
            # بريطانيا of ببريطانيا, a word of a listed place (المملكة المتحدة) that the word
            # clusters know (not ايرن of بايرن); not a word that is one with a proclitic (ولبنان),
            # whose proclitic grouping then cuts off
            return not any(_place_word(lex, stem) for stem in strip_proclitics(form))
        head = TRIGGERS.get(first) or (TRIGGERS.get(first[2:]) if first.startswith("ال") else None)
        return bool(rest) and head == _HEADS.get(label, "")  # الوكالة الدولية of للوكالة الدولية too

    @classmethod
    def load(cls, path: Path | str | None = None, *, network: bool = True) -> BundledRecognizer:
        """Load the model folder `path` (default: the bundled `resources/models`); with `network`
        (default), its BiLSTM-CRF too when it has one.

        Raises `ModelError` saying how to rebuild it when a file is missing, altered or unreadable.
        """
        folder = Path(path) if path is not None else default_model_dir()
        meta_path = folder / META
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError as err:
            raise ModelError(
                f"The named-entity model is missing ({meta_path} not found); rebuild it with `{REBUILD}`."
            ) from err
        except (OSError, ValueError) as err:
            raise ModelError(
                f"The named-entity model file {meta_path} is corrupt; rebuild it with `{REBUILD}`."
            ) from err
        if (
            not isinstance(meta, dict)
            or meta.get("format") != MODEL_FORMAT
            or not isinstance(meta.get("sha256"), dict)
        ):
            raise ModelError(
                f"The named-entity model in {folder} has an unknown format; rebuild it with `{REBUILD}`."
            )
        net_meta = meta.get("network") if network else None
        for name in RUNTIME_FILES:
            _verify(folder, name, meta)
        if net_meta is not None:
            _verify(folder, NEURAL_FILE, meta)
        try:
            crf = CrfTagger.load(folder / WEIGHTS_FILE, meta["labels"])
            lexicon = SqliteLexicon(folder / LEXICON_FILE)
            ids = crf.attribute_rows
            net = BiLstmTagger.load(folder / NEURAL_FILE) if net_meta is not None else None
            crf_weight = float(net_meta["crf_weight"]) if net_meta is not None else 1.0
        except (KeyError, TypeError, ValueError, OSError, sqlite3.Error) as err:
            raise ModelError(
                f"The named-entity model in {folder} is corrupt; rebuild it with `{REBUILD}`."
            ) from err
        extractor = FeatureExtractor(lexicon, doc_cues=bool(meta.get("doc_cues", True)), ids=ids)
        rec = cls(crf, extractor, meta, folder)
        try:
            rec.set_network(net, crf_weight)
        except ValueError as err:
            raise ModelError(
                f"The named-entity model in {folder} is corrupt ({err}); rebuild it with `{REBUILD}`."
            ) from err
        return rec

    def recognize_tokens(self, sentences: Sequence[Sequence[Token]]) -> list[EntitySpan]:
        # `Recognizer.recognize_tokens`, with the faster `chunks`; `tag_sentences` gives valid BIO
        tags = self.tag_sentences([[t.text for t in s] for s in sentences])
        spans: list[EntitySpan] = []
        for sent, sent_tags in zip(sentences, tags, strict=True):
            for first, last, kind in chunks(sent_tags):
                if kind not in self.types:
                    continue
                spans.append(EntitySpan(sent[first].start, sent[last - 1].end, kind, 1.0, ""))
        return spans

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return self._read(sentences, self._tag_read)

    def _read(
        self, sentences: Sequence[Sequence[str]], tag: Callable[[Sequence[Sequence[str]]], list[list[str]]]
    ) -> list[list[str]]:
        """`tag` (a tagger of one document) of `sentences` read as Qari's tokenizer and the news write
        them (`app.ner.retokenize`, `app.ner.spelling`), its tags given back to their tokens."""
        return tag_as_qari_tokens(sentences, lambda sents, text: tag(self.spelling.sentences(sents, text)))

    def _tag_read(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """`tag_sentences` of sentences as `_read` reads them."""
        titles = [_ayatollahs(s) if GOD in s else [] for s in sentences]
        if not any(titles) and not any(JOINER in s or HASH in s or _inner_dot(s) for s in sentences):
            return self._tag(sentences)
        hashes = [hashtag_marks(s) if HASH in s else [] for s in sentences]
        tags = tag_around_joiners(sentences, self._tag, hashes)
        if any(titles):  # and once more without each آية الله, for the names the title hid:
            # the sentences that have one, as a document of their own (the whole article again
            # took 1.7 times as long)
            at = [i for i, title in enumerate(titles) if title]
            without = tag_around_joiners(
                [sentences[i] for i in at],
                self._tag,
                [hashes[i] for i in at],
                [titles[i] for i in at],
            )
            for i, w in zip(at, without, strict=True):
                name_after_ayatollah(tags[i], w, titles[i])
        return tags

    def _tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        infos = self.extractor.infos(sentences)
        if self.network is None:
            gms, cues = self.extractor.context(infos)
            tags = [repair_bio(t) for t in self._crf.tag_document(self.extractor, infos, gms, cues)]
        else:
            tags = self._tag_with_network(infos, sentences)
        return self._finish(sentences, tags, self.extractor, infos)

    def _finish(
        self,
        sentences: Sequence[Sequence[str]],
        tags: list[list[str]],
        extractor: FeatureExtractor,
        infos: list[list[TypeInfo]],
    ) -> list[list[str]]:
        """The tagger's labels, names joined by و split (before propagation only: its keys are
        the split names), one-word non-names and the words that only end a name dropped
        before propagation (so they spread to no other mention) and after it (a surname such as
        علي of محمد علي spreads to على, المصري of سما المصري to النجم المصري)."""
        drop_latin_prose(sentences, tags)
        self.clean(sentences, tags, infos, extractor.lex, split=True)
        if self.propagate:
            cleaned = tags
            tags = propagate(
                sentences,
                tags,
                extractor,
                self.propagate_single,
                self.propagate_unify,
                infos,
                self.unpropagated_words,
                self.rare_name_words,
            )
            # the rules again where propagation changed something: the other sentences are as the
            # rules left them (the rare-word rule still reads the whole document's long names)
            changed = [i for i, (a, b) in enumerate(zip(cleaned, tags, strict=True)) if a != b]
            if changed:
                self.clean(sentences, tags, infos, extractor.lex, split=False, only=changed)
        # after propagation, which would give a club's name to the common word elsewhere
        clubs_in_match_reports(sentences, infos, tags, extractor.lex, self._common_words)
        trim_name_tails(infos, tags, extractor.lex)
        latin_glosses(sentences, tags)
        return tags

    def clean(
        self,
        sentences: Sequence[Sequence[str]],
        tags: list[list[str]],
        infos: Sequence[Sequence[TypeInfo]],
        lex: Lexicon,
        split: bool,
        only: Sequence[int] | None = None,
    ) -> None:
        """The rules `_finish` applies (in place) before propagation (`split`: with the split of
        names joined by و) and after it; with `only`, the sentences at those positions (the
        rare-word rule reads all of them for the long names of the document)."""
        all_sentences, all_infos, all_tags = sentences, infos, tags
        if only is not None:
            sentences = [sentences[i] for i in only]
            infos = [infos[i] for i in only]
            tags = [tags[i] for i in only]  # the same lists: the rules change them in place
        if split:
            split_coordinated(infos, tags, lex)
            hits = trigger_hits(infos)
            name_after_title(sentences, infos, tags, lex, self._common_words, hits)
            clubs_after_sports_words(sentences, infos, tags, lex, self._common_words, hits)
            clubs_made_persons(infos, tags, lex)
            heads_with_their_names(infos, tags, hits)
            parties_by_their_names(infos, tags, hits)
            banks_by_their_adjectives(infos, tags, hits)
            names_after_media_heads(infos, tags, lex, hits)
            coordinated_countries(infos, tags, lex)
            countries_with_their_first_word(infos, tags, lex)
            coordinated_places(sentences, infos, tags, lex, self._common_words, self.rare_name_words)
            clubs_by_their_country(infos, tags, lex)
            capitals_after_their_country(sentences, infos, tags, lex, self._common_words, hits)
            groups_after_militia_words(infos, tags, hits)
            papers_after_paper_words(sentences, infos, tags, self._common_words, hits)
            quoted_middle_east(sentences, tags)
            known_names(infos, tags, lex, hits)
            organizations_grown_to_listed_names(infos, tags)
        drop_formulae(sentences, tags)
        cut_at_counterparts(infos, tags)
        drop_pronouns(sentences, tags)
        trim_person_openers(sentences, infos, tags, lex)
        drop_after_relatives(sentences, tags)
        drop_his_club(sentences, tags)
        products_are_misc(infos, tags)
        canals_are_places(infos, tags)
        drop_place_heads(infos, tags, lex)
        drop_crown_prince(sentences, tags)
        drop_tanween(sentences, tags)
        if self.non_name_words:
            drop_one_word_persons(sentences, tags, self.non_name_words)
        drop_rare_names(all_sentences, all_infos, all_tags, self.rare_name_words, lex)
        drop_rare_places(sentences, infos, tags, self.rare_name_words, lex)
        join_names(sentences, infos, tags, lex)
        hyphenated_syllables(sentences, tags, self._common_words)
        drop_adjective_tails(sentences, infos, tags, lex, self._common_words, self.rare_name_words)
        tidy_names(infos, tags, lex)

    def _tag_with_network(
        self, infos: list[list[TypeInfo]], sentences: Sequence[Sequence[str]] | None = None
    ) -> list[list[str]]:
        """Labels from the CRF's and the network's marginals averaged (the network's alone at CRF
        weight 0), decoded as valid BIO; with the `sentences`, `SURNAME_BIAS` added where
        `surname_slots` allows."""
        import numpy as np

        assert self.network is not None and self._fb_weights is not None
        extractor = self.extractor
        gms, raw_cues = extractor.context(infos, filtered=False)
        crf = self._crf
        lens = np.array([len(s) for s in infos if s], dtype=np.intp)
        if not len(lens):
            return [[] for _ in infos]
        net_scores = self.network.scores(infos, gms, raw_cues)[:, self._net_perm]
        if self.crf_weight > 0.0:
            scores, _ = crf.score_document(extractor, infos, gms, extractor.filter_cues(raw_cues))
            # both CRFs' marginals in one pass
            p_crf, p_net = forward_backward(np.stack([scores, net_scores]), lens, *self._fb_weights)
            logp = np.log(self.crf_weight * p_crf + (1.0 - self.crf_weight) * p_net + 1e-9)
        else:  # the network alone: the CRF's scores are not needed
            trans, start, end = (w[1:] for w in self._fb_weights)
            (p_net,) = forward_backward(net_scores[None], lens, trans, start, end)
            logp = np.log(p_net + 1e-9)
        starts = np.zeros(len(lens), dtype=np.intp)
        np.cumsum(lens[:-1], out=starts[1:])
        trans, first = self._bio_trans
        logp[starts] += first
        if sentences is not None and SURNAME_BIAS:
            if len(self._surname_flags) > 200_000:  # a bound on what a long session keeps
                self._surname_flags.clear()
            slots = surname_slots(
                sentences,
                infos,
                self.extractor.lex,
                self._common_words,
                self.rare_name_words,
                self._surname_flags,
            )
            if slots:
                logp[np.array(slots, dtype=np.intp), self._crf.labels.index("I-PERS")] += SURNAME_BIAS
        return crf.best_labels(infos, logp, lens, trans)

    # -- the reference path: crfsuite's tagger over the plain feature lists --------------------------
    def reference_tagger(self) -> Any:
        """crfsuite's tagger of this model (opened on first use; for tests and comparisons)."""
        if self._reference is None:
            import pycrfsuite

            _verify(self.folder, CRF_FILE, self.meta)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.folder / CRF_FILE))
            self._reference = tagger
        return self._reference

    def reference_tags(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """`tag_sentences` of the CRF alone (no network), done by crfsuite's tagger over
        `FeatureExtractor.document` (slow, exact), of the sentences as `_read` reads them."""
        return self._read(sentences, self._reference_read)

    def _reference_read(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        ex = FeatureExtractor(
            self.extractor.lex, doc_cues=self.extractor.doc_cues, known=self.extractor.known
        )
        infos = ex.infos(sentences)
        tagger = self.reference_tagger()
        tags = [repair_bio(tagger.tag(f)) if f else [] for f in ex.document(sentences, infos)]
        return self._finish(sentences, tags, ex, infos)
