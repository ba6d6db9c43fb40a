"""The Swedish wording of the shipped content data follows the field's language (issue 17, socionom review).

Scans every Swedish text in the checklists, the next-step rules, the legal data and the training vignettes.
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
    r"\bbråk|\bgräl": "hides who acted; name the violence (a quoted word of the person is fine)",
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
