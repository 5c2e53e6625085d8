import { describeDistrictTally, testDatabaseUrl } from '@pgov/testing';

// petition_district_tally (migration 20261128100000), kept by triggers, equals a count of petition.
describeDistrictTally({
  db: testDatabaseUrl('petitions'),
  table: 'petition',
  tally: 'petition_district_tally',
  column: 'petitions',
  insert: (client, district, n, from) =>
    client.query(
      `INSERT INTO petition (id, channel, category, district_code, first_time, content, petitioner_name, received_at, procedural_reply_due_at, result_reply_due_at, received_by)
       SELECT gen_random_uuid(), 'LETTER', 'STATE_COMPENSATION', $1, true, '来信' || s, '', now(), now() + interval '7 days', now() + interval '3 months', 'tally-test'
         FROM generate_series($2::int, $2::int + $3::int - 1) s`,
      [district, from, n],
    ),
});
