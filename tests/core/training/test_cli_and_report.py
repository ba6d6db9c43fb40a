"""`stodapp training` commands end to end, and the trainer report PDF (banner, watermark, content)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stodapp.cli import main
from stodapp.paths import resource_dir

from .conftest import MakeTrainee, write


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_validate_shipped_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["training", "validate", str(resource_dir() / "training")]) == 0
    assert "ok: " in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (resource_dir() / "training" / "man-utsatt.yaml")
        .read_text(encoding="utf-8")
        .replace("dodshot: nej", "dodshot: kanske"),
        encoding="utf-8",
    )
    assert main(["training", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "stodapp: error: 1 fel" in err and "answers.dodshot: okänd svarskod 'kanske'" in err
    assert main(["training", "validate", str(tmp_path / "missing.yaml")]) == 2


def test_agreement_json_and_refusals(
    tmp_path: Path,
    make_trainee: MakeTrainee,
    reference_data: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ref = write(tmp_path / "ref.json", reference_data)
    r1 = write(tmp_path / "r1.json", make_trainee("d1", {(1, "answers", "strypgrepp"): "nej"}))
    r2 = write(tmp_path / "r2.json", make_trainee("d2"))
    assert main(["training", "agreement", "--reference", str(ref), "--ratings", str(r1), str(r2), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["trainees"] == ["d1", "d2"]
    assert [i["key"].split("/")[-1] for i in out["group"]["discussion"]] == ["strypgrepp"]  # 1 of 2: a split
    d1 = out["per_trainee"][0]
    assert d1["largest_disagreements"][0]["key"].endswith("/strypgrepp")
    # a vignette file works as the reference too
    vignette = resource_dir() / "training" / "barn-berattar.yaml"
    assert main(["training", "agreement", "--reference", str(vignette), "--ratings", str(r1)]) == 0
    assert "d1:" in capsys.readouterr().out
    # bad input: one line, exit 2
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    assert main(["training", "agreement", "--reference", str(ref), "--ratings", str(empty)]) == 2
    assert capsys.readouterr().err.strip() == "stodapp: error: empty.json: bedömningsfilen är tom"
    assert main(["training", "agreement", "--reference", str(ref), "--ratings", str(r1), str(r1)]) == 2
    assert "samma fil som r1.json" in capsys.readouterr().err


def test_reference_export_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ref.json"
    assert main(["training", "reference", "hbtqi-hotet", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["role"] == "reference" and data["vignette"] == "hbtqi-hotet"
    assert main(["training", "reference", "hbtqi-hotet", "--out", str(out)]) == 2
    assert "finns redan" in capsys.readouterr().err
    assert main(["training", "reference", "finns-inte", "--out", str(tmp_path / "x.json")]) == 2


def test_group_and_trainee_report_pdf(
    tmp_path: Path,
    make_trainee: MakeTrainee,
    reference_data: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ref = write(tmp_path / "ref.json", reference_data)
    r1 = write(tmp_path / "r1.json", make_trainee("d1", {(1, "answers", "strypgrepp"): "nej"}))
    r2 = write(tmp_path / "r2.json", make_trainee("d2", {(1, "answers", "strypgrepp"): "vet_ej"}))
    group_pdf = tmp_path / "grupp.pdf"
    assert (
        main(
            [
                "training",
                "report",
                "--reference",
                str(ref),
                "--ratings",
                str(r1),
                str(r2),
                "--out",
                str(group_pdf),
            ]
        )
        == 0
    )
    text = _pdf_text(group_pdf)
    assert "ÖVNING – fiktiva uppgifter" in text and "FIKTIVT" in text
    assert "Fleiss kappa" in text and "Att diskutera" in text and "strypgrepp" in text.lower()
    one = tmp_path / "d1.pdf"
    assert (
        main(
            [
                "training",
                "report",
                "--reference",
                str(ref),
                "--ratings",
                str(r1),
                "--trainee",
                "d1",
                "--out",
                str(one),
            ]
        )
        == 0
    )
    text = _pdf_text(one)
    assert "deltagare d1" in text and "Cohens kappa" in text and "FIKTIVT" in text
    assert "Strypgrepp med medvetandepåverkan" in text  # the reference rationale beside the disagreement
    assert (
        main(
            [
                "training",
                "report",
                "--reference",
                str(ref),
                "--ratings",
                str(r1),
                "--out",
                str(tmp_path / "g.pdf"),
            ]
        )
        == 2
    )
    assert "minst två deltagare" in capsys.readouterr().err
