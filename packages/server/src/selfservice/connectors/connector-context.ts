/** Who is asking and when; every connector call is scoped to one tenant. */
export interface ConnectorContext {
  tenantId: string;
  conversationId: string;
  now: Date;
  /** Unique per action execution (conversation + action id); a real backend dedupes writes on it. */
  idempotencyKey?: string;
}
