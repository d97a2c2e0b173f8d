import type { KfSyncedMessage } from './wechat-api-client.js';

/** Where a message came from, when it was not typed text (kept in the message's meta for the console). */
export type WechatMessageSource = 'voice' | 'video' | 'location' | 'link' | 'miniprogrampage';

/** What a WeChat callback (or a 企业微信客服 sync) brought, reduced to what the channel acts on. */
export type WechatInboundEvent =
  /** Typed text, or a voice message WeChat transcribed (`Recognition`), which the bot answers like text. */
  | { kind: 'text'; openid: string; openKfId: string | null; msgKey: string; at: Date; text: string; source?: 'voice' }
  | { kind: 'image'; openid: string; openKfId: string | null; msgKey: string; at: Date; mediaId: string }
  /**
   * What the bot cannot read but an agent can (a location, a link) or cannot even keep (a voice or video
   * message without text): stored for the agent, with `reply` sent to the user when there is one.
   */
  | { kind: 'note'; openid: string; openKfId: string | null; msgKey: string; at: Date; text: string; source: WechatMessageSource; reply: string | null }
  /** The user followed the 公众号, opened the 小程序's 客服 session or entered the 企业微信客服 session. */
  | { kind: 'session'; openid: string; openKfId: string | null; msgKey: string; at: Date }
  /** 企业微信: new messages wait in `kf/sync_msg` (the callback carries only this token). */
  | { kind: 'kf_sync'; openKfId: string; syncToken: string };

export const VOICE_UNSUPPORTED_REPLY = '暂不支持语音，请发送文字';
export const VIDEO_UNSUPPORTED_REPLY = '暂不支持视频，请发送文字或图片';

type Sender = { openid: string; openKfId: string | null; msgKey: string; at: Date };

/**
 * Maps a decrypted 公众号 / 小程序 / 企业微信 callback (its XML or JSON fields) to an event, or null for
 * what the channel ignores (unsubscribe, menu clicks…).
 * @example inboundOfCallback({ MsgType: 'text', FromUserName: 'o1', Content: '你好', MsgId: '1', CreateTime: '1700000000' })
 */
export function inboundOfCallback(fields: Record<string, string>): WechatInboundEvent | null {
  const openid = fields.FromUserName ?? '';
  const at = new Date(Number(fields.CreateTime ?? 0) * 1000 || Date.now());
  const msgKey = fields.MsgId ? `msg:${fields.MsgId}` : `event:${openid}:${fields.CreateTime ?? ''}:${fields.Event ?? ''}`;
  if (fields.MsgType === 'event') {
    const event = fields.Event ?? '';
    if (event === 'kf_msg_or_event') return fields.Token && fields.OpenKfId ? { kind: 'kf_sync', openKfId: fields.OpenKfId, syncToken: fields.Token } : null;
    if ((event === 'subscribe' || event === 'user_enter_tempsession') && openid) return { kind: 'session', openid, openKfId: null, msgKey, at };
    return null;
  }
  if (!openid) return null;
  const from: Sender = { openid, openKfId: null, msgKey, at };
  switch (fields.MsgType) {
    case 'text':
      return { kind: 'text', ...from, text: fields.Content ?? '' };
    case 'image':
      return fields.MediaId ? { kind: 'image', ...from, mediaId: fields.MediaId } : null;
    case 'voice':
      return voice(from, fields.Recognition);
    case 'video':
    case 'shortvideo':
      return video(from);
    case 'location':
      return location(from, { latitude: fields.Location_X, longitude: fields.Location_Y, name: fields.Label });
    case 'link':
      return link(from, { title: fields.Title, desc: fields.Description, url: fields.Url });
    case 'miniprogrampage':
      // A 小程序 card the user shared into the 客服 session.
      return note(from, 'miniprogrampage', ['[小程序卡片]', fields.Title, fields.PagePath].filter(Boolean).join(' '), null);
    default:
      return null;
  }
}

/** A 企业微信客服 message from `kf/sync_msg`, or null for a servicer's own messages and what the channel ignores. */
export function inboundOfKf(message: KfSyncedMessage): WechatInboundEvent | null {
  const at = new Date((message.send_time ?? Math.floor(Date.now() / 1000)) * 1000);
  const msgKey = `kf:${message.msgid}`;
  const openKfId = message.open_kfid ?? message.event?.open_kfid ?? null;
  if (message.msgtype === 'event' && message.event?.event_type === 'enter_session' && message.event.external_userid) {
    return { kind: 'session', openid: message.event.external_userid, openKfId, msgKey, at };
  }
  // Only what the customer wrote: origin 3 (a servicer's own messages are 5).
  if (message.origin !== 3 || !message.external_userid) return null;
  const from: Sender = { openid: message.external_userid, openKfId, msgKey, at };
  switch (message.msgtype) {
    case 'text':
      return message.text?.content ? { kind: 'text', ...from, text: message.text.content } : null;
    case 'image':
      return message.image?.media_id ? { kind: 'image', ...from, mediaId: message.image.media_id } : null;
    case 'voice':
      // 企业微信 sends the AMR file only, never a transcript.
      return voice(from, undefined);
    case 'video':
      return video(from);
    case 'location': {
      const l = message.location ?? {};
      return location(from, { latitude: l.latitude?.toString(), longitude: l.longitude?.toString(), name: [l.name, l.address].filter(Boolean).join(' ') });
    }
    case 'link':
      return link(from, message.link ?? {});
    default:
      return null;
  }
}

function voice(from: Sender, recognition: string | undefined): WechatInboundEvent {
  // WeChat ends a transcript with a full stop (。); an empty one means it heard nothing it could write down.
  const text = recognition?.trim() ?? '';
  if (text) return { kind: 'text', ...from, text, source: 'voice' };
  return note(from, 'voice', '[语音]（未识别出文字）', VOICE_UNSUPPORTED_REPLY);
}

function video(from: Sender): WechatInboundEvent {
  return note(from, 'video', '[视频]（未保存）', VIDEO_UNSUPPORTED_REPLY);
}

function location(from: Sender, place: { latitude?: string | undefined; longitude?: string | undefined; name?: string | undefined }): WechatInboundEvent | null {
  const lat = Number(place.latitude);
  const lng = Number(place.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  const name = clip(place.name ?? '', 200);
  return note(from, 'location', `[位置] ${name ? `${name} ` : ''}(${lat.toFixed(6)}, ${lng.toFixed(6)})`, null);
}

function link(from: Sender, page: { title?: string | undefined; desc?: string | undefined; url?: string | undefined }): WechatInboundEvent | null {
  const title = clip(page.title ?? '', 200);
  const url = clip(page.url ?? '', 1000);
  if (!title && !url) return null;
  return note(from, 'link', [title ? `[链接] ${title}` : '[链接]', url, clip(page.desc ?? '', 500)].filter(Boolean).join('\n'), null);
}

function note(from: Sender, source: WechatMessageSource, text: string, reply: string | null): WechatInboundEvent {
  return { kind: 'note', ...from, text, source, reply };
}

function clip(value: string, max: number): string {
  const trimmed = value.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}
