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
  return trx
    .insertInto('ticket_events')
    .values({
      id: randomUUID(),
      tenant_id: event.tenantId,
      ticket_id: event.ticketId,
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from ticket_events where ticket_id = ${event.ticketId})`,
      type: event.type,
      actor_type: event.actorType,
      actor_id: event.actorId ?? null,
      public: event.public ?? false,
      body: event.body ?? null,
      data: JSON.stringify(event.data ?? {}),
      ...(event.at ? { created_at: event.at } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
