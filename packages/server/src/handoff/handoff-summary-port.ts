import type { TenantContext } from '../tenancy/tenant-context.js';

/** Writes the one-line summary of a conversation an agent sees on an offer and a supervisor on an alert (the context module's builder). */
export interface HandoffSummaryPort {
  summary(ctx: TenantContext, conversationId: string): Promise<string>;
}
