import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { privacySettingsFrom, type PrivacySettings } from './privacy-settings.js';
import { privacyDatabase, type ConsentScope, type PrivacyDatabase } from './privacy-schema.js';

/** The latest decision per scope: granted (with the notice version) or not. */
export type ConsentState = Partial<Record<ConsentScope, { granted: boolean; noticeVersion: number; at: string }>>;

export interface ConsentRecord {
  id: string;
  scope: ConsentScope;
  action: 'granted' | 'withdrawn';
  noticeVersion: number;
  conversationId: string | null;
  createdAt: string;
}

/**
 * Every consent a visitor gives or withdraws, with the notice version it answered and the time;
 * rows are only ever added, so the ledger is the history. A scope's current state is its latest row.
 * @example await ledger.record(ctx, { visitorId, scope: 'notice', action: 'granted', noticeVersion: 3 })
 */
export class ConsentLedger {
  private readonly db: Kysely<PrivacyDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = privacyDatabase(db);
  }

  async record(ctx: TenantContext, input: { visitorId: string; conversationId?: string | null; scope: ConsentScope; action: 'granted' | 'withdrawn'; noticeVersion: number }): Promise<ConsentRecord> {
    const row = {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      visitor_id: input.visitorId,
      conversation_id: input.conversationId ?? null,
      scope: input.scope,
      action: input.action,
      notice_version: input.noticeVersion,
      created_at: new Date(),
    };
    await this.db.insertInto('privacy_consents').values(row).execute();
    return toRecord(row);
  }

  async history(ctx: TenantContext, visitorId: string): Promise<ConsentRecord[]> {
    const rows = await this.db.selectFrom('privacy_consents').selectAll().where('tenant_id', '=', ctx.tenantId).where('visitor_id', '=', visitorId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** The latest decision per scope: granted (with the notice version) or not. */
  async current(ctx: TenantContext, visitorId: string): Promise<ConsentState> {
    return stateOf(await this.history(ctx, visitorId));
  }

  /**
   * current() and the tenant's privacy settings in one statement: the bot's consent gate needs both for every
   * visitor message, and on PGlite each statement is a parse, plan and execute in WebAssembly.
   */
  async currentWithSettings(ctx: TenantContext, visitorId: string): Promise<{ state: ConsentState; settings: PrivacySettings }> {
    const { rows } = await sql<{ settings: Record<string, unknown> | null; consents: { id: string; scope: ConsentScope; action: 'granted' | 'withdrawn'; notice_version: number; conversation_id: string | null; created_at: string }[] }>`
      select t.settings, coalesce((
        select json_agg(json_build_object('id', c.id, 'scope', c.scope, 'action', c.action, 'notice_version', c.notice_version, 'conversation_id', c.conversation_id, 'created_at', c.created_at) order by c.created_at, c.id)
        from privacy_consents c where c.tenant_id = t.id and c.visitor_id = ${visitorId}::uuid), '[]') as consents
      from tenants t where t.id = ${ctx.tenantId}::uuid`.execute(this.db);
    const row = rows[0];
    if (!row) throw new NotFoundError('Tenant');
    // json_agg gives the time as text: read back as the Date the other reads return.
    const records = row.consents.map((c) => toRecord({ ...c, created_at: new Date(c.created_at) }));
    return { state: stateOf(records), settings: privacySettingsFrom(row.settings ?? {}) };
  }

  async hasGranted(ctx: TenantContext, visitorId: string, scope: ConsentScope, minNoticeVersion = 0): Promise<boolean> {
    const latest = await this.db
      .selectFrom('privacy_consents')
      .select(['action', 'notice_version'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('visitor_id', '=', visitorId)
      .where('scope', '=', scope)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest?.action === 'granted' && latest.notice_version >= minNoticeVersion;
  }
}

function stateOf(records: readonly ConsentRecord[]): ConsentState {
  const state: ConsentState = {};
  for (const r of records) state[r.scope] = { granted: r.action === 'granted', noticeVersion: r.noticeVersion, at: r.createdAt };
  return state;
}

function toRecord(r: { id: string; scope: ConsentScope; action: 'granted' | 'withdrawn'; notice_version: number; conversation_id: string | null; created_at: Date }): ConsentRecord {
  return { id: r.id, scope: r.scope, action: r.action, noticeVersion: r.notice_version, conversationId: r.conversation_id, createdAt: r.created_at.toISOString() };
}
