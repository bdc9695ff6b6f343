"""Words that end a tagged name without being part of it are dropped: weekdays, and a country's
adjective made a one-word person (النجم المصري, للرئيس الروسي).

Found in recent news (pool paragraphs of the unlabeled corpus): the network ran names on into the
date after them (علي سلمان الخميس), and propagation turned every المصري of an article that names
سما المصري into a person.
"""

from __future__ import annotations

import pytest

from app.ner import bundled
from app.ner.bundled import (
    BundledRecognizer,
    country_adjective,
    drop_formulae,
    join_names,
    split_coordinated,
    tidy_names,
)
from app.ner.features import FeatureExtractor, Gazetteer, MemoryLexicon


def _lexicon() -> MemoryLexicon:
    gaz = Gazetteer()
    for name in ("مصر", "روسيا", "إيطاليا", "السويد", "اليمن"):
        gaz.add(name, "LOC_country")
    gaz.add("الأمريكية", "LOC_country_tok")  # a word of الولايات المتحدة الأمريكية
    gaz.add("السعودية", "LOC_country_tok")  # of المملكة العربية السعودية
    gaz.add("بغداد", "LOC_city")
    for name in ("بلير", "ماني", "وليد"):
        gaz.add(name, "PERS_part")
    gaz.add("مانشستر", "LOC_city")
    return MemoryLexicon(gazetteer=gaz)


