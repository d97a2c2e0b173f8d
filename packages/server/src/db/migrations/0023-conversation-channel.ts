import { sql, type Kysely } from 'kysely';

// One conversation model, many adapters (#15): every conversation records the channel it came in on,
// so the console, the handoff queue and analytics can tell a WeChat or phone customer from a web one.
// Existing conversations all came through the web widget.
export const CONVERSATION_CHANNELS = ['web', 'app', 'wechat_mp', 'wechat_mini', 'wecom_kf', 'phone', 'speaker'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const list = CONVERSATION_CHANNELS.map((c) => `'${c}'`).join(', ');
  await sql`alter table conversations add column channel text not null default 'web'`.execute(db);
  await sql.raw(`alter table conversations add constraint conversations_channel_check check (channel in (${list}))`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table conversations drop column channel`.execute(db);
}
