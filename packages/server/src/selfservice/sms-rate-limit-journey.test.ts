import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { demoTryThis } from '@zhida/demo-enterprise';
import { SmsRateLimitedError } from './sms-rate-limited-error.js';
import { RecordingSms } from './test-support/selfservice-fixture.js';

// The identity check of the finance and telecom templates when SMS codes are limited, through the widget,
// the real NLU and the demo enterprise: a limit is a wait the customer is told about, not an outage.
describe('SMS code limits, end to end', () => {
  let t: TestApp;
  let bank: TestTenant;
  let operator: TestTenant;
  const gateway = new RecordingSms();

  beforeAll(async () => {
    t = await TestApp.start('pglite', {}, { sms: gateway, demoEnterprise: true });
    bank = await provisionTemplateTenant(t, { slug: 'otp-bank', name: '示例银行', template: 'finance' });
    operator = await provisionTemplateTenant(t, { slug: 'otp-operator', name: '示例运营商', template: 'telecom' });
  });
  afterAll(() => t?.close());

  it('tells the customer how long the SMS gateway wants them to wait, then resends when they say yes', async () => {
    const say = (await widgetChat(t, bank)).sayText;
    expect(await say('我的银行卡丢了')).toContain('请输入您预留的手机号码');
    gateway.refuseNext(new SmsRateLimitedError(30));
    const refused = await say(demoTryThis.finance.mobile);
    expect(refused).toContain('验证码发送太频繁，请在 30 秒后再试');
    expect(refused).not.toContain('暂时不可用');
    const sent = await say('是');
    expect(sent).toContain('验证码已发送至 138****8000');
    expect(await say(gateway.lastCode())).toContain('卡号后四位');
  });

  it('counts down our own resend limit when the customer starts over right after a code was sent', async () => {
    const say = (await widgetChat(t, operator)).sayText;
    expect(await say('我想换个套餐')).toContain('手机号');
    expect(await say(demoTryThis.telecom.lowData)).toContain('验证码已发送');
    expect(await say('算了')).toContain('确定要取消');
    await say('是的');
    await say('我想换个套餐');
    const again = await say(demoTryThis.telecom.lowData);
    const wait = /请在 (\d+) 秒后再试/.exec(again);
    expect(wait, again).not.toBeNull();
    expect(Number(wait![1])).toBeGreaterThan(0);
    expect(Number(wait![1])).toBeLessThanOrEqual(60);
  });

  it('keeps the outage message when the gateway is down', async () => {
    const say = (await widgetChat(t, bank)).sayText;
    await say('我的银行卡丢了');
    gateway.refuseNext(new Error('connect ETIMEDOUT'));
    expect(await say(demoTryThis.finance.secondMobile)).toContain('验证码服务暂时不可用');
  });
});
