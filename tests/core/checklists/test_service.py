"""ChecklistService on a real store: drafts, signing, superseding, refusals, packs, registry, access, audit."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from sqlalchemy import select, text

from stodapp.calendar_se import local_date
from stodapp.checklists.demo import example_answers
from stodapp.checklists.judgements import deviation
from stodapp.checklists.service import ChecklistService
from stodapp.errors import AccessDenied, NotFound, UserInputError, ValidationFailed
from stodapp.paths import checklist_dir

DANGER = "se.stodapp.vinr.farlighet"
SPJ = "se.stodapp.vinr.spb_partner"
ORG = "se.stodapp.org.sjalvskattning"


def new_case(core: Any) -> int:
    from stodapp.cases.service import CaseService

    change = CaseService(core.ctx).create_case("Enhet fiktiv")
    return int(change.ids[0])


def decide_all(svc: ChecklistService, view: Any) -> Any:
    definition = svc.definition(view.record.definition_id, view.record.definition_version)
    for j in definition.judgements:
        entry = view.record.judgements.get(j.id)
        if entry is None or entry.value is None:
            scale = j.scale if not isinstance(j.scale, str) else definition.scales[j.scale]
            view = svc.set_judgement(view.id, j.id, scale.options[0].code)
    return view


def audit_rows(core: Any) -> list[Any]:
    from stodapp.store.tables import AuditRow

    with core.ctx.session() as s:
        return [(r.action, r.record_type, r.record_id, r.purpose) for r in s.scalars(select(AuditRow))]


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_draft_sign_history_supersede(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    assert anna.checklists is svc  # cached lazily on the Core
    case_id = new_case(anna)
    view = svc.start(DANGER, case_id)
    assert view.status == "draft" and view.case_id == case_id and view.audience == "case"
    assert "ej validerad" in view.copyright_line

    definition = svc.definition(DANGER)
    answers = example_answers(definition, seed=3)
    with pytest.raises(ValidationFailed, match="inte komplett"):
        svc.sign(view.id)
    assert svc.get(view.id).status == "draft"  # nothing changed by the refusal

    view = svc.save_answers(view.id, answers)
    assert view.record.answers == answers and view.record.scores  # scores recomputed on save
    view = decide_all(svc, view)
    signed = svc.sign(view.id)
    assert signed.status == "signed" and signed.signed_by == "anna" and signed.signed_at is not None
    assert signed.record.status == "signed" and signed.record.signed_by == "anna"

    with pytest.raises(UserInputError, match="signerad"):
        svc.save_answers(signed.id, {})
    with pytest.raises(UserInputError, match="signerad"):
        svc.set_judgement(signed.id, "samlad_risk", None)
    with pytest.raises(UserInputError):
        svc.discard_draft(signed.id)
    with pytest.raises(UserInputError, match="signerad"):
        svc.sign(signed.id)

    newer = svc.supersede(signed.id)
    assert newer.status == "draft" and newer.supersedes_id == signed.id
    assert newer.record.answers == signed.record.answers  # prefilled from the signed one
    with pytest.raises(UserInputError, match="redan ersatt"):
        svc.supersede(signed.id)
    with pytest.raises(UserInputError, match="signerad"):
        svc.supersede(newer.id)

    history = svc.history(case_id)
    assert {h.id for h in history} == {signed.id, newer.id}
    by_id = {h.id: h for h in history}
    assert by_id[signed.id].superseded_by == newer.id and by_id[newer.id].supersedes_id == signed.id
    assert svc.get(signed.id).superseded_by == newer.id

    svc.discard_draft(newer.id)
    assert [h.id for h in svc.history(case_id)] == [signed.id]

    actions = [a[0] for a in audit_rows(anna)]
    for action in ("assessment.create", "assessment.save", "assessment.sign",
                   "assessment.supersede", "assessment.history", "assessment.discard"):
        assert action in actions
    for _action, _rt, _rid, purpose in audit_rows(anna):
        assert "Fiktiv" not in purpose  # no content in audit rows


def test_signed_row_is_frozen_in_the_database(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    view = svc.start(DANGER, new_case(anna))
    view = decide_all(svc, svc.save_answers(view.id, example_answers(svc.definition(DANGER), seed=1)))
    svc.sign(view.id)
    with pytest.raises(Exception, match="read-only"), anna.ctx.session() as s:
        s.execute(text("UPDATE assessments SET record_json = '{}' WHERE id = :i"), {"i": view.id})
    assert svc.get(view.id).record.answers  # untouched


def test_bad_answers_and_overrides_refused_nothing_saved(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    view = svc.start(DANGER, new_case(anna))
    with pytest.raises(ValidationFailed, match="fel i svaren"):
        svc.save_answers(view.id, {"no_such_item": "ja"})
    first_choice = next(k for k, v in example_answers(svc.definition(DANGER), 1).items() if isinstance(v, str)
                        and not v.startswith("Fiktiv") and "-" not in v)
    with pytest.raises(ValidationFailed):
        svc.save_answers(view.id, {first_choice: "not-a-code"})
    assert svc.get(view.id).record.answers == {}

    # Enough "ja" answers make the advised judgement high. The professional may go lower (structured
    # professional judgement stands in both directions) with a written reason; it is marked as a deviation.
    definition = svc.definition(DANGER)
    judgement = next(j for j in definition.judgements if j.mode == "advised")
    answers = example_answers(definition, seed=1)
    for item_id, value in list(answers.items()):
        if value in ("nej", "vet_ej"):
            answers[item_id] = "ja"
    view = svc.save_answers(view.id, answers)
    advised = view.record.judgements[judgement.id].advised
    assert advised == "hog"
    with pytest.raises(UserInputError, match="motivering") as err:
        svc.set_judgement(view.id, judgement.id, "medel", reason="kort")
    assert judgement.id not in str(err.value) and judgement.label.sv in str(err.value)  # no internal id
    assert "lägre nivå än förslaget" in str(err.value) and "avvikelse" in str(err.value)
    assert svc.get(view.id).record.judgements[judgement.id].value == "hog"  # the refused change changed nothing
    view = svc.set_judgement(view.id, judgement.id, "medel", reason="Fiktiv motivering med tillräckligt många tecken")
    entry = view.record.judgements[judgement.id]
    assert entry.value == "medel" and entry.by == "anna" and entry.at is not None and entry.overridden
    assert deviation(definition, judgement, entry) == "lower"
    assert svc.get(view.id).record.judgements[judgement.id].advised == advised
    assert svc.get(view.id).record.judgements[judgement.id].deviation == "lower"  # marked in the stored record
    # Higher than suggested is not possible here (hög is the top); back to the suggestion clears the mark.
    view = svc.set_judgement(view.id, judgement.id, "hog")
    assert view.record.judgements[judgement.id].deviation is None


def test_lowered_level_is_a_deviation_that_a_local_routine_can_send_for_cosigning(open_core: Any) -> None:
    from stodapp.checklists.cosign import CosignService

    admin, anna, sara = open_core("admin"), open_core("anna"), open_core("sara")
    svc = anna.checklists
    view = svc.start(DANGER, new_case(anna))
    definition = svc.definition(DANGER)
    answers = example_answers(definition, seed=1) | {"strypgrepp": "ja"}
    view = svc.save_answers(view.id, answers)
    view = decide_all(svc, view)
    view = svc.set_judgement(view.id, "samlad_risk", "lag", reason="Fiktiv motivering: skyddat boende sedan i går.")

    with pytest.raises(AccessDenied):
        CosignService(anna.ctx).set_routine(True)  # an administrator's routine, not the caseworker's
    CosignService(admin.ctx).set_routine(True)
    signed = svc.sign(view.id)
    assert signed.record.cosign_required and signed.cosigned_by is None
    assert signed.record.judgements["samlad_risk"].deviation == "lower"
    text = " ".join(pdf_text(svc.pdf(view.id)).split())
    assert "AVVIKELSE: lägre nivå än förslaget" in text and "Inte medsignerad ännu" in text
    with pytest.raises(AccessDenied):
        CosignService(anna.ctx).pending()  # the caseworker cannot co-sign her own
    pending = CosignService(sara.ctx).pending()
    assert [p.id for p in pending] == [view.id]
    lowered = pending[0].lowered[0]
    assert (lowered.advised, lowered.chosen) == ("hog", "lag") and "skyddat boende" in lowered.reason
    assert "Enhet fiktiv" not in pending[0].model_dump_json()  # no case details for the supervisor
    CosignService(sara.ctx).cosign(view.id)
    assert svc.get(view.id).cosigned_by == "sara"
    text = " ".join(pdf_text(svc.pdf(view.id)).split())
    assert "medsignerad av arbetsledare sara" in text and "Inte medsignerad" not in text
    with pytest.raises(UserInputError, match="redan medsignerad"):
        CosignService(sara.ctx).cosign(view.id)
    assert CosignService(sara.ctx).pending() == []

    # Without the routine a lowered level is still a deviation but needs no second signature.
    CosignService(admin.ctx).set_routine(False)
    other = svc.save_answers(svc.start(DANGER, new_case(anna)).id, answers)
    other = decide_all(svc, other)
    other = svc.set_judgement(other.id, "samlad_risk", "medel", reason="Fiktiv motivering med tillräckligt många tecken")
    signed_other = svc.sign(other.id)
    assert not signed_other.record.cosign_required
    assert signed_other.record.judgements["samlad_risk"].deviation == "lower"
    text = " ".join(pdf_text(svc.pdf(other.id)).split())
    assert "AVVIKELSE: lägre nivå än förslaget" in text and "medsignera" not in text


def test_access_rules(open_core: Any) -> None:
    anna, bertil, sara, admin, tove = (open_core(n) for n in ("anna", "bertil", "sara", "admin", "tove"))
    case_id = new_case(anna)
    view = anna.checklists.start(SPJ, case_id)
    with pytest.raises(NotFound):
        bertil.checklists.get(view.id)
    with pytest.raises(NotFound):
        bertil.checklists.history(case_id)
    with pytest.raises(NotFound):
        bertil.checklists.start(SPJ, case_id)
    with pytest.raises(AccessDenied):
        admin.checklists.start(SPJ, case_id)
    with pytest.raises(AccessDenied):
        sara.checklists.get(view.id)
    with pytest.raises(UserInputError, match="ärende"):
        anna.checklists.start(SPJ, None)
    with pytest.raises(NotFound):
        anna.checklists.start("no.such.list", case_id)
    with pytest.raises(NotFound):
        anna.checklists.get("0" * 32)
    # organisation self-assessment: supervisors only, never on a case
    with pytest.raises(AccessDenied):
        anna.checklists.start(ORG)
    with pytest.raises(UserInputError, match="utan ärende"):
        sara.checklists.start(ORG, case_id)
    # a trainer's case-less exercise is theirs alone
    exercise = tove.checklists.start(SPJ)
    assert exercise.audience == "training" and exercise.case_id is None
    assert [h.id for h in tove.checklists.training_history()] == [exercise.id]
    with pytest.raises(NotFound):
        anna.checklists.get(exercise.id)
    # every role may list definitions
    assert len(admin.checklists.list_definitions().definitions) >= 8


def test_org_self_assessment_dated_history(open_core: Any, store_dir: Path) -> None:
    sara = open_core("sara")
    svc = sara.checklists
    definition = svc.definition(ORG)
    first = svc.start(ORG)
    assert first.audience == "organisation" and first.case_id is None
    first = svc.sign(svc.save_answers(first.id, example_answers(definition, 2)).id)
    assert first.review_date is not None and first.signed_at is not None
    assert (first.review_date - local_date(first.signed_at)).days == definition.reassessment.interval_days  # type: ignore[union-attr]
    second = svc.supersede(first.id)
    history = svc.org_history()
    assert {h.id for h in history} == {first.id, second.id}
    assert all(h.audience == "organisation" for h in history)
    assert "Organisationens" in history[0].title.sv


def test_pdf_of_signed_assessment(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    view = svc.start(DANGER, new_case(anna))
    view = decide_all(svc, svc.save_answers(view.id, example_answers(svc.definition(DANGER), 5)))
    draft_pdf = pdf_text(svc.pdf(view.id))
    signed = svc.sign(view.id)
    data = svc.pdf(signed.id)
    assert data.startswith(b"%PDF") and pdf_text(svc.pdf(signed.id)) == pdf_text(data)  # reprints match
    body = pdf_text(data)
    assert "ej validerad" in body and "UTKAST" not in body and "UTKAST" in draft_pdf
    assert "assessment.pdf" in [a[0] for a in audit_rows(anna)]


def test_signed_assessment_pdf_names_case_person_and_signer(open_core: Any, tmp_path: Path) -> None:
    """Paper that goes into the file: case number, the person's name and personnummer, the signer's own name."""
    from stodapp.cases.models import PersonInput
    from stodapp.roles import Role
    from tests.conftest import USER_PASS

    open_core("admin").users.add("lena", Role.CASEWORKER, USER_PASS, display_name="Lena Fiktivsdotter")
    lena = open_core("lena")
    svc = lena.checklists
    case_id = new_case(lena)
    lena.cases.persons.add(case_id, PersonInput(role="stodsokande", given_name="Tova", family_name="Provberg",
                                                id_kind="personnummer", number="19121212-1212"))
    case_no = lena.cases.open_case(case_id).case_no
    view = svc.start(DANGER, case_id)
    view = decide_all(svc, svc.save_answers(view.id, example_answers(svc.definition(DANGER), 5)))
    data = svc.pdf(svc.sign(view.id).id)
    (tmp_path / "signed.pdf").write_bytes(data)
    body = " ".join(pdf_text(data).split())
    assert f"Ärende {case_no}" in body and "Person Tova Provberg" in body
    assert "Personnummer 19121212-1212" in body
    assert "Signerad Lena Fiktivsdotter," in body and "Upprättad Lena Fiktivsdotter," in body
    assert "lena" not in body
    lena.cases.notes.add(case_id, "Fiktivt samtal om bedömningen.")
    assert [n.author for n in lena.cases.notes.list(case_id)] == ["Lena Fiktivsdotter"]  # journal lines too

    # A protected person: neither her name nor her number on paper.
    hidden_case = new_case(lena)
    lena.cases.persons.add(hidden_case, PersonInput(role="stodsokande", given_name="Tova", family_name="Provberg",
                                                    id_kind="personnummer", number="19121212-1212",
                                                    protected_identity=True))
    hidden = svc.start(DANGER, hidden_case)
    hidden = decide_all(svc, svc.save_answers(hidden.id, example_answers(svc.definition(DANGER), 5)))
    body = " ".join(pdf_text(svc.pdf(svc.sign(hidden.id).id)).split())
    assert "Person Skyddad identitet" in body
    assert "Provberg" not in body and "19121212" not in body and "Personnummer" not in body


def licensed_pack(tmp_path: Path, *, training: list[str], version: str = "1.0.0") -> Path:
    data = yaml.safe_load((checklist_dir() / "03_danger.yaml").read_text(encoding="utf-8"))
    data["id"] = "se.kommun.licens.farlighet"
    data["version"] = version
    data["provenance"] = {
        "origin": "licensed_local", "copyright": "Fiktiv Förlag AB 2026", "licence": "Lokal licens nr 1",
        "licensee": "Fiktiva kommunen", "validated": False, "requires_training": training,
    }
    path = tmp_path / f"pack-{version}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_content_pack_import_and_required_training(open_core: Any, tmp_path: Path) -> None:
    admin, anna, tove = open_core("admin"), open_core("anna"), open_core("tove")
    pack = licensed_pack(tmp_path, training=["kurs_farlighet"])
    with pytest.raises(AccessDenied):
        anna.checklists.import_pack(pack)
    info = admin.checklists.check_pack(pack)
    assert "Fiktiv Förlag AB 2026" in info.copyright_line and info.requires_training == ("kurs_farlighet",)
    admin.checklists.import_pack(pack)
    with pytest.raises(UserInputError, match="redan importerat"):
        admin.checklists.import_pack(pack)

    listed = {d.definition_id: d for d in anna.checklists.list_definitions().definitions}
    entry = listed["se.kommun.licens.farlighet"]
    assert entry.source == "pack" and "Fiktiv Förlag AB 2026" in entry.copyright_line
    assert entry.missing_training == ("kurs_farlighet",)
    case_id = new_case(anna)
    with pytest.raises(UserInputError, match="kurs_farlighet"):
        anna.checklists.start("se.kommun.licens.farlighet", case_id)

    with pytest.raises(AccessDenied):
        anna.checklists.record_training("anna", "kurs_farlighet", date(2026, 1, 2))
    with pytest.raises(UserInputError, match="framtiden"):
        tove.checklists.record_training("anna", "kurs_farlighet", date(2030, 1, 1))
    with pytest.raises(NotFound):
        tove.checklists.record_training("ingen", "kurs_farlighet", date(2026, 1, 2))
    tove.checklists.record_training("anna", "kurs_farlighet", date(2026, 1, 2), pack_id="se.kommun.licens.farlighet")
    assert [t.training_id for t in anna.checklists.trainings()] == ["kurs_farlighet"]
    with pytest.raises(AccessDenied):
        anna.checklists.trainings("bertil")
    view = anna.checklists.start("se.kommun.licens.farlighet", case_id)
    assert "Fiktiv Förlag AB 2026" in view.copyright_line

    # a shipped checklist is not a pack; a broken pack changes nothing
    with pytest.raises(ValidationFailed, match="innehållspaket"):
        admin.checklists.import_pack(checklist_dir() / "03_danger.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: 1\n", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        admin.checklists.import_pack(bad)
    assert sum(d.source == "pack" for d in admin.checklists.list_definitions().definitions) == 1


def test_registry_refuses_changed_published_definition(open_core: Any, tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    shutil.copy(checklist_dir() / "03_danger.yaml", folder / "03_danger.yaml")
    (folder / "99_broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    anna = open_core("anna")
    svc = ChecklistService(anna.ctx, folder)
    listing = svc.list_definitions()
    assert [d.definition_id for d in listing.definitions] == [DANGER]
    assert len(listing.broken) == 1 and "99_broken.yaml" in listing.broken[0].source

    case_id = new_case(anna)
    view = svc.start(DANGER, case_id)
    view = decide_all(svc, svc.save_answers(view.id, example_answers(svc.definition(DANGER), 7)))
    signed = svc.sign(view.id)
    before = pdf_text(svc.pdf(signed.id))

    path = folder / "03_danger.yaml"
    source = path.read_text(encoding="utf-8")
    changed = source.replace("title:\n  sv: \"", "title:\n  sv: \"ÄNDRAD ", 1)
    assert changed != source
    path.write_text(changed, encoding="utf-8")
    svc.reload()
    with pytest.raises(UserInputError, match="nytt versionsnummer"):
        svc.start(DANGER, case_id)
    listing = svc.list_definitions()
    assert listing.definitions == () and any("nytt versionsnummer" in b.summary for b in listing.broken)
    assert pdf_text(svc.pdf(signed.id)) == before  # the signed assessment renders exactly as signed

    # a new version is fine, and superseding moves to it with the old answers carried over
    shipped_version = signed.record.definition_version
    path.write_text(changed.replace(f"version: {shipped_version}", "version: 9.0.0", 1), encoding="utf-8")
    svc.reload()
    newer = svc.supersede(signed.id)
    assert newer.record.definition_version == "9.0.0" and newer.record.answers
    with pytest.raises(Exception, match="immutable"), anna.ctx.session() as s:
        s.execute(text(f"UPDATE checklist_definitions SET definition_json = '{{}}' WHERE version = '{shipped_version}'"))


def test_demo_filler(open_core: Any) -> None:
    from stodapp.checklists.demo import fill

    anna = open_core("anna")
    case_ids = [new_case(anna) for _ in range(3)]
    fill(open_core("admin").ctx, seed=11)
    history = anna.checklists.history(case_ids[0])
    assert len(history) == 2 and all(h.status == "signed" for h in history)
    assert {h.superseded_by for h in history} - {None}
    assert len(open_core("sara").checklists.org_history()) == 1
    for cid in case_ids:
        for h in anna.checklists.history(cid):
            assert anna.checklists.pdf(h.id).startswith(b"%PDF")
