import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../../auth/audit-log.js';
import { staffOf } from '../../auth/auth-hooks.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import { createWechatAccountBodySchema, updateWechatAccountBodySchema, wechatAccountDtoSchema } from './wechat-account-dto.js';
import type { WechatAccountRepository } from './wechat-account-repository.js';
import type { WechatCallback } from './wechat-callback.js';

/** WeChat sends small XML messages; anything bigger is not one of them. */
const CALLBACK_BODY_LIMIT = 64 * 1024;

const callbackParams = z.strictObject({ accountId: z.uuid() });
// WeChat adds openid, encrypt_type and others we do not need; unknown keys are allowed and ignored.
const callbackQuery = z.object({
  signature: z.string().max(64).optional(),
  msg_signature: z.string().max(64).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(64).optional(),
  echostr: z.string().max(1024).optional(),
});

export interface WechatRoutesOptions {
  accounts: WechatAccountRepository;
  callback: WechatCallback;
  audit: AuditLog;
  accountCreated: (tenantId: string) => Promise<void>;
  /** Refuses an API base URL the server must not call (private addresses unless allowed, like webhook URLs). */
  checkApiBaseUrl: (url: string) => Promise<void>;
  /** Runs what a callback left for after its answer (the bot's turn, downloads, 企业微信 sync). */
  runLater: (tenantId: string, work: () => Promise<void>) => void;
}

/** The WeChat accounts admin API (`settings.manage`) and the public callback endpoint WeChat calls. */
export const wechatRoutes: FastifyPluginAsyncZod<WechatRoutesOptions> = async (app, { accounts, callback, audit, accountCreated, checkApiBaseUrl, runLater }) => {
  app.get('/channels/wechat/accounts', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['channels'], response: { 200: z.object({ items: z.array(wechatAccountDtoSchema) }) } },
    handler: async (req) => ({ items: await accounts.list(staffOf(req)) }),
  });

  app.post('/channels/wechat/accounts', {
    config: { auth: 'settings.manage' },
    schema: {
      tags: ['channels'],
      description: 'Connects a 公众号, 小程序 or 企业微信客服 account. Secret, Token and EncodingAESKey are stored sealed and never returned.',
      body: createWechatAccountBodySchema,
      response: { 201: wechatAccountDtoSchema },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      // WeChat's own hosts need no check (and no DNS lookup); a URL the admin typed does.
      if (req.body.apiBaseUrl !== undefined) await checkApiBaseUrl(req.body.apiBaseUrl);
      const account = await accounts.create(staff, req.body);
      await accountCreated(staff.tenantId);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'wechat_account.created', objectType: 'wechat_account', objectId: account.id, detail: { kind: account.kind, appId: account.appId } });
      return reply.status(201).send(account);
    },
  });

  app.patch('/channels/wechat/accounts/:id', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['channels'], params: idParamsSchema, body: updateWechatAccountBodySchema, response: { 200: wechatAccountDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      if (req.body.apiBaseUrl !== undefined) await checkApiBaseUrl(req.body.apiBaseUrl);
      const account = await accounts.update(staff, req.params.id, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'wechat_account.updated', objectType: 'wechat_account', objectId: account.id, detail: { fields: Object.keys(req.body) } });
      return account;
    },
  });

  app.delete('/channels/wechat/accounts/:id', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['channels'], params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      await accounts.remove(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'wechat_account.deleted', objectType: 'wechat_account', objectId: req.params.id });
      return reply.status(204).send();
    },
  });

  await app.register(callbackRoutes, { callback, runLater });
};

/**
 * The public callback WeChat calls, in its own context: the body is read as text whatever its type, XML or
 * (a 小程序 in JSON mode) JSON, so a 64-bit MsgId keeps its digits and the signature covers what was sent.
 */
const callbackRoutes: FastifyPluginAsyncZod<Pick<WechatRoutesOptions, 'callback' | 'runLater'>> = async (app, { callback, runLater }) => {
  // Only in this context: the app's own JSON parser stays for every other route.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['text/xml', 'application/xml', 'text/plain', 'application/json'], { parseAs: 'string', bodyLimit: CALLBACK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/channels/wechat/:accountId/callback', {
    config: { auth: 'public' },
    schema: { tags: ['channels'], description: 'WeChat’s URL verification: answers the echostr when the signature matches.', params: callbackParams, querystring: callbackQuery },
    handler: async (req, reply) => {
      const echo = await callback.withAccount(req.params.accountId, async (_ctx, account) => callback.verifyUrl(account, req.query));
      return reply.type('text/plain; charset=utf-8').send(echo);
    },
  });

  app.post('/channels/wechat/:accountId/callback', {
    config: { auth: 'public' },
    bodyLimit: CALLBACK_BODY_LIMIT,
    schema: {
      tags: ['channels'],
      description: 'WeChat’s message push: XML, or JSON for a 小程序 set to JSON; plaintext or encrypted. Answers `success` as soon as the message is stored; the bot’s reply follows through the customer-service API.',
      params: callbackParams,
      querystring: callbackQuery,
    },
    handler: async (req, reply) => {
      const body = typeof req.body === 'string' ? req.body : '';
      const { tenantId, later } = await callback.withAccount(req.params.accountId, async (ctx, account) => ({ tenantId: ctx.tenantId, ...(await callback.receive(ctx, account, req.query, body)) }));
      if (later) runLater(tenantId, later);
      return reply.type('text/plain; charset=utf-8').send('success');
    },
  });
};
