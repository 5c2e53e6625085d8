-- Hand-written (libs/messaging/sql/messaging-tables.sql): wakes the outbox relay (LISTEN pgov_outbox)
-- when a transaction that wrote outbox rows commits, instead of leaving the rows to its next poll.
-- PostgreSQL sends one notification per transaction and channel/payload however many rows.
CREATE FUNCTION pgov_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pgov_outbox', current_schema());
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event FOR EACH STATEMENT EXECUTE FUNCTION pgov_outbox_notify();
