import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../auth/audit-log.js';
import type { Bot } from '../bot/bot.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { Database } from '../db/schema.js';
import type { JobHandler } from '../insights/job-runner.js';
import { ConsentGatedBot } from './consent-gated-bot.js';
import { ConsentLedger } from './consent-ledger.js';
import { ConversationDataHolder } from './conversation-data-holder.js';
import type { PersonalDataHolder } from './personal-data-holder.js';
import { PrivacyRequestService } from './privacy-request-service.js';
import { privacyRoutes } from './privacy-routes.js';
import { privacySubjectRoutes } from './privacy-subject-routes.js';
import { PrivacySettingsService } from './privacy-settings-service.js';
import { RetentionPurge } from './retention-purge.js';
import { TicketDataHolder } from './ticket-data-holder.js';
import { UnconsentedNumberWithholder } from './unconsented-number-withholder.js';
import { VisitorDataHolder } from './visitor-data-holder.js';

export interface PrivacyModule {
  settings: PrivacySettingsService;
  consents: ConsentLedger;
  requests: PrivacyRequestService;
  retention: RetentionPurge;
  /** Everyone who holds customers' personal information, in erasure order. */
  holders: readonly PersonalDataHolder[];
  /** The bot behind the consent ledger (sensitive information needs its separate consent). */
  gateBot(bot: Bot): Bot;
  /** Withholds ID and card numbers sent without their separate consent before the message is stored. */
  withholder: UnconsentedNumberWithholder;
  jobHandlers: Record<string, JobHandler>;
  routes: FastifyPluginAsync;
}

/** Every holder of customers' data in erasure order: tickets before conversations (a ticket may point at a chat), others', then the visitor (the rest find their rows through it). */
export function personalDataHolders(db: Kysely<Database>, others: readonly PersonalDataHolder[] = []): readonly PersonalDataHolder[] {
  return [new TicketDataHolder(db), new ConversationDataHolder(db), ...others, new VisitorDataHolder(db)];
}

/**
 * The PIPL module: notice and consent, data subjects' requests, retention, the audited reveal.
 * Other modules that keep customer data (analytics events…) pass their PersonalDataHolder in
 * `holders`; they are exported, erased and purged with the rest, before the visitor itself.
 * @example
 * const privacy = createPrivacyModule(db, { audit, conversations: conversationRepo, log: app.log });
 * await api.register(privacy.routes); // inside the /api/v1 scope
 */
export function createPrivacyModule(
  db: Kysely<Database>,
  deps: { audit: AuditLog; conversations: ConversationRepository; log?: { info(obj: object, msg: string): void }; holders?: readonly PersonalDataHolder[] },
): PrivacyModule {
  const settings = new PrivacySettingsService(db, deps.audit);
  const consents = new ConsentLedger(db);
  const holders = personalDataHolders(db, deps.holders);
  const requests = new PrivacyRequestService(db, holders, deps.audit);
  const retention = new RetentionPurge(db, settings, holders, deps.audit, deps.log);
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(privacyRoutes, { db, settings, consents, requests, retention, conversations: deps.conversations, audit: deps.audit });
    await api.register(privacySubjectRoutes, { db, consents });
  };
  return {
    settings,
    consents,
    requests,
    retention,
    holders,
    gateBot: (bot) => new ConsentGatedBot(bot, consents, settings),
    withholder: new UnconsentedNumberWithholder(consents),
    jobHandlers: { [RetentionPurge.JOB_KIND]: retention.asJob() },
    routes,
  };
}
