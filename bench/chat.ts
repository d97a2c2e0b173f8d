/**
 * Chat load benchmark: N concurrent widget visitors against the real server
 * process, on embedded PGlite and then on PostgreSQL.
 *
 * Each visitor starts a widget conversation over HTTP, opens the `/widget`
 * Socket.IO namespace, and sends a realistic question every few seconds
 * (jittered) with the HTTP POST. Measured per message: the HTTP ack time and
 * the bot reply latency = send → the bot `message` event (matched by
 * `meta.replyTo`) arriving on the visitor's socket. The server's peak RSS is
 * read from /proc/<pid>/status.
 *
 *   npm run bench:chat -- --visitors 500 --duration 30 [--interval 5] [--backends pglite,postgres]
 *   npm run bench:chat -- --visitors 50,500    # one run per visitor count, per backend
 *
 * The widget API limits conversation starts to 30/min per IP, so visitors are
 * spread over loopback source addresses 127.0.0.2… (25 per address). Loopback only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { spawn } from 'node:child_process';
import { freePort, ServerProcess } from '../packages/server/src/crash/test-support/server-process.js';

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '500' },
    duration: { type: 'string', default: '30' },
    interval: { type: 'string', default: '5' },
    // `echo`: the floor, a bare Socket.IO echo server (chat-echo-server.mjs) under the same visitor load.
    backends: { type: 'string', default: 'echo,pglite,postgres' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'no-write': { type: 'boolean', default: false },
    // A directory for a heap snapshot of the server at rest and a CPU profile of the load phase (chat-profiler.mjs).
    profile: { type: 'string' },
  },
});

const VISITOR_COUNTS = args.visitors.split(',').map((v) => positiveInt(v.trim(), '--visitors'));
const DURATION_S = positiveInt(args.duration, '--duration');
const INTERVAL_S = Number(args.interval);
type Backend = 'echo' | 'pglite' | 'postgres';
const BACKENDS = args.backends.split(',').map((b) => b.trim()) as Backend[];
for (const b of BACKENDS) if (!['echo', 'pglite', 'postgres'].includes(b)) throw new Error(`unknown backend ${b} (echo, pglite, postgres)`);
const DATABASE_URL = args['database-url'];
const PER_IP = 25; // below the 30 starts/min/IP budget
const REPLY_GRACE_MS = 5000;
const RESULTS = fileURLToPath(new URL('./results/chat.md', import.meta.url));

// Questions real shoppers ask; some match an FAQ, some are phrased loosely, a few have no answer.
const QUESTIONS = [
  '怎么退货',
  '运费谁出',
  '发票怎么开',
  '我的快递到哪了',
  '多久能发货',
  '下单后可以改地址吗',
  '优惠券怎么用不了',
  '退款多久到账',
  '支持货到付款吗',
  '买了之后降价能退差价吗',
  '商品有质量问题怎么办',
  '可以开增值税专用发票吗',
  '积分怎么兑换',
  '七天无理由退货包括哪些商品',
  '怎么修改收货人电话',
  '订单能合并发货吗',
  '会员有什么权益',
  '退货运费险怎么理赔',
  '衣服尺码不合适能换吗',
  '你们周末发货吗',
];

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

interface Visitor {
  index: number;
  localAddress: string;
  agent: http.Agent;
  conversationId: string;
  token: string;
  socket?: Socket;
}

interface RunResult {
  backend: string;
  visitors: number;
  status: 'ok' | 'skipped';
  note?: string;
  startupMs?: number;
  visitorsConnected?: number;
  sent?: number;
  acked?: number;
  replyLatencies?: number[];
  ackLatencies?: number[];
  httpErrors?: Map<string, number>;
  socketErrors?: Map<string, number>;
  missingReplies?: number;
  noReplyExpected?: number;
  durationS?: number;
  rssBaselineMb?: number;
  /** After the warm-up and the background training, before the visitors come: the server at rest. */
  rssAtRestMb?: number;
  rssPeakMb?: number;
  serverCpuS?: number;
}

/** POST/GET JSON over keep-alive HTTP from a chosen loopback source address. */
function requestJson(base: string, agent: http.Agent, method: string, path: string, body: unknown, token?: string, timeoutMs = 15_000): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

function readRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds the process has used so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
function readCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Waits until the process used under 3 % of a core for three consecutive seconds; returns how long that took. */
async function waitUntilIdle(pid: number, maxMs: number): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  let last = readCpuSeconds(pid);
  while (quiet < 3 && performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = readCpuSeconds(pid);
    quiet = now - last < 0.03 ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - started;
}

