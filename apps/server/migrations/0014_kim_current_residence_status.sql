-- The current residence status of every person (the newest entry: valid_from DESC NULLS LAST, created_at DESC), kept
-- by statement-level triggers on person_residence_statuses. The evaluation joins this narrow table instead of sorting
-- the whole status history; only persons whose current entry starts after the period end look into the history.
CREATE TABLE "person_current_residence_status" (
	"person_id" uuid PRIMARY KEY NOT NULL REFERENCES "persons"("id") ON DELETE CASCADE,
	"status_code" text NOT NULL,
	"valid_from" date
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_current_residence_status_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_current_residence_status c USING unnest(ids) i(id) WHERE c.person_id = i.id;
  INSERT INTO person_current_residence_status (person_id, status_code, valid_from)
  SELECT DISTINCT ON (s.person_id) s.person_id, s.status_code, s.valid_from
  FROM person_residence_statuses s JOIN (SELECT DISTINCT id FROM unnest(ids) i(id)) i ON i.id = s.person_id
  ORDER BY s.person_id, s.valid_from DESC NULLS LAST, s.created_at DESC;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_residence_statuses_current_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_current_residence_status_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_residence_statuses_current_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_current_residence_status_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_residence_statuses_current_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_current_residence_status_refresh(ARRAY(SELECT person_id FROM old_rows UNION SELECT person_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER person_residence_statuses_current_insert AFTER INSERT ON person_residence_statuses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_residence_statuses_current_insert();
--> statement-breakpoint
CREATE TRIGGER person_residence_statuses_current_delete AFTER DELETE ON person_residence_statuses REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_residence_statuses_current_delete();
--> statement-breakpoint
CREATE TRIGGER person_residence_statuses_current_update AFTER UPDATE ON person_residence_statuses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_residence_statuses_current_update();
--> statement-breakpoint
-- The statuses that exist already.
INSERT INTO person_current_residence_status (person_id, status_code, valid_from)
SELECT DISTINCT ON (s.person_id) s.person_id, s.status_code, s.valid_from FROM person_residence_statuses s
ORDER BY s.person_id, s.valid_from DESC NULLS LAST, s.created_at DESC;
