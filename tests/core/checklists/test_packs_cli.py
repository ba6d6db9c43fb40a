"""`stodapp checklists import-pack|packs|training-record|training-list` on a real store, and the training gate."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stodapp.cli import main
from tests.conftest import ADMIN_PASS, USER_PASS

from .helpers import FIXTURES

PACK = FIXTURES / "pack_licensed.yaml"
PACK_ID = "se.testkommun.licensierad.exempel"
COPYRIGHT = "© Testförlaget AB. Licens: Licensavtal TK-2026-01 (Testkommunen)"


def _store_args(store_dir: Path, tmp_path: Path, user: str) -> list[str]:
    secret = tmp_path / f"{user}.pass"
    secret.write_text((ADMIN_PASS if user == "admin" else USER_PASS) + "\n", "utf-8")
    return ["--data-dir", str(store_dir), "--user", user, "--passphrase-file", str(secret)]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _packs(capsys: pytest.CaptureFixture[str], base: list[str]) -> dict[str, Any]:
    code, out, _err = _run(capsys, "checklists", "packs", "--json", *base)
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


def test_import_pack_prints_and_stores(store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    admin = _store_args(store_dir, tmp_path, "admin")
    assert _packs(capsys, admin) == {"packs": [], "broken": []}
    code, out, _err = _run(capsys, "checklists", "import-pack", str(PACK), "--check", *admin)
    assert code == 0 and "inte importerat" in out and f"id: {PACK_ID}" in out
    assert _packs(capsys, admin)["packs"] == []  # --check imports nothing
    code, out, err = _run(capsys, "checklists", "import-pack", str(PACK), *admin)
    assert code == 0, err
    assert f"id: {PACK_ID}" in out and "version: 2.1.0" in out and COPYRIGHT in out
    assert "kräver utbildning: testutbildning_steg1" in out
    listed = _packs(capsys, admin)["packs"]
    assert [(p["id"], p["version"], p["licensee"]) for p in listed] == [(PACK_ID, "2.1.0", "Testkommunen")]
    assert COPYRIGHT in listed[0]["copyright"] and listed[0]["requires_training"] == ["testutbildning_steg1"]
    code, out, _err = _run(capsys, "checklists", "packs", *admin)
    assert code == 0 and f"{PACK_ID} 2.1.0 [published]" in out and "licenstagare: Testkommunen" in out


def test_import_pack_refusals_store_nothing(store_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    admin = _store_args(store_dir, tmp_path, "admin")
    text = PACK.read_text("utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("scale: jn", "scale: saknas"), "utf-8")
    code, out, err = _run(capsys, "checklists", "import-pack", str(bad), *admin)
    assert code == 2 and out == ""
    line = next(x.strip() for x in err.splitlines() if x.strip().startswith(f"{bad}:"))
    assert line.split(":")[1].isdigit() and "saknas" in line  # file:line: field: message
    not_pack = tmp_path / "not_pack.yaml"
    not_pack.write_text(text.replace("origin: licensed_local", "origin: original"), "utf-8")
    code, _out, err = _run(capsys, "checklists", "import-pack", str(not_pack), *admin)
    assert code in (1, 2) and "origin" in err
    code, _out, err = _run(capsys, "checklists", "import-pack", str(tmp_path / "nej.yaml"), *admin)
    assert code == 2 and "finns inte" in err
    anna = _store_args(store_dir, tmp_path, "anna")
    code, _out, err = _run(capsys, "checklists", "import-pack", str(PACK), *anna)
    assert code == 4 and err.startswith("stodapp: error:")
    assert _packs(capsys, admin)["packs"] == []
    # imported once; the same id+version with other content (or again) is refused and the first stays
    assert _run(capsys, "checklists", "import-pack", str(PACK), *admin)[0] == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace('"Testfråga"', '"Ändrad testfråga"'), "utf-8")
    code, _out, err = _run(capsys, "checklists", "import-pack", str(changed), *admin)
    assert code == 2 and PACK_ID in err and "2.1.0" in err
    packs = _packs(capsys, admin)["packs"]
    assert len(packs) == 1
    code, _out, _err = _run(capsys, "checklists", "import-pack", str(PACK), *admin)
    assert code == 2
    # a new version of the changed content is a new pack
    changed.write_text(text.replace('"Testfråga"', '"Ändrad testfråga"').replace("2.1.0", "2.2.0"), "utf-8")
    assert _run(capsys, "checklists", "import-pack", str(changed), *admin)[0] == 0
    assert [p["version"] for p in _packs(capsys, admin)["packs"]] == ["2.1.0", "2.2.0"]


def test_training_record_and_list(store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    admin = _store_args(store_dir, tmp_path, "admin")
    tove = _store_args(store_dir, tmp_path, "tove")
    anna = _store_args(store_dir, tmp_path, "anna")
    rec = ("checklists", "training-record")
    code, _out, err = _run(capsys, *rec, "anna", PACK_ID, "--date", "2026-01-02", *admin)
    assert code == 6 and "finns inte" in err  # not imported yet
    assert _run(capsys, "checklists", "import-pack", str(PACK), *admin)[0] == 0
    for date in ("2026-13-01", "2.1.2026", "igår"):
        code, _out, err = _run(capsys, *rec, "anna", PACK_ID, "--date", date, *admin)
        assert code == 2 and "ÅÅÅÅ-MM-DD" in err
    code, _out, err = _run(capsys, *rec, "anna", PACK_ID, "--date", "2999-01-01", *admin)
    assert code == 2 and "framtiden" in err
    code, _out, err = _run(capsys, *rec, "ingen", PACK_ID, "--date", "2026-01-02", *admin)
    assert code == 6 and "ingen" in err
    code, _out, err = _run(capsys, *rec, "anna", PACK_ID, "--date", "2026-01-02", "--training", "annat", *admin)
    assert code == 2 and "testutbildning_steg1" in err
    code, _out, err = _run(capsys, *rec, "anna", "se.stodapp.vinr.screening", "--date", "2026-01-02", *admin)
    assert code == 2 and "kräver ingen utbildning" in err
    code, _out, err = _run(capsys, *rec, "bertil", PACK_ID, "--date", "2026-01-02", *anna)
    assert code == 4  # a caseworker cannot record trainings
    code, _out, _err = _run(capsys, "checklists", "training-list", "--json", *admin)
    assert json.loads(_out) == []  # nothing stored by the refusals
    code, out, err = _run(capsys, *rec, "anna", PACK_ID, "--date", "2026-01-02", *tove)
    assert code == 0, err
    assert "anna: testutbildning_steg1 genomförd 2026-01-02" in out
    assert _run(capsys, *rec, "bertil", PACK_ID, "--date", "2026-01-03", *admin)[0] == 0
    code, out, _err = _run(capsys, "checklists", "training-list", "--json", *tove)
    assert code == 0
    assert [(r["user"], r["training"], r["completed_on"], r["pack"]) for r in json.loads(out)] == [
        ("anna", "testutbildning_steg1", "2026-01-02", PACK_ID),
        ("bertil", "testutbildning_steg1", "2026-01-03", PACK_ID),
    ]
    code, out, _err = _run(capsys, "checklists", "training-list", *anna)
    assert code == 0 and "anna" in out and "bertil" not in out  # a caseworker sees only her own
    code, _out, err = _run(capsys, "checklists", "training-list", "--for", "bertil", *anna)
    assert code == 4
    code, out, _err = _run(capsys, "checklists", "packs", "--json", *anna)
    assert json.loads(out)["packs"][0]["missing_training"] == []


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_training_gate_and_copyright_in_pdf(open_core: Any, store_dir: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.cases.service import CaseService
    from stodapp.errors import UserInputError

    admin_args = _store_args(store_dir, tmp_path, "admin")
    assert _run(capsys, "checklists", "import-pack", str(PACK), *admin_args)[0] == 0
    anna = open_core("anna")
    case_id = int(CaseService(anna.ctx).create_case("Fiktiv enhet").ids[0])
    summary = next(d for d in anna.checklists.list_definitions().definitions if d.definition_id == PACK_ID)
    assert summary.missing_training == ("testutbildning_steg1",)
    with pytest.raises(UserInputError, match="testutbildning_steg1"):
        anna.checklists.start(PACK_ID, case_id)
    assert anna.checklists.history(case_id) == []
    code, _out, err = _run(capsys, "checklists", "training-record", "anna", PACK_ID, "--date", "2026-01-02",
                           *admin_args)
    assert code == 0, err
    view = anna.checklists.start(PACK_ID, case_id)
    assert COPYRIGHT in view.copyright_line
    view = anna.checklists.save_answers(view.id, {"a1": "ja"})
    view = anna.checklists.set_judgement(view.id, "samlad", "hog")
    signed = anna.checklists.sign(view.id)
    text = " ".join(_pdf_text(anna.checklists.pdf(signed.id)).split())
    assert "Testförlaget AB" in text and "Licensavtal TK-2026-01" in text and "Testkommunen" in text
    case_no = CaseService(anna.ctx).open_case(case_id).case_no
    assert f"Ärende {case_no}" in text and "Person Ingen person registrerad" in text  # it can go into the file


def test_cosign_routine_and_cosigning_from_the_cli(store_dir: Path, tmp_path: Path, open_core: Any,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.cases.service import CaseService
    from stodapp.checklists.demo import example_answers

    admin, anna, sara = (_store_args(store_dir, tmp_path, u) for u in ("admin", "anna", "sara"))
    code, out, _err = _run(capsys, "checklists", "cosign-routine", *admin)
    assert code == 0 and "av" in out
    code, _out, err = _run(capsys, "checklists", "cosign-routine", "on", *anna)
    assert code != 0 and err.startswith("stodapp: error:")  # an administrator's routine
    code, out, _err = _run(capsys, "checklists", "cosign-routine", "on", *admin)
    assert code == 0 and out.strip().endswith("på")

    core = open_core("anna")
    svc = core.checklists
    view = svc.start("se.stodapp.vinr.farlighet", int(CaseService(core.ctx).create_case("Enhet fiktiv").ids[0]))
    definition = svc.definition("se.stodapp.vinr.farlighet")
    view = svc.save_answers(view.id, example_answers(definition, seed=1) | {"strypgrepp": "ja"})
    for j in definition.judgements:
        if view.record.judgements[j.id].value is None:
            scale = j.scale if not isinstance(j.scale, str) else definition.scales[j.scale]
            view = svc.set_judgement(view.id, j.id, scale.options[0].code)
    view = svc.set_judgement(view.id, "samlad_risk", "lag", reason="Fiktiv motivering: skyddat boende sedan i går.")
    assert svc.sign(view.id).record.cosign_required
    core.close()

    code, out, _err = _run(capsys, "checklists", "cosign-pending", "--json", *sara)
    pending = json.loads(out)["pending"]
    assert code == 0 and [p["id"] for p in pending] == [view.id] and "Enhet fiktiv" not in out
    code, _out, err = _run(capsys, "checklists", "cosign", view.id, *anna)
    assert code != 0 and err.startswith("stodapp: error:")
    code, out, _err = _run(capsys, "checklists", "cosign", view.id, *sara)
    assert code == 0 and "medsignerad" in out
    code, out, _err = _run(capsys, "checklists", "cosign-pending", *sara)
    assert code == 0 and "inga bedömningar" in out
