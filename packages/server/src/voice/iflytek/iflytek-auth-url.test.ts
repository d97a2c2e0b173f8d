import { describe, expect, it } from 'vitest';
import { iflytekAuthUrl, iflytekSignature } from './iflytek-auth-url.js';

describe('iFlytek WebAPI handshake authorization', () => {
  // The worked example of the 语音听写（流式版）WebAPI page: its APIKey/APISecret are the documented placeholders.
  const apiKey = 'keyxxxxxxxx8ee279348519exxxxxxxx';
  const apiSecret = 'secretxxxxxxxx2df7900c09xxxxxxxx';
  const date = new Date('Wed, 10 Jul 2019 07:35:43 GMT');

  it('reproduces the documented signature', () => {
    expect(iflytekSignature('iat-api.xfyun.cn', 'Wed, 10 Jul 2019 07:35:43 GMT', 'GET /v2/iat HTTP/1.1', apiSecret)).toBe('Hp3Ty4ZkSBmL8jKyOLpQiv9Sr5nvmeYEH7WsL/ZO2Jg=');
  });

  it('reproduces the documented authorization URL', () => {
    const url = new URL(iflytekAuthUrl('wss://iat-api.xfyun.cn/v2/iat', { apiKey, apiSecret }, date));
    expect(url.searchParams.get('authorization')).toBe(
      'YXBpX2tleT0ia2V5eHh4eHh4eHg4ZWUyNzkzNDg1MTlleHh4eHh4eHgiLCBhbGdvcml0aG09ImhtYWMtc2hhMjU2IiwgaGVhZGVycz0iaG9zdCBkYXRlIHJlcXVlc3QtbGluZSIsIHNpZ25hdHVyZT0iSHAzVHk0WmtTQm1MOGpLeU9McFFpdjlTcjVudm1lWUVIN1dzTC9aTzJKZz0i',
    );
    expect(url.searchParams.get('date')).toBe('Wed, 10 Jul 2019 07:35:43 GMT');
    expect(url.searchParams.get('host')).toBe('iat-api.xfyun.cn');
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('wss://iat-api.xfyun.cn/v2/iat');
  });

  it('signs the port and the path it is given (the TTS endpoint, a local fake)', () => {
    const url = new URL(iflytekAuthUrl('ws://127.0.0.1:4567/v2/tts', { apiKey, apiSecret }, date));
    const origin = Buffer.from(url.searchParams.get('authorization')!, 'base64').toString();
    expect(origin).toContain(`signature="${iflytekSignature('127.0.0.1:4567', 'Wed, 10 Jul 2019 07:35:43 GMT', 'GET /v2/tts HTTP/1.1', apiSecret)}"`);
    expect(url.searchParams.get('host')).toBe('127.0.0.1:4567');
  });
});
