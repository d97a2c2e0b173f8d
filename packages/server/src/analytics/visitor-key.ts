import { createHash } from 'node:crypto';

/**
 * The customer as analytics and experiments see them: a hash of the tenant and the verified
 * customer id (else the visitor id), so "the same customer" can be counted without storing who.
 * @example
 * visitorKey(tenantId, { externalId: 'u-1001', visitorId }) // 32 hex characters, the same in every conversation of u-1001
 */
export function visitorKey(tenantId: string, who: { externalId: string | null; visitorId: string }): string {
  return createHash('sha256').update(`${tenantId}:${who.externalId ? `c:${who.externalId}` : `v:${who.visitorId}`}`).digest('hex').slice(0, 32);
}
