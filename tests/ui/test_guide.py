"""The built-in user guide: a page per area in both languages, links that resolve, "?" and F1, no network."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from stodapp.auth import Role
from stodapp.i18n import _, set_language
from tests.ui.fakes import FakeGate
from ui.areas import AreaSpec, discover
from ui.guide.guide_window import GuideWindow
from ui.guide.pages import GUIDE_LANGUAGES, INDEX, PAGES, START, guide_root, page_for_area
from ui.main_window import MainWindow


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.ids: set[str] = set()
        self.h1: list[str] = []
        self.bold: list[str] = []
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        if values.get("src"):
            self.srcs.append(str(values["src"]))
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag in ("h1", "b"):
            self._in = tag
            (self.h1 if tag == "h1" else self.bold).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1[-1] += data
        elif self._in == "b":
            self.bold[-1] += data


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def guide_files() -> list[Path]:
    return sorted(p for lang in GUIDE_LANGUAGES for p in (guide_root() / lang).glob("*.html"))


def test_every_area_has_a_page_in_both_languages_titled_with_the_area_name() -> None:
    areas = discover()
    assert {a.id for a in areas} == {"cases", "checklists", "concerns", "referrals", "training", "summary", "admin"}
    for lang in GUIDE_LANGUAGES:
        set_language(lang)
        for spec in areas:
            assert page_for_area(spec.id) == spec.id
            path = guide_root() / lang / f"{spec.id}.html"
            assert path.is_file(), f"no {lang} guide page for area {spec.id}"
            # One name: the page's heading is exactly what the navigation and the View menu call the area.
            assert parse(path).h1 == [_(spec.label)], path
        for page in PAGES:
            assert (guide_root() / lang / f"{page}.html").is_file(), (lang, page)
    assert {p.name for p in (guide_root() / "sv").glob("*.html")} == {p.name for p in (guide_root() / "en").glob("*.html")}


def test_every_page_has_three_common_tasks() -> None:
    for path in guide_files():
        if path.stem == INDEX:
            continue
        text = path.read_text(encoding="utf-8")
        assert len(re.findall(r"<h2>\s*[123]\.", text)) == 3, path
        assert text.count("<ol>") == 3, path


def test_every_link_in_the_guide_resolves() -> None:
    checked = 0
    for path in guide_files():
        links = parse(path)
        assert links.hrefs, f"{path} links nowhere (every page links back to the contents)"
        for href in links.hrefs + links.srcs:
            assert "://" not in href and not href.startswith(("mailto:", "//", "/")), (path, href)
            file_part, _hash, fragment = href.partition("#")
            target = (path.parent / file_part).resolve() if file_part else path
            assert target.is_file() and target.parent == path.parent, (path, href)
            if fragment:
                assert fragment in parse(target).ids, (path, href)
            checked += 1
    assert checked > 40


def test_nothing_in_the_guide_points_outside_it() -> None:
    for path in guide_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?:|www\.|url\(|@import", text, re.I), path


def _catalog_labels() -> dict[str, set[str]]:
    """Every marked UI text in Swedish and English, without mnemonics, ellipses or colons, lower case."""
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2] / "resources" / "translations" / "en" / "LC_MESSAGES"
    with (root / "stodapp.po").open("rb") as fh:
        catalog = read_po(fh)

    def norm(text: str) -> str:
        return text.replace("&", "").rstrip(" …:").strip().casefold()

    out: dict[str, set[str]] = {"sv": set(), "en": set()}
    for message in catalog:
        if isinstance(message.id, str) and message.id:
            out["sv"].add(norm(message.id))
            if isinstance(message.string, str) and message.string:
                out["en"].add(norm(message.string))
    return out


KEYS = {"enter", "f1", "f12", "ctrl+l", "?"}


def test_every_control_the_guide_names_exists_in_the_program() -> None:
    """A bold word in the guide is a key or a text on the screen; a renamed button must rename it here too."""
    labels = _catalog_labels()
    missing: list[str] = []
    for path in guide_files():
        lang = path.parent.name
        for bold in parse(path).bold:
            for part in bold.split("→"):
                word = " ".join(part.split()).rstrip(" …:").casefold()
                if word not in KEYS and word not in labels[lang]:
                    missing.append(f"{lang}/{path.name}: {part.strip()}")
    assert not missing, "guide names controls the program does not have:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_guide_window_follows_the_ui_language_and_links_work(qtbot, lang: str) -> None:
    set_language(lang)
    win = GuideWindow(None, "cases")
    qtbot.addWidget(win)
    win.show()
    assert win.language == lang and win.current_page() == "cases"
    assert win.current_path() == guide_root() / lang / "cases.html"
    assert win.browser.documentTitle() == _("Ärenden")
    assert win.contents.currentItem().data(Qt.ItemDataRole.UserRole) == "cases"
    win.browser.setSource(QUrl("checklists.html"))  # a relative link, as a click on it follows it
    assert win.current_page() == "checklists"
    win.back.click()
    assert win.current_page() == "cases"
    win.contents.setCurrentRow(list(PAGES).index(START))
    assert win.current_page() == START
    win.home.click()
    assert win.current_page() == INDEX
    assert win.browser.refused == []


def test_guide_refuses_addresses_outside_the_bundled_pages(qtbot, tmp_path: Path) -> None:
    win = GuideWindow(None, "referrals")
    qtbot.addWidget(win)
    win.show()
    outside = tmp_path / "other.html"
    outside.write_text("<html><body>other</body></html>", encoding="utf-8")
    for url in (QUrl("https://example.org/guide.html"), QUrl("http://127.0.0.1:9/x"), QUrl("mailto:a@example.org"),
                QUrl.fromLocalFile(str(outside)), QUrl("../../translations/en/LC_MESSAGES/stodapp.po")):
        win.browser.setSource(url)
        assert win.current_page() == "referrals", url
        assert win.browser.loadResource(2, url) is None  # images or style sheets from elsewhere: refused too
    assert len(win.browser.refused) == 10
    assert win.note.isVisible()


def _window(qtbot, prefs, clock, role=Role.CASEWORKER, areas=None):  # type: ignore[no-untyped-def]
    gate = FakeGate(clock, role=role)
    core = gate.unlock("anna", gate.passphrase)
    win = MainWindow(core, gate, prefs, clock=clock, areas=areas)
    qtbot.addWidget(win)
    win.show()
    return win, gate


def _plain_areas() -> list[AreaSpec]:
    from PySide6.QtWidgets import QWidget

    roles = frozenset(Role)
    return [AreaSpec(spec.id, spec.label, roles, lambda core, parent: QWidget(parent)) for spec in discover()]


def test_question_button_opens_the_page_of_the_area_shown(qtbot, prefs, clock) -> None:
    win, _gate = _window(qtbot, prefs, clock, areas=_plain_areas())
    assert win.host is not None
    for spec in win.host.specs:
        win.show_area(spec.id)
        assert win.host.help_button.accessibleName() == _("Hjälp om {area}").format(area=_(spec.label))
        win.host.help_button.click()
        assert win.guide is not None and win.guide.isVisible()
        assert win.guide.current_page() == spec.id
        assert win.guide.browser.documentTitle() == _(spec.label)
    assert len([w for w in win.findChildren(GuideWindow)]) == 1  # one guide window, moved to the page asked for


def test_help_menu_and_f1_open_the_guide_and_language_switch_keeps_its_page(qtbot, prefs, clock) -> None:
    win, _gate = _window(qtbot, prefs, clock, areas=_plain_areas())
    help_menu = next(m for m in win.menuBar().findChildren(type(win.view_menu)) if m.title() == _("&Hjälp"))
    assert win.act_guide in help_menu.actions()
    assert win.act_guide.text() == _("&Användarhandledning") and win.act_guide.shortcut().toString() == "F1"
    win.show_area("concerns")
    win.act_guide.trigger()
    assert win.guide is not None and win.guide.current_page() == "concerns" and win.guide.language == "sv"

    def switch(lang: str) -> None:
        set_language(lang)
        win.retranslate()

    switch("en")
    assert win.guide is not None and win.guide.isVisible()
    assert win.guide.language == "en" and win.guide.current_page() == "concerns"
    assert win.guide.browser.documentTitle() == "Reports of concern"
    assert win.act_guide.text() == "&User guide"


def test_guide_closes_on_lock_and_opens_at_getting_started_while_locked(qtbot, prefs, clock) -> None:
    win, _gate = _window(qtbot, prefs, clock, areas=_plain_areas())
    win.open_guide("cases")
    win.lock()
    assert win.guide is None
    assert win.open_guide().current_page() == START


def test_f1_in_the_sign_in_window_opens_getting_started(qtbot, clock) -> None:
    from ui.unlock_window import UnlockWindow

    win = UnlockWindow(FakeGate(clock), clock=clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    qtbot.keyClick(win.panel.user_edit, Qt.Key.Key_F1)
    assert win.guide is not None and win.guide.isVisible() and win.guide.current_page() == START
