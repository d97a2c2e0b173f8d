import type { TenantContext } from '../tenancy/tenant-context.js';

/** The visitor's language, from the widget's `data-locale`. */
export type BotLocale = 'zh-CN' | 'en';

export interface BotReply {
  text: string;
  quickReplies: string[];
  meta: Record<string, unknown>;
}

export interface BotHandoff {
  reason: 'user_request' | 'high_risk' | 'anger' | 'repeated_failure';
  priority: 'normal' | 'high' | 'urgent';
}

export interface BotTurn {
  replies: BotReply[];
  handoff: BotHandoff | null;
  /** Opaque per-conversation state the bot wants back on the next turn; persisted by the server. */
  state: unknown;
}

export interface BotInput {
  conversationId: string;
  visitorId: string;
  text: string;
  state: unknown;
  /** The visitor's earlier messages, oldest first (for repeated-escalation detection). */
  history: string[];
  /** Prosody of a spoken message (phone, widget voice): high arousal raises the text's anger/anxiety score. */
  voice?: { arousal: number };
}

/**
 * What the conversation service asks of a bot. Transport, storage and
 * realtime stay outside: a bot takes text and context and returns replies.
 */
export interface Bot {
  welcome(ctx: TenantContext, options: { locale: BotLocale }): Promise<BotTurn>;
  respond(ctx: TenantContext, input: BotInput): Promise<BotTurn>;
}
