import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchema, postgresAnswers, servicesRequired, TEST_DATABASE_URL } from '../test-support/test-backends.js';
import { ServerProcess } from './test-support/server-process.js';

// The widget API allows 60 messages per visitor per minute, so the whole plan
// (sent before the crash, then retried after it) stays under that budget.
const CLIENTS = 3;
const SENDS_PER_CLIENT = 10;
const KILL_AFTER_ACKS = 9;
// Two cold starts of the real server per backend; generous because a busy CI box can triple them.
const TEST_TIMEOUT_MS = 480_000;

const PG_URL = TEST_DATABASE_URL;

const QUESTIONS = ['怎么退货', '运费谁出', '发票怎么开', '多久发货', '可以改地址吗', '优惠券怎么用', '退款多久到账', '支持货到付款吗'];

interface WireMessage {
  id: string;
  seq: number;
  senderType: string;
  clientMsgId: string | null;
  text: string;
}

interface PlannedSend {
  clientMsgId: string;
  text: string;
  /** What the server acknowledged before the crash, if anything. */
  ackBeforeCrash?: { id: string; seq: number };
  /** Status of the retry after the restart: 201 = it had not been stored, 200 = it had (the ack was lost). */
  retryStatus?: number;
}

interface Conversation {
  conversationId: string;
  visitorToken: string;
}

