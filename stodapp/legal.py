"""Legal references as dated data (resources/legal/*.yaml), chosen by date, never strings in code.

Each file holds one or more rules; a rule has an id, the statute (SFS number), the provision, a validity
interval and short texts (`LocalizedText`: Swedish, optionally English). `applicable(rule_id, on)` picks the
version in force.

Every rule also says where it comes from (`source`) and whether its content was checked against a public source
that states it (`verified`). A rule with `status: proposal` (a government bill, a committee report) is stored so
the editor can say what was proposed, but it is never in force on any date and `applicable` never returns it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from stodapp.errors import NotFound, ValidationFailed
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText
from stodapp.paths import resource_dir


class LegalRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    statute: str  # e.g. "SoL (2001:453)"
    provision: str  # e.g. "14 kap. 1 §"
    # The provision in words, when it is a description rather than a bare reference ("the provision corresponding
    # to 14 kap. 1 § …; to be confirmed"): shown in the UI's language instead of `provision`.
    provision_words: LocalizedText | None = None
    valid_from: date
    valid_to: date | None = None  # exclusive
    title: LocalizedText
    text: LocalizedText | None = None  # the provision's wording in short, when the rule shows it
    params: dict[str, int | str | bool] = {}
    status: Literal["in_force", "proposal"] = "in_force"
    source: str  # where the statement comes from (statute book, authority page, digest line)
    verified: bool  # the content (and provision number) was checked against a public source that states it
    note: str = ""  # what is not verified, in plain words

    def in_force(self, on: date) -> bool:
        if self.status != "in_force":
            return False  # a proposal is never law, on any date
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)

    @property
    def is_proposal(self) -> bool:
        return self.status == "proposal"

    def provision_shown(self) -> str:
        """The provision as a reader sees it, in the UI's language (a bare reference is the same in every one)."""
        return self.provision_words.current() if self.provision_words else self.provision

    def citation(self) -> str:
        return f"{self.provision_shown()} {self.statute}"


class _RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[LegalRule]


def load_rules(folder: Path | None = None) -> tuple[LegalRule, ...]:
    return _load_cached(str(folder or resource_dir() / "legal"))


@lru_cache(maxsize=4)
def _load_cached(folder: str) -> tuple[LegalRule, ...]:
    rules: list[LegalRule] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            rules.extend(_RuleFile.model_validate(data).rules)
        except (yaml.YAMLError, ValidationError, UnicodeDecodeError, ValueError) as err:  # ValueError: 2002-02-30
            raise ValidationFailed(
                _("{name}: ogiltig lagregelfil").format(name=path.name), [f"{path.name}: {err}"]
            ) from None
    return tuple(rules)


def applicable(rule_id: str, on: date, folder: Path | None = None) -> LegalRule:
    """The version of `rule_id` in force on `on`."""
    for rule in load_rules(folder):
        if rule.id == rule_id and rule.in_force(on):
            return rule
    raise NotFound(_("Ingen lagregel '{rule_id}' gäller {date}").format(rule_id=rule_id, date=on.isoformat()))


def in_force_on(on: date, folder: Path | None = None) -> tuple[LegalRule, ...]:
    """Every rule in force on `on` (proposals never)."""
    return tuple(r for r in load_rules(folder) if r.in_force(on))


def proposals(rule_id: str | None = None, folder: Path | None = None) -> tuple[LegalRule, ...]:
    """Stored proposals (never applied): what a bill proposed, shown as a proposal with its source."""
    return tuple(r for r in load_rules(folder) if r.is_proposal and (rule_id is None or r.id == rule_id))
