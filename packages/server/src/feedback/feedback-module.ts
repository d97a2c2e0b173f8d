import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { JobHandler } from '../insights/job-runner.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { FeedbackRepository } from './feedback-repository.js';
import { feedbackRoutes } from './feedback-routes.js';
import { FeedbackService } from './feedback-service.js';
import { feedbackDatabase } from './feedback-schema.js';
import { FollowUpTickets } from './follow-up-tickets.js';
import { SurveyOffers } from './survey-offers.js';

export interface FeedbackModule {
  service: FeedbackService;
  repo: FeedbackRepository;
  surveys: SurveyOffers;
  followUps: FollowUpTickets;
  /** The per-tenant survey sweep (every minute): surveys for ended conversations, unfinished follow-ups. */
  jobHandlers: Record<string, JobHandler>;
  routes: FastifyPluginAsync;
  /** Stops listening to domain events. */
  close(): void;
}

/**
 * Feedback (#17): surveys, ratings, 有帮助/没帮助, 回访 tickets. An agent's close offers the survey
 * at once (after the close committed); the sweep job is what makes it durable.
 * @example
 * const feedback = createFeedbackModule(db, { events, conversations: conversationRepo, tickets: tickets.service });
 * await api.register(feedback.routes);
 */
export function createFeedbackModule(
  db: Kysely<Database>,
  deps: { events: DomainEvents; conversations: ConversationRepository; tickets: TicketService; log?: { warn(obj: object, msg: string): void } },
  options: { now?: () => Date; idleMs?: number } = {},
): FeedbackModule {
  const fdb = feedbackDatabase(db);
  const now = options.now ?? (() => new Date());
  const repo = new FeedbackRepository(fdb);
  const followUps = new FollowUpTickets(fdb, deps.tickets);
  const service = new FeedbackService(fdb, repo, followUps, deps.tickets, deps.events, now);
  const surveys = new SurveyOffers(fdb, deps.conversations, deps.events, { idleMs: options.idleMs });
  const off = deps.events.on('conversation.updated', ({ tenantId, conversation }) => {
    if (conversation.status !== 'closed' || conversation.disposition === 'spam') return;
    TenantScope.asTenant(tenantId, () => surveys.offer({ tenantId }, conversation.id, 'closed', now())).catch((err: unknown) =>
      // The sweep offers it within a minute anyway.
      deps.log?.warn({ err, conversationId: conversation.id }, 'survey offer on close failed'),
    );
  });
  const sweep = surveys.asJob(now);
  const jobHandlers: Record<string, JobHandler> = {
    [SurveyOffers.JOB_KIND]: {
      ...sweep,
      run: async (job) => {
        await sweep.run(job);
        const ctx = { tenantId: job.tenantId! };
        for (const rating of await followUps.unfinished(ctx)) await followUps.open(ctx, rating);
      },
    },
  };
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(feedbackRoutes, { feedback: service, repo });
  };
  return { service, repo, surveys, followUps, jobHandlers, routes, close: off };
}
