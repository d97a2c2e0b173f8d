import type { Kysely } from 'kysely';
import type { TicketDatabase } from '../ticket-schema.js';
import { BusinessCalendar, DEFAULT_BUSINESS_CALENDAR } from './business-calendar.js';

/** What tells whether a cached calendar is still current: its id, whether it is the default, and when it was last edited. */
export interface CalendarVersion {
  id: string;
  is_default: boolean;
  updated_at: Date | string;
}

interface Cached {
  updatedAt: number;
  calendar: BusinessCalendar;
}

/**
 * Built BusinessCalendars per tenant (each keeps its own per-day cache, so reuse matters when a
 * sweep recomputes many tickets). Every lookup reads the tenant's calendar ids and `updated_at`
 * — one small query — so an edit made on another app node is picked up without a message bus;
 * `invalidate` drops a tenant at once after a local edit.
 */
export class SlaCalendarCache {
  private readonly tenants = new Map<string, Map<string, Cached>>();
  private static readonly fallback = new BusinessCalendar(DEFAULT_BUSINESS_CALENDAR);

  /**
   * The calendar `calendarId`, else the tenant's default, else the built-in Monday–Friday calendar.
   * `versions`: the tenant's calendar rows as the caller already read them in its own statement
   * (TicketSlaClock.evaluate does); without them they are read here.
   */
  async get(db: Kysely<TicketDatabase>, tenantId: string, calendarId: string | null, versions?: readonly CalendarVersion[]): Promise<BusinessCalendar> {
    const rows = versions ?? (await db.selectFrom('business_calendars').select(['id', 'is_default', 'updated_at']).where('tenant_id', '=', tenantId).execute());
    const row = rows.find((r) => r.id === calendarId) ?? rows.find((r) => r.is_default);
    if (!row) return SlaCalendarCache.fallback;
    const updatedAt = new Date(row.updated_at).getTime();
    let byId = this.tenants.get(tenantId);
    const hit = byId?.get(row.id);
    if (hit && hit.updatedAt === updatedAt) return hit.calendar;
    const full = await db.selectFrom('business_calendars').selectAll().where('tenant_id', '=', tenantId).where('id', '=', row.id).executeTakeFirstOrThrow();
    const calendar = BusinessCalendar.fromRow(full);
    if (!byId) this.tenants.set(tenantId, (byId = new Map()));
    byId.set(row.id, { updatedAt, calendar });
    return calendar;
  }

  /**
   * All of a tenant's calendars in one query, as a lookup with the same fallbacks as `get` — for
   * a queue page, whose rows may use different calendars.
   */
  async resolver(db: Kysely<TicketDatabase>, tenantId: string): Promise<(calendarId: string | null) => BusinessCalendar> {
    const rows = await db.selectFrom('business_calendars').selectAll().where('tenant_id', '=', tenantId).execute();
    let byId = this.tenants.get(tenantId);
    if (!byId) this.tenants.set(tenantId, (byId = new Map()));
    const built = new Map<string, BusinessCalendar>();
    for (const row of rows) {
      const updatedAt = new Date(row.updated_at).getTime();
      const hit = byId.get(row.id);
      if (hit && hit.updatedAt === updatedAt) {
        built.set(row.id, hit.calendar);
        continue;
      }
      const calendar = BusinessCalendar.fromRow(row);
      byId.set(row.id, { updatedAt, calendar });
      built.set(row.id, calendar);
    }
    const fallbackId = rows.find((r) => r.is_default)?.id;
    return (calendarId) => (calendarId !== null ? built.get(calendarId) : undefined) ?? (fallbackId ? built.get(fallbackId)! : SlaCalendarCache.fallback);
  }

  invalidate(tenantId: string): void {
    this.tenants.delete(tenantId);
  }
}
