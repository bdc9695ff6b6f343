"""A club after a word of its team is an organization (فريق العربي, لاعب برشلونة): club names are
common words or cities, and the network left them out or made them places."""

from __future__ import annotations

from app.ner.bundled import BundledRecognizer, clubs_after_sports_words, clubs_by_their_country


def _run(words: list[str], tags: list[str]) -> list[str]:
    rec = BundledRecognizer.load()
    infos = rec.extractor.infos([words])
    out = [list(tags)]
    clubs_after_sports_words([words], infos, out, rec.extractor.lex, rec._common_words)
    return out[0]


def test_a_club_after_its_team_player_or_goal_is_an_organization() -> None:
    assert _run(["حقق", "فريق", "العربي", "بداية", "جيدة"], ["O"] * 5)[2] == "B-ORG"
    assert _run(["على", "مرمى", "العربي"], ["O"] * 3)[2] == "B-ORG"
    # a city the network made a place: the club after لاعب (with a proclitic: ولاعب)
    assert _run(["ولاعب", "برشلونة", "السابق"], ["O", "B-LOC", "O"])[1] == "B-ORG"
    # الهلال is also "the crescent", but a club's own name in the lists
    assert _run(["لاعب", "الهلال"], ["O", "O"])[1] == "B-ORG"
    # and after a word of its match
    assert _run(["قيادة", "مباراة", "النصر"], ["O"] * 3)[2] == "B-ORG"
    assert _run(["لمباراة", "الرائد"], ["O"] * 2)[1] == "B-ORG"


def test_not_after_a_definite_head_nor_a_country_nor_a_common_sense() -> None:
    # الفريق الأحمر "the red team": an adjective after a definite head
    assert _run(["عودة", "الفريق", "الأحمر"], ["O"] * 3) == ["O"] * 3
    # a country stays a place; فريق الدفاع is the defence of a trial
    assert _run(["لاعب", "مصر"], ["O", "B-LOC"]) == ["O", "B-LOC"]
    assert _run(["وقد", "رأى", "فريق", "الدفاع"], ["O"] * 4) == ["O"] * 4
    # a word of the team itself, an ordinal
    assert _run(["لاعبي", "الفريق"], ["O", "O"]) == ["O", "O"]
    assert _run(["سجل", "هدفي", "الأول"], ["O"] * 3) == ["O"] * 3
    # a national team is a place (الإمارات is a word of the country's name), and كان "was" no club
    assert _run(["خسارة", "مباراة", "الإمارات"], ["O", "O", "B-LOC"])[2] == "B-LOC"
    assert _run(["في", "مباراة", "كان", "نجمها"], ["O"] * 4) == ["O"] * 4


def _media(words: list[str], tags: list[str]) -> list[str]:
    from app.ner.bundled import names_after_media_heads

    rec = BundledRecognizer.load()
    out = [list(tags)]
    names_after_media_heads(rec.extractor.infos([words]), out, rec.extractor.lex)
    return out[0]


def test_a_place_or_person_after_a_company_or_paper_word_is_an_organization() -> None:
    # the car maker, the paper; a "for ..." word after the name is part of the company's name
    assert _media(["شركتي", "تويوتا", "وجنرال"], ["O", "B-LOC", "O"]) == ["O", "B-ORG", "O"]
    words = ["صحيفة", "الشرق", "الأوسط", "التي"]
    assert _media(words, ["O", "B-LOC", "I-LOC", "O"]) == ["O", "B-ORG", "I-ORG", "O"]
    words = ["بشركة", "مصر", "للطيران"]
    assert _media(words, ["O", "B-LOC", "O"]) == ["O", "B-ORG", "I-ORG"]
    words = ["وشركة", "محمد", "بن", "إبراهيم"]
    assert _media(words, ["O", "B-PERS", "I-PERS", "I-PERS"]) == ["O", "B-ORG", "I-ORG", "I-ORG"]


def test_a_country_a_longer_name_or_a_preposition_after_the_word_stays() -> None:
    assert _media(["شركة", "قطر", "القابضة"], ["O", "B-LOC", "O"]) == ["O", "B-LOC", "O"]
    assert _media(["شركة", "دبي", "العالمية"], ["O", "B-LOC", "O"]) == ["O", "B-LOC", "O"]
    assert _media(["في", "شركة", "بباريس"], ["O", "O", "B-LOC"]) == ["O", "O", "B-LOC"]
    # قناة is also a canal: not one of the words
    assert _media(["قناة", "السويس"], ["O", "B-LOC"]) == ["O", "B-LOC"]


