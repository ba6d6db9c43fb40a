"""The second wall: PostgreSQL roles, grants and Row-Level Security for one unit's database.

Identity is `session_user` — the login role the server authenticated (SCRAM), which a client cannot change for
itself (SET ROLE changes current_user only, and only to roles it already holds). App group roles own nothing; the
owner role that ran `server init` owns tables and the few SECURITY DEFINER helpers. No app role may UPDATE or
DELETE audit rows or journal notes, or TRUNCATE anything.
"""

from __future__ import annotations

from stodapp.server.connect import group_role
from stodapp.server.schema import APP_ROLES, RLS_TABLES

_FUNCTIONS = (
    # Who am I: the users row of the authenticated login role (NULL for anyone else, e.g. a disabled user).
    """CREATE FUNCTION stod_me() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = public, pg_temp AS
       $$ SELECT id FROM users WHERE db_role = session_user AND NOT disabled $$""",
    """CREATE FUNCTION stod_assigned(cid integer) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = public, pg_temp AS
       $$ SELECT EXISTS (SELECT 1 FROM case_assignments a
                         WHERE a.case_id = cid AND a.user_id = (SELECT stod_me())) $$""",
    """CREATE FUNCTION stod_audit_head_id() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = public, pg_temp AS
       $$ SELECT coalesce(max(id), 0) FROM audit_log $$""",
    # The creator of a case is assigned to it in the same statement (she cannot assign herself to other cases).
    """CREATE FUNCTION stod_assign_creator() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
       SET search_path = public, pg_temp AS
       $$ BEGIN INSERT INTO case_assignments (case_id, user_id) VALUES (NEW.id, NEW.created_by); RETURN NEW; END $$""",
    """CREATE TRIGGER cases_assign_creator AFTER INSERT ON cases
       FOR EACH ROW EXECUTE FUNCTION stod_assign_creator()""",
    # Journal notes and the audit log are append-only even for the owner role (a DBA must drop the trigger).
    """CREATE FUNCTION stod_append_only() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN RAISE EXCEPTION 'append-only table %', TG_TABLE_NAME; END $$""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION stod_append_only()""",
    """CREATE TRIGGER notes_append_only BEFORE UPDATE ON case_notes
       FOR EACH ROW EXECUTE FUNCTION stod_append_only()""",
)

_ASSIGNED = ("(EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = {t}.case_id "
             "AND a.user_id = (SELECT stod_me())))")


def statements(database: str, owner: str) -> list[str]:
    """DDL run by the owner at `server init`, after the tables exist (one transaction with them)."""
    app = group_role(database, "app")
    grp = {r: group_role(database, r) for r in APP_ROLES}
    hand, admin, sup = grp["handlaggare"], grp["administrator"], grp["arbetsledare"]
    q = _quote
    out: list[str] = list(_FUNCTIONS)
    out.append(f"CREATE ROLE {q(app)} NOLOGIN")
    for role in grp.values():
        out.append(f"CREATE ROLE {q(role)} NOLOGIN IN ROLE {q(app)}")
    out += [
        f"REVOKE ALL ON DATABASE {q(database)} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {q(database)} TO {q(app)}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {q(app)}",
        "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION stod_me(), stod_assigned(integer), stod_audit_head_id() TO {q(app)}",
        f"GRANT SELECT ON server_meta, users TO {q(app)}",
        f"GRANT SELECT, UPDATE (body) ON key_slots TO {q(app)}",
        f"GRANT SELECT, INSERT ON audit_log, write_receipts TO {q(app)}",
        f"GRANT SELECT, INSERT, UPDATE (status, closed_at, last_entry_at, version) ON cases TO {q(hand)}",
        f"GRANT SELECT (id, status, unit, opened_at, opened_month, closed_at) ON cases TO {q(sup)}",
        f"GRANT SELECT, INSERT ON case_assignments TO {q(hand)}",
        f"GRANT SELECT, INSERT, UPDATE ON persons, case_forms TO {q(hand)}",
        f"GRANT SELECT, INSERT, DELETE ON person_terms TO {q(hand)}",
        f"GRANT SELECT, INSERT ON case_notes TO {q(hand)}",
        f"GRANT USAGE ON SEQUENCE case_id_seq, person_id_seq, note_id_seq, form_id_seq TO {q(hand)}",
    ]
    for table in RLS_TABLES:
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    me = "(SELECT stod_me())"
    out += [
        f"CREATE POLICY ks_read ON key_slots FOR SELECT TO {q(app)} USING (user_id = {me} OR "
        f"pg_has_role(session_user, {_lit(admin)}, 'MEMBER'))",
        f"CREATE POLICY ks_own ON key_slots FOR UPDATE TO {q(app)} USING (user_id = {me})",
        f"CREATE POLICY cases_read ON cases FOR SELECT TO {q(hand)} USING (created_by = {me} OR stod_assigned(id))",
        f"CREATE POLICY cases_new ON cases FOR INSERT TO {q(hand)} WITH CHECK (created_by = {me})",
        f"CREATE POLICY cases_edit ON cases FOR UPDATE TO {q(hand)} USING (stod_assigned(id))",
        f"CREATE POLICY cases_stats ON cases FOR SELECT TO {q(sup)} USING (true)",
        f"CREATE POLICY assign_read ON case_assignments FOR SELECT TO {q(hand)} USING (user_id = {me})",
        f"CREATE POLICY assign_share ON case_assignments FOR INSERT TO {q(hand)} WITH CHECK (stod_assigned(case_id))",
        f"CREATE POLICY notes_read ON case_notes FOR SELECT TO {q(hand)} USING {_ASSIGNED.format(t='case_notes')}",
        f"CREATE POLICY notes_new ON case_notes FOR INSERT TO {q(hand)} "
        f"WITH CHECK (author_id = {me} AND stod_assigned(case_id))",
        f"CREATE POLICY audit_append ON audit_log FOR INSERT TO {q(app)} WITH CHECK (user_id = {me})",
        f"CREATE POLICY audit_head ON audit_log FOR SELECT TO {q(app)} "
        f"USING (id = (SELECT stod_audit_head_id()) OR user_id = {me})",
        f"CREATE POLICY audit_review ON audit_log FOR SELECT TO {q(admin)}, {q(sup)} USING (true)",
        f"CREATE POLICY receipts_own ON write_receipts FOR ALL TO {q(app)} USING (user_id = {me}) "
        f"WITH CHECK (user_id = {me})",
    ]
    for table in ("persons", "person_terms", "case_forms"):
        out.append(f"CREATE POLICY {table}_own ON {table} FOR ALL TO {q(hand)} "
                   f"USING {_ASSIGNED.format(t=table)} WITH CHECK (stod_assigned(case_id))")
    return out


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
