import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors/app-error.js';
import type { DomainEvents } from '../events/domain-events.js';
import { nextReference } from '../selfservice/reference-numbers.js';
import { asSelfServiceDb } from '../selfservice/self-service-db.js';
import type { TicketAttachmentFile } from './ticket-attachment-files.js';
import { reopenUntil, TicketDtoBuilder } from './ticket-dto-builder.js';
import type { CustomerTicketDto, TicketDto, TicketEventDto, TicketSummaryDto } from './ticket-dto.js';
import { appendTicketEvent, appendTicketEvents, type TicketEventType } from './ticket-event-log.js';
import { validateTicketFields } from './ticket-field-values.js';
import { decodeTicketListCursor, encodeTicketListCursor } from './ticket-list-cursor.js';
import type { TicketClassificationResult, TicketClassifierPort, TicketOutboxPort, TicketRoutingPort, TicketSlaPort } from './ticket-ports.js';
import { OPEN_TICKET_STATUSES, TicketRepository, type TicketListFilter, type TicketQueue, type TicketViewRow } from './ticket-repository.js';
import type { TicketActorType, TicketChannel, TicketClassification, TicketDatabase, TicketEventRow, TicketPriority, TicketRow, TicketStatus, TicketsTable } from './ticket-schema.js';
import { searchTextTokens, ticketQueryTokens, ticketSearchText } from './ticket-search-text.js';

export interface TicketPorts {
  sla: TicketSlaPort;
  routing: TicketRoutingPort;
  classifier: TicketClassifierPort;
  outbox: TicketOutboxPort;
}

/** Who is changing a ticket; agents are users, `api` an API key, `customer` the widget visitor. */
export interface TicketActor {
  type: TicketActorType;
  id: string | null;
}

export interface NewTicketInput {
  channel: TicketChannel;
  description: string;
  subject?: string;
  /** A category the customer (or staff) chose; it wins over the classifier's guess. */
  categoryId?: string;
  /** Set by staff or an API client only; otherwise from the category and the classifier. */
  priority?: TicketPriority;
  contact?: { name?: string | null; phone?: string | null; email?: string | null };
  fields?: Record<string, string | number>;
  customerRef?: string | null;
  customerTier?: string | null;
  conversationId?: string | null;
  visitorId?: string | null;
  attachments?: TicketAttachmentFile[];
}

export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority;
  categoryId?: string;
  groupId?: string;
  assigneeId?: string | null;
}

/** Who a widget caller is as a ticket owner: their visitor id, and their customer ref when verified. */
export interface TicketCustomer {
  tenantId: string;
  visitorId: string;
  customerRef: string | null;
}

const PRIORITY_RANK: Record<TicketPriority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };
const SUBJECT_WORDS = 20;

function moreUrgent(a: TicketPriority, b: TicketPriority): TicketPriority {
  return PRIORITY_RANK[a] <= PRIORITY_RANK[b] ? a : b;
}

/** A priority raised by what the classifier read in the text: one step for anger, P1 at high risk. */
function raisedByTone(priority: TicketPriority, verdict: Pick<TicketClassificationResult, 'emotion' | 'risk'>): TicketPriority {
  if (verdict.risk === 'high') return 'P1';
  if (verdict.emotion !== 'anger') return priority;
  const rank = Math.max(1, PRIORITY_RANK[priority] - 1);
  return (Object.keys(PRIORITY_RANK) as TicketPriority[]).find((p) => PRIORITY_RANK[p] === rank)!;
}

function uploader(actor: TicketActor): 'customer' | 'agent' | 'bot' | 'api' {
  return actor.type === 'system' ? 'bot' : actor.type;
}

/** What a write did, to announce after its commit. */
interface Committed {
  ticket: TicketRow;
  eventType: TicketEventType;
  /** Hand the ticket to routing.assign after the commit (it takes its own locks). */
  assign?: boolean;
  /** Reopened: after the commit, routing checks the assignee can still work it (on duty, within their limit). */
  reopened?: boolean;
  invalidateClassifier?: boolean;
}

/**
 * The ticket lifecycle. Every write locks the ticket row (`for update`), changes it, appends its
 * events, lets the SLA recompute the deadlines and queues the webhook, all in one transaction;
 * only after the commit is the change announced (`ticket.changed`) and handed to routing.
 */
