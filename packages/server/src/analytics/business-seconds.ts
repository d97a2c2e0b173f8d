import type { Kysely } from 'kysely';
import type { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';

/**
 * Seconds between two instants that fall in business hours on the calendar of a group (else the
 * tenant's default calendar, else Monday–Friday 09:00–18:00 with China's holidays) — the same
 * calendar the tickets' SLA clocks use, so a first response measured here matches the SLA view.
 */
export class BusinessSeconds {
  constructor(private readonly calendars: SlaCalendarCache) {}

  /** `db` is the caller's transaction when it has one (PGlite has a single connection: a query beside an open transaction waits for it forever). */
  async between(db: Kysely<unknown>, tenantId: string, groupId: string | null, from: Date, to: Date): Promise<number> {
    const tickets = db as Kysely<TicketDatabase>;
    const group = groupId ? await tickets.selectFrom('agent_groups').select('calendar_id').where('tenant_id', '=', tenantId).where('id', '=', groupId).executeTakeFirst() : undefined;
    const calendar = await this.calendars.get(tickets, tenantId, group?.calendar_id ?? null);
    return Math.round(calendar.businessMsBetween(from.getTime(), to.getTime()) / 1000);
  }
}
