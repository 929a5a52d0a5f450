-- Integration revisions are immutable: refuse any UPDATE at the database level.
CREATE OR REPLACE FUNCTION integration_revisions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'integration revisions are immutable' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER integration_revisions_no_update BEFORE UPDATE ON integration_revisions
  FOR EACH ROW EXECUTE FUNCTION integration_revisions_immutable();
