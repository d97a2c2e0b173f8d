import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { MaterialConnector } from '../connectors/material-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall, remoteLookup } from './remote-failure.js';

/**
 * Supporting documents for applications: `POST /applications/{ref}/materials-expected` `{ conversationId, customerId }`
 * (the chat will upload for it) and `POST /materials` `{ conversationId, attachmentId, filename }` for each upload
 * (404: no application is waiting for this chat's files). Both carry an Idempotency-Key. Refusals: `application_not_found`.
 */
export class HttpMaterialConnector implements MaterialConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async expect(ctx: ConnectorContext, applicationRef: string) {
    const body = { conversationId: ctx.conversationId, customerId: ctx.customerId ?? null };
    const answer = await remoteCall(() =>
      this.clientFor(ctx.tenantId).request('POST', `/applications/${encodeURIComponent(applicationRef.toUpperCase())}/materials-expected`, { body, idempotencyKey: ctx.idempotencyKey }),
    );
    return z.object({ requiredMaterials: z.array(z.string()), reviewDays: z.number().int() }).parse(answer);
  }

  async received(ctx: ConnectorContext, file: { attachmentId: string; filename: string }) {
    const body = { conversationId: ctx.conversationId, attachmentId: file.attachmentId, filename: file.filename };
    // One upload is one attachment: its id makes the retry of a timed-out call safe.
    const answer = await remoteLookup(() => this.clientFor(ctx.tenantId).request('POST', '/materials', { body, idempotencyKey: `material:${file.attachmentId}` }));
    return answer === null ? null : z.object({ applicationRef: z.string() }).parse(answer);
  }
}