def _tidied(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    lex = _lexicon()
    infos = FeatureExtractor(lex).infos(sentences)
    out = [list(t) for t in tags]
    tidy_names(infos, out, lex)
    return out


def test_country_adjectives_come_from_the_country_names() -> None:
    lex = _lexicon()
    for word in ("المصري", "الروسي", "الإيطالي", "السويدي", "الأمريكي", "والروسي"):
        assert country_adjective(word.replace("أ", "ا").replace("إ", "ا"), lex), word
    # a city's adjective is a common surname (البغدادي); indefinite adjectives are given names too
    for word in ("البغدادي", "مصري", "روسي", "المصريين", "الكاظمي"):
        assert not country_adjective(word, lex), word


def test_a_country_adjective_after_a_definite_word_is_no_person() -> None:
    sentences = [
        ["قال", "النجم", "المصري", "محمد", "صلاح"],
        ["أكد", "للرئيس", "الروسي", "أمس"],
        ["وصرح", "الرئيس", "الأمريكي"],
        ["لصندوق", "النقد", "الدولي"],  # "international", not a country's adjective
        ["وقال", "المصري", "إن"],  # alone after a verb: the surname, kept
        ["الفنانة", "سما", "المصري"],  # part of a longer name: kept
        ["الحارس", "البغدادي"],  # a city's adjective: kept
        ["النجم", "المصري"],  # not tagged as a person: nothing to do
    ]
    tags = [
        ["O", "O", "B-PERS", "B-PERS", "I-PERS"],
        ["O", "O", "B-PERS", "O"],
        ["O", "O", "B-PERS"],
        ["O", "O", "B-PERS"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-PERS"],
        ["O", "B-LOC"],
    ]
    want = [
        ["O", "O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "O"],
        ["O", "O", "O"],
        *tags[4:],
    ]
    assert _tidied(sentences, tags) == want


def test_a_weekday_never_ends_a_name() -> None:
    sentences = [
        ["قال", "علي", "سلمان", "الخميس"],
        ["أعلنت", "المنظمة", "الدولية", "الثلاثاء"],
        ["وفي", "الجمعة"],
        ["وصل", "الاثنين", "محمد"],
        ["الخميس", "الماضي"],
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-ORG", "I-ORG", "I-ORG"],
        ["O", "B-PERS"],
        ["O", "O", "B-PERS"],
        ["O", "O"],
    ]
    want = [
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "B-ORG", "I-ORG", "O"],
        ["O", "O"],
        ["O", "O", "B-PERS"],
        ["O", "O"],
    ]
    assert _tidied(sentences, tags) == want


def test_night_before_a_weekday_is_no_place() -> None:
    sentences = [
        ["متأخر", "من", "ليل", "الأحد", "بعدما"],
        ["وفي", "ليل", "السادس", "والسابع"],
        ["في", "مدينة", "ليل", "الفرنسية"],  # Lille
    ]
    tags = [["O", "O", "B-LOC", "O", "O"], ["O", "B-LOC", "O", "O"], ["O", "O", "B-LOC", "O"]]
    assert _tidied(sentences, tags) == [["O"] * 5, ["O"] * 4, tags[2]]


def test_names_joined_by_waw_are_split_where_the_rest_is_a_listed_name() -> None:
    lex = _lexicon()
    sentences = [
        ["التقى", "بوش", "وبلير", "أمس"],
        ["فاز", "ليفربول", "ومانشستر", "سيتي"],
        ["قال", "صلاح", "وماني"],
        ["قال", "أحمد", "وليد"],  # وليد is a name of its own
        ["منظمة", "هيومن", "رايتس", "ووتش"],  # وتش is no listed name
        ["و", "بلير"],
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-ORG", "I-ORG", "I-ORG"],
        ["O", "B-PERS"],
    ]
    out = [list(t) for t in tags]
    split_coordinated(FeatureExtractor(lex).infos(sentences), out, lex)
    assert out == [
        ["O", "B-PERS", "B-PERS", "O"],
        ["O", "B-ORG", "B-ORG", "I-ORG"],
        ["O", "B-PERS", "B-PERS"],
        *tags[3:],
    ]


def test_an_ordinal_ends_a_name_but_is_none_alone() -> None:
    sentences = [["الملك", "عبد", "الله", "الثاني"], ["وفي", "الشوط", "الثاني"], ["الهدف", "الأول"]]
    tags = [["O", "B-PERS", "I-PERS", "I-PERS"], ["O", "O", "B-PERS"], ["O", "B-PERS"]]
    assert _tidied(sentences, tags) == [tags[0], ["O", "O", "O"], ["O", "O"]]


def test_a_title_is_no_person_alone() -> None:
    sentences = [
        ["وأوضح", "معالي", "وزير", "العدل"],
        ["العيبان", "ومعالي", "وزير", "الخارجية"],
        ["واختتم", "الشيخ", "العريفي"],
        ["وقدم", "شكره", "للشيخ", "عبدالرحمن"],
        ["وتحدث", "الوالي", "عن", "اللجنة"],
        ["كما", "بعث", "خادم", "الحرمين"],
        ["وقال", "البابا", "إن"],  # the Pope: a person alone in ANERcorp, kept
        ["وقال", "أبو", "مازن"],  # a name that starts with a title-like word, kept
        ["استقبل", "الشيخ", "حمد"],  # a title before a name: left out of it, as in ANERcorp
        ["أنه", "سيكون", "سفيرا", "لدعم"],  # "he will be an ambassador", the accusative with ا
    ]
    tags = [
        ["O", "B-PERS", "O", "O"],
        ["B-PERS", "B-PERS", "O", "O"],
        ["O", "B-PERS", "B-PERS"],
        ["O", "O", "B-PERS", "B-PERS"],
        ["O", "B-PERS", "O", "O"],
        ["O", "O", "B-PERS", "O"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "O", "B-PERS", "O"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "O", "O"],
        ["B-PERS", "O", "O", "O"],
        ["O", "O", "B-PERS"],
        ["O", "O", "O", "B-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "O", "O"],
        tags[6],
        tags[7],
        ["O", "O", "B-PERS"],
        ["O", "O", "O", "O"],
    ]


def test_a_title_is_no_place_alone() -> None:
    # a model that never saw the emperor tagged الإمبراطور a place in 11 of its 27 mentions in the
    # middle 10% of train (a travel story on China), a person in 7 more
    sentences = [
        ["وكان", "الإمبراطور", "شاو", "بنج"],
        ["وينتصر", "للإمبراطور", "ثم", "يبتسم"],
        ["عند", "وصولها", "وكيل", "إمارة", "منطقة", "الجوف"],
        ["بمدينة", "الشيخ", "زويد"],  # a place that starts with a title, kept
    ]
    tags = [
        ["O", "B-LOC", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "O", "O"],
        ["O", "O", "B-LOC", "O", "O", "B-LOC"],
        ["O", "B-LOC", "I-LOC"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "O", "O", "O", "B-LOC"],
        tags[3],
    ]


def test_a_person_of_titles_and_honorifics_only_is_no_name() -> None:
    sentences = [
        ["تحيات", "خادم", "الحرمين", "الشريفين", "الملك", "سلمان"],
        ["التعازي", "لخادم", "الحرمين", "الشريفين"],
        ["بلاد", "الحرمين", "الشريفين"],
        ["صاحب", "السمو", "الملكي", "الأمير", "محمد"],
        ["الشهيد", "العريف", "أول", "جمعة", "الحمادي"],
        ["كان", "أول", "ظهور"],
        ["إدلاء", "باول", "بشهادته"],  # Powell: ب + أول to the stemmer, kept
        ["الفريق", "أول", "ركن", "عبدالرحمن", "البنيان"],
        ["وأكد", "وكيل", "وزارة", "الخارجية"],
        ["وقال", "الأمير", "محمد", "بن", "نايف"],  # a title before a longer name: left out of it
        ["المستشار", "بالديوان", "الملكي", "المشرف"],  # "the adviser at the Royal Court"
        ["وأوضح", "رئيس", "ديوان", "المظالم"],
        ["الرئيس", "التركي", "ونظيره", "الروسي", "فلاديمير"],  # "and his Russian counterpart"
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "O", "O", "B-PERS"],
        ["O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "O"],
        ["O", "O", "B-PERS", "O", "B-PERS"],
        ["O", "B-PERS", "I-PERS", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "O", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "O", "B-PERS", "O"],
        ["O", "O", "B-PERS", "I-PERS", "B-PERS"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "O", "O", "O", "B-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "O"],
        ["O", "O", "O", "O", "B-PERS"],
        ["O", "O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "O"],
        ["O", "B-PERS", "O"],
        ["O", "O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "O", "O"],
        ["O", "O", "O", "O", "B-PERS"],
    ]


def test_a_definite_title_before_a_name_is_left_out_of_it() -> None:
    sentences = [
        ["والدكتور", "عبد", "الجليل", "التميمي"],
        ["بالجنرال", "قاسم", "سليماني", "قائد"],
        ["الشهيد", "الرقيب", "أول", "سيف", "الفلاسي"],  # and the honorific after the rank
        ["وقال", "الميجر", "جنرال", "يواف", "مودخاي"],
        ["وقال", "اللورد", "هلشام", "إن"],
        # a title word without ال is also a given name: معالي زايد (an actress), خادم ندياي
        ["الفنانة", "معالي", "زايد"],
        ["الحارس", "خادم", "ندياي"],
    ]
    tags = [
        ["B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "B-PERS", "O"],
        tags[5],
        tags[6],
    ]


def test_a_description_or_a_country_adjective_before_a_name_is_left_out_of_it() -> None:
    sentences = [
        ["الصحابي", "الجليل", "سعد", "بن", "أبي", "وقاص"],
        ["وزير", "النقل", "اليمني", "بدر", "باسلمة"],
        ["والسويدي", "نبيل", "بهوي"],
        ["الظهير", "الأيمن", "كايل", "والكر"],
        ["وأشار", "الشيف", "الشاب", "بأنه"],  # a title and a description: no name left
        ["يقول", "الرسام", "إن"],  # a description alone
        # an adjective after the name is for other rules; a city's adjective may be a given name
        ["قال", "البغدادي", "المحمودي"],
        ["قال", "أيمن", "الظواهري"],  # أيمن without ال is the name Ayman, not "right"
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["O", "O", "B-PERS", "I-PERS", "I-PERS"],
        ["B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["O", "O", "O", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS"],
        ["O", "O", "B-PERS", "I-PERS"],
        ["O", "O", "O", "O"],
        ["O", "O", "O"],
        tags[6],
        tags[7],
    ]


def test_departure_before_a_name_is_left_out_of_it() -> None:
    sentences = [
        ["بعد", "رحيل", "زيدان"],
        ["لتعويض", "رحيل", "كريستيانو", "رونالدو", "إلى"],
        ["أسفه", "لرحيل", "أوزيل", "عن"],
        ["يعلن", "رحيل", "أسطورته"],  # "departure" alone is no person
        ["اللواء", "سعد", "بن", "رحيل", "السويدي"],  # inside a name it stays
    ]
    tags = [
        ["O", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "B-PERS"],
        ["O", "O", "B-PERS", "I-PERS", "O"],
        ["O", "O", "B-PERS", "O"],
        ["O", "O", "O"],
        tags[4],
    ]


def test_the_word_after_month_is_no_name() -> None:
    sentences = [
        ["طيلة", "شهر", "رمضان", "،"],
        ["مقارنة", "بشهر", "يونيو", "الذي"],
        ["خلال", "هذا", "الشهر", "والكويت"],  # "the month" may be followed by anything
        ["قال", "رمضان", "إن"],  # a man's name elsewhere
    ]
    tags = [
        ["O", "O", "B-PERS", "O"],
        ["O", "O", "B-MISC", "O"],
        ["O", "O", "O", "B-LOC"],
        ["O", "B-PERS", "O"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "O", "O"],
        ["O", "O", "O", "O"],
        tags[2],
        tags[3],
    ]


def test_a_person_named_press_is_the_news_agency() -> None:
    sentences = [
        ["حسب", "فرانس", "برس", "."],
        ["وقال", "محمد", "عباس", "لفرانس", "برس"],  # a name run on into the agency
        ["وقال", "فرانس", "برس"],  # already an organization: kept
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ["O", "B-ORG", "I-ORG"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "B-ORG", "I-ORG", "O"],
        ["O", "B-PERS", "I-PERS", "B-ORG", "I-ORG"],
        ["O", "B-ORG", "I-ORG"],
    ]


def test_a_person_of_letter_names_is_an_acronym() -> None:
    sentences = [
        ["وتأكدت", "بي", "بي", "سي", "من"],
        ["وقال", "لبي", "بي", "سي", ":"],  # the first letter carries the preposition
        ["وقال", "سي", "كي", "شو"],  # initials before a name: kept
        ["وقال", "بي"],  # one letter: kept
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "O", "B-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS"],
    ]


def test_an_organization_head_is_no_organization_alone() -> None:
    sentences = [
        ["التي", "تحظره", "منظمة", "حظر", "الأسلحة"],  # only the head of a long name tagged
        ["التابعة", "لمنظمة", "أطباء", "بلا", "حدود"],
        ["وهي", "منظمة", "إنسانية"],  # a head used as a noun
        ["الهلال", "والاتحاد", "والنصر"],  # the club: lost too, as ANERcorp never tags it alone
        ["وافق", "الكونغرس", "على"],  # Congress is a name on its own: kept
        ["منظمة", "الصحة", "العالمية"],  # the head inside the name: kept
        ["في", "سجون", "الميليشيا", "الحوثية"],  # "militia", a common noun
        ["مقتل", "عناصر", "ميليشيا", "الحوثي"],  # the whole name: kept
    ]
    tags = [
        ["O", "O", "B-ORG", "O", "O"],
        ["O", "B-ORG", "B-ORG", "I-ORG", "I-ORG"],
        ["O", "B-ORG", "O"],
        ["B-ORG", "B-ORG", "B-ORG"],
        ["O", "B-ORG", "O"],
        ["B-ORG", "I-ORG", "I-ORG"],
        ["O", "O", "B-ORG", "O"],
        ["O", "O", "B-ORG", "I-ORG"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "O", "O", "O"],
        ["O", "O", "B-ORG", "I-ORG", "I-ORG"],
        ["O", "O", "O"],
        ["B-ORG", "O", "B-ORG"],
        ["O", "B-ORG", "O"],
        ["B-ORG", "I-ORG", "I-ORG"],
        ["O", "O", "O", "O"],
        ["O", "O", "B-ORG", "I-ORG"],
    ]


def test_a_countrys_feminine_adjective_after_a_definite_noun_is_no_place() -> None:
    sentences = [
        ["أعلنت", "الحكومة", "السعودية", "أمس"],
        ["وقال", "للقنصلية", "الروسية"],
        ["وصل", "إلى", "السعودية"],  # إلى is الى once normalized: the country, kept
        ["في", "المملكة", "العربية", "السعودية"],  # the end of the country's full name: kept
        ["زار", "السعودية", "أمس"],
    ]
    tags = [
        ["O", "O", "B-LOC", "O"],
        ["O", "O", "B-LOC"],
        ["O", "O", "B-LOC"],
        ["O", "O", "O", "B-LOC"],
        ["O", "B-LOC", "O"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "O", "O"],
        ["O", "O", "O"],
        ["O", "O", "B-LOC"],
        ["O", "O", "O", "B-LOC"],
        ["O", "B-LOC", "O"],
    ]


def test_a_month_beside_another_month_is_a_date() -> None:
    sentences = [
        ["في", "إبريل", "نيسان", "الماضي"],  # April, in both calendars
        ["في", "6", "أبريل", "/", "نيسان", "."],
        ["تموز", "/", "يوليو", "2018"],
        ["أعلنت", "نيسان", "عن", "سيارة"],  # Nissan: kept
    ]
    tags = [
        ["O", "O", "B-ORG", "O"],
        ["O", "O", "O", "O", "B-ORG", "O"],
        ["B-PERS", "O", "O", "O"],
        ["O", "B-ORG", "O", "O"],
    ]
    assert _tidied(sentences, tags) == [
        ["O", "O", "O", "O"],
        ["O", "O", "O", "O", "O", "O"],
        ["O", "O", "O", "O"],
        ["O", "B-ORG", "O", "O"],
    ]


def test_a_country_adjective_after_a_definite_word_is_no_organization() -> None:
    sentences = [
        ["ولعب", "المنتخب", "المصري", "أمس"],  # the national team's adjective
        ["وقال", "المصري", "إن"],  # alone after a verb: kept
    ]
    tags = [["O", "O", "B-ORG", "O"], ["O", "B-ORG", "O"]]
    assert _tidied(sentences, tags) == [["O", "O", "O", "O"], ["O", "B-ORG", "O"]]


def test_a_currency_is_no_one_word_name() -> None:
    sentences = [["في", "منطقة", "اليورو", "."], ["أسرة", "يوان", "الحاكمة"]]  # Yuan: kept
    tags = [["O", "O", "B-LOC", "O"], ["O", "B-PERS", "O"]]
    assert _tidied(sentences, tags) == [["O", "O", "O", "O"], ["O", "B-PERS", "O"]]


def test_mali_after_an_indefinite_noun_is_the_adjective_financial() -> None:
    sentences = [
        ["وحجز", "مبلغ", "مالي", "قدره", "ألف", "دينار"],
        ["تتعلق", "بفساد", "مالي"],  # the noun with a proclitic
        ["ودعم", "مالي", "متواصل"],
        ["في", "شمال", "مالي"],  # after a place preposition: the country
        ["وعقب", "مناشدة", "من", "حكومة", "مالي"],  # construct state in ة: the adjective would be مالية
        ["مباراة", "بين", "مالي", "والنيجر"],
        ["السنغال", "ومالي"],
        ["رئيس", "مالي"],  # after a title
        ["مالي", "تفوز"],
    ]
    tags = [
        ["O", "O", "B-LOC", "O", "O", "O"],
        ["O", "O", "B-LOC"],
        ["O", "B-LOC", "O"],
        ["O", "O", "B-LOC"],
        ["O", "O", "O", "O", "B-LOC"],
        ["O", "O", "B-LOC", "B-LOC"],
        ["B-LOC", "B-LOC"],
        ["O", "B-LOC"],
        ["B-LOC", "O"],
    ]
    out = _tidied(sentences, tags)
    assert out[:3] == [["O"] * 6, ["O"] * 3, ["O"] * 3]
    assert out[3:] == tags[3:]


def test_a_blessing_after_a_name_is_no_part_of_it() -> None:
    sentences = [
        ["الملك", "فيصل", "-", "رحمه", "الله", "-", "أمر"],
        ["الأمير", "سعود", "الفيصل", "رحمه", "الله", "."],
        ["الملك", "سلمان", "حفظه", "الله", "ورعاه"],
        ["الأمير", "نايف", "رحمه", "الله", "محمد", "يقول"],  # a name after the blessing
        ["وقال", "رحمة", "الله", "خان"],  # the name رحمة الله, written with ة: kept
    ]
    tags = [
        ["O", "B-PERS", "O", "B-PERS", "I-PERS", "O", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS"],
    ]
    out = [list(t) for t in tags]
    drop_formulae(sentences, out)
    assert out == [
        ["O", "B-PERS", "O", "O", "O", "O", "O"],
        ["O", "B-PERS", "I-PERS", "O", "O", "O"],
        ["O", "B-PERS", "O", "O", "O"],
        ["O", "B-PERS", "O", "O", "B-PERS", "O"],
        tags[4],
    ]


def _joined(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    infos = FeatureExtractor(_lexicon()).infos(sentences)
    out = [list(t) for t in tags]
    join_names(sentences, infos, out, _lexicon())
    return out


def test_a_name_cut_short_is_joined_to_what_completes_it() -> None:
    sentences = [
        ["وأصدر", "تركي", "آل", "الشيخ", "قرارا"],  # آل ends no name
        ["نشر", "سحيم", "آل", "ثاني", "تغريدة"],  # its family tagged as a name of its own
        ["وقال", "كيم", "جونغ", "إل", "وأجبرها"],  # إل (Il) is no آل
        ["في", "سان", "بطرسبرغ", "،"],
        ["في", "لوس", "أنجلس", "القهوة"],
        ["تتخذ", "سلطنة", "عُمان", "حالة"],
        ["روسيا", "البرازيل"],  # two places side by side: kept apart
        ["في", "ريف", "حلب", "الشمالي"],
        ["في", "الريف", "المغربي"],  # the Rif, no place after it: kept
        ["طلاب", "جامعة", "الملك", "سعود", "في"],
        ["من", "جامعة", "الملك", "محمد", "علي", "كلاي"],  # a name of three words: kept apart
        ["وقالت", "لبي", "بي", "سي", "إن"],  # "to the BBC": the first letter carries the preposition
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "O", "O"],
        ["O", "B-PERS", "I-PERS", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-LOC", "B-LOC", "O"],
        ["O", "B-LOC", "B-LOC", "O"],
        ["O", "B-LOC", "B-LOC", "O"],
        ["B-LOC", "B-LOC"],
        ["O", "B-LOC", "B-LOC", "O"],
        ["O", "B-LOC", "O"],
        ["O", "B-ORG", "I-ORG", "B-PERS", "O"],
        ["O", "B-ORG", "I-ORG", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "O", "B-ORG", "I-ORG", "O"],
    ]
    assert _joined(sentences, tags) == [
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-LOC", "I-LOC", "O"],
        ["O", "B-LOC", "I-LOC", "O"],
        ["O", "B-LOC", "I-LOC", "O"],
        ["B-LOC", "B-LOC"],
        ["O", "O", "B-LOC", "O"],
        ["O", "B-LOC", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "I-ORG", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
    ]


def test_the_shipped_model_joins_a_family_name_and_a_saints_place(monkeypatch: pytest.MonkeyPatch) -> None:
    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    doc = [
        ["وأصدر", "تركي", "آل", "الشيخ", "رئيس", "الهيئة", "العامة", "للرياضة", "قرارا", "."],
        ["وتلعب", "فرنسا", "في", "سان", "بطرسبرغ", "يوم", "الثلاثاء", "."],
    ]
    tags = rec.tag_sentences(doc)
    assert tags[0][1:4] == ["B-PERS", "I-PERS", "I-PERS"]
    assert tags[1][3:5] == ["B-LOC", "I-LOC"]
    # what the rule mends: the network ends the name at آل, and makes Saint a place of its own
    monkeypatch.setattr(bundled, "join_names", lambda *args: None)
    plain = rec.tag_sentences(doc)
    assert plain[0][3] == "O"
    assert plain[1][3:5] == ["B-LOC", "B-LOC"]


def test_the_shipped_model_makes_no_title_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    doc = [["أكد", "القيادي", "بحزب", "النهضة", "عجمي", "الوريمي", "أن", "التحوير", "الوزاري", "ضروري", "."]]
    tags = rec.tag_sentences(doc)[0]
    # the title is no person; the party official named after it is (with his surname since the
    # decoder favours it, `SURNAME_BIAS`)
    assert tags[1] == "O"
    assert tags[4:6] == ["B-PERS", "I-PERS"]
    # what the rule prevents: the network makes the title (the party official) a person (a word it
    # seldom names in the unlabeled news, too)
    monkeypatch.setattr(bundled, "TITLE_WORDS", frozenset())
    # the cached title tests, bypassed so that they read the patched list (and the caches keep
    # the shipped one for the other tests)
    monkeypatch.setattr(bundled, "_is_title", bundled._is_title.__wrapped__)
    monkeypatch.setattr(bundled, "_title_forms", lambda: frozenset())
    monkeypatch.setattr(rec, "rare_name_words", frozenset())
    assert rec.tag_sentences(doc)[0][1] == "B-PERS"


def test_the_shipped_model_keeps_the_surname_and_drops_the_adjective(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    doc = [
        ["وكتبت", "الفنانة", "سما", "المصري", "على", "حسابها", "."],
        ["وشارك", "النجم", "المصري", "محمد", "صلاح", "في", "المباراة", "."],
        ["وقالت", "المصري", "إنها", "سعيدة", "."],
        ["وأكد", "الرئيس", "الروسي", "فلاديمير", "بوتين", "ذلك", "يوم", "الخميس", "."],
        ["واستقبل", "الملك", "عبد", "الله", "الثاني", "الوفد", "."],
        ["وسجل", "صلاح", "الهدف", "الثاني", "."],
    ]
    for propagate in (False, True):
        rec.propagate = propagate
        tags = rec.tag_sentences(doc)
        assert tags[0][2:4] == ["B-PERS", "I-PERS"]
        assert tags[1][2:5] == ["O", "B-PERS", "I-PERS"]
        assert tags[3][2:5] == ["O", "B-PERS", "I-PERS"]
        assert tags[3][7] == "O"
        assert tags[4][2:5] == ["B-PERS", "I-PERS", "I-PERS"]
        assert tags[5][3] == "O"
    assert tags[2][1] == "B-PERS"  # the surname alone after a verb, by propagation
    # what the rule prevents: propagation makes the adjective of النجم المصري the surname
    monkeypatch.setattr(bundled, "tidy_names", lambda *args: None)
    plain = rec.tag_sentences(doc)
    assert plain[1][2] == "B-PERS"
    assert plain[5][3] == "B-PERS"  # and الثاني of the king to الهدف الثاني


def test_a_name_is_not_propagated_to_a_word_that_writes_its_hamza_otherwise() -> None:
    rec = BundledRecognizer.load()
    text = "وقال الفنان عادل إمام إن الفيلم سيعرض أمام الجمهور. ووقف إمام وأمام الكاميرا الممثلون."
    found = {text[s.start : s.end] for s in rec.recognize(text) if s.label == "PERS"}
    assert "إمام" in found  # the surname, alone
    assert not found & {"أمام", "وأمام"}  # "in front of" is not إمام
    from app.ner.bundled import _other_alef

    assert _other_alef("أمام", "امام", {"إ"}) and _other_alef("وأمام", "امام", {"إ"})
    assert not _other_alef("امام", "امام", {"إ"})  # a bare alef may be either
    assert not _other_alef("أمام", "امام", {"إ", ""})  # some mention wrote it bare
    assert not _other_alef("إمام", "امام", {"إ"})


def test_the_syllable_after_a_hyphen_ends_a_korean_given_name_as_a_name_of_its_own() -> None:
    from app.ner.bundled import hyphenated_syllables

    sentences = [
        ["الزعيم", "كيم", "جونغ", "-", "أون", "في"],
        ["الرئيس", "مون", "جيه", "-", "إن", "الشهر"],  # إن "indeed" as a syllable
        ["تصوير", ":", "فهد", "العتيبي", "-", "سبق", "-", "الرياض"],  # a byline
        ["قمة", "ترمب", "-", "كيم"],  # two names of one word each
    ]
    tags = [
        ["O", "B-PERS", "I-PERS", "O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "O", "O", "O"],
        ["O", "O", "B-PERS", "I-PERS", "O", "O", "O", "B-LOC"],
        ["O", "B-PERS", "O", "B-PERS"],
    ]
    out = [list(t) for t in tags]
    hyphenated_syllables(sentences, out, common={"سبق"})
    # as ANERcorp tags كيم جونغ - ايل (B I O I: two names to conlleval)
    assert out == [tags[0], ["O", "B-PERS", "I-PERS", "O", "B-PERS", "O"], tags[2], tags[3]]


def test_a_title_in_the_accusative_ends_no_person() -> None:
    # اختير منصور زعيما "Mansour was chosen as leader": ANERcorp has 51 such words, none in a name
    sentences = [["تعيين", "أختر", "منصور", "زعيما", "جديدا"], ["وعين", "لطفي", "الشيخاوي", "مدربا"]]
    tags = [["O", "B-PERS", "I-PERS", "I-PERS", "O"], ["O", "B-PERS", "I-PERS", "I-PERS"]]
    assert _tidied(sentences, tags) == [["O", "B-PERS", "I-PERS", "O", "O"], ["O", "B-PERS", "I-PERS", "O"]]
