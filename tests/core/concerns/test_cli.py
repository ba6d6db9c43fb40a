"""`stodapp concerns list --json` and `stodapp concerns pdf REPORT_ID --out FILE` on a real store."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stodapp.cli import main

from .helpers import reporter
from .test_service import for_case, make_case, service

USER_PASS = "ännu en hemlig fras för test"


def test_list_json_and_pdf(
    store_dir: Path, open_core: Callable[[str], Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    core = open_core("anna")
    case_id = make_case(core, "anna")
    svc = service(core)
    rid = int(svc.create_from_case(for_case(case_id, honour=True), reporter()).ids[0])
    core.close()
    secret = tmp_path / "pass.txt"
    secret.write_text(USER_PASS + "\n", encoding="utf-8")
    common = ["--data-dir", str(store_dir), "--user", "anna", "--passphrase-file", str(secret)]

    assert main(["concerns", "list", "--json", *common]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in listed] == [rid]
    assert listed[0]["status"] == "draft" and listed[0]["home_municipality_code"] == "1280"
    assert "Övningsdotter" not in json.dumps(listed, ensure_ascii=False)  # no names in the list
    assert main(["concerns", "list", *common]) == 0
    text_out = capsys.readouterr().out
    assert "Utkast" in text_out and "draft" not in text_out  # words for codes in text output

    out = tmp_path / "anmalan.pdf"
    assert main(["concerns", "pdf", str(rid), "--out", str(out), *common]) == 0
    captured = capsys.readouterr()
    assert "sekretess" in captured.err and out.read_bytes().startswith(b"%PDF")
    assert main(["concerns", "pdf", str(rid), "--out", str(out), *common]) == 2  # refuses to overwrite
    assert "finns redan" in capsys.readouterr().err
    assert main(["concerns", "pdf", "9999", "--out", str(tmp_path / "x.pdf"), *common]) == 6
    assert "9999" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
