import { sql, type Kysely } from 'kysely';
import { appendTicketEvent } from '../ticket-event-log.js';
import type { RoutingDecision, TicketRoutingPort } from '../ticket-ports.js';
import type { TicketDatabase } from '../ticket-schema.js';

const OPEN_STATUSES = ['new', 'open', 'pending_customer'] as const;

/**
 * Routing without rules: the category's default group, then the least-loaded on-duty member of
 * that group with free capacity. Stands in for routing/ until the lead merges it.
 */
export class CategoryDefaultRouting implements TicketRoutingPort {
  constructor(private readonly db: Kysely<TicketDatabase>) {}

  async route(trx: Kysely<TicketDatabase>, tenantId: string, input: { categoryId: string | null }): Promise<RoutingDecision | null> {
    if (!input.categoryId) return null;
    const row = await trx.selectFrom('ticket_categories').select('default_group_id').where('tenant_id', '=', tenantId).where('id', '=', input.categoryId).executeTakeFirst();
    return row?.default_group_id ? { groupId: row.default_group_id, priority: null, ruleId: null } : null;
  }

  async assign(tenantId: string, ticketId: string, now: Date): Promise<string | null> {
    return this.db.transaction().execute(async (trx) => {
      const ticket = await trx.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', ticketId).forUpdate().executeTakeFirst();
      if (!ticket || ticket.assignee_id || !ticket.group_id || !(OPEN_STATUSES as readonly string[]).includes(ticket.status)) return null;
      const members = await trx
        .selectFrom('agent_group_members as m')
        .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'm.user_id').onRef('u.tenant_id', '=', 'm.tenant_id'))
        .select(['m.user_id', 'm.max_open_tickets'])
        .select((eb) =>
          eb
            .selectFrom('tickets as t')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('t.tenant_id', '=', 'm.tenant_id')
            .whereRef('t.assignee_id', '=', 'm.user_id')
            .where('t.status', 'in', OPEN_STATUSES)
            .as('load'),
        )
        .where('m.tenant_id', '=', tenantId)
        .where('m.group_id', '=', ticket.group_id)
        .where('m.on_duty', '=', true)
        .where('u.active', '=', true)
        .orderBy('m.user_id')
        .forUpdate()
        .execute();
      const free = members.filter((m) => Number(m.load ?? 0) < m.max_open_tickets).sort((a, b) => Number(a.load ?? 0) - Number(b.load ?? 0));
      const pick = free[0];
      if (!pick) return null;
      await trx.updateTable('tickets').set({ assignee_id: pick.user_id, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', ticketId).execute();
      await appendTicketEvent(trx, { tenantId, ticketId, type: 'assigned', actorType: 'system', data: { assigneeId: pick.user_id }, at: now });
      return pick.user_id;
    });
  }
}
