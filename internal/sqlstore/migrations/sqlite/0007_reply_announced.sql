-- announced says that the email announcing this reply to the comment it
-- answers was queued, so that approving a reply again sends nothing.
-- Comments approved before this migration count as announced.
ALTER TABLE comments ADD COLUMN announced BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE comments SET announced = TRUE WHERE status = 'approved';
