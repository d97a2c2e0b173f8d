import { AppError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { WechatDb } from './wechat-schema.js';

/** WeChat accepts customer-service messages only within 48 hours of the user's last message. */
export const REPLY_WINDOW_MS = 48 * 60 * 60 * 1000;

export class WechatReplyWindowClosedError extends AppError {
  readonly code = 'wechat_window_closed';
  readonly statusCode = 409;
  constructor(readonly lastInboundAt: Date) {
    super(`微信用户最后一条消息已超过 48 小时（${lastInboundAt.toISOString()}），微信不允许再发送客服消息；请等用户再次发消息 (WeChat allows replies only within 48 hours of the user's last message)`);
  }
}

/** The agent side of the 48-hour rule: a reply WeChat would refuse is refused before it is stored. */
export class WechatReplyWindow {
  constructor(
    private readonly db: WechatDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Throws WechatReplyWindowClosedError for a WeChat conversation whose user last wrote more than 48 hours ago. */
  async beforeAgentPost(ctx: TenantContext, conversationId: string): Promise<void> {
    const row = await this.db
      .selectFrom('wechat_users')
      .select('last_inbound_at')
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .orderBy('last_inbound_at', 'desc')
      .executeTakeFirst();
    if (!row) return;
    const last = new Date(row.last_inbound_at);
    if (this.now().getTime() - last.getTime() > REPLY_WINDOW_MS) throw new WechatReplyWindowClosedError(last);
  }
}
