-- Tables used by @pgov/messaging: the transactional outbox and the consumers' processed-event log.
-- Every service that publishes or consumes events has both in its own database. Matches
-- prisma/messaging.prisma: `prisma migrate diff` between a database built from this file and the
-- models reports no difference.

-- Written in the same transaction as the state change (enqueueEvent); published by the relay in seq order.
CREATE TABLE outbox_event (
  seq          BIGSERIAL      NOT NULL,
  id           UUID           NOT NULL,
  topic        TEXT           NOT NULL,
  key          TEXT           NOT NULL,
  type         TEXT           NOT NULL,
  envelope     JSONB          NOT NULL,
  created_at   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  published_at TIMESTAMPTZ(6),
  CONSTRAINT outbox_event_pkey PRIMARY KEY (seq)
);

CREATE UNIQUE INDEX outbox_event_id_key ON outbox_event (id);

-- The relay's claim: unpublished rows in seq order.
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL;

-- One row per (consumer group, event id) applied; written in the handler's transaction, so a
-- redelivered event finds its row and changes nothing.
CREATE TABLE processed_event (
  consumer     TEXT           NOT NULL,
  event_id     UUID           NOT NULL,
  processed_at TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT processed_event_pkey PRIMARY KEY (consumer, event_id)
);

-- Retention deletes the oldest records by this index.
CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);

-- Wakes the outbox relay (LISTEN pgov_outbox) when a transaction that wrote outbox rows commits;
-- PostgreSQL sends one notification per transaction and channel/payload however many rows. Not while
-- a relay is awake (it holds the schema's "awake" advisory lock and claims again on its own): every
-- notifying transaction of the database commits under one lock of PostgreSQL's notification queue,
-- so a notification per write serializes the writers' commits. "awake" is only looked at (taken and
-- let go at once): a writer holding it to its commit would keep a relay from waking while writers keep
-- coming. "writing", held shared to commit, lets a relay about to sleep wait for the writers that saw
-- it awake (src/outbox-listener.ts).
CREATE FUNCTION pgov_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('pgov.outbox.writing'), hashtext(current_schema()));
  IF pg_try_advisory_lock_shared(hashtext('pgov.outbox.awake'), hashtext(current_schema())) THEN
    PERFORM pg_advisory_unlock_shared(hashtext('pgov.outbox.awake'), hashtext(current_schema()));
    PERFORM pg_notify('pgov_outbox', current_schema());
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event FOR EACH STATEMENT EXECUTE FUNCTION pgov_outbox_notify();
