import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { ticketDatabase, type BusinessCalendarRow, type SlaPolicyRow, type TicketDatabase } from '../ticket-schema.js';
import { DEFAULT_BUSINESS_CALENDAR } from './business-calendar.js';
import type { BusinessCalendarDto, BusinessCalendarInput, SlaPolicyDto, SlaPolicyInput, SlaPolicyPatch } from './sla-settings-dto.js';

const UNIQUE_VIOLATION = '23505';
const DEFAULT_NAME = '默认工作时间';

/** A tenant's default business calendar and its SLA policies, as the admin API reads and writes them. */
export class SlaSettingsRepository {
  private readonly db: Kysely<TicketDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = ticketDatabase(db);
  }

  async defaultCalendar(ctx: TenantContext): Promise<BusinessCalendarDto> {
    const row = await this.db.selectFrom('business_calendars').selectAll().where('tenant_id', '=', ctx.tenantId).where('is_default', '=', true).executeTakeFirst();
    if (!row) {
      return { id: null, name: DEFAULT_NAME, timezone: 'Asia/Shanghai', weeklyHours: DEFAULT_BUSINESS_CALENDAR.weeklyHours, followChinaHolidays: true, closures: [], updatedAt: null };
    }
    return calendarDto(row);
  }

  /** Creates or replaces the tenant's default calendar. */
  async putDefaultCalendar(ctx: TenantContext, input: BusinessCalendarInput): Promise<BusinessCalendarDto> {
    const values = {
      weekly_hours: JSON.stringify(input.weeklyHours),
      follow_china_holidays: input.followChinaHolidays,
      closures: JSON.stringify(input.closures),
      updated_at: new Date(),
    };
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('business_calendars').select('id').where('tenant_id', '=', ctx.tenantId).where('is_default', '=', true).forUpdate().executeTakeFirst();
        if (current) {
          return trx
            .updateTable('business_calendars')
            .set({ ...values, ...(input.name ? { name: input.name } : {}) })
            .where('tenant_id', '=', ctx.tenantId)
            .where('id', '=', current.id)
            .returningAll()
            .executeTakeFirstOrThrow();
        }
        return trx
          .insertInto('business_calendars')
          .values({ id: randomUUID(), tenant_id: ctx.tenantId, name: input.name ?? DEFAULT_NAME, is_default: true, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return calendarDto(row);
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new ConflictError('另一个工作日历已使用这个名称', 'calendar_name_taken');
      throw err;
    }
  }

  async listPolicies(ctx: TenantContext): Promise<SlaPolicyDto[]> {
    const rows = await this.db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('position').orderBy('created_at').orderBy('id').execute();
    return rows.map(policyDto);
  }

  async createPolicy(ctx: TenantContext, input: SlaPolicyInput): Promise<SlaPolicyDto> {
    await this.assertReferences(ctx, input);
    const position =
      input.position ??
      Number((await this.db.selectFrom('sla_policies').select(sql<number>`coalesce(max(position) + 1, 0)`.as('next')).where('tenant_id', '=', ctx.tenantId).executeTakeFirst())?.next ?? 0);
    const row = await this.db
      .insertInto('sla_policies')
      .values({
        id: randomUUID(),
        tenant_id: ctx.tenantId,
        name: input.name,
        position,
        priorities: JSON.stringify(input.priorities),
        category_keys: JSON.stringify(input.categoryKeys),
        first_response_minutes: input.firstResponseMinutes,
        next_response_minutes: input.nextResponseMinutes,
        resolution_minutes: input.resolutionMinutes,
        escalate_group_id: input.escalateGroupId,
        calendar_id: input.calendarId,
        active: input.active,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return policyDto(row);
  }

  async updatePolicy(ctx: TenantContext, id: string, patch: SlaPolicyPatch): Promise<SlaPolicyDto> {
    await this.assertReferences(ctx, patch);
    const row = await this.db
      .updateTable('sla_policies')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        ...(patch.priorities !== undefined ? { priorities: JSON.stringify(patch.priorities) } : {}),
        ...(patch.categoryKeys !== undefined ? { category_keys: JSON.stringify(patch.categoryKeys) } : {}),
        ...(patch.firstResponseMinutes !== undefined ? { first_response_minutes: patch.firstResponseMinutes } : {}),
        ...(patch.nextResponseMinutes !== undefined ? { next_response_minutes: patch.nextResponseMinutes } : {}),
        ...(patch.resolutionMinutes !== undefined ? { resolution_minutes: patch.resolutionMinutes } : {}),
        ...(patch.escalateGroupId !== undefined ? { escalate_group_id: patch.escalateGroupId } : {}),
        ...(patch.calendarId !== undefined ? { calendar_id: patch.calendarId } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('SLA policy');
    return policyDto(row);
  }

  async deletePolicy(ctx: TenantContext, id: string): Promise<void> {
    const result = await this.db.deleteFrom('sla_policies').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError('SLA policy');
  }

  /** A group or calendar the policy names must be the caller's own; anything else is not found. */
  private async assertReferences(ctx: TenantContext, input: { escalateGroupId?: string | null; calendarId?: string | null }): Promise<void> {
    if (input.escalateGroupId) {
      const group = await this.db.selectFrom('agent_groups').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', input.escalateGroupId).executeTakeFirst();
      if (!group) throw new NotFoundError('Agent group');
    }
    if (input.calendarId) {
      const calendar = await this.db.selectFrom('business_calendars').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', input.calendarId).executeTakeFirst();
      if (!calendar) throw new NotFoundError('Business calendar');
    }
  }
}

function calendarDto(row: BusinessCalendarRow): BusinessCalendarDto {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    weeklyHours: row.weekly_hours as Record<string, [string, string][]>,
    followChinaHolidays: row.follow_china_holidays,
    closures: row.closures ?? [],
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function policyDto(row: SlaPolicyRow): SlaPolicyDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    priorities: row.priorities,
    categoryKeys: row.category_keys,
    firstResponseMinutes: row.first_response_minutes,
    nextResponseMinutes: row.next_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    escalateGroupId: row.escalate_group_id,
    calendarId: row.calendar_id,
    active: row.active,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
