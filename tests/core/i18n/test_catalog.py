"""One catalog per language, filled for every message the code marks, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from stodapp.i18n_extract import catalog_path, extract_messages, extract_source, root_dir

ROOT = root_dir()
# Messages that may stay without an English msgstr, each with its reason. Keep this short: a string that reads the
# same in English (a product name, "OK") still gets msgstr == msgid in the catalog; this list is for the rare
# message that must never be translated.
ALLOWED_UNTRANSLATED: dict[str, str] = {}


def _catalog():  # type: ignore[no-untyped-def]
    with catalog_path("en").open("rb") as fh:
        return read_po(fh, locale="en")


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, tuple | list) and all(isinstance(v, str) and v.strip() for v in value)


def test_every_marked_message_has_an_english_translation() -> None:
    messages = extract_messages()
    assert len(messages) > 1500  # the extractor really walks stodapp/ and ui/
    catalog = _catalog()
    missing = []
    for message, files in sorted(messages.items(), key=lambda kv: str(kv[0])):
        entry = catalog.get(message if isinstance(message, str) else message[0])
        key = message if isinstance(message, str) else message[0]
        if key in ALLOWED_UNTRANSLATED:
            continue
        if entry is None or entry.fuzzy or not _filled(entry.string):
            missing.append(f"{files[0]}: {key!r}")
        elif not isinstance(message, str) and not isinstance(entry.id, tuple):
            missing.append(f"{files[0]}: {key!r} is ngettext() in code but has no msgid_plural in the catalog")
    assert missing == [], "run `python -m stodapp.i18n_extract` and fill in the English msgstr:\n" + "\n".join(missing)


def test_one_catalog_per_language_and_no_fuzzy_entries() -> None:
    folders = sorted((ROOT / "resources" / "translations").glob("*/LC_MESSAGES"))
    assert folders, "no catalogs"
    for folder in folders:
        # client.po is the separate `client` domain (texts printed for the client, stodapp.client_lang)
        extra = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.po")
                       if p.name not in ("stodapp.po", "client.po"))
        assert extra == [], f"fold {extra} into {folder / 'stodapp.po'} (one catalog per language)"
    fuzzy = [m.id for m in _catalog() if m.id and m.fuzzy]
    assert fuzzy == []


def test_translations_keep_the_placeholders() -> None:
    brace = re.compile(r"\{[^{}]*\}")
    wrong = []
    for m in _catalog():
        if not m.id or not _filled(m.string):
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
        wanted = set(brace.findall(ids[-1])) | set(brace.findall(ids[0]))
        for s in strings:
            if not set(brace.findall(s)) <= wanted:
                wrong.append(f"{ids[0]!r} -> {s!r}")
    assert wrong == []


def test_extractor_sees_calls_inside_f_strings_and_plurals(tmp_path: Path) -> None:
    source = 'x = f"{_(\'Licens\')}: {n}"\ny = ngettext("{n} ärende", "{n} ärenden", n)\nz = _(name)\n'
    found = [(line, fn, msg) for line, fn, msg, _c in extract_source(source)]
    assert found == [(1, "_", "Licens"), (2, "ngettext", ("{n} ärende", "{n} ärenden"))]
