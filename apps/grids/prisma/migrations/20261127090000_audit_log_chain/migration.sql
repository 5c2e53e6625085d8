-- The audit log becomes a hash chain (libs/privacy: audit-chain.ts, audit-log.ts): rows keyed by a
-- gap-free seq, each holding the hash of the row before it and its own; what was done (action) and
-- why (reason) beside who, which record and field, when and from which request.
-- migrate diff's statements, by hand for the rows already written: they are numbered in the order
-- they were written and marked legacy; the service seals them at start (their hashes need the key,
-- which the database never sees). The first release audited reveals and manual points adjustments,
-- whose reason is the ledger entry's note.
ALTER TABLE "audit_log"
ADD COLUMN     "seq" BIGINT,
ADD COLUMN     "action" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "legacy" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "prev_hash" TEXT,
ADD COLUMN     "hash" TEXT;

UPDATE "audit_log" AS a
   SET "seq" = n.seq,
       "legacy" = true,
       "action" = CASE WHEN a.record_type = 'PointsEntry' THEN 'ADJUST_POINTS' ELSE 'REVEAL' END,
       "reason" = CASE WHEN a.record_type = 'PointsEntry' THEN (SELECT p.note FROM points_entry p WHERE p.id::text = a.record_id) END
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM "audit_log") AS n
 WHERE a.id = n.id;

ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey",
DROP COLUMN "id",
ALTER COLUMN "seq" SET NOT NULL,
ALTER COLUMN "action" SET NOT NULL,
ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq");

-- CreateIndex
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log"("seq") WHERE (hash IS NULL);

-- Hand-written (libs/privacy/sql/audit-log-chain.sql): the audit log is append-only in the database.
-- A row goes in chained (prev_hash and hash, computed by the service: the key never reaches the
-- database); no row is updated or deleted and the table is not truncated, except for the one update
-- the service's start-up pass makes: sealing, once, a row written before the chain existed (legacy),
-- its other columns unchanged. The table's owner or a superuser can still disable the trigger: the
-- chain's key is what gives such a change away (the verifier names the row). Archiving old rows,
-- should it ever be needed: libs/privacy/README.md.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.prev_hash IS NULL OR NEW.hash IS NULL OR NEW.legacy THEN
      RAISE EXCEPTION 'audit_log rows are appended chained (prev_hash, hash), never as legacy' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.legacy AND OLD.hash IS NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
       AND to_jsonb(NEW) - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'prev_hash' - 'hash' THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'archiving old rows: libs/privacy/README.md';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
