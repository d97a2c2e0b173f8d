import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ConversationHandoffPort } from '../conversations/conversation-handoff-port.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { HandoffSummaryPort } from './handoff-summary-port.js';
import type { TicketConnector } from '../selfservice/connectors/ticket-connector.js';
import { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import { AgentPresenceService } from './agent-presence-service.js';
import { AgentProfileRepository } from './agent-profile-repository.js';
import { agentRoutes } from './agent-routes.js';
import { HandoffAnnouncer } from './handoff-announcer.js';
import { HandoffOfferLoop } from './handoff-offer-loop.js';
import { HandoffQueueView } from './handoff-queue-view.js';
import { HandoffRouter } from './handoff-router.js';
import { handoffRoutes } from './handoff-routes.js';
import { handoffDatabase } from './handoff-schema.js';
import { HandoffFollowUp } from './handoff-follow-up.js';
import { HandoffRequeue } from './handoff-requeue.js';
import { HandoffService } from './handoff-service.js';
import { HandoffTransferService } from './handoff-transfer-service.js';
import { InternalNoteService } from './internal-note-service.js';
import { LeaveMessageService } from './leave-message-service.js';
import { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';
import { widgetHandoffRoutes } from './widget-handoff-routes.js';

export interface HandoffModule {
  profiles: AgentProfileRepository;
  service: HandoffService;
  transfers: HandoffTransferService;
  requeue: HandoffRequeue;
  router: HandoffRouter;
  presence: AgentPresenceService;
  status: VisitorHandoffStatusReader;
  view: HandoffQueueView;
  notes: InternalNoteService;
  leaveMessage: LeaveMessageService;
  /** Expiry, presence sweep and catch-up dispatch; start() after listen, stopped on close. */
  loop: HandoffOfferLoop;
  /** The conversation service's handoff port. */
  port: ConversationHandoffPort;
  /** Register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

export interface HandoffModuleDeps {
  events: DomainEvents;
  conversations: ConversationRepository;
  /** Native tickets, for leave-a-message (the NativeTicketConnector the bot's flows use). */
  tickets: TicketConnector;
  /** The bot's one-line summary of a conversation for offers and alerts (the context panel's); without it, the visitor's latest words. */
  summaries?: HandoffSummaryPort;
  now?: () => Date;
  pollMs?: number;
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * Builds the handoff queue on the app's database.
 * @example
 * const handoff = createHandoffModule(db, { events, conversations: conversationRepo, tickets: nativeTickets });
 * await api.register(handoff.routes); // inside the /api/v1 scope; handoff.loop.start() after listen
 */
export function createHandoffModule(db: Kysely<Database>, deps: HandoffModuleDeps): HandoffModule {
  const now = deps.now ?? (() => new Date());
  const hdb = handoffDatabase(db);
  const calendars = new SlaCalendarCache();
  const profiles = new AgentProfileRepository(db);
  const announcer = new HandoffAnnouncer(hdb, deps.conversations, deps.events, deps.summaries, deps.log);
  const router = new HandoffRouter(db, announcer, now);
  const status = new VisitorHandoffStatusReader(hdb, calendars, deps.events, now);
  const followUp = new HandoffFollowUp(router, announcer, status, profiles, deps.events, deps.log);
  const service = new HandoffService(db, { profiles, announcer, status, calendars, followUp, now });
  const transfers = new HandoffTransferService(db, { profiles, announcer, status, followUp, now });
  const requeue = new HandoffRequeue(db, { announcer, followUp, now });
  const presence = new AgentPresenceService(profiles, requeue, router, deps.events, now);
  const view = new HandoffQueueView(db, profiles, calendars, now);
  const notes = new InternalNoteService(db, deps.conversations, deps.events);
  const leaveMessage = new LeaveMessageService(db, deps.tickets, announcer, status, now);
  const loop = new HandoffOfferLoop(requeue, presence, router, { pollMs: deps.pollMs, log: deps.log });
  const port: ConversationHandoffPort = {
    request: (ctx, input) => service.request(ctx, input),
    canQueue: (ctx, input) => service.canQueue(ctx, input),
    beforeAgentPost: (actor, conversationId) => service.beforeAgentPost(actor, conversationId),
    conversationClosed: (ctx, conversationId) => service.conversationClosed(ctx, conversationId),
  };
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(agentRoutes, { profiles, presence, router });
    await api.register(handoffRoutes, { service, transfers, view, notes, conversations: deps.conversations });
    await api.register(widgetHandoffRoutes, { service, status, leaveMessage, conversations: deps.conversations });
  };
  return { profiles, service, transfers, requeue, router, presence, status, view, notes, leaveMessage, loop, port, routes };
}
