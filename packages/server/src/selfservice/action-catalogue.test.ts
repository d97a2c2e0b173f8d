import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionCatalogue, type CatalogueDeps } from './action-catalogue.js';
import type { CustomerTicketStatus } from './connectors/ticket-connector.js';

const industries = ['ecommerce', 'finance', 'government', 'telecom'] as const;
// Handlers are only built here, never run, so their dependencies can be empty.
const catalogue = actionCatalogue({ connectors: {}, otp: {}, verifications: {}, policies: {} } as unknown as CatalogueDeps);

interface ActionStep {
  type: 'action';
  action: string;
  args?: Record<string, unknown>;
}

async function actionSteps(industry: string): Promise<{ flow: string; step: ActionStep }[]> {
  const file = fileURLToPath(new URL(`../../../templates/${industry}/flows.json`, import.meta.url));
  const { flows } = JSON.parse(await readFile(file, 'utf8')) as { flows: { id: string; steps: { type: string }[] }[] };
  return flows.flatMap((flow) => flow.steps.filter((s): s is ActionStep => s.type === 'action').map((step) => ({ flow: flow.id, step })));
}

describe('the action catalogue and the industry flows', () => {
  it.each(industries)('knows every action the %s flows call, with the args they pass', async (industry) => {
    for (const { flow, step } of await actionSteps(industry)) {
      const handler = catalogue[step.action];
      expect(handler, `${flow} calls ${step.action}`).toBeDefined();
      const shape = (handler!.args as z.ZodObject).shape;
      const passed = Object.keys(step.args ?? {});
      expect(passed.filter((k) => !(k in shape)), `${flow} → ${step.action} passes unknown args`).toEqual([]);
      const required = Object.entries(shape).filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success).map(([k]) => k);
      expect(required.filter((k) => !passed.includes(k)), `${flow} → ${step.action} misses args`).toEqual([]);
    }
  });
});

describe('tickets.status', () => {
  const ctx = { tenantId: 't', conversationId: 'c', visitorId: 'v', now: new Date('2026-12-06T02:00:00Z') };
  const returnTicket: CustomerTicketStatus = { number: 'GD202612060007', categoryName: '退换货', statusText: '处理中', progress: '已派单至售后服务部', expectation: '预计今天 16:00 前处理' };
  const invoiceTicket: CustomerTicketStatus = { number: 'GD202612050002', categoryName: null, statusText: '待您补充信息', progress: null, expectation: null };
  function withTickets(visible: CustomerTicketStatus[]) {
    const asked: { number?: string; limit?: number } = {};
    const tickets = {
      create: () => Promise.reject(new Error('not used')),
      findForCustomer: async (_: unknown, number: string) => {
        asked.number = number;
        return visible.find((t) => t.number === number) ?? null;
      },
      openForCustomer: async (_: unknown, limit: number) => {
        asked.limit = limit;
        return visible.slice(0, limit);
      },
    };
    const handler = actionCatalogue({ connectors: { tickets }, otp: {}, verifications: {}, policies: {} } as unknown as CatalogueDeps)['tickets.status']!;
    return { asked, run: (args: Record<string, unknown>) => handler.run(ctx, handler.args.parse(args)) };
  }

  it('answers one ticket by its number (any case) in the line the bot says', async () => {
    const { asked, run } = withTickets([returnTicket]);
    expect(await run({ ticketNumber: 'gd202612060007' })).toEqual({
      count: 1,
      ticketNumber: 'GD202612060007',
      statusText: '处理中',
      expectation: '预计今天 16:00 前处理',
      summary: 'GD202612060007 退换货（处理中）：已派单至售后服务部，预计今天 16:00 前处理',
    });
    expect(asked.number).toBe('GD202612060007');
  });

  it('refuses a number the visitor may not see', async () => {
    const { run } = withTickets([returnTicket]);
    await expect(run({ ticketNumber: 'GD202612060008' })).rejects.toMatchObject({ code: 'ticket_not_found', message: '没有找到这个工单' });
  });

  it('lists the latest three open tickets without a number, and says none when there are none', async () => {
    const many = withTickets([returnTicket, invoiceTicket, { ...invoiceTicket, number: 'GD202612040001' }, { ...invoiceTicket, number: 'GD202612030001' }]);
    const listed = await many.run({ ticketNumber: '' });
    expect(many.asked.limit).toBe(3);
    expect(listed.count).toBe(3);
    expect(String(listed.summary).split('\n')).toEqual([
      'GD202612060007 退换货（处理中）：已派单至售后服务部，预计今天 16:00 前处理',
      'GD202612050002 工单（待您补充信息）',
      'GD202612040001 工单（待您补充信息）',
    ]);
    expect(await withTickets([]).run({})).toEqual({ count: 0, summary: '' });
  });

  it('takes no number of another shape', () => {
    const { success } = catalogue['tickets.status']!.args.safeParse({ ticketNumber: 'E202611250001' });
    expect(success).toBe(false);
  });
});
