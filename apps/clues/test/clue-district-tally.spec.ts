import { describeDistrictTally, testDatabaseUrl } from '@pgov/testing';

// clue_district_tally (migration 20261127110000), kept by triggers, equals a count of clue.
describeDistrictTally({
  db: testDatabaseUrl('clues'),
  table: 'clue',
  tally: 'clue_district_tally',
  column: 'clues',
  insert: (client, district, n, from) =>
    client.query(
      `INSERT INTO clue (id, number, district_code, year, seq, title, description, source, category, submitted_by, submitted_at)
       SELECT gen_random_uuid(), $1 || '-2026-' || lpad(s::text, 6, '0'), $1, 2026, s, '违建' || s, '描述', 'GRID_REPORT', 'ADMINISTRATIVE', 'tally-test', now()
         FROM generate_series($2::int, $2::int + $3::int - 1) s`,
      [district, from, n],
    ),
});
