"""Case behaviour that is the same on both stores, run once on the local SQLCipher store and once on PostgreSQL
(the server half skips without a test cluster): create, persons, search, open, journal notes, bad input."""

from __future__ import annotations

import pytest

from stodapp.cases.models import PersonInput
from stodapp.errors import AccessDenied, NotFound, UserInputError

PEOPLE = (
    ("Åsa", "Öberg", "19121212-1212"),
    ("Asa", "Oberg", None),
    ("Märta-Lovisa", "Ekström Ärlig", None),
    ("Zyxina", "Qwortmannsson", "20121212-1212"),
)


def _person(given: str, family: str, pnr: str | None) -> PersonInput:
    if pnr:
        return PersonInput(role="stodsokande", given_name=given, family_name=family, id_kind="personnummer",
                           number=pnr)
    return PersonInput(role="stodsokande", given_name=given, family_name=family)


def _fill(session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids: dict[str, int] = {}
    for given, family, pnr in PEOPLE:
        case_id = int(session.cases.create_case().ids[0])
        session.cases.persons.add(case_id, _person(given, family, pnr))
        ids[f"{given} {family}"] = case_id
    return ids


# Query -> the people it finds: å/ä/ö fold case (Å→å) but stay apart from a/o, every word must match a name
# word, the last word as a prefix; the same on both stores.
QUERIES = {
    "åsa": {"Åsa Öberg"},
    "ÅSA": {"Åsa Öberg"},
    "öb": {"Åsa Öberg"},
    "asa": {"Asa Oberg"},
    "OB": {"Asa Oberg"},
    "öberg åsa": {"Åsa Öberg"},
    "märta lov": {"Märta-Lovisa Ekström Ärlig"},
    "ärl": {"Märta-Lovisa Ekström Ärlig"},
    "ekstrom": set(),
    "qwortmannsson zyx": {"Zyxina Qwortmannsson"},
    "zyxinaa": set(),
}


def test_name_search_is_the_same_on_both_stores(backend) -> None:  # type: ignore[no-untyped-def]
    anna = backend("anna")
    ids = _fill(anna)
    by_id = {v: k for k, v in ids.items()}
    for query, expected in QUERIES.items():
        hits = [h for h in anna.cases.search(query) if h.matched == "namn"]
        assert {by_id[h.case_id] for h in hits} == expected, query
        assert all(h.person == by_id[h.case_id] for h in hits)


def test_personnummer_search_finds_the_whole_number_in_any_spelling(backend) -> None:  # type: ignore[no-untyped-def]
    anna = backend("anna")
    ids = _fill(anna)
    for spelling in ("19121212-1212", "191212121212"):
        hits = [h for h in anna.cases.search(spelling) if h.matched == "personnummer"]
        assert [(h.case_id, h.person) for h in hits] == [(ids["Åsa Öberg"], "Åsa Öberg")], spelling
    hits = [h for h in anna.cases.search("20121212-1212") if h.matched == "personnummer"]
    assert [h.case_id for h in hits] == [ids["Zyxina Qwortmannsson"]]
    # Without the century both are candidates, on both stores.
    hits = [h for h in anna.cases.search("121212-1212") if h.matched == "personnummer"]
    assert sorted(h.case_id for h in hits) == sorted([ids["Åsa Öberg"], ids["Zyxina Qwortmannsson"]])


def test_case_number_search(backend) -> None:  # type: ignore[no-untyped-def]
    anna = backend("anna")
    case_id = int(anna.cases.create_case().ids[0])
    case_no = anna.cases.open_case(case_id).case_no
    assert case_no.startswith("VNR-2026-")
    for query in (case_no, case_no.lower(), case_no[-6:]):
        assert [(h.case_id, h.matched) for h in anna.cases.search(query)] == [(case_id, "arendenummer")], query


def test_open_journal_and_append_only_notes(backend) -> None:  # type: ignore[no-untyped-def]
    anna = backend("anna")
    case_id = int(anna.cases.create_case().ids[0])
    anna.cases.persons.add(case_id, _person("Åsa", "Öberg", "19121212-1212"))
    first = int(anna.cases.notes.add(case_id, "Första samtalet.\nHon vill ha stöd.").ids[1])
    fix = int(anna.cases.notes.add(case_id, "Rättelse: andra samtalet.", corrects_id=first).ids[1])
    journal = anna.cases.open_journal(case_id)
    assert journal.case.id == case_id and journal.case.caseworkers == ("anna",)
    (person,) = journal.case.persons
    assert (person.given_name, person.family_name, person.personnummer, person.age_band) == (
        "Åsa", "Öberg", "19121212-1212", "80+")
    assert person.birth_date is not None and person.birth_date.isoformat() == "1912-12-12"
    assert [(n.id, n.body, n.corrects_id, n.corrected_by) for n in journal.notes] == [
        (first, "Första samtalet.\nHon vill ha stöd.", None, (fix,)),
        (fix, "Rättelse: andra samtalet.", first, ()),
    ]
    assert [n.author for n in anna.cases.notes.list(case_id)] == ["anna", "anna"]
    listed = anna.cases.list_cases()
    assert [(r.id, r.main_person) for r in listed.rows] == [(case_id, "Åsa Öberg")] and listed.total == 1


def test_other_caseworker_and_supervisor_are_refused(backend) -> None:  # type: ignore[no-untyped-def]
    anna, bertil, sara = backend("anna"), backend("bertil"), backend("sara")
    ids = _fill(anna)
    case_id = ids["Åsa Öberg"]
    assert bertil.cases.search("åsa") == [] and bertil.cases.search("19121212-1212") == []
    assert bertil.cases.list_cases().total == 0
    with pytest.raises((AccessDenied, NotFound)):
        bertil.cases.open_journal(case_id)
    with pytest.raises((AccessDenied, NotFound)):
        bertil.cases.notes.add(case_id, "Ska inte sparas")
    with pytest.raises(AccessDenied):
        sara.cases.create_case()
    with pytest.raises(AccessDenied):
        sara.cases.search("åsa")
    assert [n.body for n in anna.cases.notes.list(case_id)] == []


@pytest.mark.parametrize(
    ("what", "call"),
    [
        ("empty note", lambda c, cid: c.cases.notes.add(cid, "   \n ")),
        ("control character", lambda c, cid: c.cases.notes.add(cid, "före\x00efter")),
        ("too long note", lambda c, cid: c.cases.notes.add(cid, "x" * 20001)),
        ("bad checksum", lambda c, cid: c.cases.persons.add(cid, _person("Åsa", "Öberg", "19121212-1213"))),
        ("unknown group", lambda c, cid: c.cases.persons.add(
            cid, PersonInput(role="barn", given_name="Ada", family_name="Ek", groups=("okänd",)))),
        ("correct a missing note", lambda c, cid: c.cases.notes.add(cid, "Rättelse", corrects_id=999999)),
        ("one-letter search", lambda c, cid: c.cases.search("å")),
    ],
)
def test_bad_input_one_clear_message_nothing_written(backend, what, call) -> None:  # type: ignore[no-untyped-def]
    anna = backend("anna")
    case_id = int(anna.cases.create_case().ids[0])
    before = anna.cases.open_journal(case_id)
    with pytest.raises((UserInputError, NotFound)) as err:
        call(anna, case_id)
    message = str(err.value)
    assert message and "\n" not in message, what
    assert "Åsa" not in message and "före" not in message
    after = anna.cases.open_journal(case_id)
    assert (after.case.persons, after.notes) == (before.case.persons, before.notes), what
