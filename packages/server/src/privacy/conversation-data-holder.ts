import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ErasureMode, PersonalDataHolder, PersonalDataSubject } from './personal-data-holder.js';
import { privacyDatabase, type PrivacyDatabase } from './privacy-schema.js';
import type { RetentionDays } from './privacy-settings.js';
import type { SubjectArchive } from './subject-archive.js';

const DAY_MS = 86_400_000;
const ANONYMISED = '[已匿名]';

/**
 * The chat side of a customer: their conversations and messages, what the bot collected on the way
 * (self-service verifications, actions, uploads), handoff requests and the agent-assist suggestions
 * shown for those chats, plus copies of their words mined into knowledge-base suggestions.
 */
export class ConversationDataHolder implements PersonalDataHolder {
  readonly name = 'conversations';
  private readonly db: Kysely<PrivacyDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = privacyDatabase(db);
  }

  private async conversationIds(subject: PersonalDataSubject): Promise<string[]> {
    if (subject.visitorIds.length === 0) return [];
    const rows = await this.db.selectFrom('conversations').select('id').where('tenant_id', '=', subject.tenantId).where('visitor_id', 'in', subject.visitorIds).orderBy('created_at').execute();
    return rows.map((r) => r.id);
  }

  async export(subject: PersonalDataSubject, archive: SubjectArchive): Promise<number> {
    const ids = await this.conversationIds(subject);
    let written = 0;
    for (const id of ids) {
      const scope = (table: 'conversations') => this.db.selectFrom(table).where('tenant_id', '=', subject.tenantId).where('id', '=', id);
      const conversation = await scope('conversations').select(['id', 'visitor_id', 'status', 'handoff', 'disposition', 'created_at', 'updated_at', 'closed_at']).executeTakeFirstOrThrow();
      // Staff-only notes are the agents' working notes, not the customer's data; everything the customer saw or said is here.
      const messages = await this.db
        .selectFrom('messages')
        .select(['seq', 'sender_type', 'sender_name', 'text', 'created_at'])
        .where('tenant_id', '=', subject.tenantId)
        .where('conversation_id', '=', id)
        .where('internal', '=', false)
        .orderBy('seq')
        .execute();
      const verifications = await this.db.selectFrom('selfservice_verifications').select(['customer_id', 'mobile', 'verified_at']).where('tenant_id', '=', subject.tenantId).where('conversation_id', '=', id).execute();
      const actions = await this.db.selectFrom('selfservice_actions').select(['name', 'outcome', 'created_at']).where('tenant_id', '=', subject.tenantId).where('conversation_id', '=', id).execute();
      const handoffs = await this.db.selectFrom('handoff_requests').select(['reason', 'status', 'queued_at']).where('tenant_id', '=', subject.tenantId).where('conversation_id', '=', id).execute();
      await archive.json(`conversations/${id}/conversation.json`, { ...conversation, handoffRequests: handoffs, verifications, selfServiceActions: actions });
      await archive.json(`conversations/${id}/messages.json`, messages);
      await archive.csv(`conversations/${id}/messages.csv`, messages);
      const files = await this.db.selectFrom('selfservice_attachments').select(['id', 'filename', 'content_type', 'size', 'data', 'created_at']).where('tenant_id', '=', subject.tenantId).where('conversation_id', '=', id).execute();
      for (const f of files) await archive.file(`conversations/${id}/attachments/${f.id}-${f.filename}`, Buffer.from(f.data));
      written += 1 + messages.length + files.length;
    }
    return written;
  }

  async erase(subject: PersonalDataSubject, mode: ErasureMode): Promise<Record<string, number>> {
    const ids = await this.conversationIds(subject);
    if (ids.length === 0) return { conversations: 0, messages: 0 };
    const t = subject.tenantId;
    const texts = await this.db.selectFrom('messages').select(['id', 'text']).where('tenant_id', '=', t).where('conversation_id', 'in', ids).where('sender_type', '=', 'visitor').execute();
    const suggestionsTrimmed = await this.forgetMinedQuestions(t, new Set(texts.map((m) => m.text.trim()).filter(Boolean)));
    // Suggestions shown in other chats that quote these messages (similar conversations).
    const quoted = texts.length ? await this.db.deleteFrom('assist_suggestions').where('tenant_id', '=', t).where('ref_id', 'in', texts.map((m) => m.id)).executeTakeFirst() : { numDeletedRows: 0n };
    const messageCount = await this.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('conversation_id', 'in', ids).executeTakeFirstOrThrow();
    const counts: Record<string, number> = { conversations: ids.length, messages: Number(messageCount.n), quotedSuggestions: Number(quoted.numDeletedRows), minedQuestionsTrimmed: suggestionsTrimmed };
    if (mode === 'delete') {
      // Messages, self-service rows, uploads, handoff requests and assist suggestions go with their conversation (on delete cascade).
      await this.db.deleteFrom('conversations').where('tenant_id', '=', t).where('id', 'in', ids).execute();
      return counts;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('messages').set({ text: ANONYMISED, sender_name: null, meta: '{}', quick_replies: '[]' }).where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
      await trx.updateTable('conversations').set({ bot_state: null }).where('tenant_id', '=', t).where('id', 'in', ids).execute();
      await trx.deleteFrom('selfservice_attachments').where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
      await trx.deleteFrom('selfservice_verifications').where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
      await trx.deleteFrom('selfservice_otps').where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
      await trx.updateTable('selfservice_actions').set({ outcome: null }).where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
      await trx.deleteFrom('assist_suggestions').where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
      await trx.updateTable('handoff_requests').set({ required_skills: '[]' }).where('tenant_id', '=', t).where('conversation_id', 'in', ids).execute();
    });
    return counts;
  }

  /** Top-question mining copies customers' words into suggestions: drop this customer's from them. */
  private async forgetMinedQuestions(tenantId: string, texts: Set<string>): Promise<number> {
    if (texts.size === 0) return 0;
    const suggestions = await this.db.selectFrom('kb_suggestions').select(['id', 'question', 'paraphrases']).where('tenant_id', '=', tenantId).execute();
    let changed = 0;
    for (const s of suggestions) {
      const kept = s.paraphrases.filter((p) => !texts.has(textOf(p).trim()));
      if (texts.has(s.question.trim())) {
        await this.db.deleteFrom('kb_suggestions').where('tenant_id', '=', tenantId).where('id', '=', s.id).execute();
        changed++;
      } else if (kept.length !== s.paraphrases.length) {
        await this.db.updateTable('kb_suggestions').set({ paraphrases: JSON.stringify(kept) }).where('tenant_id', '=', tenantId).where('id', '=', s.id).execute();
        changed++;
      }
    }
    return changed;
  }

  async purgeExpired(ctx: TenantContext, retention: RetentionDays, now: Date): Promise<Record<string, number>> {
    const t = ctx.tenantId;
    const attachmentsBefore = new Date(now.getTime() - retention.attachments * DAY_MS);
    const files = await this.db.deleteFrom('selfservice_attachments').where('tenant_id', '=', t).where('created_at', '<', attachmentsBefore).executeTakeFirst();
    // A conversation expires by its last activity; an open one that has been idle that long is abandoned.
    const before = new Date(now.getTime() - retention.conversations * DAY_MS);
    const expired = await this.db.selectFrom('conversations').select('id').where('tenant_id', '=', t).where('updated_at', '<', before).execute();
    let messages = 0;
    if (expired.length > 0) {
      const ids = expired.map((c) => c.id);
      const n = await this.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('conversation_id', 'in', ids).executeTakeFirstOrThrow();
      messages = Number(n.n);
      await this.db.deleteFrom('conversations').where('tenant_id', '=', t).where('id', 'in', ids).execute();
    }
    // Visitors with nothing left and no recent activity carry only a token and a name.
    const visitors = await this.db
      .deleteFrom('visitors')
      .where('tenant_id', '=', t)
      .where('created_at', '<', before)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('conversations').select(sql`1`.as('x')).whereRef('conversations.visitor_id', '=', 'visitors.id'))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('tickets').select(sql`1`.as('x')).whereRef('tickets.visitor_id', '=', 'visitors.id'))))
      .executeTakeFirst();
    return { conversations: expired.length, messages, attachments: Number(files.numDeletedRows), visitors: Number(visitors.numDeletedRows) };
  }
}

function textOf(p: unknown): string {
  return typeof p === 'string' ? p : typeof p === 'object' && p && 'text' in p ? String((p as { text: unknown }).text) : '';
}

/** A visitor token no one holds: the anonymised visitor can no longer be signed in as. */
export function unusableTokenHash(): string {
  return `erased:${randomBytes(16).toString('hex')}`;
}
