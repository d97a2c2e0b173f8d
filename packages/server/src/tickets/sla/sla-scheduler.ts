import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import type { DomainEventMap, DomainEvents } from '../../events/domain-events.js';
import { appendTicketEvents, type NewTicketEvent } from '../ticket-event-log.js';
import { ticketDatabase, type SlaAlertLevel, type SlaClock, type TicketDatabase, type TicketPriority, type TicketRow } from '../ticket-schema.js';
import { alertKey, AUTO_CLOSE_AFTER_MS, isLive, type SlaEvaluation, type TicketSlaClock } from './ticket-sla-clock.js';
import { PollingLoop } from '../../scheduling/polling-loop.js';
import type { TicketRoutingPort } from '../ticket-ports.js';

export interface SlaSchedulerOptions {
  /** How often to look for due tickets; a deadline is acted on at most about this long after it passes. */
  pollMs?: number;
  /** Tickets claimed per sweep (the sweep repeats while full). */
  batchSize?: number;
  /**
   * Claimed tickets worked on at once, each in its own transaction under its own row lock. One at a
   * time, a burst of deadlines (tickets filed together fall due together) waits in a line of
   * round trips, and the last alert of a claim is late by the whole line.
   */
  concurrency?: number;
  now?: () => Date;
  /**
   * What a warning does about who holds the ticket (routing: hand it to a colleague when its
   * assignee is off duty or has earlier work). Called after the warning committed; without it a
   * warning only notifies.
   */
  routing?: Pick<TicketRoutingPort, 'relieveAtWarning'>;
  log?: { error(obj: object, msg: string): void };
}

const RAISED: Record<TicketPriority, TicketPriority> = { P4: 'P3', P3: 'P2', P2: 'P1', P1: 'P1' };
export const AUTO_CLOSE_TEXT = '工单已解决 7 天未收到您的回复，系统已自动关闭。如仍有问题，欢迎重新提交工单。';

type Alert = DomainEventMap['ticket.sla_alert'];
interface Outcome {
  changed: DomainEventMap['ticket.changed'] | null;
  alerts: Alert[];
}

/**
 * The durable SLA timer. Its one index is `tickets.escalation_at` (kept by TicketSlaClock.recompute):
 * every poll claims the tickets whose moment has come and, per ticket and in one transaction
 * under the ticket's row lock, fires what is due — warnings at 80 %, breaches at 100 % (priority up
 * a step, escalation to the policy's group), auto-close 7 days after resolution — then recomputes.
 * Each warning and breach is a row of `ticket_sla_alerts` keyed by the clock's run (its start
 * instant) inserted ON CONFLICT DO NOTHING, and only the node whose insert landed appends the
 * event: exactly once per run across restarts, app nodes and pauses that move the deadline.
 * Nothing lives in timers a restart would lose; a node killed mid-ticket rolls back and the
 * ticket is simply due again.
 *
 * @example
 * const scheduler = new SlaScheduler(db, sla, events, { pollMs: 250 });
 * scheduler.start(); // … await scheduler.stop() on shutdown
 */
export class SlaScheduler {
  private readonly db: Kysely<TicketDatabase>;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly loop: PollingLoop;

  constructor(
    db: Kysely<Database>,
    private readonly sla: TicketSlaClock,
    private readonly events: DomainEvents,
    private readonly options: SlaSchedulerOptions = {},
  ) {
    this.db = ticketDatabase(db);
    this.pollMs = options.pollMs ?? 250;
    this.batchSize = options.batchSize ?? 20;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.now = options.now ?? (() => new Date());
    this.loop = new PollingLoop(() => this.poll(), this.pollMs);
  }

