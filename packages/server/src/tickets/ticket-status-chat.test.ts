import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';
import type { CustomerTicketDto } from './ticket-dto.js';

const SECRET = 'ticket-status-identity-secret';

// "我的工单到哪了" through the widget's chat API: the e-commerce template's real NLU and flow, and
// native tickets filed from the widget's 提交工单 form.
describe.each(await testBackends())('the bot answers ticket progress from native tickets (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await provisionTemplateTenant(t, { slug: 'ticket-status-shop', name: '工单进度商城', template: 'ecommerce' });
    await t.app.zhida.tenants.setIdentityVerification(shop.id, 'optional', SECRET);
  });
  afterAll(() => t?.close());

  async function fileTicket(headers: Record<string, string>, categoryKey: string, description: string): Promise<CustomerTicketDto> {
    const categories = (await t.app.inject({ method: 'GET', url: '/api/v1/widget/ticket-categories', headers })).json().items as { id: string; key: string }[];
    const category = categories.find((c) => c.key === categoryKey);
    if (!category) throw new Error(`no category ${categoryKey}`);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/widget/tickets', headers, payload: { categoryId: category.id, description } });
    expect(res.statusCode).toBe(201);
    return res.json() as CustomerTicketDto;
  }

  it('tells a visitor where their own ticket is, by number and without one, and keeps other visitors out', async () => {
    const owner = await widgetChat(t, shop);
    const filed = await fileTicket(owner.headers, 'return_exchange', '衣服尺码不对想换货，申请了三天没人处理 <b>急</b>');
    expect(filed.number).toMatch(/^GD\d{12}$/);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/widget/tickets', headers: owner.headers })).json().items as CustomerTicketDto[];
    const shown = mine.find((m) => m.number === filed.number)!;

    const listed = await owner.sayText('我的工单到哪了');
    expect(listed).toContain(filed.number);
    expect(listed).toContain(shown.statusText);
    expect(listed).toContain(shown.category!.name);
    // The same progress and expectation lines the widget's 我的工单 shows.
    expect(shown.expectation).toMatch(/^预计.+前处理$/);
    expect(listed).toContain(shown.expectation);
    const dispatched = shown.timeline.filter((e) => e.by === 'system').at(-1)!.text;
    expect(dispatched).toMatch(/^已派单/);
    expect(listed).toContain(`${filed.number} ${shown.category!.name}（${shown.statusText}）：${dispatched}，${shown.expectation}`);

    const byNumber = await owner.sayText(`工单号 ${filed.number} 现在什么状态`);
    expect(byNumber).toContain(filed.number);
    expect(byNumber).toContain(shown.statusText);
    expect(byNumber).not.toContain('没有找到');

    const stranger = await widgetChat(t, shop);
    const refused = await stranger.sayText(`${filed.number} 进度`);
    expect(refused).toContain('没有找到这个工单');
    expect(refused).not.toContain(shown.category!.name);
  });

  it('a verified customer hears about their ticket from another device; an anonymous visitor does not', async () => {
    const identity = { userId: 'member-7', userHash: identityHash(SECRET, 'member-7') };
    const phone = await widgetChat(t, shop, identity);
    const filed = await fileTicket(phone.headers, 'invoice', '发票抬头开错了，需要重开');
    const laptop = await widgetChat(t, shop, identity);
    const answer = await laptop.sayText(`${filed.number} 进度`);
    expect(answer).toContain(filed.number);
    expect(answer).not.toContain('没有找到');
    expect(await laptop.sayText('我的工单到哪了')).toContain(filed.number);
    const anonymous = await widgetChat(t, shop);
    expect(await anonymous.sayText(`${filed.number} 进度`)).toContain('没有找到这个工单');
  });

  it('tells a visitor without open tickets so, and files one when they want it', async () => {
    const visitor = await widgetChat(t, shop);
    const none = await visitor.say('我的工单到哪了');
    expect(none.map((r) => r.text).join('\n')).toContain('没有处理中的工单');
    expect(none.at(-1)?.quickReplies).toEqual(['是', '否']);
    expect(await visitor.sayText('是')).toContain('请描述');
    const created = await visitor.sayText('收到的耳机左边没有声音，想让售后看一下');
    const number = /GD\d{12}/.exec(created)?.[0];
    expect(number).toBeDefined();
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/widget/tickets', headers: visitor.headers })).json().items as CustomerTicketDto[];
    expect(mine.map((m) => m.number)).toEqual([number]);
    expect(mine[0]!.description).toBe('收到的耳机左边没有声音，想让售后看一下');
    // Now the bot finds it.
    expect(await visitor.sayText('我的工单到哪了')).toContain(number!);
  });
});
