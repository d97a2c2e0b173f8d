import { loadTemplate } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import type { CustomerTicketDto, TicketEventDto } from './ticket-dto.js';
import { NativeTicketConnector } from './native-ticket-connector.js';
import { provisionTicketSetup } from './ticket-provisioning.js';
import { ticketDatabase } from './ticket-schema.js';

const backends = await testBackends();

describe.each(backends)('the bot files native tickets (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('bot-tickets');
    const { ticketCategories } = await loadTemplate('ecommerce');
    await t.as(shop, () => provisionTicketSetup(t.app.zhida.database.db, shop.id, ticketCategories));
  });
  afterAll(() => t.close());

  it('files a complaint as a real ticket linked to the conversation, with the transcript for staff', async () => {
    const visitor = await t.startVisitor(shop);
    await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages`, headers: visitor.headers, payload: { text: '我要投诉快递员', clientMsgId: 'c-1' } });
    const connector = new NativeTicketConnector(ticketDatabase(t.app.zhida.database.db), t.app.zhida.tickets.service);
    const filed = await t.as(shop, () => connector.create({ tenantId: shop.id, conversationId: visitor.conversationId, now: new Date() }, { category: 'complaint', description: '快递员态度很差，包裹被扔在门口' }));
    expect(filed.ticketNumber).toMatch(/^GD\d{12}$/);
    expect(Number.isInteger(filed.responseHours) && filed.responseHours >= 1).toBe(true);

    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/widget/tickets', headers: visitor.headers })).json().items as CustomerTicketDto[];
    expect(mine.map((m) => m.number)).toEqual([filed.ticketNumber]);
    expect(mine[0]!.category?.key).toBe('service_complaint');
    expect(JSON.stringify(mine[0])).not.toContain('会话记录');

    const agent = await t.login(shop, 'agent');
    const found = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${filed.ticketNumber}`, headers: agent.headers })).json().items as { id: string; channel: string }[];
    expect(found[0]!.channel).toBe('chat');
    const events = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${found[0]!.id}/events`, headers: agent.headers })).json().items as TicketEventDto[];
    const note = events.find((e) => e.type === 'note');
    expect(note?.public).toBe(false);
    expect(note?.body).toContain('访客：我要投诉快递员');
  });
});
