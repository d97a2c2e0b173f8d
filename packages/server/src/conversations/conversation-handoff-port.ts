import type { BotHandoff, BotLocale } from '../bot/bot.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

/**
 * What the conversation lifecycle asks of the handoff queue (implemented by `handoff/`). The
 * conversation's `handoff` flag is the queue's to keep: true while a request is queued, offered
 * or assigned (the bot is quiet), false when nobody could come or the visitor left a message.
 */
export interface ConversationHandoffPort {
  /** The bot decided a human is needed. */
  request(ctx: TenantContext, input: { conversationId: string; reason: BotHandoff['reason']; riskLevel: string | null; emotion: string | null; intent: string | null; locale: BotLocale }): Promise<unknown>;
  /** Whether a request made now would wait for a person; false when nobody can come (no desk, outside hours, nobody online). */
  canQueue(ctx: TenantContext, input: { conversationId: string; intent: string | null; locale: BotLocale }): Promise<boolean>;
  /** A signed-in agent is about to write: a chat waiting in the queue is taken by writing to it (or refused, 409). */
  beforeAgentPost(actor: TenantContext & { userId: string; name: string }, conversationId: string): Promise<void>;
  /** The conversation was closed through the generic update: its active request ends. */
  conversationClosed(ctx: TenantContext, conversationId: string): Promise<void>;
}
