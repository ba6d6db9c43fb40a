"""zxcvbn with Swedish words as its user dictionary: guessable phrases of legal length are refused."""

from __future__ import annotations

import pytest

from stodapp import passphrase as policy
from stodapp.errors import PassphrasePolicyError


@pytest.mark.parametrize("weak", [
    "sommar2024sommar",        # a season, a year, repeated
    "lösenordlösenord",        # "password" twice
    "jagälskardig123",         # the first phrase everyone tries
    "qwertyuiopåäö",           # a keyboard row
    "stockholm19851985",       # city and a repeated year
    "aaaaaaaaaaaaaaaa",
    "mammapappabarn12",
])
def test_guessable_phrases_of_legal_length_are_refused(weak: str) -> None:
    assert len(weak) >= policy.MIN_LENGTH
    with pytest.raises(PassphrasePolicyError, match="för lätt att gissa|för vanlig"):
        policy.check(weak, "anna")


def test_swedish_words_are_what_makes_it_weak() -> None:
    from zxcvbn import zxcvbn

    phrase = "kärlekhjärtasol"  # three everyday Swedish words run together
    assert zxcvbn(phrase)["guesses_log10"] >= policy.MIN_GUESSES_LOG10  # plain zxcvbn would accept it
    assert policy.strength(phrase) < policy.MIN_GUESSES_LOG10
    with pytest.raises(PassphrasePolicyError):
        policy.check(phrase)


def test_the_user_name_counts_as_known() -> None:
    assert policy.strength("bertilbertil99", "bertil") < policy.strength("bertilbertil99")


@pytest.mark.parametrize("strong", [
    "grön tekopp vid sjön i november",
    "en lång och hemlig fras för test",
    "cykeln rostar under Kebnekaises is",
])
def test_ordinary_sentences_pass(strong: str) -> None:
    policy.check(strong, "anna")


def test_long_input_stays_fast() -> None:
    import time

    start = time.perf_counter()
    policy.check("cykeln rostar under Kebnekaises is " * 29, "anna")  # ~1,000 characters
    assert time.perf_counter() - start < 2.0
