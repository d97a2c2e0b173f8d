import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Server } from 'socket.io';
import type { AnalyticsRecorder } from '../analytics/analytics-recorder.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { ConsentLedger } from '../privacy/consent-ledger.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { CallRingLoop } from './call-ring-loop.js';
import { callRoutes } from './call-routes.js';
import { CallService } from './call-service.js';
import { CallSignalling } from './call-signalling.js';
import type { IceConfig } from './turn-credentials.js';

export interface CallModule {
  service: CallService;
  /** The ring timeout (missed calls); start() after listen, stop() on close. */
  ringLoop: CallRingLoop;
  signalling: CallSignalling;
  routes: FastifyPluginAsync;
  /** Adds signalling to the realtime gateway's Socket.IO server. */
  attachRealtime(io: Server): void;
  close(): void;
}

const NO_ICE: IceConfig = { stunUrls: [], turnUrls: [], turnSecret: null, turnTtlSeconds: 3600 };

/**
 * Video remote assistance (#15): calls as rows, their signalling, ICE servers, recordings, and
 * their trace in the transcript and analytics.
 * @example
 * const calls = createCallModule(db, { events, conversations, consents, recorder, noticeVersion, ice: config.ice });
 * await api.register(calls.routes); calls.attachRealtime(realtime.io); calls.ringLoop.start();
 */
export function createCallModule(
  db: Kysely<Database>,
  deps: {
    events: DomainEvents;
    conversations: ConversationRepository;
    consents: ConsentLedger;
    recorder: AnalyticsRecorder;
    noticeVersion: (ctx: TenantContext) => Promise<number>;
    ice?: IceConfig | null;
    log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  },
  options: { now?: () => Date; ringPollMs?: number } = {},
): CallModule {
  const ice = deps.ice ?? NO_ICE;
  const service = new CallService(db, { conversations: deps.conversations, events: deps.events, consents: deps.consents, noticeVersion: deps.noticeVersion, ice, now: options.now });
  const ringLoop = new CallRingLoop(service, { pollMs: options.ringPollMs, log: deps.log });
  const signalling = new CallSignalling(db, deps.events, deps.log);
  // Analytics: a start, and one end per call whatever way it ended; a failure to record never fails the call.
  const off = deps.events.on('call.changed', ({ tenantId, call }) => {
    const at = new Date();
    const event =
      call.state === 'ringing'
        ? { type: 'call.started' as const, occurredAt: at, conversationId: call.conversationId, agentId: call.startedBy, outcome: call.kind }
        : call.state === 'connected'
          ? null
          : { type: 'call.ended' as const, occurredAt: at, conversationId: call.conversationId, agentId: call.startedBy, outcome: call.state, value: call.durationSeconds ?? 0, props: { endedBy: call.endedBy, reason: call.endReason, kind: call.kind } };
    if (event) deps.recorder.record(tenantId, [event]).catch((err: unknown) => deps.log?.error({ err, callId: call.id }, 'call analytics failed'));
  });
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(callRoutes, { calls: service, ice });
  };
  return {
    service,
    ringLoop,
    signalling,
    routes,
    attachRealtime: (io) => signalling.attach(io),
    close: () => {
      off();
      signalling.close();
    },
  };
}
