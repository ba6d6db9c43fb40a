"""0018: fact views for the metrics of issue 17 (forms incl. FGM and exploitation, concerns by context, persons
using violence, how yes answers were handled, children given support, honour measures, instrument, staff).

Frozen SQLite DDL (views over JSON cannot be portable Core); nothing here imports a model. Every view keeps the
rules of 0008: one row per counted record, a `month` column YYYY-MM and closed category codes; case content
never reaches a column. `fact_violence_forms` is recreated with the two forms the description gained in 1.1.0
(`konsstympning`, `exploatering`), which 0008 counted as `okant`.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 18
NAME = "fact_views_content"

FORM_CASE = (
    "CASE {c} WHEN 'fysiskt' THEN 'fysiskt' WHEN 'psykiskt' THEN 'psykiskt' WHEN 'sexuellt' THEN 'sexuellt' "
    "WHEN 'ekonomiskt' THEN 'ekonomiskt' WHEN 'materiellt' THEN 'materiellt' WHEN 'digitalt' THEN 'digitalt' "
    "WHEN 'latent' THEN 'latent' WHEN 'forsummelse' THEN 'forsummelse' WHEN 'heder' THEN 'hedersrelaterat' "
    "WHEN 'hedersrelaterat' THEN 'hedersrelaterat' WHEN 'konsstympning' THEN 'konsstympning' "
    "WHEN 'exploatering' THEN 'exploatering' ELSE 'okant' END"
)

# Current signed descriptions of violence and the forms each records (a form `<f>_forekommit` = "ja", or named
# in an incident row); shared by several views below.
DESCR_FORMS_CTE = """
descr AS (
    SELECT a.id AS aid, a.case_id, substr(a.signed_at, 1, 7) AS month, a.record_json AS rj
    FROM assessments a JOIN cases c ON c.id = a.case_id
    WHERE a.status = 'signed' AND a.audience = 'case' AND a.signed_at IS NOT NULL
      AND a.checklist_id = 'se.stodapp.vinr.beskrivning' AND json_valid(a.record_json)
      AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id AND n.status = 'signed')
), forms AS (
    SELECT d.aid, d.case_id, d.month, substr(j.key, 1, length(j.key) - 11) AS form
    FROM descr d, json_each(d.rj, '$.answers') j
    WHERE j.key LIKE '%\\_forekommit' ESCAPE '\\' AND j.type = 'text' AND j.value = 'ja'
    UNION
    SELECT d.aid, d.case_id, d.month, f.value AS form
    FROM descr d, json_each(d.rj, '$.answers.handelser') h, json_each(h.value, '$.handelse_former') f
    WHERE h.type = 'object' AND f.type = 'text'
)"""

# Groups marked on the people of a case (persons.details JSON, key "groups").
GROUPS_CTE = """
case_groups AS (
    SELECT DISTINCT p.case_id, g.value AS grp
    FROM persons p, json_each(CASE WHEN json_valid(p.details) THEN p.details ELSE '{}' END, '$.groups') g
    WHERE g.type = 'text'
)"""

SENT_CONCERNS = """
sent AS (
    SELECT r.id, r.case_id, r.sent_on, strftime('%Y-%m', r.sent_on) AS month,
           CASE WHEN json_valid(r.report_json) AND json_extract(r.report_json, '$.honour_context') = 1
                THEN 1 ELSE 0 END AS honour_flag
    FROM concern_reports r JOIN cases c ON c.id = r.case_id
    WHERE r.sent_on IS NOT NULL
      AND r.id NOT IN (SELECT supersedes_id FROM concern_reports WHERE supersedes_id IS NOT NULL AND sent_on IS NOT NULL)
)"""

HONOUR_CASE = """
honour_cases AS (
    SELECT case_id FROM case_groups WHERE grp = 'heder'
    UNION SELECT case_id FROM forms WHERE form IN ('heder', 'hedersrelaterat', 'konsstympning')
    UNION SELECT case_id FROM sent WHERE honour_flag = 1
    UNION SELECT a.case_id FROM assessments a
          WHERE a.checklist_id = 'se.stodapp.hrv.spb_heder' AND a.status = 'signed'
)"""

DROP_FORMS = "DROP VIEW IF EXISTS fact_violence_forms"

FACT_FORMS = f"""
CREATE VIEW fact_violence_forms AS
WITH {DESCR_FORMS_CTE.strip()}
SELECT month, violence_form FROM (
    SELECT DISTINCT aid, month, {FORM_CASE.format(c="form")} AS violence_form FROM forms
)
"""

FACT_CONCERN_CONTEXTS = f"""
CREATE VIEW fact_concern_contexts AS
WITH {DESCR_FORMS_CTE.strip()}, {GROUPS_CTE.strip()}, {SENT_CONCERNS.strip()}, flags AS (
    SELECT s.month,
           CASE WHEN s.honour_flag = 1
                  OR s.case_id IN (SELECT case_id FROM case_groups WHERE grp = 'heder')
                  OR s.case_id IN (SELECT case_id FROM forms WHERE form IN ('heder', 'hedersrelaterat', 'konsstympning'))
                THEN 1 ELSE 0 END AS honour,
           CASE WHEN s.case_id IN (SELECT case_id FROM case_groups WHERE grp = 'prostitution')
                  OR s.case_id IN (SELECT case_id FROM forms WHERE form = 'exploatering')
                THEN 1 ELSE 0 END AS exploitation
    FROM sent s
)
SELECT month, 'hedersrelaterat' AS concern_context FROM flags WHERE honour = 1
UNION ALL
SELECT month, 'prostitution_manniskohandel' AS concern_context FROM flags WHERE exploitation = 1
UNION ALL
SELECT month, 'vald_nara_relation' AS concern_context FROM flags WHERE honour = 0 AND exploitation = 0
"""

FACT_PERSONS_USING_VIOLENCE = """
CREATE VIEW fact_persons_using_violence AS
SELECT c.opened_month AS month,
       CASE p.sex WHEN 'kvinna' THEN 'kvinna' WHEN 'man' THEN 'man' WHEN 'annat' THEN 'annat' ELSE 'okant' END
           AS sex,
       CASE WHEN EXISTS (SELECT 1 FROM referrals_given r WHERE r.person_id = p.id) THEN 'ja' ELSE 'nej' END
           AS referred
