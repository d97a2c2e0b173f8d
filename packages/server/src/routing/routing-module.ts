import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../auth/audit-log.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { JobHandler } from '../insights/job-runner.js';
import { AgentGroupRepository } from './agent-group-repository.js';
import { agentGroupRoutes } from './agent-group-routes.js';
import { DispatchSweep, type DispatchSweepOptions } from './dispatch-sweep.js';
import { RoutingRuleRepository } from './routing-rule-repository.js';
import { TicketDispatcher } from './ticket-dispatcher.js';

/** Agent groups, routing rules and the dispatcher, wired together. */
export interface RoutingModule {
  /** The tickets' TicketRoutingPort (and, later, the chat handoff queue's assignment). */
  dispatcher: TicketDispatcher;
  groups: AgentGroupRepository;
  rules: RoutingRuleRepository;
  sweep: DispatchSweep;
  /** The recurring `routing.dispatch` job, for the app's one JobRunner. */
  jobHandlers: Record<string, JobHandler>;
  /** Register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

/**
 * Builds the routing module on the app's database.
 * @example
 * const routing = createRoutingModule(db, { events, audit });
 * await api.register(routing.routes); // inside the /api/v1 scope
 */
export function createRoutingModule(db: Kysely<Database>, deps: { events: DomainEvents; audit: AuditLog }, options: DispatchSweepOptions & { now?: () => Date } = {}): RoutingModule {
  const dispatcher = new TicketDispatcher(db, deps.events);
  const groups = new AgentGroupRepository(db);
  const rules = new RoutingRuleRepository(db);
  const sweep = new DispatchSweep(db, dispatcher, options);
  const jobHandlers = { [DispatchSweep.JOB_KIND]: sweep.asJob(options.now) };
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(agentGroupRoutes, { groups, rules, sweep, audit: deps.audit });
  };
  return { dispatcher, groups, rules, sweep, jobHandlers, routes };
}
