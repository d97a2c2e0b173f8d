import { describe, expect, it } from 'vitest';
import { parseWechatJson, WechatJsonError } from './wechat-json.js';

describe('parseWechatJson', () => {
  it('reads a 小程序 JSON message with the same field names as the XML one', () => {
    expect(parseWechatJson('{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1700000000,"MsgType":"text","Content":"你好","MsgId":1}')).toEqual({
      ToUserName: 'gh_1',
      FromUserName: 'o1',
      CreateTime: '1700000000',
      MsgType: 'text',
      Content: '你好',
      MsgId: '1',
    });
  });

  it('keeps every digit of a 64-bit MsgId, so two neighbouring ids stay two messages', () => {
    const a = parseWechatJson('{"MsgId":23137484938393098}').MsgId;
    const b = parseWechatJson('{"MsgId": 23137484938393099}').MsgId;
    expect(a).toBe('23137484938393098');
    expect(b).toBe('23137484938393099');
    // Inside a string the digits are text and stay untouched, quotes and escapes included.
    expect(parseWechatJson('{"Content":"订单号: 1234567890123456789 \\"ok\\""}').Content).toBe('订单号: 1234567890123456789 "ok"');
  });

  it('ignores nested values and refuses what is not one JSON object', () => {
    expect(parseWechatJson('{"MsgType":"event","Extra":{"a":1},"List":[1]}')).toEqual({ MsgType: 'event' });
    expect(() => parseWechatJson('[1,2]')).toThrow(WechatJsonError);
    expect(() => parseWechatJson('{"MsgType":')).toThrow(WechatJsonError);
    expect(() => parseWechatJson('null')).toThrow(WechatJsonError);
  });
});
