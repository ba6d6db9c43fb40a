"""URL policy: verify-full by default off loopback; anything weaker to a remote host refused; no passwords."""

from __future__ import annotations

import pytest

from stodapp.server.connect import ServerRefused, check_url


def test_remote_defaults_to_verify_full() -> None:
    assert check_url("postgresql://db.kommun.example/stod").sslmode == "verify-full"


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer", "require", "verify-ca"])
def test_remote_weaker_modes_refused(mode: str) -> None:
    with pytest.raises(ServerRefused, match="vägras"):
        check_url(f"postgresql://10.1.2.3:5432/stod?sslmode={mode}")


@pytest.mark.parametrize("url", ["postgresql://127.0.0.1/stod?sslmode=disable", "postgresql://localhost/stod",
                                 "postgresql://[::1]:5433/stod", "postgresql:///stod?host=/run/postgresql"])
def test_loopback_may_be_plain(url: str) -> None:
    assert check_url(url).loopback


@pytest.mark.parametrize("url, why", [
    ("postgresql://anna:hemligt@db.example/stod", "lösenord"),
    ("postgresql://anna@db.example/stod", "databasroll"),
    ("mysql://db.example/stod", "postgresql://"),
    ("postgresql://db.example/", "databasnamn"),
    ("postgresql://db.example/stod?sslmode=bogus", "sslmode"),
    ("postgresql://db.example/stod?password=x", "okänd parameter"),
])
def test_bad_urls_one_clear_message(url: str, why: str) -> None:
    with pytest.raises(ServerRefused, match=why):
        check_url(url)
