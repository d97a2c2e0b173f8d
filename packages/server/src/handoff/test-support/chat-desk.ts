import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DUMMY_PASSWORD_HASH } from '../../auth/password-hasher.js';
import type { Database, Role } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { chinaDayOf } from '../../tickets/sla/business-calendar.js';
import { handoffDatabase, type AgentPresence } from '../handoff-schema.js';

let sequence = 0;

export interface ChatDeskOptions {
  name?: string;
  skills?: string[];
  intents?: string[];
  isDefault?: boolean;
  offerTimeoutSeconds?: number;
  /** `always`: open every minute of every day; `closed_now`: open only on a weekday that is not today (China time). */
  hours?: 'always' | 'closed_now';
}

/**
 * A chat group with its own business calendar and agents with profiles, inserted directly as the
 * tenant — the handoff tests' desk. Agents are active users of the tenant.
 */
export class ChatDesk {
  private constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
    readonly groupId: string,
  ) {}

  static async open(db: Kysely<Database>, tenantId: string, options: ChatDeskOptions = {}): Promise<ChatDesk> {
    const hdb = handoffDatabase(db);
    const groupId = randomUUID();
    const calendarId = randomUUID();
    const today = new Date(`${chinaDayOf(new Date())}T00:00:00Z`).getUTCDay();
    const always = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '24:00']]]));
    const weekly = options.hours === 'closed_now' ? { [String((today + 3) % 7)]: [['09:00', '18:00']] } : always;
    await TenantScope.asTenant(tenantId, async () => {
      await hdb
        .insertInto('business_calendars')
        .values({ id: calendarId, tenant_id: tenantId, name: `日历 ${++sequence}`, weekly_hours: JSON.stringify(weekly), follow_china_holidays: false, is_default: false })
        .execute();
      await hdb
        .insertInto('agent_groups')
        .values({
          id: groupId,
          tenant_id: tenantId,
          name: options.name ?? `在线客服 ${++sequence}`,
          calendar_id: calendarId,
          handles_chat: true,
          chat_skills: JSON.stringify(options.skills ?? []),
          chat_intents: JSON.stringify(options.intents ?? []),
          is_chat_default: options.isDefault ?? false,
          offer_timeout_seconds: options.offerTimeoutSeconds ?? 30,
        })
        .execute();
    });
    return new ChatDesk(db, tenantId, groupId);
  }

  /** A new staff user in the group with a profile (online, seen now, by default). */
  async agent(name: string, over: { skills?: string[]; maxChats?: number; presence?: AgentPresence; role?: Role; supervisor?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await this.add(id, name, over, true);
    return id;
  }

  /** Puts an existing user of the tenant into the group with a profile. */
  async enlist(userId: string, over: { skills?: string[]; maxChats?: number; presence?: AgentPresence; supervisor?: boolean } = {}): Promise<void> {
    await this.add(userId, '', over, false);
  }

  private async add(id: string, name: string, over: { skills?: string[]; maxChats?: number; presence?: AgentPresence; role?: Role; supervisor?: boolean }, createUser: boolean): Promise<void> {
    const hdb = handoffDatabase(this.db);
    await TenantScope.asTenant(this.tenantId, async () => {
      if (createUser) {
        await hdb.insertInto('users').values({ id, tenant_id: this.tenantId, email: `${id}@handoff.test`, name, role: over.role ?? 'agent', password_hash: DUMMY_PASSWORD_HASH }).execute();
      }
      await hdb.insertInto('agent_group_members').values({ tenant_id: this.tenantId, group_id: this.groupId, user_id: id, is_supervisor: over.supervisor ?? false }).execute();
      await hdb
        .insertInto('agent_profiles')
        .values({ tenant_id: this.tenantId, user_id: id, presence: over.presence ?? 'online', max_chats: over.maxChats ?? 5, skills: JSON.stringify(over.skills ?? []), last_seen_at: new Date() })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({ presence: over.presence ?? 'online', max_chats: over.maxChats ?? 5, skills: JSON.stringify(over.skills ?? []), last_seen_at: new Date() }),
        )
        .execute();
    });
  }
}