FROM persons p JOIN cases c ON c.id = p.case_id
WHERE p.role = 'utovare'
"""

FACT_YES_HANDLING = """
CREATE VIEW fact_yes_handling AS
SELECT substr(e.asked_on, 1, 7) AS month,
       CASE WHEN e.subject = 'utovande' THEN 'utovare' ELSE 'utsatt' END AS asked_subject,
       CASE WHEN EXISTS (SELECT 1 FROM next_steps n WHERE n.asking_event_id = e.id AND n.status = 'klar')
                THEN 'atgard_klar'
            WHEN EXISTS (SELECT 1 FROM next_steps n WHERE n.asking_event_id = e.id
                         AND n.status IN ('oppen', 'uppskjuten'))
                THEN 'pagar'
            WHEN EXISTS (SELECT 1 FROM next_steps n WHERE n.asking_event_id = e.id AND n.status = 'avbojd')
                THEN 'avbojt'
            ELSE 'ingen_registrerad' END AS yes_handling
FROM asking_events e JOIN cases c ON c.id = e.case_id
WHERE e.answer = 'ja'
"""

FACT_YES_FOLLOWUPS = """
CREATE VIEW fact_yes_followups AS
WITH yes AS (
    SELECT e.id, e.case_id, e.asked_on, substr(e.asked_on, 1, 7) AS month
    FROM asking_events e JOIN cases c ON c.id = e.case_id
    WHERE e.answer = 'ja' AND e.subject <> 'utovande'
), pairs AS (
    SELECT y.id, y.month, 'riskbedomning' AS followup FROM yes y
    WHERE EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = y.case_id AND a.status = 'signed'
                  AND a.checklist_id IN ('se.stodapp.vinr.farlighet', 'se.stodapp.vinr.spb_partner',
                                         'se.stodapp.hrv.spb_heder')
                  AND substr(a.signed_at, 1, 10) >= y.asked_on)
    UNION ALL
    SELECT y.id, y.month, 'sakerhetsplan' FROM yes y
    WHERE EXISTS (SELECT 1 FROM safety_plans sp WHERE sp.case_id = y.case_id
                  AND substr(sp.created_at, 1, 10) >= y.asked_on)
    UNION ALL
    SELECT y.id, y.month, 'hanvisning' FROM yes y
    WHERE EXISTS (SELECT 1 FROM referrals_given r WHERE r.case_id = y.case_id AND r.given_on >= y.asked_on
                  AND r.person_role <> 'perpetrator')
    UNION ALL
    SELECT y.id, y.month, 'orosanmalan' FROM yes y
    WHERE EXISTS (SELECT 1 FROM concern_reports cr WHERE cr.case_id = y.case_id AND cr.sent_on IS NOT NULL
                  AND cr.sent_on >= y.asked_on)
    UNION ALL
    SELECT y.id, y.month, 'skyddat_boende' FROM yes y
    WHERE EXISTS (SELECT 1 FROM housing_placements h WHERE h.case_id = y.case_id AND h.started_on >= y.asked_on)
)
SELECT month, followup FROM pairs
UNION ALL
SELECT y.month, 'ingen_registrerad' AS followup FROM yes y WHERE y.id NOT IN (SELECT id FROM pairs)
"""

FACT_CHILDREN_SUPPORTED = """
CREATE VIEW fact_children_supported AS
SELECT substr(r.given_on, 1, 7) AS month, 'hanvisning' AS child_support, 'p' || p.id AS child_id
FROM referrals_given r JOIN cases c ON c.id = r.case_id JOIN persons p ON p.id = r.person_id
WHERE p.role = 'barn'
UNION ALL
SELECT substr(h.started_on, 1, 7), 'skyddat_boende',
       CASE WHEN h.person_id IS NULL THEN 'h' || h.id ELSE 'p' || h.person_id END
