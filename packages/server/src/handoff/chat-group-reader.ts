import type { Kysely } from 'kysely';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { HandoffDatabase } from './handoff-schema.js';
import type { HandoffLocale } from './handoff-visitor-text.js';

/** The tenant's chat groups with what routing needs (for `chooseChatGroup`). */
export async function readChatGroups(db: Kysely<HandoffDatabase>, ctx: TenantContext) {
  const groups = await db
    .selectFrom('agent_groups')
    .select(['id', 'chat_intents', 'chat_skills', 'is_chat_default', 'calendar_id', 'created_at'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('handles_chat', '=', true)
    .execute();
  return groups.map((g) => ({ ...g, chatIntents: g.chat_intents, isChatDefault: g.is_chat_default, createdAt: new Date(g.created_at) }));
}

/** The group's skills, plus `English` for a visitor writing in English. */
export function withLocaleSkill(skills: readonly string[], locale: HandoffLocale): string[] {
  return locale === 'en' && !skills.includes('English') ? [...skills, 'English'] : [...skills];
}
