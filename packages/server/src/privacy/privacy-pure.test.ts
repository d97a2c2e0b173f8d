import { describe, expect, it } from 'vitest';
import { assertProviderAllowed, isMainlandProviderHost } from './mainland-provider-policy.js';
import { maskedRequestSerializer, maskPiiDeep, maskPiiInLogObject } from './pii-masking.js';
import { privacyRequestDeadline } from './privacy-request-deadline.js';
import { nextDailyPurge } from './retention-purge.js';
import { maskSensitiveNumbers, messagesForRole } from './sensitive-number-mask.js';

describe('mainland providers only', () => {
  it('accepts mainland endpoints and refuses abroad, Hong Kong and unknown ones', () => {
    for (const host of ['nls-gateway-cn-shanghai.aliyuncs.com', 'asr.tencentcloudapi.com', 'api.xfyun.cn', 'ark.cn-beijing.volces.com', 'llm.example.com.cn']) expect(isMainlandProviderHost(host), host).toBe(true);
    for (const host of ['api.openai.com', 'nls-gateway-ap-southeast-1.aliyuncs.com', 'dashscope-intl.aliyuncs.com', 'ecs.cn-hongkong.aliyuncs.com', 'speech.googleapis.com', 'example.com']) expect(isMainlandProviderHost(host), host).toBe(false);
    expect(isMainlandProviderHost('llm.internal.corp', ['internal.corp'])).toBe(true);
  });

  it('knows the speech providers\' mainland hosts and their international ones', () => {
    for (const host of ['asr.cloud.tencent.com', 'tts.tencentcloudapi.com', 'iat-api.xfyun.cn', 'tts-api.xfyun.cn']) expect(isMainlandProviderHost(host), host).toBe(true);
    for (const host of ['intl.cloud.tencent.com', 'tts.intl.tencentcloudapi.com', 'asr.ap-hongkong.tencentcloudapi.com', 'iat-api-sg.xf-yun.com']) expect(isMainlandProviderHost(host), host).toBe(false);
  });

  it('throws a 403 provider_outside_mainland only when the switch is on', () => {
    expect(() => assertProviderAllowed({ mainlandProvidersOnly: true }, 'https://api.openai.com/v1')).toThrow(expect.objectContaining({ code: 'provider_outside_mainland', statusCode: 403 }));
    expect(() => assertProviderAllowed({ mainlandProvidersOnly: true }, 'not a url')).toThrow();
    expect(() => assertProviderAllowed({ mainlandProvidersOnly: false }, 'https://api.openai.com/v1')).not.toThrow();
    expect(() => assertProviderAllowed({ mainlandProvidersOnly: true }, 'https://nls-gateway-cn-shanghai.aliyuncs.com/stream')).not.toThrow();
  });
});

describe('PII masking', () => {
  it('masks phones, IDs, cards and e-mails in nested log fields, URLs and errors', () => {
    const out = maskPiiInLogObject({ msgText: '我的手机13812345678', nested: { list: ['身份证11010519491231002X'] }, err: new Error('bad card 6222021234567890128'), n: 5 });
    expect(JSON.stringify(out)).not.toMatch(/13812345678|11010519491231002X|6222021234567890128/);
    expect((out.err as Error).message).toContain('622202');
    expect(maskedRequestSerializer({ method: 'GET', url: '/api/v1/tickets?q=13812345678' }).url).toBe('/api/v1/tickets?q=138****5678');
    expect(maskPiiDeep({ reply: { body: '联系 zhang@example.com' } })).toEqual({ reply: { body: '联系 z***@example.com' } });
  });

  it('masks only ID and card numbers for staff without pii.reveal', () => {
    expect(maskSensitiveNumbers('身份证11010519491231002X 手机13812345678')).toBe('身份证110105********002X 手机13812345678');
    const msgs = [{ text: '卡号6222021234567890128' }];
    expect(messagesForRole('agent', msgs)[0]!.text).toBe('卡号622202*********0128');
    expect(messagesForRole('supervisor', msgs)[0]!.text).toBe('卡号6222021234567890128');
  });
});

describe('deadlines and schedules', () => {
  it('gives a request 15 China working days, skipping 国庆节', () => {
    // Received Monday 2026-09-28 (Beijing); the National Day week and its 调休 Saturday are counted as the calendar says.
    const due = privacyRequestDeadline(new Date('2026-09-28T02:00:00Z'));
    const days = (due.getTime() - Date.parse('2026-09-28T16:00:00Z')) / 86_400_000;
    expect(days).toBeGreaterThan(21);
    expect(due.toISOString().endsWith('T16:00:00.000Z')).toBe(true);
  });

  it('runs the purge daily at 02:30 Beijing time', () => {
    expect(nextDailyPurge(new Date('2026-12-07T10:00:00Z')).toISOString()).toBe('2026-12-07T18:30:00.000Z');
    expect(nextDailyPurge(new Date('2026-12-07T18:30:00Z')).toISOString()).toBe('2026-12-08T18:30:00.000Z');
  });
});
