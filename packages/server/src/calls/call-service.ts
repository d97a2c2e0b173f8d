import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import { toMessageDto } from '../conversations/conversation-dto.js';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { NotFoundError } from '../errors/app-error.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { ConsentLedger } from '../privacy/consent-ledger.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { toCallDto, type CallDto } from './call-dto.js';
import { CallStateError, NotCallPartyError, RecordingNotAllowedError } from './call-errors.js';
import { callDatabase, type CallDatabase, type CallEndedBy, type CallKind, type CallParty, type CallRow, type CallState } from './call-schema.js';
import { callTranscriptText } from './call-transcript-text.js';
import { iceServersFor, type IceConfig, type IceServer } from './turn-credentials.js';

/** How long a call rings before it is missed. */
export const RING_TIMEOUT_MS = 45_000;
const UNIQUE_VIOLATION = '23505';
const LIVE: CallState[] = ['ringing', 'connected'];

/** Who acts on a call: an agent (their user id) or the visitor holding the conversation's token. */
export type CallActor = { party: 'agent'; userId: string } | { party: 'visitor'; visitorId: string };

export interface CallServiceDeps {
  conversations: ConversationRepository;
  events: DomainEvents;
  consents: ConsentLedger;
  /** The tenant's current privacy-notice version, stamped on the recording consent. */
  noticeVersion: (ctx: TenantContext) => Promise<number>;
  ice: IceConfig;
  now?: () => Date;
}

/**
 * A call's lifecycle: an agent starts it (ringing), the visitor accepts or declines, either
 * party hangs up, and an unanswered call is missed after {@link RING_TIMEOUT_MS} (the ring loop).
 * Each transition is one conditional UPDATE, so two racing actions (accept vs. timeout) have one
 * winner and the loser gets a 409. After each transition the transcript gets a system message
 * (idempotent by `call:<id>:<state>`) and `call.changed` is emitted.
 */
export class CallService {
  private readonly db: Kysely<CallDatabase>;
  private readonly now: () => Date;

  constructor(
    db: Kysely<Database>,
    private readonly deps: CallServiceDeps,
  ) {
    this.db = callDatabase(db);
    this.now = deps.now ?? (() => new Date());
  }

  /** The agent (the conversation's assignee) calls the visitor; the answer carries this call's ICE servers. */
  async start(ctx: TenantContext, userId: string, conversationId: string, kind: CallKind): Promise<{ call: CallDto; iceServers: IceServer[] }> {
    const conversation = await this.deps.conversations.get(ctx, conversationId);
    if (conversation.assigneeId !== userId) throw new NotCallPartyError('只有负责该会话的客服可以发起视频协助');
    if (conversation.status !== 'open') throw new CallStateError('会话已结束，不能发起通话', 'conversation_closed');
    const now = this.now();
    let row: CallRow;
    try {
      row = await this.db
        .insertInto('calls')
        .values({ id: randomUUID(), tenant_id: ctx.tenantId, conversation_id: conversationId, kind, started_by: userId, state: 'ringing', ring_deadline: new Date(now.getTime() + RING_TIMEOUT_MS), created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new CallStateError('该会话已有进行中的通话', 'call_in_progress');
      throw err;
    }
    await this.announce(ctx, row);
    return { call: toCallDto(row), iceServers: iceServersFor(this.deps.ice, conversationId, now) };
  }

  /** A call resolved inside the tenant for one of its parties; anyone else gets 404 (visitor) or 403 (a colleague). */
  async getFor(ctx: TenantContext, actor: CallActor, callId: string): Promise<CallRow> {
    const row = await this.db.selectFrom('calls').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', callId).executeTakeFirst();
    if (!row) throw new NotFoundError('Call');
    if (actor.party === 'visitor') {
      // Another visitor's call is simply not found.
      await this.deps.conversations.assertAccessible(ctx, row.conversation_id, actor.visitorId).catch(() => {
        throw new NotFoundError('Call');
      });
    } else if (row.started_by !== actor.userId) {
      throw new NotCallPartyError('只有发起通话的客服可以操作该通话');
    }
    return row;
  }

  /** The live call (ringing or connected) of a conversation the visitor holds, if any: a reloaded widget finds its prompt again. */
  async liveForVisitor(ctx: TenantContext, visitorId: string, conversationId: string): Promise<CallDto | null> {
    await this.deps.conversations.assertAccessible(ctx, conversationId, visitorId);
    const row = await this.db.selectFrom('calls').selectAll().where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).where('state', 'in', LIVE).executeTakeFirst();
    return row ? toCallDto(row) : null;
  }

  /** The conversation's calls, oldest first (the console's history). */
  async listForConversation(ctx: TenantContext, conversationId: string): Promise<CallDto[]> {
    await this.deps.conversations.assertAccessible(ctx, conversationId);
    const rows = await this.db.selectFrom('calls').selectAll().where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).orderBy('created_at').execute();
    return rows.map(toCallDto);
  }

