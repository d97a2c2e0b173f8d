import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import { idParamsSchema, plainTextSchema } from '../http/common-schemas.js';
import type { ConsentLedger } from './consent-ledger.js';
import type { PrivacyRequestService } from './privacy-request-service.js';
import { CONSENT_SCOPES } from './privacy-schema.js';
import { noticeSchema, retentionSchema } from './privacy-settings.js';
import type { PrivacySettingsService } from './privacy-settings-service.js';
import type { RetentionPurge } from './retention-purge.js';
import { SubjectArchive } from './subject-archive.js';

const settingsDto = z.object({
  notice: z.object({ text: z.string(), url: z.string().nullable(), version: z.int(), updatedAt: z.string().nullable() }),
  requireNoticeConsent: z.boolean(),
  retention: retentionSchema,
  mainlandProvidersOnly: z.boolean(),
});

const requestDto = z.object({
  id: z.string(),
  kind: z.enum(['export', 'delete', 'anonymise']),
  subjectType: z.enum(['visitor', 'external_id']),
  subjectRef: z.string(),
  status: z.enum(['open', 'completed', 'rejected']),
  requestedBy: z.string(),
  note: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  result: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

const consentState = z.object({ granted: z.boolean(), noticeVersion: z.int(), at: z.string() });

export interface PrivacyRouteDeps {
  db: Kysely<Database>;
  settings: PrivacySettingsService;
  consents: ConsentLedger;
  requests: PrivacyRequestService;
  retention: RetentionPurge;
  conversations: ConversationRepository;
  audit: AuditLog;
}

/** Privacy settings, data subjects' requests and retention reports for admins; notice and consent for the widget; the audited reveal for agents. */
export const privacyRoutes: FastifyPluginAsyncZod<PrivacyRouteDeps> = async (app, { db, settings, consents, requests, retention, conversations, audit }) => {
  app.get('/privacy/settings', {
    config: { auth: 'privacy.manage' },
    schema: { tags: ['privacy'], response: { 200: settingsDto } },
    handler: async (req) => settings.get(staffOf(req)),
  });

  app.put('/privacy/settings', {
    config: { auth: 'privacy.manage' },
    schema: {
      tags: ['privacy'],
      body: z.strictObject({ notice: noticeSchema.optional(), requireNoticeConsent: z.boolean().optional(), retention: retentionSchema.partial().optional(), mainlandProvidersOnly: z.boolean().optional() }),
      response: { 200: settingsDto },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      return settings.update(staff, req.body, auditActor(staff));
    },
  });

  app.get('/privacy/requests', {
    config: { auth: 'privacy.manage' },
    schema: { tags: ['privacy'], response: { 200: z.object({ items: z.array(requestDto) }) } },
    handler: async (req) => ({ items: await requests.list(staffOf(req)) }),
  });

  app.post('/privacy/requests', {
    config: { auth: 'privacy.manage' },
    schema: {
      tags: ['privacy'],
      description: 'Records a data subject request (due in 15 China working days). Export: download GET …/archive. Delete or anonymise: POST …/execute.',
      body: z.strictObject({
        kind: z.enum(['export', 'delete', 'anonymise']),
        subject: z.strictObject({ type: z.enum(['visitor', 'external_id']).describe('A visitor id, or the user id your site passes to the widget (setUser)'), ref: z.string().trim().min(1).max(200) }),
        note: plainTextSchema(1000).optional(),
      }),
      response: { 201: requestDto },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const created = await requests.create(staff, { kind: req.body.kind, subjectType: req.body.subject.type, subjectRef: req.body.subject.ref, note: req.body.note }, auditActor(staff));
      return reply.status(201).send(created);
    },
  });

  app.get('/privacy/requests/:id', {
    config: { auth: 'privacy.manage' },
    schema: { tags: ['privacy'], params: idParamsSchema, response: { 200: requestDto } },
    handler: async (req) => requests.get(staffOf(req), req.params.id),
  });

  app.post('/privacy/requests/:id/execute', {
    config: { auth: 'privacy.manage' },
    schema: { tags: ['privacy'], params: idParamsSchema, response: { 200: requestDto } },
    handler: async (req) => {
      const staff = staffOf(req);
      return requests.erase(staff, req.params.id, auditActor(staff));
    },
  });

  app.get('/privacy/requests/:id/archive', {
    config: { auth: 'privacy.manage' },
    schema: { tags: ['privacy'], description: 'The subject’s data as a .tar.gz (JSON and CSV per record set, attachments as files), streamed.', params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const found = await requests.get(staff, req.params.id);
      if (found.kind !== 'export') throw new NotFoundError('Export request');
      const archive = new SubjectArchive();
      const scope = TenantScope.current();
      // Rows are read while the bytes go out; a failure part-way ends the download with an error rather than a short file.
      void TenantScope.within(scope ?? { tenantId: staff.tenantId, allTenants: false }, () =>
        requests.export(staff, found.id, archive, auditActor(staff)).catch((err: Error) => {
          req.log.error({ err }, 'privacy export failed');
          archive.abort(err);
        }),
      );
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="privacy-export-${found.id}.tar.gz"`)
        .send(archive.stream);
    },
  });

  app.get('/privacy/retention/runs', {
    config: { auth: 'privacy.manage' },
    schema: { tags: ['privacy'], response: { 200: z.object({ items: z.array(z.object({ ranAt: z.string(), removed: z.record(z.string(), z.number()) })) }) } },
    handler: async (req) => ({ items: await retention.runs(staffOf(req)) }),
  });

  app.post('/conversations/:id/messages/:messageId/reveal', {
    config: { auth: 'pii.reveal' },
    schema: {
      tags: ['privacy'],
      description: 'The message text with ID and bank card numbers unmasked; each call is audited.',
      params: z.strictObject({ id: z.uuid(), messageId: z.uuid() }),
      response: { 200: z.object({ id: z.string(), text: z.string() }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      await conversations.assertAccessible(staff, req.params.id);
      const message = await db.selectFrom('messages').select(['id', 'text']).where('tenant_id', '=', staff.tenantId).where('conversation_id', '=', req.params.id).where('id', '=', req.params.messageId).executeTakeFirst();
      if (!message) throw new NotFoundError('Message');
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'pii.revealed', objectType: 'message', objectId: message.id, detail: { conversationId: req.params.id } });
      return message;
    },
  });

  app.get('/widget/privacy/notice', {
    config: { auth: 'public' },
    schema: {
      tags: ['widget'],
      querystring: z.strictObject({ tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a tenant slug') }),
      response: { 200: z.object({ text: z.string(), url: z.string().nullable(), version: z.int(), required: z.boolean() }) },
    },
    handler: async (req) => {
      const found = await TenantScope.asSystem(() => settings.getBySlug(req.query.tenant));
      if (!found) throw new NotFoundError('Tenant');
      const { notice, requireNoticeConsent } = found.settings;
      return { text: notice.text, url: notice.url, version: notice.version, required: requireNoticeConsent };
    },
  });

  app.get('/widget/privacy/consents', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      response: { 200: z.object({ current: z.record(z.string(), consentState), history: z.array(z.object({ scope: z.string(), action: z.string(), noticeVersion: z.int(), createdAt: z.string() })) }) },
    },
    handler: async (req) => {
      const visitor = visitorOf(req);
      const history = await consents.history(visitor, visitor.visitorId);
      return { current: await consents.current(visitor, visitor.visitorId), history: history.map(({ scope, action, noticeVersion, createdAt }) => ({ scope, action, noticeVersion, createdAt })) };
    },
  });

  app.post('/widget/privacy/consents', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      description: 'Gives or withdraws one consent: the notice (with the version shown), or separate consent for ID numbers, bank cards or recordings.',
      body: z.strictObject({ scope: z.enum(CONSENT_SCOPES), action: z.enum(['granted', 'withdrawn']), noticeVersion: z.int().positive(), conversationId: z.uuid().optional() }),
      response: { 201: z.object({ id: z.string(), scope: z.string(), action: z.string(), noticeVersion: z.int(), createdAt: z.string() }) },
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      const { notice } = await settings.get(visitor);
      // Consent is to a text the visitor saw: an outdated or future version is not the notice in force.
      if (req.body.noticeVersion !== notice.version) {
        throw new ConflictError(`The privacy notice in force is version ${notice.version}; show it again and ask once more`, 'notice_version_mismatch');
      }
      if (req.body.conversationId) await conversations.assertAccessible(visitor, req.body.conversationId, visitor.visitorId);
      const record = await consents.record(visitor, { visitorId: visitor.visitorId, conversationId: req.body.conversationId ?? null, scope: req.body.scope, action: req.body.action, noticeVersion: req.body.noticeVersion });
      return reply.status(201).send({ id: record.id, scope: record.scope, action: record.action, noticeVersion: record.noticeVersion, createdAt: record.createdAt });
    },
  });
};
