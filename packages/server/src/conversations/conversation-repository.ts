import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ConversationChannel, Database, MessageRow, SenderType } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ConversationListPosition } from './conversation-cursor.js';
import { toConversationDto, type ConversationDto, type ConversationListRow } from './conversation-dto.js';

const UNIQUE_VIOLATION = '23505';

/** A visitor message whose bot turn has not run yet. */
export interface PendingVisitorMessage {
  id: string;
  seq: number;
  text: string;
  senderId: string | null;
  createdAt: string;
  /** How it was sent, e.g. `{ input: 'voice', voice: { arousal } }` for a spoken message. */
  meta: Record<string, unknown>;
}

export interface NewMessageInput {
  conversationId: string;
  senderType: SenderType;
  senderId: string | null;
  senderName: string | null;
  text: string;
  clientMsgId: string | null;
  quickReplies?: string[];
  meta?: Record<string, unknown>;
  /** A staff-only note (handoff notes and invites): never listed for, or sent to, the visitor. */
  internal?: boolean;
  /** Only into a conversation of this visitor (the access check and the append as one statement); another's is not found. */
  ownedBy?: string;
}

/** Conversations and their messages. Every method takes the tenant first; another tenant's id is simply not found. */
export class ConversationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(ctx: TenantContext, visitorId: string, channel: ConversationChannel = 'web'): Promise<string> {
    const id = randomUUID();
    await this.db.insertInto('conversations').values({ id, tenant_id: ctx.tenantId, visitor_id: visitorId, status: 'open', assignee_id: null, bot_state: null, channel }).execute();
    return id;
  }

  private listQuery(ctx: TenantContext) {
    return this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .leftJoin('messages as m', (j) => j.onRef('m.conversation_id', '=', 'c.id').onRef('m.seq', '=', 'c.last_seq'))
      .selectAll('c')
      .select(['v.name as visitor_name', 'v.external_id as visitor_external_id', 'v.verified as visitor_verified', 'm.text as last_text', 'm.sender_type as last_sender_type', 'm.created_at as last_created_at'])
      .where('c.tenant_id', '=', ctx.tenantId);
  }

  /**
   * One page, newest activity first, ordered by `(updated_at desc, id desc)` so ties are stable.
   * `after` is the last row of the previous page; `next` is null on the last page (limit + 1 rows are read to know).
   */
  async list(
    ctx: TenantContext,
    filter: { status?: 'open' | 'closed'; limit: number; after?: ConversationListPosition },
  ): Promise<{ items: ConversationDto[]; next: ConversationListPosition | null }> {
    let q = this.listQuery(ctx).select(sql<string>`to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position_updated_at'));
    if (filter.status) q = q.where('c.status', '=', filter.status);
    const after = filter.after;
    if (after) q = q.where((eb) => eb(eb.refTuple('c.updated_at', 'c.id'), '<', eb.tuple(sql<Date>`${after.updatedAt}::timestamptz`, sql<string>`${after.id}::uuid`)));
    const rows = await q.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const next = rows.length > filter.limit && last ? { updatedAt: last.position_updated_at, id: last.id } : null;
    return { items: page.map((r) => toConversationDto(r as ConversationListRow)), next };
  }

  async get(ctx: TenantContext, id: string): Promise<ConversationDto> {
    const row = await this.listQuery(ctx).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Conversation');
    return toConversationDto(row as ConversationListRow);
  }

  /** Resolves a conversation id inside the tenant and, when given, for one visitor only. */
  async assertAccessible(ctx: TenantContext, id: string, visitorId?: string): Promise<void> {
    let q = this.db.selectFrom('conversations').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', id);
    if (visitorId) q = q.where('visitor_id', '=', visitorId);
    if (!(await q.executeTakeFirst())) throw new NotFoundError('Conversation');
  }

  async update(ctx: TenantContext, id: string, patch: { status?: 'open' | 'closed'; assigneeId?: string | null; handoff?: boolean }): Promise<void> {
    const res = await this.db
      .updateTable('conversations')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.assigneeId !== undefined ? { assignee_id: patch.assigneeId } : {}),
        ...(patch.handoff !== undefined ? { handoff: patch.handoff } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Conversation');
  }

  /**
   * What the holder of the conversation's turn lock needs, in one scoped read (each statement costs
   * real CPU on embedded PGlite, and the bot answers every message): its state, the visitor messages
   * up to `upToSeq` still waiting for their turn (after `bot_seq`, oldest first), and the texts of the
   * last `historyLimit` visitor messages before those, oldest first.
   */
  async turnView(
    ctx: TenantContext,
    id: string,
    upToSeq: number,
    historyLimit: number,
  ): Promise<{ status: 'open' | 'closed'; channel: ConversationChannel; handoff: boolean; botState: unknown; botSeq: number; pending: PendingVisitorMessage[]; history: string[] }> {
    const visitorMessages = (eb: ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>) =>
      eb
        .selectFrom('messages as m')
        .whereRef('m.tenant_id', '=', 'c.tenant_id')
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.sender_type', '=', 'visitor')
        .where('m.internal', '=', false)
        // A note (a shared location, a voice message nobody could transcribe) is for the agent: the bot neither answers nor reads it.
        .where(sql<boolean>`not (m.meta @> '{"forAgent": true}'::jsonb)`);
    const row = await this.db
      .selectFrom('conversations as c')
      .select((eb) => [
        'c.status',
        'c.channel',
        'c.handoff',
        'c.bot_state',
        'c.bot_seq',
        jsonArrayFrom(
          visitorMessages(eb)
            .select(['m.id', 'm.seq', 'm.text', 'm.sender_id as senderId', 'm.created_at as createdAt', 'm.meta'])
            .whereRef('m.seq', '>', 'c.bot_seq')
            .where('m.seq', '<=', upToSeq)
            .orderBy('m.seq', 'asc'),
        ).as('pending'),
        jsonArrayFrom(visitorMessages(eb).select('m.text').whereRef('m.seq', '<=', 'c.bot_seq').orderBy('m.seq', 'desc').limit(historyLimit)).as('history'),
      ])
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Conversation');
    return {
      status: row.status,
      channel: row.channel,
      handoff: row.handoff,
      botState: row.bot_state ?? null,
      botSeq: row.bot_seq,
      pending: row.pending,
      history: row.history.map((m) => m.text).reverse(),
    };
  }

  /** Ends the turns of the visitor messages up to `seq` without the bot (a human has the conversation, or it was closed). */
  async markAnswered(ctx: TenantContext, id: string, seq: number): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set((eb) => ({ bot_seq: sql<number>`greatest(${eb.ref('bot_seq')}, ${seq}::int)` }))
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
  }

  async getBotState(ctx: TenantContext, id: string): Promise<unknown> {
    const row = await this.db.selectFrom('conversations').select('bot_state').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    return row?.bot_state ?? null;
  }

  async setBotState(ctx: TenantContext, id: string, state: unknown, answeredSeq = 0): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set((eb) => ({ bot_state: JSON.stringify(state ?? null), bot_seq: sql<number>`greatest(${eb.ref('bot_seq')}, ${answeredSeq}::int)` }))
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
  }

  /**
   * Stores a message with the next `seq`, idempotently by `clientMsgId`, in
   * one statement: the conversation row is bumped (and so locked) only when
   * no message with that clientMsgId exists, and the insert takes the new seq.
   * Concurrent senders therefore get strictly increasing seqs with no gaps; a
   * retry racing its original either sees it or hits the unique constraint,
   * and either way gets the committed original back.
   */
  async appendMessage(ctx: TenantContext, input: NewMessageInput): Promise<{ message: MessageRow; created: boolean }> {
    const now = new Date();
    try {
      const { rows } = await sql<MessageRow>`
        with bumped as (
          update conversations set last_seq = last_seq + 1, updated_at = ${now}::timestamptz
          where tenant_id = ${ctx.tenantId}::uuid and id = ${input.conversationId}::uuid
            and (${input.ownedBy ?? null}::uuid is null or visitor_id = ${input.ownedBy ?? null}::uuid)
            and not exists (
              select 1 from messages
              where conversation_id = ${input.conversationId}::uuid and client_msg_id = ${input.clientMsgId}::text
            )
          returning last_seq
        )
        insert into messages (id, tenant_id, conversation_id, seq, sender_type, sender_id, sender_name, text, client_msg_id, quick_replies, meta, created_at, internal)
        select ${randomUUID()}::uuid, ${ctx.tenantId}::uuid, ${input.conversationId}::uuid, bumped.last_seq, ${input.senderType}::text,
          ${input.senderId}::uuid, ${input.senderName}::text, ${input.text}::text, ${input.clientMsgId}::text,
          ${JSON.stringify(input.quickReplies ?? [])}::jsonb, ${JSON.stringify(input.meta ?? {})}::jsonb, ${now}::timestamptz, ${input.internal ?? false}::boolean
        from bumped
        returning *`.execute(this.db);
      if (rows[0]) return { message: rows[0], created: true };
    } catch (err) {
      if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
    }
    const existing = input.clientMsgId ? await this.findByClientMsgId(ctx, input.conversationId, input.clientMsgId) : undefined;
    // A retry finds its own message; another visitor's conversation (or message) is not found.
    if (!existing || (input.ownedBy && (existing.sender_type !== 'visitor' || existing.sender_id !== input.ownedBy))) throw new NotFoundError('Conversation');
    return { message: existing, created: false };
  }

  /**
   * Stores the bot's replies to one turn and the dialogue state they leave behind, in one statement: the
   * state, the replies and the end of the turn of visitor message `answeredSeq` (0: the welcome, no
   * message) commit together, and the seqs are consecutive. Idempotent by the first reply's
   * `clientMsgId`: when a racing retry stored them first, its replies are returned with `created: false`.
   */
  async appendBotTurn(
    ctx: TenantContext,
    conversationId: string,
    replies: readonly { text: string; clientMsgId: string; quickReplies: string[]; meta: Record<string, unknown> }[],
    state: unknown,
    answeredSeq = 0,
  ): Promise<{ messages: MessageRow[]; created: boolean }> {
    const first = replies[0];
    if (!first) {
      await this.setBotState(ctx, conversationId, state, answeredSeq);
      return { messages: [], created: true };
    }
    const now = new Date();
    const rows = JSON.stringify(replies.map((r) => ({ id: randomUUID(), text: r.text, clientMsgId: r.clientMsgId, quickReplies: r.quickReplies, meta: r.meta })));
    try {
      const { rows: inserted } = await sql<MessageRow>`
        with bumped as (
          update conversations set last_seq = last_seq + ${replies.length}::int, updated_at = ${now}::timestamptz, bot_state = ${JSON.stringify(state ?? null)}::jsonb,
            bot_seq = greatest(bot_seq, ${answeredSeq}::int)
          where tenant_id = ${ctx.tenantId}::uuid and id = ${conversationId}::uuid
            and not exists (
              select 1 from messages
              where conversation_id = ${conversationId}::uuid and client_msg_id = ${first.clientMsgId}::text
            )
          returning last_seq
        )
        insert into messages (id, tenant_id, conversation_id, seq, sender_type, sender_id, sender_name, text, client_msg_id, quick_replies, meta, created_at)
        select (r.item->>'id')::uuid, ${ctx.tenantId}::uuid, ${conversationId}::uuid, bumped.last_seq - ${replies.length}::int + r.ord::int, 'bot', null, null,
          r.item->>'text', r.item->>'clientMsgId', r.item->'quickReplies', r.item->'meta', ${now}::timestamptz
        from bumped, jsonb_array_elements(${rows}::jsonb) with ordinality as r(item, ord)
        returning *`.execute(this.db);
      if (inserted.length > 0) return { messages: [...inserted].sort((a, b) => a.seq - b.seq), created: true };
    } catch (err) {
      if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
    }
    const existing = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('client_msg_id', 'in', replies.map((r) => r.clientMsgId))
      .orderBy('seq')
      .execute();
    if (existing.length === 0) throw new NotFoundError('Conversation');
    return { messages: existing, created: false };
  }

  private findByClientMsgId(ctx: TenantContext, conversationId: string, clientMsgId: string) {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('client_msg_id', '=', clientMsgId)
      .executeTakeFirst();
  }

  /** A page of the transcript; a visitor's page leaves out internal notes (their seqs are simply skipped). */
  async messages(ctx: TenantContext, conversationId: string, afterSeq: number, limit: number, reader: 'staff' | 'visitor' = 'staff'): Promise<MessageRow[]> {
    let q = this.db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq);
    if (reader === 'visitor') q = q.where('internal', '=', false);
    return q.orderBy('seq', 'asc').limit(limit).execute();
  }

  /** Last few texts of the conversation (oldest first), for context such as repeated-escalation detection. */
  async recentTexts(ctx: TenantContext, conversationId: string, senderType: SenderType, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select('text')
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('sender_type', '=', senderType)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.text).reverse();
  }
}
