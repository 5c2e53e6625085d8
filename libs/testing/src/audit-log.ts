import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { withPg } from './database';

// The audit log as its tests see it: its rows in chain order, a hand that changes it the way only
// the table's owner or a superuser could (the append-only trigger off, in one transaction), and
// the verifier tool run as an operator runs it.

const ROOT = join(__dirname, '..', '..', '..');

export interface StoredAuditRow {
  seq: string;
  at: Date;
  actor: string;
  actor_roles: string[] | null;
  action: string;
  record_type: string;
  record_id: string;
  field: string;
  reason: string | null;
  request_id: string;
  legacy: boolean;
  prev_hash: string | null;
  hash: string | null;
}

export function auditRows(url: string): Promise<StoredAuditRow[]> {
  return withPg(url, async (c) => (await c.query<StoredAuditRow>(`SELECT *, seq::text AS seq FROM audit_log ORDER BY audit_log.seq`)).rows);
}

/** Runs `sql` with the audit log's append-only trigger disabled, as its owner can: what the chain must give away. */
export function tamperWithAuditLog(url: string, sql: string, params: unknown[] = []): Promise<number> {
  return withPg(url, async (c) => {
    await c.query('BEGIN');
    try {
      await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      const { rowCount } = await c.query(sql, params);
      await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      await c.query('COMMIT');
      return rowCount ?? 0;
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
  });
}

/** tools/verify-audit.ts on a service's database, as a process: its exit code and what it printed. */
export function runAuditVerifier(service: string, databaseUrl: string, chainKey: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/verify-audit.ts', '--service', service, ...args], {
      cwd: ROOT,
      env: { ...process.env, [`${service.toUpperCase()}_DATABASE_URL`]: databaseUrl, AUDIT_CHAIN_KEY: chainKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: output.trim() }));
  });
}
