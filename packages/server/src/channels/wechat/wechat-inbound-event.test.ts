import { describe, expect, it } from 'vitest';
import { inboundOfCallback, inboundOfKf, VIDEO_UNSUPPORTED_REPLY, VOICE_UNSUPPORTED_REPLY } from './wechat-inbound-event.js';

const base = { ToUserName: 'gh_shop', FromUserName: 'o-user', CreateTime: '1700000000', MsgId: '42' };

describe('inboundOfCallback', () => {
  it('answers a voice message WeChat transcribed like text, and asks for text when it did not', () => {
    expect(inboundOfCallback({ ...base, MsgType: 'voice', MediaId: 'm1', Format: 'amr', Recognition: '怎么退货。' })).toMatchObject({ kind: 'text', text: '怎么退货。', source: 'voice', msgKey: 'msg:42' });
    expect(inboundOfCallback({ ...base, MsgType: 'voice', MediaId: 'm1', Format: 'amr', Recognition: '' })).toMatchObject({ kind: 'note', source: 'voice', reply: VOICE_UNSUPPORTED_REPLY });
    expect(inboundOfCallback({ ...base, MsgType: 'voice', MediaId: 'm1', Format: 'amr' })).toMatchObject({ kind: 'note', reply: VOICE_UNSUPPORTED_REPLY });
  });

  it('keeps video and short video out, with a reply saying so', () => {
    for (const MsgType of ['video', 'shortvideo']) expect(inboundOfCallback({ ...base, MsgType, MediaId: 'v', ThumbMediaId: 't' })).toMatchObject({ kind: 'note', source: 'video', reply: VIDEO_UNSUPPORTED_REPLY });
  });

  it('turns a location into a note with the place and its coordinates, and refuses impossible coordinates', () => {
    const event = inboundOfCallback({ ...base, MsgType: 'location', Location_X: '31.230416', Location_Y: '121.473701', Scale: '15', Label: '上海市黄浦区人民大道200号' });
    expect(event).toEqual(expect.objectContaining({ kind: 'note', source: 'location', reply: null, text: '[位置] 上海市黄浦区人民大道200号 (31.230416, 121.473701)' }));
    expect(inboundOfCallback({ ...base, MsgType: 'location', Location_X: '131', Location_Y: '0', Label: 'x' })).toBeNull();
    expect(inboundOfCallback({ ...base, MsgType: 'location', Location_X: 'abc', Location_Y: '0' })).toBeNull();
  });

  it('turns a link into a note with its title, URL and description', () => {
    expect(inboundOfCallback({ ...base, MsgType: 'link', Title: '订单详情', Description: '订单 A123 的物流', Url: 'https://shop.example/o/A123' })).toMatchObject({
      kind: 'note',
      source: 'link',
      text: '[链接] 订单详情\nhttps://shop.example/o/A123\n订单 A123 的物流',
    });
    expect(inboundOfCallback({ ...base, MsgType: 'link' })).toBeNull();
  });

  it('greets on subscribe and on entering the 小程序 客服 session, and ignores other events', () => {
    expect(inboundOfCallback({ ...base, MsgId: '', MsgType: 'event', Event: 'subscribe' })).toMatchObject({ kind: 'session', msgKey: 'event:o-user:1700000000:subscribe' });
    expect(inboundOfCallback({ ...base, MsgId: '', MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'order' })).toMatchObject({ kind: 'session' });
    expect(inboundOfCallback({ ...base, MsgId: '', MsgType: 'event', Event: 'unsubscribe' })).toBeNull();
    expect(inboundOfCallback({ ...base, MsgId: '', MsgType: 'event', Event: 'CLICK', EventKey: 'menu' })).toBeNull();
  });

  it('names a shared 小程序 card', () => {
    expect(inboundOfCallback({ ...base, MsgType: 'miniprogrampage', Title: '我的订单', AppId: 'wx1', PagePath: 'pages/order?id=1' })).toMatchObject({ kind: 'note', text: '[小程序卡片] 我的订单 pages/order?id=1' });
  });
});

describe('inboundOfKf', () => {
  const kf = { msgid: 'k1', open_kfid: 'wk1', external_userid: 'wm1', send_time: 1700000000, origin: 3 };
  it('reads the 企业微信客服 voice (never transcribed), video, location and link messages', () => {
    expect(inboundOfKf({ ...kf, msgtype: 'voice', voice: { media_id: 'm' } })).toMatchObject({ kind: 'note', reply: VOICE_UNSUPPORTED_REPLY, openKfId: 'wk1' });
    expect(inboundOfKf({ ...kf, msgtype: 'video', video: { media_id: 'm' } })).toMatchObject({ kind: 'note', reply: VIDEO_UNSUPPORTED_REPLY });
    expect(inboundOfKf({ ...kf, msgtype: 'location', location: { latitude: 23.1, longitude: 113.3, name: '广州塔', address: '广州市海珠区' } })).toMatchObject({ kind: 'note', text: '[位置] 广州塔 广州市海珠区 (23.100000, 113.300000)' });
    expect(inboundOfKf({ ...kf, msgtype: 'link', link: { title: 'T', url: 'https://x.example', desc: 'D' } })).toMatchObject({ kind: 'note', text: '[链接] T\nhttps://x.example\nD' });
    // A servicer's own message (origin 5) is not the customer's.
    expect(inboundOfKf({ ...kf, origin: 5, msgtype: 'text', text: { content: 'hi' } })).toBeNull();
  });
});
