import type { ConnectorContext } from './connector-context.js';

/** Looks up the customer a registered mobile number belongs to (bank customer, telecom subscriber…). */
export interface IdentityConnector {
  findByMobile(ctx: ConnectorContext, mobile: string): Promise<{ customerId: string; name: string } | null>;
}
