import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../../db/create-database.js';
import { createTestDatabase } from '../../../test-support/migrated-pglite.js';
import type { Database } from '../../../db/schema.js';
import { TenantScope } from '../../../db/tenant-scope.js';
import { dropTestSchema, TEST_DATABASE_URL, type Backend } from '../../../test-support/test-backends.js';
import { ticketDatabase, type TicketDatabase, type TicketPriority, type TicketRow, type TicketStatus, type WeeklyHours, type WorkingWindows } from '../../ticket-schema.js';

// Test-only: rows written straight into the tables (the ticket service is built elsewhere).

export const OFFICE_DAY: WorkingWindows = [['09:00', '12:00'], ['13:30', '18:00']];
export const OFFICE_WEEK: WeeklyHours = { '1': OFFICE_DAY, '2': OFFICE_DAY, '3': OFFICE_DAY, '4': OFFICE_DAY, '5': OFFICE_DAY };
/** Every minute of every day: business time equals wall time, for tests on the real clock. */
export const ALWAYS_OPEN: WeeklyHours = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '24:00']]]));

/** An empty database of one backend; `another()` opens a second handle (a second node) on the same PostgreSQL schema. */
export async function openTestDatabase(backend: Backend): Promise<{ handle: DatabaseHandle; another(): Promise<DatabaseHandle>; close(): Promise<void> }> {
  const config = {
    databaseUrl: backend === 'postgres' ? TEST_DATABASE_URL : null,
    databaseSchema: backend === 'postgres' ? `sla_${randomUUID().replace(/-/g, '').slice(0, 20)}` : 'public',
    dataDir: null,
  };
  const handle = await createTestDatabase(config);
  const extra: DatabaseHandle[] = [];
  return {
    handle,
    another: async () => {
      if (backend !== 'postgres') throw new Error('a second node needs PostgreSQL');
      const h = await createDatabase(config);
      extra.push(h);
      return h;
    },
    close: async () => {
      for (const h of extra) await h.close();
      await handle.close();
      if (backend === 'postgres') await dropTestSchema(config.databaseSchema);
    },
  };
}


export function asTickets(db: Kysely<Database>): Kysely<TicketDatabase> {
  return ticketDatabase(db);
}

export async function insertTenant(db: Kysely<Database>, slug = `sla-${randomUUID().slice(0, 8)}`): Promise<string> {
  const id = randomUUID();
  await TenantScope.asSystem(() => sql`insert into tenants (id, slug, name, industry) values (${id}, ${slug}, ${slug}, 'ecommerce')`.execute(db));
  return id;
}

export async function insertCalendar(db: Kysely<Database>, tenantId: string, input: { weeklyHours: WeeklyHours; followChinaHolidays?: boolean; isDefault?: boolean; name?: string; closures?: { from: string; to: string; name: string }[] }): Promise<string> {
  const id = randomUUID();
  await TenantScope.asTenant(tenantId, () =>
    asTickets(db)
      .insertInto('business_calendars')
      .values({
        id,
        tenant_id: tenantId,
        name: input.name ?? `日历-${id.slice(0, 6)}`,
        weekly_hours: JSON.stringify(input.weeklyHours),
        follow_china_holidays: input.followChinaHolidays ?? true,
        closures: JSON.stringify(input.closures ?? []),
        is_default: input.isDefault ?? false,
      })
      .execute(),
  );
  return id;
}

export async function insertGroup(db: Kysely<Database>, tenantId: string, input: { name?: string; calendarId?: string | null } = {}): Promise<string> {
  const id = randomUUID();
  await TenantScope.asTenant(tenantId, () =>
    asTickets(db).insertInto('agent_groups').values({ id, tenant_id: tenantId, name: input.name ?? `组-${id.slice(0, 6)}`, calendar_id: input.calendarId ?? null }).execute(),
  );
  return id;
}

export async function insertPolicy(
  db: Kysely<Database>,
  tenantId: string,
  input: { name?: string; position?: number; priorities?: TicketPriority[]; categoryKeys?: string[]; firstResponse?: number | null; nextResponse?: number | null; resolution?: number | null; escalateGroupId?: string | null; calendarId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await TenantScope.asTenant(tenantId, () =>
    asTickets(db)
      .insertInto('sla_policies')
      .values({
        id,
        tenant_id: tenantId,
        name: input.name ?? `策略-${id.slice(0, 6)}`,
        position: input.position ?? 0,
        priorities: JSON.stringify(input.priorities ?? []),
        category_keys: JSON.stringify(input.categoryKeys ?? []),
        first_response_minutes: input.firstResponse ?? null,
        next_response_minutes: input.nextResponse ?? null,
        resolution_minutes: input.resolution ?? null,
        escalate_group_id: input.escalateGroupId ?? null,
        calendar_id: input.calendarId ?? null,
      })
      .execute(),
  );
  return id;
}

let sequence = 0;
export async function insertTicket(
  db: Kysely<Database>,
  tenantId: string,
  input: { createdAt: Date; status?: TicketStatus; priority?: TicketPriority; groupId?: string | null; assigneeId?: string | null; resolvedAt?: Date | null; firstRespondedAt?: Date | null },
): Promise<TicketRow> {
  const id = randomUUID();
  sequence += 1;
  return TenantScope.asTenant(tenantId, () =>
    asTickets(db)
      .insertInto('tickets')
      .values({
        id,
        tenant_id: tenantId,
        number: `GD20261207${String(sequence).padStart(4, '0')}${id.slice(0, 4)}`,
        subject: '退货申请',
        description: '<b>鞋子</b>尺码不合适，想退货',
        status: input.status ?? 'new',
        priority: input.priority ?? 'P3',
        group_id: input.groupId ?? null,
        assignee_id: input.assigneeId ?? null,
        channel: 'widget',
        classification: null,
        resolved_at: input.resolvedAt ?? null,
        first_responded_at: input.firstRespondedAt ?? null,
        created_at: input.createdAt,
        updated_at: input.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function ticketRow(db: Kysely<Database>, tenantId: string, id: string): Promise<TicketRow> {
  return TenantScope.asTenant(tenantId, () => asTickets(db).selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function eventsOf(db: Kysely<Database>, tenantId: string, id: string) {
  return TenantScope.asTenant(tenantId, () => asTickets(db).selectFrom('ticket_events').selectAll().where('ticket_id', '=', id).orderBy('seq').execute());
}

export async function insertAgent(db: Kysely<Database>, tenantId: string): Promise<string> {
  const id = randomUUID();
  await TenantScope.asTenant(tenantId, () =>
    sql`insert into users (id, tenant_id, email, name, role, password_hash) values (${id}, ${tenantId}, ${`agent-${id.slice(0, 6)}@sla.test`}, '坐席', 'agent', 'x')`.execute(db),
  );
  return id;
}
