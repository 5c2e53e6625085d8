import type { Unit } from './hierarchy';
import { CsvProblems, parseHierarchyCsv, planImport, referencedCodes } from './hierarchy-import';

const HEADER = 'level,code,name,parent_code';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

const knownStreet: Unit = { level: 'STREET', code: '610113-001', name: '小寨路街道', parentCode: '610113', districtCode: '610113', retiredAt: null, retiredReason: null };
const knownCommunity: Unit = { level: 'COMMUNITY', code: '610113-001-001', name: '长延堡社区', parentCode: '610113-001', districtCode: '610113', retiredAt: null, retiredReason: null };
const known = new Map([knownStreet, knownCommunity].map((u) => [u.code, u]));

/** The problems a file is refused with (every line named), or [] when it is accepted. */
function problemsOf(text: string, units: ReadonlyMap<string, Unit> = known): string[] {
  try {
    planImport(parseHierarchyCsv(text), units);
    return [];
  } catch (error) {
    if (error instanceof CsvProblems) return error.problems;
    throw error;
  }
}

describe('reading the CSV', () => {
  it('gives each row the line it starts on, skipping blank lines and a byte-order mark', () => {
    const rows = parseHierarchyCsv(`\uFEFF${HEADER}\r\nSTREET,610113-009,新街道,610113\r\n\r\nCOMMUNITY,610113-009-001,"新社区",610113-009\r\n`);
    expect(rows).toEqual([
      { line: 2, level: 'STREET', code: '610113-009', name: '新街道', parentCode: '610113' },
      { line: 4, level: 'COMMUNITY', code: '610113-009-001', name: '新社区', parentCode: '610113-009' },
    ]);
  });

  it('counts the lines of a quoted field spanning lines to where its row starts', () => {
    expect(() => parseHierarchyCsv(csv('STREET,a,"two\nlines",610113', 'STREET,b,x'))).toThrow(/line 4: has 3 fields, expected 4/);
  });

  it('refuses another header, no rows, and what is not CSV, as BAD_USER_INPUT on input.csv', () => {
    expect(() => parseHierarchyCsv('code,level,name,parent_code\nSTREET,a,b,610113')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.csv', reason: expect.stringMatching(/line 1: the header must be level,code,name,parent_code/) }),
    );
    expect(() => parseHierarchyCsv(HEADER)).toThrow(/no rows/);
    expect(() => parseHierarchyCsv(csv('STREET,a,"unclosed,610113'))).toThrow(/line \d: not readable as CSV/);
  });
});

describe('planning an import', () => {
  it('creates new units in file order, a parent known or on an earlier line, the district from the parent', () => {
    const plan = planImport(
      parseHierarchyCsv(
        csv(
          'STREET,610113-009,新街道,610113',
          'COMMUNITY,610113-009-001,新社区,610113-009',
          'GRID,610113-009-001-01,新网格,610113-009-001',
          'GRID,610113-001-001-07,老社区的新网格,610113-001-001',
        ),
      ),
      known,
    );
    expect(plan.unchanged).toBe(0);
    expect(plan.create.map((u) => [u.line, u.level, u.code, u.districtCode])).toEqual([
      [2, 'STREET', '610113-009', '610113'],
      [3, 'COMMUNITY', '610113-009-001', '610113'],
      [4, 'GRID', '610113-009-001-01', '610113'],
      [5, 'GRID', '610113-001-001-07', '610113'],
    ]);
  });

  it('counts rows identical to a known unit as unchanged (so importing a file twice changes nothing)', () => {
    const plan = planImport(parseHierarchyCsv(csv('STREET,610113-001,小寨路街道,610113', 'COMMUNITY,610113-001-001,长延堡社区,610113-001')), known);
    expect(plan).toEqual({ create: [], unchanged: 2 });
  });

  it('names the line of a parent that is neither known nor on an earlier line', () => {
    expect(problemsOf(csv('STREET,610113-008,a,610113', 'STREET,610113-010,b,610113', 'COMMUNITY,610113-009-001,c,610113-009'))).toEqual([
      'line 4: parent 610113-009 is neither known nor on an earlier line',
    ]);
    expect(problemsOf(csv('GRID,610113-009-001-01,g,610113-009-001', 'STREET,610113-009,s,610113', 'COMMUNITY,610113-009-001,c,610113-009'))).toEqual([
      'line 2: parent 610113-009-001 is neither known nor on an earlier line (it is on line 4: parents go first)',
    ]);
  });

  it('refuses rows with another number of fields, every such line named', () => {
    expect(problemsOf(csv('STREET,610113-009,ok,610113', 'GRID,610113-15,too,many,fields', 'STREET,610113-010,short'))).toEqual([
      'line 3: has 5 fields, expected 4',
      'line 4: has 3 fields, expected 4',
    ]);
  });

  it('reports every bad row at once', () => {
    const rowProblems = problemsOf(
      csv(
        'STREET,610113-009,ok,610113',
        'TOWN,610113-010,level,610113',
        'STREET,610113 011,code,610113',
        'STREET,610113-012,,610113',
        'STREET,610113-013,district,610199',
        'COMMUNITY,610113-014,wrong level,610113-001-001',
        'STREET,610113-009,again,610113',
        'GRID,610112-1,outside,610113-001-001',
        'STREET,610113-001,renamed,610113',
      ),
    );
    expect(rowProblems).toEqual([
      'line 3: level "TOWN" must be one of STREET, COMMUNITY, GRID',
      'line 4: code "610113 011" must be 1 to 64 letters, digits or -',
      'line 5: name must not be empty',
      'line 6: parent 610199 is not one of the 13 district codes of the city',
      'line 7: parent 610113-001-001 is a community, not a street',
      'line 8: code 610113-009 is already on line 2',
      'line 9: a grid code must begin with its district code 610113',
      'line 10: code 610113-001 already belongs to street "小寨路街道" under 610113; a file adds units, it does not change them',
    ]);
  });

  it('refuses children of a retired parent, and says so of children of a bad line', () => {
    const retired = new Map([...known, [knownStreet.code, { ...knownStreet, retiredAt: new Date() }]]);
    expect(problemsOf(csv('COMMUNITY,610113-001-009,c,610113-001'), retired)).toEqual(['line 2: parent 610113-001 is retired']);
    expect(problemsOf(csv('STREET,610113-020,s,610199', 'COMMUNITY,610113-020-001,c,610113-020'))).toEqual([
      'line 2: parent 610199 is not one of the 13 district codes of the city',
      'line 3: parent 610113-020 is on line 2, which has problems',
    ]);
  });

  it('shortens a long list of problems in the answer but keeps them all', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `STREET,610113-${100 + i},s,610199`);
    const error = (() => {
      try {
        planImport(parseHierarchyCsv(csv(...lines)), known);
      } catch (e) {
        return e as CsvProblems;
      }
      throw new Error('accepted');
    })();
    expect(error.problems).toHaveLength(30);
    expect(error.reason).toMatch(/^line 2: .*; and 10 more problem\(s\)$/);
  });

  it('looks up every code the file names, units and parents', () => {
    expect(referencedCodes(parseHierarchyCsv(csv('STREET,a,s,610113', 'COMMUNITY,b,c,a')))).toEqual(['a', '610113', 'b']);
  });
});
