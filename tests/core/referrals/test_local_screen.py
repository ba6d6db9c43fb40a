"""The administrator's "Lokala stödkontakter" tab loads in one read transaction: the stored document, the template
slots it still lacks and the national ids an entry may not reuse."""

from __future__ import annotations

from typing import Any

from stodapp.referrals.local_entries import LocalEntries
from tests.core.referrals.test_local_and_cli import local_doc


def _one_read(core: Any) -> Any:
    commits: list[int] = []
    stop = core.ctx.db.watch_commits(lambda: commits.append(1))
    screen = core.referrals.local_screen()
    stop()
    assert len(commits) == 1
    return screen


def test_nothing_stored_yet_is_one_read_naming_every_missing_slot(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    screen = _one_read(admin)
    assert screen.stored is None and screen.missing == ("socialtjanst", "socialjour", "logo")
    national = admin.referrals.directory().national
    assert screen.national_ids == frozenset(r.id for r in national) and screen.national_ids


def test_the_stored_document_and_what_it_lacks_is_one_read(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    doc = LocalEntries.model_validate(local_doc())
    admin.referrals.save_local(doc)
    screen = _one_read(admin)
    assert screen.stored == doc and screen.missing == ()
    without_logo = doc.model_copy(update={"logo": None, "resources": doc.resources[:1]})
    admin.referrals.save_local(without_logo)
    missing = _one_read(admin).missing
    assert "logo" in missing and len(missing) == 2
