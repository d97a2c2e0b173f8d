import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ApiKeyService } from '../auth/api-key-service.js';
import { apiKeyRoutes } from '../auth/api-key-routes.js';
import { AuditLog } from '../auth/audit-log.js';
import { installAuthHooks, type DeclaredRoute } from '../auth/auth-hooks.js';
import { authRoutes } from '../auth/auth-routes.js';
import { AuthService } from '../auth/auth-service.js';
import { SecretBox } from '../auth/secret-box.js';
import type { Bot } from '../bot/bot.js';
import { AssistantBot } from '../bot/assistant-bot.js';
import { BotConfigRepository } from '../bot/bot-config-repository.js';
import { TenantBrainRegistry } from '../bot/tenant-brain-registry.js';
import { ModelTrainer } from '../nlu/model-trainer.js';
import { TicketClassifierRegistry } from '../tickets/classify/ticket-classifier-registry.js';
import { TicketClassifierTrainer } from '../tickets/classify/ticket-classifier-trainer.js';
import { nluRoutes } from '../nlu/nlu-routes.js';
import { SelfServiceActions } from '../selfservice/self-service-actions.js';
import { enterpriseConnectors } from '../selfservice/http/enterprise-connectors.js';
import { selfserviceRoutes } from '../selfservice/selfservice-routes.js';
import { DemoSmsProvider, type SmsProvider } from '../selfservice/sms-provider.js';
import type { AppConfig } from '../config/config.js';
import { resolveSecretKey } from '../config/secret-key.js';
import { ConversationRepository } from '../conversations/conversation-repository.js';
import { conversationRoutes } from '../conversations/conversation-routes.js';
import { ConversationService } from '../conversations/conversation-service.js';
import { ConversationTurnLock } from '../conversations/conversation-turn-lock.js';
import { OverloadGuard } from '../http/overload-guard.js';
import { RateLimits } from '../http/rate-limits.js';
import { createDatabase, type DatabaseHandle } from '../db/create-database.js';
import { DomainEvents } from '../events/domain-events.js';
import { createDocumentModule, type DocumentModule } from '../documents/document-module.js';
import { documentOcr } from '../documents/ocr/document-ocr.js';
import { createDocumentAnswerModule, type DocumentAnswerModule } from '../documents/answer/document-answer-module.js';
import type { PassageFinder } from '../documents/answer/document-answerer.js';
import { createKnowledgeBaseModules, type KnowledgeBaseModules } from '../kb/articles/knowledge-base-modules.js';
import { FaqRepository } from '../kb/faq-repository.js';
import { JobRunner } from '../insights/job-runner.js';
import { createAnalyticsModule, type AnalyticsModule } from '../analytics/analytics-module.js';
import { faqRoutes } from '../kb/faq-routes.js';
import { healthRoutes } from '../observability/health-routes.js';
import { Metrics } from '../observability/metrics.js';
import { RealtimeGateway } from '../realtime/realtime-gateway.js';
import { createHandoffModule, type HandoffModule } from '../handoff/handoff-module.js';
import { createRoutingModule, type RoutingModule } from '../routing/routing-module.js';
import { createConversationContextModule, type ConversationContextModule } from '../handoff/context/conversation-context-module.js';
import { createAgentAssistModule, type AgentAssistModule } from '../handoff/assist/agent-assist-module.js';
import { createRecommendationModule, type RecommendationModule } from '../recommendations/recommendation-module.js';
import { createFindingsModule, type FindingsModule } from '../analytics/findings/findings-module.js';
import { CustomerRecordSignals } from '../selfservice/customer-record-signals.js';
import { unconfiguredConnector } from '../selfservice/connectors/unconfigured-connector.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { UserRepository } from '../users/user-repository.js';
import { userRoutes } from '../users/user-routes.js';
import { VisitorService } from '../widget/visitor-service.js';
import { installEmbedPageHeaders } from '../widget/embed-page-headers.js';
import { installWidgetCors } from '../widget/widget-cors.js';
import { WidgetOriginPolicy } from '../widget/widget-origin-policy.js';
import { StaffSecurityService } from '../settings/staff-security-service.js';
import { WidgetSecurityService } from '../settings/widget-security-service.js';
import { settingsRoutes } from '../settings/settings-routes.js';
import { SlaRecomputeJob } from '../tickets/sla/sla-recompute-job.js';
import { slaRoutes } from '../tickets/sla/sla-routes.js';
import { SlaScheduler } from '../tickets/sla/sla-scheduler.js';
import { SlaSettingsRepository } from '../tickets/sla/sla-settings-repository.js';
import { TicketSlaClock } from '../tickets/sla/ticket-sla-clock.js';
import { widgetRoutes } from '../widget/widget-routes.js';
import { createTicketModule, type TicketModule } from '../tickets/ticket-module.js';
import { createFeedbackModule, type FeedbackModule } from '../feedback/feedback-module.js';
import { createMonthlyReportModule, type MonthlyReportModule } from '../analytics/report/monthly-report-module.js';
import { NativeTicketConnector } from '../tickets/native-ticket-connector.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { createVoiceModule } from '../voice/voice-module.js';
import { WebhookDeliveryRunner } from '../webhooks/webhook-delivery-runner.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint-service.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import { webhookRoutes } from '../webhooks/webhook-routes.js';
import { WebhookSender } from '../webhooks/webhook-sender.js';
import { createWechatModule, type WechatModule } from '../channels/wechat/wechat-module.js';
import { WechatReplyWindow } from '../channels/wechat/wechat-reply-window.js';
import { wechatDatabase } from '../channels/wechat/wechat-schema.js';
import { createPrivacyModule, type PrivacyModule } from '../privacy/privacy-module.js';
import { createCallModule, type CallModule } from '../calls/call-module.js';
import { CallDataHolder } from '../calls/call-data-holder.js';
import { maskedRequestSerializer, maskPiiInLogObject, PII_REDACT_PATHS } from '../privacy/pii-masking.js';
import { installErrorHandler } from '../http/error-handler.js';
import { installJsonBodyParser } from '../http/json-body-parser.js';
import { registerStaticPages } from '../http/static-pages.js';

