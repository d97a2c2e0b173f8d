import { describe, expect, it } from 'vitest';
import { describeReturn } from './describe-customer-records.js';

const cst = (at: string) => new Date(`${at.replace(' ', 'T')}:00+08:00`);
/** The snippet of a return whose status changed at `changed` and whose backend plans the next step at `nextAt`. */
const ret = (status: string, changed: string | null, nextAt: string | null, kind = 'return', method: string | null = 'pickup') =>
  describeReturn({
    reference: 'RMA1',
    kind,
    status,
    method,
    new_spec: kind === 'exchange' ? 'XL 码' : null,
    item_summary: '跑步鞋 42 码 ×1',
    status_changed_at: changed ? cst(changed) : null,
    next: nextAt ? { at: cst(nextAt) } : null,
  }).snippet;

describe('describeReturn with the date of its status and the step the backend plans next', () => {
  it('dates each step and says what comes next and by when', () => {
    expect(ret('submitted', '2026-11-25 10:00', '2026-11-26 18:00')).toBe('跑步鞋 42 码 ×1 · 已提交（11月25日）；预计11月26日上门取件');
    expect(ret('submitted', '2026-11-25 10:00', '2026-11-27 18:00', 'return', 'dropoff')).toBe('跑步鞋 42 码 ×1 · 已提交（11月25日）；请于11月27日前寄回商品');
    expect(ret('shipped_back', '2026-11-26 18:00', '2026-11-27 10:00')).toBe('跑步鞋 42 码 ×1 · 已寄回，待验收（11月26日）；预计11月27日前送达售后仓');
    expect(ret('received', '2026-11-27 10:00', '2026-11-30 10:00')).toBe('跑步鞋 42 码 ×1 · 已收货，验收中（11月27日）；预计11月30日前完成验收');
    expect(ret('approved', '2026-11-30 10:00', '2026-12-01 10:00')).toBe('跑步鞋 42 码 ×1 · 验收通过（11月30日）；预计12月1日前原路退款');
    expect(ret('refunded', '2026-12-01 10:00', null)).toBe('跑步鞋 42 码 ×1 · 已退款（12月1日）');
  });

  it('ends an exchange with the new item shipped', () => {
    expect(ret('approved', '2026-11-30 10:00', '2026-12-01 10:00', 'exchange')).toBe('跑步鞋 42 码 ×1 换 XL 码 · 验收通过（11月30日）；预计12月1日前发出新商品');
    expect(ret('completed', '2026-12-01 10:00', null, 'exchange')).toBe('跑步鞋 42 码 ×1 换 XL 码 · 已完成，新商品已发出（12月1日）');
  });

  it('keeps the plain status without a date, an unknown status as stored, and promises nothing the backend did not plan', () => {
    expect(ret('received', null, '2026-11-30 10:00')).toBe('跑步鞋 42 码 ×1 · 已收货，验收中');
    expect(ret('on_hold', '2026-11-27 10:00', null)).toBe('跑步鞋 42 码 ×1 · on_hold（11月27日）');
    expect(ret('received', '2026-11-27 10:00', null)).toBe('跑步鞋 42 码 ×1 · 已收货，验收中（11月27日）');
  });
});
