import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AuditChainVerifier } from '../auth/audit-chain-verifier.js';
import { staffOf } from '../auth/auth-hooks.js';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import { idParamsSchema } from '../http/common-schemas.js';
import type { ConsentLedger } from './consent-ledger.js';

const subjectDto = z.object({ visitorId: z.string(), name: z.string().nullable(), externalId: z.string().nullable(), verified: z.boolean(), createdAt: z.string() });

const consentEntryDto = z.object({ id: z.string(), scope: z.string(), action: z.enum(['granted', 'withdrawn']), noticeVersion: z.int(), conversationId: z.string().nullable(), createdAt: z.string() });

const SEARCH_LIMIT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** LIKE treats % and _ as wildcards; a customer's name is matched as typed. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The console's 隐私 page beyond settings and requests: finding the data subject (a visitor), their consent
 * ledger, and the audit chain's verification for the tenant. All `privacy.manage`.
 */
export const privacySubjectRoutes: FastifyPluginAsyncZod<{ db: Kysely<Database>; consents: ConsentLedger }> = async (app, { db, consents }) => {
  app.get('/privacy/subjects', {
    config: { auth: 'privacy.manage' },
    schema: {
      tags: ['privacy'],
      description: 'Visitors whose id or your user id (setUser) equals the query, or whose name contains it; at most 20, newest first.',
      querystring: z.strictObject({ q: z.string().trim().min(1).max(200) }),
      response: { 200: z.object({ items: z.array(subjectDto) }) },
    },
    handler: async (req) => {
      const { tenantId } = staffOf(req);
      const q = req.query.q;
      const rows = await db
        .selectFrom('visitors')
        .select(['id', 'name', 'external_id', 'verified', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([...(UUID.test(q) ? [eb('id', '=', q.toLowerCase())] : []), eb('external_id', '=', q), eb('name', 'like', likeContains(q))]))
        .orderBy('created_at', 'desc')
        .limit(SEARCH_LIMIT)
        .execute();
      return { items: rows.map((r) => ({ visitorId: r.id, name: r.name, externalId: r.external_id, verified: r.verified, createdAt: new Date(r.created_at).toISOString() })) };
    },
  });

  app.get('/privacy/subjects/:id/consents', {
    config: { auth: 'privacy.manage' },
    schema: {
      tags: ['privacy'],
      description: "One visitor's consent ledger: every grant and withdrawal, oldest first, with the notice version it answered.",
      params: idParamsSchema,
      response: { 200: z.object({ items: z.array(consentEntryDto) }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      const visitor = await db.selectFrom('visitors').select('id').where('tenant_id', '=', staff.tenantId).where('id', '=', req.params.id).executeTakeFirst();
      if (!visitor) throw new NotFoundError('Visitor');
      return { items: await consents.history(staff, visitor.id) };
    },
  });

  app.get('/privacy/audit/verify', {
    config: { auth: 'privacy.manage' },
    schema: {
      tags: ['privacy'],
      description: "Recomputes the tenant's audit hash chain (as `npx zhida audit verify` does): any changed, removed or unchained entry is a break.",
      response: {
        200: z.object({
          checked: z.int(),
          firstSeq: z.int().nullable(),
          lastSeq: z.int().nullable(),
          intact: z.boolean(),
          breaks: z.array(z.object({ seq: z.int().nullable(), entryId: z.string().nullable(), problem: z.string(), message: z.string() })),
          verifiedAt: z.string(),
        }),
      },
    },
    handler: async (req) => {
      const report = await new AuditChainVerifier(db).verify(staffOf(req).tenantId);
      return { checked: report.checked, firstSeq: report.firstSeq, lastSeq: report.lastSeq, intact: report.breaks.length === 0, breaks: report.breaks, verifiedAt: new Date().toISOString() };
    },
  });
};