export interface ZhidaServices {
  database: DatabaseHandle;
  events: DomainEvents;
  metrics: Metrics;
  audit: AuditLog;
  tenants: TenantRepository;
  users: UserRepository;
  auth: AuthService;
  apiKeys: ApiKeyService;
  visitors: VisitorService;
  faqs: FaqRepository;
  conversationRepo: ConversationRepository;
  conversations: ConversationService;
  bot: Bot;
  botConfigs: BotConfigRepository;
  brains: TenantBrainRegistry;
  /** Each tenant's ticket classifier (category, priority, triage); the ticket service's `classifier` port. */
  ticketClassifier: TicketClassifierRegistry;
  kb: KnowledgeBaseModules;
  tickets: TicketModule;
  /** The durable jobs of every module (top-question refresh, SLA recomputes, webhooks…); start() after listen, stopped on close. */
  jobs: JobRunner;
  /** SLA deadlines on the business calendar (the ticket service's TicketSlaPort). */
  sla: TicketSlaClock;
  /** The durable SLA timer (warnings, breaches, auto-close); start() after listen, stopped on close. */
  slaScheduler: SlaScheduler;
  /** Agent groups, routing rules and the ticket dispatcher (the tickets' TicketRoutingPort). */
  routing: RoutingModule;
  /** The webhooks transactional outbox: the ticket service's TicketOutboxPort. */
  webhookOutbox: WebhookOutbox;
  webhooks: WebhookEndpointService;
  /** Sends the outbox (signed, retried); start() after listen like `jobs`, stopped on close. */
  webhookDeliveries: WebhookDeliveryRunner;
  /** The chat handoff queue: agent profiles, router, offer loop (start() after listen), notes, leave-a-message. */
  handoff: HandoffModule;
  /** Every /api route with its declared auth requirement. */
  routes: DeclaredRoute[];
  /** The agent's context panel (handoff #14). */
  conversationContext: ConversationContextModule;
  /** Agent assist, canned replies and actions for the customer (handoff #14). */
  agentAssist: AgentAssistModule;
  /** 猜你想办 recommendations and their experiments (#17). */
  recommendations: RecommendationModule;
  /** Bottleneck findings: the daily job (on `jobs`) and their API (#17). */
  findings: FindingsModule;
  /** The analytics event stream, rollups and the 数据看板 (issue #17); `analytics.recorder` is how other modules record. */
  analytics: AnalyticsModule;
  /** Imported documents (issue #18): their passages for the answer side, import and view routes. */
  documents: DocumentModule;
  /** Answers from the documents' passages: index, answerer, optional grounded LLM and its settings (issue #18). */
  documentAnswers: DocumentAnswerModule;
  /** Surveys, ratings, 有帮助/没帮助 and 回访 follow-up tickets (#17). */
  feedback: FeedbackModule;
  /** The monthly report (HTML + PDF, stored, mailed when SMTP is set) of every tenant (#17). */
  monthlyReports: MonthlyReportModule;
  /** PIPL: notice and consent, data subjects' requests, retention purge, the audited reveal (#19). */
  privacy: PrivacyModule;
  /** The WeChat channel (#15): accounts, the callback, replies through the customer-service API. */
  wechat: WechatModule;
  /** Video remote assistance (#15): calls, their signalling and ring timeout (`calls.ringLoop.start()` after listen). */
  calls: CallModule;
}