export class TicketService {
  readonly dto: TicketDtoBuilder;

  constructor(
    private readonly db: Kysely<TicketDatabase>,
    private readonly repo: TicketRepository,
    private readonly ports: TicketPorts,
    private readonly events: DomainEvents,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.dto = new TicketDtoBuilder(db, repo, ports.sla);
  }

  // ---- create ---------------------------------------------------------------------------------

  /** Files a ticket: classify, number, route, SLA, outbox — acknowledged only once committed. */
  async create(tenantId: string, input: NewTicketInput, actor: TicketActor): Promise<TicketRow> {
    const now = this.clock();
    const chosen = input.categoryId ? await this.repo.category(this.db, tenantId, { id: input.categoryId }) : undefined;
    if (input.categoryId && (!chosen || !chosen.active)) throw new NotFoundError('Ticket category');
    const fields = validateTicketFields(chosen?.fields ?? [], input.fields);
    let visitorId = input.visitorId ?? null;
    let customerRef = input.customerRef ?? null;
    if (input.conversationId) {
      const conversation = await this.db
        .selectFrom('conversations as c')
        .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
        .select(['c.visitor_id', 'v.verified', 'v.external_id'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.id', '=', input.conversationId)
        .executeTakeFirst();
      // A visitor may link only their own conversation; staff any of the tenant's.
      if (!conversation || (input.visitorId && conversation.visitor_id !== input.visitorId)) throw new NotFoundError('Conversation');
      visitorId ??= conversation.visitor_id;
      // A verified visitor's ticket belongs to the customer, so they see it from any device.
      if (customerRef === null && conversation.verified && conversation.external_id) customerRef = conversation.external_id;
    }
    const text = `${input.subject ?? ''}\n${input.description}`.trim();
    const verdict = await this.ports.classifier.classify(tenantId, text);
    const guessed = !chosen && verdict.categoryKey && !verdict.needsTriage ? await this.repo.category(this.db, tenantId, { key: verdict.categoryKey }) : undefined;
    const category = chosen ?? (guessed?.active ? guessed : undefined);
    const classification: TicketClassification = {
      categoryKey: category?.key ?? null,
      confidence: chosen ? 1 : verdict.confidence,
      priority: verdict.priority,
      source: chosen ? (actor.type === 'customer' ? 'customer' : 'agent') : 'nlu',
    };
    const subject = input.subject ?? defaultSubject(category?.name ?? null, input.description);

    const committed = await this.db.transaction().execute(async (trx) => {
      const number = await nextReference(asSelfServiceDb(trx as unknown as Kysely<Database>), tenantId, 'GD', now);
      // Below the classifier's threshold a guess is not routed: a person triages it.
      const toTriage = !chosen && verdict.needsTriage;
      const decision = toTriage ? null : await this.ports.routing.route(trx, tenantId, { categoryId: category?.id ?? null, categoryKey: category?.key ?? null, text, customerTier: input.customerTier ?? null });
      // A chosen category sets the base; the text only raises it by its tone (the classifier's
      // priority belongs to the category it guessed, which may not be the one chosen).
      const basePriority = chosen ? raisedByTone(chosen.default_priority, verdict) : moreUrgent(category?.default_priority ?? 'P3', verdict.priority);
      const priority = input.priority ?? decision?.priority ?? basePriority;
      const group = decision ? await this.repo.group(trx, tenantId, decision.groupId) : undefined;
      const contact = { name: input.contact?.name ?? null, phone: input.contact?.phone ?? null, email: input.contact?.email ?? null };
      const searchText = ticketSearchText({ number, subject, description: input.description, contact });
      const ticket = await this.repo.insert(trx, {
        id: randomUUID(),
        tenant_id: tenantId,
        number,
        subject,
        description: input.description,
        status: 'new',
        priority,
        category_id: category?.id ?? null,
        group_id: group?.id ?? null,
        assignee_id: null,
        needs_triage: !group,
        channel: input.channel,
        conversation_id: input.conversationId ?? null,
        visitor_id: visitorId,
        customer_ref: customerRef,
        customer_tier: input.customerTier ?? null,
        contact_name: contact.name,
        contact_phone: contact.phone,
        contact_email: contact.email,
        fields: JSON.stringify(fields),
        classification: JSON.stringify({ ...classification, ...(decision?.ruleId ? { source: chosen ? classification.source : 'rule' } : {}) }),
        search_text: searchText,
        created_at: now,
        updated_at: now,
      });
      await this.repo.insertSearchTokens(trx, tenantId, ticket.id, searchTextTokens(searchText));
      const [created] = await appendTicketEvents(trx, [
        { tenantId, ticketId: ticket.id, type: 'created', actorType: actor.type, actorId: actor.id, public: true, body: input.description, data: { channel: input.channel }, at: now },
        { tenantId, ticketId: ticket.id, type: 'classified', actorType: 'system', data: { ...classification, emotion: verdict.emotion, risk: verdict.risk, needsTriage: ticket.needs_triage }, at: now },
        ...(group ? [{ tenantId, ticketId: ticket.id, type: 'routed' as const, actorType: 'system' as const, public: true, data: { groupId: group.id, groupName: group.name, ruleId: decision?.ruleId ?? null }, at: now }] : []),
      ]);
      await this.repo.insertAttachments(trx, { tenantId, ticketId: ticket.id, eventId: created!.id }, input.attachments ?? [], uploader(actor));
      const final = await this.ports.sla.recompute(trx, ticket, now);
      await this.ports.outbox.enqueue(trx, tenantId, 'ticket.created', webhookData(final));
      return { ticket: final, eventType: 'created' as const, assign: group !== undefined };
    });
    return this.announce(committed);
  }

  // ---- staff changes --------------------------------------------------------------------------

  /** A staff change of status, priority, category, group or assignee; each change is one event. */
  async update(tenantId: string, id: string, patch: TicketPatch, actor: TicketActor): Promise<TicketRow> {
    const committed = await this.db.transaction().execute((trx) => this.applyPatch(trx, tenantId, id, patch, actor));
    return this.announce(committed);
  }

  /** The same patch on up to 100 tickets, all in one transaction: every id must be the tenant's. */
  async bulk(tenantId: string, ids: readonly string[], patch: TicketPatch, actor: TicketActor): Promise<number> {
    const unique = [...new Set(ids)].sort();
    const results = await this.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).where('id', 'in', unique).execute();
      if (found.length !== unique.length) throw new NotFoundError('Ticket');
      const out: Committed[] = [];
      // In id order, so two bulk edits never wait on each other's locks in a cycle.
      for (const id of unique) out.push(await this.applyPatch(trx, tenantId, id, patch, actor));
      return out;
    });
    for (const committed of results) await this.announce(committed);
    return results.length;
  }

  private async applyPatch(trx: Kysely<TicketDatabase>, tenantId: string, id: string, patch: TicketPatch, actor: TicketActor): Promise<Committed> {
    const now = this.clock();
    const before = await this.repo.lock(trx, tenantId, id);
    if (!before) throw new NotFoundError('Ticket');
    const set: Updateable<TicketsTable> = {};
    const events: Parameters<typeof appendTicketEvent>[1][] = [];
    const base = { tenantId, ticketId: id, actorType: actor.type, actorId: actor.id, at: now };
    let lastType: TicketEventType = 'status_changed';
    let invalidateClassifier = false;
    let assign = false;

    if (patch.status && patch.status !== before.status) {
      if (before.merged_into_id) throw new ConflictError('这张工单已合并，不能再修改状态', 'ticket_merged');
      if (patch.status === 'new') throw new BadRequestError('A ticket cannot go back to "new"', 'invalid_status');
      Object.assign(set, statusColumns(before, patch.status, now));
      events.push({ ...base, type: 'status_changed', public: true, data: { from: before.status, to: patch.status } });
    }
    if (patch.priority && patch.priority !== before.priority) {
      set.priority = patch.priority;
      events.push({ ...base, type: 'priority_changed', data: { from: before.priority, to: patch.priority } });
      lastType = 'priority_changed';
    }
    if (patch.categoryId && patch.categoryId !== before.category_id) {
      const category = await this.repo.category(trx, tenantId, { id: patch.categoryId });
      if (!category) throw new NotFoundError('Ticket category');
      const from = before.category_id ? await this.repo.category(trx, tenantId, { id: before.category_id }) : undefined;
      set.category_id = category.id;
      set.classification = JSON.stringify({ categoryKey: category.key, confidence: 1, priority: patch.priority ?? before.priority, source: 'agent' } satisfies TicketClassification);
      events.push({ ...base, type: 'category_changed', data: { from: from?.key ?? null, to: category.key } });
      lastType = 'category_changed';
      // An agent's correction is training data for the tenant's classifier.
      if (actor.type === 'agent') {
        await trx.insertInto('ticket_training_examples').values({ id: randomUUID(), tenant_id: tenantId, category_key: category.key, text: `${before.subject}\n${before.description}`.slice(0, 2000), ticket_id: id }).execute();
        invalidateClassifier = true;
      }
    }
    if (patch.groupId && patch.groupId !== before.group_id) {
      const group = await this.repo.group(trx, tenantId, patch.groupId);
      if (!group) throw new NotFoundError('Agent group');
      set.group_id = group.id;
      set.needs_triage = false;
      events.push({ ...base, type: 'group_changed', data: { from: before.group_id, to: group.id, groupName: group.name } });
      lastType = 'group_changed';
      if (patch.assigneeId === undefined) {
        // A new group means a new owner: routing picks one from that group after the commit.
        set.assignee_id = null;
        assign = true;
      }
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== before.assignee_id) {
      const user = patch.assigneeId ? await this.repo.user(trx, tenantId, patch.assigneeId) : null;
      if (patch.assigneeId && !user) throw new NotFoundError('Assignee');
      set.assignee_id = user?.id ?? null;
      events.push({ ...base, type: 'assigned', data: { assigneeId: user?.id ?? null, assigneeName: user?.name ?? null } });
      lastType = 'assigned';
    }
    if (events.length === 0) return { ticket: before, eventType: lastType };
    set.updated_at = now;
    const after = await this.repo.update(trx, tenantId, id, set);
    await appendTicketEvents(trx, events);
    const final = await this.ports.sla.recompute(trx, after, now);
    await this.ports.outbox.enqueue(trx, tenantId, 'ticket.updated', { ...webhookData(final), changes: events.map((e) => ({ type: e.type, ...e.data })) });
    return { ticket: final, eventType: lastType, assign: assign && final.group_id !== null, invalidateClassifier };
  }

  /**
   * A staff reply (public; the first one meets the first response and moves `new` to `open`) or an
   * internal note (never shown to the customer).
   */
  async reply(tenantId: string, id: string, input: { body: string; internal: boolean; attachments: TicketAttachmentFile[] }, actor: TicketActor): Promise<TicketEventDto> {
    const { committed, eventId } = await this.db.transaction().execute(async (trx) => {
      const now = this.clock();
      const before = await this.repo.lock(trx, tenantId, id);
      if (!before) throw new NotFoundError('Ticket');
      const set: Updateable<TicketsTable> = { updated_at: now };
      const statusEvent = !input.internal && before.status === 'new' ? { from: 'new', to: 'open' } : null;
      if (!input.internal) {
        if (before.status === 'closed') throw new ConflictError('工单已关闭，不能再回复', 'ticket_closed');
        if (!before.first_responded_at) set.first_responded_at = now;
        if (statusEvent) set.status = 'open';
      }
      const after = await this.repo.update(trx, tenantId, id, set);
      const [event] = (await appendTicketEvents(trx, [
        { tenantId, ticketId: id, type: input.internal ? 'note' : 'reply', actorType: actor.type, actorId: actor.id, public: !input.internal, body: input.body, at: now },
        ...(statusEvent ? [{ tenantId, ticketId: id, type: 'status_changed' as const, actorType: actor.type, actorId: actor.id, public: true, data: statusEvent, at: now }] : []),
      ])) as [TicketEventRow, ...TicketEventRow[]];
      await this.repo.insertAttachments(trx, { tenantId, ticketId: id, eventId: event.id }, input.attachments, uploader(actor));
      const final = await this.ports.sla.recompute(trx, after, now);
      if (!input.internal) await this.ports.outbox.enqueue(trx, tenantId, 'ticket.replied', { ...webhookData(final), reply: { body: input.body, at: now.toISOString() } });
      return { committed: { ticket: final, eventType: event.type as TicketEventType }, eventId: event.id };
    });
    await this.announce(committed);
    const [event] = await this.repo.events(tenantId, id, { publicOnly: false, eventId });
    return this.dto.event(event!);
  }

  /** Merges `sourceId` into `intoId`: the source is closed with `merged_into_id`, both get an event. */
  async merge(tenantId: string, sourceId: string, intoId: string, actor: TicketActor): Promise<TicketRow> {
    if (sourceId === intoId) throw new BadRequestError('A ticket cannot be merged into itself', 'merge_into_self');
    const results = await this.db.transaction().execute(async (trx) => {
      const now = this.clock();
      // Both rows locked in id order, so opposite merges cannot deadlock.
      const locked = new Map<string, TicketRow>();
      for (const id of [sourceId, intoId].sort()) {
        const row = await this.repo.lock(trx, tenantId, id);
        if (!row) throw new NotFoundError('Ticket');
        locked.set(id, row);
      }
      const source = locked.get(sourceId)!;
      const target = locked.get(intoId)!;
      if (source.merged_into_id) throw new ConflictError('这张工单已经合并过了', 'ticket_merged');
      if (target.merged_into_id || target.status === 'closed') throw new ConflictError('不能合并到已关闭或已合并的工单', 'merge_target_closed');
      const base = { tenantId, actorType: actor.type, actorId: actor.id, at: now };
      const closedSource = await this.repo.update(trx, tenantId, sourceId, { status: 'closed', closed_at: now, merged_into_id: intoId, updated_at: now });
      await appendTicketEvent(trx, { ...base, ticketId: sourceId, type: 'merged', public: true, data: { intoTicketId: intoId, intoNumber: target.number } });
      if (source.status !== 'closed') await appendTicketEvent(trx, { ...base, ticketId: sourceId, type: 'status_changed', data: { from: source.status, to: 'closed' } });
      const touchedTarget = await this.repo.update(trx, tenantId, intoId, { updated_at: now });
      await appendTicketEvent(trx, { ...base, ticketId: intoId, type: 'merged_from', data: { fromTicketId: sourceId, fromNumber: source.number } });
      const finalSource = await this.ports.sla.recompute(trx, closedSource, now);
      const finalTarget = await this.ports.sla.recompute(trx, touchedTarget, now);
      await this.ports.outbox.enqueue(trx, tenantId, 'ticket.merged', { ...webhookData(finalSource), intoTicketId: intoId, intoNumber: finalTarget.number });
      return [
        { ticket: finalSource, eventType: 'merged' as const },
        { ticket: finalTarget, eventType: 'merged_from' as const },
      ];
    });
    await this.announce(results[0]!);
    return this.announce(results[1]!);
  }

  // ---- the customer's side --------------------------------------------------------------------

  /** The customer adds information: a pending ticket goes back to `open`, a resolved one reopens within 7 days. */
  async customerReply(customer: TicketCustomer, id: string, input: { body: string; attachments: TicketAttachmentFile[] }): Promise<TicketRow> {
    await this.ownTicket(customer, id);
    const committed = await this.db.transaction().execute(async (trx) => {
      const now = this.clock();
      const before = (await this.repo.lock(trx, customer.tenantId, id))!;
      const actor = { tenantId: customer.tenantId, ticketId: id, actorType: 'customer' as const, actorId: customer.visitorId, at: now };
      if (before.status === 'closed') throw new ConflictError('工单已关闭，如有新问题请提交新工单', 'ticket_closed');
      let next: TicketStatus | null = null;
      if (before.status === 'pending_customer') next = 'open';
      if (before.status === 'resolved') {
        const until = reopenUntil(before);
        if (!until || now > until) throw new ConflictError('工单已解决超过 7 天，请提交新工单', 'reopen_window_passed');
        next = 'open';
      }
      const after = await this.repo.update(trx, customer.tenantId, id, { updated_at: now, ...(next ? statusColumns(before, next, now) : {}) });
      const [event] = await appendTicketEvents(trx, [
        { ...actor, type: 'customer_reply', public: true, body: input.body },
        ...(before.status === 'resolved' ? [{ ...actor, type: 'reopened' as const, public: true, data: { reason: 'customer_reply' } }] : []),
        ...(next ? [{ ...actor, type: 'status_changed' as const, public: true, data: { from: before.status, to: next } }] : []),
      ]);
      await this.repo.insertAttachments(trx, { tenantId: customer.tenantId, ticketId: id, eventId: event!.id }, input.attachments, 'customer');
      const final = await this.ports.sla.recompute(trx, after, now);
      await this.ports.outbox.enqueue(trx, customer.tenantId, 'ticket.customer_replied', { ...webhookData(final), reply: { body: input.body, at: now.toISOString() } });
      return { ticket: final, eventType: 'customer_reply' as const, reopened: before.status === 'resolved' };
    });
    return this.announce(committed);
  }

  /** The customer confirms the solution: resolved → closed. */
  async confirm(customer: TicketCustomer, id: string): Promise<TicketRow> {
    await this.ownTicket(customer, id);
    return this.customerTransition(customer, id, 'confirmed', (before) => {
      if (before.status !== 'resolved') throw new ConflictError('只有已解决的工单可以确认', 'not_resolved');
      return 'closed';
    });
  }

  /** The customer reopens within 7 days of the resolution (also after confirming). */
  async reopen(customer: TicketCustomer, id: string): Promise<TicketRow> {
    await this.ownTicket(customer, id);
    return this.customerTransition(customer, id, 'reopened', (before, now) => {
      const until = reopenUntil(before);
      if (!until) throw new ConflictError('只有已解决的工单可以重新打开', 'not_resolved');
      if (now > until) throw new ConflictError('工单已解决超过 7 天，不能重新打开，请提交新工单', 'reopen_window_passed');
      return 'open';
    });
  }

  private async customerTransition(customer: TicketCustomer, id: string, type: 'confirmed' | 'reopened', decide: (before: TicketRow, now: Date) => TicketStatus): Promise<TicketRow> {
    const committed = await this.db.transaction().execute(async (trx) => {
      const now = this.clock();
      const before = (await this.repo.lock(trx, customer.tenantId, id))!;
      const to = decide(before, now);
      const after = await this.repo.update(trx, customer.tenantId, id, { ...statusColumns(before, to, now), updated_at: now });
      const actor = { tenantId: customer.tenantId, ticketId: id, actorType: 'customer' as const, actorId: customer.visitorId, at: now };
      await appendTicketEvents(trx, [
        { ...actor, type, public: true },
        { ...actor, type: 'status_changed', public: true, data: { from: before.status, to } },
      ]);
      const final = await this.ports.sla.recompute(trx, after, now);
      await this.ports.outbox.enqueue(trx, customer.tenantId, `ticket.${type}`, webhookData(final));
      return { ticket: final, eventType: type, reopened: type === 'reopened' };
    });
    return this.announce(committed);
  }

  /** A ticket the widget caller owns, or 404 (another visitor's and another tenant's alike). */
  async ownTicket(customer: TicketCustomer, id: string): Promise<TicketViewRow> {
    const [row] = await this.repo.viewsForCustomer(customer.tenantId, customer, id);
    if (!row) throw new NotFoundError('Ticket');
    return row;
  }

  /** The widget caller as a ticket owner: a verified visitor also owns every ticket with their customer ref. */
  async customerOf(principal: { tenantId: string; visitorId: string }): Promise<TicketCustomer> {
    const visitor = await this.db.selectFrom('visitors').select(['verified', 'external_id']).where('tenant_id', '=', principal.tenantId).where('id', '=', principal.visitorId).executeTakeFirst();
    return { tenantId: principal.tenantId, visitorId: principal.visitorId, customerRef: visitor?.verified && visitor.external_id ? visitor.external_id : null };
  }

  async customerTickets(customer: TicketCustomer): Promise<CustomerTicketDto[]> {
    const now = this.clock();
    const rows = await this.repo.viewsForCustomer(customer.tenantId, customer);
    return Promise.all(rows.map((row) => this.dto.customer(row, now)));
  }

  async customerTicket(customer: TicketCustomer, id: string): Promise<CustomerTicketDto> {
    return this.dto.customer(await this.ownTicket(customer, id), this.clock());
  }

  // ---- reads ----------------------------------------------------------------------------------

  async get(tenantId: string, id: string): Promise<TicketDto> {
    const row = await this.repo.view(tenantId, id);
    if (!row) throw new NotFoundError('Ticket');
    return this.dto.ticket(row, this.clock());
  }

  async view(tenantId: string, id: string): Promise<TicketViewRow> {
    const row = await this.repo.view(tenantId, id);
    if (!row) throw new NotFoundError('Ticket');
    return row;
  }

  async eventsOf(tenantId: string, id: string): Promise<TicketEventDto[]> {
    await this.view(tenantId, id);
    return (await this.repo.events(tenantId, id, { publicOnly: false })).map((e) => this.dto.event(e));
  }

  async attachment(tenantId: string, ticketId: string, attachmentId: string, options: { publicOnly: boolean } = { publicOnly: false }) {
    const file = await this.repo.attachment(tenantId, ticketId, attachmentId, options);
    if (!file) throw new NotFoundError('Attachment');
    return file;
  }

  /** A queue page: `q` finds a ticket number, a phone number or words (Chinese segmented like the search). */
  async list(
    tenantId: string,
    query: { queue: TicketQueue; userId: string | null; status?: TicketStatus; priority?: TicketPriority; categoryId?: string; groupId?: string; assigneeId?: string; q?: string; limit: number; cursor?: string },
  ): Promise<{ items: TicketSummaryDto[]; nextCursor: string | null; total: number }> {
    const now = this.clock();
    const cursor = query.cursor === undefined ? undefined : decodeTicketListCursor(query.cursor);
    const tokens = query.q?.trim() ? ticketQueryTokens(query.q) : undefined;
    if (tokens && tokens.length === 0) return { items: [], nextCursor: null, total: 0 };
    const filter: TicketListFilter = { queue: query.queue, userId: query.userId, status: query.status, priority: query.priority, categoryId: query.categoryId, groupId: query.groupId, assigneeId: query.assigneeId, tokens, now };
    const { rows, next, total } = await this.repo.list(tenantId, filter, { limit: query.limit, after: cursor?.position, knownTotal: cursor?.total });
    const items = await this.dto.summaries(tenantId, rows, now);
    return { items, nextCursor: next ? encodeTicketListCursor({ position: next, total }) : null, total };
  }

  private async announce(committed: Committed): Promise<TicketRow> {
    const { ticket } = committed;
    if (committed.invalidateClassifier) this.ports.classifier.invalidate(ticket.tenant_id);
    if (committed.assign && !ticket.assignee_id && ticket.group_id && (OPEN_TICKET_STATUSES as readonly string[]).includes(ticket.status)) {
      await this.ports.routing.assign(ticket.tenant_id, ticket.id, this.clock());
    }
    // A reopened ticket goes back to whoever resolved it, unless they went off duty or filled up
    // since: then it is routed again rather than left with someone who will not reach it.
    if (committed.reopened) await this.ports.routing.reassignIfUnavailable(ticket.tenant_id, ticket.id, this.clock());
    this.events.emit('ticket.changed', { tenantId: ticket.tenant_id, ticketId: ticket.id, visitorId: ticket.visitor_id, customerRef: ticket.customer_ref, eventType: committed.eventType, number: ticket.number });
    return ticket;
  }
}

