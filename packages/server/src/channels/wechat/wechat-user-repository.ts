import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { WechatDb, WechatUsersTable } from './wechat-schema.js';

export type WechatUser = Selectable<WechatUsersTable>;

/** WeChat users of the tenant's accounts: openid → visitor and conversation, window and delivery progress. */
export class WechatUserRepository {
  constructor(private readonly db: WechatDb) {}

  find(ctx: TenantContext, accountId: string, openid: string): Promise<WechatUser | undefined> {
    return this.db.selectFrom('wechat_users').selectAll().where('tenant_id', '=', ctx.tenantId).where('account_id', '=', accountId).where('openid', '=', openid).executeTakeFirst();
  }

  /** Inserts the mapping; when a concurrent callback of the same user won the race, returns theirs. */
  async insert(
    ctx: TenantContext,
    input: { accountId: string; openid: string; openKfId: string | null; visitorId: string; conversationId: string; at: Date; deliveredSeq: number },
  ): Promise<WechatUser> {
    const row = await this.db
      .insertInto('wechat_users')
      .values({
        id: randomUUID(),
        tenant_id: ctx.tenantId,
        account_id: input.accountId,
        openid: input.openid,
        open_kfid: input.openKfId,
        visitor_id: input.visitorId,
        conversation_id: input.conversationId,
        last_inbound_at: input.at,
        delivered_seq: input.deliveredSeq,
      })
      .onConflict((oc) => oc.columns(['account_id', 'openid']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ?? (await this.find(ctx, input.accountId, input.openid))!;
  }

  async touched(ctx: TenantContext, id: string, at: Date, openKfId: string | null): Promise<void> {
    await this.db
      .updateTable('wechat_users')
      .set({ last_inbound_at: at, ...(openKfId ? { open_kfid: openKfId } : {}) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
  }

  forConversation(ctx: TenantContext, conversationId: string): Promise<WechatUser[]> {
    return this.db.selectFrom('wechat_users').selectAll().where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).execute();
  }

  /** Users with replies not yet delivered whose retry time has come (the sweep's work list). */
  async behind(ctx: TenantContext, now: Date, limit: number): Promise<WechatUser[]> {
    return this.db
      .selectFrom('wechat_users as u')
      .innerJoin('conversations as c', (j) => j.onRef('c.id', '=', 'u.conversation_id').onRef('c.tenant_id', '=', 'u.tenant_id'))
      .selectAll('u')
      .where('u.tenant_id', '=', ctx.tenantId)
      .whereRef('u.delivered_seq', '<', 'c.last_seq')
      .where((w) => w.or([w('u.next_delivery_at', 'is', null), w('u.next_delivery_at', '<=', now)]))
      .limit(limit)
      .execute();
  }

  /** Takes the user's delivery for `leaseMs` unless another node holds it or its retry time has not come. */
  async claim(ctx: TenantContext, id: string, now: Date, leaseMs: number): Promise<WechatUser | undefined> {
    return this.db
      .updateTable('wechat_users')
      .set({ delivery_locked_until: new Date(now.getTime() + leaseMs) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .where((w) => w.or([w('delivery_locked_until', 'is', null), w('delivery_locked_until', '<', now)]))
      .where((w) => w.or([w('next_delivery_at', 'is', null), w('next_delivery_at', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
  }

  async delivered(ctx: TenantContext, id: string, seq: number, error: string | null): Promise<void> {
    await this.db
      .updateTable('wechat_users')
      .set({ delivered_seq: seq, delivery_attempts: 0, next_delivery_at: null, ...(error ? { last_delivery_error: error } : {}) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
  }

  async failed(ctx: TenantContext, id: string, attempts: number, retryAt: Date, error: string): Promise<void> {
    await this.db
      .updateTable('wechat_users')
      .set({ delivery_attempts: attempts, next_delivery_at: retryAt, last_delivery_error: error.slice(0, 500) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
  }

  async release(ctx: TenantContext, id: string): Promise<void> {
    await this.db.updateTable('wechat_users').set({ delivery_locked_until: null }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
  }
}
