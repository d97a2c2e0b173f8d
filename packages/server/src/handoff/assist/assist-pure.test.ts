import { describe, expect, it } from 'vitest';
import { empathyLine, isEmpathyEmotion } from './empathy-line.js';
import { termSet, termSimilarity } from './term-similarity.js';

describe('term similarity', () => {
  it('rates a paraphrase above an unrelated message', () => {
    const query = termSet('快递三天没动了');
    expect(termSimilarity(query, termSet('我的快递好几天没动'))).toBeGreaterThan(termSimilarity(query, termSet('信用卡账单怎么查')));
  });

  it('is 1 for the same words, 0 for nothing in common or an empty text', () => {
    expect(termSimilarity(termSet('退货运费'), termSet('退货运费'))).toBeCloseTo(1);
    expect(termSimilarity(termSet('退货运费'), termSet('宽带报修'))).toBe(0);
    expect(termSimilarity(termSet(''), termSet('宽带报修'))).toBe(0);
  });
});

describe('empathy line', () => {
  it('answers anger and anxiety in the customer’s language', () => {
    expect(empathyLine('anger', 'zh-CN', 'c1')).toMatch(/抱歉/);
    expect(empathyLine('anxiety', 'en', 'c1')).toMatch(/[A-Za-z]/);
    expect(empathyLine('anxiety', 'zh-CN', 'c1')).not.toMatch(/[A-Za-z]/);
  });

  it('keeps one variant per conversation and varies across conversations', () => {
    expect(empathyLine('anger', 'zh-CN', 'same')).toBe(empathyLine('anger', 'zh-CN', 'same'));
    const seen = new Set(Array.from({ length: 30 }, (_, i) => empathyLine('anger', 'zh-CN', `conversation-${i}`)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('knows which emotions need one', () => {
    expect(['anger', 'anxiety', 'neutral', 'satisfied', null].map(isEmpathyEmotion)).toEqual([true, true, false, false, false]);
  });
});