/** The columns a status change sets besides `status` itself. */
function statusColumns(before: TicketRow, to: TicketStatus, now: Date): Updateable<TicketsTable> {
  const set: Updateable<TicketsTable> = { status: to };
  if (to === 'resolved') set.resolved_at = now;
  if (to === 'closed') {
    set.closed_at = now;
    if (!before.resolved_at) set.resolved_at = now;
  }
  if ((OPEN_TICKET_STATUSES as readonly string[]).includes(to)) {
    set.resolved_at = null;
    set.closed_at = null;
  }
  return set;
}

/** "退换货：耳机左边没有声音…" — the category and the first words, when the customer gave no subject. */
function defaultSubject(categoryName: string | null, description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  const words = [...flat].length > SUBJECT_WORDS ? `${[...flat].slice(0, SUBJECT_WORDS).join('')}…` : flat;
  return categoryName ? `${categoryName}：${words}` : words;
}

/** What webhooks carry about a ticket: its identity and state, never attachments or internal notes. */
function webhookData(ticket: TicketRow): Record<string, unknown> {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    categoryId: ticket.category_id,
    groupId: ticket.group_id,
    assigneeId: ticket.assignee_id,
    customerRef: ticket.customer_ref,
    channel: ticket.channel,
    updatedAt: new Date(ticket.updated_at).toISOString(),
  };
}
