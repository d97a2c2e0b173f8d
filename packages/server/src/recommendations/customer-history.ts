import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import { asSelfServiceDb, type SelfServiceDb } from '../selfservice/self-service-db.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

/** Who is asking, as far as this session proves it. */
export interface RecommendationSubject {
  visitorId: string;
  conversationId: string | null;
  /** The verified enterprise customer id (widget HMAC identity), else null. */
  verifiedCustomerId: string | null;
  /** Enterprise customer ids proven by this conversation's SMS checks, plus the verified one. */
  customerIds: string[];
}

const RECENT_TURNS = 100;

/**
 * What the platform itself knows about a visitor: who they proved to be, what they asked lately
 * (the intents of the bot's turns in their conversations — all of a verified customer's visitors,
 * else this visitor's), and which task a conversation just completed.
 */
export class CustomerHistory {
  private readonly db: SelfServiceDb;

  constructor(db: Kysely<Database>) {
    this.db = asSelfServiceDb(db);
  }

  /** 404 when `conversationId` is not this visitor's. */
  async subject(ctx: TenantContext, visitorId: string, conversationId: string | null): Promise<RecommendationSubject> {
    const visitor = await this.db.selectFrom('visitors').select(['external_id', 'verified']).where('tenant_id', '=', ctx.tenantId).where('id', '=', visitorId).executeTakeFirst();
    if (!visitor) throw new NotFoundError('Visitor');
    let otp: string[] = [];
    if (conversationId) {
      const own = await this.db.selectFrom('conversations').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).where('visitor_id', '=', visitorId).executeTakeFirst();
      if (!own) throw new NotFoundError('Conversation');
      const rows = await this.db.selectFrom('selfservice_verifications').select('customer_id').distinct().where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).limit(5).execute();
      otp = rows.map((r) => r.customer_id);
    }
    const verifiedCustomerId = visitor.verified && visitor.external_id ? visitor.external_id : null;
    return { visitorId, conversationId, verifiedCustomerId, customerIds: [...new Set([verifiedCustomerId, ...otp].filter((id): id is string => !!id))] };
  }

  async recentIntents(ctx: TenantContext, subject: RecommendationSubject, since: Date): Promise<{ intent: string; at: Date }[]> {
    let query = this.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.conversation_id'))
      .select([sql<string | null>`m.meta -> 'record' ->> 'intent'`.as('intent'), 'm.created_at'])
      .where('m.tenant_id', '=', ctx.tenantId)
      .where('m.sender_type', '=', 'bot')
      .where('m.created_at', '>=', since)
      .where(sql<boolean>`m.meta -> 'record' ->> 'intent' is not null`);
    if (subject.verifiedCustomerId) {
      const customerId = subject.verifiedCustomerId;
      query = query.where('c.visitor_id', 'in', (eb) =>
        eb.selectFrom('visitors').select('id').where('tenant_id', '=', ctx.tenantId).where('external_id', '=', customerId).where('verified', '=', true),
      );
    } else {
      query = query.where('c.visitor_id', '=', subject.visitorId);
    }
    const rows = await query.orderBy('m.created_at', 'desc').limit(RECENT_TURNS).execute();
    return rows.filter((r): r is { intent: string; created_at: Date } => !!r.intent).map((r) => ({ intent: r.intent, at: new Date(r.created_at) }));
  }

  /** The intent of the task this conversation's latest bot turn completed, if it was a completion. */
  async justCompleted(ctx: TenantContext, conversationId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('messages')
      .select([sql<string | null>`meta ->> 'kind'`.as('kind'), sql<string | null>`meta -> 'record' ->> 'intent'`.as('intent'), sql<string | null>`meta -> 'record' ->> 'flowId'`.as('flow')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('sender_type', '=', 'bot')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.kind === 'completed' ? row.intent : null;
  }
}
