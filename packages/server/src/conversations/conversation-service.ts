import type { StaffPrincipal } from '../auth/principal.js';
import type { Bot, BotLocale, BotTurn } from '../bot/bot.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { ConversationChannel } from '../db/schema.js';
import type { DomainEvents, FlowPosition } from '../events/domain-events.js';
import type { TurnRecord } from '@zhida/dialogue';
import type { Metrics } from '../observability/metrics.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { NewVisitor, VisitorIdentity, VisitorService } from '../widget/visitor-service.js';
import type { ConversationHandoffPort } from './conversation-handoff-port.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor.js';
import { toMessageDto, type ConversationDto, type MessageDto } from './conversation-dto.js';
import { withoutTransferPromise } from './without-transfer-promise.js';
import type { VisitorTextFilter } from './visitor-text-filter.js';
import type { ConversationRepository, PendingVisitorMessage } from './conversation-repository.js';
import type { ConversationTurnLock } from './conversation-turn-lock.js';

/** A channel's say on an agent's reply before it is stored: throws an AppError when the channel cannot deliver it. */
export interface ConversationReplyGate {
  beforeAgentPost(ctx: TenantContext, conversationId: string): Promise<void>;
}

/** How many of the visitor's earlier messages the bot sees (e.g. to notice a repeated complaint). */
const HISTORY_TURNS = 5;

export interface PostResult {
  message: MessageDto;
  replies: MessageDto[];
  created: boolean;
}

/**
 * The conversation lifecycle: visitors and agents post, the bot answers until
 * a human takes over, and every stored message is announced as a typed event.
 * A message is acknowledged only after it is committed.
 */
export class ConversationService {
  constructor(
    private readonly repo: ConversationRepository,
    private readonly visitors: VisitorService,
    private readonly bot: Bot,
    private readonly events: DomainEvents,
    private readonly metrics: Metrics,
    private readonly turnLock: ConversationTurnLock,
    /** The handoff queue; without one (unit wiring) a handoff only sets the flag. */
    private readonly handoff: ConversationHandoffPort | null = null,
    /** Channels that refuse an agent's reply they could not deliver (WeChat's 48-hour window). */
    private readonly replyGates: readonly ConversationReplyGate[] = [],
    /** Rewrites a visitor's text before it is stored (sensitive numbers without consent); none: stored as sent. */
    private readonly visitorText: VisitorTextFilter | null = null,
  ) {}

  /** `channel`: the adapter the visitor came through (the widget is `web`; WeChat, phone and the app SDK pass theirs). */
  async startForVisitor(tenantSlug: string, identity: VisitorIdentity, locale: BotLocale = 'zh-CN', channel: ConversationChannel = 'web') {
    const visitor = await this.visitors.create(tenantSlug, identity);
    // The caller is anonymous until now: the tenant its slug named is the scope from here on.
    return TenantScope.asTenant(visitor.tenant.id, () => this.startConversation(visitor, locale, channel));
  }

  /** Starts the conversation of a customer a channel authenticated itself (see VisitorService.createForChannel). */
  async startForChannelVisitor(tenantId: string, locale: BotLocale, channel: ConversationChannel) {
    const visitor = await this.visitors.createForChannel(tenantId);
    return TenantScope.asTenant(tenantId, () => this.startConversation(visitor, locale, channel));
  }

  private async startConversation(visitor: NewVisitor, locale: BotLocale, channel: ConversationChannel) {
    const ctx: TenantContext = { tenantId: visitor.tenant.id };
    const conversationId = await this.repo.create(ctx, visitor.visitorId, channel);
    const messages: MessageDto[] = [];
    const welcome = await this.bot.welcome(ctx, { locale });
    const stored = await this.repo.appendBotTurn(
      ctx,
      conversationId,
      welcome.replies.map((reply, i) => ({ text: reply.text, clientMsgId: `welcome:${i}`, quickReplies: reply.quickReplies, meta: reply.meta })),
      welcome.state,
      0,
    );
    messages.push(...stored.messages.map(toMessageDto));
    this.events.emit('conversation.updated', { tenantId: ctx.tenantId, conversation: await this.repo.get(ctx, conversationId) });
    return { conversationId, visitorToken: visitor.token, visitor: { id: visitor.visitorId, name: visitor.name, verified: visitor.verified }, messages };
  }

