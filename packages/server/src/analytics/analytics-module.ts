import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { BotConfigRepository } from '../bot/bot-config-repository.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { JobHandler } from '../insights/job-runner.js';
import { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import { AnalyticsDashboard } from './analytics-dashboard.js';
import { AnalyticsExport } from './analytics-export.js';
import { AnalyticsRecorder } from './analytics-recorder.js';
import { AnalyticsRollupRebuild } from './analytics-rollup-rebuild.js';
import { analyticsRoutes } from './analytics-routes.js';
import { BusinessSeconds } from './business-seconds.js';
import { ConversationAnalytics } from './conversation-analytics.js';
import { recordDomainEvents } from './domain-event-recording.js';
import { TicketAnalytics } from './ticket-analytics.js';

/** The idle sweep: conversations quiet for 30 minutes have ended (bot-resolved, or left unserved). */
export const IDLE_SWEEP_JOB_KIND = 'analytics.idle_conversations';
const IDLE_SWEEP_EVERY_MS = 5 * 60_000;

export interface AnalyticsModule {
  /** Appends events and rolls them up in one transaction: the API other modules record through. */
  recorder: AnalyticsRecorder;
  rebuild: AnalyticsRollupRebuild;
  conversations: ConversationAnalytics;
  tickets: TicketAnalytics;
  dashboard: AnalyticsDashboard;
  exports: AnalyticsExport;
  jobHandlers: Record<string, JobHandler>;
  routes: FastifyPluginAsync;
  /** Stops listening to domain events. */
  close(): void;
}

/** Wires the analytics module: recorders subscribed to the domain events, the idle sweep job, the dashboard API. */
export function createAnalyticsModule(db: Kysely<Database>, deps: { events: DomainEvents; botConfigs: BotConfigRepository; log: { error(obj: object, msg: string): void } }): AnalyticsModule {
  const recorder = new AnalyticsRecorder(db);
  const businessSeconds = new BusinessSeconds(new SlaCalendarCache());
  const conversations = new ConversationAnalytics(db, recorder, businessSeconds);
  const tickets = new TicketAnalytics(db, recorder, businessSeconds);
  const dashboard = new AnalyticsDashboard(db, deps.botConfigs);
  const exports = new AnalyticsExport(db);
  const unsubscribe = recordDomainEvents(deps.events, { recorder, conversations, tickets }, deps.log);
  const jobHandlers: Record<string, JobHandler> = {
    [IDLE_SWEEP_JOB_KIND]: {
      perTenant: true,
      nextRun: (now) => new Date(now.getTime() + IDLE_SWEEP_EVERY_MS),
      run: async (job) => {
        if (job.tenantId) while ((await conversations.endIdle(job.tenantId)) > 0);
      },
    },
  };
  return {
    recorder,
    rebuild: new AnalyticsRollupRebuild(db),
    conversations,
    tickets,
    dashboard,
    exports,
    jobHandlers,
    routes: async (api) => {
      await api.register(analyticsRoutes, { dashboard, exports });
    },
    close: unsubscribe,
  };
}