  /** The visitor answers; with `recordingConsent` (and the tenant's setting on) the consent is stored first. */
  async accept(ctx: TenantContext, visitorId: string, callId: string, input: { recordingConsent: boolean }): Promise<{ call: CallDto; iceServers: IceServer[] }> {
    const call = await this.getFor(ctx, { party: 'visitor', visitorId }, callId);
    if (call.state !== 'ringing') throw new CallStateError('通话已不在振铃中', 'call_not_ringing');
    let consentId: string | null = null;
    if (input.recordingConsent && (await this.recordingEnabled(ctx))) {
      const consent = await this.deps.consents.record(ctx, { visitorId, conversationId: call.conversation_id, scope: 'recording', action: 'granted', noticeVersion: await this.deps.noticeVersion(ctx) });
      consentId = consent.id;
    }
    const now = this.now();
    const row = await this.transition(ctx, callId, ['ringing'], { state: 'connected', connected_at: now, recording_consent_id: consentId });
    return { call: toCallDto(row), iceServers: iceServersFor(this.deps.ice, row.conversation_id, now) };
  }

  async decline(ctx: TenantContext, visitorId: string, callId: string): Promise<CallDto> {
    await this.getFor(ctx, { party: 'visitor', visitorId }, callId);
    const row = await this.transition(ctx, callId, ['ringing'], { state: 'declined', ended_at: this.now(), ended_by: 'visitor', end_reason: 'declined' });
    return toCallDto(row);
  }

  /**
   * A party ends the call: a hang-up ends it (an agent's hang-up while ringing cancels it), a
   * network that did not come back fails it. Ending an already ended call is a 409.
   */
  async end(ctx: TenantContext, actor: CallActor, callId: string, reason: 'hangup' | 'network' | 'media_unavailable'): Promise<CallDto> {
    const call = await this.getFor(ctx, actor, callId);
    const now = this.now();
    const duration = call.connected_at ? Math.max(0, Math.round((now.getTime() - call.connected_at.getTime()) / 1000)) : null;
    const state: CallState = reason === 'network' ? 'failed' : 'ended';
    const row = await this.transition(ctx, callId, LIVE, { state, ended_at: now, duration_seconds: duration, ended_by: actor.party satisfies CallParty as CallEndedBy, end_reason: call.state === 'ringing' && reason === 'hangup' ? 'cancelled' : reason });
    return toCallDto(row);
  }

