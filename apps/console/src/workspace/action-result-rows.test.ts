import { describe, expect, it } from 'vitest';
import { actionResultRows } from './action-result-rows.js';

describe('action result rows', () => {
  it('shows the data, nested values as JSON, empty ones left out', () => {
    expect(actionResultRows({ ok: true, data: { rmaNumber: 'RMA2026', refund: 1299, delivered: true, pickup: { day: '2026-12-08' }, note: null, memo: '' } })).toEqual([
      ['rmaNumber', 'RMA2026'],
      ['refund', '1299'],
      ['delivered', 'true'],
      ['pickup', '{"day":"2026-12-08"}'],
    ]);
  });

  it('has no rows for a refusal', () => {
    expect(actionResultRows({ ok: false, error: { code: 'order_not_found', message: '没有查到该订单' } })).toEqual([]);
  });
});
