"""Who news introduces as someone's relative, on sentences from real coverage (ECB+)."""

from __future__ import annotations

import pytest

from reader.linking.relatives import introduced_as_relative


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Gray’s older sister, Mahnefah Gray, 19, told the New York Times", "Mahnefah Gray"),
        ('his sister Mahnefah Gray said, "He has common sense."', "Mahnefah Gray"),
        (
            "tensions eased until Mahnefah Gray, sister of the teen killed by police, spoke",
            "Mahnefah Gray",
        ),
        ('"It took a lot," Chela Ortiz, the deputy\'s wife, said afterward.', "Chela Ortiz"),
        ("She sat with her mother in-law, Rosa Ortiz, and the rest of the family.", "Rosa Ortiz"),
        (
            "said 17-year-old Jeremy Ortiz, one of the deputy's sons from a previous marriage",
            "Jeremy Ortiz",
        ),
        (
            "She handed it to the eldest of her five children, Art Ortiz, so that he could",
            "Art Ortiz",
        ),
        ("She was survived by her brother Jack Page, who lives in Nashville.", "Jack Page"),
        ("Laura Bush, wife of the president, visited the school.", "Laura Bush"),
        ("The couple's daughter-in-law, Ann Lee, found them.", "Ann Lee"),
    ],
)
def test_a_relative_introduced_before_or_after_the_name(text: str, form: str) -> None:
    assert introduced_as_relative(text, [form])


@pytest.mark.parametrize(
    ("text", "form"),
    [
        # A title, not a relation: capitalised.
        (
            "The killing of Los Angeles County Sheriff's Deputy Jerry Ortiz shocked the town.",
            "Jerry Ortiz",
        ),
        ("Father Jerry Ortiz said mass.", "Jerry Ortiz"),
        ("Sister Mary Gray prayed.", "Mary Gray"),
        # A father of four is nobody's relative in the story; a son of someone is its subject.
        ("Jerry Ortiz, a father of four, was killed.", "Jerry Ortiz"),
        ("Kimani Gray, the son of a bus driver, was 16.", "Kimani Gray"),
        ("Officers fatally shot 16-year-old Kimani Gray after he pointed a gun.", "Kimani Gray"),
        ("Joe Biden, the president, said so.", "Joe Biden"),
        # Only the word right before the name, on its line, and only the whole name.
        ("his son's killer, Jose Orozco, was convicted.", "Jose Orozco"),
        ("Vigil for a son and brother\nKimani Gray, 16, was shot on Saturday.", "Kimani Gray"),
        ("Her sister Ann Leeds came too.", "Ann Lee"),
    ],
)
def test_no_relative_where_no_relation_is_written(text: str, form: str) -> None:
    assert not introduced_as_relative(text, [form])
