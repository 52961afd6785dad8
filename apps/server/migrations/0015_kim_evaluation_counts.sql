-- Evaluation counts (Beratungszahlen) kept in step with the cases, so that a yearly evaluation of a Kreis reads a few
-- thousand monthly sums instead of every case. Two tables, both maintained by statement-level triggers:
--   case_evaluation_facts   one narrow row per case with the keys it is counted under (the case's organisation,
--                           dates, referring body, closure reason; its person's Gemeinde, sex, first nationality,
--                           birth date, current residence status). Exactly what the monthly sums hold, so removing a
--                           case or changing a key subtracts precisely what was added.
--   case_evaluation_monthly per organisation, month, dimension and key: cases opened and cases closed in that month.
-- A period [from, to] counts the cases opened up to `to` minus those closed before `from`; the days of a partial
-- month at either edge, the birth years that straddle an age-band limit and persons whose current residence status
-- starts after `to` are counted from the facts (see evaluation.repository.ts).
CREATE TABLE "case_evaluation_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL REFERENCES "cases"("id") ON DELETE CASCADE,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"opened_at" date NOT NULL,
	"closed_at" date,
	"referring_body" text,
	"closure_reason" text,
	"municipality_ags" text,
	"sex" text,
	"nationality" text,
	"birth_date" date,
	"status_code" text,
	"status_valid_from" date,
	"goal_statuses" text[] NOT NULL DEFAULT '{}',
	"multi" boolean NOT NULL DEFAULT false
);
--> statement-breakpoint
CREATE INDEX "case_evaluation_facts_person_idx" ON "case_evaluation_facts" ("person_id");
--> statement-breakpoint
CREATE INDEX "case_evaluation_facts_opened_idx" ON "case_evaluation_facts" ("opened_at");
--> statement-breakpoint
CREATE INDEX "case_evaluation_facts_closed_idx" ON "case_evaluation_facts" ("closed_at");
--> statement-breakpoint
CREATE INDEX "case_evaluation_facts_birth_idx" ON "case_evaluation_facts" ("birth_date") INCLUDE ("organisation_id", "opened_at", "closed_at");
--> statement-breakpoint
CREATE INDEX "case_evaluation_facts_multi_idx" ON "case_evaluation_facts" ("opened_at") INCLUDE ("closed_at", "person_id", "organisation_id") WHERE "multi";
--> statement-breakpoint
CREATE INDEX "case_evaluation_facts_status_from_idx" ON "case_evaluation_facts" ("status_valid_from");
--> statement-breakpoint
CREATE TABLE "case_evaluation_monthly" (
	"organisation_id" uuid NOT NULL,
	"month" date NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"opened" integer NOT NULL DEFAULT 0,
	"closed" integer NOT NULL DEFAULT 0,
	PRIMARY KEY ("organisation_id", "month", "dim", "key")
);
--> statement-breakpoint
-- The keys one fact row is counted under ('' = no value). The birth year stands in for the age, which depends on the
-- period; goals count once per goal (read in the month the case closed).
CREATE OR REPLACE FUNCTION case_evaluation_keys(
  municipality_ags text, sex text, nationality text, status_code text, referring_body text, closure_reason text,
  birth_date date, goal_statuses text[]) RETURNS TABLE (dim text, key text)
LANGUAGE sql IMMUTABLE AS $$
  VALUES ('all', ''),
         ('gemeinde', coalesce(municipality_ags, '')),
         ('sex', coalesce(sex, '')),
         ('nationality', coalesce(nationality, '')),
         ('status', coalesce(status_code, '')),
         ('referring', coalesce(referring_body, '')),
         ('closure', coalesce(closure_reason, '')),
         ('birth_year', coalesce(extract(year FROM birth_date)::int::text, ''))
  UNION ALL
  SELECT 'goal', g FROM unnest(goal_statuses) g
$$;
--> statement-breakpoint
-- Adds (sign 1) or subtracts (sign -1) what the given fact rows contribute to the monthly sums.
CREATE OR REPLACE FUNCTION case_evaluation_monthly_add(facts case_evaluation_facts[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(facts), 0) = 0 THEN RETURN; END IF;
  INSERT INTO case_evaluation_monthly AS m (organisation_id, month, dim, key, opened, closed)
  SELECT x.organisation_id, x.month, k.dim, k.key, sign * sum(x.opened), sign * sum(x.closed)
  FROM (
    SELECT f.*, date_trunc('month', f.opened_at)::date AS month, 1 AS opened, 0 AS closed FROM unnest(facts) f
    UNION ALL
    SELECT f.*, date_trunc('month', f.closed_at)::date, 0, 1 FROM unnest(facts) f WHERE f.closed_at IS NOT NULL) x
  CROSS JOIN LATERAL case_evaluation_keys(x.municipality_ags, x.sex, x.nationality, x.status_code, x.referring_body,
                                          x.closure_reason, x.birth_date, x.goal_statuses) k
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, month, dim, key)
    DO UPDATE SET opened = m.opened + excluded.opened, closed = m.closed + excluded.closed;
