import { describe, expect, it } from 'vitest';
import { CapturedSms } from './captured-sms.js';

describe('captured SMS', () => {
  it('gives the code of the last text sent to a mobile', async () => {
    const sms = new CapturedSms();
    await sms.send('13600000001', '【智答】您的验证码是 123456，5 分钟内有效。');
    await sms.send('13600000001', '【智答】您的验证码是 654321，5 分钟内有效。');
    expect(sms.codeFor('13600000001')).toBe('654321');
    expect(sms.codeFor('13600000002')).toBeUndefined();
  });
});
