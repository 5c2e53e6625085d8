-- Hand-written (libs/messaging/sql/messaging-tables.sql): a writer only looks at the relay's "awake"
-- lock (takes it shared and lets go at once) instead of holding it to its commit. Held, it kept the
-- relay from taking "awake" while any notifying writer was in flight, which under a steady load is
-- nearly always: the relay was found not awake a third of the time and the writers' commits queued
-- on PostgreSQL's notification lock again (tools/bench/submit.ts, pg_locks sampled).
CREATE OR REPLACE FUNCTION pgov_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('pgov.outbox.writing'), hashtext(current_schema()));
  IF pg_try_advisory_lock_shared(hashtext('pgov.outbox.awake'), hashtext(current_schema())) THEN
    PERFORM pg_advisory_unlock_shared(hashtext('pgov.outbox.awake'), hashtext(current_schema()));
    PERFORM pg_notify('pgov_outbox', current_schema());
  END IF;
  RETURN NULL;
END $$;
