import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnterpriseRequestError } from './enterprise-request-error.js';
import { HttpEnterpriseClient, type HttpEnterpriseClientOptions } from './http-enterprise-client.js';
import { signZhidaRequest, verifyZhidaSignature } from './zhida-signature.js';

const SECRET = 'test-shared-secret';

interface Seen {
  method: string;
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
  signatureOk: boolean;
}

/** A fake CRM on 127.0.0.1 whose behaviour each test scripts. */
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let handler: (req: Seen, res: ServerResponse) => void = (_req, res) => res.end('{}');

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifyZhidaSignature(SECRET, { timestamp: req.headers['x-zhida-timestamp'] as string, signature: req.headers['x-zhida-signature'] as string, method: req.method!, path: req.url!, body });
      const entry = { method: req.method!, path: req.url!, body, headers: req.headers, signatureOk: check.ok };
      seen.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function client(overrides: Partial<HttpEnterpriseClientOptions> = {}) {
  return new HttpEnterpriseClient({ baseUrl, secret: SECRET, sleep: async () => {}, ...overrides });
}

async function failureOf(promise: Promise<unknown>): Promise<EnterpriseRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EnterpriseRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('HttpEnterpriseClient', () => {
  it('signs every request so the CRM can verify path, query and body', async () => {
    handler = (req, res) => json(res, 200, { echo: req.path });
    const crm = client();
    expect(await crm.request('GET', '/orders/20261118883301?expand=items')).toEqual({ echo: '/crm/orders/20261118883301?expand=items' });
    await crm.request('POST', '/returns', { body: { orderNo: '20261118883301', reason: '尺码不合适' }, idempotencyKey: 'conv-1:a5.create' });
    expect(seen.map((s) => s.signatureOk)).toEqual([true, true]);
    expect(seen[1]).toMatchObject({ body: '{"orderNo":"20261118883301","reason":"尺码不合适"}' });
    expect(seen[1]!.headers['idempotency-key']).toBe('conv-1:a5.create');
  });

  it('gives up after the timeout', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, {}), 400);
    const started = Date.now();
    const error = await failureOf(client({ timeoutMs: 80, retries: 0 }).request('GET', '/slow'));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(350);
  });

  it('retries a GET after server errors, with growing backoff', async () => {
    let calls = 0;
    handler = (_req, res) => (++calls < 3 ? json(res, 503, {}) : json(res, 200, { ok: true }));
    const waits: number[] = [];
    const crm = client({ retries: 2, backoffMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(await crm.request('GET', '/orders/1')).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
  });

  it('never retries a write without an idempotency key', async () => {
    handler = (_req, res) => json(res, 502, {});
    const error = await failureOf(client({ retries: 3 }).request('POST', '/returns', { body: { orderNo: '1' } }));
    expect(error).toMatchObject({ kind: 'server_error', status: 502 });
    expect(seen).toHaveLength(1);
  });

  it('retries a write that carries an idempotency key, with the same key each time', async () => {
    let calls = 0;
    handler = (_req, res) => (++calls < 2 ? res.destroy() : json(res, 201, { rmaNumber: 'RMA202611250001' }));
    expect(await client({ retries: 2 }).request('POST', '/returns', { body: {}, idempotencyKey: 'k-1' })).toEqual({ rmaNumber: 'RMA202611250001' });
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it('passes a business refusal through without retrying or counting it as an outage', async () => {
    handler = (_req, res) => json(res, 404, { error: { code: 'order_not_found', message: '订单不存在' } });
    const crm = client({ retries: 2, failureThreshold: 1 });
    const error = await failureOf(crm.request('GET', '/orders/404'));
    expect(error).toMatchObject({ kind: 'rejected', status: 404, remoteCode: 'order_not_found', message: '订单不存在' });
    expect(seen).toHaveLength(1);
    expect(crm.circuitState).toBe('closed');
  });

  it('opens the circuit after consecutive failures, fails fast, and closes after a good trial call', async () => {
    let clock = 1_000_000;
    let healthy = false;
    handler = (_req, res) => (healthy ? json(res, 200, { ok: true }) : json(res, 500, {}));
    const crm = client({ retries: 0, failureThreshold: 3, coolDownMs: 10_000, now: () => clock });
    for (let i = 0; i < 3; i++) expect((await failureOf(crm.request('GET', '/x'))).kind).toBe('server_error');
    expect(crm.circuitState).toBe('open');
    expect((await failureOf(crm.request('GET', '/x'))).kind).toBe('circuit_open');
    expect(seen).toHaveLength(3);

    clock += 10_000;
    expect(crm.circuitState).toBe('half_open');
    expect((await failureOf(crm.request('GET', '/x'))).kind).toBe('server_error');
    expect(crm.circuitState).toBe('open');

    clock += 10_000;
    healthy = true;
    expect(await crm.request('GET', '/x')).toEqual({ ok: true });
    expect(crm.circuitState).toBe('closed');
    expect(seen).toHaveLength(5);
  });
});

describe('verifyZhidaSignature', () => {
  const now = new Date('2026-11-25T02:00:00Z');
  const timestamp = String(now.getTime());
  const parts = { timestamp, method: 'POST', path: '/crm/returns', body: '{"a":1}' };
  const signature = signZhidaRequest(SECRET, parts);

  it('accepts a fresh, untampered request', () => {
    expect(verifyZhidaSignature(SECRET, { ...parts, signature }, now)).toEqual({ ok: true });
  });

  it('refuses a request older than five minutes, or too far ahead', () => {
    expect(verifyZhidaSignature(SECRET, { ...parts, signature }, new Date(now.getTime() + 5 * 60_000 + 1))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyZhidaSignature(SECRET, { ...parts, signature }, new Date(now.getTime() - 6 * 60_000))).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses a changed body, path, method or secret', () => {
    expect(verifyZhidaSignature(SECRET, { ...parts, body: '{"a":2}', signature }, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZhidaSignature(SECRET, { ...parts, path: '/crm/refunds', signature }, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZhidaSignature(SECRET, { ...parts, method: 'PUT', signature }, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZhidaSignature('other-secret', { ...parts, signature }, now)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses missing or malformed headers', () => {
    expect(verifyZhidaSignature(SECRET, { ...parts, signature: undefined }, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyZhidaSignature(SECRET, { ...parts, timestamp: 'yesterday', signature }, now)).toEqual({ ok: false, reason: 'missing' });
  });
});