END $$;
--> statement-breakpoint
-- Marks the fact rows of persons with more than one case (`multi`): distinct persons of a period are its cases minus
-- the surplus cases of these persons, read through a small partial index.
CREATE OR REPLACE FUNCTION case_evaluation_multi_refresh(person_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- A statement-level trigger fires even for an UPDATE of no rows: return early so the triggers do not recurse.
  IF coalesce(cardinality(person_ids), 0) = 0 THEN RETURN; END IF;
  UPDATE case_evaluation_facts f SET multi = m.multi
  FROM (SELECT g.case_id, count(*) OVER (PARTITION BY g.person_id) > 1 AS multi
        FROM case_evaluation_facts g WHERE g.person_id = ANY (person_ids)) m
  WHERE f.case_id = m.case_id AND f.multi IS DISTINCT FROM m.multi;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_evaluation_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_old case_evaluation_facts[];
  changed_new case_evaluation_facts[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM case_evaluation_monthly_add(ARRAY(SELECT n::case_evaluation_facts FROM new_rows n), 1);
    PERFORM case_evaluation_multi_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM case_evaluation_monthly_add(ARRAY(SELECT o::case_evaluation_facts FROM old_rows o), -1);
    PERFORM case_evaluation_multi_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  ELSE
    -- Only rows whose counted values changed (not the `multi` mark alone), old and new side from one join.
    SELECT array_agg(o::case_evaluation_facts), array_agg(n::case_evaluation_facts)
    INTO changed_old, changed_new
    FROM old_rows o JOIN new_rows n ON n.case_id = o.case_id
    WHERE (o.organisation_id, o.opened_at, o.closed_at, o.referring_body, o.closure_reason, o.municipality_ags, o.sex,
           o.nationality, o.birth_date, o.status_code, o.goal_statuses)
          IS DISTINCT FROM
          (n.organisation_id, n.opened_at, n.closed_at, n.referring_body, n.closure_reason, n.municipality_ags, n.sex,
           n.nationality, n.birth_date, n.status_code, n.goal_statuses);
    PERFORM case_evaluation_monthly_add(changed_old, -1);
    PERFORM case_evaluation_monthly_add(changed_new, 1);
    PERFORM case_evaluation_multi_refresh(ARRAY(
      SELECT DISTINCT unnest(ARRAY[o.person_id, n.person_id])
      FROM old_rows o JOIN new_rows n ON n.case_id = o.case_id WHERE o.person_id <> n.person_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_evaluation_facts_insert AFTER INSERT ON case_evaluation_facts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_changed();
--> statement-breakpoint
CREATE TRIGGER case_evaluation_facts_update AFTER UPDATE ON case_evaluation_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_changed();
--> statement-breakpoint
CREATE TRIGGER case_evaluation_facts_delete AFTER DELETE ON case_evaluation_facts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_changed();
--> statement-breakpoint
-- The fact values of cases as their cases, persons, current residence statuses and goals say now. A case closed on a
-- date before its opening counts as closed on its opening day.
CREATE OR REPLACE VIEW case_evaluation_source AS
SELECT c.id AS case_id, c.organisation_id, c.person_id, c.opened_at,
       CASE WHEN c.closed_at < c.opened_at THEN c.opened_at ELSE c.closed_at END AS closed_at,
       c.referring_body, c.closure_reason, p.municipality_ags, p.sex, p.nationalities[1] AS nationality,
       CASE WHEN p.birth_date_precision = 'unknown' THEN NULL ELSE p.birth_date END AS birth_date,
       cs.status_code, cs.valid_from AS status_valid_from,
       ARRAY(SELECT g.status FROM case_goals g WHERE g.case_id = c.id ORDER BY g.status) AS goal_statuses
FROM cases c
JOIN persons p ON p.id = c.person_id
LEFT JOIN person_current_residence_status cs ON cs.person_id = c.person_id;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_evaluation_facts_refresh(case_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(case_ids), 0) = 0 THEN RETURN; END IF;
  UPDATE case_evaluation_facts f SET
    organisation_id = s.organisation_id, person_id = s.person_id, opened_at = s.opened_at, closed_at = s.closed_at,
    referring_body = s.referring_body, closure_reason = s.closure_reason, municipality_ags = s.municipality_ags,
    sex = s.sex, nationality = s.nationality, birth_date = s.birth_date, status_code = s.status_code,
    status_valid_from = s.status_valid_from, goal_statuses = s.goal_statuses
  FROM case_evaluation_source s
  WHERE s.case_id = ANY (case_ids) AND f.case_id = s.case_id
    AND (f.organisation_id, f.person_id, f.opened_at, f.closed_at, f.referring_body, f.closure_reason, f.municipality_ags,
         f.sex, f.nationality, f.birth_date, f.status_code, f.status_valid_from, f.goal_statuses)
        IS DISTINCT FROM
        (s.organisation_id, s.person_id, s.opened_at, s.closed_at, s.referring_body, s.closure_reason, s.municipality_ags,
         s.sex, s.nationality, s.birth_date, s.status_code, s.status_valid_from, s.goal_statuses);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_evaluation_facts_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_evaluation_facts (case_id, organisation_id, person_id, opened_at, closed_at, referring_body,
      closure_reason, municipality_ags, sex, nationality, birth_date, status_code, status_valid_from, goal_statuses)
    SELECT s.case_id, s.organisation_id, s.person_id, s.opened_at, s.closed_at, s.referring_body, s.closure_reason,
           s.municipality_ags, s.sex, s.nationality, s.birth_date, s.status_code, s.status_valid_from, s.goal_statuses
    FROM case_evaluation_source s WHERE s.case_id IN (SELECT id FROM new_rows);
  ELSE
    PERFORM case_evaluation_facts_refresh(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.organisation_id, n.person_id, n.opened_at, n.closed_at, n.referring_body, n.closure_reason)
            IS DISTINCT FROM (o.organisation_id, o.person_id, o.opened_at, o.closed_at, o.referring_body, o.closure_reason)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_evaluation_facts_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_cases();
--> statement-breakpoint
CREATE TRIGGER cases_evaluation_facts_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_cases();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_evaluation_facts_from_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_evaluation_facts_refresh(ARRAY(
    SELECT f.case_id FROM case_evaluation_facts f JOIN new_rows n ON n.id = f.person_id JOIN old_rows o ON o.id = n.id
    WHERE (n.municipality_ags, n.sex, n.nationalities[1], n.birth_date, n.birth_date_precision)
          IS DISTINCT FROM (o.municipality_ags, o.sex, o.nationalities[1], o.birth_date, o.birth_date_precision)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER persons_evaluation_facts_update AFTER UPDATE ON persons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_persons();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_evaluation_facts_from_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM case_evaluation_facts_refresh(ARRAY(
      SELECT f.case_id FROM case_evaluation_facts f WHERE f.person_id IN (SELECT person_id FROM old_rows)));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM case_evaluation_facts_refresh(ARRAY(
      SELECT f.case_id FROM case_evaluation_facts f WHERE f.person_id IN (SELECT person_id FROM new_rows)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER person_current_residence_status_facts_insert AFTER INSERT ON person_current_residence_status
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_status();
--> statement-breakpoint
CREATE TRIGGER person_current_residence_status_facts_update AFTER UPDATE ON person_current_residence_status
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_status();
--> statement-breakpoint
CREATE TRIGGER person_current_residence_status_facts_delete AFTER DELETE ON person_current_residence_status
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_status();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_evaluation_facts_from_goals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM case_evaluation_facts_refresh(ARRAY(SELECT DISTINCT case_id FROM old_rows));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM case_evaluation_facts_refresh(ARRAY(SELECT DISTINCT case_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_goals_evaluation_facts_insert AFTER INSERT ON case_goals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_goals();
--> statement-breakpoint
CREATE TRIGGER case_goals_evaluation_facts_update AFTER UPDATE ON case_goals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_goals();
--> statement-breakpoint
CREATE TRIGGER case_goals_evaluation_facts_delete AFTER DELETE ON case_goals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_evaluation_facts_from_goals();
--> statement-breakpoint
-- The cases that exist already (the insert trigger above fills the monthly sums and the `multi` marks).
INSERT INTO case_evaluation_facts (case_id, organisation_id, person_id, opened_at, closed_at, referring_body,
  closure_reason, municipality_ags, sex, nationality, birth_date, status_code, status_valid_from, goal_statuses)
SELECT case_id, organisation_id, person_id, opened_at, closed_at, referring_body, closure_reason, municipality_ags, sex,
       nationality, birth_date, status_code, status_valid_from, goal_statuses
FROM case_evaluation_source;