/** Signals chat-profiler.mjs in the server (heap snapshot + profile start, or profile stop) and waits until it is done. */
async function profilerStep(pid: number, dir: string): Promise<void> {
  const done = join(dir, `server-${pid}.signal-done`);
  rmSync(done, { force: true });
  process.kill(pid, 'SIGUSR2');
  while (!existsSync(done)) await new Promise((r) => setTimeout(r, 200));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function inBatches<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function postgresReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** What the load needs of a server process: where it listens, its pid (CPU, RSS) and a way to stop it. */
interface LoadTarget {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The echo floor in its own Node process (no tsx: it is plain JavaScript), ready when /readyz answers. */
async function startEchoFloor(): Promise<LoadTarget> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL('./chat-echo-server.mjs', import.meta.url))], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`echo floor exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      if (Date.now() > deadline) throw new Error('echo floor did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid ?? -1,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function runBackend(backend: Backend, visitorCount: number): Promise<RunResult> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'zhida-bench-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = { ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  if (args.profile && backend !== 'echo') {
    const preload = pathToFileURL(fileURLToPath(new URL('./chat-profiler.mjs', import.meta.url))).href;
    Object.assign(env, { ZHIDA_BENCH_PROFILE_DIR: args.profile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim() });
  }
  if (backend === 'postgres') {
    if (!(await postgresReachable(DATABASE_URL))) return { backend, visitors: visitorCount, status: 'skipped', note: `PostgreSQL not reachable at ${DATABASE_URL}` };
    Object.assign(env, { DATABASE_URL, DATABASE_SCHEMA: schema });
  }

  const t0 = performance.now();
  // A hang limit only: on a loaded machine seeding the four demo tenants has taken minutes.
  let server: LoadTarget;
  try {
    server = backend === 'echo' ? await startEchoFloor() : await ServerProcess.start(env, 1_800_000);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const startupMs = performance.now() - t0;
  const base = server.url;
  let rssPeak = readRssMb(server.pid);
  const rssBaseline = rssPeak;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, readRssMb(server.pid))), 250);

  const httpErrors = new Map<string, number>();
  const countError = (kind: string) => httpErrors.set(kind, (httpErrors.get(kind) ?? 0) + 1);
  const socketErrors = new Map<string, number>();
  const countSocketError = (kind: string) => socketErrors.set(kind, (socketErrors.get(kind) ?? 0) + 1);
  // Disconnects after the load phase are ours (or the server shutting down), not errors.
  let measuring = true;
  const visitors: Visitor[] = [];
  const agents = new Map<string, http.Agent>();
  try {
    // 0. Warm-up: the first conversation waits for the tenant's first NLU model; the load measures the steady state.
    const warmAgent = new http.Agent({ keepAlive: true, localAddress: '127.0.0.1' });
    agents.set('127.0.0.1', warmAgent);
    const warm = await requestJson(base, warmAgent, 'POST', '/api/v1/widget/conversations', { tenant: 'demo-ecommerce' }, undefined, 180_000);
    if (warm.status !== 201) throw new Error(`warm-up conversation failed: ${warm.status} ${JSON.stringify(warm.json)}`);
    const w = warm.json as { conversationId: string; visitorToken: string };
    const warmSend = await requestJson(base, warmAgent, 'POST', `/api/v1/widget/conversations/${w.conversationId}/messages`, { text: '怎么退货', clientMsgId: 'warm-up' }, w.visitorToken, 180_000);
    if (warmSend.status !== 201) throw new Error(`warm-up message failed: ${warmSend.status} ${JSON.stringify(warmSend.json)}`);

    // The server trains the other demo tenants' models in the background after start-up; wait until it is idle
    // so that work is not billed to the load.
    const quietMs = await waitUntilIdle(server.pid, 240_000);
    const rssAtRest = readRssMb(server.pid);
    console.log(`[bench:chat] server idle after ${Math.round(quietMs / 1000)} s of background work, RSS ${Math.round(rssAtRest)} MB`);

    // 1. Conversations, 25 per loopback source address.
    const slots = Array.from({ length: visitorCount }, (_, i) => i);
    await inBatches(slots, 16, async (i) => {
      const localAddress = `127.0.0.${2 + Math.floor(i / PER_IP)}`;
      let agent = agents.get(localAddress);
      if (!agent) agents.set(localAddress, (agent = new http.Agent({ keepAlive: true, maxSockets: 64, localAddress })));
      try {
        const res = await requestJson(base, agent, 'POST', '/api/v1/widget/conversations', { tenant: 'demo-ecommerce' });
        if (res.status !== 201) {
          countError(`start ${res.status}`);
          return;
        }
        const body = res.json as { conversationId: string; visitorToken: string };
        visitors.push({ index: i, localAddress, agent, conversationId: body.conversationId, token: body.visitorToken });
      } catch (err) {
        countError(`start ${(err as Error).message}`);
      }
    });

    // 2. One Socket.IO connection per visitor; bot replies are matched to sends by meta.replyTo.
    const arrivedAt = new Map<string, number>();
    const waiting = new Map<string, number>();
    const replyLatencies: number[] = [];
    const onBotMessage = (replyTo: string, at: number) => {
      const sentAt = waiting.get(replyTo);
      if (sentAt !== undefined) {
        waiting.delete(replyTo);
        replyLatencies.push(at - sentAt);
      } else if (!arrivedAt.has(replyTo)) {
        // The push can beat the HTTP response that tells us the visitor message id.
        arrivedAt.set(replyTo, at);
      }
    };
    await inBatches(visitors, 50, async (v) => {
      const socket = io(`${base}/widget`, {
        auth: { token: v.token, conversationId: v.conversationId },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        localAddress: v.localAddress,
      } as Parameters<typeof io>[1]);
      socket.on('message', (m: { senderType: string; meta?: { replyTo?: string } }) => {
        if (m.senderType === 'bot' && typeof m.meta?.replyTo === 'string') onBotMessage(m.meta.replyTo, performance.now());
      });
      await new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => {
          countSocketError(`connect_error ${err.message}`);
          resolve();
        });
      });
      socket.on('disconnect', (reason) => {
        if (measuring) countSocketError(`disconnect ${reason}`);
      });
      v.socket = socket;
    });
    const visitorsConnected = visitors.filter((v) => v.socket?.connected).length;
    if (args.profile && backend !== 'echo') await profilerStep(server.pid, args.profile);

    // 3. The load: every visitor sends every INTERVAL_S ± 50 %, from a random phase.
    const ackLatencies: number[] = [];
    let sent = 0;
    let acked = 0;
    let noReplyExpected = 0;
    const loadStart = performance.now();
    const cpuStart = readCpuSeconds(server.pid);
    const loadEnd = loadStart + DURATION_S * 1000;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await Promise.all(
      visitors.map(async (v) => {
        let n = 0;
        await sleep(Math.random() * INTERVAL_S * 1000);
        while (performance.now() < loadEnd) {
          const text = QUESTIONS[(v.index * 7 + n) % QUESTIONS.length]!;
          const clientMsgId = `bench-${v.index}-${n++}`;
          const sentAt = performance.now();
          sent++;
          try {
            const res = await requestJson(base, v.agent, 'POST', `/api/v1/widget/conversations/${v.conversationId}/messages`, { text, clientMsgId }, v.token);
            const ackAt = performance.now();
            if (res.status !== 201) {
              countError(`send ${res.status}`);
            } else {
              acked++;
              ackLatencies.push(ackAt - sentAt);
              const body = res.json as { message: { id: string }; replies: unknown[] };
              if (body.replies.length === 0) {
                noReplyExpected++;
              } else {
                const arrived = arrivedAt.get(body.message.id);
                if (arrived !== undefined) {
                  arrivedAt.delete(body.message.id);
                  replyLatencies.push(arrived - sentAt);
                } else {
                  waiting.set(body.message.id, sentAt);
                }
              }
            }
          } catch (err) {
            countError(`send ${(err as Error).message}`);
          }
          await sleep(INTERVAL_S * 1000 * (0.5 + Math.random()));
        }
      }),
    );
    const durationS = (performance.now() - loadStart) / 1000;
    if (args.profile && backend !== 'echo') await profilerStep(server.pid, args.profile);

    // 4. Replies still owed get a grace period, then count as missing.
    const graceEnd = performance.now() + REPLY_GRACE_MS;
    while (waiting.size > 0 && performance.now() < graceEnd) await sleep(100);
    measuring = false;
    const serverCpuS = readCpuSeconds(server.pid) - cpuStart;

    return {
      backend,
      visitors: visitorCount,
      status: 'ok',
      startupMs,
      visitorsConnected,
      sent,
      acked,
      replyLatencies,
      ackLatencies,
      httpErrors,
      socketErrors,
      missingReplies: waiting.size,
      noReplyExpected,
      durationS,
      rssBaselineMb: rssBaseline,
      rssAtRestMb: rssAtRest,
      rssPeakMb: rssPeak,
      serverCpuS,
    };
  } finally {
    clearInterval(rssTimer);
    for (const v of visitors) v.socket?.disconnect();
    for (const a of agents.values()) a.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`).finally(() => c.end());
    }
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function row(r: RunResult): string {
  if (r.status === 'skipped') return `| ${r.backend} | ${r.visitors} | ${r.note} | | | | | | | | | |`;
  const lat = [...r.replyLatencies!].sort((a, b) => a - b);
  const ack = [...r.ackLatencies!].sort((a, b) => a - b);
  const errors = [...r.httpErrors!.entries()].map(([k, n]) => `${k} ×${n}`);
  for (const [k, n] of r.socketErrors!) errors.push(`socket ${k} ×${n}`);
  if (r.missingReplies) errors.push(`missing reply ×${r.missingReplies}`);
  return [
    r.backend,
    String(r.visitors),
    `${r.visitorsConnected}/${r.visitors}`,
    `${r.acked}/${r.sent}`,
    fmt(r.acked! / r.durationS!),
    `${fmt(percentile(lat, 50))} / ${fmt(percentile(lat, 95))} / ${fmt(percentile(lat, 99))} / ${fmt(lat[lat.length - 1] ?? NaN)}`,
    `${fmt(percentile(ack, 50))} / ${fmt(percentile(ack, 99))}`,
    errors.length ? errors.join(', ') : '0',
    String(r.noReplyExpected),
    `${fmt((r.serverCpuS! * 1000) / Math.max(1, r.acked!))}`,
    `${fmt(r.rssBaselineMb!, 0)} / ${fmt(r.rssAtRestMb!, 0)} / ${fmt(r.rssPeakMb!, 0)}`,
    fmt(r.startupMs! / 1000),
  ]
    .map((c) => ` ${c} `)
    .join('|')
    .replace(/^/, '|')
    .concat('|');
}

