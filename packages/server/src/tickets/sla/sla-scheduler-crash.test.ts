import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../crash/test-support/server-process.js';
import { createDatabase } from '../../db/create-database.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { TEST_DATABASE_URL, testBackends } from '../../test-support/test-backends.js';
import { dropTestSchema } from '../../test-support/test-backends.js';
import { asTickets } from './test-support/sla-fixtures.js';

// Cold starts of child processes on a loaded box: generous, never asserted.
const TEST_TIMEOUT_MS = 240_000;
const WAIT_MS = 90_000;

interface Line {
  seeded?: { tenantId: string; ticketId: string };
  alert?: { ticketId: string; level: 'warning' | 'breach'; clock: string };
  ready?: boolean;
}

/** A scheduler node in its own process, with every JSON line it printed. */
class SchedulerNode {
  readonly lines: Line[] = [];
  private output = '';
  private readonly exited: Promise<void>;
  private readonly waiters: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/tickets/sla/test-support/sla-scheduler-process.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000)));
    createInterface({ input: this.child.stdout! }).on('line', (text) => {
      try {
        this.lines.push(JSON.parse(text) as Line);
      } catch {
        this.output = (this.output + text).slice(-4000);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  readonly child: ChildProcess;

  async waitFor(what: string, test: (line: Line) => boolean): Promise<Line> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hit = this.lines.find(test);
      if (hit) return hit;
      if (this.child.exitCode !== null) throw new Error(`node exited before ${what}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${WAIT_MS} ms:\n${this.output}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

const backends = await testBackends();

describe.each(backends)('SLA alerts survive kill -9 of a scheduler node (%s)', (backend) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-sla-crash-'));
  const schema = `sla_crash_${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = backend === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } : { ZHIDA_DATA_DIR: dataDir };
  const nodes: SchedulerNode[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') await dropTestSchema(schema);
  });

  it('fires the warning and the breach exactly once when the node dies in between and others take over', async () => {
    const first = new SchedulerNode({ ...env, SLA_SEED: '1' });
    nodes.push(first);
    const { ticketId, tenantId } = (await first.waitFor('the seeded ticket', (l) => !!l.seeded)).seeded!;
    await first.waitFor('the warning', (l) => l.alert?.level === 'warning');
    // Killed like a crashed host, after the warning committed and before the breach is due.
    await first.kill('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(first.lines.some((l) => l.alert?.level === 'breach')).toBe(false);

    // PGlite is one process's database: one node takes over. PostgreSQL: two nodes race for the breach.
    const successors = backend === 'postgres' ? [new SchedulerNode(env), new SchedulerNode(env)] : [new SchedulerNode(env)];
    nodes.push(...successors);
    await Promise.race(successors.map((n) => n.waitFor('the breach', (l) => l.alert?.level === 'breach')));
    // Long enough for any duplicate (each node polls every 100 ms) to show.
    await new Promise((r) => setTimeout(r, 2000));
    for (const n of successors) await n.kill('SIGTERM');

    const alerts = nodes.flatMap((n) => n.lines).filter((l) => l.alert?.ticketId === ticketId).map((l) => l.alert!.level);
    expect(alerts.sort()).toEqual(['breach', 'warning']);

    const database = await createDatabase({ databaseUrl: env.DATABASE_URL ?? null, databaseSchema: env.DATABASE_SCHEMA ?? 'public', dataDir: env.ZHIDA_DATA_DIR ?? null });
    try {
      const db = asTickets(database.db);
      const { events, rows, ticket } = await TenantScope.asTenant(tenantId, async () => ({
        events: await db.selectFrom('ticket_events').select('type').where('ticket_id', '=', ticketId).execute(),
        rows: await db.selectFrom('ticket_sla_alerts').select(['level']).where('ticket_id', '=', ticketId).execute(),
        ticket: await db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow(),
      }));
      expect(events.filter((e) => e.type === 'sla_warning')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'sla_breach')).toHaveLength(1);
      expect(rows.map((r) => r.level).sort()).toEqual(['breach', 'warning']);
      expect(ticket).toMatchObject({ breached: true, priority: 'P2', escalation_at: null });
    } finally {
      await database.close();
    }
  }, TEST_TIMEOUT_MS);
});
