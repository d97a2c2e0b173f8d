import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { WechatAccessTokens } from './wechat-access-tokens.js';
import type { WechatAccountRepository } from './wechat-account-repository.js';
import { WechatApiError, type WechatApiClient } from './wechat-api-client.js';
import type { WechatUser, WechatUserRepository } from './wechat-user-repository.js';

const LEASE_MS = 60_000;
const BATCH = 50;
const MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 60 * 60 * 1000;
// WeChat will never take these messages (window over, user gone, KF quota): retrying cannot help.
const PERMANENT_ERRCODES = new Set([45015, 45047, 40003, 43004, 95001, 95018]);

export interface WechatDeliveryLog {
  warn(obj: object, msg: string): void;
}

/**
 * Sends the bot's, agents' and system replies of WeChat conversations through the customer-service
 * message API, in seq order. The conversation's own messages are the outbox: each WeChat user records
 * the seq delivered so far, so a reply committed before a crash is sent after it (by the next trigger
 * or the sweep job), and a lease keeps two nodes from sending the same one. A failed send is retried
 * with backoff; one WeChat will never accept (48-hour window over, user unsubscribed) is skipped with
 * its error recorded.
 */
export class WechatDelivery {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: WechatUserRepository,
    private readonly accounts: WechatAccountRepository,
    private readonly tokens: WechatAccessTokens,
    private readonly api: WechatApiClient,
    private readonly options: { now?: () => Date; log?: WechatDeliveryLog } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async deliverConversation(ctx: TenantContext, conversationId: string): Promise<void> {
    for (const user of await this.users.forConversation(ctx, conversationId)) await this.deliverUser(ctx, user.id);
  }

  /** The sweep: every user with undelivered replies whose retry is due. */
  async deliverDue(ctx: TenantContext): Promise<void> {
    for (const user of await this.users.behind(ctx, this.now(), 200)) await this.deliverUser(ctx, user.id);
  }

  async deliverUser(ctx: TenantContext, userId: string): Promise<void> {
    const user = await this.users.claim(ctx, userId, this.now(), LEASE_MS);
    if (!user) return;
    let more = false;
    try {
      more = await this.sendPending(ctx, user);
    } finally {
      await this.users.release(ctx, user.id);
    }
    // A reply committed while we held the lease found it taken: it is ours to send.
    if (more) await this.deliverUser(ctx, userId);
  }

  /** Sends what is pending; true when it stopped with more possibly waiting (not on a failure). */
  private async sendPending(ctx: TenantContext, user: WechatUser): Promise<boolean> {
    const account = await this.accounts.open(ctx, user.account_id);
    let delivered = user.delivered_seq;
    for (;;) {
      const batch = await this.db
        .selectFrom('messages')
        .select(['seq', 'sender_type', 'text', 'quick_replies', 'internal'])
        .where('tenant_id', '=', ctx.tenantId)
        .where('conversation_id', '=', user.conversation_id)
        .where('seq', '>', delivered)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      if (batch.length === 0) return this.hasNewer(ctx, user.conversation_id, delivered);
      for (const message of batch) {
        if (message.sender_type === 'visitor' || message.internal || message.text.trim() === '') {
          delivered = message.seq;
          continue;
        }
        const content = withQuickReplies(message.text, message.quick_replies);
        try {
          await this.tokens.withToken(ctx, account, (token) =>
            account.kind === 'wecom_kf'
              ? this.api.sendKfText(account, token, user.openid, user.open_kfid ?? '', content)
              : this.api.sendCustomText(account, token, user.openid, content),
          );
          delivered = message.seq;
          await this.users.delivered(ctx, user.id, delivered, null);
        } catch (err) {
          const text = err instanceof Error ? err.message : String(err);
          const attempts = user.delivery_attempts + 1;
          if ((err instanceof WechatApiError && PERMANENT_ERRCODES.has(err.errcode)) || attempts >= MAX_ATTEMPTS) {
            this.options.log?.warn({ err, conversationId: user.conversation_id, seq: message.seq }, 'WeChat reply skipped: WeChat will not accept it');
            delivered = message.seq;
            await this.users.delivered(ctx, user.id, delivered, `seq ${message.seq}: ${text}`);
            continue;
          }
          const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
          await this.users.failed(ctx, user.id, attempts, new Date(this.now().getTime() + delay), text);
          return false;
        }
      }
      await this.users.delivered(ctx, user.id, delivered, null);
    }
  }

  private async hasNewer(ctx: TenantContext, conversationId: string, seq: number): Promise<boolean> {
    const row = await this.db.selectFrom('conversations').select('last_seq').where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).executeTakeFirst();
    return (row?.last_seq ?? 0) > seq;
  }
}

/** WeChat text has no buttons: the quick replies become lines the user can type back. */
function withQuickReplies(text: string, quickReplies: readonly string[]): string {
  if (quickReplies.length === 0) return text;
  return `${text}\n\n${quickReplies.map((q) => `· ${q}`).join('\n')}`;
}
