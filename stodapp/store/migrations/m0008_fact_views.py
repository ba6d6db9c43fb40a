"""0008: fact views for the supervisor summary over what cases, checklists and referrals record; housing table.

SQLite-only by nature: the views read JSON columns (persons.details, assessments.record_json) with SQLite's
json_each / json_extract, which is fine for this single-file SQLCipher store and kept inside this migration.

Every view follows stodapp/summary/facts.py FACT_VIEWS: one row per counted record, a YYYY-MM month (never a
day), category columns named after the report dimension holding only codes from stodapp/summary/dimensions.py
(anything else becomes 'okant'; dimensions without an unknown code always get one of their codes), no free text,
no ids. Only rows belonging to a case count (training assessments have no case and are never counted).

Choices where the issue was silent:
- asking: events about being subjected to violence (subject 'utsatt'); asking about using violence is left out
  so that "ja" always means disclosed exposure. Month of the asking date. The case model stores 'skriftlig',
  the report code is 'skriftligt'.
- violence forms: a signed description of violence (se.stodapp.vinr.beskrivning) not replaced by a signed
  successor; a form counts once per description if `<form>_forekommit` is "ja" or an incident row names it.
- risk: every signed case assessment of the shipped danger/SPJ checklists, or of an imported (licensed) pack
  with an L/M/H judgement; risk_level is the highest L/M/H judgement in it, override 'ja' when any L/M/H
  judgement differs from the computed suggestion.
- reviews: re-assessment prompts of kind 'riskbedomning' (case_reviews) plus the review date of each signed risk
  assessment, done in the month the next signed assessment of the same checklist on the case was signed.
- safety plans: a plan is drawn up once per case and person (its first version); later versions are revisions.
- referrals: person_role 'barn' when the referred person is a child in the case, else victim/perpetrator.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
)
from sqlalchemy.engine import Connection

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 8
NAME = "fact_views"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("cases", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("persons", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

HOUSING_PLACEMENTS = Table(
    "housing_placements",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("person_id", Integer(), nullable=True),
    Column("placed", String(length=10), nullable=False),
    Column("started_on", Date(), nullable=False),
    Column("ended_on", Date(), nullable=True),
    Column("recorded_by", Integer(), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_housing_placements_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(
        ["person_id"], ["persons.id"], name="fk_housing_placements_person_id_persons", ondelete="SET NULL"
    ),
    ForeignKeyConstraint(["recorded_by"], ["users.id"], name="fk_housing_placements_recorded_by_users"),
    PrimaryKeyConstraint("id", name="pk_housing_placements"),
    Index("ix_housing_placements_case_id", "case_id"),
    Index("ix_housing_placements_started_on", "started_on"),
)

TABLES = (HOUSING_PLACEMENTS,)

SEX_CASE = "CASE {c} WHEN 'kvinna' THEN 'kvinna' WHEN 'man' THEN 'man' WHEN 'annat' THEN 'annat' ELSE 'okant' END"

FACT_ASKING = """
CREATE VIEW fact_asking_events AS
SELECT substr(e.asked_on, 1, 7) AS month,
       CASE e.answer WHEN 'ja' THEN 'ja' WHEN 'nej' THEN 'nej' WHEN 'avbojt' THEN 'avbojt'
                     WHEN 'ej_fragat' THEN 'ej_fragat' ELSE 'okant' END AS answer,
       CASE e.channel WHEN 'besok' THEN 'besok' WHEN 'telefon' THEN 'telefon' WHEN 'video' THEN 'video'
                      WHEN 'skriftlig' THEN 'skriftligt' WHEN 'skriftligt' THEN 'skriftligt' ELSE 'okant' END
           AS channel,
       CASE e."trigger" WHEN 'rutin' THEN 'rutin' WHEN 'indikation' THEN 'indikation'
                        WHEN 'eget_initiativ' THEN 'eget_initiativ' ELSE 'okant' END AS "trigger"
