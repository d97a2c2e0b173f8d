import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../auth/secret-box.js';
import { SecretResealer } from '../auth/secret-resealer.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { SsrfGuard } from './ssrf-guard.js';
import { WEBHOOK_RETRY_DELAYS_MS, WebhookDeliveryRunner } from './webhook-delivery-runner.js';
import type { WebhookDeliveryDto } from './webhook-dto.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookSigner } from './webhook-signer.js';
import { WebhookReceiver } from './test-support/webhook-receiver.js';

const backends = await testBackends();

describe.each(backends)('webhook outbox and delivery (%s)', (backend) => {
  const key = randomBytes(32);
  let t: TestApp;
  let tenant: TestTenant;
  let admin: StaffSession;
  let receiver: WebhookReceiver;
  let clock: Date;

  /** A runner on the app's database with a clock the test moves. */
  function runner(app: TestApp = t): WebhookDeliveryRunner {
    const guard = new SsrfGuard({ allowPrivate: true, allowHttp: true });
    return new WebhookDeliveryRunner(app.app.zhida.database.db, new SecretBox(key), new WebhookSender(guard, { timeoutMs: 10_000 }), { now: () => clock });
  }

  async function createEndpoint(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin.headers, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const json = res.json() as { endpoint: { id: string }; secret: string };
    return { id: json.endpoint.id, secret: json.secret };
  }

  async function deliveries(endpointId: string): Promise<WebhookDeliveryDto[]> {
    const res = await t.app.inject({ url: `/api/v1/webhooks/${endpointId}/deliveries`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: WebhookDeliveryDto[] }).items;
  }

  /** Enqueues like the ticket service does: inside the transaction that changed the ticket. */
  function enqueue(type: string, data: Record<string, unknown>, rollback = false): Promise<void> {
    const db = ticketDatabase(t.app.zhida.database.db);
    return t.as(tenant, () =>
      db
        .transaction()
        .execute(async (trx) => {
          await t.app.zhida.webhookOutbox.enqueue(trx, tenant.id, type, data);
          if (rollback) throw new Error('rolled back on purpose');
        })
        .catch((err: Error) => {
          if (!rollback) throw err;
        }),
    );
  }

  beforeAll(async () => {
    t = await TestApp.start(backend, { secretKey: key, webhookAllowPrivate: true, webhookAllowHttp: true });
    tenant = await t.createTenant('hooks');
    admin = await t.login(tenant, 'admin');
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    // The runner's clock starts a little after the events each test queues (the outbox stamps them with the real time).
    clock = new Date(Date.now() + 5000);
    // Each test starts with no endpoints and no deliveries of earlier tests.
    await t.as(tenant, () => ticketDatabase(t.app.zhida.database.db).deleteFrom('webhook_endpoints').where('tenant_id', '=', tenant.id).execute());
  });
  afterEach(() => receiver.close());

  it('delivers a committed event, signed with the secret shown at creation, the delivery id as webhook-id', async () => {
    const endpoint = await createEndpoint({ url: receiver.url(), description: '工单系统' });
    await enqueue('ticket.created', { ticketId: 't-1', number: 'GD20261207001', subject: '<b>退货</b>' });
    expect(await runner().runDue()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.headers['content-type']).toBe('application/json');
    new WebhookSigner(endpoint.secret).verify(got.headers, got.body, { now: clock });
    const body = JSON.parse(got.body) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body.type).toBe('ticket.created');
    expect(body.data).toEqual({ ticketId: 't-1', number: 'GD20261207001', subject: '<b>退货</b>' });
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(clock.getTime() / 1000)));

    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ id: got.headers['webhook-id'], status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, eventType: 'ticket.created' });
    expect(delivery!.deliveredAt).not.toBeNull();
    // Nothing is left to send.
    expect(await runner().runDue()).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('queues nothing for a rolled-back transaction, and only for active endpoints subscribed to the type', async () => {
    const all = await createEndpoint({ url: receiver.url('/all') });
    const resolvedOnly = await createEndpoint({ url: receiver.url('/resolved'), eventTypes: ['ticket.resolved'] });
    const off = await createEndpoint({ url: receiver.url('/off'), active: false });
    await enqueue('ticket.created', { ticketId: 't-2' }, true);
    expect(await deliveries(all.id)).toHaveLength(0);

    await enqueue('ticket.created', { ticketId: 't-3' });
    await enqueue('ticket.resolved', { ticketId: 't-3' });
    expect((await deliveries(all.id)).map((d) => d.eventType).sort()).toEqual(['ticket.created', 'ticket.resolved']);
    expect((await deliveries(resolvedOnly.id)).map((d) => d.eventType)).toEqual(['ticket.resolved']);
    expect(await deliveries(off.id)).toHaveLength(0);
  });

  it('retries a 500 after the backoff with the same webhook-id and a fresh valid signature', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    receiver.replies = [500];
    await enqueue('ticket.updated', { ticketId: 't-4' });
    const r = runner();
    expect(await r.runDue()).toBe(1);

    let [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(delivery!.lastError).toContain('HTTP 500');
    expect(Date.parse(delivery!.nextAttemptAt!)).toBe(clock.getTime() + WEBHOOK_RETRY_DELAYS_MS[0]!);
    // Not before the backoff has passed.
    expect(await r.runDue()).toBe(0);

    clock = new Date(clock.getTime() + WEBHOOK_RETRY_DELAYS_MS[0]!);
    expect(await r.runDue()).toBe(1);
    [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received as [(typeof receiver.received)[0], (typeof receiver.received)[0]];
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.headers['webhook-id']).toBe(delivery!.id);
    expect(second.body).toBe(first.body);
    expect(Number(second.headers['webhook-timestamp']) - Number(first.headers['webhook-timestamp'])).toBe(WEBHOOK_RETRY_DELAYS_MS[0]! / 1000);
    new WebhookSigner(endpoint.secret).verify(second.headers, second.body, { now: clock });
  });

  it('records the backoff for a dead receiver through every attempt, then fails; the API never answers 500', async () => {
    const endpoint = await createEndpoint({ url: await WebhookReceiver.deadUrl() });
    const test = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/test`, headers: admin.headers });
    expect(test.statusCode, test.body).toBe(202);
    expect(test.json()).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 0 });
    const r = runner();
    for (const [i, delay] of WEBHOOK_RETRY_DELAYS_MS.entries()) {
      expect(await r.runDue()).toBe(1);
      const [delivery] = await deliveries(endpoint.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: i + 1, lastStatus: null });
      expect(delivery!.lastError).toMatch(/ECONNREFUSED/);
      expect(Date.parse(delivery!.nextAttemptAt!) - clock.getTime()).toBe(delay);
      clock = new Date(clock.getTime() + delay);
    }
    expect(await r.runDue()).toBe(1);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: WEBHOOK_RETRY_DELAYS_MS.length + 1, nextAttemptAt: null });
    clock = new Date(clock.getTime() + 24 * 3600 * 1000);
    expect(await r.runDue()).toBe(0);
    const failedList = await t.app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries?status=failed`, headers: admin.headers });
    expect(failedList.statusCode).toBe(200);
    expect(failedList.json().items).toHaveLength(1);

    // The receiver is back: the admin replays the dead letter, which goes out with the same webhook-id.
    const revived = await WebhookReceiver.start();
    try {
      const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${endpoint.id}`, headers: admin.headers, payload: { url: revived.url() } });
      expect(moved.statusCode).toBe(200);
      const replay = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/retry`, headers: admin.headers });
      expect(replay.statusCode, replay.body).toBe(202);
      expect(replay.json()).toMatchObject({ id: delivery!.id, status: 'pending', attempts: 0 });
      clock = new Date(Date.now() + 5000);
      expect(await r.runDue()).toBe(1);
      expect(revived.received.map((x) => x.headers['webhook-id'])).toEqual([delivery!.id]);
      expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
      const again = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/retry`, headers: admin.headers });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('webhook_delivery_not_failed');
    } finally {
      await revived.close();
    }
  });

  it('switches the endpoint off when the receiver answers 410 Gone', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    receiver.replies = [410];
    await enqueue('ticket.created', { ticketId: 't-5' });
    expect(await runner().runDue()).toBe(1);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', lastStatus: 410 });
    const list = await t.app.inject({ url: '/api/v1/webhooks', headers: admin.headers });
    expect(list.json().items.find((e: { id: string }) => e.id === endpoint.id).active).toBe(false);
  });

  it('refuses at delivery a target that became private after it was saved', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    await enqueue('ticket.created', { ticketId: 't-6' });
    const strict = new WebhookDeliveryRunner(t.app.zhida.database.db, new SecretBox(key), new WebhookSender(new SsrfGuard({ allowPrivate: false, allowHttp: true })), { now: () => clock });
    expect(await strict.runDue()).toBe(1);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
    expect(delivery!.lastError).toMatch(/private/);
    expect(receiver.received).toHaveLength(0);
  });

  it('takes over a delivery whose runner died mid-send once its lease has run out, keeping the webhook-id', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    await enqueue('ticket.created', { ticketId: 't-7' });
    const [queued] = await deliveries(endpoint.id);
    // A runner claimed it and vanished: still "delivering", its lease running.
    await t.system(() =>
      ticketDatabase(t.app.zhida.database.db).updateTable('webhook_deliveries').set({ status: 'delivering', attempts: 1, locked_until: new Date(clock.getTime() + 60_000) }).where('id', '=', queued!.id).execute(),
    );
    expect(await runner().runDue()).toBe(0);
    clock = new Date(clock.getTime() + 61_000);
    expect(await runner().runDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(queued!.id);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('never lets two runners send the same delivery (FOR UPDATE SKIP LOCKED)', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    receiver.delayMs = 30;
    const events = 24;
    for (let i = 0; i < events; i++) await enqueue('ticket.created', { ticketId: `t-many-${i}` });
    // On PostgreSQL the second runner is another app node with its own connection pool.
    const second = backend === 'postgres' ? await TestApp.startSharing(t) : t;
    try {
      const drain = async (r: WebhookDeliveryRunner) => {
        let sent = 0;
        for (let n = await r.runDue(); n > 0; n = await r.runDue()) sent += n;
        return sent;
      };
      const [a, b] = await Promise.all([drain(runner(t)), drain(runner(second))]);
      expect(a + b).toBe(events);
    } finally {
      if (second !== t) await second.closeShared();
    }
    const counts = receiver.countsById();
    expect(counts.size).toBe(events);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const items = (await t.app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries?limit=100`, headers: admin.headers })).json().items as WebhookDeliveryDto[];
    expect(items.filter((d) => d.status === 'delivered' && d.attempts === 1)).toHaveLength(events);
  });

  it('signs with a secret sealed under a key being rotated out, and seals it again with the new key', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    const newKey = randomBytes(32);
    const rotated = new SecretBox(newKey, [key]);
    const sealedBefore = await t.system(() => ticketDatabase(t.app.zhida.database.db).selectFrom('webhook_endpoints').select('secret').where('id', '=', endpoint.id).executeTakeFirstOrThrow());
    // `secrets reseal` (the CLI) does every stored secret at once, webhook secrets included.
    const report = await t.system(() => new SecretResealer(t.app.zhida.database.db, rotated).resealAll());
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    const sealedAfter = await t.system(() => ticketDatabase(t.app.zhida.database.db).selectFrom('webhook_endpoints').select('secret').where('id', '=', endpoint.id).executeTakeFirstOrThrow());
    expect(sealedAfter.secret).not.toBe(sealedBefore.secret);
    expect(new SecretBox(newKey).open(sealedAfter.secret, `webhook_endpoints.secret:${tenant.id}:${endpoint.id}`)).toBe(endpoint.secret);

    // The runner of a node that only has the new key signs with the same secret.
    await enqueue('ticket.created', { ticketId: 't-rotated' });
    const r = new WebhookDeliveryRunner(t.app.zhida.database.db, new SecretBox(newKey), new WebhookSender(new SsrfGuard({ allowPrivate: true, allowHttp: true })), { now: () => clock });
    expect(await r.runDue()).toBe(1);
    new WebhookSigner(endpoint.secret).verify(receiver.received[0]!.headers, receiver.received[0]!.body, { now: clock });
  });

  it('is started and stopped by the app: a test event is sent without anyone calling runDue', async () => {
    const endpoint = await createEndpoint({ url: receiver.url() });
    t.app.zhida.webhookDeliveries.start();
    try {
      const test = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/test`, headers: admin.headers });
      expect(test.statusCode).toBe(202);
      for (let i = 0; i < 300 && receiver.received.length === 0; i++) await new Promise((ok) => setTimeout(ok, 100));
    } finally {
      await t.app.zhida.webhookDeliveries.stop();
    }
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    new WebhookSigner(endpoint.secret).verify(got.headers, got.body);
    expect(JSON.parse(got.body)).toMatchObject({ type: 'webhook.test', data: { webhookId: endpoint.id } });
  });
});
