import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { identitySecretContext } from '../tenancy/tenant-repository.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { webhookSecretContext } from '../webhooks/webhook-endpoint-service.js';
import { mfaSecretContext } from './mfa-service.js';
import type { SecretBox } from './secret-box.js';

export interface ResealReport {
  /** Stored secrets looked at. */
  checked: number;
  /** Of those, sealed again with the current key (they were plaintext or sealed with a previous key). */
  resealed: number;
}

/**
 * Seals every stored secret with the current key, so that a key being rotated out
 * (ZHIDA_SECRET_KEY_PREVIOUS) can then be dropped. The server also does this to each
 * value when it next uses it; this does all of them at once. Each update is a
 * compare-and-set, so a secret a user or admin changes meanwhile is left as they set it.
 * A value no key opens throws SecretBoxError and stops the run: it needs a human.
 */
export class SecretResealer {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  async resealAll(): Promise<ResealReport> {
    const report: ResealReport = { checked: 0, resealed: 0 };
    const tenants = await this.db.selectFrom('tenants').select(['id', 'identity_secret']).where('identity_secret', 'is not', null).execute();
    for (const t of tenants) {
      const fresh = this.fresh(t.identity_secret!, identitySecretContext(t.id));
      report.checked++;
      if (fresh === null) continue;
      await this.db.updateTable('tenants').set({ identity_secret: fresh }).where('id', '=', t.id).where('identity_secret', '=', t.identity_secret).execute();
      report.resealed++;
    }
    const users = await this.db
      .selectFrom('users')
      .select(['id', 'tenant_id', 'mfa_secret', 'mfa_pending_secret'])
      .where((eb) => eb.or([eb('mfa_secret', 'is not', null), eb('mfa_pending_secret', 'is not', null)]))
      .execute();
    for (const u of users) {
      for (const column of ['mfa_secret', 'mfa_pending_secret'] as const) {
        const stored = u[column];
        if (stored === null) continue;
        report.checked++;
        const fresh = this.fresh(stored, mfaSecretContext(u.tenant_id, u.id));
        if (fresh === null) continue;
        await this.db.updateTable('users').set({ [column]: fresh }).where('tenant_id', '=', u.tenant_id).where('id', '=', u.id).where(column, '=', stored).execute();
        report.resealed++;
      }
    }
    const tickets = ticketDatabase(this.db);
    const endpoints = await tickets.selectFrom('webhook_endpoints').select(['id', 'tenant_id', 'secret']).execute();
    for (const e of endpoints) {
      report.checked++;
      const fresh = this.fresh(e.secret, webhookSecretContext(e.tenant_id, e.id));
      if (fresh === null) continue;
      await tickets.updateTable('webhook_endpoints').set({ secret: fresh }).where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).where('secret', '=', e.secret).execute();
      report.resealed++;
    }
    return report;
  }

  /** The value sealed with the current key, or null when it already is. */
  private fresh(stored: string, context: string): string | null {
    const { plaintext, stale } = this.box.read(stored, context);
    return stale ? this.box.seal(plaintext, context) : null;
  }
}
