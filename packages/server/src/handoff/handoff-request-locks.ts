import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import { HandoffRefusedError } from './handoff-refused-error.js';
import type { HandoffDatabase, HandoffRequestRow } from './handoff-schema.js';

// The reads every handoff step makes under the lock order: the request first, then the agent's profile.

/** The request of the conversation that is queued, offered or assigned, if any (`lock`: FOR UPDATE). */
export function activeRequest(db: Kysely<HandoffDatabase>, ctx: TenantContext, conversationId: string, lock = false): Promise<HandoffRequestRow | undefined> {
  const q = db.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).where('status', 'in', ['queued', 'offered', 'assigned']);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** The request, locked; 404 outside the tenant. */
export async function lockRequest(trx: Kysely<HandoffDatabase>, ctx: TenantContext, requestId: string): Promise<HandoffRequestRow> {
  const r = await trx.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', requestId).forUpdate().executeTakeFirst();
  if (!r) throw new NotFoundError('Handoff request');
  return r;
}

/**
 * Locks the agent's profile (after the request: the router's order) and refuses an agent who
 * cannot take one more chat: not online (when required), a missing skill, or full. `holding`: chats
 * of this step the agent already counts (the offer being accepted).
 */
export async function lockAgentFor(
  trx: Kysely<HandoffDatabase>,
  profiles: AgentProfileRepository,
  ctx: TenantContext,
  userId: string,
  requiredSkills: readonly string[],
  options: { requireOnline: boolean; holding: number },
): Promise<void> {
  await profiles.ensure(trx, ctx, userId);
  const profile = await trx.selectFrom('agent_profiles').select(['presence', 'max_chats', 'skills']).where('tenant_id', '=', ctx.tenantId).where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
  if (options.requireOnline && profile.presence !== 'online') throw new HandoffRefusedError('agent_offline', `presence is ${profile.presence}`);
  const missing = requiredSkills.filter((s) => !profile.skills.includes(s));
  if (missing.length > 0) throw new HandoffRefusedError('agent_lacks_skill', missing.join(', '));
  const load = (await profiles.load(trx, ctx, userId)) - options.holding;
  if (load >= profile.max_chats) throw new HandoffRefusedError('agent_at_capacity', `${load} of ${profile.max_chats} chats`);
}
