"""National identifiers: GB 11643 resident IDs, GB 32100 credit codes, masking."""

from datetime import date

import pytest

from villagedesk.core.common import ids
from villagedesk.demo.village import demo_uscc

TODAY = date(2026, 6, 30)


# --- GB 11643-1999 resident ID ----------------------------------------------------

def test_standard_examples():
    # GB 11643's own examples; the second is valid as a number but born in 1880,
    # which no living villager is.
    assert ids.id_check_char("11010519491231002") == "X"
    assert ids.id_number_problem("11010519491231002X", TODAY) is None
    assert ids.id_check_char("44052418800101001") == "4"
    assert "不合理" in ids.id_number_problem("440524188001010014", TODAY)


def test_check_char_by_hand():
    # 43132219800517123: weighted sum 275, 275 % 11 = 0 → "1".
    first17 = "43132219800517123"
    assert sum(int(c) * w for c, w in zip(first17, ids._ID_WEIGHTS)) == 275
    assert ids.id_check_char(first17) == "1"


def test_every_check_char_occurs_including_x():
    seen = {ids.make_id_number("431322", date(1980, 5, 17), serial)[-1] for serial in range(200)}
    assert seen == set("0123456789X")


def test_any_single_wrong_digit_is_caught():
    number = ids.make_id_number("431322", date(1975, 2, 28), 37)
    assert ids.id_number_problem(number, TODAY) is None
    for pos in range(17):
        for digit in "0123456789":
            if digit == number[pos]:
                continue
            wrong = number[:pos] + digit + number[pos + 1:]
            assert ids.id_number_problem(wrong, TODAY) is not None, wrong


@pytest.mark.parametrize("number, words", [
    ("43132219800517123", "18 位"),
    ("4313221980051712388", "18 位"),
    ("43132219800517A238", "前 17 位"),
    ("43132219800230123X", "出生日期"),  # 30 February
    ("431322203001011230", "不合理"),  # born in 2030
    ("431322180001011230", "不合理"),  # born before 1900
    ("431322198005171239", "校验位"),  # right format, wrong check digit (should be 1)
])
def test_invalid_numbers_say_why(number, words):
    problem = ids.id_number_problem(number, TODAY)
    assert problem is not None and words in problem


def test_lower_case_x_is_normalised():
    assert ids.normalize_id(" 11010519491231002x ") == "11010519491231002X"


def test_birth_date_and_gender_come_from_the_number():
    male = ids.make_id_number("431322", date(1980, 5, 17), 123)
    female = ids.make_id_number("431322", date(2001, 12, 3), 124)
    assert male == "431322198005171231"
    assert ids.id_birth_date(male) == date(1980, 5, 17)
    assert ids.id_gender(male) == "男" and ids.id_gender(female) == "女"
    assert ids.id_birth_date("431322198002301231") is None


# --- GB 32100-2015 unified social credit code -------------------------------------------

def _with_check(first17: str) -> str:
    return first17 + ids.uscc_check_char(first17)


def test_standard_example_code_is_valid():
    # The example printed in GB 32100-2015 itself.
    assert ids.uscc_check_char("91350100M000100Y4") == "3"
    assert ids.uscc_problem("91350100M000100Y43") is None


def test_codes_computed_by_hand():
    # 54431322MF1234567 (M = 21, F = 15): weighted sum 1749, 1749 % 31 = 13,
    # 31 - 13 = 18 → "J".
    assert ids.uscc_check_char("54431322MF1234567") == "J"
    assert ids.uscc_problem("54431322MF1234567J") is None
    # A sum divisible by 31 gives check "0", not "31".
    assert ids.uscc_check_char("00000000000000000") == "0"
    assert ids.uscc_problem("000000000000000000") is None


def test_exactly_one_check_char_fits():
    prefix = "12431322MB1502030"
    fits = [c for c in ids._USCC_CHARS if ids.uscc_problem(prefix + c) is None]
    assert fits == [ids.uscc_check_char(prefix)]


def test_demo_village_codes_are_valid():
    import random

    for seed in range(50):
        code = demo_uscc(random.Random(seed))
        assert ids.uscc_problem(code) is None, code
        assert code[2:8] == "431322"


@pytest.mark.parametrize("code, words", [
    ("91350100M000100Y4", "18 位"),
    ("91350100M000100Y44", "校验位"),
    ("91350100M000I00Y43", "不能含有字符 I"),
    ("91350100M000100O43", "不能含有字符 O"),
    ("91A50100M000100Y43", "行政区划"),
])
def test_invalid_codes_say_why(code, words):
    problem = ids.uscc_problem(code)
    assert problem is not None and words in problem


# --- phones and masking ------------------------------------------------------------

@pytest.mark.parametrize("phone", ["13812341234", "19912345678", "0738-1234567", "07381234567", ""])
def test_valid_phones(phone):
    assert ids.phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["12812341234", "1381234123", "138123412345", "hello"])
def test_invalid_phones(phone):
    assert ids.phone_problem(phone) is not None


def test_mask_id_keeps_first_six_and_last_four():
    assert ids.mask_id("43132219800517123X") == "431322********123X"
    assert ids.mask_id("11010519491231002X").startswith("110105")
    assert ids.mask_id(None) == "" and ids.mask_id("") == ""
    assert ids.mask_id("12345") == "*****"


def test_mask_phone():
    assert ids.mask_phone("13812341234") == "138****1234"
    assert ids.mask_phone("138-1234-1234") == "138****1234"
    assert ids.mask_phone(None) == ""
    # A landline keeps its area code (the county, public anyway) and last 4.
    assert ids.mask_phone("0738-1234567") == "0738-***4567"
    assert ids.mask_phone("07381234567") == "0738***4567"
    assert ids.mask_phone("010-12345678") == "010-****5678"
