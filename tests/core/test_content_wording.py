"""The Swedish wording of the shipped content data follows the field's language (issue 17, socionom review).

Scans every Swedish text in the checklists, the next-step rules, the legal data and the training vignettes, and
every Swedish UI string: the msgids of the gettext catalogue (resources/translations/stodapp.pot, extracted from
ui/ and stodapp/) and the Swedish user guide (resources/guide/sv).
Quoted words (a child's or a client's own words, e.g. mamma och pappa "bråkar") are exempt: what a person says
is recorded as said; the professional's own text names the violence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        *(ROOT / "checklists").glob("*.yaml"),
        ROOT / "resources" / "next_steps.yaml",
        *(ROOT / "resources" / "legal").glob("*.yaml"),
        *(ROOT / "resources" / "training").glob("*.yaml"),
    ]
)

# word (regex, case-insensitive) -> why it is not used in our own text
AVOID: dict[str, str] = {
    r"\bhen\b": "den som utövar våld / den utsatta / personen, not 'hen'",
    r"\bförövar": "'den som utövar våld' or 'våldsutövare' (glossary)",
    r"överskatt": "the victim does not 'overestimate' risk; a low own estimate does not mean low risk",
    r"provoc|provoker": "victim-blaming: nobody provokes violence",
    r"\bmissbruk": "'skadligt bruk och beroende' (glossary)",
    r"problematiskt bruk": "'skadligt bruk och beroende' (glossary)",
    r"\bbråk|\bgräl|familjebråk|familjegräl|relationsbråk": "hides who acted; name the violence (a quoted word of the person is fine)",
    r"\bsvartsjuk": "jealousy is not an explanation; describe the controlling behaviour",
    r"\bhandout\b": "'stödblad' / 'informationsblad'",
    r"kompetensteam": "replaced in 2022 by NCH (Nationellt centrum mot hedersrelaterat våld och förtryck)",
    r"förifyll": "plain Swedish: 'appen föreslår ingen nivå'",
    r"\bdelge": "plain Swedish: 'lämna till' / 'dela med'",
    r"kontrasign": "plain Swedish: 'också signera'",
    r"\boffret\b|\boffer\b": "'den utsatta' / 'den som utsatts för våld' (glossary); 'brottsoffer' is fine",
}
QUOTED = re.compile(r"\"[^\"]*\"|”[^”]*”|'[^']*'|“[^”]*”")


def swedish_texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) for every Swedish string: `sv`/`sv_easy` of a localized text, and plain strings in the
    vignettes' rationale maps and the next-step rules (which are Swedish-only)."""
    if isinstance(value, dict):
        for key, sub in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key in ("sv", "sv_easy") and isinstance(sub, str):
                yield where, sub
            elif key in ("en", "id", "code", "source", "statute", "provision", "note", "checklist", "target"):
                continue
            else:
                yield from swedish_texts(sub, where)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from swedish_texts(sub, f"{path}[{i}]")
    elif isinstance(value, str) and any(ch in value for ch in "åäöÅÄÖ") and " " in value:
        yield path, value


def test_the_scan_reads_every_kind_of_file() -> None:
    names = {p.parent.name for p in FILES} | {p.name for p in FILES}
    assert {"checklists", "legal", "training", "next_steps.yaml"} <= names
    texts = [t for p in FILES for _, t in swedish_texts(yaml.safe_load(p.read_text(encoding="utf-8")))]
    assert len(texts) > 1200
    # the rule list can fail: the old wordings it replaced are caught
    for old in ("Ett ja kan innebära flera förövare.", "Problematiskt bruk av alkohol", "hört bråk och hot",
                "Förifylls aldrig.", "Samverkan, t.ex. skola eller nationellt kompetensteam"):
        assert any(re.search(rx, QUOTED.sub("", old), re.IGNORECASE) for rx in AVOID), old


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_avoided_words_in_our_own_swedish(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for where, text in swedish_texts(data):
        own = QUOTED.sub("", text)
        own = own.replace("det hon kallar bråk", "").replace("beskriver ofta våld som bråk", "")
        for rx, why in AVOID.items():
            if re.search(rx, own, re.IGNORECASE):
                found.append(f"{where}: {rx} ({why})")
    assert found == []


# ---- UI strings ---------------------------------------------------------------------------------------------
POT = ROOT / "resources" / "translations" / "stodapp.pot"
GUIDE = sorted((ROOT / "resources" / "guide" / "sv").glob("*.html"))
# UI only: the role is labelled "Våldsutövare"; a bare "utövaren" in a message does not say of what. (The honour
# checklist speaks of "utövare och utsatta" in the plural, as its field does, so this is not a content rule.)
UI_AVOID: dict[str, str] = {**AVOID, r"\butövaren\b": "'våldsutövaren' (the role's label) / 'den som utövar våld'"}


def ui_texts() -> list[tuple[str, str]]:
    """(where, text) for every Swedish msgid in the .pot and every text node of the Swedish guide."""
    from babel.messages.pofile import read_po

    with POT.open("rb") as fh:
        catalog = read_po(fh)
    out = [(f"stodapp.pot: {m.id!r}", m.id) for m in catalog if isinstance(m.id, str) and m.id]
    out += [(f"stodapp.pot: {m.id[0]!r}", " ".join(m.id)) for m in catalog if isinstance(m.id, tuple)]
    for page in GUIDE:
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        out += [(f"guide/sv/{page.name}: {line.strip()[:60]!r}", line) for line in text.splitlines() if line.strip()]
    return out


def avoided(text: str, rules: dict[str, str]) -> list[str]:
    own = QUOTED.sub("", text).replace("”", "").replace("“", "")
    return [f"{rx} ({why})" for rx, why in rules.items() if re.search(rx, own, re.IGNORECASE)]


def test_the_ui_scan_reads_the_catalogue_and_the_guide_and_catches_the_old_wordings() -> None:
    texts = ui_texts()
    assert sum(1 for where, _t in texts if where.startswith("stodapp.pot")) > 1800
    assert any(where.startswith("guide/sv/") for where, _t in texts)
    # the wordings this review replaced (issue 17), and the words the brief names, are caught
    for old in ("Lägre nivå än förslaget: kontrasignerad av arbetsledare {who}.",
                "En ny bedömning som ersätter den valda är startad, förifylld.",
                "Ny orosanmälan, förifylld från ärendet",
                "Lägg först till den stödsökande eller utövaren i ärendet.",
                "Förövaren finns i hushållet", "Familjebråk", "Gräl i hemmet", "Missbruk/beroende",
                "Svartsjuka", "Handout…"):
        assert avoided(old, UI_AVOID), old


def test_no_avoided_words_in_the_ui_strings() -> None:
    found = [f"{where}: {hit}" for where, text in ui_texts() for hit in avoided(text, UI_AVOID)]
    assert found == []