async function startConversation(base: string): Promise<Conversation> {
  const res = await fetch(`${base}/api/v1/widget/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo-ecommerce' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Conversation;
}

/** One send; resolves with the HTTP status and stored message, or rejects when the connection dies. */
async function send(base: string, conv: Conversation, s: PlannedSend): Promise<{ status: number; message: WireMessage }> {
  const res = await fetch(`${base}/api/v1/widget/conversations/${conv.conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.visitorToken}` },
    body: JSON.stringify({ text: s.text, clientMsgId: s.clientMsgId }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  // The ack counts only once the whole body arrived: a half-read response is not an acknowledgement.
  const body = (await res.json()) as { message: WireMessage };
  return { status: res.status, message: body.message };
}

async function allMessages(base: string, conv: Conversation): Promise<WireMessage[]> {
  const items: WireMessage[] = [];
  let afterSeq = 0;
  for (;;) {
    const res = await fetch(`${base}/api/v1/widget/conversations/${conv.conversationId}/messages?afterSeq=${afterSeq}&limit=500`, {
      headers: { authorization: `Bearer ${conv.visitorToken}` },
    });
    expect(res.status).toBe(200);
    const page = ((await res.json()) as { items: WireMessage[] }).items;
    if (page.length === 0) return items;
    items.push(...page);
    afterSeq = page[page.length - 1]!.seq;
  }
}

interface CrashRun {
  plans: PlannedSend[][];
  stored: WireMessage[];
  ackedBeforeCrash: number;
  coldStartMs: number;
  restartMs: number;
}

/**
 * Three visitors' tabs share one conversation and send in a loop; the server is
 * SIGKILLed once enough sends were acknowledged, started again on the same
 * storage, and every tab re-sends what was not acknowledged with the same
 * clientMsgId — exactly what the widget's outbox does.
 */
async function crashAndRecover(env: Record<string, string>): Promise<CrashRun> {
  const startedAt = performance.now();
  let server = await ServerProcess.start(env, undefined, { reuseTrainedModels: true });
  const coldStartMs = performance.now() - startedAt;
  try {
    const conv = await startConversation(server.url);
    const plans: PlannedSend[][] = Array.from({ length: CLIENTS }, (_, c) =>
      Array.from({ length: SENDS_PER_CLIENT }, (_, i) => ({
        clientMsgId: `crash-${c}-${i}-${randomBytes(4).toString('hex')}`,
        text: `${QUESTIONS[(c * SENDS_PER_CLIENT + i) % QUESTIONS.length]}（第${c + 1}位访客第${i + 1}条）`,
      })),
    );

    let acked = 0;
    let killed: Promise<void> | null = null;
    const victim = server;
    await Promise.all(
      plans.map(async (plan) => {
        for (const s of plan) {
          try {
            const { message } = await send(victim.url, conv, s);
            s.ackBeforeCrash = { id: message.id, seq: message.seq };
            if (++acked === KILL_AFTER_ACKS) killed = victim.kill('SIGKILL');
          } catch {
            // Connection reset or refused: the client does not know whether it was stored.
          }
        }
      }),
    );
    expect(killed, 'the server was killed mid-burst').not.toBeNull();
    await killed;
    expect(victim.child.signalCode).toBe('SIGKILL');

    const restartedAt = performance.now();
    server = await ServerProcess.start(env, undefined, { reuseTrainedModels: true });
    const restartMs = performance.now() - restartedAt;
    await Promise.all(
      plans.map(async (plan) => {
        for (const s of plan.filter((p) => !p.ackBeforeCrash)) s.retryStatus = (await send(server.url, conv, s)).status;
      }),
    );
    return { plans, stored: await allMessages(server.url, conv), ackedBeforeCrash: acked, coldStartMs, restartMs };
  } finally {
    await server.stop();
  }
}

function assertExactlyOnceInOrder(run: CrashRun): void {
  const { plans, stored } = run;
  const all = plans.flat();
  const acked = all.filter((s) => s.ackBeforeCrash);
  const retried = all.filter((s) => !s.ackBeforeCrash);
  // Without un-acked sends the kill did not land mid-burst and the test proves nothing.
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(retried.length).toBeGreaterThan(0);

  // Every message the server acknowledged survived the crash, unchanged, exactly once.
  for (const s of acked) {
    const copies = stored.filter((m) => m.clientMsgId === s.clientMsgId);
    expect(copies, `acknowledged ${s.clientMsgId}`).toHaveLength(1);
    expect(copies[0]).toMatchObject({ id: s.ackBeforeCrash!.id, seq: s.ackBeforeCrash!.seq, senderType: 'visitor', text: s.text });
  }
  // Every retried message is stored exactly once, whether or not the first attempt had reached the disk.
  for (const s of retried) {
    expect([200, 201], `retry status of ${s.clientMsgId}`).toContain(s.retryStatus);
    expect(stored.filter((m) => m.clientMsgId === s.clientMsgId), `retried ${s.clientMsgId}`).toHaveLength(1);
  }
  // No visitor message beyond the plan (a lost clientMsgId would show up here as a duplicate).
  expect(stored.filter((m) => m.senderType === 'visitor')).toHaveLength(all.length);

  // seq runs 1, 2, 3, … with no gap and no repeat; ids and clientMsgIds (bot ones included) are unique.
  expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
  expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
  const clientIds = stored.map((m) => m.clientMsgId).filter((id): id is string => id !== null);
  expect(new Set(clientIds).size).toBe(clientIds.length);

  // Each tab's own messages keep the order it sent them in.
  for (const plan of plans) {
    const seqs = plan.map((s) => stored.find((m) => m.clientMsgId === s.clientMsgId)!.seq);
    const firstRetry = plan.findIndex((s) => !s.ackBeforeCrash);
    const beforeCrash = seqs.slice(0, firstRetry === -1 ? seqs.length : firstRetry);
    expect(beforeCrash).toEqual([...beforeCrash].sort((a, b) => a - b));
  }
}

function summary(run: CrashRun): string {
  const all = run.plans.flat();
  const retried = all.filter((s) => !s.ackBeforeCrash);
  return `${all.length} sends, ${run.ackedBeforeCrash} acked before kill -9, ${retried.length} retried (${retried.filter((s) => s.retryStatus === 200).length} were already stored), ${run.stored.length} messages stored; cold start ${Math.round(run.coldStartMs)} ms, restart after kill ${Math.round(run.restartMs)} ms`;
}

describe('crash recovery on embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged message exactly once, in gap-free seq order, after kill -9 and client retries', async () => {
    // Without the demo's simulated month of dashboard history: half a first start's CPU, and nothing this test reads.
    const run = await crashAndRecover({ ZHIDA_DEMO_HISTORY: '0', ZHIDA_DATA_DIR: dataDir });
    console.log(`[crash pglite] ${summary(run)}`);
    assertExactlyOnceInOrder(run);
  }, TEST_TIMEOUT_MS);
});

const postgresReachable = await postgresAnswers();

describe.skipIf(!postgresReachable && !servicesRequired)('crash recovery on PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-crash-pg-'));
  const schema = `crash_${randomBytes(6).toString('hex')}`;
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (postgresReachable) await dropTestSchema(schema);
  });

  it('keeps every acknowledged message exactly once, in gap-free seq order, after kill -9 and client retries', async () => {
    if (!postgresReachable) throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is not reachable at ${PG_URL}`);
    const run = await crashAndRecover({ ZHIDA_DEMO_HISTORY: '0', ZHIDA_DATA_DIR: dataDir, DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema });
    console.log(`[crash postgres] ${summary(run)}`);
    assertExactlyOnceInOrder(run);
  }, TEST_TIMEOUT_MS);
});
