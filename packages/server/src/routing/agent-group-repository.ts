import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { ticketDatabase, type TicketDatabase } from '../tickets/ticket-schema.js';
import type { AgentGroupDto, AgentGroupInput, AgentGroupMemberDto, AgentGroupMembersInput, AgentGroupPatch } from './agent-group-dto.js';
import { countOpenTickets, OPEN_TICKET_STATUSES } from './assignee-pool.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Agent groups (departments) of a tenant and their members. Every id a caller gives — group,
 * calendar, user — is resolved inside the caller's tenant, so another tenant's is a 404.
 *
 * Membership rows are what the dispatcher locks while it assigns; whatever changes them here locks
 * them first in the dispatcher's order (group, user), so the two never deadlock.
 */
export class AgentGroupRepository {
  private readonly db: Kysely<TicketDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = ticketDatabase(db);
  }

  async list(ctx: TenantContext): Promise<AgentGroupDto[]> {
    const rows = await this.groupsWithCounts(ctx).orderBy('g.name').execute();
    return rows.map(toGroupDto);
  }

  async get(ctx: TenantContext, id: string): Promise<AgentGroupDto> {
    const row = await this.groupsWithCounts(ctx).where('g.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Agent group');
    return toGroupDto(row);
  }

  async create(ctx: TenantContext, input: AgentGroupInput): Promise<AgentGroupDto> {
    const id = randomUUID();
    if (input.calendarId) await this.requireCalendar(ctx, input.calendarId);
    await this.uniqueName(() =>
      this.db.transaction().execute(async (trx) => {
        if (input.isChatDefault) await clearChatDefault(trx, ctx.tenantId);
        await trx
          .insertInto('agent_groups')
          .values({ id, tenant_id: ctx.tenantId, name: input.name, description: input.description ?? '', calendar_id: input.calendarId ?? null, ...chatColumns(input) })
          .execute();
      }),
    );
    return this.get(ctx, id);
  }

  async update(ctx: TenantContext, id: string, patch: AgentGroupPatch): Promise<AgentGroupDto> {
    if (patch.calendarId) await this.requireCalendar(ctx, patch.calendarId);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.calendarId !== undefined ? { calendar_id: patch.calendarId } : {}),
      ...chatColumns(patch),
    };
    if (Object.keys(set).length > 0) {
      const res = await this.uniqueName(() =>
        this.db.transaction().execute(async (trx) => {
          if (patch.isChatDefault) {
            await this.requireGroup(trx, ctx, id);
            await clearChatDefault(trx, ctx.tenantId);
          }
          return trx.updateTable('agent_groups').set(set).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
        }),
      );
      if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Agent group');
    }
    return this.get(ctx, id);
  }

  /** Refused while the group holds open tickets: they would drop out of every queue. */
  async delete(ctx: TenantContext, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const group = await trx.selectFrom('agent_groups').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!group) throw new NotFoundError('Agent group');
      const open = await trx
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', ctx.tenantId)
        .where('group_id', '=', id)
        .where('status', 'in', [...OPEN_TICKET_STATUSES])
        .executeTakeFirstOrThrow();
      if (Number(open.n) > 0) throw new ConflictError(`The group still holds ${Number(open.n)} open tickets; move them to another group first`, 'group_has_open_tickets');
      await lockMemberships(trx, ctx.tenantId, { groupId: id });
      await trx.deleteFrom('agent_groups').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
    });
  }

  async listMembers(ctx: TenantContext, groupId: string): Promise<AgentGroupMemberDto[]> {
    await this.requireGroup(this.db, ctx, groupId);
    const rows = await this.db
      .selectFrom('agent_group_members as m')
      .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'm.user_id').onRef('u.tenant_id', '=', 'm.tenant_id'))
      .select(['m.user_id', 'm.is_supervisor', 'm.max_open_tickets', 'm.on_duty', 'u.name', 'u.email', 'u.role', 'u.active'])
      .where('m.tenant_id', '=', ctx.tenantId)
      .where('m.group_id', '=', groupId)
      .orderBy('u.name')
      .orderBy('m.user_id')
      .execute();
    const loads = await countOpenTickets(
      this.db,
      ctx.tenantId,
      rows.map((r) => r.user_id),
    );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      role: r.role,
      active: r.active,
      isSupervisor: r.is_supervisor,
      maxOpenTickets: r.max_open_tickets,
      onDuty: r.on_duty,
      openTickets: loads.get(r.user_id) ?? 0,
    }));
  }

  /** Replaces the group's members with `input.members` (a user kept keeps their round-robin turn). */
  async replaceMembers(ctx: TenantContext, groupId: string, input: AgentGroupMembersInput): Promise<AgentGroupMemberDto[]> {
    await this.db.transaction().execute(async (trx) => {
      await this.requireGroup(trx, ctx, groupId);
      const userIds = input.members.map((m) => m.userId);
      if (userIds.length > 0) {
        const found = await trx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', 'in', userIds).execute();
        if (found.length !== new Set(userIds).size) throw new NotFoundError('User');
      }
      await lockMemberships(trx, ctx.tenantId, { groupId });
      let removal = trx.deleteFrom('agent_group_members').where('tenant_id', '=', ctx.tenantId).where('group_id', '=', groupId);
      if (userIds.length > 0) removal = removal.where('user_id', 'not in', userIds);
      await removal.execute();
      for (const m of input.members) {
        await trx
          .insertInto('agent_group_members')
          .values({ tenant_id: ctx.tenantId, group_id: groupId, user_id: m.userId, is_supervisor: m.isSupervisor, max_open_tickets: m.maxOpenTickets, on_duty: m.onDuty })
          .onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ is_supervisor: m.isSupervisor, max_open_tickets: m.maxOpenTickets, on_duty: m.onDuty }))
          .execute();
      }
    });
    return this.listMembers(ctx, groupId);
  }

  /**
   * Puts a staff member on or off duty in every group they belong to; returns those groups.
   * @example await groups.setDuty(ctx, userId, false) // ['<group id>', …]
   */
  async setDuty(ctx: TenantContext, userId: string, onDuty: boolean): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await lockMemberships(trx, ctx.tenantId, { userId });
      if (rows.length === 0) return [];
      await trx.updateTable('agent_group_members').set({ on_duty: onDuty }).where('tenant_id', '=', ctx.tenantId).where('user_id', '=', userId).execute();
      return rows.map((r) => r.group_id);
    });
  }

  /** Throws NotFoundError unless the group is the tenant's. */
  async requireGroup(db: Kysely<TicketDatabase>, ctx: TenantContext, groupId: string): Promise<void> {
    const group = await db.selectFrom('agent_groups').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', groupId).executeTakeFirst();
    if (!group) throw new NotFoundError('Agent group');
  }

  private async requireCalendar(ctx: TenantContext, calendarId: string): Promise<void> {
    const calendar = await this.db.selectFrom('business_calendars').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', calendarId).executeTakeFirst();
    if (!calendar) throw new NotFoundError('Business calendar');
  }

  private async uniqueName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new ConflictError('A group with this name already exists', 'group_name_taken');
      throw err;
    }
  }

  private groupsWithCounts(ctx: TenantContext) {
    return this.db
      .selectFrom('agent_groups as g')
      .select(['g.id', 'g.name', 'g.description', 'g.calendar_id', 'g.created_at', 'g.handles_chat', 'g.chat_skills', 'g.chat_intents', 'g.is_chat_default', 'g.offer_timeout_seconds'])
      .select((eb) => [
        eb.selectFrom('agent_group_members as m').select((e) => e.fn.countAll<number>().as('n')).whereRef('m.group_id', '=', 'g.id').as('member_count'),
        eb
          .selectFrom('agent_group_members as m')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('m.group_id', '=', 'g.id')
          .where('m.on_duty', '=', true)
          .as('on_duty_count'),
      ])
      .where('g.tenant_id', '=', ctx.tenantId);
  }
}

