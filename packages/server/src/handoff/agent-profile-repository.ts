import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileDto, AgentProfilePatch } from './handoff-dto.js';
import { handoffDatabase, type AgentPresence, type HandoffDatabase } from './handoff-schema.js';

/** Defaults of a profile nobody has touched yet (the migration's column defaults). */
const DEFAULT_MAX_CHATS = 5;

/**
 * Agent profiles (presence, chat capacity, skills), one per staff user, created on first write
 * with the migration's defaults; reads of a user without one show those defaults.
 */
export class AgentProfileRepository {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = handoffDatabase(db);
  }

  /** Creates the profile with defaults when missing (no-op otherwise). */
  async ensure(db: Kysely<HandoffDatabase>, ctx: TenantContext, userId: string): Promise<void> {
    await db
      .insertInto('agent_profiles')
      .values({ tenant_id: ctx.tenantId, user_id: userId, skills: '[]' })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  }

  async get(ctx: TenantContext, userId: string): Promise<AgentProfileDto> {
    const [profile] = await this.list(ctx, userId);
    if (!profile) throw new NotFoundError('User');
    return profile;
  }

  /** The tenant's active staff with their profiles (defaults when none), loads and groups; one user with `onlyUserId`. */
  async list(ctx: TenantContext, onlyUserId?: string): Promise<AgentProfileDto[]> {
    let q = this.db
      .selectFrom('users as u')
      .leftJoin('agent_profiles as p', (j) => j.onRef('p.user_id', '=', 'u.id').onRef('p.tenant_id', '=', 'u.tenant_id'))
      .select(['u.id', 'u.name', 'p.presence', 'p.max_chats', 'p.skills'])
      .select((eb) => [
        eb
          .selectFrom('handoff_requests as r')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('r.tenant_id', '=', 'u.tenant_id')
          .where((w) => w.or([w.and([w('r.status', '=', 'offered'), w('r.offered_to', '=', w.ref('u.id'))]), w.and([w('r.status', '=', 'assigned'), w('r.assigned_to', '=', w.ref('u.id'))])]))
          .as('load'),
      ])
      .where('u.tenant_id', '=', ctx.tenantId)
      .where('u.active', '=', true);
    if (onlyUserId) q = q.where('u.id', '=', onlyUserId);
    const rows = await q.orderBy('u.name').orderBy('u.id').execute();
    if (rows.length === 0) return [];
    const memberships = await this.db
      .selectFrom('agent_group_members as m')
      .innerJoin('agent_groups as g', 'g.id', 'm.group_id')
      .select(['m.user_id', 'g.id', 'g.name', 'm.is_supervisor'])
      .where('m.tenant_id', '=', ctx.tenantId)
      .where(
        'm.user_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('g.name')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      name: r.name,
      presence: r.presence ?? 'offline',
      maxChats: r.max_chats ?? DEFAULT_MAX_CHATS,
      skills: r.skills ?? [],
      activeChats: Number(r.load ?? 0),
      groups: memberships.filter((m) => m.user_id === r.id).map((m) => ({ id: m.id, name: m.name, isSupervisor: m.is_supervisor })),
    }));
  }

  /** Sets presence; online/away also counts as a heartbeat. Returns the presence before. */
  async setPresence(ctx: TenantContext, userId: string, presence: AgentPresence, now: Date): Promise<AgentPresence> {
    return this.db.transaction().execute(async (trx) => {
      await this.ensure(trx, ctx, userId);
      const before = await trx.selectFrom('agent_profiles').select('presence').where('tenant_id', '=', ctx.tenantId).where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
      await trx
        .updateTable('agent_profiles')
        .set({ presence, updated_at: now, ...(before.presence !== presence ? { presence_changed_at: now } : {}), ...(presence !== 'offline' ? { last_seen_at: now } : {}) })
        .where('tenant_id', '=', ctx.tenantId)
        .where('user_id', '=', userId)
        .execute();
      return before.presence;
    });
  }

  /** Capacity and skills (admin). 404 for a user outside the tenant. */
  async patch(ctx: TenantContext, userId: string, patch: AgentProfilePatch, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', userId).executeTakeFirst();
      if (!user) throw new NotFoundError('User');
      await this.ensure(trx, ctx, userId);
      await trx
        .updateTable('agent_profiles')
        .set({
          updated_at: now,
          ...(patch.maxChats !== undefined ? { max_chats: patch.maxChats } : {}),
          ...(patch.skills !== undefined ? { skills: JSON.stringify(patch.skills) } : {}),
        })
        .where('tenant_id', '=', ctx.tenantId)
        .where('user_id', '=', userId)
        .execute();
    });
  }

  /**
   * The console heartbeat of one node: every agent with a socket here was seen now. One UPDATE for
   * all of them, across tenants (the caller runs it as the system).
   */
  async touch(userIds: readonly string[], now: Date): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.updateTable('agent_profiles').set({ last_seen_at: now }).where('user_id', 'in', [...new Set(userIds)]).execute();
  }

  /** Online/away profiles not seen since `cutoff` go offline; returns who (across tenants; run as the system). */
  async expireStale(cutoff: Date, now: Date): Promise<{ tenantId: string; userId: string; maxChats: number }[]> {
    const rows = await this.db
      .updateTable('agent_profiles')
      .set({ presence: 'offline', presence_changed_at: now, updated_at: now })
      .where('presence', 'in', ['online', 'away'])
      .where((eb) => eb.or([eb('last_seen_at', '<', cutoff), eb('last_seen_at', 'is', null)]))
      .returning(['tenant_id', 'user_id', 'max_chats'])
      .execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, userId: r.user_id, maxChats: r.max_chats }));
  }

  /** Offered + assigned chats of one agent. */
  async load(db: Kysely<HandoffDatabase>, ctx: TenantContext, userId: string): Promise<number> {
    const row = await sql<{ n: number }>`
      select count(*)::int as n from handoff_requests
      where tenant_id = ${ctx.tenantId}::uuid
        and ((status = 'offered' and offered_to = ${userId}::uuid) or (status = 'assigned' and assigned_to = ${userId}::uuid))`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  }
}
