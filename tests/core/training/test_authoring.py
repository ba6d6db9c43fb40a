"""Vignette authoring in the training store: create, edit, import/export YAML, refusals that change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from stodapp.auth import Role
from stodapp.core import Core
from stodapp.errors import AccessDenied, NotFound, StoreError, UserInputError, ValidationFailed
from stodapp.localized_text import LocalizedText
from stodapp.store.keyslots import KdfParams
from stodapp.training.authoring import AuthoringService, check_data, check_text, dump_vignette
from stodapp.training.authoring_tables import AuthoredVignetteRow
from stodapp.training.service import TrainingService
from stodapp.training.vignettes import Vignette

PASS = "en lång och hemlig fras för test"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("auth") / "training"
    core, _key = Core.initialize(folder, "admin", PASS, kdf=KdfParams.for_tests(), store_kind="training")
    core.users.add("tove", Role.TRAINER, PASS)
    core.users.add("anna", Role.CASEWORKER, PASS)
    core.close()
    return folder


@pytest.fixture
def trainer(store: Path) -> Iterator[Core]:
    core = Core.unlock(store, "tove", PASS)
    yield core
    with core.db.session() as s:  # type: ignore[union-attr]
        for row in s.scalars(select(AuthoredVignetteRow)):
            s.delete(row)
    core.close()


def _svc(core: Core, definitions: Any, vignettes: list[Vignette]) -> AuthoringService:
    return AuthoringService(core.ctx, definitions, [v.id for v in vignettes])


def _copy(vignette: Vignette, new_id: str, title: str = "Egen övning") -> Vignette:
    return vignette.model_copy(update={"id": new_id, "title": LocalizedText.of(title), "version": 7})


def _count(core: Core) -> int:
    with core.db.session() as s:  # type: ignore[union-attr]
        return int(s.scalar(select(func.count()).select_from(AuthoredVignetteRow)) or 0)


def test_dump_round_trips_every_shipped_vignette(vignettes: list[Vignette], definitions: Any) -> None:
    for v in vignettes:
        assert check_text(dump_vignette(v), v.id, list(definitions.values())) == v


def test_create_edit_and_run_a_session(trainer: Core, definitions: Any, vignettes: list[Vignette]) -> None:
    svc = _svc(trainer, definitions, vignettes)
    mine = _copy(vignettes[0], "egen-ovning")
    assert svc.create(mine).action == "created"
    listed = svc.authored()
    assert [v.id for v in listed.vignettes] == ["egen-ovning"] and listed.problems == ()
    assert listed.vignettes[0].version == 1 and listed.vignettes[0].title == LocalizedText.of("Egen övning")
    with pytest.raises(UserInputError, match="finns redan"):
        svc.create(mine)
    edited = listed.vignettes[0].model_copy(update={"title": LocalizedText.of("Egen övning, ändrad")})
    svc.update(edited)
    again = svc.authored().vignettes[0]
    assert again.version == 2 and again.title.sv == "Egen övning, ändrad"
    # a session runs on it; while it is open the vignette cannot be edited
    training = TrainingService(trainer.ctx, definitions)
    session_id = int(training.start_session(again).ids[0])
    with pytest.raises(UserInputError, match="pågår"):
        svc.update(again)
    training.close_session(session_id)
    svc.update(again)
    assert svc.authored().vignettes[0].version == 3
    with pytest.raises(NotFound):
        svc.update(_copy(again, "finns-inte"))


def test_shipped_id_and_bad_references_refused(trainer: Core, definitions: Any, vignettes: list[Vignette]) -> None:
    svc = _svc(trainer, definitions, vignettes)
    with pytest.raises(UserInputError, match="medföljande"):
        svc.create(vignettes[0])
    ref = vignettes[0].checklists[0]
    item = next(iter(ref.answers))
    bad_code = ref.model_copy(update={"answers": {**ref.answers, item: "inte-en-kod"}})
    bad = _copy(vignettes[0], "fel-kod").model_copy(update={"checklists": [bad_code, *vignettes[0].checklists[1:]]})
    with pytest.raises(ValidationFailed) as err:
        svc.create(bad)
    assert any("okänd svarskod 'inte-en-kod'" in line and line.startswith("formulär: ") for line in err.value.lines)
    assert _count(trainer) == 0


def test_check_data_lists_field_errors(definitions: Any, vignettes: list[Vignette]) -> None:
    data = vignettes[0].model_dump(mode="json")
    data["title"] = {"sv": ""}
    data["tags"]["difficulty"] = 9
    del data["learning_points"]
    with pytest.raises(ValidationFailed) as err:
        check_data(data, list(definitions.values()))
    text = "\n".join(err.value.lines)
    assert "title" in text and "tags.difficulty" in text and "learning_points: fältet saknas" in text


def test_import_export(trainer: Core, definitions: Any, vignettes: list[Vignette], tmp_path: Path) -> None:
    svc = _svc(trainer, definitions, vignettes)
    data = vignettes[1].model_dump(mode="json")
    data["id"] = "importerad"
    good = tmp_path / "importerad.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    svc.import_file(good)
    assert [v.id for v in svc.authored().vignettes] == ["importerad"]
    with pytest.raises(UserInputError, match="finns redan"):
        svc.import_file(good)
    out = tmp_path / "ut.yaml"
    svc.export("importerad", out)
    assert (
        out.read_text(encoding="utf-8").startswith("# Fiktiv")
        and check_text(out.read_text(encoding="utf-8"), "ut", list(definitions.values())).id == "importerad"
    )
    # unknown checklist, unknown item: refused with the validation lines, nothing stored
    data["id"] = "trasig"
    data["checklists"][0]["id"] = "se.okand.lista"
    first = next(iter(data["checklists"][1]["answers"]))
    data["checklists"][1]["answers"]["hittepa"] = data["checklists"][1]["answers"].pop(first)
    bad = tmp_path / "trasig.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        svc.import_file(bad)
    text = "\n".join(err.value.lines)
    assert "okänd checklista 'se.okand.lista'" in text and "okänd fråga 'hittepa'" in text
    assert all(line.startswith("trasig.yaml:") for line in err.value.lines)
    shipped = tmp_path / "shipped.yaml"
    shipped.write_text(dump_vignette(vignettes[0]), encoding="utf-8")
    with pytest.raises(UserInputError, match="medföljande"):
        svc.import_file(shipped)
    (tmp_path / "tom.yaml").write_bytes(b"")
    with pytest.raises(ValidationFailed):
        svc.import_file(tmp_path / "tom.yaml")
    assert _count(trainer) == 1


def test_only_trainers_only_training_store(
    store: Path, definitions: Any, vignettes: list[Vignette], open_core: Any
) -> None:
    anna = Core.unlock(store, "anna", PASS)
    try:
        with pytest.raises(AccessDenied):
            _svc(anna, definitions, vignettes).authored()
    finally:
        anna.close()
    case = open_core("admin")
    with pytest.raises(StoreError, match="övningsdatabasen"):
        _svc(case, definitions, vignettes).create(_copy(vignettes[0], "i-fel-databas"))
