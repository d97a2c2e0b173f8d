import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { BotConfigRepository } from '../bot/bot-config-repository.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import { CustomerHistory } from './customer-history.js';
import type { CustomerSignalSource } from './customer-signal.js';
import { ExperimentRepository } from './experiment-repository.js';
import { PageIntentReader, type PageReadingBrains } from './page-intent-reader.js';
import { PopularIntents } from './popular-intents.js';
import { recommendationRoutes } from './recommendation-routes.js';
import { RecommendationService } from './recommendation-service.js';

export interface RecommendationModule {
  service: RecommendationService;
  experiments: ExperimentRepository;
  popular: PopularIntents;
  routes: FastifyPluginAsync;
}

/** 猜你想办 and its experiments; `signals` is the enterprise-records port (the demo enterprise's in build-app);
 * `brains` lets the page's title be read by the tenant's NLU. */
export function createRecommendationModule(db: Kysely<Database>, deps: { botConfigs: BotConfigRepository; signals: CustomerSignalSource; brains?: PageReadingBrains; events?: DomainEvents }): RecommendationModule {
  const experiments = new ExperimentRepository(db);
  const popular = new PopularIntents(db);
  const service = new RecommendationService(db, { botConfigs: deps.botConfigs, experiments, history: new CustomerHistory(db), popular, signals: deps.signals, pages: deps.brains ? new PageIntentReader(deps.brains) : undefined, events: deps.events });
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(recommendationRoutes, { service, experiments });
  };
  return { service, experiments, popular, routes };
}
