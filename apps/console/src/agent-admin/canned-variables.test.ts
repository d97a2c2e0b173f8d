import { describe, expect, it } from 'vitest';
import { isValidShortcut, normalizeShortcut, splitCannedBody, unknownVariables } from './canned-variables.js';

describe('canned reply variables', () => {
  it('cuts a body into text and the variables that will be filled', () => {
    expect(splitCannedBody('您好{customerName}，订单{orderNumber}已发货')).toEqual([
      { kind: 'text', text: '您好' },
      { kind: 'variable', text: '{customerName}', name: 'customerName' },
      { kind: 'text', text: '，订单' },
      { kind: 'variable', text: '{orderNumber}', name: 'orderNumber' },
      { kind: 'text', text: '已发货' },
    ]);
  });

  it('flags a placeholder nothing fills, once', () => {
    const body = '工单{ticketNumber}，退款日期{refundDate}，再次{refundDate}';
    expect(splitCannedBody(body).filter((part) => part.kind === 'unknown')).toHaveLength(2);
    expect(unknownVariables(body)).toEqual(['refundDate']);
  });

  it('leaves text without placeholders whole, and braces without a name alone', () => {
    expect(splitCannedBody('请稍等 {} 片刻')).toEqual([{ kind: 'text', text: '请稍等 {} 片刻' }]);
    expect(splitCannedBody('')).toEqual([]);
  });
});

describe('canned reply shortcuts', () => {
  it('drops the slash and spaces an agent types out of habit', () => {
    expect(normalizeShortcut(' /退货 ')).toBe('退货');
    expect(normalizeShortcut('／hi')).toBe('hi');
  });

  it('accepts single words only', () => {
    expect(isValidShortcut('退货')).toBe(true);
    expect(isValidShortcut('order_no-2')).toBe(true);
    expect(isValidShortcut('退 货')).toBe(false);
    expect(isValidShortcut('')).toBe(false);
    expect(isValidShortcut('x'.repeat(33))).toBe(false);
  });
});
