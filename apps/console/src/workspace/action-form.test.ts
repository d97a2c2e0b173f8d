import { describe, expect, it } from 'vitest';
import { actionArgs, actionFields } from './action-form.js';

const schema = {
  type: 'object',
  properties: {
    orderId: { type: 'string', title: '订单号', pattern: '^[A-Z]{0,4}\\d{8,24}$' },
    reason: { type: 'string', enum: ['damaged', 'wrong_item'] },
    quantity: { type: 'integer' },
    urgent: { type: 'boolean', description: '加急处理' },
    note: { type: ['string', 'null'] },
  },
  required: ['orderId', 'reason'],
};

describe('action form from the args schema', () => {
  it('makes one field per property with its kind, label and requirement', () => {
    expect(actionFields(schema)).toEqual([
      { name: 'orderId', label: '订单号', kind: 'text', required: true, options: [], pattern: '^[A-Z]{0,4}\\d{8,24}$', help: null },
      { name: 'reason', label: 'reason', kind: 'select', required: true, options: ['damaged', 'wrong_item'], pattern: null, help: null },
      { name: 'quantity', label: 'quantity', kind: 'number', required: false, options: [], pattern: null, help: null },
      { name: 'urgent', label: 'urgent', kind: 'boolean', required: false, options: [], pattern: null, help: '加急处理' },
      { name: 'note', label: 'note', kind: 'text', required: false, options: [], pattern: null, help: null },
    ]);
  });

  it('has no fields for an action without args', () => {
    expect(actionFields(null)).toEqual([]);
    expect(actionFields({ type: 'object' })).toEqual([]);
  });
});

describe('action args from the form', () => {
  const fields = actionFields(schema);

  it('trims text, parses numbers, reads switches and leaves blanks out', () => {
    expect(actionArgs(fields, { orderId: ' 20261118883301 ', reason: 'damaged', quantity: '2', urgent: true, note: '  ' })).toEqual({
      ok: true,
      args: { orderId: '20261118883301', reason: 'damaged', quantity: 2, urgent: true },
    });
  });

  it('reports missing required fields and text that misses its pattern', () => {
    expect(actionArgs(fields, { orderId: 'abc', quantity: 'two' })).toEqual({ ok: false, missing: ['reason'], invalid: ['orderId', 'quantity'] });
  });
});