FROM asking_events e JOIN cases c ON c.id = e.case_id
WHERE e.subject = 'utsatt'
"""

FORM_CASE = (
    "CASE {c} WHEN 'fysiskt' THEN 'fysiskt' WHEN 'psykiskt' THEN 'psykiskt' WHEN 'sexuellt' THEN 'sexuellt' "
    "WHEN 'ekonomiskt' THEN 'ekonomiskt' WHEN 'materiellt' THEN 'materiellt' WHEN 'digitalt' THEN 'digitalt' "
    "WHEN 'latent' THEN 'latent' WHEN 'forsummelse' THEN 'forsummelse' WHEN 'heder' THEN 'hedersrelaterat' "
    "WHEN 'hedersrelaterat' THEN 'hedersrelaterat' ELSE 'okant' END"
)

FACT_FORMS = f"""
CREATE VIEW fact_violence_forms AS
WITH descr AS (
    SELECT a.id AS aid, substr(a.signed_at, 1, 7) AS month, a.record_json AS rj
    FROM assessments a JOIN cases c ON c.id = a.case_id
    WHERE a.status = 'signed' AND a.audience = 'case' AND a.signed_at IS NOT NULL
      AND a.checklist_id = 'se.stodapp.vinr.beskrivning' AND json_valid(a.record_json)
      AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id AND n.status = 'signed')
), forms AS (
    SELECT d.aid, d.month, substr(j.key, 1, length(j.key) - 11) AS form
    FROM descr d, json_each(d.rj, '$.answers') j
    WHERE j.key LIKE '%\\_forekommit' ESCAPE '\\' AND j.type = 'text' AND j.value = 'ja'
    UNION
    SELECT d.aid, d.month, f.value AS form
    FROM descr d, json_each(d.rj, '$.answers.handelser') h, json_each(h.value, '$.handelse_former') f
    WHERE h.type = 'object' AND f.type = 'text'
)
SELECT month, violence_form FROM (
    SELECT DISTINCT aid, month, {FORM_CASE.format(c="form")} AS violence_form FROM forms
)
"""

GROUP_CASE = (
    "CASE {c} WHEN 'funktionsnedsattning' THEN 'funktionsnedsattning' WHEN 'aldre' THEN 'aldre' "
    "WHEN 'hbtqi' THEN 'hbtqi' WHEN 'heder' THEN 'heder' WHEN 'missbruk' THEN 'missbruk' "
    "WHEN 'hemloshet' THEN 'hemloshet' WHEN 'prostitution' THEN 'prostitution' "
    "WHEN 'migration' THEN 'utrikes_fodd' WHEN 'utrikes_fodd' THEN 'utrikes_fodd' "
    "WHEN 'barn_unga' THEN 'barn_unga' ELSE 'okant' END"
)

FACT_GROUPS = f"""
CREATE VIEW fact_vulnerable_groups AS
SELECT month, "group", sex FROM (
    SELECT DISTINCT p.id AS pid, c.opened_month AS month,
           {GROUP_CASE.format(c="g.value")} AS "group",
           {SEX_CASE.format(c="p.sex")} AS sex
    FROM persons p JOIN cases c ON c.id = p.case_id,
         json_each(CASE WHEN json_valid(p.details) THEN p.details ELSE '{{}}' END, '$.groups') g
    WHERE p.role = 'stodsokande' AND g.type = 'text'
)
"""

RISK_IDS = "('se.stodapp.vinr.farlighet', 'se.stodapp.vinr.spb_partner', 'se.stodapp.hrv.spb_heder')"
LEVEL_RANK = (
    "CASE json_extract(j.value, '{p}') WHEN 'lag' THEN 1 WHEN 'låg' THEN 1 WHEN 'l' THEN 1 WHEN 'L' THEN 1 "
    "WHEN 'low' THEN 1 WHEN 'medel' THEN 2 WHEN 'm' THEN 2 WHEN 'M' THEN 2 WHEN 'moderate' THEN 2 "
    "WHEN 'hog' THEN 3 WHEN 'hög' THEN 3 WHEN 'h' THEN 3 WHEN 'H' THEN 3 WHEN 'high' THEN 3 END"
)

# One row per signed risk assessment on a case: aid, case_id, checklist_id, signed month, review month, level
# rank (1-3 or NULL) and whether an L/M/H judgement was overridden. Used by fact_risk_judgements and fact_reviews.
RISK_CTE = f"""
risk_j AS (
    SELECT a.id AS aid, a.case_id, a.checklist_id, a.signed_at, substr(a.signed_at, 1, 7) AS month,
           a.review_date,
           {LEVEL_RANK.format(p="$.value")} AS lvl,
           CASE WHEN {LEVEL_RANK.format(p="$.value")} IS NOT NULL
                 AND json_extract(j.value, '$.advised') IS NOT NULL
                 AND json_extract(j.value, '$.advised') <> json_extract(j.value, '$.value')
                THEN 1 ELSE 0 END AS overridden
    FROM assessments a JOIN cases c ON c.id = a.case_id
         LEFT JOIN json_each(CASE WHEN json_valid(a.record_json) THEN a.record_json ELSE '{{}}' END,
                             '$.judgements') j
    WHERE a.status = 'signed' AND a.audience = 'case' AND a.signed_at IS NOT NULL
), risk AS (
    SELECT aid, case_id, checklist_id, signed_at, month, review_date, MAX(lvl) AS lvl,
           MAX(overridden) AS overridden
    FROM risk_j GROUP BY aid
    HAVING checklist_id IN {RISK_IDS} OR (checklist_id NOT LIKE 'se.stodapp.%' AND MAX(lvl) IS NOT NULL)
)"""

FACT_RISK = f"""
CREATE VIEW fact_risk_judgements AS
WITH {RISK_CTE}
SELECT month,
       CASE lvl WHEN 1 THEN 'lag' WHEN 2 THEN 'medel' WHEN 3 THEN 'hog' ELSE 'okant' END AS risk_level,
       CASE overridden WHEN 1 THEN 'ja' ELSE 'nej' END AS override
