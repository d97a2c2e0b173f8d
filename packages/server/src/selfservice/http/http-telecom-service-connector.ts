import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { PortingCheck, TelecomServiceConnector } from '../connectors/telecom-service-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const portingSchema = z.discriminatedUnion('eligible', [
  z.object({ eligible: z.literal(true), authCode: z.string(), validUntil: z.string() }),
  z.object({ eligible: z.literal(false), reasonText: z.string() }),
]);

/**
 * An operator's service desk: `POST /broadband-faults` `{ account, symptom, customerId }` (account, mobile or
 * installation address), `GET /subscribers/{mobile}/porting`, `POST /subscribers/{mobile}/sim-replacements`
 * `{ reason, delivery, customerId }`. Writes carry an Idempotency-Key. Refusals: `account_not_found` (its message
 * says whether an address was unknown, ambiguous or too vague), `subscriber_not_found`.
 */
export class HttpTelecomServiceConnector implements TelecomServiceConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async createFault(ctx: ConnectorContext, account: string, symptom: string) {
    const body = { account, symptom, customerId: ctx.customerId ?? null };
    const answer = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', '/broadband-faults', { body, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ ticketNumber: z.string(), eta: z.string() }).parse(answer);
  }

  async checkPorting(ctx: ConnectorContext, mobile: string): Promise<PortingCheck> {
    return portingSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `/subscribers/${encodeURIComponent(mobile)}/porting`)));
  }

  async requestSimReplacement(ctx: ConnectorContext, mobile: string, reason: string, delivery: 'store' | 'mail') {
    const body = { reason, delivery, customerId: ctx.customerId ?? null };
    const answer = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', `/subscribers/${encodeURIComponent(mobile)}/sim-replacements`, { body, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ orderNumber: z.string(), pickupText: z.string() }).parse(answer);
  }
}
