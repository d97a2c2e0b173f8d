import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { demoTryThis } from '@zhida/demo-enterprise';

// The telecom template's broadband repair flow, the real NLU and the demo operator, through the widget.
describe('broadband repair by installation address, end to end', () => {
  let t: TestApp;
  let operator: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start('pglite', {}, { demoEnterprise: true });
    operator = await provisionTemplateTenant(t, { slug: 'bb-operator', name: '示例运营商', template: 'telecom' });
  });
  afterAll(() => t?.close());

  it('asks again on a vague or unknown address and files the repair once the address is unique', async () => {
    const say = (await widgetChat(t, operator)).sayText;
    expect(await say('家里宽带上不了网')).toContain('请提供宽带账号或安装地址');
    // Building and room alone fit thousands of homes.
    const vague = await say('3号1202室');
    expect(vague).toContain('地址不够具体');
    expect(vague).toContain('请提供宽带账号或安装地址');
    expect(vague).not.toContain('转人工');
    // Two demo lines share lane, building and room on different roads; "88" is a house number here, not 再见.
    const ambiguous = await say('88弄3号1202室');
    expect(ambiguous).toContain('该地址对应多条宽带');
    expect(ambiguous).toContain('请提供宽带账号或安装地址');
    const unknown = await say('上海市浦东新区张江路88弄3号1203室');
    expect(unknown).toContain('没有查到该安装地址的宽带');
    const filed = await say('上海市浦东新区张江路88弄3号1202室');
    expect(filed).toMatch(/已为您创建报修单 GZ\d{12}/);
    expect(filed).not.toContain('断电 1 分钟后重启');
    const reference = /GZ\d{12}/.exec(filed)![0];
    // Filed in the operator's system against the line at that address.
    const request = t.demoEnterprise!.books(operator.id).serviceRequests.find((r) => r.reference === reference);
    expect(request).toMatchObject({ subject: demoTryThis.telecom.broadband });
  });
});
