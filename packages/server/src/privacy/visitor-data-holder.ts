import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { unusableTokenHash } from './conversation-data-holder.js';
import type { ErasureMode, PersonalDataHolder, PersonalDataSubject } from './personal-data-holder.js';
import { privacyDatabase, type PrivacyDatabase } from './privacy-schema.js';
import type { SubjectArchive } from './subject-archive.js';

/**
 * The visitor identities themselves and their consent ledger. Listed last: the other holders find
 * their rows through the visitor, and deleting it cascades to the consents.
 */
export class VisitorDataHolder implements PersonalDataHolder {
  readonly name = 'visitor';
  private readonly db: Kysely<PrivacyDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = privacyDatabase(db);
  }

  async export(subject: PersonalDataSubject, archive: SubjectArchive): Promise<number> {
    if (subject.visitorIds.length === 0) return 0;
    const visitors = await this.db.selectFrom('visitors').select(['id', 'external_id', 'name', 'verified', 'created_at']).where('tenant_id', '=', subject.tenantId).where('id', 'in', subject.visitorIds).execute();
    const consents = await this.db
      .selectFrom('privacy_consents')
      .select(['visitor_id', 'scope', 'action', 'notice_version', 'conversation_id', 'created_at'])
      .where('tenant_id', '=', subject.tenantId)
      .where('visitor_id', 'in', subject.visitorIds)
      .orderBy('created_at')
      .execute();
    await archive.json('visitor/identities.json', visitors);
    await archive.json('visitor/consents.json', consents);
    await archive.csv('visitor/consents.csv', consents);
    return visitors.length + consents.length;
  }

  async erase(subject: PersonalDataSubject, mode: ErasureMode): Promise<Record<string, number>> {
    if (subject.visitorIds.length === 0) return { visitors: 0 };
    const t = subject.tenantId;
    if (mode === 'delete') {
      const consents = await this.db.deleteFrom('privacy_consents').where('tenant_id', '=', t).where('visitor_id', 'in', subject.visitorIds).executeTakeFirst();
      const visitors = await this.db.deleteFrom('visitors').where('tenant_id', '=', t).where('id', 'in', subject.visitorIds).executeTakeFirst();
      return { visitors: Number(visitors.numDeletedRows), consents: Number(consents.numDeletedRows) };
    }
    // Anonymised: the row stays for the conversations that point at it, with no name, no link to
    // the tenant's user id and a token no one holds. The consent ledger keeps its pseudonymous rows.
    for (const id of subject.visitorIds) {
      await this.db.updateTable('visitors').set({ external_id: null, name: null, verified: false, token_hash: unusableTokenHash() }).where('tenant_id', '=', t).where('id', '=', id).execute();
    }
    return { visitors: subject.visitorIds.length };
  }
}
