-- The audit trail is append-only and hash-chained. The chain is computed here, under one advisory lock, so its order
-- is the commit order of concurrent writers and no application code can forge a link.
-- `seq` is assigned only by the trigger (under the lock), so it has no column default.
ALTER TABLE audit_events ALTER COLUMN seq DROP DEFAULT;
--> statement-breakpoint
CREATE FUNCTION audit_event_hash(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    e.seq::text, e.id::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.actor_id::text, ''), coalesce(e.actor_role, ''), coalesce(e.organisation_id::text, ''),
    coalesce(e.session_hash, ''), coalesce(e.request_id, ''), e.action,
    coalesce(e.subject_type, ''), coalesce(e.subject_id, ''), e.outcome, e.details::text, e.prev_hash
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(727275);
  NEW.seq := nextval(pg_get_serial_sequence('audit_events', 'seq'));
  NEW.occurred_at := clock_timestamp();
  SELECT hash INTO last_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_event_hash(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events ist unveränderlich (append-only)' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
