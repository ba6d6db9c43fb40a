"""Local entries import/export (all or nothing, version check), the CLI, and the handout PDF."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from stodapp.cli import main
from stodapp.errors import UserInputError, ValidationFailed
from stodapp.referrals.directory import ReferralDirectory
from stodapp.referrals.handout_pdf import render_handout
from stodapp.referrals.local_entries import LocalEntries, Logo, dump_local, load_local, missing_slots

NATIONAL_IDS = frozenset(r.id for r in ReferralDirectory.load().national)


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes([30, 90, 160] * 8) for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def local_doc(**over: object) -> dict:  # type: ignore[type-arg]
    doc: dict = {  # type: ignore[type-arg]
        "format": "stodapp-referrals-local",
        "format_version": 1,
        "municipality": "1447",
        "logo": {"media_type": "image/png", "data_base64": base64.b64encode(tiny_png()).decode()},
        "resources": [
            {
                "id": "exempelby_socialtjanst",
                "slot": "socialtjanst",
                "name": "Socialtjänsten i Exempelby",
                "description": {
                    "sv": "Påhittad socialtjänst för tester.",
                    "en": "Fictional social services.",
                },
                "channels": [
                    {
                        "kind": "phone",
                        "contact": "0501-00 00 00",
                        "hours": {
                            "spans": [
                                {
                                    "days": ["mon", "tue", "wed", "thu", "fri"],
                                    "start": "08:00",
                                    "end": "16:30",
                                }
                            ],
                            "public_holidays": "closed",
                        },
                    },
                    {"kind": "visit", "contact": "Storgatan 1"},
                ],
                "target_groups": ["victims", "children_youth", "uses_violence"],
                "geography": {"level": "municipality", "municipalities": ["1447"]},
                "provenance": {
                    "kind": "local",
                    "confidence": "high",
                    "last_checked": "2026-01-10",
                    "checked_by": "admin",
                },
            },
            {
                "id": "exempelby_socialjour",
                "slot": "socialjour",
                "name": "Socialjouren Exempelby",
                "description": {"sv": "Påhittad socialjour."},
                "channels": [
                    {
                        "kind": "phone",
                        "contact": "0501-11 11 11",
                        "hours": {
                            "spans": [
                                {
                                    "days": ["mon", "tue", "wed", "thu"],
                                    "start": "16:30",
                                    "end": "08:00",
                                    "past_midnight": True,
                                },
                                {"days": ["fri"], "start": "16:30", "end": "24:00"},
                                {"days": ["sat", "sun"], "start": "00:00", "end": "24:00"},
                                {"days": ["mon"], "start": "00:00", "end": "08:00"},
                            ]
                        },
                    }
                ],
                "target_groups": ["victims"],
                "geography": {"level": "municipality", "municipalities": ["1447"]},
                "provenance": {"kind": "local", "confidence": "high"},
            },
        ],
    }
    doc.update(over)
    return doc


def write(tmp_path: Path, doc: object, name: str = "lokalt.yaml") -> Path:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return p


def test_import_export_round_trip(tmp_path: Path) -> None:
    entries = load_local(write(tmp_path, local_doc()), NATIONAL_IDS)
    assert [r.slot for r in entries.resources] == ["socialtjanst", "socialjour"]
    assert missing_slots(entries) == []
    out = tmp_path / "export.yaml"
    out.write_bytes(dump_local(entries))
    again = load_local(out, NATIONAL_IDS)
    assert again.resources == entries.resources and again.logo == entries.logo
    assert missing_slots(None) == ["socialtjanst", "socialjour", "logo"]


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"format_version": 2}, "nyare"),
        ({"municipality": "9999"}, "okänd kommunkod"),
        ({"format": "something-else"}, "inte en fil med lokala poster"),
        (
            {"logo": {"media_type": "image/png", "data_base64": base64.b64encode(b"GIF89a....").decode()}},
            "inte en giltig image/png",
        ),
    ],
)
def test_bad_local_files_are_refused(tmp_path: Path, over: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationFailed, match=message):
        load_local(write(tmp_path, local_doc(**over)), NATIONAL_IDS)


def test_one_bad_entry_refuses_the_whole_file(tmp_path: Path) -> None:
    doc = local_doc()
    doc["resources"][1]["channels"][0]["contact"] = "+45 33 12 34 56"
    doc["resources"].append({**doc["resources"][0]})  # duplicate id as well
    with pytest.raises(ValidationFailed) as err:
        load_local(write(tmp_path, doc), NATIONAL_IDS)
    text = "\n".join(err.value.lines)
    assert "svenskt telefonnummer" in text and "lokalt.yaml:" in text
    doc = local_doc()
    doc["resources"][0]["id"] = "kvinnofridslinjen"
    with pytest.raises(ValidationFailed, match="nationella katalogen"):
        load_local(write(tmp_path, doc), NATIONAL_IDS)


def test_local_entries_come_first_for_their_municipality(tmp_path: Path) -> None:
    d = ReferralDirectory.load(local_path=write(tmp_path, local_doc()))
    hits = d.search()
    assert {h.resource.id for h in hits[:2]} == {"exempelby_socialjour", "exempelby_socialtjanst"}
    assert all(h.local for h in hits[:2]) and not hits[2].local
    assert "gullspang_vald_och_hot" in [
        h.resource.id for h in hits
    ]  # national entry for the same municipality


def pdf_text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_handout_has_local_numbers_and_chosen_resources_only(tmp_path: Path) -> None:
    d = ReferralDirectory.load(local_path=write(tmp_path, local_doc()))
    chosen = [d.get("kvinnofridslinjen"), d.get("bris")]
    for lang, phrase in (
        ("sv", "Här kan du få stöd"),
        ("sv_easy", "Här kan du få hjälp"),
        ("en", "Where you can get support"),
    ):
        text = pdf_text(render_handout(chosen, lang=lang, local=d.local, large=(lang == "sv_easy")))
        assert phrase in text
        assert "020-50 50 50" in text and "0501-11 11 11" in text
        assert "UD-jouren" not in text
    assert "telefonräkningen" in pdf_text(render_handout(chosen, lang="sv"))
    with pytest.raises(UserInputError):
        render_handout(chosen, lang="fi")
    with pytest.raises(UserInputError):
        render_handout([], lang="sv")


def test_cli_search_validate_handout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "referrals",
                "search",
                "--group",
                "honour",
                "--channel",
                "phone",
                "--open-at",
                "2026-03-11T11:00",
                "--json",
            ]
        )
        == 0
    )
    found = {h["id"]: h for h in json.loads(capsys.readouterr().out)}
    assert "tris" in found and found["tris"]["state"] in ("open", "closes_soon")
    assert "karleken_ar_fri" not in found  # chat only
    assert main(["referrals", "search", "--kommun", "9999"]) == 6
    assert "Okänd kommunkod" in capsys.readouterr().err
    assert main(["referrals", "search", "--open-at", "25:00"]) == 2
    assert main(["referrals", "search", "--lang", "zz"]) == 2
    local = write(tmp_path, local_doc())
    assert main(["referrals", "validate", str(local)]) == 0
    assert main(["referrals", "validate", "resources/referrals/national.yaml"]) == 0
    assert main(["referrals", "validate", str(write(tmp_path, local_doc(format_version=3), "ny.yaml"))]) == 2
    assert "nyare" in capsys.readouterr().err
    out = tmp_path / "handout.pdf"
    assert (
        main(
            [
                "referrals",
                "handout",
                "kvinnofridslinjen",
                "tris",
                "--lang",
                "en",
                "--local",
                str(local),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["referrals", "handout", "no_such_id", "--out", str(tmp_path / "x.pdf")]) == 6
    assert not (tmp_path / "x.pdf").exists()


def test_logo_from_file(tmp_path: Path) -> None:
    p = tmp_path / "logo.png"
    p.write_bytes(tiny_png())
    logo = Logo.from_file(p)
    assert logo.raw() == tiny_png()
    assert LocalEntries(municipality="1447", logo=logo).logo == logo
