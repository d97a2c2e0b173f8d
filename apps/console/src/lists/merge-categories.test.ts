import { describe, expect, it } from 'vitest';
import { mergeCategories } from './merge-categories.js';

describe('category dropdown options', () => {
  it('keeps categories seen earlier when a filtered load only returns one', () => {
    expect(mergeCategories(['物流', '退货', '发票'], ['退货'], 'zh-CN')).toEqual(['发票', '退货', '物流']);
  });

  it('lists a category only once however often it is seen', () => {
    expect(mergeCategories(['billing'], ['billing', 'Billing', 'billing'], 'en')).toEqual(['billing', 'Billing']);
  });

  it('orders by the given locale', () => {
    expect(mergeCategories([], ['b', 'a', 'C'], 'en')).toEqual(['a', 'b', 'C']);
  });

  it('does not change the known list it was given', () => {
    const known = ['b'];
    mergeCategories(known, ['a'], 'en');
    expect(known).toEqual(['b']);
  });
});
