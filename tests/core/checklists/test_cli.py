"""`stodapp checklists validate|list|score` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stodapp.cli import main

from .helpers import FIXTURES, ROOT


def test_validate_ok_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "validate", str(ROOT / "checklists" / "01_screening.yaml")]) == 0
    assert "ok (se.stodapp.vinr.screening 1.1.1)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (FIXTURES / "dash_like.yaml").read_text("utf-8").replace("match: [ja]", "match: [jaa]"), "utf-8"
    )
    assert main(["checklists", "validate", str(bad), str(FIXTURES / "spj_like.yaml")]) == 1
    out = capsys.readouterr()
    assert f"{bad}:" in out.err and "scores[0].match: okänd svarskod 'jaa'" in out.err
    assert "spj_like.yaml: ok" in out.out


def test_list_marks_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text((FIXTURES / "spj_like.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "b.yaml").write_text("a: &x 1\n", "utf-8")
    assert main(["checklists", "list", "--json", "--dir", str(tmp_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "se.stodapp.test.spj-lik" and rows[0]["broken"] is False
    assert rows[1]["broken"] is True and "YAML-ankare" in rows[1]["errors"][0]


def test_list_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "list"]) == 0
    assert "se.stodapp.vinr.screening 1.1.1 [published]" in capsys.readouterr().out


def test_score_prints_scores_and_advice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"answers": {f"q{i}": "ja" for i in range(1, 15)}}), "utf-8")
    assert main(["checklists", "score", str(FIXTURES / "dash_like.yaml"), "--answers", str(answers)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scores"]["antal_ja"]["status"] == "not_scorable"  # 10 unanswered > max_missing 6
    assert report["scores"]["antal_ja"]["missing"] == 10
    assert report["scores"]["niva"]["status"] == "not_scorable"
    assert report["advised_judgements"] == {"risk": None}
    assert report["note"] == "stöd för bedömning"
    full = {f"q{i}": ("ja" if i <= 14 else "nej") for i in range(1, 25)}
    answers.write_text(json.dumps({"answers": full}), "utf-8")
    assert main(["checklists", "score", str(FIXTURES / "dash_like.yaml"), "--answers", str(answers)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scores"]["antal_ja"]["value"] == 14 and report["advised_judgements"] == {"risk": "hog"}


def test_score_refuses_unknown_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"q1": "ja", "q77": "ja", "q2": "kanske"}), "utf-8")
    assert main(["checklists", "score", str(FIXTURES / "dash_like.yaml"), "--answers", str(answers)]) == 2
    err = capsys.readouterr().err
    assert "answers.q77: okänt item" in err and "answers.q2: okänd svarskod 'kanske'" in err
