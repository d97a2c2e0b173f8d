import { sql, type Kysely } from 'kysely';

// Bot turns of one conversation run one at a time in seq order across nodes (ConversationTurnLock).
// `bot_seq` is the seq of the last visitor message whose turn is over — answered, or handed to a
// human — written with the turn's state, so the holder of the lock knows which messages still wait
// for the bot. Existing conversations have had every turn they are going to get.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table conversations add column bot_seq integer not null default 0`.execute(db);
  await sql`update conversations set bot_seq = last_seq`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table conversations drop column bot_seq`.execute(db);
}
