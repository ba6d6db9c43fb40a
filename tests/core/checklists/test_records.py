"""Assessment records: answers, signing, superseding, digest pinning, identical re-rendering, packs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stodapp.checklists.answers import check_answers, load_answers_file
from stodapp.checklists.digest import definition_digest
from stodapp.checklists.packs import check_content_pack, missing_training
from stodapp.checklists.record import (
    AssessmentRecord,
    definition_of,
    new_assessment,
    sign,
    with_answers,
    with_judgement,
)
from stodapp.checklists.render_pdf import render_assessment_pdf
from stodapp.checklists.runtime import critical_items, visible_in_row, visible_items
from stodapp.checklists.schema import RepeatGroup
from stodapp.checklists.validate import parse_definition_text
from stodapp.errors import UserInputError, ValidationFailed

from .helpers import AT, FIXTURES, ROOT, fixture, shipped

SCREEN_ANSWERS: dict[str, Any] = {
    "kanal": "besok",
    "ensam": "ja",
    "psykiskt": "ja",
    "fysiskt": "vet_ej",
    "sexuellt": "nej",
    "heder": "nej",
    "vem": ["fd_partner"],
    "nar": "pagar",
    "barn_finns": "ja",
    "barn_antal": 2,
    "barn_bevittnat": "ja",
    "barn_utsatt": "nej",
    "information_given": "ja",
    "anteckning": "Fiktiv anteckning om rädsla & <kontroll>.",
}


def signed_screening() -> AssessmentRecord:
    record = new_assessment(shipped("01_screening.yaml"), subject_ref="case-7", by="asa", at=AT)
    record = with_answers(record, SCREEN_ANSWERS)
    record = with_judgement(
        record,
        "fortsattning",
        "ingen_atgard",
        reason="Personen har redan stöd från jouren och vill vänta.",
        by="asa",
        at=AT,
    )
    return sign(record, by="asa", at=AT)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_answers_with_unknown_items_codes_facets_and_types_are_refused() -> None:
    d = fixture("spj_like.yaml")
    with pytest.raises(ValidationFailed) as info:
        check_answers(
            d,
            {
                "f9": "J",
                "f1": {"nu": "X", "sen": "J"},
                "f2": "J",
                "scenario": [{"s_x": "a"}, 3],
                "s_beskrivning": "row item at top level",
            },
        )
    assert set(info.value.lines) == {
        "answers.f9: okänt item",
        "answers.f1.nu: okänd svarskod 'X'",
        "answers.f1.sen: okänd facett",
        "answers.f2: ska vara en mappning facett -> kod (nu, tidigare)",
        "answers.scenario[0].s_x: okänt item i gruppen",
        "answers.scenario[1]: ska vara en mappning (id: svar)",
        "answers.s_beskrivning: okänt item",
    }


def test_answers_file_refusals(tmp_path: Path) -> None:
    d = shipped("01_screening.yaml")
    bad_json = tmp_path / "a.json"
    bad_json.write_text('{"answers": {"kanal": }', "utf-8")
    with pytest.raises(ValidationFailed, match="ogiltig JSON"):
        load_answers_file(d, bad_json)
    wrong = tmp_path / "b.json"
    wrong.write_text('{"answers": {"kanal": "brev", "barn_antal": 99, "fraga_igen": "31/12"}}', "utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_answers_file(d, wrong)
    assert [x.split(": answers.")[1] for x in info.value.lines] == [
        "kanal: okänd svarskod 'brev'",
        "barn_antal: utanför intervallet 1.0–20.0",
        "fraga_igen: ska vara ett datum ÅÅÅÅ-MM-DD",
    ]


def test_visibility_and_critical_flags() -> None:
    d = shipped("01_screening.yaml")
    hidden = visible_items(d, {"ensam": "nej"})
    assert "psykiskt" not in hidden and "barn_finns" not in hidden and "information_given" in hidden
    shown = visible_items(d, {"ensam": "ja", "fysiskt": "ja"})
    assert {"psykiskt", "vem", "nar", "barn_finns"} <= set(shown) and "barn_antal" not in shown
    assert critical_items(d, {"ensam": "ja", "fysiskt": "ja", "nar": "pagar"}) == ["fysiskt", "nar"]
    # a hidden item's answer is ignored: no score, not required, not critical
    assert critical_items(d, {"ensam": "nej", "fysiskt": "ja"}) == []


def test_visible_in_row_follows_earlier_row_items() -> None:
    text = (ROOT / "docs" / "checklist-format.md").read_text("utf-8")
    example = text.split("```yaml\n")[1].split("```")[0]
    d = parse_definition_text(example, "doc.yaml")
    group = next(i for s in d.sections for i in s.items if isinstance(i, RepeatGroup))
    assert visible_in_row(group, {"h_grad": "3"}, {}, d) == ["h_datum", "h_grad", "h_skada"]
    assert visible_in_row(group, {"h_grad": "1"}, {}, d) == ["h_datum", "h_grad"]


def test_signing_incomplete_is_refused_and_nothing_changes() -> None:
    record = new_assessment(shipped("01_screening.yaml"), subject_ref="case-7", by="asa", at=AT)
    record = with_answers(record, {"kanal": "besok", "ensam": "ja"})
    with pytest.raises(ValidationFailed) as info:
        sign(record, by="asa", at=AT)
    assert "psykiskt: obligatoriskt svar saknas" in info.value.lines
    assert record.status == "draft" and record.signed_at is None


def test_signed_is_read_only_and_supersede_prefills() -> None:
    signed = signed_screening()
    assert signed.status == "signed" and signed.signed_by == "asa"
    assert signed.scores["tecken_pa_vald"].value is True
    assert signed.judgements["fortsattning"].overridden
    with pytest.raises(UserInputError, match="signerad"):
        with_answers(signed, SCREEN_ANSWERS)
    with pytest.raises(UserInputError, match="signerad"):
        with_judgement(signed, "fortsattning", "ga_vidare", by="asa", at=AT)
    new = new_assessment(
        shipped("01_screening.yaml"), subject_ref="case-7", by="asa", at=AT, supersedes=signed
    )
    assert new.supersedes == signed.id and new.answers == signed.answers and new.status == "draft"
    assert new.judgements["fortsattning"].value == "ga_vidare"  # judgements are made afresh


def test_override_without_reason_is_refused() -> None:
    record = with_answers(
        new_assessment(shipped("01_screening.yaml"), subject_ref="c", by="asa", at=AT), SCREEN_ANSWERS
    )
    with pytest.raises(UserInputError, match="motivering"):
        with_judgement(record, "fortsattning", "ingen_atgard", reason="   ", by="asa", at=AT)


def test_tampered_snapshot_is_refused() -> None:
    signed = signed_screening()
    snapshot = dict(signed.definition_snapshot, version="9.9.9")
    with pytest.raises(UserInputError, match="kontrollsumma"):
        definition_of(signed.model_copy(update={"definition_snapshot": snapshot}))


def test_signed_assessment_renders_identically_after_a_new_definition_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    signed = signed_screening()
    stored = signed.model_dump_json()  # what the store keeps
    before = render_assessment_pdf(AssessmentRecord.model_validate_json(stored))
    # the definition gets a new version: other wording, other rule
    text = (ROOT / "checklists" / "01_screening.yaml").read_text("utf-8")
    v2 = parse_definition_text(
        text.replace("version: 1.0.0", "version: 2.0.0")
        .replace("Kortfrågor om våld", "Nya kortfrågor")
        .replace("missing: {max_missing: 4}", "missing: {max_missing: 0}"),
        "v2.yaml",
    )
    assert definition_digest(v2) != signed.definition_digest
    after = render_assessment_pdf(AssessmentRecord.model_validate_json(stored))
    assert before == after
    content = pdf_text(after)
    assert "Kortfrågor om våld" in content and "Nya kortfrågor" not in content
    assert "Sekretess enligt 26 kap. 1 §" in content and "Sida 1 av" in content
    assert "Egen checklista, ej validerad" in content and "stodapp-projektet" in content
    assert "stöd för bedömning" in content
    assert "Personen har redan stöd från jouren" in content and "rädsla & <kontroll>" in content


def test_draft_pdf_is_watermarked() -> None:
    record = new_assessment(shipped("01_screening.yaml"), subject_ref="c", by="asa", at=AT)
    assert "Utkast, ej signerad" in pdf_text(render_assessment_pdf(record))


def test_retired_definition_cannot_start_an_assessment() -> None:
    text = (
        (ROOT / "checklists" / "01_screening.yaml")
        .read_text("utf-8")
        .replace("status: published", "status: retired")
    )
    with pytest.raises(UserInputError, match="utgången"):
        new_assessment(parse_definition_text(text, "r.yaml"), subject_ref="c", by="asa", at=AT)


def test_content_pack() -> None:
    definition, info = check_content_pack(FIXTURES / "pack_licensed.yaml")
    assert info.licensee == "Testkommunen" and info.requires_training == ("testutbildning_steg1",)
    assert "© Testförlaget AB" in info.copyright_line and "Testkommunen" in info.copyright_line
    assert missing_training(definition, []) == ["testutbildning_steg1"]
    assert missing_training(definition, ["testutbildning_steg1"]) == []
    with pytest.raises(ValidationFailed, match="inte ett innehållspaket"):
        check_content_pack(FIXTURES / "spj_like.yaml")


def test_content_pack_needs_licensee() -> None:
    text = (FIXTURES / "pack_licensed.yaml").read_text("utf-8").replace('  licensee: "Testkommunen"\n', "")
    with pytest.raises(ValidationFailed) as info:
        parse_definition_text(text, "p.yaml")
    assert any("licensed_local kräver licensee" in x for x in info.value.lines)


def test_copyright_sign_is_printed_once() -> None:
    from stodapp.checklists.loader import load_folder
    from stodapp.checklists.render_pdf import provenance_line
    from stodapp.paths import checklist_dir

    loaded = load_folder(checklist_dir()).loaded
    assert len(loaded) == 8
    for item in loaded:
        assert provenance_line(item.definition).count("©") == 1
