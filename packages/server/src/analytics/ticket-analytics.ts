import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEventMap } from '../events/domain-events.js';
import { ticketDatabase, type TicketDatabase } from '../tickets/ticket-schema.js';
import type { AnalyticsEventInput } from './analytics-event.js';
import type { AnalyticsRecorder } from './analytics-recorder.js';
import { analyticsDatabase, type AnalyticsDatabase } from './analytics-schema.js';
import type { BusinessSeconds } from './business-seconds.js';

/**
 * Ticket measures from the tickets' own time stamps, read after each committed change: created,
 * first response and resolution (business seconds on the group's calendar), closed, and the first
 * SLA breach. Each is recorded once per ticket (a resolution once per time it was resolved), by
 * a mark written in the recording's transaction.
 */
export class TicketAnalytics {
  private readonly tickets: Kysely<TicketDatabase>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly recorder: AnalyticsRecorder,
    private readonly businessSeconds: BusinessSeconds,
  ) {
    this.tickets = ticketDatabase(db);
  }

  ticketChanged(p: DomainEventMap['ticket.changed']): Promise<void> {
    return TenantScope.asTenant(p.tenantId, async () => {
      const t = await this.tickets.selectFrom('tickets').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', p.ticketId).executeTakeFirst();
      if (!t) return;
      const base = { channel: t.channel, groupId: t.group_id, agentId: t.assignee_id, props: { ticketId: t.id, priority: t.priority } };
      const created = new Date(t.created_at);
      const wanted: [string, (trx: Kysely<AnalyticsDatabase>) => Promise<AnalyticsEventInput>][] = [['created', async () => ({ ...base, type: 'ticket.created', occurredAt: created })]];
      if (t.first_responded_at) {
        const at = new Date(t.first_responded_at);
        wanted.push(['first_response', async (trx) => ({ ...base, type: 'ticket.first_response', occurredAt: at, value: await this.businessSeconds.between(trx, p.tenantId, t.group_id, created, at) })]);
      }
      if (t.resolved_at) {
        const at = new Date(t.resolved_at);
        wanted.push([`resolved:${at.toISOString()}`, async (trx) => ({ ...base, type: 'ticket.resolved', occurredAt: at, value: await this.businessSeconds.between(trx, p.tenantId, t.group_id, created, at) })]);
      }
      if (t.closed_at) wanted.push(['closed', async () => ({ ...base, type: 'ticket.closed', occurredAt: new Date(t.closed_at!) })]);
      await this.recordOnce(p.tenantId, t.id, wanted);
    });
  }

  slaAlert(p: DomainEventMap['ticket.sla_alert']): Promise<void> {
    if (p.level !== 'breach') return Promise.resolve();
    return TenantScope.asTenant(p.tenantId, async () => {
      const t = await this.tickets.selectFrom('tickets').select(['id', 'channel', 'group_id']).where('tenant_id', '=', p.tenantId).where('id', '=', p.ticketId).executeTakeFirst();
      if (!t) return;
      // The breach rate counts tickets, so only a ticket's first breach (of any clock) is an event.
      await this.recordOnce(p.tenantId, t.id, [['breach', async () => ({ type: 'ticket.sla_breached', occurredAt: new Date(), channel: t.channel, groupId: t.group_id, agentId: p.assigneeId, outcome: p.clock, props: { ticketId: t.id } })]]);
    });
  }

  private async recordOnce(tenantId: string, ticketId: string, wanted: [string, (trx: Kysely<AnalyticsDatabase>) => Promise<AnalyticsEventInput>][]): Promise<void> {
    const db = analyticsDatabase(this.db);
    // Most changes (a reply, a note) bring no new mark: one read instead of a transaction that tries
    // every mark again. A mark that appears between this read and the insert is still caught by the
    // insert's ON CONFLICT below, so a measure is still recorded once.
    const have = await db.selectFrom('analytics_marks').select('mark').where('tenant_id', '=', tenantId).where('subject_id', '=', ticketId).execute();
    const had = new Set(have.map((m) => m.mark));
    const missing = wanted.filter(([mark]) => !had.has(mark));
    if (missing.length === 0) return;
    await db.transaction().execute(async (trx) => {
      const events: AnalyticsEventInput[] = [];
      for (const [mark, build] of missing) {
        const fresh = await trx.insertInto('analytics_marks').values({ tenant_id: tenantId, subject_id: ticketId, mark }).onConflict((oc) => oc.doNothing()).returning('mark').executeTakeFirst();
        if (fresh) events.push(await build(trx));
      }
      await this.recorder.record(tenantId, events, trx);
    });
  }
}
