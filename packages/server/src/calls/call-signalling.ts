import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEvents } from '../events/domain-events.js';
import { conversationRoom, userRoom, type AgentData, type VisitorData } from '../realtime/realtime-gateway.js';
import { callDatabase, type CallDatabase } from './call-schema.js';

/** An SDP of a call with audio, video and a screen track is a few KB; this leaves room and no more. */
const MAX_SDP = 32 * 1024;
/** Signals per socket per window: a whole negotiation with its ICE candidates is a few dozen. */
const SIGNALS_PER_WINDOW = 300;
const WINDOW_MS = 10_000;

const callId = z.uuid();
/** Every signalling message, zod-validated before anything else happens. */
export const callSignalSchema = z.discriminatedUnion('type', [
  z.strictObject({ callId, type: z.literal('offer'), sdp: z.string().min(1).max(MAX_SDP) }),
  z.strictObject({ callId, type: z.literal('answer'), sdp: z.string().min(1).max(MAX_SDP) }),
  z.strictObject({
    callId,
    type: z.literal('ice'),
    candidate: z.strictObject({
      candidate: z.string().max(2048),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.int().min(0).max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
  /** The sender started or stopped sharing its screen (the track itself comes with the next offer). */
  z.strictObject({ callId, type: z.literal('screen_share'), active: z.boolean() }),
  /** Mute / camera off, so the other side can say so instead of showing a frozen picture. */
  z.strictObject({ callId, type: z.literal('media'), audio: z.boolean(), video: z.boolean() }),
]);
export type CallSignal = z.infer<typeof callSignalSchema>;

type Ack = (result: { ok: true } | { ok: false; error: { code: string; message: string } }) => void;

/**
 * WebRTC signalling over the existing Socket.IO namespaces (`call.signal` in, `call.signal` out,
 * `call.error` on refusal), and `call.state` whenever a call changes. A message is relayed only
 * between the two parties of that call's conversation: the agent who started the call while still
 * its assignee, and the widget socket holding that conversation's token. Everything else is refused
 * with an error event and never relayed. Relays go to rooms, so they cross nodes through the Redis adapter.
 */
export class CallSignalling {
  private readonly db: Kysely<CallDatabase>;
  private readonly counters = new WeakMap<Socket, { windowStart: number; count: number }>();
  private off: (() => void) | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly events: DomainEvents,
    private readonly log?: { warn(obj: object, msg: string): void },
  ) {
    this.db = callDatabase(db);
  }

  /** Adds the call handlers to every socket of both namespaces (after the gateway's handshake set `socket.data`). */
  attach(io: Server): void {
    io.of('/agent').on('connection', (socket: Socket) => {
      socket.on('call.signal', (payload: unknown, ack?: unknown) => void this.onSignal(io, socket, 'agent', payload, typeof ack === 'function' ? (ack as Ack) : undefined));
    });
    io.of('/widget').on('connection', (socket: Socket) => {
      socket.on('call.signal', (payload: unknown, ack?: unknown) => void this.onSignal(io, socket, 'visitor', payload, typeof ack === 'function' ? (ack as Ack) : undefined));
    });
    this.off = this.events.on('call.changed', ({ call }) => {
      io.of('/widget').to(conversationRoom(call.conversationId)).emit('call.state', call);
      if (call.startedBy) io.of('/agent').to(userRoom(call.startedBy)).emit('call.state', call);
    });
  }

  close(): void {
    this.off?.();
  }

  private async onSignal(io: Server, socket: Socket, from: 'agent' | 'visitor', payload: unknown, ack?: Ack): Promise<void> {
    const refuse = (code: string, message: string, id?: string) => {
      socket.emit('call.error', { callId: id ?? null, code, message });
      ack?.({ ok: false, error: { code, message } });
    };
    if (!this.withinRate(socket)) return refuse('rate_limited', '信令消息过多');
    const parsed = callSignalSchema.safeParse(payload);
    if (!parsed.success) return refuse('validation_error', '信令消息格式不正确');
    const signal = parsed.data;
    try {
      const data = socket.data as AgentData | VisitorData;
      const call = await TenantScope.asTenant(data.tenantId, () =>
        this.db
          .selectFrom('calls as c')
          .innerJoin('conversations as v', (j) => j.onRef('v.id', '=', 'c.conversation_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
          .select(['c.conversation_id', 'c.started_by', 'c.state', 'v.assignee_id'])
          .where('c.tenant_id', '=', data.tenantId)
          .where('c.id', '=', signal.callId)
          .executeTakeFirst(),
      );
      const isParty =
        call !== undefined &&
        (from === 'agent' ? call.started_by === (data as AgentData).userId && call.assignee_id === (data as AgentData).userId : call.conversation_id === (data as VisitorData).conversationId);
      // Another tenant's call, another conversation's, a colleague's: all the same refusal, nothing relayed.
      if (!call || !isParty) return refuse('not_call_party', '你不是该通话的参与方', signal.callId);
      if (call.state !== 'ringing' && call.state !== 'connected') return refuse('call_not_live', '通话已结束', signal.callId);
      const out = { ...signal, from };
      if (from === 'agent') io.of('/widget').to(conversationRoom(call.conversation_id)).emit('call.signal', out);
      else if (call.started_by) io.of('/agent').to(userRoom(call.started_by)).emit('call.signal', out);
      ack?.({ ok: true });
    } catch (err) {
      this.log?.warn({ err, callId: signal.callId }, 'call signal failed');
      refuse('unavailable', '暂时无法转发信令', signal.callId);
    }
  }

  private withinRate(socket: Socket): boolean {
    const now = Date.now();
    const c = this.counters.get(socket);
    if (!c || now - c.windowStart > WINDOW_MS) {
      this.counters.set(socket, { windowStart: now, count: 1 });
      return true;
    }
    c.count += 1;
    return c.count <= SIGNALS_PER_WINDOW;
  }
}
