-- Keeps case_contact_daily in step with case_contacts: one aggregated upsert per statement (transition tables), so
-- bulk imports stay fast. The organisation is the case's organisation when the contact is written.
CREATE OR REPLACE FUNCTION case_contacts_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_contact_daily AS d (organisation_id, day, dim, key, n)
  SELECT c.organisation_id, (k.occurred_at AT TIME ZONE 'Europe/Berlin')::date, x.dim, x.key,  count(*)
  FROM new_rows k JOIN cases c ON c.id = k.case_id
  CROSS JOIN LATERAL (
    SELECT 'mode' AS dim, k.mode AS key
    UNION ALL SELECT 'interpreter', k.interpreter_used::text
    UNION ALL SELECT 'domain', dom FROM unnest(k.life_domains) dom
  ) x
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, day, dim, key) DO UPDATE SET n = d.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_contacts_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_contact_daily AS d (organisation_id, day, dim, key, n)
  SELECT c.organisation_id, (k.occurred_at AT TIME ZONE 'Europe/Berlin')::date, x.dim, x.key, - count(*)
  FROM old_rows k JOIN cases c ON c.id = k.case_id
  CROSS JOIN LATERAL (
    SELECT 'mode' AS dim, k.mode AS key
    UNION ALL SELECT 'interpreter', k.interpreter_used::text
    UNION ALL SELECT 'domain', dom FROM unnest(k.life_domains) dom
  ) x
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, day, dim, key) DO UPDATE SET n = d.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_contacts_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_contact_daily AS d (organisation_id, day, dim, key, n)
  SELECT c.organisation_id, (k.occurred_at AT TIME ZONE 'Europe/Berlin')::date, x.dim, x.key, - count(*)
  FROM old_rows k JOIN cases c ON c.id = k.case_id
  CROSS JOIN LATERAL (
    SELECT 'mode' AS dim, k.mode AS key
    UNION ALL SELECT 'interpreter', k.interpreter_used::text
    UNION ALL SELECT 'domain', dom FROM unnest(k.life_domains) dom
  ) x
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, day, dim, key) DO UPDATE SET n = d.n + excluded.n;
  INSERT INTO case_contact_daily AS d (organisation_id, day, dim, key, n)
  SELECT c.organisation_id, (k.occurred_at AT TIME ZONE 'Europe/Berlin')::date, x.dim, x.key,  count(*)
  FROM new_rows k JOIN cases c ON c.id = k.case_id
  CROSS JOIN LATERAL (
    SELECT 'mode' AS dim, k.mode AS key
    UNION ALL SELECT 'interpreter', k.interpreter_used::text
    UNION ALL SELECT 'domain', dom FROM unnest(k.life_domains) dom
  ) x
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, day, dim, key) DO UPDATE SET n = d.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_contacts_count_insert AFTER INSERT ON case_contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_contacts_count_insert();
--> statement-breakpoint
CREATE TRIGGER case_contacts_count_delete AFTER DELETE ON case_contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_contacts_count_delete();
--> statement-breakpoint
CREATE TRIGGER case_contacts_count_update AFTER UPDATE ON case_contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_contacts_count_update();
--> statement-breakpoint
-- Counts of the contacts that exist already.
INSERT INTO case_contact_daily (organisation_id, day, dim, key, n)
SELECT c.organisation_id, (k.occurred_at AT TIME ZONE 'Europe/Berlin')::date, x.dim, x.key, count(*)
FROM case_contacts k JOIN cases c ON c.id = k.case_id
CROSS JOIN LATERAL (
  SELECT 'mode' AS dim, k.mode AS key
  UNION ALL SELECT 'interpreter', k.interpreter_used::text
  UNION ALL SELECT 'domain', dom FROM unnest(k.life_domains) dom
) x
GROUP BY 1, 2, 3, 4;
