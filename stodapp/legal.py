"""Legal references as dated data (resources/legal/*.yaml), chosen by date, never strings in code.

Each file holds one or more rules; a rule has an id, the statute (SFS number), the provision, a validity
interval and short texts in Swedish and English. `applicable(rule_id, on)` picks the version in force.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from stodapp.errors import NotFound, ValidationFailed
from stodapp.i18n import _
from stodapp.paths import resource_dir


class LegalRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    statute: str  # e.g. "SoL (2001:453)"
    provision: str  # e.g. "14 kap. 1 §"
    valid_from: date
    valid_to: date | None = None  # exclusive
    title_sv: str
    title_en: str
    text_sv: str = ""
    text_en: str = ""
    params: dict[str, int | str | bool] = {}

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)

    def citation(self) -> str:
        return f"{self.provision} {self.statute}"


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
