import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { ConversationListPosition } from '../conversations/conversation-cursor.js';
import type { TicketAttachmentFile } from './ticket-attachment-files.js';
import type { TicketDatabase, TicketEventRow, TicketPriority, TicketRow, TicketStatus, TicketsTable } from './ticket-schema.js';

export const OPEN_TICKET_STATUSES = ['new', 'open', 'pending_customer'] as const satisfies readonly TicketStatus[];

/** A ticket with the names the console shows next to its ids. */
export type TicketViewRow = TicketRow & {
  category_key: string | null;
  category_name: string | null;
  group_name: string | null;
  assignee_name: string | null;
  position_updated_at: string;
};

export type TicketQueue = 'all' | 'mine' | 'my_groups' | 'unassigned' | 'triage' | 'due_soon' | 'breached';

export interface TicketListFilter {
  queue: TicketQueue;
  /** The caller, for `mine` and `my_groups`; null for an API key (those queues are then empty). */
  userId: string | null;
  status?: TicketStatus;
  priority?: TicketPriority;
  categoryId?: string;
  groupId?: string;
  assigneeId?: string;
  /** Tokens of `ticketQueryTokens`, every one must occur in search_text (looked up in ticket_search_tokens). */
  tokens?: string[];
  now: Date;
}

/** How close a deadline must be for the `due_soon` queue. */
export const DUE_SOON_MS = 2 * 60 * 60 * 1000;

export interface TicketAttachmentMeta {
  id: string;
  event_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  created_at: Date;
}

/**
 * Tickets, their events and attachments. Every method takes the tenant and filters by it (row-level
 * security stands behind); writes take the caller's transaction, in which the ticket row was locked.
 */
export class TicketRepository {
  constructor(private readonly db: Kysely<TicketDatabase>) {}

  /** `select … for update`: the lock every write to a ticket takes first. */
  lock(trx: Kysely<TicketDatabase>, tenantId: string, id: string): Promise<TicketRow | undefined> {
    return trx.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  }

  insert(trx: Kysely<TicketDatabase>, values: Insertable<TicketsTable>): Promise<TicketRow> {
    return trx.insertInto('tickets').values(values).returningAll().executeTakeFirstOrThrow();
  }