/** Locks membership rows in the dispatcher's order (group, user); see lockAssigneePool. */
async function lockMemberships(trx: Kysely<TicketDatabase>, tenantId: string, which: { groupId: string } | { userId: string }) {
  let query = trx.selectFrom('agent_group_members').select(['group_id', 'user_id']).where('tenant_id', '=', tenantId);
  query = 'groupId' in which ? query.where('group_id', '=', which.groupId) : query.where('user_id', '=', which.userId);
  return query.orderBy('group_id').orderBy('user_id').forUpdate().execute();
}

/** The chat routing columns a create or patch sets (only those given). */
function chatColumns(input: Pick<AgentGroupPatch, 'handlesChat' | 'chatSkills' | 'chatIntents' | 'isChatDefault' | 'offerTimeoutSeconds'>) {
  return {
    ...(input.handlesChat !== undefined ? { handles_chat: input.handlesChat } : {}),
    ...(input.chatSkills !== undefined ? { chat_skills: JSON.stringify(input.chatSkills) } : {}),
    ...(input.chatIntents !== undefined ? { chat_intents: JSON.stringify(input.chatIntents) } : {}),
    ...(input.isChatDefault !== undefined ? { is_chat_default: input.isChatDefault } : {}),
    ...(input.offerTimeoutSeconds !== undefined ? { offer_timeout_seconds: input.offerTimeoutSeconds } : {}),
  };
}

/** At most one default chat group per tenant (a unique index): the mark moves rather than conflicts. */
async function clearChatDefault(trx: Kysely<TicketDatabase>, tenantId: string): Promise<void> {
  await trx.updateTable('agent_groups').set({ is_chat_default: false }).where('tenant_id', '=', tenantId).where('is_chat_default', '=', true).execute();
}

function toGroupDto(row: {
  id: string;
  name: string;
  description: string;
  calendar_id: string | null;
  created_at: Date;
  member_count: number | null;
  on_duty_count: number | null;
  handles_chat: boolean;
  chat_skills: string[];
  chat_intents: string[];
  is_chat_default: boolean;
  offer_timeout_seconds: number;
}): AgentGroupDto {
  return {
    handlesChat: row.handles_chat,
    chatSkills: row.chat_skills,
    chatIntents: row.chat_intents,
    isChatDefault: row.is_chat_default,
    offerTimeoutSeconds: row.offer_timeout_seconds,
    id: row.id,
    name: row.name,
    description: row.description,
    calendarId: row.calendar_id,
    memberCount: Number(row.member_count ?? 0),
    onDutyCount: Number(row.on_duty_count ?? 0),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
