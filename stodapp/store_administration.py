"""What the facade offers an administrator over the open store itself: the audit chain and its anchor outside
the database, rekey and recovery key, key material for backups, moving into a server, `stodapp doctor`.

`Core` inherits these; they use only the session, the key ring and the store files it holds (no feature service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stodapp import __version__, audit
from stodapp.changes import Change
from stodapp.clock import Clock
from stodapp.errors import StodError
from stodapp.service import ServiceContext
from stodapp.store import keyslots as ks
from stodapp.store.database import AUDIT_SECRET, Database
from stodapp.store.keyring import KeyRing
from stodapp.store.layout import StoreFiles
from stodapp.store.tables import StoreMeta

if TYPE_CHECKING:
    from stodapp.server.importer import ImportReport
    from stodapp.server.store import ServerStore


class StoreAdministration:
    # Provided by Core.
    files: StoreFiles
    clock: Clock
    ctx: ServiceContext
    store_kind: str
    _keyring: KeyRing

    if TYPE_CHECKING:

        def _db(self) -> Database: ...

        def audit_event(
            self, action: str, purpose: str = "", record_type: str = "", record_id: str = ""
        ) -> None: ...

    # ---- the audit chain and its anchor ----------------------------------------------------------------------
    def _refresh_audit_anchor(self) -> None:
        """Keep the audit head outside the database too (sticky: a shorter chain never replaces it)."""
        from stodapp import audit_anchor

        try:
            with self.ctx.session() as s:
                old = self._keyring.slots.audit_anchor
                found = audit_anchor.check(s, self._db().audit_key, old)
                if not found.ok:  # cheap check at every unlock/lock: the evidence itself goes into the log
                    self.ctx.audit(s, "audit.anchor_mismatch", "audit_log", found.problem or "")
                new = audit_anchor.advanced(s, self._db().audit_key, old)
            if new is not None and new != old:
                self._keyring.save_audit_anchor(new)
        except (StodError, OSError):
            pass  # a full disk must not stop a lock; the next unlock or lock tries again

    def _with_anchor(self, s: Any, chain: audit.AuditVerification) -> audit.AuditVerification:
        from stodapp import audit_anchor

        found = audit_anchor.check(s, self._db().audit_key, ks.load(self.files.keyslots).audit_anchor)
        if found.ok:
            return chain.model_copy(update={"known_count": found.known_count, "known_head": found.known_head})
        return chain.model_copy(update={"ok": False, "anchor_problem": found.problem, "anchor_message": found.message,
                                        "known_count": found.known_count, "known_head": found.known_head})

    def verify_audit(self) -> audit.AuditVerification:
        self.ctx.require("audit.verify")
        with self.ctx.session() as s:
            result = self._with_anchor(s, audit.verify(s, self._db().audit_key))
            self.ctx.audit(s, "audit.verify", "audit_log")
        return result

    # ---- keys, backup, server, doctor -----------------------------------------------------------------------
    def rekey(self) -> Change:
        """Replace the data key (suspected compromise): every slot re-sealed, no passphrases needed."""
        self.ctx.require("keys.manage")
        db = self._db()
        with self.ctx.session() as s:
            # Older stores derive the audit key from the data key: pin it inside the store before it changes.
            if s.get(StoreMeta, AUDIT_SECRET) is None:
                s.add(StoreMeta(key=AUDIT_SECRET, value=db.audit_key.hex()))
        new = ks.new_dek()
        db.rekey(lambda raw: self._keyring.rekey(raw, new), new)
        with self.ctx.session() as s:
            self.ctx.audit(s, "keys.rekey", "store")
        return self.ctx.published(Change(area="keys", action="rekeyed"))

    def new_recovery_key(self) -> str:
        self.ctx.require("keys.manage")
        key = self._keyring.new_recovery()
        self.audit_event("keys.recovery_replaced")
        self.ctx.published(Change(area="keys", action="recovery_replaced"))
        return key

    def backup_key_material(self) -> tuple[Database, bytes]:
        """For stodapp.backup only (administrator): the open database and its DEK, which a backup carries wrapped
        under the backup key so a restored store keeps a verifiable audit chain."""
        self.ctx.require("backup.manage")
        return self._db(), self._keyring.dek

    def import_into_server(self, admin: ServerStore, owner: str, owner_password: str | None) -> ImportReport:
        """`stodapp server import`: copy this store's cases, persons, assignments and notes into the server `admin`
        is signed in to (stodapp.server.importer); this store is only read, plus one `server.import` audit row."""
        from stodapp.server.importer import import_store, read_local

        local = read_local(self.ctx, self._keyring.slots.store_id)

        def audit_local(unit_id: str, counts: str) -> None:
            self.audit_event("server.import", purpose=counts, record_type="server", record_id=unit_id)

        return import_store(local, admin, owner, owner_password, audit_local)

    def keyring(self) -> KeyRing:
        self.ctx.require("keys.manage")
        return self._keyring

    def doctor(self) -> dict[str, Any]:
        """Versions, integrity, audit chain and key-slot health (no secrets, no content)."""
        from stodapp.store.migrations import head

        db = self._db()
        info: dict[str, Any] = {"stodapp": __version__, **db.describe()}
        from stodapp.versions import qt_versions

        info.update(qt_versions())
        problems = db.integrity()
        info["schema_version"] = db.schema_version()
        info["schema_head"] = head()
        info["integrity"] = "ok" if not problems else problems[:5]
        with self.ctx.session() as s:
            chain = self._with_anchor(s, audit.verify(s, db.audit_key))
            self.ctx.audit(s, "doctor", "store")
        info["audit_chain"] = chain.model_dump()
        slots = self._keyring.slots
        info["key_slots"] = {
            "format": slots.format,
            "count": len(slots.slots),
            "recovery_slot": slots.slot("recovery") is not None,
            "kdf": [s.kdf.aad() for s in slots.slots],
            "pending_rekey": self.files.pending_keyslots.exists(),
        }
        info["store_kind"] = self.store_kind
        info["checked_at"] = self.clock.now().isoformat(timespec="seconds")
        return info
