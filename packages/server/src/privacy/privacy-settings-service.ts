import { sql, type Kysely } from 'kysely';
import type { AuditEntry, AuditLog } from '../auth/audit-log.js';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { privacySettingsFrom, type PrivacySettings, type RetentionDays } from './privacy-settings.js';

export interface PrivacySettingsPatch {
  notice?: { text: string; url: string | null };
  requireNoticeConsent?: boolean;
  retention?: Partial<RetentionDays>;
  mainlandProvidersOnly?: boolean;
}

/**
 * A tenant's privacy settings, kept in `tenants.settings` (JSON): the notice (a new text or link is a
 * new version, which visitors accept again), retention per data class, and the mainland-only switch.
 */
export class PrivacySettingsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
  ) {}

  async get(ctx: TenantContext): Promise<PrivacySettings> {
    const row = await this.db.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirst();
    if (!row) throw new NotFoundError('Tenant');
    return privacySettingsFrom(row.settings ?? {});
  }

  /** Settings by tenant slug, for the widget before it has a visitor token. */
  async getBySlug(slug: string): Promise<{ tenantId: string; settings: PrivacySettings } | null> {
    const row = await this.db.selectFrom('tenants').select(['id', 'settings']).where('slug', '=', slug).executeTakeFirst();
    return row ? { tenantId: row.id, settings: privacySettingsFrom(row.settings ?? {}) } : null;
  }

  async update(ctx: TenantContext, patch: PrivacySettingsPatch, actor: Pick<AuditEntry, 'actorType' | 'actorId'>): Promise<PrivacySettings> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirst();
      if (!row) throw new NotFoundError('Tenant');
      const current = privacySettingsFrom(row.settings ?? {});
      const stored = { ...((row.settings?.privacy as Record<string, unknown> | undefined) ?? {}) };
      const noticeChanged = patch.notice !== undefined && (patch.notice.text !== current.notice.text || patch.notice.url !== current.notice.url);
      if (noticeChanged && patch.notice) {
        stored.notice = { text: patch.notice.text, url: patch.notice.url, version: current.notice.version + 1, updatedAt: new Date().toISOString() };
      }
      if (patch.requireNoticeConsent !== undefined) stored.requireNoticeConsent = patch.requireNoticeConsent;
      if (patch.retention) stored.retention = { ...current.retention, ...patch.retention };
      const top: Record<string, unknown> = { privacy: stored };
      // Top level, under the name the grounded-LLM work uses too, so both branches read one switch.
      if (patch.mainlandProvidersOnly !== undefined) top.mainlandProvidersOnly = patch.mainlandProvidersOnly;
      await trx
        .updateTable('tenants')
        .set({ settings: sql<string>`coalesce(settings, '{}'::jsonb) || ${JSON.stringify(top)}::jsonb` })
        .where('id', '=', ctx.tenantId)
        .execute();
      const next = privacySettingsFrom({ ...(row.settings ?? {}), ...top });
      return { next, noticeChanged };
    }).then(async ({ next, noticeChanged }) => {
      await this.audit.record({ tenantId: ctx.tenantId, ...actor, action: 'privacy.settings_updated', detail: { fields: Object.keys(patch), noticeVersion: noticeChanged ? next.notice.version : undefined } });
      return next;
    });
  }
}
