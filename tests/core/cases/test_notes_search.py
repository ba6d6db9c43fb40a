"""Append-only notes and Swedish case-insensitive search (å/ä/ö folded for case, kept apart from a/o)."""

from __future__ import annotations

import pytest
import sqlalchemy

from stodapp.cases.casework_tables import NoteRow
from stodapp.cases.models import PersonInput
from stodapp.errors import UserInputError


def test_notes_are_append_only_with_corrections(cases_for, open_core):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    first = int(anna.notes.add(case_id, "Besök, berättade om hot").ids[1])
    with pytest.raises(UserInputError, match="rättelse"):
        anna.notes.edit(first, "ändrad text")
    anna.notes.add(case_id, "Rättelse: hotet gällde även barnen", corrects_id=first)
    notes = anna.notes.list(case_id)
    assert notes[0].body == "Besök, berättade om hot" and notes[0].corrected_by == (notes[1].id,)
    assert notes[1].corrects_id == first
    core = open_core("anna")
    with pytest.raises(sqlalchemy.exc.IntegrityError), core.ctx.session() as s:  # the database refuses too
        s.get(NoteRow, first).body = "smyg-ändring"  # type: ignore[union-attr]
    assert anna.notes.list(case_id)[0].body == "Besök, berättade om hot"
    with pytest.raises(UserInputError):
        anna.notes.add(case_id, "   ")


def test_swedish_case_insensitive_search(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Åsa-Test", family_name="Öberg"))
    anna.notes.add(case_id, "Samtal med ÖBERG om Älvsjö")
    other = int(anna.create_case().ids[0])
    anna.persons.add(other, PersonInput(role="stodsokande", given_name="Asa", family_name="Oberg"))
    anna.notes.add(other, "Samtal med Oberg om Alvsjo")

    def found(q: str, kind: str) -> set[int]:
        return {h.case_id for h in anna.search(q) if h.matched == kind}

    assert found("öberg", "namn") == {case_id}
    assert found("ÖBERG åsa", "namn") == {case_id}
    assert found("oberg", "namn") == {other}
    assert found("öberg", "anteckning") == {case_id}
    assert found("oberg", "anteckning") == {other}
    assert found("älvs", "anteckning") == {case_id}  # prefix on the last word
    assert found("ALVSJO", "anteckning") == {other}


def test_search_by_case_number_and_personnummer_prefix(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Demo", family_name="Testsson",
                                          id_kind="personnummer", number="19121212-1212"))
    no = anna.open_case(case_id).case_no
    assert [h.case_id for h in anna.search(no.lower()) if h.matched == "arendenummer"] == [case_id]
    for q in ("1912", "19121212", "191212", "19121212-12"):
        assert [h.case_id for h in anna.search(q)] == [case_id], q
    assert anna.search("19131212") == []
    with pytest.raises(UserInputError):
        anna.search("x")
    assert anna.search('"*) OR (') == []  # FTS syntax in user text is quoted, never an error


def test_first_name_and_case_number_serial_find_the_case(cases_for):  # type: ignore[no-untyped-def]
    from stodapp.cases.models import PersonInput

    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Örjan-Demo", family_name="Skissholm"))
    case_no = anna.open_case(case_id).case_no
    for query in ("örjan", "Örjan-Demo", "skissholm örjan", "ÖRJAN demo"):
        assert any(h.case_id == case_id for h in anna.search(query)), query
    assert not any(h.case_id == case_id for h in anna.search("orjan"))  # å/ä/ö stay distinct from a/o
    serial = case_no.rsplit("-", 1)[1]
    assert any(h.case_id == case_id and h.matched == "arendenummer" for h in anna.search(serial))
    bertil = cases_for("bertil")
    assert not any(h.case_id == case_id for h in bertil.search("örjan"))  # never another's case
