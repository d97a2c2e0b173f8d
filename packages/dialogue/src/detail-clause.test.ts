import { describe, expect, it } from 'vitest';
import { onlyNamesValues } from './detail-clause.js';
import { nluParse } from './test-support/nlu-parse-builder.js';

const clause = (text: string, entities: { type: string; text: string }[]) => ({ text, nlu: nluParse({ text, entities: entities.map((e) => ({ ...e, value: e.text })) }) });

describe('onlyNamesValues', () => {
  it('is true for a value with the word that names it', () => {
    expect(onlyNamesValues(clause('单号20261122900124', [{ type: 'order_number', text: '20261122900124' }]))).toBe(true);
    expect(onlyNamesValues(clause('订单号是：20261122900124', [{ type: 'order_number', text: '20261122900124' }]))).toBe(true);
    expect(onlyNamesValues(clause('手机号13600000175', [{ type: 'mobile', text: '13600000175' }]))).toBe(true);
  });

  it('is false when the clause also says what to do or asks something', () => {
    expect(onlyNamesValues(clause('订单20261122900124到哪了', [{ type: 'order_number', text: '20261122900124' }]))).toBe(false);
    expect(onlyNamesValues(clause('退货20261122900124', [{ type: 'order_number', text: '20261122900124' }]))).toBe(false);
  });

  it('is false without any value', () => {
    expect(onlyNamesValues(clause('单号', []))).toBe(false);
  });
});
