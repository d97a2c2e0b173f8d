import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { TEST_DATABASE_URL, testBackends } from '../test-support/test-backends.js';

/** Local ports of this process's TCP connections to PostgreSQL: its pool's sessions, and only its own. */
function ownPostgresPorts(): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const file of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 10 && parseInt(f[2]!.split(':')[1]!, 16) === 5432 && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/**
 * The bench:cluster fault "PostgreSQL resets node B's connections", short: PostgreSQL ends every session of
 * the node while bot turns hold their turn lock. Before the fix the lock's rollback on the dead connection
 * ("Client has encountered a connection error and is not queryable") came out as 500 internal_error, and a
 * terminated session as a 503 telling the widget to wait 5 s — for a pool that reconnects at once.
 */
describe.runIf((await testBackends()).includes('postgres') && process.platform === 'linux')('bot turns when PostgreSQL resets the connections (postgres)', () => {
  let t: TestApp;
  let shop: TestTenant;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });

  beforeAll(async () => {
    t = await TestApp.start('postgres', { logLevel: 'fatal' });
    shop = await t.createTenant('reset-shop');
    await t.addFaq(shop, '运费谁出？', '七天无理由退货的运费由买家承担，质量问题由商家承担。');
    await t.as(shop, () => t.app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    await admin.connect();
  }, 300_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await admin.end();
    await t?.close();
  });

  it('answers 503 with a short Retry-After, and the retry stores each message and its reply once', async () => {
    const visitors = await Promise.all([1, 2, 3, 4].map((i) => t.startVisitor(shop, {}, `10.9.0.${i}`)));
    // Every turn waits inside the bot, holding its turn lock's transaction, until the sessions are gone.
    let inside = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bot = t.app.zhida.bot;
    const respond = bot.respond.bind(bot);
    const spy = vi.spyOn(bot, 'respond').mockImplementation(async (...args) => {
      inside++;
      await gate;
      return respond(...args);
    });
    const post = (v: (typeof visitors)[number], i: number) =>
      t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text: '运费谁出', clientMsgId: `reset-${i}` } });
    const first = visitors.map((v, i) => post(v, i));
    await vi.waitFor(() => expect(inside).toBe(visitors.length), { timeout: 60_000, interval: 20 });

    const killed = await admin.query<{ n: string }>(
      'select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where client_port = any($1::int[]) and pid <> pg_backend_pid()',
      [ownPostgresPorts()],
    );
    expect(Number(killed.rows[0]!.n)).toBeGreaterThanOrEqual(visitors.length);
    release();
    spy.mockRestore();
    const statuses: number[] = [];

    const answers = await Promise.all(first);
    for (const res of answers) {
      // The message was stored before the reset; the turn's end on a dead session is the database's fault, not the client's.
      expect([201, 503]).toContain(res.statusCode);
      if (res.statusCode === 503) {
        expect(res.json()).toMatchObject({ error: { code: 'unavailable' } });
        expect(res.headers['retry-after']).toBe('1');
      }
    }
    expect(answers.some((r) => r.statusCode === 503)).toBe(true);

    // The widget's retry, same clientMsgId, after the Retry-After it was given: the message is found, and the
    // reply given (or given now). A request may still meet a session that died with the others: 503 again, never 500.
    const retried = await Promise.all(
      visitors.map(async (v, i) => {
        for (let attempt = 1; ; attempt++) {
          const res = await post(v, i);
          statuses.push(res.statusCode);
          if (res.statusCode !== 503 || attempt === 5) return res;
          await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers['retry-after'])));
        }
      }),
    );
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    for (const res of retried) {
      expect([200, 201]).toContain(res.statusCode);
      expect((res.json() as { replies: { text: string }[] }).replies[0]?.text).toContain('运费');
    }
    const rows = await t.system(() =>
      t.app.zhida.database.db
        .selectFrom('messages')
        .select(['conversation_id', 'sender_type', 'client_msg_id'])
        .where('conversation_id', 'in', visitors.map((v) => v.conversationId))
        .where('sender_type', 'in', ['visitor', 'bot'])
        .where('client_msg_id', 'is not', null)
        .execute(),
    );
    for (const v of visitors) {
      const mine = rows.filter((r) => r.conversation_id === v.conversationId);
      expect(mine.filter((r) => r.sender_type === 'visitor' && r.client_msg_id?.startsWith('reset-'))).toHaveLength(1);
      expect(mine.filter((r) => r.sender_type === 'bot' && r.client_msg_id?.startsWith('bot:'))).toHaveLength(1);
    }
  }, 120_000);
});
