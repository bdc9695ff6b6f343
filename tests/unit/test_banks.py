"""A bank named by its adjective after البنك or المصرف is an organization (`banks_by_their_adjectives`):
ANERcorp tags البنك التجاري, البنك الدولي so, and a model trained without the last 10% of train left
an article's 19 mentions of البنك التجاري out."""

from __future__ import annotations

from app.ner.bundled import banks_by_their_adjectives
from app.ner.features import FeatureExtractor, MemoryLexicon


def _tagged(sentences: list[list[str]], tags: list[list[str]] | None = None) -> list[list[str]]:
    infos = FeatureExtractor(MemoryLexicon()).infos(sentences)
    out = [list(t) for t in tags] if tags else [["O"] * len(s) for s in sentences]
    banks_by_their_adjectives(infos, out)
    return out


def test_a_bank_and_its_adjectives_are_one_organization() -> None:
    sentences = [
        ["أرباح", "البنك", "التجاري", "."],
        ["العضو", "المنتدب", "للبنك", "التجاري", "في"],
        ["حذر", "البنك", "المركزي", "اليمني", "عددا"],
        ["والبنك", "الإسلامي", "للتنمية", "والبنك", "الأوروبي", "للاستثمار"],
        ["المصرف", "الاحتياطي", "الفيدرالي", "إلى", "إنهاء"],
        ["للبنك", "الوطني", "الفلاحي", "غير"],
    ]
    assert _tagged(sentences) == [
        ["O", "B-ORG", "I-ORG", "O"],
        ["O", "O", "B-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["B-ORG", "I-ORG", "I-ORG", "B-ORG", "I-ORG", "I-ORG"],
        ["B-ORG", "I-ORG", "I-ORG", "O", "O"],
        ["B-ORG", "I-ORG", "I-ORG", "O"],
    ]


def test_what_follows_the_name_is_left_out() -> None:
    sentences = [
        ["أرباح", "البنك", "الأهلي", "الكويتي", "الصافية"],  # "net": feminine, of the profits
        ["البنك", "المركزي", "التركي", "للوصول", "إليه"],  # "to reach", no purpose of the bank's
        ["البنك", "المركزي", "الذي", "يقع"],
    ]
    assert _tagged(sentences) == [
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["B-ORG", "I-ORG", "I-ORG", "O", "O"],
        ["B-ORG", "I-ORG", "O", "O"],
    ]


def test_a_name_the_network_tagged_after_the_bank_takes_it_in() -> None:
    sentences = [["إدارة", "البنك", "الأهلي", "الأردني", "،"]]
    assert _tagged(sentences, [["O", "O", "B-ORG", "I-ORG", "O"]]) == [["O", "B-ORG", "I-ORG", "I-ORG", "O"]]


def test_a_countrys_bank_or_a_bank_alone_is_no_name() -> None:
    sentences = [
        ["وأكد", "البنك", "البريطاني", "أنه"],  # "the British bank": which one, the text said before
        ["فروع", "البنك", "المنتشرة", "في"],
        ["نقل", "أموال", "البنك", "إلى", "مكان"],
    ]
    assert _tagged(sentences) == [["O"] * len(s) for s in sentences]
