import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../auth/audit-log.js';
import type { SecretBox } from '../../auth/secret-box.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import type { DomainEvents } from '../../events/domain-events.js';
import type { JobHandler, JobRunner } from '../../insights/job-runner.js';
import { AttachmentRepository } from '../../selfservice/attachment-repository.js';
import { asSelfServiceDb } from '../../selfservice/self-service-db.js';
import type { SsrfGuard } from '../../webhooks/ssrf-guard.js';
import { WechatAccessTokens } from './wechat-access-tokens.js';
import { WechatAccountRepository } from './wechat-account-repository.js';
import { WECHAT_ACCOUNT_KINDS } from './wechat-account-dto.js';
import { WechatApiClient } from './wechat-api-client.js';
import { WechatCallback } from './wechat-callback.js';
import { WechatDelivery } from './wechat-delivery.js';
import { WechatHttp } from './wechat-http.js';
import { WechatInbound } from './wechat-inbound.js';
import { wechatDatabase } from './wechat-schema.js';
import { wechatRoutes } from './wechat-routes.js';
import { WechatUserRepository } from './wechat-user-repository.js';

export const WECHAT_SWEEP_JOB = 'wechat.sweep';
const SWEEP_EVERY_MS = 30_000;

export interface WechatModule {
  accounts: WechatAccountRepository;
  delivery: WechatDelivery;
  tokens: WechatAccessTokens;
  /** The per-tenant sweep (every 30 s once the tenant has a WeChat account): replies left behind by a crash or a failed send, old nonces. */
  jobHandlers: Record<string, JobHandler>;
  routes: FastifyPluginAsync;
  /** Resolves when every callback's after-work started so far is done (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The WeChat channel (#15): 公众号, 小程序 and 企业微信客服 customers reach the same conversations, bot and
 * handoff queue as the widget's. Incoming: the callback endpoint. Outgoing: every bot, agent and system
 * reply of a WeChat conversation is sent through the customer-service message API after it is stored.
 * @example
 * const wechat = createWechatModule(db, { conversations, secrets, guard, events, audit, jobs });
 * await api.register(wechat.routes);
 */
export function createWechatModule(
  db: Kysely<Database>,
  deps: { conversations: ConversationService; secrets: SecretBox; guard: SsrfGuard; events: DomainEvents; audit: AuditLog; jobs: JobRunner; log?: Log },
  options: { now?: () => Date } = {},
): WechatModule {
  const wdb = wechatDatabase(db);
  const now = options.now ?? (() => new Date());
  const accounts = new WechatAccountRepository(wdb, deps.secrets);
  const users = new WechatUserRepository(wdb);
  const api = new WechatApiClient(new WechatHttp(deps.guard));
  const tokens = new WechatAccessTokens(accounts, api, now);
  const delivery = new WechatDelivery(db, users, accounts, tokens, api, { now, log: deps.log });
  const inbound = new WechatInbound(wdb, users, accounts, deps.conversations, tokens, api, new AttachmentRepository(asSelfServiceDb(db)), (ctx, userId) => delivery.deliverUser(ctx, userId));
  const callback = new WechatCallback(wdb, accounts, inbound, now);

  const pending = new Set<Promise<void>>();
  const track = (tenantId: string, work: () => Promise<void>, what: string) => {
    const done = TenantScope.asTenant(tenantId, work)
      .catch((err: unknown) => deps.log?.error({ err, tenantId }, what))
      .finally(() => pending.delete(done));
    pending.add(done);
  };

  // Replies go out as soon as they are stored; the sweep catches what this misses (a crash, a failed send).
  const off = deps.events.on('message.created', ({ tenantId, message, channel }) => {
    if (message.senderType === 'visitor' || message.internal) return;
    // A web or app conversation has no WeChat user to deliver to: no lookup for each of its bot messages.
    if (channel && !(WECHAT_ACCOUNT_KINDS as readonly string[]).includes(channel)) return;
    track(tenantId, () => delivery.deliverConversation({ tenantId }, message.conversationId), 'WeChat delivery failed; the sweep retries');
  });

  const jobHandlers: Record<string, JobHandler> = {
    [WECHAT_SWEEP_JOB]: {
      nextRun: (at) => new Date(at.getTime() + SWEEP_EVERY_MS),
      run: async (job) => {
        const ctx = { tenantId: job.tenantId! };
        await delivery.deliverDue(ctx);
        await callback.forgetOldNonces(ctx);
      },
    },
  };

  const routes: FastifyPluginAsync = async (api) => {
    await api.register(wechatRoutes, {
      accounts,
      callback,
      audit: deps.audit,
      // The tenant's sweep starts with its first account.
      accountCreated: (tenantId) => deps.jobs.enqueue(WECHAT_SWEEP_JOB, tenantId, now()),
      checkApiBaseUrl: async (url) => void (await deps.guard.check(url)),
      runLater: (tenantId, work) => track(tenantId, work, 'WeChat callback work failed'),
    });
  };

  return {
    accounts,
    delivery,
    tokens,
    jobHandlers,
    routes,
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close: off,
  };
}
