import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { TicketActorType, TicketDatabase, TicketEventRow } from './ticket-schema.js';

/** Every kind of ticket event; the timeline, the customer's progress and analytics read these. */
export type TicketEventType =
  | 'created'
  | 'classified'
  | 'routed'
  | 'assigned'
  | 'status_changed'
  | 'priority_changed'
  | 'category_changed'
  | 'group_changed'
  | 'reply'
  | 'note'
  | 'customer_reply'
  | 'attachment_added'
  | 'merged'
  | 'merged_from'
  | 'sla_applied'
  | 'sla_warning'
  | 'sla_breach'
  | 'escalated'
  | 'reopened'
  | 'confirmed'
  | 'auto_closed';

export interface NewTicketEvent {
  tenantId: string;
  ticketId: string;
  type: TicketEventType;
  actorType: TicketActorType;
  actorId?: string | null;
  /** Shown to the customer in their progress timeline. */
  public?: boolean;
  body?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends to a ticket's event log. Call it inside the transaction that changed the ticket, after
 * locking the ticket row (`select … for update`): the lock is what keeps `seq` gap-free and unique
 * per ticket (the unique index would reject a race anyway).
 */
export async function appendTicketEvent(trx: Kysely<TicketDatabase>, event: NewTicketEvent): Promise<TicketEventRow> {
  const [row] = await appendTicketEvents(trx, [event]);
  return row!;
}

/**
 * Appends several events of one ticket in one statement, in the order given (same locking rule as
 * `appendTicketEvent`). Every row's `max(seq)` subquery sees the table as it was before the
 * statement, so the i-th row takes max + i + 1: consecutive, in order.
 */
export async function appendTicketEvents(trx: Kysely<TicketDatabase>, events: readonly NewTicketEvent[]): Promise<TicketEventRow[]> {
  if (events.length === 0) return [];
  const ticketId = events[0]!.ticketId;
  if (events.some((e) => e.ticketId !== ticketId)) throw new Error('appendTicketEvents takes the events of one ticket');
  const rows = await trx
    .insertInto('ticket_events')
    .values(
      events.map((event, i) => ({
        id: randomUUID(),
        tenant_id: event.tenantId,
        ticket_id: event.ticketId,
        seq: sql<number>`(select coalesce(max(seq), 0) + ${i + 1} from ticket_events where ticket_id = ${ticketId})`,
        type: event.type,
        actor_type: event.actorType,
        actor_id: event.actorId ?? null,
        public: event.public ?? false,
        body: event.body ?? null,
        data: JSON.stringify(event.data ?? {}),
        // Every row names the same columns (a multi-row insert): an event without a time takes the statement's.
        created_at: event.at ?? sql<Date>`now()`,
      })),
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.seq - b.seq);
}
