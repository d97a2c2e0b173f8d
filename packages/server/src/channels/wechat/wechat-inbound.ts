import type { ConversationService } from '../../conversations/conversation-service.js';
import { messageTextSchema } from '../../http/common-schemas.js';
import type { AttachmentRepository } from '../../selfservice/attachment-repository.js';
import { EXTENSION_OF, sniffFileType } from '../../selfservice/file-type-sniffer.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { WechatAccessTokens } from './wechat-access-tokens.js';
import type { WechatAccount, WechatAccountRepository } from './wechat-account-repository.js';
import type { WechatApiClient } from './wechat-api-client.js';
import { inboundOfKf, type WechatInboundEvent } from './wechat-inbound-event.js';
import type { WechatDb } from './wechat-schema.js';
import type { WechatUser, WechatUserRepository } from './wechat-user-repository.js';

/** What was done at once (stored), and the rest that runs after WeChat has its answer (the bot's turn, downloads). */
export interface InboundOutcome {
  later: (() => Promise<void>) | null;
}

const NOTHING: InboundOutcome = { later: null };
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * A WeChat user's messages into the one conversation model: each openid (per account) is one visitor
 * with one conversation of the account's channel; a text is stored before WeChat gets its `success`
 * and the bot answers after; an image is downloaded through the media API into the conversation's
 * attachments (only JPEG/PNG by their magic bytes). A message id seen before (WeChat retries) is
 * dropped.
 */
export class WechatInbound {
  constructor(
    private readonly db: WechatDb,
    private readonly users: WechatUserRepository,
    private readonly accounts: WechatAccountRepository,
    private readonly conversations: ConversationService,
    private readonly tokens: WechatAccessTokens,
    private readonly api: WechatApiClient,
    private readonly attachments: AttachmentRepository,
    private readonly deliver: (ctx: TenantContext, userId: string) => Promise<void>,
  ) {}

  async handle(ctx: TenantContext, account: WechatAccount, event: WechatInboundEvent): Promise<InboundOutcome> {
    if (event.kind === 'kf_sync') return { later: () => this.syncKf(ctx, account, event.openKfId, event.syncToken) };
    if (!(await this.firstTime(ctx, account.id, event.msgKey))) return NOTHING;
    try {
      return await this.handleNew(ctx, account, event);
    } catch (err) {
      // Not handled: WeChat's retry must not be taken for a duplicate.
      await this.db.deleteFrom('wechat_inbound_messages').where('tenant_id', '=', ctx.tenantId).where('account_id', '=', account.id).where('msg_key', '=', event.msgKey).execute();
      throw err;
    }
  }

  private async handleNew(ctx: TenantContext, account: WechatAccount, event: Exclude<WechatInboundEvent, { kind: 'kf_sync' }>): Promise<InboundOutcome> {
    const { user, created } = await this.userOf(ctx, account, event.openid, event.openKfId, event.at, event.kind === 'session');
    if (!created) await this.users.touched(ctx, user.id, event.at, event.openKfId);
    const visitor = { tenantId: ctx.tenantId, visitorId: user.visitor_id };
    if (event.kind === 'session') {
      // A new user gets the bot's welcome; one already talking is not greeted again.
      return created ? { later: () => this.deliver(ctx, user.id) } : NOTHING;
    }
    if (event.kind === 'text') {
      const text = messageTextSchema.safeParse(event.text);
      if (!text.success) return NOTHING;
      const accepted = await this.conversations.acceptFromVisitor(visitor, user.conversation_id, text.data, clientMsgIdOf(event.msgKey), event.source ? { wechat: { source: event.source } } : undefined);
      return { later: async () => void (await accepted.turn()) };
    }
    if (event.kind === 'note') {
      const text = messageTextSchema.safeParse(event.text);
      if (!text.success) return NOTHING;
      await this.conversations.noteFromVisitor(visitor, user.conversation_id, text.data, clientMsgIdOf(event.msgKey), { meta: { wechat: { source: event.source } }, ...(event.reply ? { reply: event.reply } : {}) });
      // The reply goes out like any stored reply, through the delivery trigger.
      return NOTHING;
    }
    return { later: () => this.receiveImage(ctx, account, user, event.mediaId, event.msgKey) };
  }

