import { describe, expect, it } from 'vitest';
import { callbackUrlOf, createBodyOf, emptyWechatAccountForm, randomWechatKey, updateBodyOf, wechatAccountFormOf } from './wechat-account-form.js';
import type { WechatAccount } from './wechat-accounts-api.js';

const account: WechatAccount = {
  id: 'a1',
  kind: 'wechat_mp',
  name: '售后',
  appId: 'wx1234567890',
  apiBaseUrl: 'https://api.weixin.qq.com',
  active: true,
  hasSecret: true,
  hasToken: true,
  encrypted: true,
  callbackPath: '/api/v1/channels/wechat/a1/callback',
  createdAt: '2026-12-07T00:00:00.000Z',
};

describe('the WeChat account form', () => {
  it('creates with the secrets typed and leaves blank optional fields to the server', () => {
    const body = createBodyOf({ ...emptyWechatAccountForm(), name: ' 售后 ', appId: 'wx1', secret: 's3cret-xyz', token: 'tok1', encodingAesKey: 'k'.repeat(43) });
    expect(body).toEqual({ kind: 'wechat_mp', name: '售后', appId: 'wx1', secret: 's3cret-xyz', token: 'tok1', encodingAesKey: 'k'.repeat(43) });
    expect(createBodyOf({ ...emptyWechatAccountForm(), encrypted: false, encodingAesKey: 'k'.repeat(43) })).not.toHaveProperty('encodingAesKey');
    // 企业微信 always encrypts, whatever the (hidden) switch says.
    expect(createBodyOf({ ...emptyWechatAccountForm(), kind: 'wecom_kf', encrypted: false, encodingAesKey: 'k'.repeat(43) }).encodingAesKey).toBe('k'.repeat(43));
  });

  it('starts an edit with the secrets empty: the server never sent them', () => {
    const values = wechatAccountFormOf(account);
    expect(values).toMatchObject({ secret: '', token: '', encodingAesKey: '', encrypted: true, name: '售后' });
    expect(updateBodyOf(account, values)).toEqual({});
  });

  it('patches only what changed, keeping blank secrets', () => {
    const values = { ...wechatAccountFormOf(account), name: '售前', token: 'newtoken' };
    expect(updateBodyOf(account, values)).toEqual({ name: '售前', token: 'newtoken' });
  });

  it('switches a 公众号 to plaintext with encodingAesKey null, and back on with a new key', () => {
    expect(updateBodyOf(account, { ...wechatAccountFormOf(account), encrypted: false })).toEqual({ encodingAesKey: null });
    const plain = { ...account, encrypted: false };
    expect(updateBodyOf(plain, { ...wechatAccountFormOf(plain), encrypted: true, encodingAesKey: 'a'.repeat(43) })).toEqual({ encodingAesKey: 'a'.repeat(43) });
  });

  it('builds the callback URL from the console origin', () => {
    expect(callbackUrlOf('https://kf.example.com/', account)).toBe('https://kf.example.com/api/v1/channels/wechat/a1/callback');
  });

  it('generates keys in WeChat’s alphabet and length', () => {
    const key = randomWechatKey(43);
    expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(randomWechatKey(32)).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(randomWechatKey(43)).not.toBe(key);
    // Bytes past the last whole alphabet cycle (248..255) are rejected, not folded onto the first letters.
    let calls = 0;
    const biased = (b: Uint8Array) => (calls++ === 0 ? b.fill(255) : b.fill(0));
    expect(randomWechatKey(32, biased)).toBe('A'.repeat(32));
  });
});