FROM housing_placements h JOIN cases c ON c.id = h.case_id
WHERE h.placed = 'barn'
UNION ALL
SELECT substr(sp.created_at, 1, 7), 'sakerhetsplan', 'p' || p.id
FROM safety_plans sp JOIN cases c ON c.id = sp.case_id JOIN persons p ON p.id = sp.person_id
WHERE p.role = 'barn'
"""

FACT_HONOUR_MEASURES = f"""
CREATE VIEW fact_honour_measures AS
WITH {DESCR_FORMS_CTE.strip()}, {GROUPS_CTE.strip()}, {SENT_CONCERNS.strip()}, {HONOUR_CASE.strip()}
SELECT substr(a.signed_at, 1, 7) AS month, 'hrv_bedomning' AS honour_measure
FROM assessments a JOIN cases c ON c.id = a.case_id
WHERE a.checklist_id = 'se.stodapp.hrv.spb_heder' AND a.status = 'signed' AND a.signed_at IS NOT NULL
UNION ALL
SELECT s.month, 'orosanmalan' FROM sent s WHERE s.case_id IN (SELECT case_id FROM honour_cases)
UNION ALL
SELECT substr(h.started_on, 1, 7), 'skyddat_boende' FROM housing_placements h
WHERE h.case_id IN (SELECT case_id FROM honour_cases)
UNION ALL
SELECT substr(r.given_on, 1, 7), 'hanvisning' FROM referrals_given r
WHERE r.case_id IN (SELECT case_id FROM honour_cases)
UNION ALL
SELECT substr(sp.created_at, 1, 7), 'sakerhetsplan' FROM safety_plans sp
WHERE sp.case_id IN (SELECT case_id FROM honour_cases)
"""

LEVEL_RANK = (
    "CASE json_extract(j.value, '$.value') WHEN 'lag' THEN 1 WHEN 'låg' THEN 1 WHEN 'l' THEN 1 WHEN 'L' THEN 1 "
    "WHEN 'low' THEN 1 WHEN 'medel' THEN 2 WHEN 'm' THEN 2 WHEN 'M' THEN 2 WHEN 'moderate' THEN 2 "
    "WHEN 'hog' THEN 3 WHEN 'hög' THEN 3 WHEN 'h' THEN 3 WHEN 'H' THEN 3 WHEN 'high' THEN 3 END"
)

# The same assessments as fact_risk_judgements (0008): signed case assessments of the shipped risk checklists,
# or a local checklist with an L/M/H judgement; one row each, by instrument.
FACT_RISK_INSTRUMENTS = f"""
CREATE VIEW fact_risk_instruments AS
WITH risk_j AS (
    SELECT a.id AS aid, a.checklist_id, substr(a.signed_at, 1, 7) AS month, {LEVEL_RANK} AS lvl
    FROM assessments a JOIN cases c ON c.id = a.case_id
         LEFT JOIN json_each(CASE WHEN json_valid(a.record_json) THEN a.record_json ELSE '{{}}' END,
                             '$.judgements') j
    WHERE a.status = 'signed' AND a.audience = 'case' AND a.signed_at IS NOT NULL
), risk AS (
    SELECT aid, checklist_id, month, MAX(lvl) AS lvl FROM risk_j GROUP BY aid
    HAVING checklist_id IN ('se.stodapp.vinr.farlighet', 'se.stodapp.vinr.spb_partner', 'se.stodapp.hrv.spb_heder')
        OR (checklist_id NOT LIKE 'se.stodapp.%' AND MAX(lvl) IS NOT NULL)
)
SELECT month,
       CASE checklist_id WHEN 'se.stodapp.vinr.farlighet' THEN 'farlighet'
                         WHEN 'se.stodapp.vinr.spb_partner' THEN 'spb_partner'
                         WHEN 'se.stodapp.hrv.spb_heder' THEN 'spb_heder'
                         ELSE 'lokal' END AS instrument
FROM risk
"""

VIEWS = (
    DROP_FORMS,
    FACT_FORMS,
    FACT_CONCERN_CONTEXTS,
    FACT_PERSONS_USING_VIOLENCE,
    FACT_YES_HANDLING,
    FACT_YES_FOLLOWUPS,
    FACT_CHILDREN_SUPPORTED,
    FACT_HONOUR_MEASURES,
    FACT_RISK_INSTRUMENTS,
)


def upgrade(conn: Connection) -> None:
    sqlite_only(conn, VIEWS, "0018 fact views")