  update(trx: Kysely<TicketDatabase>, tenantId: string, id: string, set: Updateable<TicketsTable>): Promise<TicketRow> {
    return trx.updateTable('tickets').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async insertAttachments(trx: Kysely<TicketDatabase>, scope: { tenantId: string; ticketId: string; eventId: string }, files: readonly TicketAttachmentFile[], uploadedBy: 'customer' | 'agent' | 'bot' | 'api'): Promise<void> {
    if (files.length === 0) return;
    await trx
      .insertInto('ticket_attachments')
      .values(
        files.map((f) => ({
          id: randomUUID(),
          tenant_id: scope.tenantId,
          ticket_id: scope.ticketId,
          event_id: scope.eventId,
          filename: f.filename,
          content_type: f.contentType,
          size: f.size,
          sha256: f.sha256,
          data: f.data,
          uploaded_by: uploadedBy,
        })),
      )
      .execute();
  }

  /** The rows search finds a ticket by: its search_text tokens, written with it. */
  async insertSearchTokens(trx: Kysely<TicketDatabase>, tenantId: string, ticketId: string, tokens: readonly string[]): Promise<void> {
    if (tokens.length === 0) return;
    await trx
      .insertInto('ticket_search_tokens')
      .values(tokens.map((token) => ({ tenant_id: tenantId, ticket_id: ticketId, token })))
      .execute();
  }

  private viewQuery(db: Kysely<TicketDatabase>, tenantId: string) {
    return db
      .selectFrom('tickets as t')
      .leftJoin('ticket_categories as c', (j) => j.onRef('c.id', '=', 't.category_id').onRef('c.tenant_id', '=', 't.tenant_id'))
      .leftJoin('agent_groups as g', (j) => j.onRef('g.id', '=', 't.group_id').onRef('g.tenant_id', '=', 't.tenant_id'))
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 't.assignee_id').onRef('u.tenant_id', '=', 't.tenant_id'))
      .selectAll('t')
      .select(['c.key as category_key', 'c.name as category_name', 'g.name as group_name', 'u.name as assignee_name'])
      .select(sql<string>`to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position_updated_at'))
      .where('t.tenant_id', '=', tenantId);
  }

  async view(tenantId: string, id: string, db: Kysely<TicketDatabase> = this.db): Promise<TicketViewRow | undefined> {
    return (await this.viewQuery(db, tenantId).where('t.id', '=', id).executeTakeFirst()) as TicketViewRow | undefined;
  }

  /** The tickets a widget visitor may see: their own visitor id, or (verified) their customer ref. */
  async viewsForCustomer(tenantId: string, who: { visitorId: string; customerRef: string | null }, id?: string): Promise<TicketViewRow[]> {
    let q = this.viewQuery(this.db, tenantId).where((eb) => (who.customerRef ? eb.or([eb('t.visitor_id', '=', who.visitorId), eb('t.customer_ref', '=', who.customerRef)]) : eb('t.visitor_id', '=', who.visitorId)));
    if (id) q = q.where('t.id', '=', id);
    return (await q.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(100).execute()) as TicketViewRow[];
  }

  /** The tickets of a queue and filter, from the tickets table alone (names are joined to a page, not to the queue). */
  private filtered(tenantId: string, f: TicketListFilter) {
    let q = this.db.selectFrom('tickets as t').where('t.tenant_id', '=', tenantId);
    switch (f.queue) {
      case 'all':
        break;
      case 'mine':
        q = f.userId ? q.where('t.assignee_id', '=', f.userId) : q.where(sql<boolean>`false`);
        break;
      case 'my_groups': {
        const userId = f.userId;
        q = userId
          ? q.where('t.group_id', 'in', (eb) => eb.selectFrom('agent_group_members as m').select('m.group_id').where('m.tenant_id', '=', tenantId).where('m.user_id', '=', userId))
          : q.where(sql<boolean>`false`);
        break;
      }
      case 'unassigned':
        q = q.where('t.assignee_id', 'is', null).where('t.group_id', 'is not', null).where('t.status', 'in', OPEN_TICKET_STATUSES);
        break;
      case 'triage':
        q = q.where('t.group_id', 'is', null).where('t.needs_triage', '=', true).where('t.status', 'in', OPEN_TICKET_STATUSES);
        break;
      case 'due_soon':
        q = q
          .where('t.status', 'in', OPEN_TICKET_STATUSES)
          .where('t.breached', '=', false)
          .where('t.escalation_at', 'is not', null)
          .where('t.escalation_at', '<=', new Date(f.now.getTime() + DUE_SOON_MS));
        break;
      case 'breached':
        q = q.where('t.breached', '=', true).where('t.status', 'in', OPEN_TICKET_STATUSES);
        break;
    }
    if (f.status) q = q.where('t.status', '=', f.status);
    if (f.priority) q = q.where('t.priority', '=', f.priority);
    if (f.categoryId) q = q.where('t.category_id', '=', f.categoryId);
    if (f.groupId) q = q.where('t.group_id', '=', f.groupId);
    if (f.assigneeId) q = q.where('t.assignee_id', '=', f.assigneeId);
    const tokens = f.tokens ?? [];
    // The tickets holding each word come from ticket_search_tokens by index (migration 0016), which
    // holds exactly the words of search_text. Only a token that itself holds a space (words in a
    // row) also needs position() — a filter on every candidate ticket's text, so not for the rest.
    for (const word of new Set(tokens.flatMap((token) => token.split(' ').filter(Boolean)))) {
      q = q.where('t.id', 'in', (eb) => eb.selectFrom('ticket_search_tokens as s').select('s.ticket_id').where('s.tenant_id', '=', tenantId).where('s.token', '=', word));
    }
    for (const token of tokens.filter((x) => x.trim().includes(' '))) q = q.where(sql<boolean>`position(${` ${token.trim()} `} in t.search_text) > 0`);
    return q;
  }

  /**
   * One page ordered by `(updated_at desc, id desc)`, plus the total of the whole filtered queue.
   * The page is chosen from the tickets table alone (the list-order index, stopping after the page)
   * and only its rows get their names joined. The total is counted for the first page only: the
   * cursor carries it on (`knownTotal`), so page 21 of a large queue does not count it again.
   */
  async list(tenantId: string, f: TicketListFilter, page: { limit: number; after?: ConversationListPosition; knownTotal?: number | null }): Promise<{ rows: TicketViewRow[]; next: ConversationListPosition | null; total: number }> {
    let ids = this.filtered(tenantId, f);
    const after = page.after;
    if (after) ids = ids.where((eb) => eb(eb.refTuple('t.updated_at', 't.id'), '<', eb.tuple(sql<Date>`${after.updatedAt}::timestamptz`, sql<string>`${after.id}::uuid`)));
    const chosen = ids.selectAll('t').orderBy('t.updated_at', 'desc').orderBy('t.id', 'desc').limit(page.limit + 1);
    const rowsQuery = this.db
      .selectFrom(chosen.as('t'))
      .leftJoin('ticket_categories as c', (j) => j.onRef('c.id', '=', 't.category_id').onRef('c.tenant_id', '=', 't.tenant_id'))
      .leftJoin('agent_groups as g', (j) => j.onRef('g.id', '=', 't.group_id').onRef('g.tenant_id', '=', 't.tenant_id'))
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 't.assignee_id').onRef('u.tenant_id', '=', 't.tenant_id'))
      .selectAll('t')
      .select(['c.key as category_key', 'c.name as category_name', 'g.name as group_name', 'u.name as assignee_name'])
      .select(sql<string>`to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position_updated_at'))
      .orderBy('t.updated_at', 'desc')
      .orderBy('t.id', 'desc');
    const known = page.knownTotal ?? null;
    const [rows, total] = await Promise.all([
      rowsQuery.execute() as Promise<TicketViewRow[]>,
      known !== null
        ? Promise.resolve(known)
        : this.filtered(tenantId, f)
            .select(sql<number>`count(*)::int`.as('n'))
            .executeTakeFirstOrThrow()
            .then((r) => Number(r.n)),
    ]);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return { rows: items, next: rows.length > page.limit && last ? { updatedAt: last.position_updated_at, id: last.id } : null, total };
  }

