-- CreateTable
CREATE TABLE "petition_district_tally" (
    "district_code" CHAR(6) NOT NULL,
    "petitions" BIGINT NOT NULL,

    CONSTRAINT "petition_district_tally_pkey" PRIMARY KEY ("district_code")
);

-- Hand-written: the tally is kept by PostgreSQL, so no write path (the graph's mutations, the
-- event handlers, the seeds' COPY-sized INSERTs) can forget it. Rows added and removed are counted
-- once per statement from its transition table (a million-row seed costs one grouped upsert); a
-- petition moved to another district locks both districts' rows in code order, so two opposite moves
-- cannot deadlock; TRUNCATE empties it.
CREATE FUNCTION petition_district_tally_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO petition_district_tally AS t (district_code, petitions)
    SELECT district_code, count(*) FROM added GROUP BY district_code ORDER BY district_code
  ON CONFLICT (district_code) DO UPDATE SET petitions = t.petitions + EXCLUDED.petitions;
  RETURN NULL;
END $$;

CREATE FUNCTION petition_district_tally_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE petition_district_tally t SET petitions = t.petitions - r.n
    FROM (SELECT district_code, count(*) AS n FROM removed GROUP BY district_code) r
   WHERE t.district_code = r.district_code;
  RETURN NULL;
END $$;

CREATE FUNCTION petition_district_tally_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO petition_district_tally (district_code, petitions) VALUES (NEW.district_code, 0) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM petition_district_tally WHERE district_code IN (OLD.district_code, NEW.district_code) ORDER BY district_code FOR UPDATE;
  UPDATE petition_district_tally SET petitions = petitions - 1 WHERE district_code = OLD.district_code;
  UPDATE petition_district_tally SET petitions = petitions + 1 WHERE district_code = NEW.district_code;
  RETURN NULL;
END $$;

CREATE FUNCTION petition_district_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM petition_district_tally;
  RETURN NULL;
END $$;

CREATE TRIGGER petition_district_tally_added AFTER INSERT ON "petition"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION petition_district_tally_added();
CREATE TRIGGER petition_district_tally_removed AFTER DELETE ON "petition"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION petition_district_tally_removed();
CREATE TRIGGER petition_district_tally_moved AFTER UPDATE OF district_code ON "petition"
  FOR EACH ROW WHEN (OLD.district_code IS DISTINCT FROM NEW.district_code) EXECUTE FUNCTION petition_district_tally_moved();
CREATE TRIGGER petition_district_tally_truncated AFTER TRUNCATE ON "petition"
  FOR EACH STATEMENT EXECUTE FUNCTION petition_district_tally_truncated();

-- The petitions already on record.
INSERT INTO petition_district_tally (district_code, petitions) SELECT district_code, count(*) FROM "petition" GROUP BY district_code;
