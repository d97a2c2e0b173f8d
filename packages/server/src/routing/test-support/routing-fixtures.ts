import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { DUMMY_PASSWORD_HASH } from '../../auth/password-hasher.js';
import { ticketDatabase, type TicketPriority, type TicketStatus } from '../../tickets/ticket-schema.js';

let sequence = 0;

/**
 * Rows for routing tests, inserted directly as the tenant: the ticket service is another module, and
 * routing only reads the columns it needs.
 */
export class RoutingFixtures {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  private get tdb() {
    return ticketDatabase(this.db);
  }

  private as<T>(fn: () => Promise<T>): Promise<T> {
    return TenantScope.asTenant(this.tenantId, fn);
  }

  async agent(name: string, over: { active?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await this.as(() => this.tdb.insertInto('users').values({ id, tenant_id: this.tenantId, email: `${id}@routing.test`, name, role: 'agent', password_hash: DUMMY_PASSWORD_HASH, active: over.active ?? true }).execute());
    return id;
  }

  async group(name: string): Promise<string> {
    const id = randomUUID();
    await this.as(() => this.tdb.insertInto('agent_groups').values({ id, tenant_id: this.tenantId, name }).execute());
    return id;
  }

  async member(groupId: string, userId: string, over: { maxOpenTickets?: number; onDuty?: boolean } = {}): Promise<void> {
    await this.as(() =>
      this.tdb
        .insertInto('agent_group_members')
        .values({ tenant_id: this.tenantId, group_id: groupId, user_id: userId, max_open_tickets: over.maxOpenTickets ?? 30, on_duty: over.onDuty ?? true })
        .execute(),
    );
  }

  async category(key: string, defaultGroupId: string | null = null): Promise<string> {
    const id = randomUUID();
    await this.as(() => this.tdb.insertInto('ticket_categories').values({ id, tenant_id: this.tenantId, key, name: key, default_group_id: defaultGroupId }).execute());
    return id;
  }

  async rule(groupId: string, over: { position?: number; categoryKeys?: string[]; keywords?: string[]; customerTiers?: string[]; priority?: TicketPriority | null; active?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await this.as(() =>
      this.tdb
        .insertInto('ticket_routing_rules')
        .values({
          id,
          tenant_id: this.tenantId,
          name: `rule ${id.slice(0, 8)}`,
          position: over.position ?? 0,
          category_keys: JSON.stringify(over.categoryKeys ?? []),
          keywords: JSON.stringify(over.keywords ?? []),
          customer_tiers: JSON.stringify(over.customerTiers ?? []),
          group_id: groupId,
          priority: over.priority ?? null,
          active: over.active ?? true,
        })
        .execute(),
    );
    return id;
  }

  async ticket(
    over: { groupId?: string | null; assigneeId?: string | null; status?: TicketStatus; priority?: TicketPriority; createdAt?: Date; due?: { firstResponse?: Date; nextResponse?: Date; resolution?: Date } } = {},
  ): Promise<string> {
    const id = randomUUID();
    sequence += 1;
    await this.as(() =>
      this.tdb
        .insertInto('tickets')
        .values({
          id,
          tenant_id: this.tenantId,
          number: `GD20261206${String(sequence).padStart(6, '0')}`,
          subject: `工单 ${sequence}`,
          description: '测试工单',
          status: over.status ?? 'new',
          priority: over.priority ?? 'P3',
          group_id: over.groupId ?? null,
          assignee_id: over.assigneeId ?? null,
          channel: 'api',
          ...(over.createdAt ? { created_at: over.createdAt, updated_at: over.createdAt } : {}),
          first_response_due_at: over.due?.firstResponse ?? null,
          next_response_due_at: over.due?.nextResponse ?? null,
          resolution_due_at: over.due?.resolution ?? null,
        })
        .execute(),
    );
    return id;
  }

  async assigneeOf(ticketId: string): Promise<string | null> {
    return this.as(async () => (await this.tdb.selectFrom('tickets').select('assignee_id').where('id', '=', ticketId).executeTakeFirstOrThrow()).assignee_id);
  }

  async events(ticketId: string) {
    return this.as(() => this.tdb.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('seq').execute());
  }
}