def test_a_country_joined_by_wa_to_a_tagged_place_is_a_place() -> None:
    from app.ner.bundled import coordinated_countries

    rec = BundledRecognizer.load()

    def run(words: list[str], tags: list[str]) -> list[str]:
        out = [list(tags)]
        coordinated_countries(rec.extractor.infos([words]), out, rec.extractor.lex)
        return out[0]

    # after the place, with و; before a place that starts with و
    assert run(["التزمت", "ايران", "وسورية", "الصمت"], ["O", "B-LOC", "O", "O"])[2] == "B-LOC"
    assert run(["على", "سورية", "وايران"], ["O", "O", "B-LOC"])[1] == "B-LOC"
    # not a country, or not joined by و: left as it is
    assert run(["ايران", "وسياسة"], ["B-LOC", "O"]) == ["B-LOC", "O"]
    assert run(["سورية", "ايران"], ["O", "B-LOC"]) == ["O", "B-LOC"]


def test_a_country_of_two_words_the_network_tagged_half_of_is_the_country() -> None:
    from app.ner.bundled import countries_with_their_first_word

    rec = BundledRecognizer.load()

    def run(words: list[str], tags: list[str]) -> list[str]:
        out = [list(tags)]
        countries_with_their_first_word(rec.extractor.infos([words]), out, rec.extractor.lex)
        return out[0]

    # South Sudan is not Sudan, South Africa not Africa; also with a proclitic
    assert run(["رئيس", "جنوب", "السودان", "سلفا"], ["O", "O", "B-LOC", "B-PERS"])[1:3] == ["B-LOC", "I-LOC"]
    assert run(["مونديال", "2010", "بجنوب", "أفريقيا"], ["O", "O", "O", "B-LOC"])[2:] == ["B-LOC", "I-LOC"]
    # جنوب before a place that is no country of two words stays out: جنوب لبنان is the south
    assert run(["في", "جنوب", "لبنان"], ["O", "O", "B-LOC"]) == ["O", "O", "B-LOC"]
    assert run(["في", "جنوب", "السودان"], ["O", "B-ORG", "B-LOC"]) == ["O", "B-ORG", "B-LOC"]


def test_the_name_of_a_paper_after_a_paper_word() -> None:
    from app.ner.bundled import papers_after_paper_words

    rec = BundledRecognizer.load()

    def run(words: list[str], tags: list[str]) -> list[str]:
        out = [list(tags)]
        papers_after_paper_words([words], rec.extractor.infos([words]), out, rec._common_words)
        return out[0]

    # between quotes, whatever the network made of it
    words = ["ونقلت", "صحيفة", "«", "نيويورك", "تايمز", "»", "أن"]
    assert run(words, ["O", "O", "O", "B-LOC", "O", "O", "O"])[3:5] == ["B-ORG", "I-ORG"]
    # one untagged definite word without quotes
    assert run(["رابط", "الخبر", "بصحيفة", "الوئام"], ["O"] * 4)[3] == "B-ORG"
    # not an adjective alone, not a code of law, not the paper itself
    assert run(["صحيفة", '"', "الاقتصادية", '"'], ["O"] * 4) == ["O"] * 4
    assert run(["مجلة", "الأحوال", "الشخصية"], ["O"] * 3) == ["O"] * 3
    assert run(["صحيفة", "يومية"], ["O"] * 2) == ["O"] * 2
    assert run(["الصحيفة", "الوئام"], ["O"] * 2) == ["O"] * 2


def test_the_middle_east_between_quotes_is_the_newspaper() -> None:
    from app.ner.bundled import quoted_middle_east

    def run(words: list[str], tags: list[str]) -> list[str]:
        out = [list(tags)]
        quoted_middle_east([words], out)
        return out[0]

    # the dateline and the interview of Asharq Al-Awsat, whatever the network made of it
    words = ["لندن", ":", "«", "الشرق", "الأوسط", "»", "هددت"]
    assert run(words, ["B-LOC", "O", "O", "B-LOC", "I-LOC", "O", "O"]) == [
        "B-LOC", "O", "O", "B-ORG", "I-ORG", "O", "O",
    ]  # fmt: skip
    assert run(["قال", "لـ", '"', "الشرق", "الاوسط", '"'], ["O"] * 6)[3:5] == ["B-ORG", "I-ORG"]
    # the region: without quotes, or the name itself talked about, or a longer quoted name
    assert run(["في", "الشرق", "الأوسط", "."], ["O", "B-LOC", "I-LOC", "O"]) == ["O", "B-LOC", "I-LOC", "O"]
    words = ["تسمية", '"', "الشرق", "الأوسط", '"', "تنزع"]
    assert run(words, ["O", "O", "B-LOC", "I-LOC", "O", "O"])[2:4] == ["B-LOC", "I-LOC"]
    words = ["مشروع", '"', "الشرق", "الاوسط", "الكبير", '"']
    assert run(words, ["O", "O", "B-LOC", "I-LOC", "O", "O"])[2:4] == ["B-LOC", "I-LOC"]


