"""Message extraction for the gettext catalogs: a Babel extraction method that reads the Python syntax tree.

Babel's own Python extractor reads tokens and, on Python 3.11, cannot see a `_("…")` call inside an f-string;
this one walks the AST, so every `_()`, `N_()` and `ngettext()` call with literal arguments is found wherever it
stands. `babel.cfg` names it (`[stodapp.i18n_extract:extract: **.py]`), so `pybabel extract -F babel.cfg` and the
catalog test see the same messages.

`python -m stodapp.i18n_extract` refreshes the template and the English catalog in place (new messages get an
empty msgstr to fill in; messages no longer in the code become obsolete `#~` entries).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Collection, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

KEYWORDS: dict[str, int] = {"_": 1, "N_": 1, "ngettext": 2}
BABEL_KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
SOURCE_DIRS = ("stodapp", "ui")
LANGUAGES_WITH_CATALOG = ("en",)

_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # the template's header date, fixed so reruns do not differ

Extracted = tuple[int, str, str | tuple[str, ...], list[str]]


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Babel extraction method: (line, function, message or (singular, plural), comments) per marked call."""
    del keywords, comment_tags, options
    yield from extract_source(fileobj.read().decode("utf-8"))


def extract_source(source: str) -> Iterator[Extracted]:
    calls = sorted((n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)),
                   key=lambda n: (n.lineno, n.col_offset))
    for node in calls:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS):
            continue
        wanted = KEYWORDS[node.func.id]
        args = node.args[:wanted]
        if len(args) < wanted or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            continue
        texts = tuple(str(a.value) for a in args if isinstance(a, ast.Constant))
        yield node.lineno, node.func.id, texts[0] if wanted == 1 else texts, []


def root_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def extract_messages(root: Path | None = None) -> dict[str | tuple[str, ...], list[str]]:
    """Every marked message under stodapp/ and ui/ with the files that use it (via Babel's extract API)."""
    from babel.messages.extract import extract_from_dir

    base = root or root_dir()
    found: dict[str | tuple[str, ...], list[str]] = {}
    for folder in SOURCE_DIRS:
        method_map = [("**.py", "stodapp.i18n_extract:extract")]
        for filename, _line, message, _comments, _context in extract_from_dir(
            str(base / folder), method_map=method_map, keywords=BABEL_KEYWORDS
        ):
            found.setdefault(message, []).append(f"{folder}/{filename}")
    return found


def catalog_path(lang: str, root: Path | None = None) -> Path:
    return (root or root_dir()) / "resources" / "translations" / lang / "LC_MESSAGES" / "stodapp.po"


def update_catalogs(root: Path | None = None) -> dict[str, int]:
    """Write resources/translations/stodapp.pot and merge it into each language's stodapp.po.

    Returns per language the number of messages still without a translation.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    base = root or root_dir()
    template = Catalog(project="stodapp", fuzzy=False, creation_date=_EPOCH)
    for message in extract_messages(base):
        template.add(message)
    with (base / "resources" / "translations" / "stodapp.pot").open("wb") as fh:
        write_po(fh, template, width=120, no_location=True, sort_output=True, omit_header=True)
    untranslated: dict[str, int] = {}
    for lang in LANGUAGES_WITH_CATALOG:
        path = catalog_path(lang, base)
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        created = catalog.creation_date  # a stable header: reruns change only what changed
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = created
        with path.open("wb") as fh:
            write_po(fh, catalog, width=120, no_location=True, sort_output=True, ignore_obsolete=False)
        untranslated[lang] = sum(1 for m in catalog if m.id and not _translated(m.string))
    return untranslated


def _translated(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple | list):
        return all(isinstance(v, str) and v.strip() for v in value)
    return False


def main() -> int:
    for lang, missing in update_catalogs().items():
        print(f"{lang}: {missing} messages without a translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
