import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ErasureMode, PersonalDataHolder, PersonalDataSubject } from './personal-data-holder.js';
import { privacyDatabase, type PrivacyDatabase } from './privacy-schema.js';
import type { RetentionDays } from './privacy-settings.js';
import type { SubjectArchive } from './subject-archive.js';

const DAY_MS = 86_400_000;

/**
 * A customer's tickets: the ticket with its contact fields, the public timeline, attachments, and
 * the copies made of them — search tokens, classifier training examples, queued webhook payloads.
 */
export class TicketDataHolder implements PersonalDataHolder {
  readonly name = 'tickets';
  private readonly db: Kysely<PrivacyDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = privacyDatabase(db);
  }

  private async ticketIds(subject: PersonalDataSubject): Promise<string[]> {
    if (subject.visitorIds.length === 0 && !subject.externalId) return [];
    const rows = await this.db
      .selectFrom('tickets')
      .select('id')
      .where('tenant_id', '=', subject.tenantId)
      .where((eb) => {
        const ors = [];
        if (subject.visitorIds.length > 0) ors.push(eb('visitor_id', 'in', subject.visitorIds));
        if (subject.externalId) ors.push(eb('customer_ref', '=', subject.externalId));
        return eb.or(ors);
      })
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.id);
  }

  async export(subject: PersonalDataSubject, archive: SubjectArchive): Promise<number> {
    const ids = await this.ticketIds(subject);
    if (ids.length === 0) return 0;
    const t = subject.tenantId;
    const tickets = await this.db
      .selectFrom('tickets')
      .select(['id', 'number', 'subject', 'description', 'status', 'priority', 'channel', 'conversation_id', 'customer_ref', 'contact_name', 'contact_phone', 'contact_email', 'fields', 'created_at', 'updated_at', 'resolved_at', 'closed_at'])
      .where('tenant_id', '=', t)
      .where('id', 'in', ids)
      .execute();
    // The public timeline is what the customer was told and told us; internal notes stay with the team.
    const events = await this.db.selectFrom('ticket_events').select(['ticket_id', 'seq', 'type', 'actor_type', 'body', 'created_at']).where('tenant_id', '=', t).where('ticket_id', 'in', ids).where('public', '=', true).orderBy('ticket_id').orderBy('seq').execute();
    await archive.json('tickets/tickets.json', tickets.map((tk) => ({ ...tk, events: events.filter((e) => e.ticket_id === tk.id) })));
    await archive.csv('tickets/tickets.csv', tickets.map(({ fields: _fields, ...rest }) => rest));
    const files = await this.db.selectFrom('ticket_attachments').select(['id', 'ticket_id', 'filename', 'data']).where('tenant_id', '=', t).where('ticket_id', 'in', ids).where('uploaded_by', '=', 'customer').execute();
    for (const f of files) await archive.file(`tickets/attachments/${f.ticket_id}/${f.id}-${f.filename}`, Buffer.from(f.data));
    return tickets.length + files.length;
  }

  async erase(subject: PersonalDataSubject, mode: ErasureMode): Promise<Record<string, number>> {
    const ids = await this.ticketIds(subject);
    if (ids.length === 0) return { tickets: 0 };
    const t = subject.tenantId;
    return this.db.transaction().execute(async (trx) => {
      const examples = await trx.deleteFrom('ticket_training_examples').where('tenant_id', '=', t).where('ticket_id', 'in', ids).executeTakeFirst();
      const webhooks = await trx
        .deleteFrom('webhook_deliveries')
        .where('tenant_id', '=', t)
        .where(sql<string>`payload->'data'->>'ticketId'`, 'in', ids)
        .executeTakeFirst();
      const attachments = await trx.deleteFrom('ticket_attachments').where('tenant_id', '=', t).where('ticket_id', 'in', ids).executeTakeFirst();
      const tokens = await trx.deleteFrom('ticket_search_tokens').where('tenant_id', '=', t).where('ticket_id', 'in', ids).executeTakeFirst();
      const counts = { tickets: ids.length, attachments: Number(attachments.numDeletedRows), searchTokens: Number(tokens.numDeletedRows), trainingExamples: Number(examples.numDeletedRows), webhookDeliveries: Number(webhooks.numDeletedRows) };
      if (mode === 'delete') {
        await trx.deleteFrom('tickets').where('tenant_id', '=', t).where('id', 'in', ids).execute();
        return counts;
      }
      await trx
        .updateTable('tickets')
        .set({ subject: '[已匿名]', description: '', customer_ref: null, contact_name: null, contact_phone: null, contact_email: null, fields: '{}', search_text: '', classification: null })
        .where('tenant_id', '=', t)
        .where('id', 'in', ids)
        .execute();
      await trx.updateTable('ticket_events').set({ body: null, data: '{}' }).where('tenant_id', '=', t).where('ticket_id', 'in', ids).execute();
      return counts;
    });
  }

  async purgeExpired(ctx: TenantContext, retention: RetentionDays, now: Date): Promise<Record<string, number>> {
    // Tickets are business records with their own lifecycle; only the files customers attached expire here.
    const before = new Date(now.getTime() - retention.attachments * DAY_MS);
    const files = await this.db.deleteFrom('ticket_attachments').where('tenant_id', '=', ctx.tenantId).where('created_at', '<', before).executeTakeFirst();
    return { ticketAttachments: Number(files.numDeletedRows) };
  }
}
