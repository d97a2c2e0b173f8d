import type { Kysely } from 'kysely';
import type { SlaClockDto } from './ticket-dto.js';
import type { TicketDatabase, TicketPriority, TicketRow } from './ticket-schema.js';

// What the ticket service needs from the modules around it. Each is implemented in its own
// folder (tickets/sla, routing, tickets/classify, webhooks) and wired in app/build-app.ts, so
// the service never reaches into them.

/** tickets/sla: deadlines on the business calendar. */
export interface TicketSlaPort {
  /**
   * In the caller's transaction, after the ticket row was locked and changed and its events were
   * appended: applies the first matching policy, computes the deadlines on the calendar (pauses
   * derived from the status history), and writes sla_policy_id, the *_due_at columns,
   * escalation_at and breached. Returns the ticket row as it stands afterwards (the caller's row
   * when no SLA column changed), so the caller needs no second read of it.
   */
  recompute(trx: Kysely<TicketDatabase>, ticket: TicketRow, now: Date): Promise<TicketRow>;
  /** The clocks of a ticket as the console shows them (countdowns in business minutes). */
  clocks(db: Kysely<TicketDatabase>, ticket: TicketRow, now: Date): Promise<SlaClockDto[]>;
  /** `clocks` for a queue page of one tenant's tickets in a constant number of queries, keyed by ticket id (optional: else per ticket); a resolved or closed ticket, whose clocks are all met, may get none (a row shows only open clocks). */
  clocksForPage?(db: Kysely<TicketDatabase>, tenantId: string, tickets: readonly TicketRow[], now: Date): Promise<Map<string, SlaClockDto[]>>;
  /** When staff will act next, in plain Chinese ("预计今天 16:00 前处理", "预计 12月8日（周一）10:30 前处理"); null when no clock runs. */
  expectation(db: Kysely<TicketDatabase>, ticket: TicketRow, now: Date): Promise<string | null>;
}

export interface RoutingDecision {
  groupId: string;
  /** A rule may set the priority; null leaves it. */
  priority: TicketPriority | null;
  /** The rule that matched; null when the category's default group was used. */
  ruleId: string | null;
}

/** routing: which group, then which member. */
export interface TicketRoutingPort {
  /** The first matching active routing rule, else the category's default group; null: no group (triage). */
  route(
    trx: Kysely<TicketDatabase>,
    tenantId: string,
    input: { categoryId: string | null; categoryKey: string | null; text: string; customerTier: string | null },
  ): Promise<RoutingDecision | null>;
  /**
   * Assigns an unassigned open ticket of a group to the least-loaded on-duty member with free
   * capacity, in its own transaction with row locks (never two nodes, never over capacity), and
   * appends an `assigned` event. Null when nobody can take it now (it waits in the group queue).
   */
  assign(tenantId: string, ticketId: string, now: Date): Promise<string | null>;
  /**
   * For a ticket that became workable again (reopened): keeps its assignee when they are on duty in
   * its group and not above their limit; otherwise assigns it like `assign` to another member, or
   * leaves it unassigned in the group queue. Its own transaction, after the caller's committed.
   */
  reassignIfUnavailable(tenantId: string, ticketId: string, now: Date): Promise<string | null | undefined>;
  /**
   * After an SLA warning committed: moves the ticket when its assignee went off duty or has other
   * work due before it while a colleague on duty has none; otherwise leaves it. Its own transaction.
   */
  relieveAtWarning(tenantId: string, ticketId: string, now: Date): Promise<string | null | undefined>;
}

export interface TicketClassificationResult {
  categoryKey: string | null;
  confidence: number;
  priority: TicketPriority;
  /** Below the tenant's confidence threshold: the ticket goes to triage instead of a guessed group. */
  needsTriage: boolean;
  emotion: 'anger' | 'anxiety' | 'neutral' | 'satisfied';
  risk: 'none' | 'low' | 'high';
}

/** tickets/classify: category and priority from the ticket's text. */
export interface TicketClassifierPort {
  classify(tenantId: string, text: string): Promise<TicketClassificationResult>;
  /** Forget the tenant's trained model (categories or corrections changed). */
  invalidate(tenantId: string): void;
}

/** webhooks: the transactional outbox. */
export interface TicketOutboxPort {
  /** Queues `eventType` (e.g. `ticket.created`) for every active endpoint of the tenant that subscribes to it, in the caller's transaction. */
  enqueue(trx: Kysely<TicketDatabase>, tenantId: string, eventType: string, data: Record<string, unknown>): Promise<void>;
}