  async events(tenantId: string, ticketId: string, options: { publicOnly: boolean; eventId?: string }): Promise<(TicketEventRow & { actor_name: string | null })[]> {
    let q = this.db
      .selectFrom('ticket_events as e')
      .leftJoin('users as u', (j) => j.on(sql<boolean>`e.actor_type = 'agent' and u.id::text = e.actor_id and u.tenant_id = e.tenant_id`))
      .selectAll('e')
      .select('u.name as actor_name')
      .where('e.tenant_id', '=', tenantId)
      .where('e.ticket_id', '=', ticketId);
    if (options.publicOnly) q = q.where('e.public', '=', true);
    // One event (the reply just written), not the whole timeline: a long ticket's history is read only when shown.
    if (options.eventId) q = q.where('e.id', '=', options.eventId);
    return q.orderBy('e.seq').execute();
  }

  attachments(tenantId: string, ticketId: string): Promise<TicketAttachmentMeta[]> {
    return this.db
      .selectFrom('ticket_attachments')
      .select(['id', 'event_id', 'filename', 'content_type', 'size', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** One file; with `publicOnly`, only one attached to a public event (never an internal note's). */
  attachment(tenantId: string, ticketId: string, attachmentId: string, options: { publicOnly: boolean }) {
    let q = this.db
      .selectFrom('ticket_attachments as a')
      .select(['a.id', 'a.filename', 'a.content_type', 'a.size', 'a.data'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.ticket_id', '=', ticketId)
      .where('a.id', '=', attachmentId);
    if (options.publicOnly) {
      q = q.where('a.event_id', 'in', (eb) => eb.selectFrom('ticket_events as e').select('e.id').where('e.tenant_id', '=', tenantId).where('e.ticket_id', '=', ticketId).where('e.public', '=', true));
    }
    return q.executeTakeFirst();
  }

  category(db: Kysely<TicketDatabase>, tenantId: string, ref: { id: string } | { key: string }) {
    let q = db.selectFrom('ticket_categories').selectAll().where('tenant_id', '=', tenantId);
    q = 'id' in ref ? q.where('id', '=', ref.id) : q.where('key', '=', ref.key);
    return q.executeTakeFirst();
  }

  group(db: Kysely<TicketDatabase>, tenantId: string, id: string) {
    return db.selectFrom('agent_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  /** An active staff user of the tenant (an assignee), or undefined. */
  user(db: Kysely<TicketDatabase>, tenantId: string, id: string) {
    return db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', id).where('active', '=', true).executeTakeFirst();
  }

  policyName(tenantId: string, id: string) {
    return this.db.selectFrom('sla_policies').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }
}
