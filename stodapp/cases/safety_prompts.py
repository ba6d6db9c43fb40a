"""The safety-plan prompt list kept as data (resources/safety_plan_prompts.yaml): load, validate, look up.

Sections (where to go, who to call, papers, money, children, phone and internet, the way to work or school) hold
prompts the caseworker goes through with the person. Each prompt has the question for the caseworker
(`LocalizedText`), the first-person line printed on the client's copy (Swedish; translated by the client-language
catalogs) and `locating`: whether an answer can tell someone where she is. Our own wording, not validated.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stodapp.errors import ValidationFailed
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText

KEY = r"^[a-z0-9_]{2,40}$"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PromptSource(_Frozen):
    """Where one fact a prompt states comes from; `checked` None = not compared with the source yet."""

    fact: str = Field(min_length=3)
    source: str = Field(min_length=3)
    kind: Literal["public", "statute", "practice"]
    checked: date | None
    verified: bool


class Prompt(_Frozen):
    key: str = Field(pattern=KEY)
    ask: LocalizedText
    client: str = Field(min_length=3, max_length=200)
    locating: bool
    sources: tuple[PromptSource, ...] = ()


class Section(_Frozen):
    key: str = Field(pattern=KEY)
    title: LocalizedText
    client_title: str = Field(min_length=3, max_length=120)
    prompts: tuple[Prompt, ...] = Field(min_length=1)


class PromptList(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9-]{3,60}$")
    version: str = Field(min_length=4, max_length=40)
    valid_from: date
    label: LocalizedText
    sections: tuple[Section, ...] = Field(min_length=1)

    def prompt(self, key: str) -> tuple[Section, Prompt] | None:
        """The section and prompt for a prompt key, or None for a key this list does not have."""
        for section in self.sections:
            for prompt in section.prompts:
                if prompt.key == key:
                    return section, prompt
        return None

    def keys(self) -> tuple[str, ...]:
        return tuple(p.key for s in self.sections for p in s.prompts)

    def client_texts(self) -> tuple[str, ...]:
        """Every Swedish text this list can put on the client's copy (for the client-language catalogs)."""
        out: list[str] = []
        for section in self.sections:
            out.append(section.client_title)
            out.extend(p.client for p in section.prompts)
        return tuple(out)


def load_prompts(path: Path) -> PromptList:
    """Read and validate a prompt list; ValidationFailed with one line per problem (nothing half-loaded)."""
    from stodapp.checklists.safe_yaml import YamlRefused, load_yaml, read_text

    try:
        data, _node = load_yaml(read_text(path))
        parsed = PromptList.model_validate(data)
    except YamlRefused as err:
        raise ValidationFailed(_("{name}: {err}").format(name=path.name, err=err)) from None
    except ValidationError as err:
        lines = [f"{path.name}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()]
        raise ValidationFailed(
            _("{name}: {n} fel i säkerhetsplanens frågelista").format(name=path.name, n=len(lines)), lines
        ) from None
    sections = [s.key for s in parsed.sections]
    keys = parsed.keys()
    if len(set(sections)) != len(sections) or len(set(keys)) != len(keys):
        raise ValidationFailed(_("{name}: två avsnitt eller frågor har samma nyckel").format(name=path.name))
    return parsed


@lru_cache(maxsize=1)
def default_prompts() -> PromptList:
    """The shipped prompt list."""
    from stodapp.paths import resource_dir

    return load_prompts(resource_dir() / "safety_plan_prompts.yaml")
