import { describe, expect, it } from 'vitest';
import { TicketController } from './ticket-controller.js';
import { FakeTicketServer } from './test-support/fake-ticket-server.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

const session: VisitorSession = { conversationId: 'c-1', visitorToken: 'vt' };
const form = { categoryId: 'cat-1', description: '收到的衣服有破洞', contact: { phone: '13800138000' }, fields: {} };

function setup(options: { session?: VisitorSession | null } = {}) {
  const server = new FakeTicketServer();
  const tickets = new TicketController({ api: server, session: async () => (options.session === undefined ? session : options.session) });
  return { server, tickets };
}

/** Lets pending promise callbacks (fake API answers) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the ticket screens', () => {
  it('submits from the form, shows the new ticket’s page with its number at once, and 返回 leads to 我的工单', async () => {
    const { server, tickets } = setup();
    await tickets.showNew();
    expect(tickets.state).toMatchObject({ screen: 'new', canGoBack: true, categories: [{ name: '退换货' }] });

    expect(await tickets.submit(form, [{ filename: '破洞.png', contentType: 'image/png', dataBase64: 'iVBORw0KGgo=' }])).toBe(true);
    expect(tickets.state).toMatchObject({ screen: 'detail', submittedNumber: 'GD202612060007', ticket: { number: 'GD202612060007' } });
    expect(tickets.state.ticket?.timeline[0]?.attachments).toEqual([{ id: 'a-0', filename: '破洞.png' }]);

    tickets.back();
    await settle();
    expect(tickets.state).toMatchObject({ screen: 'list', submittedNumber: null });
    expect(tickets.state.tickets?.map((t) => t.number)).toEqual(['GD202612060007']);
    expect(server.calls).toEqual(['categories', 'submit 收到的衣服有破洞', 'list']);
  });

  it('loads the categories once, not on every visit to the form', async () => {
    const { server, tickets } = setup();
    await tickets.showNew();
    tickets.showChat();
    await tickets.showNew();
    expect(server.calls).toEqual(['categories']);
  });

  it('goes list → ticket → back to the list → back to the chat', async () => {
    const { server, tickets } = setup();
    await server.submit(session, { ...form, description: '第一张' });
    await server.submit(session, { ...form, description: '第二张' });
    await tickets.showList();
    expect(tickets.state.tickets?.map((t) => t.description)).toEqual(['第二张', '第一张']);

    const opening = tickets.showTicket('t-7');
    // Drawn from the list row before the fresh copy arrives.
    expect(tickets.state).toMatchObject({ screen: 'detail', loading: true, ticket: { id: 't-7', description: '第一张' } });
    await opening;
    expect(tickets.state).toMatchObject({ screen: 'detail', loading: false, ticket: { id: 't-7' } });

    tickets.back();
    await settle();
    expect(tickets.state.screen).toBe('list');
    tickets.back();
    expect(tickets.state).toMatchObject({ screen: 'chat', canGoBack: false, ticket: null });
  });

  it('drops an answer for a screen the visitor has already left', async () => {
    const { server, tickets } = setup();
    await server.submit(session, form);
    const slow = tickets.showList();
    tickets.showChat();
    await slow;
    expect(tickets.state).toMatchObject({ screen: 'chat', loading: false });
  });

  it('refetches the open ticket when the server says it changed, and ignores other tickets', async () => {
    const { server, tickets } = setup();
    await server.submit(session, form);
    await server.submit(session, { ...form, description: '另一张' });
    await tickets.showList();
    await tickets.showTicket('t-7');
    server.calls.length = 0;

    server.staffReply('t-7', '您好，请补充订单照片');
    tickets.ticketChanged('t-7');
    await settle();
    expect(tickets.state.ticket?.timeline.at(-1)).toMatchObject({ by: 'staff', text: '您好，请补充订单照片' });
    expect(tickets.state.tickets?.find((t) => t.id === 't-7')?.statusText).toBe('处理中');

    tickets.ticketChanged('t-8');
    await settle();
    expect(server.calls).toEqual(['get t-7']);
  });

  it('refetches the list on a change or a reconnect while 我的工单 is open, and nothing while chatting', async () => {
    const { server, tickets } = setup();
    await server.submit(session, form);
    await tickets.showList();
    server.resolve('t-7');
    tickets.ticketChanged('t-7');
    await settle();
    expect(tickets.state.tickets?.[0]?.statusText).toBe('已解决');
    tickets.reconnected();
    await settle();
    expect(server.calls.filter((c) => c === 'list')).toHaveLength(3);

    tickets.showChat();
    tickets.ticketChanged('t-7');
    tickets.reconnected();
    await settle();
    expect(server.calls.filter((c) => c === 'list')).toHaveLength(3);
  });

  it('adds information, confirms a resolved ticket, and reopens one within its window', async () => {
    const { server, tickets } = setup();
    await server.submit(session, form);
    await tickets.showTicket('t-7');

    expect(await tickets.addInfo('补充：吊牌还在', [])).toBe(true);
    expect(tickets.state.ticket?.timeline.at(-1)).toMatchObject({ by: 'customer', text: '补充：吊牌还在' });

    server.resolve('t-7');
    tickets.ticketChanged('t-7');
    await settle();
    expect(tickets.state.ticket).toMatchObject({ canConfirm: true, canReopen: true, reopenUntil: '2026-12-13T09:00:00.000Z' });
    expect(await tickets.reopen()).toBe(true);
    expect(tickets.state.ticket).toMatchObject({ status: 'open', canReopen: false });

    server.resolve('t-7');
    await tickets.showTicket('t-7');
    expect(await tickets.confirm()).toBe(true);
    expect(tickets.state.ticket).toMatchObject({ status: 'closed', statusText: '已关闭', canAddInfo: false });
  });

  it('keeps the form when the server refuses a submission and shows its Chinese message', async () => {
    const { server, tickets } = setup();
    await tickets.showNew();
    server.failNext = new WidgetApiError('unsupported_attachment', 400, '仅支持图片（PNG/JPEG/GIF/WebP）和 PDF 附件');
    expect(await tickets.submit(form, [])).toBe(false);
    expect(tickets.state).toMatchObject({ screen: 'new', working: false, error: { code: 'unsupported_attachment', message: '仅支持图片（PNG/JPEG/GIF/WebP）和 PDF 附件' } });
    expect(server.tickets).toHaveLength(0);
  });

  it('shows a refusal of confirm as an error and leaves the ticket as it was', async () => {
    const { server, tickets } = setup();
    await server.submit(session, form);
    await tickets.showTicket('t-7');
    expect(await tickets.confirm()).toBe(false);
    expect(tickets.state).toMatchObject({ error: { code: 'invalid_state', message: '工单尚未解决，无法确认' }, ticket: { status: 'new' } });
  });

  it('reports an unreachable service instead of loading forever', async () => {
    const { tickets } = setup({ session: null });
    await tickets.showList();
    expect(tickets.state).toMatchObject({ screen: 'list', loading: false, tickets: null, error: { code: 'unavailable' } });
  });

  it('refuses a second action while one is on its way', async () => {
    const { server, tickets } = setup();
    await server.submit(session, form);
    await tickets.showTicket('t-7');
    const first = tickets.addInfo('一', []);
    const second = tickets.addInfo('二', []);
    expect(await second).toBe(false);
    expect(await first).toBe(true);
    expect(server.calls.filter((c) => c.startsWith('reply'))).toEqual(['reply t-7 一']);
  });

  it('holds 提交工单 and 补充信息 back until the privacy notice is accepted, recording the acceptance before either is sent', async () => {
    const server = new FakeTicketServer();
    let accepted = false;
    const ledger: string[] = [];
    const notice = {
      accepted: () => accepted,
      beforeSending: async (s: VisitorSession) => {
        ledger.push(`ledger ${s.conversationId} before ${server.calls.length} calls`);
      },
    };
    const tickets = new TicketController({ api: server, session: async () => session, notice });
    await tickets.showNew();
    expect(await tickets.submit(form, [])).toBe(false);
    expect(tickets.state).toMatchObject({ screen: 'new', working: false, error: { code: 'privacy_notice_required' } });
    expect(server.tickets).toHaveLength(0);
    expect(ledger).toEqual([]);

    accepted = true;
    tickets.noticeAccepted();
    expect(tickets.state.error).toBeNull();
    expect(await tickets.submit(form, [])).toBe(true);
    expect(ledger).toEqual(['ledger c-1 before 1 calls']);
    expect(server.calls).toEqual(['categories', 'submit 收到的衣服有破洞']);

    // Withdrawn later (隐私设置 → 撤回): 补充信息 on the ticket page waits again.
    accepted = false;
    expect(await tickets.addInfo('补充一张照片', [])).toBe(false);
    expect(tickets.state.error).toMatchObject({ code: 'privacy_notice_required' });
    expect(server.calls.filter((c) => c.startsWith('reply'))).toEqual([]);
  });
});
