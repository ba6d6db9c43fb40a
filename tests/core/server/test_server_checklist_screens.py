"""The Checklistor screens on a real PostgreSQL (`ServerCore.checklist_screens`): the page in one read, fill a
checklist, save, sign in again and see the answers; a stale save is a conflict that saves nothing and loses
nothing; a caseworker without the case assigned sees neither the case nor its assessments; free text is only
ciphertext on the server."""

from __future__ import annotations

import pytest

from stodapp.changes import Change
from stodapp.errors import Conflict, NotFound, UserInputError
from stodapp.server.gui_core import ServerCore
from stodapp.store.keyslots import KdfParams

from .conftest import USER_PASS, PgServer, make_unit

SCREENING = "se.stodapp.vinr.screening"
NOTE = "Zyxsentinel-checklistanteckning"
REASON = "Qwvsentinel motivering: personen berättade mer vid nästa besök"
FIRST = {"kanal": "besok", "ensam": "nej"}
SIGNABLE = {"kanal": "besok", "ensam": "ja", "psykiskt": "nej", "fysiskt": "nej", "sexuellt": "nej",
            "heder": "nej", "barn_finns": "nej", "information_given": "ja", "anteckning": NOTE}


def _core(url: str, clock, user: str = "anna") -> ServerCore:  # type: ignore[no-untyped-def]
    return ServerCore.connect(url, user, USER_PASS, clock=clock, login_kdf=KdfParams.for_tests())


