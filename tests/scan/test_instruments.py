"""De Jong Gierveld and cohesion scoring on hand-worked answer sets."""

from __future__ import annotations

import pytest

from omzien.scan import instruments as ins
from omzien.scan.instruments import MORE_OR_LESS, NO, NO_STRONG, YES, YES_STRONG

# Social (positively worded) items: 1, 4, 7, 8, 11. Emotional: 2, 3, 5, 6, 9, 10.


def test_item_wording_and_subscales_follow_the_published_scale() -> None:
    assert len(ins.LONELINESS_ITEMS) == 11
    assert ins.LONELINESS_ITEMS[2].text == "Ik ervaar een leegte om me heen."
    social = [item.number for item in ins.LONELINESS_ITEMS if item.subscale == ins.SOCIAL]
    assert social == [1, 4, 7, 8, 11]
    assert [item.number for item in ins.loneliness_items(ins.FORM_6)] == [3, 4, 7, 8, 9, 10]


def test_neutral_answer_counts_as_lonely_on_both_kinds_of_item() -> None:
    emotional, social = ins.LONELINESS_ITEMS[1], ins.LONELINESS_ITEMS[0]
    assert ins.dichotomise(emotional, MORE_OR_LESS) == 1
    assert ins.dichotomise(social, MORE_OR_LESS) == 1
    assert ins.dichotomise(emotional, YES) == 1
    assert ins.dichotomise(emotional, NO) == 0
    assert ins.dichotomise(social, YES) == 0
    assert ins.dichotomise(social, NO) == 1
    # Five-point variant.
    assert ins.dichotomise(emotional, YES_STRONG) == 1
    assert ins.dichotomise(emotional, NO_STRONG) == 0
    assert ins.dichotomise(social, NO_STRONG) == 1
    assert ins.dichotomise(social, YES_STRONG) == 0
    assert ins.dichotomise(social, None) is None


def test_eleven_items_hand_worked() -> None:
    # Emotional 2,3,5,6,9,10 -> ja, nee, min of meer, nee, ja, nee = 1+0+1+0+1+0 = 3
    # Social 1,4,7,8,11 -> ja, min of meer, nee, ja, ja = 0+1+1+0+0 = 2
    answers = {
        1: YES, 2: YES, 3: NO, 4: MORE_OR_LESS, 5: MORE_OR_LESS, 6: NO,
        7: NO, 8: YES, 9: YES, 10: NO, 11: YES,
    }  # fmt: skip
    score = ins.score_loneliness(ins.FORM_11, answers)
    assert (score.total, score.emotional, score.social) == (5, 3, 2)
    assert score.level == ins.MODERATE
    assert score.lonely is True and score.severely_lonely is False


def test_eleven_item_cut_offs() -> None:
    assert ins.loneliness_level(ins.FORM_11, 2) == ins.NOT_LONELY
    assert ins.loneliness_level(ins.FORM_11, 3) == ins.MODERATE
    assert ins.loneliness_level(ins.FORM_11, 8) == ins.MODERATE
    assert ins.loneliness_level(ins.FORM_11, 9) == ins.SEVERE
    assert ins.loneliness_level(ins.FORM_11, 10) == ins.SEVERE
    assert ins.loneliness_level(ins.FORM_11, 11) == ins.VERY_SEVERE


def test_six_items_hand_worked_and_cut_offs() -> None:
    # 3 leegte: ja (1); 4 narigheid: nee (1); 7 vertrouwen: ja (0);
    # 8 verbonden: min of meer (1); 9 mis mensen: ja (1); 10 in de steek: ja (1) -> 5
    answers = {3: YES, 4: NO, 7: YES, 8: MORE_OR_LESS, 9: YES, 10: YES}
    score = ins.score_loneliness(ins.FORM_6, answers)
    assert (score.total, score.emotional, score.social) == (5, 3, 2)
    assert score.level == ins.SEVERE
    assert ins.loneliness_level(ins.FORM_6, 1) == ins.NOT_LONELY
    assert ins.loneliness_level(ins.FORM_6, 2) == ins.MODERATE
    assert ins.loneliness_level(ins.FORM_6, 4) == ins.MODERATE


def test_six_items_answers_outside_the_short_form_are_ignored() -> None:
    answers = {1: NO, 2: YES, 3: NO, 4: YES, 7: YES, 8: YES, 9: NO, 10: NO}
    score = ins.score_loneliness(ins.FORM_6, answers)
    assert score.total == 0
    assert score.level == ins.NOT_LONELY


def test_one_missing_item_still_gives_a_total_but_not_its_subscale() -> None:
    # Item 9 (emotional) missing; the others: 3 ja (1), 10 nee (0), 4 ja, 7 ja, 8 nee (1).
    answers = {3: YES, 4: YES, 7: YES, 8: NO, 10: NO}
    score = ins.score_loneliness(ins.FORM_6, answers)
    assert score.total == 2
    assert score.emotional is None
    assert score.social == 1
    assert score.level == ins.MODERATE


def test_two_missing_items_give_no_total() -> None:
    answers = {3: YES, 4: YES, 7: YES, 8: NO}
    score = ins.score_loneliness(ins.FORM_6, answers)
    assert score.total is None and score.level is None and score.lonely is None
    assert score.social == 1
    eleven = dict.fromkeys(range(1, 10), NO)  # 10 and 11 missing
    assert ins.score_loneliness(ins.FORM_11, eleven).total is None


def test_eleven_items_one_missing() -> None:
    # Everything "nee" except item 11 missing: emotional 0, social 1+1+1+1 = 4 -> total 4.
    answers = dict.fromkeys(range(1, 11), NO)
    score = ins.score_loneliness(ins.FORM_11, answers)
    assert score.total == 4
    assert score.emotional == 0
    assert score.social is None


def test_unknown_answer_is_refused() -> None:
    with pytest.raises(ValueError):
        ins.score_loneliness(ins.FORM_6, {3: "misschien"})


def test_cohesion_scoring_hand_worked() -> None:
    # 1 "kennen elkaar nauwelijks" disagree -> reversed 3; 2 agree 3; 3 neutral 2;
    # 4 agree_strong 4; 5 disagree 1 -> 13 / 2 = 6.5
    answers = {
        1: ins.DISAGREE, 2: ins.AGREE, 3: ins.NEUTRAL, 4: ins.AGREE_STRONG, 5: ins.DISAGREE,
    }  # fmt: skip
    assert ins.score_cohesion(answers) == 6.5
    best = {1: ins.DISAGREE_STRONG, **dict.fromkeys(range(2, 6), ins.AGREE_STRONG)}
    worst = {1: ins.AGREE_STRONG, **dict.fromkeys(range(2, 6), ins.DISAGREE_STRONG)}
    assert ins.score_cohesion(best) == 10
    assert ins.score_cohesion(worst) == 0


def test_cohesion_needs_all_five_statements() -> None:
    assert ins.score_cohesion({1: ins.AGREE, 2: ins.AGREE, 3: ins.AGREE, 4: ins.AGREE}) is None
