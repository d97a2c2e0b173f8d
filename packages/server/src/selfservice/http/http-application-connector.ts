import { z } from 'zod';
import type { ApplicationConnector, ApplicationProgress } from '../connectors/application-connector.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall, remoteLookup } from './remote-failure.js';

const progressSchema = z.object({ applicationRef: z.string(), serviceName: z.string(), stage: z.string(), detail: z.string(), expectedDate: z.string().nullable() });

/**
 * Applications of a government service system: `GET /applications/{ref}` (404: none),
 * `POST /certificate-requests` `{ type, idCard, conversationId, customerId }` (Idempotency-Key).
 * Refusals: `unknown_certificate`.
 */
export class HttpApplicationConnector implements ApplicationConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async getProgress(ctx: ConnectorContext, applicationRef: string): Promise<ApplicationProgress | null> {
    const body = await remoteLookup(() => this.clientFor(ctx.tenantId).request('GET', `/applications/${encodeURIComponent(applicationRef.toUpperCase())}`));
    return body === null ? null : progressSchema.parse(body);
  }

  async requestCertificate(ctx: ConnectorContext, type: string, idCard: string) {
    const body = { type, idCard, conversationId: ctx.conversationId, customerId: ctx.customerId ?? null };
    const answer = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', '/certificate-requests', { body, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ applicationRef: z.string(), expectedDays: z.number().int() }).parse(answer);
  }
}
