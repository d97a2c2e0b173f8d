import { describe, expect, it } from 'vitest';
import { findMoneyAmounts } from './find-money-amounts.js';

describe('money amounts', () => {
  it.each([
    ['退我300元', '300元', 300],
    ['一共¥1,299.50', '¥1,299.50', 1299.5],
    ['才三百块', '三百块', 300],
    ['两千五百元的那款', '两千五百元', 2500],
    ['一万二块', '一万二块', 12000],
    ['三块五', '三块五', 3.5],
    ['退了50块钱', '50块钱', 50],
    ['1.5万元', '1.5万元', 15000],
  ])('reads %s', (text, matched, amount) => {
    expect(findMoneyAmounts(text)).toMatchObject([{ text: matched, amount, currency: 'CNY', bare: false }]);
  });

  it('reads 300多块 and 两百多元 as approximate lower bounds', () => {
    expect(findMoneyAmounts('花了300多块')).toMatchObject([{ text: '300多块', amount: 300, approximate: true }]);
    expect(findMoneyAmounts('两百多元')).toMatchObject([{ amount: 200, approximate: true }]);
    expect(findMoneyAmounts('300块')).toMatchObject([{ approximate: false }]);
  });

  it('reads US dollars', () => {
    expect(findMoneyAmounts('$12.5')).toMatchObject([{ amount: 12.5, currency: 'USD' }]);
    expect(findMoneyAmounts('20美元')).toMatchObject([{ amount: 20, currency: 'USD' }]);
  });

  it('takes a bare 1.5万 as money it trusts less, but not 1.5万件', () => {
    expect(findMoneyAmounts('预算1.5万')).toMatchObject([{ amount: 15000, bare: true }]);
    expect(findMoneyAmounts('卖了1.5万件')).toEqual([]);
  });

  it('ignores plain numbers', () => {
    expect(findMoneyAmounts('订单123456')).toEqual([]);
  });
});
