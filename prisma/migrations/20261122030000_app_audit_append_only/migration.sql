-- The app's audit trail is append-only: rows can be inserted and read, never changed or removed
-- through the application's connection. (Retention, if ever needed, is a DBA task that disables
-- the trigger explicitly, which itself leaves a trace in the server log.)
CREATE FUNCTION app_audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'app_audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER app_audit_event_append_only
  BEFORE UPDATE OR DELETE ON "app_audit_event"
  FOR EACH ROW EXECUTE FUNCTION app_audit_event_is_append_only();

CREATE TRIGGER app_audit_event_no_truncate
  BEFORE TRUNCATE ON "app_audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION app_audit_event_is_append_only();