  /** `meta`: how the message was sent (voice and keypad channels mark theirs; a spoken one carries its `voice.arousal`). */
  async postFromVisitor(ctx: TenantContext & { visitorId: string }, conversationId: string, text: string, clientMsgId: string, meta?: Record<string, unknown>): Promise<PostResult> {
    const accepted = await this.acceptFromVisitor(ctx, conversationId, text, clientMsgId, meta);
    return accepted.turn();
  }

  /**
   * Stores a visitor message the bot does not answer (meta `forAgent`: a location, a link, a voice message
   * a channel could not transcribe) for the agent to see, and, when given, a system reply telling the
   * visitor what to do instead. Idempotent by `clientMsgId` like every visitor message.
   */
  async noteFromVisitor(ctx: TenantContext & { visitorId: string }, conversationId: string, text: string, clientMsgId: string, options: { meta?: Record<string, unknown>; reply?: string } = {}): Promise<MessageDto[]> {
    await this.repo.assertAccessible(ctx, conversationId, ctx.visitorId);
    const stored = this.visitorText ? await this.visitorText.filter(ctx, ctx.visitorId, text) : text;
    const note = await this.repo.appendMessage(ctx, { conversationId, senderType: 'visitor', senderId: ctx.visitorId, senderName: null, text: stored, clientMsgId, meta: { ...options.meta, forAgent: true } });
    const appended = [note];
    if (options.reply) appended.push(await this.repo.appendMessage(ctx, { conversationId, senderType: 'system', senderId: null, senderName: null, text: options.reply, clientMsgId: `${clientMsgId}:reply`.slice(0, 100), meta: { replyTo: note.message.id } }));
    for (const { message, created } of appended) {
      if (!created) continue;
      this.metrics.messages.inc({ sender: message.sender_type });
      this.events.emit('message.created', { tenantId: ctx.tenantId, message: toMessageDto(message) });
    }
    return appended.map(({ message }) => toMessageDto(message));
  }

  /**
   * Stores (and announces) a visitor message; the bot's turn runs when `turn()` is called. For channels
   * that must answer their caller within seconds (WeChat's 5-second rule): acknowledge once stored, answer later.
   */
  async acceptFromVisitor(
    ctx: TenantContext & { visitorId: string },
    conversationId: string,
    text: string,
    clientMsgId: string,
    meta?: Record<string, unknown>,
  ): Promise<{ message: MessageDto; created: boolean; turn: () => Promise<PostResult> }> {
    const stored = this.visitorText ? await this.visitorText.filter(ctx, ctx.visitorId, text) : text;
    // `ownedBy`: the visitor's access is checked by the append itself (another's conversation is a 404, nothing stored).
    const { message, created } = await this.repo.appendMessage(ctx, { conversationId, senderType: 'visitor', senderId: ctx.visitorId, senderName: null, text: stored, clientMsgId, ownedBy: ctx.visitorId, ...(meta ? { meta } : {}) });
    const dto = toMessageDto(message);
    if (created) {
      this.metrics.messages.inc({ sender: 'visitor' });
      this.events.emit('message.created', { tenantId: ctx.tenantId, message: dto });
    }
    const turn = async (): Promise<PostResult> => {
      if (!created) {
        // A retry: return what the bot already said, or answer now if the process died before it could.
        const earlier = await this.repliesTo(ctx, conversationId, dto);
        if (earlier.length > 0) return { message: dto, replies: earlier, created };
      }
      // The message is stored and acknowledged whatever happens next; its turn waits for the earlier ones, on any node.
      const replies = await this.turnLock.run(conversationId, () => this.answerUpTo(ctx, conversationId, dto));
      return { message: dto, replies, created };
    };
    return { message: dto, created, turn };
  }