def test_an_organization_ending_in_ball_goes_on_with_the_game() -> None:
    from app.ner.bundled import join_names

    rec = BundledRecognizer.load()
    words = ["فرض", "الاتحاد", "الدولي", "لكرة", "القدم", "عقوبة"]
    tags = [["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]]
    join_names([words], rec.extractor.infos([words]), tags, rec.extractor.lex)
    assert tags[0] == ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    # not after a name that does not end in the ball, nor with another word after it
    words = ["وقال", "اتحاد", "الكرة", "المصري"]
    tags = [["O", "B-ORG", "I-ORG", "O"]]
    join_names([words], rec.extractor.infos([words]), tags, rec.extractor.lex)
    assert tags[0] == ["O", "B-ORG", "I-ORG", "O"]


def test_the_city_after_the_capital_and_its_country_adjective_is_a_place() -> None:
    from app.ner.bundled import capitals_after_their_country

    rec = BundledRecognizer.load()

    def run(words: list[str]) -> list[str]:
        out = [["O"] * len(words)]
        capitals_after_their_country(
            [words], rec.extractor.infos([words]), out, rec.extractor.lex, rec._common_words
        )
        return out[0]

    # مسقط is also "birthplace": the network left it out after العاصمة العمانية
    assert run(["في", "العاصمة", "العمانية", "مسقط", "عن"]) == ["O", "O", "O", "B-LOC", "O"]
    # after a comma and a #, and with a proclitic on the capital
    assert run(["بالعاصمة", "الفنلندية", "،", "#", "هلسنكي"])[4] == "B-LOC"
    # not after an adjective that is no place's (العاصمة الإدارية الجديدة: the new administrative capital)
    assert run(["مشروع", "العاصمة", "الإدارية", "الجديدة"]) == ["O"] * 4
    # nor after a capital without ال
    assert run(["عاصمة", "العمانية", "مسقط"]) == ["O"] * 3


def test_a_one_word_person_listed_as_a_club_and_no_persons_name_is_the_club() -> None:
    from app.ner.bundled import clubs_made_persons

    rec = BundledRecognizer.load()

    def run(words: list[str], tags: list[str]) -> list[str]:
        out = [list(tags)]
        clubs_made_persons(rec.extractor.infos([words]), out, rec.extractor.lex)
        return out[0]

    assert run(["وكان", "الوداد", "قد", "أحرز"], ["O", "B-PERS", "O", "O"])[1] == "B-ORG"
    assert run(["وقال", "الإسماعيلي", "بموقعه"], ["O", "B-PERS", "O"])[1] == "B-ORG"
    # Harry Kane: كاين is a club's name too, but also a listed part of persons' names
    assert run(["كما", "صرح", "كاين"], ["O", "O", "B-PERS"])[2] == "B-PERS"
    # a longer person is not this rule's
    assert run(["قال", "محمد", "الأهلي"], ["O", "B-PERS", "I-PERS"]) == ["O", "B-PERS", "I-PERS"]
    # but a word of a team that starts a person is none of it, and a club after it is the club
    assert run(["أكد", "الحبسي", "حارس", "الهلال", "،"], ["O", "B-PERS", "B-PERS", "I-PERS", "O"]) == [
        "O",
        "B-PERS",
        "O",
        "B-ORG",
        "O",
    ]
    assert run(["وقال", "حارس", "تشيلسي", ":"], ["O", "B-PERS", "I-PERS", "O"]) == ["O", "O", "B-ORG", "O"]
    assert run(["حارس", "بن", "لادن", "يعيش"], ["B-PERS", "I-PERS", "I-PERS", "O"]) == [
        "O",
        "B-PERS",
        "I-PERS",
        "O",
    ]


def test_an_organization_head_and_the_name_after_it_are_one_organization() -> None:
    from app.ner.bundled import heads_with_their_names

    rec = BundledRecognizer.load()

    def run(words: list[str], tags: list[str]) -> list[str]:
        out = [list(tags)]
        heads_with_their_names(rec.extractor.infos([words]), out)
        return out[0]

    assert run(["من", "جامعة", "القاهرة", "،"], ["O", "O", "B-LOC", "O"]) == ["O", "B-ORG", "I-ORG", "O"]
    # with a proclitic, and the adjective after the name
    assert run(["بجامعة", "بيروت", "العربية", "بلبنان"], ["O", "B-LOC", "O", "B-LOC"]) == [
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "B-LOC",
    ]
    assert run(["بجامعة", "جونز", "هوبكنز"], ["O", "B-PERS", "I-PERS"]) == ["B-ORG", "I-ORG", "I-ORG"]
    # the university word alone, or a definite one (الجامعة العربية is no head and a name), is left
    assert run(["جامعة", "في", "شمال"], ["O", "O", "O"]) == ["O", "O", "O"]
    assert run(["الجامعة", "الأمريكية"], ["O", "B-LOC"]) == ["O", "B-LOC"]
    # other heads, with a masculine adjective: not before a person, a pronoun or a number
    assert run(["حاكم", "مصرف", "لبنان", "المركزي", "،"], ["O", "O", "B-LOC", "O", "O"]) == [
        "O",
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "O",
    ]
    assert run(["عضو", "في", "حزب", "ترامب"], ["O", "O", "O", "B-PERS"]) == ["O", "O", "O", "B-PERS"]
    assert run(["اتحاد", "بسكرة", "الذي", "عوقب"], ["O", "B-LOC", "O", "O"]) == ["B-ORG", "I-ORG", "O", "O"]
    assert run(["اتفاقية", "اتحاد", "باريس", "1883"], ["O", "O", "B-LOC", "O"]) == ["O", "O", "B-LOC", "O"]


def _by_country(words: list[str], tags: list[str]) -> list[str]:
    rec = BundledRecognizer.load()
    out = [list(tags)]
    clubs_by_their_country(rec.extractor.infos([words]), out, rec.extractor.lex)
    return out[0]


def test_a_city_with_a_countrys_masculine_adjective_is_its_club() -> None:
    # the city is feminine (روما الإيطالية): a masculine adjective is of the club
    assert _by_country(["فوزا", "على", "هامبورغ", "الألماني", "1"], ["O", "O", "B-LOC", "O", "O"]) == [
        "O", "O", "B-ORG", "O", "O"
    ]  # fmt: skip
    assert _by_country(["فجر", "روما", "الإيطالي", "مفاجأة"], ["O", "B-LOC", "O", "O"])[1] == "B-ORG"
    # a country; a definite place; a port the adjective agrees with; a person after the adjective
    for words, tags in (
        (["في", "سوريا", "العربي"], ["O", "B-LOC", "O"]),
        (["غرب", "الأرخبيل", "الياباني"], ["O", "B-LOC", "O"]),
        (["ميناء", "كراتشي", "الباكستاني"], ["O", "B-LOC", "O"]),
        (["مدرب", "جامايكا", "الألماني", "وينفريد"], ["O", "B-LOC", "O", "B-PERS"]),
        (["ريف", "حلب", "الشمالي"], ["O", "B-LOC", "O"]),
    ):
        assert _by_country(words, tags) == tags, words


def test_a_club_named_by_a_common_word_in_a_match_report() -> None:
    from app.ner.bundled import clubs_in_match_reports

    rec = BundledRecognizer.load()
    sentences = [
        ["وتقدم", "العين", "عند", "الدقيقة", "12"],  # Al Ain, also "the eye"
        ["فاز", "الوحدة", "على", "الوصل", "بهدفين"],  # الوحدة "unity": a common noun, left
        ["أصيب", "فوق", "العين", "اليسرى", "في", "المباراة"],  # "the left eye"
        ["اهتمام", "ولي", "العهد", "بالمباراة"],  # the crown prince
        ["وقال", "العين", "في", "بيان"],  # no match word: the sentence is not a report
        ["للانضمام", "لصفوف", "الوكرة", "."],  # no match word either
        ["انتقال", "اللاعب", "إلى", "الوكرة", "."],  # a transfer
        # الهلال "the crescent", a common word: a club where two words speak of football
        ["مباراة", "السوبر", "بين", "الهلال", "والنصر"],
        ["رؤية", "الهلال", "في", "الموسم"],  # "sighting the crescent", one such word
    ]
    infos = rec.extractor.infos(sentences)
    tags = [["O"] * len(s) for s in sentences]
    clubs_in_match_reports(sentences, infos, tags, rec.extractor.lex, rec._common_words)
    assert tags == [
        ["O", "B-ORG", "O", "O", "O"],
        ["O", "O", "O", "B-ORG", "O"],
        ["O"] * 6,
        ["O"] * 4,
        ["O"] * 4,
        ["O"] * 4,
        ["O", "O", "O", "B-ORG", "O"],
        ["O", "O", "O", "B-ORG", "B-ORG"],
        ["O"] * 4,
    ]
