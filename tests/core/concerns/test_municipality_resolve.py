"""resolve(): a municipality typed as a code, a name in any case, without å/ä/ö, or as a picker label."""

from __future__ import annotations

import pytest

from stodapp.errors import UserInputError
from stodapp.municipalities import fold_name, load_municipalities, resolve


@pytest.mark.parametrize("typed", ["Haninge", "haninge", "HANINGE", "  Haninge ", "0136", "136", "Haninge (0136)"])
def test_haninge_in_every_spelling(typed: str) -> None:
    assert resolve(typed).code == "0136"


@pytest.mark.parametrize(("typed", "code"), [("Göteborg", "1480"), ("göteborg", "1480"), ("GÖTEBORG", "1480"),
                                             ("Goteborg", "1480"), ("orebro", "1880"), ("Malmo", "1280"),
                                             ("Upplands väsby", "0114"), ("upplands  vasby", "0114")])
def test_case_and_accents_do_not_matter(typed: str, code: str) -> None:
    assert resolve(typed).code == code


def test_a_name_that_exists_with_and_without_a_ring_is_taken_as_typed() -> None:
    assert resolve("Habo").code == "0643" and resolve("habo").code == "0643"
    assert resolve("Håbo").code == "0305" and resolve("HÅBO").code == "0305"
    with pytest.raises(UserInputError, match="Flera kommuner heter nästan så: Håbo \\(0305\\), Habo \\(0643\\)"):
        resolve("Habö")


def test_every_municipality_resolves_by_name_and_by_code() -> None:
    for m in load_municipalities():
        assert resolve(m.name) == m == resolve(m.code) == resolve(m.label()) == resolve(m.name.upper())
        assert fold_name(m.name).isascii()  # typing without å/ä/ö reaches every name


@pytest.mark.parametrize(("typed", "start"), [("Haninj", "Okänd kommun: Haninj."), ("9999", "Okänd kommunkod: 9999."),
                                              ("12345", "Okänd kommunkod: 12345."), ("", "Skriv en kommun")])
def test_unknown_input_gives_one_clear_line(typed: str, start: str) -> None:
    with pytest.raises(UserInputError) as err:
        resolve(typed)
    message = str(err.value)
    assert message.startswith(start) and "\n" not in message
    assert "Haninge" in message or "0136" in message  # says what to type instead
