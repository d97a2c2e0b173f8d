import type { CustomerTicket } from '../customer-ticket-schema.js';

/** A ticket as the server would send it; override what the test cares about. */
export function customerTicketFixture(overrides: Partial<CustomerTicket> = {}): CustomerTicket {
  return {
    id: 't-1',
    number: 'GD202612060007',
    subject: '退换货：收到的衣服有破洞',
    description: '收到的衣服有破洞',
    status: 'new',
    statusText: '已提交',
    category: { key: 'return_exchange', name: '退换货' },
    expectation: '已派单至售后服务部，预计今天 16:00 前处理',
    reopenUntil: null,
    canConfirm: false,
    canReopen: false,
    canAddInfo: true,
    timeline: [{ id: 'e-1', at: '2026-12-06T07:00:00.000Z', text: '工单已提交', by: 'system', attachments: [] }],
    createdAt: '2026-12-06T07:00:00.000Z',
    updatedAt: '2026-12-06T07:00:00.000Z',
    ...overrides,
  };
}
