import { describe, expect, it } from 'vitest';
import { loadTemplate } from './load-template.js';
import { ticketCategorySchema } from './ticket-category-schema.js';
import { templateIds } from './template-id.js';

const base = { id: 'refund_delay', name: { zh: '退款未到账', en: 'Refund not received' }, department: '财务部', priority: 'P2', slaMinutes: 240 };

describe('ticket category fields', () => {
  it('accepts typed fields and fills in required = false', () => {
    const parsed = ticketCategorySchema.parse({ ...base, fields: [{ key: 'order_no', label: '订单号', type: 'order_number' }] });
    expect(parsed.fields).toEqual([{ key: 'order_no', label: '订单号', type: 'order_number', required: false }]);
  });

  it('refuses a repeated key, a select without options and options on a non-select field', () => {
    const field = { key: 'order_no', label: '订单号', type: 'order_number' };
    expect(ticketCategorySchema.safeParse({ ...base, fields: [field, field] }).success).toBe(false);
    expect(ticketCategorySchema.safeParse({ ...base, fields: [{ key: 'want', label: '处理方式', type: 'select' }] }).success).toBe(false);
    expect(ticketCategorySchema.safeParse({ ...base, fields: [{ ...field, options: ['a'] }] }).success).toBe(false);
    expect(ticketCategorySchema.safeParse({ ...base, fields: [{ key: 'Order No', label: '订单号', type: 'text' }] }).success).toBe(false);
  });

  it.each(templateIds)('gives most %s categories the fields an agent needs to act', async (id) => {
    const template = await loadTemplate(id);
    const withFields = template.ticketCategories.filter((c) => c.fields.length > 0);
    expect(withFields.length / template.ticketCategories.length).toBeGreaterThanOrEqual(0.8);
  });
});
