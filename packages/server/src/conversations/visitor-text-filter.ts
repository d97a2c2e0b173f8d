import type { TenantContext } from '../tenancy/tenant-context.js';

/**
 * Rewrites what a visitor sent before it is stored (the privacy module withholds sensitive numbers the visitor has
 * not consented to). The conversation module only knows this port; the composition root passes the implementation.
 */
export interface VisitorTextFilter {
  filter(ctx: TenantContext, visitorId: string, text: string): Promise<string>;
}
