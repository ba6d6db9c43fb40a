"""An unlocked server-mode session as the commands use it: the cases, their assessments and safety plans, the
supervisor's summary, audit verification, close.

The server's `stodapp.cases.backend.CaseStoreSession` (the local one is the facade `stodapp.core.Core`).
"""

from __future__ import annotations

from stodapp.audit import AuditVerification
from stodapp.auth import Principal
from stodapp.clock import Clock
from stodapp.server.assessments import ServerAssessments
from stodapp.server.cases import ServerCaseService
from stodapp.server.connect import LOGIN_KDF
from stodapp.server.safety_plans import ServerSafetyPlans
from stodapp.server.store import ServerStore
from stodapp.server.summary import ServerSummary
from stodapp.store.keyslots import KdfParams


class ServerSession:
    def __init__(self, store: ServerStore) -> None:
        self.store = store
        self.principal: Principal = store.principal
        self._cases = ServerCaseService(store)
        self._assessments = ServerAssessments(store)
        self._safety_plans = ServerSafetyPlans(store)  # a command signs in with the passphrase: no step-up
        self._summary = ServerSummary(store)

    @classmethod
    def open(cls, url: str, username: str, passphrase: str, *, expected_unit: str | None = None,
             clock: Clock | None = None, login_kdf: KdfParams = LOGIN_KDF, pool_size: int = 2) -> ServerSession:
        return cls(ServerStore.open(url, username, passphrase, login_kdf=login_kdf, expected_unit=expected_unit,
                                    clock=clock, pool_size=pool_size))

    @classmethod
    def sign_in(cls, url: str, username: str, passphrase: str, *, expected_unit: str | None = None) -> ServerSession:
        """A command's sign-in: open, then one `login` audit row, as a local unlock and the GUI's sign-in write."""
        session = cls.open(url, username, passphrase, expected_unit=expected_unit)
        try:
            with session.store.session() as s:
                session.store.audit(s, "login")
        except BaseException:
            session.close()
            raise
        return session

    @property
    def cases(self) -> ServerCaseService:
        return self._cases

    @property
    def assessments(self) -> ServerAssessments:
        return self._assessments

    @property
    def safety_plans(self) -> ServerSafetyPlans:
        return self._safety_plans

    @property
    def summary(self) -> ServerSummary:
        """The supervisor's summary over the whole unit (the local `Core.summary`)."""
        return self._summary

    def verify_audit(self) -> AuditVerification:
        result: AuditVerification = self.store.verify_audit()
        return result

    def close(self) -> None:
        self.store.close()
