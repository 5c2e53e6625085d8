-- Hand-written (libs/messaging/sql/messaging-tables.sql): the outbox trigger notifies only while no
-- relay is awake. Every notifying transaction of a database commits under one lock of PostgreSQL's
-- notification queue (pre-commit to the end of commit, fsync included): one notification per
-- write serialized the submissions' commits (tools/bench/submit.ts: ~3 transactions waiting on it
-- at any moment). A busy relay claims again on its own; the advisory locks are the protocol with it.
CREATE OR REPLACE FUNCTION pgov_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('pgov.outbox.writing'), hashtext(current_schema()));
  IF pg_try_advisory_xact_lock_shared(hashtext('pgov.outbox.awake'), hashtext(current_schema())) THEN
    PERFORM pg_notify('pgov_outbox', current_schema());
  END IF;
  RETURN NULL;
END $$;