  /** Marks every call whose ring deadline passed as missed; returns how many. Runs in the ring loop on every node. */
  async expireRinging(limit = 50): Promise<number> {
    const now = this.now();
    // SKIP LOCKED: two nodes sweeping together each take different calls; the state check keeps a racing accept's win.
    const rows = await this.db
      .updateTable('calls')
      .set({ state: 'missed', ended_at: now, ended_by: 'system', end_reason: 'no_answer' })
      .where('id', 'in', (eb) => eb.selectFrom('calls').select('id').where('state', '=', 'ringing').where('ring_deadline', '<=', now).orderBy('ring_deadline').limit(limit).forUpdate().skipLocked())
      .where('state', '=', 'ringing')
      .returningAll()
      .execute();
    for (const row of rows) await TenantScope.asTenant(row.tenant_id, () => this.announce({ tenantId: row.tenant_id }, row));
    return rows.length;
  }

  /** Whether the tenant turned call recording on (off without a settings row). */
  async recordingEnabled(ctx: TenantContext): Promise<boolean> {
    const row = await this.db.selectFrom('call_settings').select('recording_enabled').where('tenant_id', '=', ctx.tenantId).executeTakeFirst();
    return row?.recording_enabled ?? false;
  }

  async setRecordingEnabled(ctx: TenantContext, enabled: boolean): Promise<void> {
    await this.db
      .insertInto('call_settings')
      .values({ tenant_id: ctx.tenantId, recording_enabled: enabled, updated_at: this.now() })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ recording_enabled: enabled, updated_at: this.now() }))
      .execute();
  }

  /**
   * Stores the agent side's recording of a call. Refused unless the tenant allows recording, the
   * visitor consented in this call's prompt and has not withdrawn that consent since.
   */
  async storeRecording(ctx: TenantContext, userId: string, callId: string, file: { contentType: 'video/webm' | 'audio/webm'; data: Buffer }): Promise<{ id: string; size: number; sha256: string }> {
    const call = await this.getFor(ctx, { party: 'agent', userId }, callId);
    if (!call.recording_consent_id || !(await this.recordingEnabled(ctx))) throw new RecordingNotAllowedError('访客未同意录制，或租户未开启通话录制');
    const conversation = await this.db.selectFrom('conversations').select('visitor_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', call.conversation_id).executeTakeFirstOrThrow();
    if (!(await this.deps.consents.hasGranted(ctx, conversation.visitor_id, 'recording'))) throw new RecordingNotAllowedError('访客已撤回录制同意');
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    try {
      const row = await this.db
        .insertInto('call_recordings')
        .values({ id: randomUUID(), tenant_id: ctx.tenantId, call_id: callId, content_type: file.contentType, size: file.data.length, sha256, data: file.data, uploaded_by: userId })
        .returning(['id', 'size', 'sha256'])
        .executeTakeFirstOrThrow();
      return row;
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new CallStateError('该通话已有录制文件', 'recording_exists');
      throw err;
    }
  }

  private async transition(ctx: TenantContext, callId: string, from: CallState[], set: Partial<Omit<CallRow, 'id' | 'tenant_id'>>): Promise<CallRow> {
    const row = await this.db.updateTable('calls').set(set).where('tenant_id', '=', ctx.tenantId).where('id', '=', callId).where('state', 'in', from).returningAll().executeTakeFirst();
    if (!row) throw new CallStateError('通话状态已变化', 'call_state_changed');
    await this.announce(ctx, row);
    return row;
  }

  /** The transcript line of the new state (once, by its clientMsgId) and the `call.changed` event. */
  private async announce(ctx: TenantContext, row: CallRow): Promise<void> {
    const { message, created } = await this.deps.conversations.appendMessage(ctx, {
      conversationId: row.conversation_id,
      senderType: 'system',
      senderId: null,
      senderName: null,
      text: callTranscriptText(row),
      clientMsgId: `call:${row.id}:${row.state}`,
      meta: { kind: 'call', callId: row.id, callKind: row.kind, state: row.state, durationSeconds: row.duration_seconds, endedBy: row.ended_by },
    });
    if (created) this.deps.events.emit('message.created', { tenantId: ctx.tenantId, message: toMessageDto(message) });
    this.deps.events.emit('call.changed', { tenantId: ctx.tenantId, call: toCallDto(row) });
  }
}
