import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import { TicketCategoryRepository } from './ticket-category-repository.js';
import { ticketCategoryRoutes } from './ticket-category-routes.js';
import { TicketRepository } from './ticket-repository.js';
import { ticketRoutes } from './ticket-routes.js';
import { TicketService, type TicketPorts } from './ticket-service.js';
import { ticketDatabase } from './ticket-schema.js';
import { widgetTicketRoutes } from './widget-ticket-routes.js';

/** The ticket service, its categories and every ticket route, wired on the modules around it. */
export interface TicketModule {
  service: TicketService;
  categories: TicketCategoryRepository;
  /** Staff, API-key, widget and category routes; register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

/**
 * Builds the ticket module on the app's database, its domain events and the four ports (SLA,
 * routing, classifier, webhook outbox).
 * @example
 * const tickets = createTicketModule(db, { events, sla, routing, classifier, outbox });
 * await api.register(tickets.routes); // inside the /api/v1 scope
 */
export function createTicketModule(db: Kysely<Database>, deps: TicketPorts & { events: DomainEvents }, options: { now?: () => Date } = {}): TicketModule {
  const tdb = ticketDatabase(db);
  const categories = new TicketCategoryRepository(tdb);
  const service = new TicketService(tdb, new TicketRepository(tdb), deps, deps.events, options.now);
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(ticketRoutes, { tickets: service });
    await api.register(widgetTicketRoutes, { tickets: service, categories });
    await api.register(ticketCategoryRoutes, { categories, classifier: deps.classifier });
  };
  return { service, categories, routes };
}
