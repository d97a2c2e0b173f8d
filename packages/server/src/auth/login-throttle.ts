import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const WINDOW_MINUTES = 10;
const MAX_FAILURES_PER_ACCOUNT = 10;
const MAX_FAILURES_PER_IP = 50;

/**
 * Counts failed logins in the database, so the limit holds across app nodes
 * and restarts: 10 failures for one account (or 50 from one IP) in 10 minutes
 * lock further attempts until the window passes.
 */
export class LoginThrottle {
  constructor(private readonly db: Kysely<Database>) {}

  async isLocked(subject: string, ip: string): Promise<boolean> {
    const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
    const row = await this.db
      .selectFrom('login_attempts')
      .select([
        sql<number>`count(*) filter (where subject = ${subject})`.as('account'),
        sql<number>`count(*) filter (where ip = ${ip})`.as('ip'),
      ])
      .where('succeeded', '=', false)
      .where('created_at', '>', since)
      .where((eb) => eb.or([eb('subject', '=', subject), eb('ip', '=', ip)]))
      .executeTakeFirstOrThrow();
    return Number(row.account) >= MAX_FAILURES_PER_ACCOUNT || Number(row.ip) >= MAX_FAILURES_PER_IP;
  }

  async record(subject: string, ip: string, succeeded: boolean): Promise<void> {
    await this.db.insertInto('login_attempts').values({ id: randomUUID(), subject, ip, succeeded }).execute();
  }

  static readonly retryAfterSeconds = WINDOW_MINUTES * 60;
}
