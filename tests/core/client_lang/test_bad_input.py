"""Bad input: unknown language code, broken placeholders, fuzzy entries, a missing glyph, an overflowing text."""

from __future__ import annotations

from pathlib import Path

import pytest

from stodapp.client_lang.catalog import load_catalog, shipped_path
from stodapp.client_lang.packs import check_pack, install_pack
from stodapp.client_lang.page import ClientPage, build_client_pdf
from stodapp.errors import ValidationFailed
from stodapp.pdf.shaping import MissingGlyph, ShapedParagraph, TextOverflow, TextStyle, direction_runs


def _pack(tmp_path: Path, lang: str = "ar", reviewed: str = "yes", body: str = "") -> Path:
    text = shipped_path("ar").read_text(encoding="utf-8")
    text = text.replace('"Language: ar\\n"', f'"Language: {lang}\\n"').replace('"X-Reviewed: no\\n"',
                                                                             f'"X-Reviewed: {reviewed}\\n"')
    path = tmp_path / "pack.po"
    path.write_text(text + body, encoding="utf-8")
    return path


def test_unknown_language_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as err:
        check_pack(_pack(tmp_path, lang="xx"))
    assert any("okänd språkkod" in line for line in err.value.lines)


def test_broken_placeholder_is_refused(tmp_path: Path) -> None:
    msgid = "Vi går igenom planen tillsammans igen senast {date}."
    text = shipped_path("ar").read_text(encoding="utf-8")
    start = text.index(f'msgid "{msgid}"')
    end = text.index("\n\n", start)
    broken = text[:start] + f'msgid "{msgid}"\nmsgstr "سنراجع الخطة في {{datum}}."' + text[end:]
    path = tmp_path / "broken.po"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        check_pack(path)
    assert any("platshållarna" in line for line in err.value.lines)


def test_fuzzy_and_unversioned_packs_are_refused(tmp_path: Path) -> None:
    fuzzy = _pack(tmp_path, body='\n#, fuzzy\nmsgid "Ny text"\nmsgstr "نص"\n')
    with pytest.raises(ValidationFailed):
        check_pack(fuzzy)
    path = _pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('"X-Pack-Version: 2026.12-utkast1\\n"\n', ""),
                    encoding="utf-8")
    with pytest.raises(ValidationFailed):
        check_pack(path)


def test_a_pack_with_a_character_no_font_has_is_refused(tmp_path: Path) -> None:
    path = _pack(tmp_path, body='\nmsgid "Ny text"\nmsgstr "한국어"\n')
    with pytest.raises(ValidationFailed) as err:
        check_pack(path)
    assert "U+D55C" in " ".join(err.value.lines)


def test_a_reviewed_pack_replaces_the_draft_and_the_notice_goes(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    info = install_pack(_pack(tmp_path, body="\nmsgid \"Ny testtext\"\nmsgstr \"معلومات\"\n"), packs)
    assert info.lang == "ar" and info.reviewed and info.version == "2026.12-utkast1"
    catalog = load_catalog("ar", packs)
    assert catalog.provenance.source == "paket" and catalog.text("Ny testtext") == "معلومات"
    assert ClientPage("ar", pack_dir=packs).review_notice() == []
    assert ClientPage("ar").review_notice() != []
    assert (packs / "ar.po").stat().st_mode & 0o077 == 0


def test_missing_glyph_fails_at_build_time() -> None:
    with pytest.raises(MissingGlyph, match="U\\+D55C"):
        ShapedParagraph("Hej 한", TextStyle(), rtl=False, script=None)


def test_a_text_longer_than_a_page_is_an_error_not_a_cut() -> None:
    page = ClientPage("ar")
    with pytest.raises(TextOverflow):
        build_client_pdf(page, [page.para("كلمة " * 3000)], title="x")


def test_missing_translation_falls_back_to_swedish_visibly() -> None:
    page = ClientPage("so")
    para = page.para(page.tr("En text som ingen har översatt än."))
    assert para.text.startswith("† ") and not para.rtl
    assert page.fallbacks == 1 and len(page.closing_notes()) == 2


def test_phone_numbers_and_urls_are_one_left_to_right_run() -> None:
    runs = direction_runs("اتصل بالرقم 020-50 50 50 أو bris.se/just-nu/ الآن.", rtl=True)
    assert (False, "020-50 50 50") in runs and (False, "bris.se/just-nu/") in runs
    assert runs[-1] == (True, " الآن.")


def test_cli_handout_in_a_client_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A script can print the client's own language, not only Swedish and English; an unknown code is refused."""
    from stodapp.cli import main
    from tests.core.client_lang.pdf_check import embedded_fonts

    out = tmp_path / "stodblad.pdf"
    assert main(["referrals", "handout", "kvinnofridslinjen", "--lang", "ar", "--out", str(out)]) == 0
    assert "NotoSansArabic-Regular" in embedded_fonts(out.read_bytes())
    with pytest.raises(SystemExit) as exit_:
        main(["referrals", "handout", "kvinnofridslinjen", "--lang", "xx", "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code != 0
    assert "--lang" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
