-- Hand-written: a clue comes in with one call, one statement, one round trip (tools/bench/submit.ts
-- measured the submit path's cost per statement: each costs a socket write and a wake-up on both
-- sides, and an unnamed statement is parsed and planned every time, while a function's statements
-- keep their plans for the session). Called on its own it is its own transaction; inside a caller's
-- transaction (an event handler's) it is part of that one.
--
-- The district's counter row is taken first and held to the end of the transaction, so concurrent
-- submissions in a district queue there and never share a number. The search for possible
-- duplicates runs after it in a statement of its own, which in READ COMMITTED takes a new snapshot:
-- it sees every clue committed by a submission that held the counter before this one — two reports
-- of one grid sent at the same moment are still compared. It flags the earlier clues of the grid and
-- category since p_duplicates_from whose title is at least p_min_similarity alike (pg_trgm); both
-- are the domain's rules (apps/clues/src/domain/clue-duplicates.ts), NULL when they do not apply.
CREATE FUNCTION submit_clue(
  p_id uuid, p_district_code char(6), p_year int, p_title text, p_description text,
  p_source "ClueSource", p_category "ClueCategory", p_grid_code text, p_location text,
  p_reporter_member_id uuid, p_submitted_by text, p_submitted_at timestamptz, p_origin_ref text,
  p_attachments jsonb,
  p_event_id uuid, p_event_topic text, p_event_key text, p_event_type text, p_envelope jsonb,
  p_duplicates_from timestamptz, p_min_similarity real
) RETURNS clue LANGUAGE plpgsql AS $$
DECLARE
  v_seq int;
  v_clue clue;
BEGIN
  INSERT INTO clue_number_counter AS c (district_code, year, last) VALUES (p_district_code, p_year, 1)
  ON CONFLICT (district_code, year) DO UPDATE SET last = c.last + 1
  RETURNING last INTO v_seq;

  INSERT INTO clue (id, number, district_code, year, seq, title, description, source, category, status,
                    grid_code, location, reporter_member_id, submitted_by, submitted_at, origin_ref)
  VALUES (p_id, p_district_code || '-' || p_year || '-' || lpad(v_seq::text, 6, '0'), p_district_code, p_year, v_seq,
          p_title, p_description, p_source, p_category, 'SUBMITTED', p_grid_code, p_location,
          p_reporter_member_id, p_submitted_by, p_submitted_at, p_origin_ref)
  RETURNING * INTO v_clue;

  INSERT INTO clue_transition (clue_id, "from", "to", "by", at)
  VALUES (p_id, NULL, 'SUBMITTED', p_submitted_by, p_submitted_at);

  IF jsonb_array_length(p_attachments) > 0 THEN
    INSERT INTO clue_attachment (id, clue_id, name, sha256, size, media_type)
    SELECT gen_random_uuid(), p_id, a.name, a.sha256, a.size, a."mediaType"
    FROM jsonb_to_recordset(p_attachments) AS a(name text, sha256 text, size int, "mediaType" text);
  END IF;

  -- The event was built before the number was issued: it carries it from here.
  INSERT INTO outbox_event (id, topic, key, type, envelope)
  VALUES (p_event_id, p_event_topic, p_event_key, p_event_type, jsonb_set(p_envelope, '{data,number}', to_jsonb(v_clue.number)));

  IF p_grid_code IS NOT NULL AND p_duplicates_from IS NOT NULL THEN
    INSERT INTO clue_duplicate (clue_id, duplicate_of_id, similarity, flagged_at)
    SELECT p_id, earlier.id, similarity(earlier.title, p_title), p_submitted_at
    FROM clue earlier
    WHERE earlier.grid_code = p_grid_code
      AND earlier.category = p_category
      AND earlier.submitted_at >= p_duplicates_from
      AND earlier.id <> p_id
      AND similarity(earlier.title, p_title) >= p_min_similarity;
  END IF;

  RETURN v_clue;
END $$;
