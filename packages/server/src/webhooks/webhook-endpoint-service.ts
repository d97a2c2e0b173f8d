import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { SecretBox } from '../auth/secret-box.js';
import type { Database } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { ticketDatabase, type TicketDatabase, type WebhookDeliveriesTable, type WebhookEndpointsTable } from '../tickets/ticket-schema.js';
import type { SsrfGuard } from './ssrf-guard.js';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveryDto, WebhookEndpointDto } from './webhook-dto.js';
import type { WebhookOutbox } from './webhook-outbox.js';
import { WebhookSigner } from './webhook-signer.js';

/** Endpoints a tenant may keep: enough for real integrations, not a fan-out amplifier. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** What a sealed endpoint secret is bound to, so a sealed value copied into another row does not open. */
export function webhookSecretContext(tenantId: string, endpointId: string): string {
  return `webhook_endpoints.secret:${tenantId}:${endpointId}`;
}

/**
 * The tenant's webhook endpoints (admin API): the URL passes the SSRF guard on every create and
 * change, the `whsec_` secret is generated here, returned once and stored sealed by the SecretBox.
 */
export class WebhookEndpointService {
  private readonly db: Kysely<TicketDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly secrets: SecretBox,
    private readonly guard: SsrfGuard,
    private readonly outbox: WebhookOutbox,
  ) {
    this.db = ticketDatabase(db);
  }

  async list(ctx: TenantContext): Promise<WebhookEndpointDto[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toEndpointDto);
  }

  /** Creates an endpoint; the plain secret is in the answer and nowhere else, ever. */
  async create(ctx: TenantContext, input: CreateWebhookInput): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
    const url = (await this.guard.check(input.url)).url.href;
    const count = await this.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', ctx.tenantId).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_WEBHOOK_ENDPOINTS) throw new ConflictError(`A tenant can have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints`, 'webhook_limit');
    const id = randomUUID();
    const secret = WebhookSigner.generateSecret();
    const row = await this.db
      .insertInto('webhook_endpoints')
      .values({
        id,
        tenant_id: ctx.tenantId,
        url,
        description: input.description ?? '',
        secret: this.secrets.seal(secret, webhookSecretContext(ctx.tenantId, id)),
        event_types: JSON.stringify(unique(input.eventTypes ?? [])),
        active: input.active ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { endpoint: toEndpointDto(row), secret };
  }

  async update(ctx: TenantContext, id: string, patch: UpdateWebhookInput): Promise<WebhookEndpointDto> {
    await this.get(ctx, id);
    const url = patch.url === undefined ? undefined : (await this.guard.check(patch.url)).url.href;
    const row = await this.db
      .updateTable('webhook_endpoints')
      .set({
        ...(url !== undefined ? { url } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.eventTypes !== undefined ? { event_types: JSON.stringify(unique(patch.eventTypes)) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Webhook');
    return toEndpointDto(row);
  }

  /** Deletes the endpoint and, with it, its deliveries (pending ones are never sent). */
  async remove(ctx: TenantContext, id: string): Promise<void> {
    const deleted = await this.db.deleteFrom('webhook_endpoints').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).returning('id').executeTakeFirst();
    if (!deleted) throw new NotFoundError('Webhook');
  }

  /** The endpoint's deliveries, newest first. */
  async deliveries(ctx: TenantContext, id: string, query: { status?: WebhookDeliveryDto['status']; limit: number }): Promise<WebhookDeliveryDto[]> {
    await this.get(ctx, id);
    let q = this.db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', ctx.tenantId).where('endpoint_id', '=', id);
    if (query.status) q = q.where('status', '=', query.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toDeliveryDto);
  }

  /** Queues a `webhook.test` event for this endpoint only; returns the delivery (its id is the webhook-id the receiver will see). */
  async sendTest(ctx: TenantContext, id: string): Promise<WebhookDeliveryDto> {
    const endpoint = await this.get(ctx, id);
    if (!endpoint.active) throw new ConflictError('The webhook is switched off; switch it on to test it', 'webhook_inactive');
    const deliveryId = await this.db.transaction().execute((trx) =>
      this.outbox.enqueueFor(trx, ctx.tenantId, id, WEBHOOK_TEST_EVENT, { webhookId: id, message: '这是一条来自智答的测试事件（webhook.test）' }),
    );
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', deliveryId).executeTakeFirstOrThrow();
    return toDeliveryDto(row);
  }

  /**
   * Sends a failed delivery again (the dead-letter replay): back to pending, due now, with a fresh
   * retry schedule and the same webhook-id, so a receiver that did get it after all can drop it.
   */
  async retry(ctx: TenantContext, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    await this.get(ctx, endpointId);
    const found = await this.db
      .selectFrom('webhook_deliveries')
      .select('status')
      .where('tenant_id', '=', ctx.tenantId)
      .where('endpoint_id', '=', endpointId)
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!found) throw new NotFoundError('Webhook delivery');
    const row = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(), locked_until: null })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', deliveryId)
      .where('status', '=', 'failed')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConflictError('Only a failed delivery can be sent again', 'webhook_delivery_not_failed');
    return toDeliveryDto(row);
  }

  private async get(ctx: TenantContext, id: string): Promise<Selectable<WebhookEndpointsTable>> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Webhook');
    return row;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toEndpointDto(row: Selectable<WebhookEndpointsTable>): WebhookEndpointDto {
  return { id: row.id, url: row.url, description: row.description, eventTypes: row.event_types, active: row.active, createdAt: iso(row.created_at)! };
}

function toDeliveryDto(row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryDto {
  return {
    id: row.id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    deliveredAt: iso(row.delivered_at),
    payload: row.payload,
  };
}
