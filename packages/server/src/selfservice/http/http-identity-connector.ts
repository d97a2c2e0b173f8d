import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { IdentityConnector } from '../connectors/identity-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteLookup } from './remote-failure.js';

const customerSchema = z.object({ customerId: z.string(), name: z.string() });

/** The customer a registered mobile belongs to: `GET /customers/by-mobile/{mobile}` (404: not registered). */
export class HttpIdentityConnector implements IdentityConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async findByMobile(ctx: ConnectorContext, mobile: string) {
    const body = await remoteLookup(() => this.clientFor(ctx.tenantId).request('GET', `/customers/by-mobile/${encodeURIComponent(mobile)}`));
    return body === null ? null : customerSchema.parse(body);
  }
}
