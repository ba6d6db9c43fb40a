"""The shipped municipality list: all 290 with official codes and counties; lookup and bad-file handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from stodapp import municipalities as mun
from stodapp.errors import NotFound, UserInputError, ValidationFailed

# Official county codes and the number of municipalities in each (SCB), written out independently of the CSV.
COUNTY_COUNTS = {
    "01": ("Stockholms län", 26), "03": ("Uppsala län", 8), "04": ("Södermanlands län", 9),
    "05": ("Östergötlands län", 13), "06": ("Jönköpings län", 13), "07": ("Kronobergs län", 8),
    "08": ("Kalmar län", 12), "09": ("Gotlands län", 1), "10": ("Blekinge län", 5), "12": ("Skåne län", 33),
    "13": ("Hallands län", 6), "14": ("Västra Götalands län", 49), "17": ("Värmlands län", 16),
    "18": ("Örebro län", 12), "19": ("Västmanlands län", 10), "20": ("Dalarnas län", 15),
    "21": ("Gävleborgs län", 10), "22": ("Västernorrlands län", 7), "23": ("Jämtlands län", 8),
    "24": ("Västerbottens län", 15), "25": ("Norrbottens län", 14),
}  # fmt: skip

# A spread of official codes (every county, the largest cities, names with å/ä/ö, hyphens and spaces).
KNOWN = {
    "0114": "Upplands Väsby", "0139": "Upplands-Bro", "0180": "Stockholm", "0181": "Södertälje",
    "0192": "Nynäshamn", "0305": "Håbo", "0380": "Uppsala", "0428": "Vingåker", "0484": "Eskilstuna",
    "0509": "Ödeshög", "0580": "Linköping", "0581": "Norrköping", "0604": "Aneby", "0680": "Jönköping",
    "0760": "Uppvidinge", "0780": "Växjö", "0821": "Högsby", "0880": "Kalmar", "0980": "Gotland",
    "1060": "Olofström", "1080": "Karlskrona", "1214": "Svalöv", "1256": "Östra Göinge", "1280": "Malmö",
    "1281": "Lund", "1283": "Helsingborg", "1293": "Hässleholm", "1315": "Hylte", "1380": "Halmstad",
    "1384": "Kungsbacka", "1401": "Härryda", "1438": "Dals-Ed", "1462": "Lilla Edet", "1480": "Göteborg",
    "1490": "Borås", "1499": "Falköping", "1715": "Kil", "1780": "Karlstad", "1814": "Lekeberg",
    "1880": "Örebro", "1904": "Skinnskatteberg", "1980": "Västerås", "2021": "Vansbro",
    "2023": "Malung-Sälen", "2080": "Falun", "2101": "Ockelbo", "2180": "Gävle", "2260": "Ånge",
    "2281": "Sundsvall", "2284": "Örnsköldsvik", "2303": "Ragunda", "2321": "Åre", "2380": "Östersund",
    "2401": "Nordmaling", "2480": "Umeå", "2482": "Skellefteå", "2505": "Arvidsjaur", "2580": "Luleå",
    "2584": "Kiruna",
}  # fmt: skip


def test_all_290_load_with_official_codes_and_counties() -> None:
    items = mun.load_municipalities()
    assert len(items) == mun.EXPECTED_COUNT == 290
    assert len({m.code for m in items}) == 290
    assert len({m.name for m in items}) == 290
    for m in items:
        assert len(m.code) == 4 and m.code.isdigit()
        assert m.code[:2] == m.county_code
        assert COUNTY_COUNTS[m.county_code][0] == m.county
    per_county: dict[str, int] = {}
    for m in items:
        per_county[m.county_code] = per_county.get(m.county_code, 0) + 1
    assert per_county == {code: n for code, (_name, n) in COUNTY_COUNTS.items()}
    for code, name in KNOWN.items():
        assert mun.by_code(code).name == name, code


def test_lookup_normalises_and_refuses() -> None:
    assert mun.by_code("180").name == "Stockholm"
    assert mun.by_code(1480).name == "Göteborg"
    assert mun.by_name("  GÖTEBORG ").code == "1480"
    assert mun.is_known("0180") and not mun.is_known("0199") and not mun.is_known("abc")
    with pytest.raises(NotFound, match="0199"):
        mun.by_code("0199")
    with pytest.raises(UserInputError):
        mun.by_code("01800")
    with pytest.raises(UserInputError):
        mun.by_code("18a")
    with pytest.raises(NotFound):
        mun.by_name("Atlantis")


def test_search_ranks_exact_then_prefix_then_substring() -> None:
    hits = [m.name for m in mun.search("lund")]
    assert hits[0] == "Lund"
    assert "Lunds" not in hits and all("lund" in h.casefold() for h in hits)
    assert [m.code for m in mun.search("0180")][0] == "0180"
    assert mun.search("väs")[0].name.casefold().startswith("väs")
    assert len(mun.search("", limit=5)) == 5
    assert mun.counties()[0] == ("01", "Stockholms län") and len(mun.counties()) == 21


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("0180;Stockholm;Stockholms län;02\n", "hör inte till"),
        ("180;Stockholm;Stockholms län;01\n", "fyra siffror"),
        ("0180;Stockholm;Stockholms län;01\n0180;Stockholm;Stockholms län;01\n", "två gånger"),
        ("0180;Stockholm;Stockholms län\n", "4 fält"),
    ],
)
def test_bad_file_is_refused_with_line_numbers(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "k.csv"
    path.write_text("kommunkod;kommun;lan;lanskod\n" + body, encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        mun.load_municipalities(path)
    assert any(needle in line and "k.csv:" in line for line in err.value.lines)


def test_wrong_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("code,name\n0180,Stockholm\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="rubrikrad"):
        mun.load_municipalities(path)