const loadBefore = os.loadavg();
const results: RunResult[] = [];
for (const backend of BACKENDS) {
  for (const visitorCount of VISITOR_COUNTS) {
    console.log(`[bench:chat] ${backend}: ${visitorCount} visitors, ${DURATION_S}s, one message per ~${INTERVAL_S}s each …`);
    const r = await runBackend(backend, visitorCount);
    results.push(r);
    console.log(row(r));
  }
}

/** Each server run's bot reply p99 over the echo floor's at the same visitor count, from the same run. */
function floorRatios(all: RunResult[]): string[] {
  const p99 = (r: RunResult) => percentile([...r.replyLatencies!].sort((a, b) => a - b), 99);
  const lines: string[] = [];
  for (const r of all) {
    if (r.status !== 'ok' || r.backend === 'echo') continue;
    const floor = all.find((f) => f.backend === 'echo' && f.visitors === r.visitors && f.status === 'ok');
    if (!floor) continue;
    lines.push(`- ${r.backend} at ${r.visitors} visitors: bot reply p99 ${fmt(p99(r))} ms = **${fmt(p99(r) / p99(floor))}×** the echo floor's ${fmt(p99(floor))} ms (goal ≤ 3×)`);
  }
  return lines;
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const command = `npm run bench:chat -- --visitors ${VISITOR_COUNTS.join(',')} --duration ${DURATION_S} --interval ${INTERVAL_S}${args.backends !== 'echo,pglite,postgres' ? ` --backends ${args.backends}` : ''}`;
const report = [
  '# Chat load benchmark',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${os.availableParallelism()} CPU (${cpu}), ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
  `- Load average before the run: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} (the server, the simulated visitors and anything else on the box share these cores)`,
  `- Command: \`${command}\``,
  `- Each visitor: one widget conversation, one Socket.IO \`/widget\` connection (websocket), a question every ${INTERVAL_S}s ±50 % via \`POST …/messages\`.`,
  '- Before the load: one warm-up visitor (the tenant\'s first NLU model), then a wait until the server process is idle (it trains the other demo tenants\' models in the background after start-up).',
  '- Bot reply latency = HTTP send → bot `message` event on the visitor socket (matched by `meta.replyTo`). HTTP ack = send → 201 response.',
  '- Server CPU per message = user+system CPU of the server process during the load phase (/proc/<pid>/stat) ÷ acknowledged visitor messages (each also produces the bot reply); it does not depend on how busy the box is, latency does. For PostgreSQL the database server\'s own CPU is not included.',
  '- Server RSS (/proc/<pid>/status VmRSS): *ready* = when /readyz first answers (demo tenants seeded, models still training in the background); *at rest* = after the warm-up and the background training, before the visitors connect; *peak* = the highest sample (every 250 ms) over the whole run.',
  '',
  '| backend | visitors | sockets | messages acked/sent | visitor msgs/s | bot reply ms p50 / p95 / p99 / max | HTTP ack ms p50 / p99 | errors | sends without bot reply (handoff) | server CPU ms per acked message | server RSS MB ready / at rest / peak | startup s |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(row),
  '',
  ...(floorRatios(results).length ? ['The floor: `echo` is a bare Socket.IO server (bench/chat-echo-server.mjs: the same widget routes and `/widget` namespace, no database, no NLU; it echoes each message as the bot reply at once) under the same visitors, in the same run, on the same machine.', '', ...floorRatios(results), ''] : []),
].join('\n');
console.log('\n' + report);
// The newest run on top; earlier ones (and the notes written under them) are kept below it.
if (!args['no-write']) writeFileSync(RESULTS, existsSync(RESULTS) ? `${report}\n---\n\n${readFileSync(RESULTS, 'utf8').replace(/^# Chat load benchmark\n/, '## An earlier run\n')}` : report);
process.exit(0);
