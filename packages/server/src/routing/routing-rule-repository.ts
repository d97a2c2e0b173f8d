import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { ticketDatabase, type TicketDatabase, type TicketPriority } from '../tickets/ticket-schema.js';
import type { RoutingRuleDto, RoutingRuleInput, RoutingRulePatch } from './routing-rule-dto.js';

/** The tenant's ticket routing rules; the group a rule names is resolved inside the tenant (else 404). */
export class RoutingRuleRepository {
  private readonly db: Kysely<TicketDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = ticketDatabase(db);
  }

  /** In the order the dispatcher tries them. */
  async list(ctx: TenantContext): Promise<RoutingRuleDto[]> {
    const rows = await this.rules(ctx).orderBy('r.position').orderBy('r.created_at').orderBy('r.id').execute();
    return rows.map(toDto);
  }

  async get(ctx: TenantContext, id: string): Promise<RoutingRuleDto> {
    const row = await this.rules(ctx).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Routing rule');
    return toDto(row);
  }

  async create(ctx: TenantContext, input: RoutingRuleInput): Promise<RoutingRuleDto> {
    await this.requireGroup(ctx, input.groupId);
    const id = randomUUID();
    await this.db
      .insertInto('ticket_routing_rules')
      .values({
        id,
        tenant_id: ctx.tenantId,
        name: input.name,
        position: input.position ?? (await this.nextPosition(ctx)),
        category_keys: JSON.stringify(input.categoryKeys ?? []),
        keywords: JSON.stringify(input.keywords ?? []),
        customer_tiers: JSON.stringify(input.customerTiers ?? []),
        group_id: input.groupId,
        priority: input.priority ?? null,
        active: input.active ?? true,
      })
      .execute();
    return this.get(ctx, id);
  }

  async update(ctx: TenantContext, id: string, patch: RoutingRulePatch): Promise<RoutingRuleDto> {
    if (patch.groupId !== undefined) await this.requireGroup(ctx, patch.groupId);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.categoryKeys !== undefined ? { category_keys: JSON.stringify(patch.categoryKeys) } : {}),
      ...(patch.keywords !== undefined ? { keywords: JSON.stringify(patch.keywords) } : {}),
      ...(patch.customerTiers !== undefined ? { customer_tiers: JSON.stringify(patch.customerTiers) } : {}),
      ...(patch.groupId !== undefined ? { group_id: patch.groupId } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    if (Object.keys(set).length > 0) {
      const res = await this.db.updateTable('ticket_routing_rules').set(set).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Routing rule');
    }
    return this.get(ctx, id);
  }

  async delete(ctx: TenantContext, id: string): Promise<void> {
    const res = await this.db.deleteFrom('ticket_routing_rules').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new NotFoundError('Routing rule');
  }

  /** A new rule without a position goes last. */
  private async nextPosition(ctx: TenantContext): Promise<number> {
    const row = await this.db
      .selectFrom('ticket_routing_rules')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('tenant_id', '=', ctx.tenantId)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 10;
  }

  private async requireGroup(ctx: TenantContext, groupId: string): Promise<void> {
    const group = await this.db.selectFrom('agent_groups').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', groupId).executeTakeFirst();
    if (!group) throw new NotFoundError('Agent group');
  }

  private rules(ctx: TenantContext) {
    return this.db
      .selectFrom('ticket_routing_rules as r')
      .innerJoin('agent_groups as g', (j) => j.onRef('g.id', '=', 'r.group_id').onRef('g.tenant_id', '=', 'r.tenant_id'))
      .select(['r.id', 'r.name', 'r.position', 'r.category_keys', 'r.keywords', 'r.customer_tiers', 'r.group_id', 'g.name as group_name', 'r.priority', 'r.active', 'r.created_at'])
      .where('r.tenant_id', '=', ctx.tenantId);
  }
}

function toDto(row: {
  id: string;
  name: string;
  position: number;
  category_keys: string[];
  keywords: string[];
  customer_tiers: string[];
  group_id: string;
  group_name: string;
  priority: TicketPriority | null;
  active: boolean;
  created_at: Date;
}): RoutingRuleDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    categoryKeys: row.category_keys,
    keywords: row.keywords,
    customerTiers: row.customer_tiers,
    group: { id: row.group_id, name: row.group_name },
    priority: row.priority,
    active: row.active,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
