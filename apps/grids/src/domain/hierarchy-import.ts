/**
 * Importing a hierarchy from CSV (`level,code,name,parent_code`): every row is checked before
 * anything is written, and every problem is reported with its line. Pure: the units already known
 * are handed in.
 */
import { parse } from 'csv-parse/sync';
import { InvalidInput } from '@pgov/errors';
import { codeInDistrictProblem, codeProblem, levelName, nameProblem, parentOf, UNIT_LEVELS, type NewUnit, type Unit, type UnitLevel } from './hierarchy';

const CSV_HEADER = ['level', 'code', 'name', 'parent_code'] as const;
/** A city has some ten thousand grids; this leaves room and bounds one transaction. */
const MAX_IMPORT_ROWS = 100_000;
/** Problems listed in one answer; the count of the rest follows. */
const MAX_REPORTED = 20;

export interface CsvRow {
  /** Line of the file the row starts on (the header is line 1). */
  line: number;
  level: string;
  code: string;
  name: string;
  parentCode: string;
}

export interface PlannedUnit extends NewUnit {
  line: number;
}

export interface ImportPlan {
  /** Units to create, in file order (a parent always before its children). */
  create: PlannedUnit[];
  /** Rows identical to a unit already there. */
  unchanged: number;
}

/** Thrown with every problem of the file: BAD_USER_INPUT on input.csv, lines named. */
export class CsvProblems extends InvalidInput {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, MAX_REPORTED);
    const more = problems.length - shown.length;
    super('input.csv', shown.join('; ') + (more > 0 ? `; and ${more} more problem(s)` : ''));
  }
}

/** Reads the rows of the file; a file that is not CSV, or has another header, is refused whole. */
export function parseHierarchyCsv(csv: string): CsvRow[] {
  const lines: number[] = [];
  let records: string[][];
  try {
    // Line ends normalised first: csv-parse counts lines off by one around blank CRLF lines.
    records = parse(csv.replace(/\r\n?/g, '\n'), {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record: string[], context) => {
        lines.push(startLine(record, context.lines));
        return record;
      },
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvProblems([`${line ? `line ${line}: ` : ''}not readable as CSV (${error instanceof Error ? error.message : String(error)})`]);
  }
  const [header, ...rows] = records;
  if (!header || header.map((h) => h.toLowerCase()).join(',') !== CSV_HEADER.join(',')) {
    throw new CsvProblems([`line ${lines[0] ?? 1}: the header must be ${CSV_HEADER.join(',')}`]);
  }
  if (rows.length === 0) throw new CsvProblems(['the file has no rows after the header']);
  if (rows.length > MAX_IMPORT_ROWS) throw new CsvProblems([`the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once`]);
  const problems: string[] = [];
  const parsed: CsvRow[] = [];
  rows.forEach((record, i) => {
    const line = lines[i + 1]!;
    if (record.length !== CSV_HEADER.length) {
      problems.push(`line ${line}: has ${record.length} fields, expected ${CSV_HEADER.length}`);
      return;
    }
    const [level, code, name, parentCode] = record as [string, string, string, string];
    parsed.push({ line, level: level.toUpperCase(), code, name, parentCode });
  });
  if (problems.length > 0) throw new CsvProblems(problems);
  return parsed;
}

/** csv-parse tells the line a record ends on; a quoted field may span lines. */
function startLine(record: string[], endLine: number): number {
  return endLine - record.reduce((n, field) => n + field.split('\n').length - 1, 0);
}

/** Every code a file refers to (its units and their parents): what the caller looks up first. */
export function referencedCodes(rows: CsvRow[]): string[] {
  return [...new Set(rows.flatMap((r) => [r.code, r.parentCode]))];
}

/**
 * Decides what the import does: which rows create units and which are already there. A parent is
 * either known or on an earlier line. Throws CsvProblems listing every bad line; nothing is
 * written then.
 */
export function planImport(rows: CsvRow[], known: ReadonlyMap<string, Unit>): ImportPlan {
  const problems: string[] = [];
  const create: PlannedUnit[] = [];
  /** Units of earlier good lines by code, with their line; and the lines that had problems. */
  const earlier = new Map<string, { unit: Unit; line: number }>();
  const badEarlier = new Map<string, number>();
  const firstLineOf = new Map<string, number>();
  for (const r of rows) if (!firstLineOf.has(r.code)) firstLineOf.set(r.code, r.line);
  let unchanged = 0;

  /** The parent a row names: a known unit, or one of an earlier good line (a district for a street). */
  function resolveParent(row: CsvRow, level: UnitLevel): ReturnType<typeof parentOf> {
    const parent = earlier.get(row.parentCode)?.unit ?? known.get(row.parentCode) ?? null;
    if (level === 'STREET' || parent) return parentOf(level, row.parentCode, parent);
    const bad = badEarlier.get(row.parentCode);
    if (bad !== undefined) return { problem: `parent ${row.parentCode} is on line ${bad}, which has problems` };
    const later = firstLineOf.get(row.parentCode);
    const hint = later !== undefined && later > row.line ? ` (it is on line ${later}: parents go first)` : '';
    return { problem: `parent ${row.parentCode} is neither known nor on an earlier line${hint}` };
  }

  for (const row of rows) {
    const rowProblems = formatProblems(row);
    const level = rowProblems.length === 0 ? (row.level as UnitLevel) : null;
    const before = earlier.get(row.code)?.line ?? badEarlier.get(row.code);
    if (before !== undefined) rowProblems.push(`code ${row.code} is already on line ${before}`);
    const existing = known.get(row.code);
    let districtCode: string | null = null;

    if (level && rowProblems.length === 0 && existing) {
      if (existing.level === level && existing.name === row.name && existing.parentCode === row.parentCode) {
        unchanged += 1;
        earlier.set(row.code, { unit: existing, line: row.line });
        continue;
      }
      rowProblems.push(`code ${row.code} already belongs to ${levelName(existing.level)} "${existing.name}" under ${existing.parentCode}; a file adds units, it does not change them`);
    } else if (level && rowProblems.length === 0) {
      const found = resolveParent(row, level);
      if ('problem' in found) rowProblems.push(found.problem);
      else {
        districtCode = found.districtCode;
        const outside = codeInDistrictProblem(level, row.code, districtCode);
        if (outside) rowProblems.push(outside);
      }
    }

    if (!level || !districtCode || rowProblems.length > 0) {
      problems.push(...rowProblems.map((p) => `line ${row.line}: ${p}`));
      if (!earlier.has(row.code) && !badEarlier.has(row.code)) badEarlier.set(row.code, row.line);
      continue;
    }
    const unit: PlannedUnit = { line: row.line, level, code: row.code, name: row.name, parentCode: row.parentCode, districtCode };
    create.push(unit);
    earlier.set(row.code, { unit: { ...unit, retiredAt: null, retiredReason: null }, line: row.line });
  }

  if (problems.length > 0) throw new CsvProblems(problems);
  return { create, unchanged };
}

/** What is wrong with a row's fields taken one by one. */
function formatProblems(row: CsvRow): string[] {
  const problems: string[] = [];
  if (!(UNIT_LEVELS as readonly string[]).includes(row.level)) problems.push(`level "${row.level}" must be one of ${UNIT_LEVELS.join(', ')}`);
  const badCode = codeProblem(row.code);
  if (badCode) problems.push(`code "${row.code}" ${badCode}`);
  const badName = nameProblem(row.name);
  if (badName) problems.push(`name ${badName}`);
  const badParent = codeProblem(row.parentCode);
  if (badParent) problems.push(`parent_code "${row.parentCode}" ${badParent}`);
  return problems;
}
