/**
 * The boundary between the dialogue bot and self-service transactions. The bot
 * calls `execute` for every `action` step of a flow; business failures come
 * back as `ok: false` values with a stable code, never as thrown errors.
 */
export interface ActionContext {
  tenantId: string;
  conversationId: string;
  visitorId: string;
  now: Date;
}

/** `retryAfterSeconds` on a refusal: a limit (e.g. SMS codes per number) that passes, so the customer can be told how long to wait. */
export type ActionOutcome = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string; retryAfterSeconds?: number } };

/** One action a flow step asks for; `id` is unique per dialogue step and is the idempotency key. */
export interface ActionRequest {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export interface ActionExecutor {
  execute(ctx: ActionContext, action: ActionRequest): Promise<ActionOutcome>;
}
