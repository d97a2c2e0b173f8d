/**
 * The cost of the integration boundary: Zhida's HTTP connectors against the demo enterprise on loopback
 * (signed requests, zod-validated answers, the service in this process). Measures an order lookup
 * (`orders.get`, GET) and a return (`returns.create`, POST with an Idempotency-Key) one at a time and
 * 20 at a time, then how long a call takes to give up when the backend is down: refused connections,
 * a backend that accepts and never answers (timeout 3 s, 2 retries), and with the circuit open.
 * Writes results/enterprise-connector.md.
 *
 *   npm run bench:enterprise-connector
 *   npm run bench:enterprise-connector -- --count 200 --no-write
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { buildDemoEnterpriseApp, demoTryThis, EnterpriseStore } from '@zhida/demo-enterprise';
import { HttpEnterpriseClient } from '../packages/server/src/selfservice/http/http-enterprise-client.js';
import { HttpOrderConnector } from '../packages/server/src/selfservice/http/http-order-connector.js';
import { HttpReturnConnector } from '../packages/server/src/selfservice/http/http-return-connector.js';
import { enterpriseConnectors } from '../packages/server/src/selfservice/http/enterprise-connectors.js';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '1000' }, 'no-write': { type: 'boolean', default: false } } });
const count = Number(args.count);
const loadBefore = os.loadavg()[0]!;

const secret = randomBytes(24).toString('hex');
const demo = await buildDemoEnterpriseApp({ secret, store: EnterpriseStore.inMemory() });
await demo.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(demo.server.address() as AddressInfo).port}`;
const c = enterpriseConnectors({ url, secret });
const ctx = (tenantId: string, idempotencyKey?: string) => ({ tenantId, conversationId: 'bench', now: new Date(), idempotencyKey });

async function timed(n: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const start = performance.now();
        await call(i);
        ms.push(performance.now() - start);
      }
    }),
  );
  return ms.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const row = (name: string, sorted: number[], wallMs: number) =>
  `| ${name} | ${sorted.length} | ${pct(sorted, 50).toFixed(2)} | ${pct(sorted, 95).toFixed(2)} | ${pct(sorted, 99).toFixed(2)} | ${Math.round((sorted.length / wallMs) * 1000)} |`;

// Warm-up: JIT, keep-alive sockets, the tenants' books.
await timed(100, 4, (i) => c.orders!.get(ctx(`warm-${i % 4}`), demoTryThis.ecommerce.returnable));

const rows: string[] = [];
for (const concurrency of [1, 20]) {
  let wall = performance.now();
  const gets = await timed(count, concurrency, (i) => c.orders!.get(ctx(`t${i % 50}`), demoTryThis.ecommerce.returnable));
  rows.push(row(`orders.get (GET), ${concurrency} at a time`, gets, performance.now() - wall));
  wall = performance.now();
  // A fresh tenant per return, so each is eligible and written (and saved: in memory here).
  const returns = await timed(Math.round(count / 2), concurrency, (i) =>
    c.returns!.createReturn(ctx(`r${concurrency}-${i}`, `bench:${i}`), { orderNo: demoTryThis.ecommerce.returnable, reason: 'size', method: 'pickup' }),
  );
  rows.push(row(`returns.create (POST), ${concurrency} at a time`, returns, performance.now() - wall));
}
await demo.close();

// Giving up. Refused: the port just closed. Hanging: a TCP server that accepts and never answers.
async function giveUp(client: HttpEnterpriseClient): Promise<number> {
  const start = performance.now();
  await new HttpOrderConnector(() => client).get(ctx('down'), demoTryThis.ecommerce.returnable).catch(() => undefined);
  return performance.now() - start;
}
const refused = await giveUp(new HttpEnterpriseClient({ baseUrl: `${url}/t/down`, secret }));
const sockets: Socket[] = [];
const silent = createServer((s) => sockets.push(s));
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
const hangingClient = new HttpEnterpriseClient({ baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/t/down`, secret });
const hanging = await giveUp(hangingClient);
const writeClient = new HttpEnterpriseClient({ baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/t/down`, secret });
const writeStart = performance.now();
await new HttpReturnConnector(() => writeClient).createReturn(ctx('down', 'k'), { orderNo: '1', reason: 'x', method: 'pickup' }).catch(() => undefined);
const hangingWrite = performance.now() - writeStart;
// One more hanging lookup makes five failures in a row: the circuit opens and the next call fails at once.
await giveUp(hangingClient);
const circuitOpen = await giveUp(hangingClient);
sockets.forEach((s) => s.destroy());
silent.close();

const loadAfter = os.loadavg()[0]!;
const text = `# Enterprise connector: the cost of the HTTP boundary

\`npm run bench:enterprise-connector\` — ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after: the machine is shared, so these are pessimistic.

Zhida's HTTP connectors (\`enterpriseConnectors\`: signed request, zod-validated answer) against the demo enterprise
(\`packages/demo-enterprise\`) on 127.0.0.1, the service in the same process. Milliseconds per call.

| Call | n | p50 | p95 | p99 | calls/s |
|---|---|---|---|---|---|
${rows.join('\n')}

When the backend is down (\`HttpEnterpriseClient\` defaults: 3 s timeout, 2 retries with 200/400 ms ±50 % backoff,
circuit opens after 5 failures in a row):

| Backend | A lookup gives up after |
|---|---|
| refuses connections (service stopped) | ${refused.toFixed(0)} ms |
| accepts and never answers | ${(hanging / 1000).toFixed(1)} s (3 attempts × 3 s + backoff) |
| never answers, a keyed write (returns.create) | ${(hangingWrite / 1000).toFixed(1)} s |
| circuit open (after 5 failures) | ${circuitOpen.toFixed(1)} ms |

The bot turn adds its own work on top: in Chromium on \`npm start\` (load ≈ 35) a 查订单 turn against a stopped
(SIGSTOP) demo enterprise answered 「订单系统暂时繁忙 … 转人工」 after 11.0 s (the server's responseTime).
`;
console.log(text);
if (!args['no-write']) writeFileSync(new URL('./results/enterprise-connector.md', import.meta.url), text);
