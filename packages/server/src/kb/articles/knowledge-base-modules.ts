import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import type { Database } from '../../db/schema.js';
import type { PassageFinder } from '../../documents/answer/document-answerer.js';
import type { DomainEvents } from '../../events/domain-events.js';
import type { JobHandler } from '../../insights/job-runner.js';
import { SuggestionRepository } from '../../insights/suggestion-repository.js';
import { SuggestionReview } from '../../insights/suggestion-review.js';
import { suggestionRoutes } from '../../insights/suggestion-routes.js';
import { TopQuestionRefresh } from '../../insights/top-question-refresh.js';
import { CustomerRecordSearch } from '../../search/customer-record-search.js';
import type { CustomerRecordConnector } from '../../selfservice/connectors/customer-record-connector.js';
import { KnowledgeSearch } from '../../search/knowledge-search.js';
import { searchRoutes } from '../../search/search-routes.js';
import type { FaqRepository } from '../faq-repository.js';
import { ArticleRepository } from './article-repository.js';
import { articleRoutes } from './article-routes.js';

/** Articles, self-service search and FAQ suggestions, wired together. */
export interface KnowledgeBaseModules {
  articles: ArticleRepository;
  search: KnowledgeSearch;
  suggestions: SuggestionRepository;
  review: SuggestionReview;
  refresh: TopQuestionRefresh;
  /** The durable jobs of these modules (the monthly top-question refresh), for the app's one JobRunner. */
  jobHandlers: Record<string, JobHandler>;
  /** Every route of the three modules; register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

/**
 * Builds the article, search and insights services on the app's database and FAQ repository.
 * @example
 * const kb = createKnowledgeBaseModules(db, { faqs, botConfigs });
 * await api.register(kb.routes); // inside the /api/v1 scope
 */
export function createKnowledgeBaseModules(
  db: Kysely<Database>,
  deps: { faqs: FaqRepository; botConfigs: BotConfigRepository; events?: DomainEvents; passages?: PassageFinder; customerRecords?: CustomerRecordConnector },
  options: { now?: () => Date } = {},
): KnowledgeBaseModules {
  const { faqs, botConfigs } = deps;
  const articles = new ArticleRepository(db, async (ctx) => new Set((await botConfigs.get(ctx))?.knowledgeGraph.nodes.map((n) => n.id) ?? []));
  const search = new KnowledgeSearch(faqs, articles);
  const suggestions = new SuggestionRepository(db);
  const review = new SuggestionReview(suggestions, faqs);
  const refresh = new TopQuestionRefresh(db, faqs, suggestions);
  const jobHandlers = { [TopQuestionRefresh.JOB_KIND]: refresh.asJob(options.now) };
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(articleRoutes, { articles });
    await api.register(searchRoutes, { search, customerRecords: deps.customerRecords && new CustomerRecordSearch(db, deps.customerRecords), passages: deps.passages, events: deps.events });
    await api.register(suggestionRoutes, { suggestions, review, refresh });
  };
  return { articles, search, suggestions, review, refresh, jobHandlers, routes };
}