  /**
   * Under the conversation's turn lock: runs the bot for every visitor message up to `message` that has
   * not had its turn, oldest first, each from the state the previous one left. Messages sent together
   * (two tabs, a channel delivering in bursts) are so answered in seq order, whichever send got the
   * lock first; the other send finds its message answered and returns those replies.
   */
  private async answerUpTo(ctx: TenantContext, conversationId: string, message: MessageDto): Promise<MessageDto[]> {
    const view = await this.repo.turnView(ctx, conversationId, message.seq, HISTORY_TURNS);
    if (view.botSeq >= message.seq) return this.repliesTo(ctx, conversationId, message);
    if (view.handoff || view.status === 'closed') {
      // The human answers these; when the bot is back it must not answer them late.
      await this.repo.markAnswered(ctx, conversationId, message.seq);
      if (view.status === 'closed') await this.reopen(ctx, conversationId);
      return [];
    }
    let state = view.botState;
    const history = [...view.history];
    let replies: MessageDto[] = [];
    for (const pending of view.pending) {
      let turn: Awaited<ReturnType<ConversationService['runBot']>>;
      try {
        turn = await this.runBot(ctx, conversationId, view.channel, pending, state, history.slice(-HISTORY_TURNS));
      } catch (err) {
        if (pending.seq === message.seq) throw err;
        // An earlier message whose own send failed (and was not retried) must not block every later one: it is skipped.
        await this.repo.markAnswered(ctx, conversationId, pending.seq);
        history.push(pending.text);
        continue;
      }
      history.push(pending.text);
      state = turn.state;
      if (pending.seq === message.seq) replies = turn.replies;
      if (turn.handedOff) {
        // Queued for a human: the later messages of the burst are theirs.
        await this.repo.markAnswered(ctx, conversationId, message.seq);
        break;
      }
    }
    return replies;
  }

  private async runBot(
    ctx: TenantContext,
    conversationId: string,
    channel: ConversationChannel,
    visitorMessage: PendingVisitorMessage,
    state: unknown,
    history: string[],
  ): Promise<{ replies: MessageDto[]; state: unknown; handedOff: boolean }> {
    const started = performance.now();
    const voice = voiceOf(visitorMessage.meta);
    const turn: BotTurn = await this.bot.respond(ctx, { conversationId, visitorId: visitorMessage.senderId ?? '', text: visitorMessage.text, state, history, ...(voice ? { voice } : {}) });
    const said = turn.replies[0]?.meta ?? {};
    const intent = typeof (said.record as { intent?: unknown } | undefined)?.intent === 'string' ? ((said.record as { intent: string }).intent) : null;
    const locale = (turn.state as { locale?: unknown } | null)?.locale === 'en' ? 'en' : 'zh-CN';
    // Nobody can come (outside hours, nobody online): the bot must not promise a transfer the queue's notice then takes back.
    const botReplies = turn.handoff && this.handoff && !(await this.handoff.canQueue(ctx, { conversationId, intent, locale })) ? withoutTransferPromise(turn.replies, locale) : turn.replies;
    const stored = await this.repo.appendBotTurn(
      ctx,
      conversationId,
      botReplies.map((reply, i) => ({ text: reply.text, clientMsgId: `bot:${visitorMessage.id}:${i}`, quickReplies: reply.quickReplies, meta: { ...reply.meta, replyTo: visitorMessage.id } })),
      turn.state,
      visitorMessage.seq,
    );
    const replies = stored.messages.map(toMessageDto);
    if (stored.created) {
      for (const dto of replies) {
        this.metrics.messages.inc({ sender: 'bot' });
        this.events.emit('message.created', { tenantId: ctx.tenantId, message: dto, channel });
      }
      this.events.emit('bot.turn', {
        tenantId: ctx.tenantId,
        conversationId,
        visitorId: visitorMessage.senderId ?? '',
        question: visitorMessage.text,
        records: turnRecordsOf(botReplies),
        flowBefore: flowPositionOf(state),
        flowAfter: flowPositionOf(turn.state),
        handoffReason: turn.handoff?.reason ?? null,
        at: visitorMessage.createdAt,
      });
    }
    this.metrics.botLatency.observe((performance.now() - started) / 1000);
    // Agents follow new messages through `message.created`; the conversation itself changed only on a handoff.
    let handedOff = false;
    if (turn.handoff) {
      if (this.handoff) {
        // Queued → the flag goes up and the bot stays quiet; nobody available → it stays down and the bot keeps helping.
        await this.handoff.request(ctx, {
          conversationId,
          reason: turn.handoff.reason,
          riskLevel: typeof said.risk === 'string' ? said.risk : null,
          emotion: typeof said.emotion === 'string' ? said.emotion : null,
          intent,
          locale,
        });
      } else {
        await this.repo.update(ctx, conversationId, { handoff: true });
      }
      this.metrics.handoffs.inc({ reason: turn.handoff.reason });
      const conversation = await this.repo.get(ctx, conversationId);
      handedOff = conversation.handoff;
      this.events.emit('conversation.updated', { tenantId: ctx.tenantId, conversation });
    }
    return { replies, state: turn.state, handedOff };
  }

  private async repliesTo(ctx: TenantContext, conversationId: string, message: MessageDto): Promise<MessageDto[]> {
    const after = await this.repo.messages(ctx, conversationId, message.seq, 10);
    return after.filter((m) => m.sender_type === 'bot' && m.meta.replyTo === message.id).map(toMessageDto);
  }