def test_fill_save_sign_in_again_and_see_the_answers(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    anna = _core(url, clock)
    heard: list[Change] = []
    anna.subscribe(heard.append)
    try:
        older = int(anna.cases.create_case().ids[0])
        newer = int(anna.cases.create_case().ids[0])
        screens = anna.checklist_screens
        page = screens.page()
        assert [c.id for c in page.subjects] == [newer, older] and page.subject == newer and page.history == ()
        ids = [d.definition_id for d in page.definitions.definitions]
        assert SCREENING in ids and all(d.audience == "case" and d.status == "published"
                                        for d in page.definitions.definitions)
        assert len(ids) == len(set(ids)) and ids[0] == SCREENING  # the newest version of each, once, files in order

        started = screens.start(older, SCREENING, op_id=screens.new_op_id())
        assert started.view.status == "draft" and started.view.case_id == older and started.version == 1
        saved = screens.save_draft(int(started.view.id), SIGNABLE, {"fortsattning": ("ga_vidare", REASON)},
                                   version=started.version, op_id=screens.new_op_id())
        assert saved.version == 2 and saved.view.record.answers["anteckning"] == NOTE
        assert [(c.area, c.action) for c in heard] == [("assessments", "created"), ("assessments", "saved")]
        assert heard[-1].ids == (started.view.id, str(older))
    finally:
        anna.close()

    again = _core(url, clock)  # signed in again, as on another laptop
    try:
        page = again.checklist_screens.page(older)
        assert page.subject == older
        assert [(h.id, h.status, h.checklist_id) for h in page.history] == [(started.view.id, "draft", SCREENING)]
        opened = again.checklist_screens.open(int(page.history[0].id))
        assert opened.version == 2
        assert opened.view.record.answers == saved.view.record.answers
        entry = opened.view.record.judgements["fortsattning"]
        assert (entry.value, entry.reason, entry.by) == ("ga_vidare", REASON, "anna")
        signed = again.checklist_screens.sign(int(opened.view.id), version=opened.version,
                                              op_id=again.checklist_screens.new_op_id())
        assert signed.view.status == "signed" and signed.view.signed_by == "anna"
        assert signed.view.review_date is not None  # the screening's interval from the Swedish day of signing
        history = again.checklist_screens.history(older)
        assert [(h.status, h.signed_by) for h in history.rows] == [("signed", "anna")]
        with pytest.raises(UserInputError, match="signerad"):
            again.checklist_screens.save_draft(int(signed.view.id), FIRST, {}, version=signed.version,
                                               op_id=again.checklist_screens.new_op_id())
    finally:
        again.close()


def test_a_stale_save_is_a_conflict_and_loses_nothing(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    here, there = _core(url, clock), _core(url, clock)  # the same caseworker on two laptops
    try:
        case_id = int(here.cases.create_case().ids[0])
        form = here.checklist_screens.start(case_id, SCREENING, op_id="a" * 32)
        form_id = int(form.view.id)
        read_here = here.checklist_screens.open(form_id)
        read_there = there.checklist_screens.open(form_id)
        theirs = there.checklist_screens.save_draft(form_id, FIRST, {}, version=read_there.version, op_id="b" * 32)
        with pytest.raises(Conflict, match="Någon annan har ändrat.*ladda om"):
            here.checklist_screens.save_draft(form_id, SIGNABLE, {"fortsattning": ("ga_vidare", REASON)},
                                              version=read_here.version, op_id="c" * 32)
        now = here.checklist_screens.open(form_id)  # theirs stands, nothing of the stale save was written
        assert now.version == theirs.version and now.view.record.answers == theirs.view.record.answers
        assert "fortsattning" not in now.view.record.judgements or now.view.record.judgements[
            "fortsattning"].reason != REASON
        with pytest.raises(Conflict):  # a stale signature too
            here.checklist_screens.sign(form_id, version=read_here.version, op_id="d" * 32)
        # Reloaded, her save goes through on the version she now read.
        mine = here.checklist_screens.save_draft(form_id, SIGNABLE, {}, version=now.version, op_id="e" * 32)
        assert mine.version == now.version + 1 and mine.view.record.answers["anteckning"] == NOTE
    finally:
        here.close()
        there.close()


def test_a_refused_judgement_saves_none_of_the_answers(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    anna = _core(url, clock)
    try:
        case_id = int(anna.cases.create_case().ids[0])
        form = anna.checklist_screens.start(case_id, SCREENING, op_id="a" * 32)
        with pytest.raises(UserInputError):  # overriding the advice needs a written reason: the whole save refused
            anna.checklist_screens.save_draft(int(form.view.id), SIGNABLE, {"fortsattning": ("ga_vidare", "")},
                                              version=form.version, op_id="b" * 32)
        now = anna.checklist_screens.open(int(form.view.id))
        assert now.version == 1 and now.view.record.answers == {}
    finally:
        anna.close()


def test_a_caseworker_without_the_case_sees_nothing_of_it(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    anna, bertil = _core(url, clock), _core(url, clock, "bertil")
    try:
        case_id = int(anna.cases.create_case().ids[0])
        form = anna.checklist_screens.start(case_id, SCREENING, op_id="a" * 32)
        anna.checklist_screens.save_draft(int(form.view.id), SIGNABLE, {}, version=form.version, op_id="b" * 32)
        own = int(bertil.cases.create_case().ids[0])
        page = bertil.checklist_screens.page(case_id)  # asking for her case gives his own page
        assert [c.id for c in page.subjects] == [own] and page.subject == own and page.history == ()
        with pytest.raises(NotFound):
            bertil.checklist_screens.history(case_id)
        with pytest.raises(NotFound):
            bertil.checklist_screens.open(int(form.view.id))
        with pytest.raises(NotFound):
            bertil.checklist_screens.save_draft(int(form.view.id), FIRST, {}, version=2, op_id="c" * 32)
        with pytest.raises(NotFound):
            bertil.checklist_screens.start(case_id, SCREENING, op_id="d" * 32)
        assert anna.checklist_screens.open(int(form.view.id)).view.record.answers["anteckning"] == NOTE
    finally:
        anna.close()
        bertil.close()
    with pg_server.super_connect(pg_db) as c:  # the operator's view: a kind, a case id, ciphertext
        rows = c.execute("SELECT kind, body_ct FROM case_forms").fetchall()
        audit = c.execute("SELECT string_agg(action || record_id || purpose, ' ') FROM audit_log").fetchone()[0]
    assert [r[0] for r in rows] == ["assessment"]
    for needle in (NOTE, "Zyxsentinel", SCREENING, "anteckning"):
        assert needle.encode() not in bytes(rows[0][1]) and needle not in audit


def test_the_page_is_one_read(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    anna = _core(url, clock)
    try:
        case_id = int(anna.cases.create_case().ids[0])
        anna.checklist_screens.start(case_id, SCREENING, op_id="a" * 32)
        store = anna._store
        assert store is not None
        opened = 0
        original = store.session

        def counting():  # type: ignore[no-untyped-def]
            nonlocal opened
            opened += 1
            return original()

        store.session = counting  # type: ignore[method-assign]
        page = anna.checklist_screens.page()
        assert opened == 1 and len(page.history) == 1 and page.subjects[0].id == case_id
    finally:
        anna.close()
