// Imports a governance hierarchy CSV (level,code,name,parent_code) into the grids database:
// `tsx apps/grids/src/tools/import-hierarchy.ts --file <csv>`. Reads DATABASE_URL only. Runs the
// service's own import (all rows or none, one grids.hierarchy.changed event per created unit,
// published later by the running service's outbox relay), acting as 'tool:import-hierarchy'.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Role, type Identity } from '@pgov/auth';
import { databaseUrl, loadConfig } from '@pgov/config';
import { DomainError } from '@pgov/errors';
import { CITY_CODE } from '@pgov/reference-data';
import { CsvProblems } from '../domain/hierarchy-import';
import { createDb } from '../persistence/prisma';
import { hierarchyService } from '../services/hierarchy.service';

/** Whoever runs the tool on the database's host acts as the city's administrator. */
const TOOL: Identity = { subject: 'tool:import-hierarchy', name: 'import-hierarchy tool', roles: [Role.CITY_ADMIN], district: CITY_CODE };

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { file: { type: 'string' } } });
  if (!values.file) throw new Error('usage: import-hierarchy --file <csv with header level,code,name,parent_code>');
  const csv = readFileSync(values.file, 'utf8');
  const { DATABASE_URL } = loadConfig('grids import-hierarchy', { DATABASE_URL: databaseUrl() });
  const db = createDb(DATABASE_URL);
  try {
    const started = Date.now();
    const result = await hierarchyService({ db, clock: () => new Date() }).importCsv(TOOL, { csv });
    console.log(
      `${values.file} imported by ${TOOL.subject} in ${Date.now() - started} ms: ` +
        `${result.streets} streets, ${result.communities} communities, ${result.grids} grids created; ${result.unchanged} unchanged`,
    );
    return 0;
  } catch (error) {
    // Every problem on its own line; nothing was written.
    if (error instanceof CsvProblems) console.error(`${values.file}: nothing imported\n${error.problems.join('\n')}`);
    else if (error instanceof DomainError) console.error(`${values.file}: nothing imported: ${error.message}`);
    else throw error;
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
