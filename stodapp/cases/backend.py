"""The seam between case features and their store: what the local `CaseService` and the server-mode
`stodapp.server.cases.ServerCaseService` both offer, so the CLI (and later the GUI) work on either backend.

Kept to what both implement with the same meaning; each backend has more (break-the-glass and asking on the local
store, conflict-checked updates on the server). `_conforms` lets mypy check that both really fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from stodapp.audit import AuditVerification
from stodapp.cases.models import CaseJournal, CasePage, CaseView, NoteView, PersonInput, SearchHit
from stodapp.changes import Change

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.server.cases import ServerCaseService
    from stodapp.server.session import ServerSession


class PersonsApi(Protocol):
    def add(self, case_id: int, data: PersonInput) -> Change: ...


class NotesApi(Protocol):
    def add(self, case_id: int, body: str, *, corrects_id: int | None = None) -> Change: ...

    def list(self, case_id: int) -> list[NoteView]: ...


class CasesApi(Protocol):
    @property
    def persons(self) -> PersonsApi: ...

    @property
    def notes(self) -> NotesApi: ...

    def create_case(self, unit: str = "") -> Change: ...

    def list_cases(self, after: int | None = None, limit: int = 50) -> CasePage: ...

    def open_case(self, case_id: int) -> CaseView: ...

    def open_journal(self, case_id: int) -> CaseJournal: ...

    def search(self, query: str, limit: int = 50) -> list[SearchHit]: ...


class CaseStoreSession(Protocol):
    """An unlocked store as the case commands use it: the facade (`stodapp.core.Core`) or a server session."""

    @property
    def cases(self) -> CasesApi: ...

    def verify_audit(self) -> AuditVerification: ...

    def close(self) -> None: ...


def _conforms(local: CaseService) -> CasesApi:  # pragma: no cover - a type check, never called
    return local


def _server_conforms(server: ServerCaseService, session: ServerSession) -> tuple[CasesApi, CaseStoreSession]:
    return server, session  # pragma: no cover - a type check, never called
