"""The retention rule in force on a date, and when one case becomes due and must be culled at the latest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.errors import ValidationFailed
from stodapp.i18n import _
from stodapp.legal import LegalRule, applicable

LOCAL_REASON = "arkivbeslut"  # a local archive decision by the nämnd (dokumenthanteringsplan), not a statute


class RetentionPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    on: date
    years: int
    citation: str
    provision_confirmed: bool
    exception_reasons: tuple[str, ...]
    exception_citation: str
    birth_days: tuple[int, ...]
    research_citation: str

    def due_date(self, last_entry: date) -> date:
        """The day culling becomes due (29 February rolls to 28 February)."""
        year = last_entry.year + self.years
        try:
            return last_entry.replace(year=year)
        except ValueError:
            return date(year, 2, 28)

    def deadline(self, last_entry: date) -> date:
        """Culling must be completed by 31 December of the year after the due year."""
        return date(self.due_date(last_entry).year + 1, 12, 31)

    def is_due(self, last_entry: date) -> bool:
        return self.due_date(last_entry) <= self.on

    def all_reasons(self) -> tuple[str, ...]:
        return (*self.exception_reasons, LOCAL_REASON)


def _bad(rule: LegalRule, what: str) -> ValidationFailed:
    return ValidationFailed(_("retention.yaml: regeln {id} ({statute}) har ett ogiltigt värde: {what}").format(
        id=rule.id, statute=rule.statute, what=what),
                            [f"{rule.id}: {what}"])


def policy_on(on: date, folder: Path | None = None) -> RetentionPolicy:
    """Read the three rules in force on `on` and check their parameters (a bad rule file is refused, not guessed)."""
    try:
        culling = applicable("retention_culling", on, folder)
    except ValueError:  # PyYAML raises a bare ValueError for an impossible date such as 2002-02-30
        raise ValidationFailed(_("retention.yaml: ogiltigt datum i en lagregel"), ["ogiltigt datum"]) from None
    years = culling.params.get("years_after_last_entry")
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 100:
        raise _bad(culling, "years_after_last_entry")
    if culling.params.get("complete_by") != "end_of_following_year":
        raise _bad(culling, "complete_by")
    exceptions = applicable("retention_exceptions", on, folder)
    reasons = tuple(r.strip() for r in str(exceptions.params.get("exception_reasons", "")).split(",") if r.strip())
    if not reasons or any(not r.isidentifier() for r in reasons):
        raise _bad(exceptions, "exception_reasons")
    sample = applicable("retention_research_sample", on, folder)
    try:
        days = tuple(int(d) for d in str(sample.params.get("birth_days", "")).split(",") if d.strip())
    except ValueError:
        raise _bad(sample, "birth_days") from None
    if any(not 1 <= d <= 31 for d in days):
        raise _bad(sample, "birth_days")
    return RetentionPolicy(
        on=on, years=years, citation=culling.citation(),
        provision_confirmed=bool(culling.params.get("provision_confirmed", False)),
        exception_reasons=reasons, exception_citation=exceptions.citation(), birth_days=days,
        research_citation=sample.citation(),
    )
