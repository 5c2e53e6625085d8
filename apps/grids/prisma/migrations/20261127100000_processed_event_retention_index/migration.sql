-- Retention (libs/messaging pruneMessagingTables) deletes the oldest processed-event records by this index.
CREATE INDEX "processed_event_processed_at_idx" ON "processed_event"("processed_at");