export type ZhidaApp = FastifyInstance & { zhida: ZhidaServices; realtime: RealtimeGateway };

const BODY_LIMIT = 1024 * 1024;

/**
 * Builds the whole server from a validated config: storage (migrated),
 * services, HTTP routes, realtime and static pages. Tests call it in-process
 * and listen on port 0.
 */
export async function buildApp(config: AppConfig, options: { database?: DatabaseHandle; sms?: SmsProvider } = {}): Promise<ZhidaApp> {
  // Before the database opens, so a missing key stops the start-up at once.
  const secretKey = resolveSecretKey(config);
  const database = options.database ?? (await createDatabase(config));
  const db = database.db;
  const events = new DomainEvents();
  const metrics = new Metrics();
  const audit = new AuditLog(db);
  const secrets = new SecretBox(secretKey.key, config.previousSecretKeys ?? []);
  const tenants = new TenantRepository(db, secrets);
  const users = new UserRepository(db);
  const auth = new AuthService(db, audit, events, secrets);
  const apiKeys = new ApiKeyService(db);
  const visitors = new VisitorService(db, tenants);
  const widgetOrigins = new WidgetOriginPolicy(tenants, config.publicUrl);
  const widgetSecurity = new WidgetSecurityService(tenants, audit);
  const faqs = new FaqRepository(db);
  const conversationRepo = new ConversationRepository(db);
  const botConfigs = new BotConfigRepository(db);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', ...PII_REDACT_PATHS], censor: '[redacted]' },
      // Phone, ID, card and e-mail in any logged string (URLs, error messages) are masked by the NLU PII detector.
      formatters: { log: maskPiiInLogObject },
      serializers: { req: maskedRequestSerializer },
    },
    bodyLimit: BODY_LIMIT,
    // Only the proxies named in ZHIDA_TRUST_PROXY may set the client address (per-IP limits, audit).
    // A hop count trusts that many proxies nearest the server (Fastify's types take it only as a function).
    trustProxy: typeof config.trustProxy === 'number' ? trustNearestHops(config.trustProxy) : (config.trustProxy ?? false),
    forceCloseConnections: true,
    // Registration is in-process work only (no network), but on a loaded 2-core machine it has taken longer than Fastify's 10 s default.
    pluginTimeout: 60_000,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });
  if (secretKey.path) {
    app.log.warn(
      { keyFile: secretKey.path, created: secretKey.source === 'created' },
      'secrets at rest are encrypted with a key generated into the data directory; in production set ZHIDA_SECRET_KEY (and keep it) instead',
    );
  }
  const brains = new TenantBrainRegistry(db, faqs, botConfigs, new ModelTrainer(), app.log);
  // Search lists the documents' passages too (#18); the answerer is built further down, and asked only per request.
  const passageFinder: PassageFinder = { search: (ctx, q, limit) => documentAnswers.answerer.search(ctx, q, limit), recordUse: (ctx, use) => documentAnswers.answerer.recordUse(ctx, use) };
  // Every self-service capability comes from the enterprise backend over signed HTTP; without one, none is available
  // (the bot says so and offers a human or a ticket) — the product holds no enterprise data of its own.
  const enterprise = enterpriseConnectors(config.enterpriseBackend);
  // Search, the context panel and 猜你想办 read what a customer holds from the same place.
  const customerRecords = enterprise.customerRecords ?? unconfiguredConnector('customerRecords');
  const kb = createKnowledgeBaseModules(db, { faqs, botConfigs, events, passages: passageFinder, customerRecords });
  const routing = createRoutingModule(db, { events, audit });
  const sla = new TicketSlaClock();
  // Call recordings are personal data: exported and erased with the customer's other data.
  const privacy = createPrivacyModule(db, { audit, conversations: conversationRepo, log: app.log, holders: [new CallDataHolder(db)] });
  // One runner polls the jobs table for every module.
  const analytics = createAnalyticsModule(db, { events, botConfigs, log: app.log });
  const findings = createFindingsModule(db, { botConfigs });
  const jobs = new JobRunner(
    db,
    { ...kb.jobHandlers, ...analytics.jobHandlers, ...findings.jobHandlers, [SlaRecomputeJob.JOB_KIND]: new SlaRecomputeJob(db, sla).asJob(), ...routing.jobHandlers, ...privacy.jobHandlers },
    { log: app.log },
  );
  const slaScheduler = new SlaScheduler(db, sla, events, { log: app.log, routing: routing.dispatcher });
  const webhookGuard = new SsrfGuard({ allowPrivate: config.webhookAllowPrivate ?? false, allowHttp: config.webhookAllowHttp ?? false });
  const webhookOutbox = new WebhookOutbox();
  const webhooks = new WebhookEndpointService(db, secrets, webhookGuard, webhookOutbox);
  const webhookDeliveries = new WebhookDeliveryRunner(db, secrets, new WebhookSender(webhookGuard), { log: app.log });
  const ticketClassifier = new TicketClassifierRegistry(ticketDatabase(db), new TicketClassifierTrainer(), app.log);
  const tickets = createTicketModule(db, { events, sla, routing: routing.dispatcher, classifier: ticketClassifier, outbox: webhookOutbox });
  const nativeTickets = new NativeTicketConnector(ticketDatabase(db), tickets.service);
  // Flows that file tickets (complaints…) create native tickets.
  const actions = new SelfServiceActions({
    db,
    sms: options.sms ?? new DemoSmsProvider(app.log),
    log: app.log,
    connectors: { ...enterprise, tickets: nativeTickets },
  });
  // URL imports reach only the tenant's allowed sites, through the webhooks' guard; http is allowed there (the admin named the site).
  const documents = createDocumentModule(
    db,
    { events, audit, secretKey: secretKey.key, guard: new SsrfGuard({ allowPrivate: config.webhookAllowPrivate ?? false, allowHttp: true }) },
    { ocr: documentOcr(config.ocr ?? { mode: 'auto', binary: 'tesseract', languages: 'chi_sim+eng' }) },
  );
  // Answers from the documents (issue #18): the bot asks them when no FAQ answers; an LLM may word them, grounded.
  const documentAnswers = createDocumentAnswerModule(db, { passages: documents.passages, events, secrets, guard: webhookGuard, audit, log: app.log });
  const bot = privacy.gateBot(new AssistantBot(brains, actions, undefined, documentAnswers.answerer));
  const conversationContext = createConversationContextModule(db, { conversations: conversationRepo, botConfigs, audit, customerRecords });
  // A visitor's left message becomes a native ticket the same way a complaint flow's does; offers carry the context panel's summary.
  const handoff = createHandoffModule(db, { events, conversations: conversationRepo, tickets: nativeTickets, summaries: conversationContext.builder, log: app.log });
  const conversations = new ConversationService(conversationRepo, visitors, bot, events, metrics, new ConversationTurnLock(db, database.backend), handoff.port, [new WechatReplyWindow(wechatDatabase(db))], privacy.withholder);
  const routes: DeclaredRoute[] = [];
  // Voice (#15): speech providers per tenant, hold-to-talk in the widget, the phone/speaker media stream.
  const voice = createVoiceModule(db, { secrets, conversations, tenants, events, apiKeys, audit, guard: webhookGuard, log: app.log });
  const agentAssist = createAgentAssistModule(db, { brains, knowledge: kb.search, botConfigs, executor: actions, audit, passages: documentAnswers.answerer });
  // Recommendations read the customer's records through the enterprise connector, like search and the context panel.
  const recommendations = createRecommendationModule(db, { botConfigs, signals: new CustomerRecordSignals(db, customerRecords), brains, events });
  // Feedback (#17): the survey when a conversation ends (its sweep runs in the app's job runner), ratings, 回访 tickets.
  const feedback = createFeedbackModule(db, { events, conversations: conversationRepo, tickets: tickets.service, log: app.log });
  jobs.register(feedback.jobHandlers);
  const monthlyReports = createMonthlyReportModule(db, config, { log: app.log });
  jobs.register(monthlyReports.jobHandlers);
  const wechat = createWechatModule(db, { conversations, secrets, guard: webhookGuard, events, audit, jobs, log: app.log });
  jobs.register(wechat.jobHandlers);
  const calls = createCallModule(db, {
    events,
    conversations: conversationRepo,
    consents: privacy.consents,
    recorder: analytics.recorder,
    noticeVersion: async (ctx) => (await privacy.settings.get(ctx)).notice.version,
    ice: config.ice,
    log: app.log,
  });
  const services: ZhidaServices = { database, events, metrics, audit, tenants, users, auth, apiKeys, visitors, faqs, conversationRepo, conversations, bot, botConfigs, brains, ticketClassifier, kb, tickets, jobs, sla, slaScheduler, routing, webhookOutbox, webhooks, webhookDeliveries, handoff, routes, conversationContext, agentAssist, analytics, documents, documentAnswers, recommendations, findings, feedback, monthlyReports, privacy, wechat, calls };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installJsonBodyParser(app);
  // First of the request hooks, so a refused request costs no session lookup or database query.
  const overload = new OverloadGuard({ exempt: (path) => path === '/healthz' || path === '/readyz' || path === '/metrics', log: app.log });
  overload.install(app);
  // The routes' rate limits count in Redis when REDIS_URL is set (one budget for every node), else in this process.
  const rateLimits = new RateLimits(config.redisUrl, { namespace: config.databaseSchema, log: app.log });
  app.decorate('rateLimits', rateLimits);
  app.addHook('onClose', () => rateLimits.close());
  await app.register(fastifyCookie);

  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    if (request.url.startsWith('/console')) {
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Zhida API', description: 'Zhida 智答 intelligent customer service — REST API v1', version: '1.0.0' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Tenant API key (zk_…) or widget visitor token' },
          session: { type: 'apiKey', in: 'cookie', name: 'zhida_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  installAuthHooks(app, { auth, apiKeys, visitors }, routes);
  installWidgetCors(app, widgetOrigins);
  installEmbedPageHeaders(app, widgetOrigins);
  await app.register(healthRoutes, { database, metrics });

  await app.register(
    async (api) => {
      await api.register(authRoutes, { auth, cookieSecure: config.cookieSecure });
      await api.register(userRoutes, { users, auth, audit });
      await api.register(apiKeyRoutes, { apiKeys, audit });
      await api.register(settingsRoutes, { widgetSecurity, staffSecurity: new StaffSecurityService(tenants, audit, (tenantId, userId) => auth.hasMfa(tenantId, userId)) });
      await api.register(conversationRoutes, { conversations, users });
      await api.register(faqRoutes, { faqs });
      await api.register(widgetRoutes, { conversations });
      await api.register(nluRoutes, { brains, conversations: conversationRepo });
      await api.register(selfserviceRoutes, { db, materials: enterprise.materials });
      await api.register(kb.routes);
      await api.register(tickets.routes);
      await api.register(slaRoutes, {
        settings: new SlaSettingsRepository(db),
        // Deadlines follow the new settings: this node forgets its cached calendars, a job recomputes the open tickets.
        settingsChanged: async (tenantId) => {
          sla.invalidate(tenantId);
          await jobs.enqueue(SlaRecomputeJob.JOB_KIND, tenantId, new Date());
        },
      });
      await api.register(routing.routes);
      await api.register(webhookRoutes, { webhooks, audit });
      await api.register(handoff.routes);
      await api.register(conversationContext.routes);
      await api.register(agentAssist.routes);
      await api.register(analytics.routes);
      await api.register(documents.routes);
      await api.register(documentAnswers.routes);
      await api.register(recommendations.routes);
      await api.register(findings.routes);
      await api.register(feedback.routes);
      await api.register(monthlyReports.routes);
      await api.register(privacy.routes);
      await api.register(wechat.routes);
      await api.register(calls.routes);
      await api.register(voice.routes);
    },
    { prefix: '/api/v1' },
  );

  if (config.staticRoot) await registerStaticPages(app, config.staticRoot);

  const realtime = new RealtimeGateway(app.server, {
    auth,
    visitors,
    widgetOrigins,
    conversations: conversationRepo,
    events,
    metrics,
    parseCookie: (header) => app.parseCookie(header),
    redisUrl: config.redisUrl,
    log: app.log,
    presence: handoff.presence,
  });
  calls.attachRealtime(realtime.io);

  const voiceStream = voice.attachStream(app.server);

  app.addHook('preClose', async () => {
    await voiceStream.close();
    analytics.close();
    feedback.close();
    wechat.close();
    await wechat.idle();
    await jobs.stop();
    await slaScheduler.stop();
    await handoff.loop.stop();
    calls.close();
    await calls.ringLoop.stop();
    await webhookDeliveries.stop();
    await brains.close();
    await ticketClassifier.close();
    await realtime.close();
  });
  app.addHook('onClose', async () => {
    if (!options.database) await database.close();
  });

  return Object.assign(app, { zhida: services, realtime }) as ZhidaApp;
}

function trustNearestHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