  /** Starts polling (the first poll is immediate). */
  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the sweep in hand. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One sweep: claims up to batchSize due tickets and acts on each; returns how many were claimed. */
  async runDue(): Promise<number> {
    const now = this.now();
    // The tickets table is every tenant's: the claim runs as the system, the work as each ticket's tenant.
    // One statement on its own (no BEGIN/COMMIT around it): SKIP LOCKED passes over the tickets another
    // node is acting on right now; the lock that matters is the one `act` takes and re-checks under.
    const due = await TenantScope.asSystem(() => this.db.selectFrom('tickets').select(['id', 'tenant_id']).where('escalation_at', '<=', now).orderBy('escalation_at').limit(this.batchSize).forUpdate().skipLocked().execute());
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const { id, tenant_id: tenantId } = due[next++]!;
        try {
          const outcome = await TenantScope.asTenant(tenantId, () => this.db.transaction().execute((trx) => this.act(trx, tenantId, id, now)));
          // Only after the commit: nobody hears of an alert that a rollback could take back.
          if (outcome?.changed) this.events.emit('ticket.changed', outcome.changed);
          for (const alert of outcome?.alerts ?? []) this.events.emit('ticket.sla_alert', alert);
          // A warning leads to action, not only a notice: someone who can reach the ticket in time gets it.
          // After the commit (its own locks); a node that dies in between leaves the warning as a notice only.
          const warned = outcome?.alerts.find((a) => a.level === 'warning' && a.assigneeId !== null);
          if (warned && this.options.routing && !outcome!.alerts.some((a) => a.level === 'breach')) await this.options.routing.relieveAtWarning(tenantId, id, now);
        } catch (err) {
          this.options.log?.error({ err, tenantId, ticketId: id }, 'sla scheduler failed on a ticket');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
    return due.length;
  }

  private async act(trx: Kysely<TicketDatabase>, tenantId: string, ticketId: string, now: Date): Promise<Outcome | null> {
    // Locked and re-checked: another node that got here first has moved escalation_at on.
    const ticket = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', ticketId)
      .where('escalation_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!ticket) return null;
    // A merged ticket stays closed and silent (its work goes on in the target); just clear its timer.
    if (ticket.merged_into_id) {
      await this.sla.recompute(trx, ticket as TicketRow, now);
      return null;
    }
    const eventTypes: string[] = [];
    const alerts: Alert[] = [];
    // This ticket's new events, appended in one statement once we know them all.
    const events: NewTicketEvent[] = [];
    let current = ticket as TicketRow;
    let known: SlaEvaluation | undefined;

    if (ticket.status === 'resolved' && ticket.resolved_at && new Date(ticket.resolved_at).getTime() + AUTO_CLOSE_AFTER_MS <= now.getTime()) {
      current = (await trx.updateTable('tickets').set({ status: 'closed', closed_at: now, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', ticketId).returningAll().executeTakeFirstOrThrow()) as TicketRow;
      events.push({ tenantId, ticketId, type: 'status_changed', actorType: 'system', data: { from: 'resolved', to: 'closed' }, at: now });
      events.push({ tenantId, ticketId, type: 'auto_closed', actorType: 'system', public: true, body: AUTO_CLOSE_TEXT, at: now });
      eventTypes.push('auto_closed');
    } else {
      const evaluation = await this.sla.evaluate(trx, ticket, now);
      const { policy, clocks } = evaluation;
      let priority = ticket.priority;
      let groupId = ticket.group_id;
      let assigneeId = ticket.assignee_id;
      const live = clocks.filter(isLive).sort((a, b) => a.warnAt.getTime() - b.warnAt.getTime());
      for (const c of live) {
        for (const level of ['warning', 'breach'] as const) {
          const point = level === 'warning' ? c.warnAt : c.dueAt;
          if (point.getTime() > now.getTime() || !(await this.insertAlert(trx, tenantId, ticketId, c, level, now))) continue;
          evaluation.fired.add(alertKey(c.clock, level, c.runStartAt));
          events.push({ tenantId, ticketId, type: level === 'warning' ? 'sla_warning' : 'sla_breach', actorType: 'system', data: { clock: c.clock, dueAt: c.dueAt.toISOString() }, at: now });
          eventTypes.push(level === 'warning' ? 'sla_warning' : 'sla_breach');
          if (level === 'breach') {
            if (RAISED[priority] !== priority) {
              events.push({ tenantId, ticketId, type: 'priority_changed', actorType: 'system', data: { from: priority, to: RAISED[priority], reason: 'sla_breach' }, at: now });
              priority = RAISED[priority];
            }
            const target = policy?.escalate_group_id ?? null;
            if (target && target !== groupId) {
              events.push({ tenantId, ticketId, type: 'escalated', actorType: 'system', data: { clock: c.clock, fromGroupId: groupId, toGroupId: target, fromAssigneeId: assigneeId }, at: now });
              groupId = target;
              assigneeId = null;
              eventTypes.push('escalated');
            }
          }
          alerts.push({ tenantId, ticketId, number: ticket.number, level, clock: c.clock, assigneeId: null, groupId: null });
        }
      }
      if (alerts.some((a) => a.level === 'breach')) {
        current = (await trx
          .updateTable('tickets')
          .set({ breached: true, priority, group_id: groupId, assignee_id: assigneeId, ...(groupId !== ticket.group_id ? { needs_triage: false } : {}), updated_at: now })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', ticketId)
          .returningAll()
          .executeTakeFirstOrThrow()) as TicketRow;
      }
      for (const alert of alerts) Object.assign(alert, { assigneeId, groupId });
      // Nothing the evaluation read has changed unless the priority (which may pick another policy) or
      // the group (another calendar) did: then the clocks are read again; else the alerts just added suffice.
      if (priority === ticket.priority && groupId === ticket.group_id) known = evaluation;
    }

    await appendTicketEvents(trx, events);
    // The row as this transaction left it (the updates above return it): no second read.
    await this.sla.recompute(trx, current, now, known);
    if (eventTypes.length === 0) return { changed: null, alerts };
    return { changed: { tenantId, ticketId, visitorId: current.visitor_id, customerRef: current.customer_ref, eventType: eventTypes.at(-1)! }, alerts };
  }

  /**
   * True when this call inserted the alert row, i.e. the alert is ours to fire. The key is the
   * clock's run (its start), not its deadline: a pause moves the deadline, not the run.
   */
  private async insertAlert(trx: Kysely<TicketDatabase>, tenantId: string, ticketId: string, c: { clock: SlaClock; runStartAt: Date; dueAt: Date }, level: SlaAlertLevel, now: Date): Promise<boolean> {
    const row = await trx
      .insertInto('ticket_sla_alerts')
      .values({ tenant_id: tenantId, ticket_id: ticketId, clock: c.clock, level, due_at: c.dueAt, run_started_at: c.runStartAt, fired_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('clock')
      .executeTakeFirst();
    return row !== undefined;
  }

  private async poll(): Promise<void> {
    try {
      while (this.loop.running && (await this.runDue()) === this.batchSize);
    } catch (err) {
      this.options.log?.error({ err }, 'sla scheduler poll failed');
    }
  }
}
