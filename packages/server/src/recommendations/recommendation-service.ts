import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BotConfigRepository } from '../bot/bot-config-repository.js';
import type { Database } from '../db/schema.js';
import { BadRequestError, NotFoundError } from '../errors/app-error.js';
import { visitorKey } from '../analytics/visitor-key.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { CustomerSignalSource } from './customer-signal.js';
import type { CustomerHistory } from './customer-history.js';
import type { ExperimentRepository } from './experiment-repository.js';
import type { PageIntentReader } from './page-intent-reader.js';
import type { PopularIntents } from './popular-intents.js';
import { catalogueFor } from './recommendation-catalogue.js';
import { recommendationDatabase, type ImpressionItem, type RecommendationDatabase } from './recommendation-schema.js';
import { scoreRecommendations, type RecommendationStrategy } from './recommendation-scorer.js';

export type RecommendationMoment = 'welcome' | 'after_task';

export interface RecommendationRequest {
  moment: RecommendationMoment;
  conversationId: string | null;
  /** Path and title of the page the widget is on. */
  page: string | null;
  locale: 'zh-CN' | 'en';
  limit: number;
}

export interface RecommendedItem {
  id: string;
  intent: string;
  label: string;
  /** What the widget sends as the visitor's message when clicked; it starts the intent's flow. */
  utterance: string;
  reason: string;
}

export interface RecommendationList {
  /** Null when nothing was shown (no entry points): there is nothing to click. */
  impressionId: string | null;
  strategy: RecommendationStrategy;
  items: RecommendedItem[];
}

const RECENT_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * 猜你想办: chooses the services to show one visitor at the widget's welcome or after a task,
 * from the arm of the running experiment the visitor is assigned to, and records the exposure
 * (and later the click) so the experiment's CTR is a count over `rec_impressions`.
 */
export class RecommendationService {
  private readonly db: Kysely<RecommendationDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly deps: {
      botConfigs: BotConfigRepository;
      experiments: ExperimentRepository;
      history: CustomerHistory;
      popular: PopularIntents;
      signals: CustomerSignalSource;
      /** Reads the page's title with the tenant's NLU; without it only the page's words count. */
      pages?: PageIntentReader;
      events?: DomainEvents;
      now?: () => Date;
    },
  ) {
    this.db = recommendationDatabase(db);
  }

  async recommend(ctx: TenantContext, visitorId: string, request: RecommendationRequest): Promise<RecommendationList> {
    const now = this.deps.now?.() ?? new Date();
    const subject = await this.deps.history.subject(ctx, visitorId, request.conversationId);
    const config = await this.deps.botConfigs.get(ctx);
    const flowIntents = new Set((config?.flows ?? []).map((f) => f.intent).filter((i): i is string => !!i));
    const catalogue = catalogueFor(config?.templateId ?? null, flowIntents);
    const arm = await this.deps.experiments.armFor(ctx, subject.verifiedCustomerId ? `customer:${subject.verifiedCustomerId}` : `visitor:${visitorId}`);
    if (catalogue.length === 0) return { impressionId: null, strategy: arm.strategy, items: [] };
    const personalised = arm.strategy === 'personalised';
    const [signals, recentIntents, popularity, completed, pageIntent] = await Promise.all([
      personalised && (subject.customerIds.length > 0 || subject.conversationId)
        ? this.deps.signals.signals({ tenantId: ctx.tenantId, customerIds: subject.customerIds, conversationId: subject.conversationId, now })
        : [],
      personalised ? this.deps.history.recentIntents(ctx, subject, new Date(now.getTime() - RECENT_DAYS * DAY_MS)) : [],
      this.deps.popular.counts(ctx),
      request.moment === 'after_task' && request.conversationId ? this.deps.history.justCompleted(ctx, request.conversationId) : null,
      personalised && this.deps.pages ? this.deps.pages.read(ctx, request.page) : null,
    ]);
    const scored = scoreRecommendations({
      catalogue,
      strategy: arm.strategy,
      signals,
      recentIntents,
      popularity,
      page: personalised ? request.page : null,
      pageIntent,
      exclude: new Set(completed ? [completed] : []),
      now,
      limit: request.limit,
    });
    const zh = request.locale !== 'en';
    const items: RecommendedItem[] = scored.map((s) => ({
      id: s.entry.intent,
      intent: s.entry.intent,
      label: zh ? s.entry.label.zh : s.entry.label.en,
      utterance: zh ? s.entry.utterance.zh : s.entry.utterance.en,
      reason: s.reasons[0] ? (zh ? s.reasons[0].text.zh : s.reasons[0].text.en) : '',
    }));
    if (items.length === 0) return { impressionId: null, strategy: arm.strategy, items };
    const impressionId = randomUUID();
    const stored: ImpressionItem[] = scored.map((s, i) => ({ id: items[i]!.id, intent: s.entry.intent, score: Math.round(s.score * 1000) / 1000, reason: s.reasons[0]?.source ?? 'none' }));
    await this.db
      .insertInto('rec_impressions')
      .values({
        id: impressionId,
        tenant_id: ctx.tenantId,
        experiment_id: arm.experimentId,
        variant_key: arm.variantKey,
        strategy: arm.strategy,
        visitor_id: visitorId,
        conversation_id: request.conversationId,
        moment: request.moment,
        items: JSON.stringify(stored),
        created_at: now,
      })
      .execute();
    this.deps.events?.emit('recommendation.shown', {
      tenantId: ctx.tenantId,
      conversationId: request.conversationId,
      visitorKey: visitorKey(ctx.tenantId, { externalId: subject.verifiedCustomerId, visitorId }),
      experimentId: arm.experimentId,
      variant: arm.variantKey ?? arm.strategy,
      items: items.map((i) => i.id),
      placement: request.moment,
      at: now.toISOString(),
    });
    return { impressionId, strategy: arm.strategy, items };
  }

  /**
   * Records the click on one chip of a list this visitor was shown. The first click of a list is
   * the one counted (`first: false` for later ones); another visitor's list is a 404.
   */
  async click(ctx: TenantContext, visitorId: string, impressionId: string, itemId: string): Promise<{ first: boolean; intent: string }> {
    const row = await this.db
      .selectFrom('rec_impressions')
      .select(['id', 'items', 'clicked_at', 'conversation_id', 'experiment_id', 'variant_key', 'strategy', 'moment'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', impressionId)
      .where('visitor_id', '=', visitorId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Recommendation');
    const position = row.items.findIndex((i) => i.id === itemId);
    if (position < 0) throw new BadRequestError(`itemId: "${itemId}" was not in this list`, 'unknown_item');
    const now = this.deps.now?.() ?? new Date();
    const updated = await this.db
      .updateTable('rec_impressions')
      .set({ clicked_item: itemId, clicked_position: position, clicked_at: now })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', impressionId)
      .where('clicked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (updated) {
      const visitor = await this.db.selectFrom('visitors').select(['external_id', 'verified']).where('tenant_id', '=', ctx.tenantId).where('id', '=', visitorId).executeTakeFirst();
      this.deps.events?.emit('recommendation.clicked', {
        tenantId: ctx.tenantId,
        conversationId: row.conversation_id,
        visitorKey: visitorKey(ctx.tenantId, { externalId: visitor?.verified ? visitor.external_id : null, visitorId }),
        experimentId: row.experiment_id,
        variant: row.variant_key ?? row.strategy,
        item: itemId,
        placement: row.moment,
        at: now.toISOString(),
      });
    }
    return { first: !!updated, intent: row.items[position]!.intent };
  }
}