  private async receiveImage(ctx: TenantContext, account: WechatAccount, user: WechatUser, mediaId: string, msgKey: string): Promise<void> {
    const data = await this.tokens.withToken(ctx, account, (token) => this.api.downloadMedia(account, token, mediaId));
    const type = sniffFileType(data);
    const visitor = { tenantId: ctx.tenantId, visitorId: user.visitor_id };
    let text: string;
    if (data.length > MAX_IMAGE_BYTES || (type !== 'image/jpeg' && type !== 'image/png')) {
      text = '[图片：格式不支持或过大，未保存]';
    } else {
      const saved = await this.attachments.create(
        { tenantId: ctx.tenantId, conversationId: user.conversation_id, visitorId: user.visitor_id },
        { filename: `wechat-${mediaId.slice(0, 40).replace(/[^A-Za-z0-9_-]/g, '')}.${EXTENSION_OF[type]}`, contentType: type, data },
      );
      text = `[图片] ${saved.filename} (attachment ${saved.id})`;
    }
    const accepted = await this.conversations.acceptFromVisitor(visitor, user.conversation_id, text, clientMsgIdOf(msgKey));
    await accepted.turn();
  }

  /** 企业微信客服: fetches the messages after the stored cursor and handles the customers' ones. */
  private async syncKf(ctx: TenantContext, account: WechatAccount, openKfId: string, syncToken: string): Promise<void> {
    let cursor = (await this.accounts.open(ctx, account.id)).kfCursor;
    for (let page = 0; page < 20; page++) {
      const result = await this.tokens.withToken(ctx, account, (token) => this.api.syncKf(account, token, { cursor, token: syncToken, openKfId }));
      for (const message of result.messages) {
        const event = inboundOfKf(message);
        if (!event) continue;
        const outcome = await this.handle(ctx, account, event);
        if (outcome.later) await outcome.later();
      }
      cursor = result.nextCursor ?? cursor;
      await this.accounts.setKfCursor(ctx, account.id, cursor);
      if (!result.hasMore) return;
    }
  }

  private async firstTime(ctx: TenantContext, accountId: string, msgKey: string): Promise<boolean> {
    const row = await this.db
      .insertInto('wechat_inbound_messages')
      .values({ tenant_id: ctx.tenantId, account_id: accountId, msg_key: msgKey.slice(0, 300) })
      .onConflict((oc) => oc.columns(['account_id', 'msg_key']).doNothing())
      .returning('msg_key')
      .executeTakeFirst();
    return row !== undefined;
  }

  private async userOf(ctx: TenantContext, account: WechatAccount, openid: string, openKfId: string | null, at: Date, sendWelcome: boolean): Promise<{ user: WechatUser; created: boolean }> {
    const existing = await this.users.find(ctx, account.id, openid);
    if (existing) return { user: existing, created: false };
    const started = await this.conversations.startForChannelVisitor(ctx.tenantId, 'zh-CN', account.kind);
    // Someone who starts by asking gets the answer, not the welcome first.
    const welcomeSeq = sendWelcome ? 0 : Math.max(0, ...started.messages.map((m) => m.seq));
    const user = await this.users.insert(ctx, { accountId: account.id, openid, openKfId, visitorId: started.visitor.id, conversationId: started.conversationId, at, deliveredSeq: welcomeSeq });
    return { user, created: user.conversation_id === started.conversationId };
  }
}

/** WeChat's message id as the visitor message's clientMsgId, so a retried callback is stored once. */
function clientMsgIdOf(msgKey: string): string {
  return `wechat:${msgKey}`.slice(0, 100);
}
