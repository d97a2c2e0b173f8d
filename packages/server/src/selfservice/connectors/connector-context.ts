/** Who is asking and when; every connector call is scoped to one tenant. */
export interface ConnectorContext {
  tenantId: string;
  conversationId: string;
  now: Date;
  /** Unique per action execution (conversation + action id); a real backend dedupes writes on it. */
  idempotencyKey?: string;
  /**
   * The enterprise's customer id behind the conversation (the visitor's `external_id`, only when the
   * tenant's identity check verified it), else null; the executor sets it so a backend can file what
   * a customer asks for under that customer. Unset: not looked up.
   */
  customerId?: string | null;
}
