"""Every validation error names file, line and field path; hostile files are refused with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from stodapp.checklists.validate import load_definition_file, parse_definition_text
from stodapp.errors import ValidationFailed

from .helpers import FIXTURES

BASE = (FIXTURES / "spj_like.yaml").read_text("utf-8")
DASH = (FIXTURES / "dash_like.yaml").read_text("utf-8")
LETH = (FIXTURES / "lethality_like.yaml").read_text("utf-8")


def errors(text: str) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        parse_definition_text(text, "t.yaml")
    return list(info.value.lines)


def line_no(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_fixtures_are_valid() -> None:
    for text in (BASE, DASH, LETH):
        parse_definition_text(text, "t.yaml")


CASES = [
    # (name, base, old, new, expected message fragment, field path, line needle)
    (
        "unknown scale",
        BASE,
        'scale: jfn, facets: [nu, tidigare], text: {sv: "Testfaktor 1"}',
        'scale: jfx, facets: [nu, tidigare], text: {sv: "Testfaktor 1"}',
        "okänd skala 'jfx'",
        "sections[0].items[0].scale",
        "Testfaktor 1",
    ),
    (
        "unknown facet",
        BASE,
        'facets: [nu, tidigare], text: {sv: "Testfaktor 2"}',
        'facets: [nu, sen], text: {sv: "Testfaktor 2"}',
        "okänd facett 'sen'",
        "sections[0].items[1].facets[1]",
        "Testfaktor 2",
    ),
    (
        "duplicate item id",
        BASE,
        "{id: f2,",
        "{id: f1,",
        "dubblett-id 'f1'",
        "sections[0].items[1].id",
        "Testfaktor 2",
    ),
    (
        "duplicate id inside a group",
        BASE,
        "{id: s_atgard,",
        "{id: f3,",
        "dubblett-id 'f3'",
        "sections[1].items[0].items[1].id",
        "Skyddsåtgärder",
    ),
    (
        "unknown item in score",
        DASH,
        "items: [q1, q2,",
        "items: [q1, q99,",
        "okänt item 'q99'",
        "scores[0].items[1]",
        "items: [q1",
    ),
    (
        "unknown code in score",
        DASH,
        "match: [ja]",
        "match: [jaa]",
        "okänd svarskod 'jaa'",
        "scores[0].match",
        "match:",
    ),
    (
        "overlapping bins",
        DASH,
        "min: 10, max: 13",
        "min: 9, max: 13",
        "överlappar",
        "scores[1].bins[1].min",
        "min: 9, max: 13",
    ),
    (
        "unsorted bins",
        DASH,
        '{code: hog, label: {sv: "Hög"}, min: 14}',
        '{code: hog, label: {sv: "Hög"}, min: 1}',
        "överlappar eller är osorterade",
        "scores[1].bins[2].min",
        'code: hog, label: {sv: "Hög"}, min',
    ),
    (
        "bins source later",
        DASH,
        "source: antal_ja",
        "source: niva",
        "okänd eller senare poäng 'niva'",
        "scores[1].source",
        "source: niva",
    ),
    (
        "spj with a source",
        BASE,
        '{id: akut, label: {sv: "Akut risk"}, scale: lmh}',
        '{id: akut, label: {sv: "Akut risk"}, scale: lmh, source: x}',
        "SPJ-bedömning får inte ha en källpoäng",
        "judgements[0].source",
        "id: akut",
    ),
    (
        "missing Swedish text",
        BASE,
        'text: {sv: "Testfaktor 3"}',
        'text: {en: "Factor 3"}',
        "svensk text saknas (sv)",
        "sections[0].items[2].text",
        "Factor 3",
    ),
    (
        "unknown key",
        BASE,
        "min: 1\n        max: 5",
        "min: 1\n        maxx: 5",
        "okänt fält",
        "sections[1].items[0].maxx",
        "maxx",
    ),
    (
        "raise_only on unordered scale",
        DASH,
        "    ordered: true\n    options:\n      - {code: standard",
        "    ordered: false\n    options:\n      - {code: standard",
        "raise_only kräver en ordnad skala",
        "judgements[0].override.allowed",
        "allowed: raise_only",
    ),
    (
        "advice to unknown code",
        LETH,
        '"false": ej_hog',
        '"false": lag',
        "okänd kod 'lag'",
        "judgements[0].advice.false",
        "advice:",
    ),
    (
        "at_least too large",
        LETH,
        "at_least: 4,",
        "at_least: 9,",
        "at_least (9) är fler",
        "scores[0].any[1].at_least",
        "at_least",
    ),
    (
        "advised without source",
        LETH,
        "    source: hog_fara\n",
        "",
        "mode: advised kräver source",
        "judgements[0].source",
        "id: fara",
    ),
    (
        "wrong kind",
        BASE,
        "kind: repeat_group",
        "kind: grupp",
        "okänd typ 'grupp'",
        "sections[1].items[0]",
        "id: scenario",
    ),
    (
        "min above max",
        BASE,
        "min: 1\n        max: 5",
        "min: 6\n        max: 5",
        "min (6) är större än max (5)",
        "sections[1].items[0].min",
        "min: 6",
    ),
]


@pytest.mark.parametrize(
    ("name", "base", "old", "new", "fragment", "path", "needle"), CASES, ids=[c[0] for c in CASES]
)
def test_each_error(name: str, base: str, old: str, new: str, fragment: str, path: str, needle: str) -> None:
    assert old in base, name
    text = base.replace(old, new, 1)
    found = [line for line in errors(text) if fragment in line]
    assert found, errors(text)
    line = found[0]
    expected_line = line_no(text, needle)
    assert line.startswith(f"t.yaml:{expected_line}: {path}: "), (line, expected_line)


WEIGHTED = DASH.replace(
    "  - id: niva\n    type: bins",
    '  - id: viktad\n    type: weighted_sum\n    label: {sv: "V"}\n    weights: {q1: {ja: 2, kanske: 1}}\n'
    "  - id: niva\n    type: bins",
)


def test_weight_on_unknown_option_code() -> None:
    (line,) = errors(WEIGHTED)
    assert line.endswith("scores[1].weights.q1: okänd svarskod 'kanske' för 'q1'")


CONDITIONS = BASE.replace(
    '{id: f2, kind: choice, scale: jfn, facets: [nu, tidigare], text: {sv: "Testfaktor 2"}}',
    '{id: f2, kind: choice, scale: jfn, facets: [nu, tidigare], show_if: {item: f3, facet: nu, in: ["J"]},'
    ' text: {sv: "Testfaktor 2"}}',
)


def test_condition_pointing_forward() -> None:
    (line,) = errors(CONDITIONS)
    assert (
        f"t.yaml:{line_no(CONDITIONS, 'Testfaktor 2')}: sections[0].items[1].show_if.item: "
        "villkoret pekar framåt"
        in line
    )


def test_condition_cycle_on_itself() -> None:
    text = BASE.replace(
        'facets: [nu, tidigare], text: {sv: "Testfaktor 4"}',
        'facets: [nu, tidigare], show_if: {not: {item: f4, facet: nu, in: ["N"]}},'
        ' text: {sv: "Testfaktor 4"}',
    )
    (line,) = errors(text)
    assert "sections[0].items[3].show_if.not.item: villkoret pekar framåt eller på sig självt" in line


def test_condition_without_facet_and_bad_code() -> None:
    text = BASE.replace(
        'facets: [nu, tidigare], text: {sv: "Testfaktor 4"}',
        'facets: [nu, tidigare], show_if: {all: [{item: f1, in: ["J"]},'
        ' {item: f2, facet: nu, in: ["X"]}]}, text: {sv: "Testfaktor 4"}',
    )
    lines = errors(text)
    assert any("show_if.all[0].facet: 'f1' har facetter" in x for x in lines)
    assert any("show_if.all[1].in: okänd svarskod 'X'" in x for x in lines)


def test_missing_english_when_declared() -> None:
    text = BASE.replace("locales: [sv]", "locales: [sv, en]")
    lines = errors(text)
    assert any(x.endswith("title: engelsk text saknas (en), locales innehåller en") for x in lines)


def test_locales_must_contain_sv_and_version_is_semver() -> None:
    lines = errors(BASE.replace("locales: [sv]", "locales: [en]").replace("version: 1.0.0", 'version: "1.0"'))
    assert any("t.yaml:5: locales: locales måste innehålla sv" in x for x in lines)
    assert any("t.yaml:3: version: ogiltigt format" in x for x in lines)


def test_own_checklist_cannot_claim_validated() -> None:
    lines = errors(BASE.replace("validated: false", "validated: true"))
    assert any("provenance: en egen checklista kan inte vara validerad" in x for x in lines)


# ------------------------------------------------------------------ hostile files
def test_yaml_bomb_with_aliases_is_refused() -> None:
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    )
    assert errors(bomb) == ["t.yaml:1: YAML-ankare (&) är inte tillåtna"]


def test_alias_alone_is_refused() -> None:
    assert errors("a: 1\nb: *a\n") == ["t.yaml:2: YAML-alias (*) är inte tillåtna"]


def test_deep_nesting_is_refused() -> None:
    deep = "a: " + "[" * 200 + "]" * 200 + "\n"
    (line,) = errors(deep)
    assert "för djup nästling" in line


def test_duplicate_keys_are_refused() -> None:
    assert errors("id: a\nversion: 1.0.0\nid: b\n") == ["t.yaml:3: dubblettnyckel 'id'"]


def test_python_tags_are_refused() -> None:
    (line,) = errors("a: !!python/object/apply:os.system ['true']\n")
    assert line.startswith("t.yaml:1: YAML-syntaxfel")


def test_not_a_mapping() -> None:
    assert errors("- a\n- b\n") == ["t.yaml:1: (dokument): ska vara en mappning (nyckel: värde)"]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    with pytest.raises(ValidationFailed) as info:
        load_definition_file(big)
    assert info.value.lines == (f"{big}: filen är för stor (högst 1024 KiB)",)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("id: 'våld'\n".encode("latin-1"), "filen är inte UTF-8"),
        ("id: 'våld'\n".encode("utf-16"), "filen är UTF-16"),
        (b"id: a\x00\n", "NUL"),
    ],
)
def test_wrong_encodings_are_refused(tmp_path: Path, raw: bytes, fragment: str) -> None:
    path = tmp_path / "enc.yaml"
    path.write_bytes(raw)
    with pytest.raises(ValidationFailed) as info:
        load_definition_file(path)
    assert fragment in info.value.lines[0] and info.value.lines[0].startswith(str(path))


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_definition_file(path).id == "se.stodapp.test.spj-lik"
