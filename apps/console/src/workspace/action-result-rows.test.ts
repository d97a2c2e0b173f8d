import { describe, expect, it } from 'vitest';
import { actionResultRows } from './action-result-rows.js';

describe('action result rows', () => {
  it('shows the wrapped result, nested values as JSON, empty ones left out', () => {
    expect(actionResultRows({ ok: true, result: { rmaNumber: 'RMA2026', refund: 1299, pickup: { day: '2026-12-08' }, note: null, memo: '' } })).toEqual([
      ['rmaNumber', 'RMA2026'],
      ['refund', '1299'],
      ['pickup', '{"day":"2026-12-08"}'],
    ]);
  });

  it('shows the fields themselves when the answer is not wrapped', () => {
    expect(actionResultRows({ status: '已签收', delivered: true })).toEqual([
      ['status', '已签收'],
      ['delivered', 'true'],
    ]);
  });
});