  async postFromAgent(staff: StaffPrincipal, conversationId: string, text: string, clientMsgId: string): Promise<PostResult> {
    await this.repo.assertAccessible(staff, conversationId);
    if (this.handoff && staff.kind === 'user') await this.handoff.beforeAgentPost(staff, conversationId);
    for (const gate of this.replyGates) await gate.beforeAgentPost(staff, conversationId);
    const senderId = staff.kind === 'user' ? staff.userId : null;
    const senderName = staff.kind === 'user' ? staff.name : null;
    const { message, created } = await this.repo.appendMessage(staff, { conversationId, senderType: 'agent', senderId, senderName, text, clientMsgId });
    const dto = toMessageDto(message);
    if (created) {
      this.metrics.messages.inc({ sender: 'agent' });
      this.events.emit('message.created', { tenantId: staff.tenantId, message: dto });
      // A human has taken over: the bot stops answering this conversation.
      const current = await this.repo.get(staff, conversationId);
      await this.repo.update(staff, conversationId, { handoff: true, status: 'open', ...(current.assigneeId === null && senderId ? { assigneeId: senderId } : {}) });
      this.events.emit('conversation.updated', { tenantId: staff.tenantId, conversation: await this.repo.get(staff, conversationId) });
    }
    return { message: dto, replies: [], created };
  }

  async update(ctx: TenantContext, conversationId: string, patch: { status?: 'open' | 'closed'; assigneeId?: string | null }): Promise<ConversationDto> {
    await this.repo.update(ctx, conversationId, patch);
    if (patch.status === 'closed' && this.handoff) await this.handoff.conversationClosed(ctx, conversationId);
    const conversation = await this.repo.get(ctx, conversationId);
    this.events.emit('conversation.updated', { tenantId: ctx.tenantId, conversation });
    return conversation;
  }

  private async reopen(ctx: TenantContext, conversationId: string): Promise<void> {
    await this.update(ctx, conversationId, { status: 'open' });
  }

  async messages(ctx: TenantContext & { visitorId?: string }, conversationId: string, afterSeq: number, limit: number): Promise<MessageDto[]> {
    await this.repo.assertAccessible(ctx, conversationId, ctx.visitorId);
    return (await this.repo.messages(ctx, conversationId, afterSeq, limit, ctx.visitorId ? 'visitor' : 'staff')).map(toMessageDto);
  }

  /** A page of the tenant's conversations; `cursor` is the `nextCursor` of the previous page (400 `invalid_cursor` when malformed). */
  async list(ctx: TenantContext, filter: { status?: 'open' | 'closed'; limit: number; cursor?: string }): Promise<{ items: ConversationDto[]; nextCursor: string | null }> {
    const after = filter.cursor === undefined ? undefined : decodeConversationCursor(filter.cursor);
    const { items, next } = await this.repo.list(ctx, { status: filter.status, limit: filter.limit, after });
    return { items, nextCursor: next ? encodeConversationCursor(next) : null };
  }

  get(ctx: TenantContext, id: string) {
    return this.repo.get(ctx, id);
  }
}

/** The distinct turn records of a turn's replies, in order (a connector call adds a second batch with its own record). */
function turnRecordsOf(replies: readonly { meta: Record<string, unknown> }[]): TurnRecord[] {
  const records: TurnRecord[] = [];
  for (const reply of replies) {
    const record = reply.meta.record as TurnRecord | undefined;
    if (record && records[records.length - 1] !== record && JSON.stringify(records[records.length - 1]) !== JSON.stringify(record)) records.push(record);
  }
  return records;
}

/** The self-service flow a dialogue state waits in, if any. */
function flowPositionOf(state: unknown): FlowPosition | null {
  const flow = (state as { flow?: { flowId?: unknown; stepId?: unknown } | null } | null)?.flow;
  return flow && typeof flow.flowId === 'string' && typeof flow.stepId === 'string' ? { flowId: flow.flowId, stepId: flow.stepId } : null;
}

/** The prosody a spoken message was stored with (read back from the row, so a retried turn hears it too). */
function voiceOf(meta: Record<string, unknown> | undefined): { arousal: number } | null {
  const arousal = (meta?.voice as { arousal?: unknown } | undefined)?.arousal;
  return typeof arousal === 'number' && arousal >= 0 && arousal <= 1 ? { arousal } : null;
}