FROM risk
"""

FACT_REVIEWS = f"""
CREATE VIEW fact_reviews AS
WITH {RISK_CTE}
SELECT substr(r.due_on, 1, 7) AS due_month, substr(r.done_on, 1, 7) AS done_month
FROM case_reviews r JOIN cases c ON c.id = r.case_id
WHERE r.kind = 'riskbedomning'
UNION ALL
SELECT substr(a.review_date, 1, 7) AS due_month,
       (SELECT MIN(substr(n.signed_at, 1, 7)) FROM risk n
        WHERE n.case_id = a.case_id AND n.checklist_id = a.checklist_id AND n.signed_at > a.signed_at) AS done_month
FROM risk a
WHERE a.review_date IS NOT NULL
"""

FACT_REFERRALS = f"""
CREATE VIEW fact_referrals AS
SELECT substr(r.given_on, 1, 7) AS month,
       CASE WHEN p.role = 'barn' THEN 'barn' WHEN r.person_role = 'victim' THEN 'utsatt'
            WHEN r.person_role = 'perpetrator' THEN 'utovare' ELSE 'okant' END AS person_role,
       {SEX_CASE.format(c="p.sex")} AS sex
FROM referrals_given r JOIN cases c ON c.id = r.case_id LEFT JOIN persons p ON p.id = r.person_id
"""

FACT_SAFETY_PLANS = """
CREATE VIEW fact_safety_plans AS
SELECT MIN(substr(sp.created_at, 1, 7)) AS month
FROM safety_plans sp JOIN cases c ON c.id = sp.case_id
GROUP BY sp.case_id, sp.person_id
"""

FACT_HOUSING = """
CREATE VIEW fact_protected_housing AS
SELECT substr(h.started_on, 1, 7) AS month, CASE h.placed WHEN 'barn' THEN 'barn' ELSE 'vuxen' END AS placed
FROM housing_placements h JOIN cases c ON c.id = h.case_id
"""

VIEWS = (FACT_ASKING, FACT_FORMS, FACT_GROUPS, FACT_RISK, FACT_REVIEWS, FACT_REFERRALS, FACT_SAFETY_PLANS, FACT_HOUSING)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
    sqlite_only(conn, VIEWS, "0008 fact views")
