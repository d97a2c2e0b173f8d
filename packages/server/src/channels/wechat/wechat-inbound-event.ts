/** What a WeChat callback (or a 企业微信客服 sync) brought, reduced to what the channel acts on. */
export type WechatInboundEvent =
  | { kind: 'text'; openid: string; openKfId: string | null; msgKey: string; at: Date; text: string }
  | { kind: 'image'; openid: string; openKfId: string | null; msgKey: string; at: Date; mediaId: string }
  /** The user followed the 公众号, opened the 小程序's 客服 session or entered the 企业微信客服 session. */
  | { kind: 'session'; openid: string; openKfId: string | null; msgKey: string; at: Date }
  /** 企业微信: new messages wait in `kf/sync_msg` (the callback carries only this token). */
  | { kind: 'kf_sync'; openKfId: string; syncToken: string };

/**
 * Maps a decrypted 公众号 / 小程序 / 企业微信 callback (its XML fields) to an event, or null for what the
 * channel ignores (unsubscribe, menu clicks, voice, location…).
 * @example inboundOfCallback({ MsgType: 'text', FromUserName: 'o1', Content: '你好', MsgId: '1', CreateTime: '1700000000' })
 */
export function inboundOfCallback(fields: Record<string, string>): WechatInboundEvent | null {
  const openid = fields.FromUserName ?? '';
  const at = new Date(Number(fields.CreateTime ?? 0) * 1000 || Date.now());
  const msgKey = fields.MsgId ? `msg:${fields.MsgId}` : `event:${openid}:${fields.CreateTime ?? ''}:${fields.Event ?? ''}`;
  switch (fields.MsgType) {
    case 'text':
      return openid ? { kind: 'text', openid, openKfId: null, msgKey, at, text: fields.Content ?? '' } : null;
    case 'image':
      return openid && fields.MediaId ? { kind: 'image', openid, openKfId: null, msgKey, at, mediaId: fields.MediaId } : null;
    case 'event': {
      const event = fields.Event ?? '';
      if (event === 'kf_msg_or_event') return fields.Token && fields.OpenKfId ? { kind: 'kf_sync', openKfId: fields.OpenKfId, syncToken: fields.Token } : null;
      if ((event === 'subscribe' || event === 'user_enter_tempsession') && openid) return { kind: 'session', openid, openKfId: null, msgKey, at };
      return null;
    }
    default:
      return null;
  }
}
