import type { Kysely, Selectable } from 'kysely';
import type { SecretBox } from '../auth/secret-box.js';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { ticketDatabase, type TicketDatabase, type WebhookDeliveriesTable } from '../tickets/ticket-schema.js';
import { webhookSecretContext } from './webhook-endpoint-service.js';
import type { WebhookAttempt, WebhookSender } from './webhook-sender.js';
import { WebhookSigner } from './webhook-signer.js';
import { PollingLoop } from '../scheduling/polling-loop.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Wait before the next attempt after attempt n failed (index n - 1): the Standard Webhooks
 * schedule. After the last one the delivery is `failed`: 7 attempts over about 17.5 hours.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR];

export interface WebhookDeliveryRunnerOptions {
  pollMs?: number;
  /** How long a claimed delivery is ours; longer than the sender's timeout, so a live runner never loses one mid-send. */
  leaseMs?: number;
  batchSize?: number;
  retryDelaysMs?: readonly number[];
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

type DeliveryRow = Selectable<WebhookDeliveriesTable>;
type Outcome = Pick<DeliveryRow, 'status' | 'last_status' | 'last_error'> & { next_attempt_at?: Date; delivered_at?: Date };

/**
 * Sends the outbox: claims due deliveries with `FOR UPDATE SKIP LOCKED` and a lease in
 * `locked_until` (so any number of nodes can poll and none sends a delivery another is sending),
 * signs each attempt with the endpoint's secret — the delivery id is the `webhook-id` of every
 * attempt, so receivers can deduplicate retries — POSTs it through the SSRF-guarded sender, and
 * records the outcome: 2xx delivered; anything else retried on WEBHOOK_RETRY_DELAYS_MS, then
 * failed; 410 Gone switches the endpoint off. A node that dies mid-send loses the delivery to
 * another when the lease runs out (the receiver may then see that webhook-id twice, which is
 * what the id is for).
 * @example
 * const runner = new WebhookDeliveryRunner(db, secrets, new WebhookSender(guard));
 * runner.start(); // … await runner.stop() on shutdown
 */
export class WebhookDeliveryRunner {
  private readonly db: Kysely<TicketDatabase>;
  private readonly options: Required<Omit<WebhookDeliveryRunnerOptions, 'log'>> & Pick<WebhookDeliveryRunnerOptions, 'log'>;
  private readonly loop: PollingLoop;

  constructor(
    db: Kysely<Database>,
    private readonly secrets: SecretBox,
    private readonly sender: WebhookSender,
    options: WebhookDeliveryRunnerOptions = {},
  ) {
    this.db = ticketDatabase(db);
    this.options = {
      pollMs: options.pollMs ?? 3000,
      leaseMs: options.leaseMs ?? 2 * MINUTE,
      batchSize: options.batchSize ?? 10,
      retryDelaysMs: options.retryDelaysMs ?? WEBHOOK_RETRY_DELAYS_MS,
      now: options.now ?? (() => new Date()),
      log: options.log,
    };
    this.loop = new PollingLoop(() => this.poll(), this.options.pollMs);
  }

  /** Starts polling (the first poll is immediate). */
  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the batch in hand. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims the deliveries due now and attempts them (concurrently: one slow receiver does not hold up the rest); returns how many. */
  async runDue(): Promise<number> {
    const { rows, lease } = await TenantScope.asSystem(() => this.claim());
    await Promise.all(rows.map((row) => TenantScope.asTenant(row.tenant_id, () => this.attempt(row, lease))));
    return rows.length;
  }

  private async claim(): Promise<{ rows: DeliveryRow[]; lease: Date }> {
    const now = this.options.now();
    // The lease's end doubles as our claim token: a runner that took the delivery over after it ran out set another.
    const lease = new Date(now.getTime() + this.options.leaseMs);
    const rows = await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({ status: 'delivering', attempts: eb('attempts', '+', 1), locked_until: lease }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select('id')
          .where((w) => w.or([w.and([w('status', '=', 'pending'), w('next_attempt_at', '<=', now)]), w.and([w('status', '=', 'delivering'), w('locked_until', '<', now)])]))
          .orderBy('next_attempt_at')
          .limit(this.options.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return { rows, lease };
  }

  private async attempt(row: DeliveryRow, lease: Date): Promise<void> {
    try {
      const endpoint = await this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', row.tenant_id).where('id', '=', row.endpoint_id).executeTakeFirst();
      if (!endpoint || !endpoint.active) {
        await this.finish(row, lease, { status: 'failed', last_status: null, last_error: 'The webhook was switched off before this delivery was sent' });
        return;
      }
      const secret = await this.openSecret(row.tenant_id, endpoint.id, endpoint.secret);
      const body = JSON.stringify(row.payload);
      const headers = new WebhookSigner(secret).sign(row.id, this.options.now(), body);
      const result = await this.sender.post(endpoint.url, body, { ...headers });
      await this.finish(row, lease, this.outcome(row, result));
      if (result.status === 410) {
        // Gone: the receiver asks to be left alone (Standard Webhooks); the admin switches it on again.
        await this.db.updateTable('webhook_endpoints').set({ active: false }).where('tenant_id', '=', row.tenant_id).where('id', '=', endpoint.id).execute();
      }
      if (!result.delivered) this.options.log?.warn({ deliveryId: row.id, tenantId: row.tenant_id, endpointId: endpoint.id, attempt: row.attempts, status: result.status }, 'webhook delivery attempt failed');
    } catch (err) {
      // Our own fault (database, a secret that will not open): retried like a receiver's failure, and logged loudly.
      this.options.log?.error({ err, deliveryId: row.id, tenantId: row.tenant_id }, 'webhook delivery attempt could not be made');
      await this.finish(row, lease, this.outcome(row, { delivered: false, status: null, error: 'Internal error while sending; see the server log' })).catch(() => undefined);
    }
  }

  private outcome(row: DeliveryRow, result: WebhookAttempt): Outcome {
    const now = this.options.now();
    if (result.delivered) return { status: 'delivered', last_status: result.status, last_error: null, delivered_at: now };
    const delay = this.options.retryDelaysMs[row.attempts - 1];
    if (result.status === 410 || delay === undefined) return { status: 'failed', last_status: result.status, last_error: result.error };
    return { status: 'pending', last_status: result.status, last_error: result.error, next_attempt_at: new Date(now.getTime() + delay) };
  }

  private async finish(row: DeliveryRow, lease: Date, outcome: Outcome): Promise<void> {
    // Only while the lease is still ours: after it ran out another runner may own the delivery.
    await this.db
      .updateTable('webhook_deliveries')
      .set({ ...outcome, locked_until: null })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', row.id)
      .where('status', '=', 'delivering')
      .where('locked_until', '=', lease)
      .execute();
  }

  /** The plain secret; one sealed with a key being rotated out is sealed again with the current key, only over that same value. */
  private async openSecret(tenantId: string, endpointId: string, stored: string): Promise<string> {
    const context = webhookSecretContext(tenantId, endpointId);
    const { plaintext, stale } = this.secrets.read(stored, context);
    if (stale) {
      await this.db
        .updateTable('webhook_endpoints')
        .set({ secret: this.secrets.seal(plaintext, context) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', endpointId)
        .where('secret', '=', stored)
        .execute();
    }
    return plaintext;
  }

  private async poll(): Promise<void> {
    try {
      while (this.loop.running && (await this.runDue()) === this.options.batchSize);
    } catch (err) {
      this.options.log?.error({ err }, 'webhook delivery poll failed');
    }
  }
}
