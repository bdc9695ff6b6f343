"""The conlleval-style scorer and the BIO helpers it stands on, on hand-computed cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ner.base import bio_to_chunks, repair_bio
from app.ner.scoring import TypeScore, score

TYPES = ("PERS", "LOC", "ORG")


def test_bio_to_chunks_conlleval_semantics() -> None:
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-ORG", "O", "I-PERS"]
    assert bio_to_chunks(tags) == [
        (0, 2, "PERS"),
        (3, 5, "LOC"),  # I- after O starts a chunk
        (5, 6, "LOC"),  # B- right after the same type starts a new one
        (6, 7, "ORG"),  # I- of another type starts a chunk
        (7, 8, "ORG"),
        (9, 10, "PERS"),  # a chunk at the very end
    ]
    assert bio_to_chunks([]) == []
    assert bio_to_chunks(["O", "O"]) == []


def test_repair_bio() -> None:
    assert repair_bio(["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "X", "I-", "B-ORG"]) == [
        "B-PERS",
        "I-PERS",
        "O",
        "B-LOC",
        "B-ORG",
        "O",
        "O",
        "B-ORG",
    ]
    assert repair_bio(["O", "I-LOC"]) == ["O", "B-LOC"]


def test_perfect_prediction() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    s = score(gold, gold, TYPES)
    for t in (*TYPES, "micro"):
        assert (s[t].precision, s[t].recall, s[t].f1) == (1.0, 1.0, 1.0)
    assert s["PERS"].support == 1 and s["micro"].support == 3


def test_partial_span_counts_as_one_false_positive_and_one_false_negative() -> None:
    gold = [["B-PERS", "I-PERS", "O"]]
    pred = [["B-PERS", "O", "O"]]
    s = score(gold, pred, TYPES)
    assert (s["PERS"].tp, s["PERS"].fp, s["PERS"].fn) == (0, 1, 1)
    assert s["PERS"].f1 == 0.0


def test_wrong_type_is_a_miss_for_one_type_and_false_alarm_for_the_other() -> None:
    gold = [["B-LOC", "O", "B-PERS", "I-PERS"]]
    pred = [["B-ORG", "O", "B-PERS", "I-PERS"]]
    s = score(gold, pred, TYPES)
    assert (s["LOC"].tp, s["LOC"].fp, s["LOC"].fn) == (0, 0, 1)
    assert (s["ORG"].tp, s["ORG"].fp, s["ORG"].fn) == (0, 1, 0)
    assert (s["PERS"].tp, s["PERS"].fp, s["PERS"].fn) == (1, 0, 0)
    # micro: tp 1, fp 1, fn 1 -> P = R = F1 = 0.5
    assert (s["micro"].precision, s["micro"].recall, s["micro"].f1) == (0.5, 0.5, 0.5)
    assert s["ORG"].support == 0


def test_i_without_b_matches_gold_that_starts_with_b() -> None:
    # conlleval: an I-X after O opens a chunk, so I-PERS I-PERS equals B-PERS I-PERS.
    gold = [["O", "B-PERS", "I-PERS"]]
    pred = [["O", "I-PERS", "I-PERS"]]
    assert score(gold, pred, TYPES)["PERS"].tp == 1


def test_hand_computed_mixture() -> None:
    gold = [
        ["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "I-ORG"],
        ["B-LOC", "O", "B-LOC", "O", "B-MISC"],
    ]
    pred = [
        ["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"],  # ORG too short
        ["B-LOC", "O", "O", "B-PERS", "B-MISC"],  # second LOC missed, spurious PERS; MISC ignored
    ]
    s = score(gold, pred, TYPES)
    assert (s["PERS"].tp, s["PERS"].fp, s["PERS"].fn) == (1, 1, 0)
    assert (s["LOC"].tp, s["LOC"].fp, s["LOC"].fn) == (2, 0, 1)
    assert (s["ORG"].tp, s["ORG"].fp, s["ORG"].fn) == (0, 1, 1)
    assert s["PERS"].precision == 0.5 and s["PERS"].recall == 1.0
    assert s["LOC"].precision == 1.0 and s["LOC"].recall == pytest.approx(2 / 3)
    assert s["LOC"].f1 == pytest.approx(0.8)
    micro = s["micro"]
    assert (micro.tp, micro.fp, micro.fn) == (3, 2, 2)
    assert micro.precision == pytest.approx(0.6) and micro.recall == pytest.approx(0.6)
    assert micro.as_dict() == {"precision": 0.6, "recall": 0.6, "f1": 0.6, "support": 5}
    assert "MISC" not in s


def test_types_subset_ignores_other_chunks() -> None:
    gold = [["B-PERS", "B-LOC"]]
    pred = [["B-PERS", "B-ORG"]]
    s = score(gold, pred, ("PERS",))
    assert set(s) == {"PERS", "micro"}
    assert (s["micro"].tp, s["micro"].fp, s["micro"].fn) == (1, 0, 0)


def test_empty_scores_are_zero_not_errors() -> None:
    ts = TypeScore()
    assert (ts.precision, ts.recall, ts.f1, ts.support) == (0.0, 0.0, 0.0, 0)
    assert score([], [], TYPES)["micro"].f1 == 0.0


def test_length_mismatches_are_errors() -> None:
    with pytest.raises(ValueError, match="lengths differ"):
        score([["O", "O"]], [["O"]], TYPES)
    with pytest.raises(ValueError):
        score([["O"]], [], TYPES)


tag = st.sampled_from(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"])


@given(st.lists(tag, max_size=20))
def test_repair_is_idempotent_and_keeps_chunks(tags: list[str]) -> None:
    fixed = repair_bio(tags)
    assert repair_bio(fixed) == fixed
    assert bio_to_chunks(fixed) == bio_to_chunks(tags)


@given(st.lists(st.tuples(tag, tag), max_size=30))
def test_scores_are_consistent(pairs: list[tuple[str, str]]) -> None:
    gold = [[g for g, _ in pairs]]
    pred = [[p for _, p in pairs]]
    s = score(gold, pred, TYPES)
    n_gold = sum(1 for c in bio_to_chunks(gold[0]) if c[2] in TYPES)
    n_pred = sum(1 for c in bio_to_chunks(pred[0]) if c[2] in TYPES)
    assert s["micro"].tp + s["micro"].fn == n_gold
    assert s["micro"].tp + s["micro"].fp == n_pred
    for v in s.values():
        assert 0.0 <= v.f1 <= 1.0
    assert score(gold, gold, TYPES)["micro"].fp == 0
