import { randomUUID } from 'node:crypto';
import type { CannedReply, TemplateId } from '@zhida/templates';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { handoffDatabase } from '../handoff/handoff-schema.js';
import type { UserRepository } from '../users/user-repository.js';
import { DEMO_CHAT_DESKS, DEMO_SUPERVISOR } from './demo-chat-staff.js';
import { demoUsers } from './demo-tenants.js';

/** The template writes `{{orderNo}}`; the canned-reply renderer fills `{orderNumber}` (docs/design/handoff.md, "Agent assist"). */
const VARIABLE_NAMES: Record<string, string> = { orderNo: 'orderNumber', ticketNo: 'ticketNumber' };

/**
 * A demo tenant's chat desk, after its ticket desk (the groups are its departments): the industry's
 * chat agents and a supervisor (accounts with the demo password), their profiles (skills, capacity;
 * offline until they sign in), the groups' chat routing (skills, the intents each serves, one
 * default), memberships, and tenant-wide canned replies from the template.
 *
 * Idempotent: accounts, groups, members, profiles and canned replies that exist are left as they are,
 * and the routing is set only while the tenant has no default chat group, so an admin's later edits
 * survive a restart.
 *
 * @example await seedDemoChatDesk(db, services.users, tenant.id, 'telecom', template.cannedReplies, DEMO_PASSWORD);
 */
export async function seedDemoChatDesk(
  database: Kysely<Database>,
  users: UserRepository,
  tenantId: string,
  template: TemplateId,
  cannedReplies: readonly CannedReply[],
  password: string,
): Promise<void> {
  const desk = DEMO_CHAT_DESKS[template];
  const db = handoffDatabase(database);
  const ctx = { tenantId };
  await TenantScope.asTenant(tenantId, async () => {
    const existing = new Set((await db.selectFrom('users').select('email').where('tenant_id', '=', tenantId).execute()).map((u) => u.email));
    for (const person of [...desk.agents.map((a) => ({ email: a.email, name: a.name, role: 'agent' as const })), DEMO_SUPERVISOR]) {
      if (!existing.has(person.email)) await users.create(ctx, { ...person, password });
    }
    const staff = new Map((await db.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', tenantId).execute()).map((u) => [u.email, u.id]));

    await db
      .insertInto('agent_groups')
      .values(desk.groups.map((g) => ({ id: randomUUID(), tenant_id: tenantId, name: g.name })))
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
      .execute();
    const groups = new Map((await db.selectFrom('agent_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).execute()).map((g) => [g.name, g.id]));
    await configureChatRouting(db, tenantId, desk.groups, groups);

    const chatGroupIds = desk.groups.map((g) => groups.get(g.name)!);
    const defaultGroupId = groups.get(desk.groups.find((g) => g.isDefault)!.name)!;
    const [agent1, agent2, admin] = [demoUsers[1].email, demoUsers[2].email, demoUsers[0].email].map((email) => staff.get(email));
    const members = [
      ...desk.agents.flatMap((a) => a.groups.map((name) => ({ group_id: groups.get(name)!, user_id: staff.get(a.email)!, is_supervisor: false }))),
      // agent1 takes every kind of chat, so a demo with one console window always finds someone.
      ...(agent1 ? chatGroupIds.map((id) => ({ group_id: id, user_id: agent1, is_supervisor: false })) : []),
      ...(agent2 ? [{ group_id: defaultGroupId, user_id: agent2, is_supervisor: false }] : []),
      ...[staff.get(DEMO_SUPERVISOR.email), admin].flatMap((id) => (id ? chatGroupIds.map((groupId) => ({ group_id: groupId, user_id: id, is_supervisor: true })) : [])),
    ];
    await db
      .insertInto('agent_group_members')
      .values(members.map((m) => ({ tenant_id: tenantId, ...m })))
      .onConflict((oc) => oc.doNothing())
      .execute();

    const allSkills = [...new Set([...desk.groups.flatMap((g) => g.skills), 'English'])];
    const profiles = [
      ...desk.agents.map((a) => ({ user_id: staff.get(a.email)!, max_chats: a.maxChats, skills: a.skills })),
      ...(agent1 ? [{ user_id: agent1, max_chats: 5, skills: allSkills }] : []),
      ...(agent2 ? [{ user_id: agent2, max_chats: 3, skills: [] }] : []),
    ];
    await db
      .insertInto('agent_profiles')
      .values(profiles.map((p) => ({ tenant_id: tenantId, user_id: p.user_id, presence: 'offline' as const, max_chats: p.max_chats, skills: JSON.stringify(p.skills) })))
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();

    if (cannedReplies.length > 0) {
      await db
        .insertInto('canned_replies')
        .values(cannedReplies.map((r) => ({ id: randomUUID(), tenant_id: tenantId, owner_id: null, shortcut: r.shortcut.replace(/^\//, ''), title: r.title, body: toRendererVariables(r.text) })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}

/**
 * `{{orderNo}}` → `{orderNumber}`: the renderer's single-brace variables. Variables it cannot fill
 * (an amount, a date) stay visible for the agent to complete.
 *
 * @example toRendererVariables('订单{{orderNo}}已取消') // '订单{orderNumber}已取消'
 */
export function toRendererVariables(text: string): string {
  return text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => `{${VARIABLE_NAMES[name] ?? name}}`);
}

/** Sets the groups' chat routing once: the desk's groups take chats, the other departments only tickets. */
async function configureChatRouting(
  db: ReturnType<typeof handoffDatabase>,
  tenantId: string,
  chatGroups: readonly { name: string; skills: string[]; intents: string[]; isDefault?: boolean }[],
  groups: Map<string, string>,
): Promise<void> {
  const configured = await db.selectFrom('agent_groups').select('id').where('tenant_id', '=', tenantId).where('is_chat_default', '=', true).executeTakeFirst();
  if (configured) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('agent_groups').set({ handles_chat: false }).where('tenant_id', '=', tenantId).execute();
    for (const group of chatGroups) {
      await trx
        .updateTable('agent_groups')
        .set({ handles_chat: true, chat_skills: JSON.stringify(group.skills), chat_intents: JSON.stringify(group.intents), is_chat_default: group.isDefault === true })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groups.get(group.name)!)
        .execute();
    }
  });
}
