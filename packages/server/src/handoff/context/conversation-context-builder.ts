import type { FlowDefinition } from '@zhida/dialogue';
import type { Kysely } from 'kysely';
import type { BotConfig } from '../../bot/bot-config.js';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import { toMessageDto } from '../../conversations/conversation-dto.js';
import type { ConversationRepository } from '../../conversations/conversation-repository.js';
import type { Database } from '../../db/schema.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { ACTIVE_HANDOFF_STATUSES, handoffDatabase, type HandoffDatabase } from '../handoff-schema.js';
import type { ConversationContext, HandoffSnapshot } from './conversation-context-dto.js';
import { readUnderstanding, type UnderstandingVocabulary } from './conversation-understanding.js';
import type { CustomerRecordsReader } from './customer-records-reader.js';
import { writeHandoffSummary } from './handoff-summary-writer.js';

/** The transcript the context carries: the latest this many messages (internal notes included). */
export const MAX_CONTEXT_MESSAGES = 500;
const MAX_TICKETS = 20;
// The summary quotes the customer's latest words; more than this says nothing new.
const SUMMARY_VISITOR_MESSAGES = 6;

/** The words a tenant's bot uses for its intents and slots, for the context panel and the summary. */
export interface BotVocabulary {
  intentLabels: Record<string, string>;
  flowIntents: Record<string, string>;
  slotLabels: Record<string, string>;
}

/** Intent labels, each flow's intent and each slot's label (Chinese: the console's agents read them). */
export function botVocabulary(config: BotConfig | null): BotVocabulary {
  const intentLabels: Record<string, string> = {};
  for (const i of config?.manifest.intents ?? []) intentLabels[i.id] = typeof i.label === 'string' ? i.label : i.label.zh;
  const flowIntents: Record<string, string> = {};
  const slotLabels: Record<string, string> = {};
  for (const flow of (config?.flows ?? []) as FlowDefinition[]) {
    if (flow.intent) flowIntents[flow.id] = flow.intent;
    for (const step of flow.steps) if (step.type === 'slot') slotLabels[step.slot] ??= step.label.zh;
  }
  return { intentLabels, flowIntents, slotLabels };
}

/**
 * Everything an agent needs on taking a chat, from the database only: the transcript, the customer
 * and their records and tickets, what the bot understood, the handoff request, and a one-line summary.
 * @example const context = await builder.build(ctx, conversationId); context.summary // '客户申请退货 订单号 …'
 */
export class ConversationContextBuilder {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly conversations: ConversationRepository,
    private readonly botConfigs: BotConfigRepository,
    private readonly records: CustomerRecordsReader,
  ) {
    this.db = handoffDatabase(db);
  }

  async build(ctx: TenantContext, conversationId: string): Promise<ConversationContext> {
    // 404 for an unknown id or another tenant's, before anything else is read.
    const conversation = await this.conversations.get(ctx, conversationId);
    const visitor = conversation.visitor;
    const [understood, records, tickets] = await Promise.all([
      this.understood(ctx, conversationId),
      this.records.read(ctx, { conversationId, verifiedCustomerId: visitor.verified ? visitor.externalId : null }),
      this.tickets(ctx, visitor.id, visitor.verified ? visitor.externalId : null),
    ]);
    return {
      conversation,
      messages: understood.messages,
      customer: { visitorId: visitor.id, name: visitor.name, verified: visitor.verified, externalId: visitor.externalId, records, tickets },
      understanding: understood.understanding,
      handoff: understood.handoff,
      summary: understood.summary,
    };
  }

  /**
   * Only the one-line summary, for the offer card and the supervisor's alert: the transcript and the bot's state,
   * without the customer's records and tickets.
   */
  async summary(ctx: TenantContext, conversationId: string): Promise<string> {
    return (await this.understood(ctx, conversationId)).summary;
  }

  /** The transcript, what the bot understood from it and its state, the handoff request, and the summary written from them. */
  private async understood(ctx: TenantContext, conversationId: string) {
    const [rows, botState, config, handoff] = await Promise.all([
      this.db
        .selectFrom('messages')
        .selectAll()
        .where('tenant_id', '=', ctx.tenantId)
        .where('conversation_id', '=', conversationId)
        .orderBy('seq', 'desc')
        .limit(MAX_CONTEXT_MESSAGES)
        .execute(),
      this.conversations.getBotState(ctx, conversationId),
      this.botConfigs.get(ctx),
      this.handoff(ctx, conversationId),
    ]);
    const messages = rows.reverse().map(toMessageDto);
    const vocabulary = botVocabulary(config);
    const { understanding, vocabularyValues } = readUnderstanding(botState, messages, vocabulary.intentLabels, vocabulary.flowIntents);
    // The queue's reason is the truth once a request exists (a transfer or a flow hands over without a bot turn saying so).
    if (handoff) understanding.handoffReason = handoff.reason;
    const visitorTexts = messages.filter((m) => m.senderType === 'visitor').map((m) => m.text).slice(-SUMMARY_VISITOR_MESSAGES);
    const words: UnderstandingVocabulary = { slotLabels: vocabulary.slotLabels, valueLabels: vocabularyValues };
    return { messages, understanding, handoff, summary: writeHandoffSummary(understanding, visitorTexts, words) };
  }

  /** The visitor's tickets and, for a verified visitor, every ticket filed under their customer id. */
  private async tickets(ctx: TenantContext, visitorId: string, customerRef: string | null) {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['id', 'number', 'status', 'subject', 'created_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where((eb) => (customerRef ? eb.or([eb('visitor_id', '=', visitorId), eb('customer_ref', '=', customerRef)]) : eb('visitor_id', '=', visitorId)))
      .orderBy('created_at', 'desc')
      .limit(MAX_TICKETS)
      .execute();
    return rows.map((t) => ({ id: t.id, number: t.number, status: t.status, title: t.subject, createdAt: new Date(t.created_at).toISOString() }));
  }

  /** The active request, else the latest one (ended, unavailable…). */
  private async handoff(ctx: TenantContext, conversationId: string): Promise<HandoffSnapshot | null> {
    const row = await this.db
      .selectFrom('handoff_requests as h')
      .leftJoin('agent_groups as g', (j) => j.onRef('g.id', '=', 'h.group_id').onRef('g.tenant_id', '=', 'h.tenant_id'))
      .select(['h.id', 'h.status', 'h.reason', 'h.priority', 'h.group_id', 'g.name as group_name', 'h.queued_at', 'h.assigned_to', 'h.transfer_note'])
      .where('h.tenant_id', '=', ctx.tenantId)
      .where('h.conversation_id', '=', conversationId)
      .orderBy((eb) => eb.case().when('h.status', 'in', [...ACTIVE_HANDOFF_STATUSES]).then(0).else(1).end())
      .orderBy('h.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    return {
      requestId: row.id,
      status: row.status,
      reason: row.reason,
      priority: row.priority,
      groupId: row.group_id,
      groupName: row.group_name,
      queuedAt: new Date(row.queued_at).toISOString(),
      assignedTo: row.assigned_to,
      transferNote: row.transfer_note,
    };
  }
}
